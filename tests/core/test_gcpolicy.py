"""The garbage-collection policy (core/gcpolicy.py), on the real collector: it freezes and
collects when told, and the interpreter never starts a full collection behind its back."""

from __future__ import annotations

import gc
import itertools
import weakref
from collections.abc import Iterator

import pytest

from kanpe.core.gcpolicy import FULL, NEVER, YOUNG, GcPauses, GcPolicy, GcSchedule

POLICY = GcPolicy(young=700, middle=10, idle_after=1.0, min_interval=60.0, max_interval=600.0)


@pytest.fixture
def schedule() -> Iterator[GcSchedule]:
    before = gc.get_threshold()
    made = GcSchedule(POLICY, now=1000.0)
    yield made
    made.uninstall()
    gc.set_threshold(*before)
    gc.unfreeze()


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> weakref.ref[Node]:
    """Two objects that only reference each other: garbage only a collection frees."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_install_freezes_what_start_up_made_and_uninstall_gives_it_back(
    schedule: GcSchedule,
) -> None:
    kept = [Node() for _ in range(10)]
    schedule.install()
    assert gc.get_freeze_count() >= len(kept)
    assert not any(o is kept[0] for o in gc.get_objects())  # frozen: no collection walks it
    assert gc.get_threshold() == (POLICY.young, POLICY.middle, NEVER)
    schedule.uninstall()
    assert gc.get_freeze_count() == 0
    assert any(o is kept[0] for o in gc.get_objects())


def generations_collected_while_allocating() -> list[int]:
    """The generations the interpreter collects by itself while 600,000 objects are made and
    a third of them kept: many young collections and ever more survivors."""
    generations: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        survivors = []
        for n in range(600_000):
            node = Node()
            if n % 3 == 0:
                survivors.append(node)
    finally:
        gc.callbacks.remove(seen)
    del survivors
    return generations


def test_installed_the_interpreter_never_starts_a_full_collection(schedule: GcSchedule) -> None:
    gc.set_threshold(700, 10, 10)  # CPython's defaults
    assert FULL in generations_collected_while_allocating()
    schedule.install()
    generations = generations_collected_while_allocating()
    assert generations.count(1) > 10  # it did collect: the young generations only
    assert FULL not in generations


@pytest.mark.parametrize(
    ("since_full", "quiet_for", "expected"),
    [
        (30.0, 5.0, None),  # quiet, but a full collection ran half a minute ago
        (60.0, 5.0, FULL),  # quiet and a minute since: now
        (60.0, 0.5, None),  # busy: put off
        (599.0, 0.0, None),  # busy, still within the longest wait
        (600.0, 0.0, FULL),  # busy for ten minutes: the garbage must go all the same
    ],
)
def test_a_full_collection_waits_for_a_quiet_moment_within_bounds(
    schedule: GcSchedule, since_full: float, quiet_for: float, expected: int | None
) -> None:
    schedule.install()
    gc.collect(1)  # young generations empty: only the full collection's rule decides
    now = 1000.0 + since_full
    assert schedule.due(now, quiet_since=now - quiet_for) == expected


def test_a_quiet_moment_collects_the_young_generations_when_they_hold_enough(
    schedule: GcSchedule,
) -> None:
    schedule.policy = GcPolicy(young=100_000, young_at_idle=350)
    schedule.install()
    young = [Node() for _ in range(500)]  # no automatic collection before 100,000
    assert schedule.due(1001.0, quiet_since=1000.0) == YOUNG
    assert schedule.due(1001.0, quiet_since=1000.5) is None  # not quiet long enough
    assert schedule.step(1001.0, quiet_since=1000.0) == YOUNG
    assert schedule.young_collections == 1
    assert schedule.due(1001.0, quiet_since=1000.0) is None
    del young


def test_step_runs_the_full_collection_it_says_is_due(schedule: GcSchedule) -> None:
    schedule.install()
    garbage = cycle()
    assert schedule.step(1010.0, quiet_since=1000.0) is None  # too soon after install
    assert garbage() is not None
    assert schedule.step(1060.0, quiet_since=1000.0) == FULL
    assert garbage() is None
    assert schedule.full_collections == 1
    assert schedule.last_full == 1060.0
    assert schedule.due(1061.0, quiet_since=1000.0) != FULL  # the next one a minute later


def test_pauses_are_counted_per_generation_with_their_worst_and_p99() -> None:
    ticks = itertools.count()
    pauses = GcPauses(lambda: float(next(ticks))).start()  # each collection lasts one tick
    try:
        gc.collect(0)
        gc.collect(0)
        gc.collect(2)
    finally:
        pauses.stop()
    summary = pauses.summary()
    assert summary[0].count == 2
    assert summary[0].max == 1.0
    assert summary[0].p99 == 1.0
    assert summary[1].count == 0
    assert summary[2].count == 1
    assert pauses.worst() == 1.0
    pauses.clear()
    assert pauses.worst() == 0.0
    gc.collect(0)  # stopped: no longer counted
    assert pauses.summary()[0].count == 0
