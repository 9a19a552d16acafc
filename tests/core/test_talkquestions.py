"""The speaker's question queue: the talk's questions, what to answer first, what is new."""

from __future__ import annotations

from kanpe.core.model import Question
from kanpe.core.talkquestions import SeenQuestions, talk_queue


def question(qid: str, *, slot: str | None = "talk-1", votes: int = 0, at: float = 0.0,
             answered: bool = False, hidden: bool = False, text: str = "Why?") -> Question:  # fmt: skip
    return Question(
        id=qid, text="" if hidden else text, at=at, slot=slot, votes=votes,
        answered=answered, hidden=hidden,
    )  # fmt: skip


def test_the_queue_is_the_talks_questions_most_voted_first_answered_last() -> None:
    asked = [
        question("q1", votes=1, at=10),
        question("q2", votes=4, at=20),
        question("q3", votes=4, at=15),
        question("q4", votes=9, at=5, answered=True),
        question("q5", slot="talk-2", votes=50),
        question("q6", slot=None, votes=50),
        question("q7", votes=99, hidden=True),
        question("q8", votes=0, at=30),
    ]
    assert [q.id for q in talk_queue(asked, "talk-1")] == ["q3", "q2", "q1", "q8", "q4"]
    assert [q.id for q in talk_queue(asked, "talk-2")] == ["q5"]
    assert talk_queue(asked, None) == []


def test_a_question_is_new_until_seen() -> None:
    seen = SeenQuestions()
    queue = [question("q1"), question("q2"), question("q3", answered=True)]
    assert seen.new_count(queue) == 2  # an answered question is no news
    assert seen.see("q1") and not seen.see("q1")
    assert [seen.is_new(q) for q in queue] == [False, True, True]
    assert seen.see_all(queue)
    assert seen.new_count(queue) == 0 and not seen.see_all(queue)
    later = [*queue, question("q4")]
    assert seen.new_count(later) == 1
