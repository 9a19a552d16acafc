"""The rule for forgetting command ids (docs/protocol.md 7.1.1), at its edges, on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanpe.core.retention import RETRY_KEEP, RETRY_WINDOW, RetryMemory

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"
MEMORY = RetryMemory(window=60.0, keep=3)


@pytest.mark.parametrize(
    ("acked_at", "newer", "now", "remembered"),
    [
        (100.0, 10, 160.0, True),  # exactly the window old: still remembered
        (100.0, 10, 160.001, False),  # just past it, with enough newer: forgotten
        (100.0, 2, 10_000.0, True),  # old, but among its identity's last 3
        (100.0, 3, 10_000.0, False),  # old, and 3 newer: forgotten
        (100.0, 0, 100.0, True),  # just acknowledged
        (100.0, 1_000, 159.0, True),  # many newer, but inside the window
    ],
)
def test_an_id_is_forgotten_only_when_old_and_not_among_the_last(
    acked_at: float, newer: int, now: float, remembered: bool
) -> None:
    assert MEMORY.remembered(acked_at, newer, now) is remembered


def test_newer_means_a_higher_version_so_ties_keep_an_id() -> None:
    # Four reactions acknowledged in one batch share a version: none is newer than another.
    batch = [(0.0, 7)] * 4
    assert MEMORY.forgotten(batch, now=1_000.0) == []
    # Three later commands at higher versions make the whole batch forgettable, not themselves.
    later = [(0.0, 8), (0.0, 9), (0.0, 10)]
    assert MEMORY.forgotten(batch + later, now=1_000.0) == [0, 1, 2, 3]


def test_the_defaults_are_the_documented_ones() -> None:
    assert RetryMemory() == RetryMemory(window=RETRY_WINDOW, keep=RETRY_KEEP)
    rule = DOC.read_text(encoding="utf-8").split("#### 7.1.1", 1)[1].split("\n### ", 1)[0]
    assert f"more than **{RETRY_WINDOW / 60:g} minutes** ago" in rule
    assert f"at least **{RETRY_KEEP}** commands of the **same identity**" in rule


@pytest.mark.parametrize(("window", "keep"), [(-1.0, 3), (60.0, 0)])
def test_a_rule_that_would_forget_a_retry_at_once_is_refused(window: float, keep: int) -> None:
    with pytest.raises(ValueError, match="retry window"):
        RetryMemory(window=window, keep=keep)
