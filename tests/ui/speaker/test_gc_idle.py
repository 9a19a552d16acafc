"""The speaker app's garbage collection (ui/gcidle.py over core/gcpolicy.py): start-up is
frozen, a full collection waits for a quiet moment away from the countdown's next repaint, and
quitting gives the process its collector back. Nothing here is timed: the pauses are in
bench/_speaker_gc.py."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from kanpe.core.gcpolicy import FULL, NEVER, SPEAKER_GC, GcPolicy
from kanpe.net.relay import RoomInvites
from kanpe.ui.gcidle import GUARD, IdleCollector
from tests.ui.speaker.conftest import FakeClock, Speakers, speaker_test

POLICY = GcPolicy(idle_after=2.0, min_interval=30.0, max_interval=300.0)


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> weakref.ref[Node]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


class Work(QObject):
    happened = Signal()


@pytest.fixture
def interpreter_collector() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
    gc.unfreeze()


@pytest.mark.usefixtures("interpreter_collector")
def test_a_full_collection_waits_for_quiet_away_from_the_next_repaint(qtbot: QtBot) -> None:
    clock = FakeClock()
    repaint: list[float | None] = [None]
    collector = IdleCollector(POLICY, next_paint=lambda: repaint[0], clock=clock)
    work = Work()
    collector.watch(work.happened)
    before = gc.get_threshold()
    collector.start()
    try:
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] == NEVER
        garbage = cycle()
        clock.advance(POLICY.min_interval + 1)  # quiet all along, and due
        repaint[0] = clock() + GUARD / 2  # but the countdown repaints in a moment
        assert collector.check() is None
        assert garbage() is not None
        repaint[0] = clock() + GUARD * 2
        assert collector.check() == FULL
        assert garbage() is None
        # A flip (any watched signal) puts the next one off until the app is quiet again.
        clock.advance(POLICY.min_interval + 1)
        work.happened.emit()
        clock.advance(POLICY.idle_after / 2)
        repaint[0] = None
        assert collector.check() is None
        clock.advance(POLICY.idle_after)
        assert collector.check() == FULL
        assert collector.schedule.full_collections == 2
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@speaker_test
@pytest.mark.usefixtures("interpreter_collector")
async def test_the_speaker_app_collects_at_its_quiet_moments_and_gives_it_back_when_it_quits(
    invites: RoomInvites, speakers: Speakers, clock: FakeClock, deck_path: Path
) -> None:
    app = await speakers.start(invites.speakers["talk-1"], deck=deck_path)
    before = gc.get_threshold()
    collector = app.collect_garbage_when_idle(SPEAKER_GC)
    assert gc.get_freeze_count() > 0  # the windows, the deck: frozen
    clock.advance(SPEAKER_GC.min_interval)
    app.deck.go(2)  # a flip is work
    assert collector.last_work == clock()
    assert collector.check() is None
    clock.advance(SPEAKER_GC.idle_after)
    assert collector.check() == FULL
    app.quit()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
