"""Which poll a speaker's console follows and which their stage shows."""

from __future__ import annotations

from kanpe.core.model import Poll
from kanpe.core.talkpolls import followed_poll, stage_poll, talk_polls


def poll(pid: str, at: float, slot: str | None, *, open: bool = True, shown: bool = False) -> Poll:
    return Poll(
        id=pid,
        question=pid,
        options=("Yes", "No"),
        counts=(0, 0),
        open=open,
        shown=shown,
        at=at,
        slot=slot,
    )


def test_only_the_talks_own_polls_oldest_first() -> None:
    polls = [poll("p3", 30, "a"), poll("p1", 10, "a"), poll("p2", 20, "b"), poll("p4", 40, None)]
    assert [p.id for p in talk_polls(polls, "a")] == ["p1", "p3"]
    assert talk_polls(polls, None) == []  # no slot (before the welcome): no polls


def test_the_console_follows_the_newest_open_poll_else_the_newest() -> None:
    assert followed_poll([], "a") is None
    polls = [poll("p1", 10, "a"), poll("p2", 20, "a", open=False), poll("p3", 30, "b")]
    assert followed_poll(polls, "a") == polls[0]  # still open, though older
    polls[0] = poll("p1", 10, "a", open=False)
    assert followed_poll(polls, "a") == polls[1]  # all closed: the newest result stays
    # Opened in the same second: the later one (the relay's order) is the newer.
    same = [poll("p1", 10, "a"), poll("p2", 10, "a")]
    assert followed_poll(same, "a") == same[1]


def test_the_stage_shows_only_this_talks_shown_poll() -> None:
    polls = [poll("p1", 10, "a"), poll("p2", 20, "b", shown=True)]
    assert stage_poll(polls, "a") is None  # the last talk's poll, left shown, is not ours
    assert stage_poll(polls, "b") == polls[1]
    closed = [poll("p1", 10, "a", open=False, shown=True)]
    assert stage_poll(closed, "a") == closed[0]  # a closed result stays on the stage
