"""A speaker's question queue: which of a room's questions it lists, in what order, and which are
new to the speaker. Pure, so the rules are tested without Qt.

The queue is the talk's questions (``Question.slot``, docs/protocol.md 6.7), whatever is on stage
now: after the talk it stays, so nothing asked is forgotten. Hidden ones are left out (their text
is blanked for a speaker anyway). Those still to answer come first, most votes first, then the
older first; answered ones follow in the same order, so they stay in view without getting in the
way. A question is new until the speaker has seen it: selected it, or closed the queue after it
was listed there.
"""

from __future__ import annotations

from collections.abc import Iterable

from kanpe.core.model import Question


def _order(question: Question) -> tuple[bool, int, float, str]:
    return (question.answered, -question.votes, question.at, question.id)


def talk_queue(questions: Iterable[Question], slot: str | None) -> list[Question]:
    """The questions of talk ``slot`` the speaker can act on, in queue order (none without one)."""
    if slot is None:
        return []
    return sorted((q for q in questions if q.slot == slot and not q.hidden and q.text), key=_order)


class SeenQuestions:
    """Which questions the speaker has seen: every question is new until ``see`` or
    ``see_all``."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def is_new(self, question: Question) -> bool:
        return question.id not in self._seen

    def new_count(self, queue: Iterable[Question]) -> int:
        """How many of ``queue`` are new (answered ones are not news)."""
        return sum(1 for q in queue if self.is_new(q) and not q.answered)

    def see(self, question_id: str) -> bool:
        """Mark one seen; whether it was new."""
        if question_id in self._seen:
            return False
        self._seen.add(question_id)
        return True

    def see_all(self, queue: Iterable[Question]) -> bool:
        """Mark every question of ``queue`` seen; whether any was new."""
        ids = {q.id for q in queue} - self._seen
        self._seen |= ids
        return bool(ids)
