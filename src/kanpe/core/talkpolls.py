"""Which of a room's polls a speaker's windows show: pure, so the choice is tested without Qt.

A poll belongs to one talk (``Poll.slot``): the speaker's own when the speaker opened it, the talk
on stage when the host did. A speaker's console follows the newest open poll of their talk (the
newest closed one once none is open, so its result stays in view), and their stage shows the poll
of their talk whose result was put on the stage (``Poll.shown``). A poll of another talk is never
shown on this speaker's stage, even when left shown after that talk ended.
"""

from __future__ import annotations

from collections.abc import Iterable

from kanpe.core.model import Poll


def talk_polls(polls: Iterable[Poll], slot: str | None) -> list[Poll]:
    """The polls of talk ``slot``, oldest first (none without a slot)."""
    if slot is None:
        return []
    return sorted((poll for poll in polls if poll.slot == slot), key=lambda poll: poll.at)


def followed_poll(polls: Iterable[Poll], slot: str | None) -> Poll | None:
    """The poll the console follows: the newest open one of the talk, else its newest."""
    mine = talk_polls(polls, slot)
    still_open = [poll for poll in mine if poll.open]
    newest = still_open or mine
    return newest[-1] if newest else None


def stage_poll(polls: Iterable[Poll], slot: str | None) -> Poll | None:
    """The poll of the talk whose result is on the stage, if any (the relay shows one at most)."""
    shown = [poll for poll in talk_polls(polls, slot) if poll.shown]
    return shown[-1] if shown else None
