"""Reactions per minute: counts of the last minute, forgotten as they age, with plain times."""

from __future__ import annotations

from kanpe.core.reactionrate import ReactionRate


def test_counts_the_last_minute_per_emoji_and_says_when_that_changes() -> None:
    rate = ReactionRate()
    assert rate.per_minute(0.0) == {} and rate.next_change(0.0) is None
    rate.add(10.0, "👏")
    rate.add(20.0, "👏", 4)  # a coalesced batch of four
    rate.add(30.0, "🎉")
    assert rate.per_minute(30.0) == {"👏": 5, "🎉": 1}
    assert rate.next_change(30.0) == 70.0
    assert rate.per_minute(70.0) == {"👏": 4, "🎉": 1}  # the first one is a minute old
    assert rate.total(80.0) == 1 and rate.next_change(80.0) == 90.0
    assert rate.per_minute(90.0) == {} and rate.next_change(90.0) is None


def test_nothing_counts_for_no_reactions_and_time_never_runs_back() -> None:
    rate = ReactionRate(window=10.0)
    rate.add(5.0, "😂", 0)
    assert rate.per_minute(5.0) == {}
    rate.add(100.0, "😂")
    rate.add(50.0, "🤔")  # an earlier time is taken as the latest seen
    assert rate.per_minute(109.0) == {"😂": 1, "🤔": 1}
    assert rate.per_minute(110.0) == {}
