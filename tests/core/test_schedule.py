"""The running-late view: planned against actual, with plain data and relay times passed in."""

from __future__ import annotations

from datetime import UTC

import msgspec

from kanpe.core.events import Principal, evolve
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import Command, NextSlot, PauseTimer, SetCurrent, StartTimer
from kanpe.core.rules import Refusal, decide, initial_state
from kanpe.core.rundown import Rundown, Slot
from kanpe.core.schedule import TalkProgress, describe, schedule

HOST = Principal(role=Role.HOST, room="r", client="host")
START = 1_796_410_800.0  # 2026-12-04 19:00 UTC
MIN = 60.0
RUNDOWN = Rundown(
    start=START,
    slots=(
        Slot(id="talk-1", duration=25 * 60),
        Slot(id="talk-2", duration=25 * 60),
        Slot(id="lt-1", duration=5 * 60, warning=60, final=30),
    ),
)


def room(rundown: Rundown = RUNDOWN) -> RoomState:
    return initial_state("r", "Night", rundown)


def run(state: RoomState, command: Command, now: float) -> None:
    events = decide(state, HOST, command, now)
    assert not isinstance(events, Refusal), events
    for event in events:
        evolve(state, event, state.version + 1)


def test_before_anything_starts_the_plan_is_the_forecast() -> None:
    view = schedule(room(), START - 10 * MIN)
    assert [t.progress for t in view.talks] == [TalkProgress.TO_COME] * 3
    assert [t.planned_start for t in view.talks] == [START, START + 25 * MIN, START + 50 * MIN]
    assert view.planned_end == view.expected_end == START + 55 * MIN
    assert view.behind == 0
    assert describe(view, UTC) == "on time; the last talk ends at 19:55"


def test_not_started_at_the_planned_time_is_running_late() -> None:
    view = schedule(room(), START + 4 * MIN)
    assert view.talks[0].expected_start == START + 4 * MIN
    assert view.talks[0].late == 4 * MIN
    assert view.behind == 4 * MIN
    assert describe(view, UTC) == "running 4 min behind; the last talk ends at 19:59"


def test_a_late_start_and_an_overrun_carry_forward() -> None:
    state = room()
    run(state, NextSlot(id="1", start=True), START + 2 * MIN)  # talk-1 starts 2 min late
    view = schedule(state, START + 20 * MIN)
    first = view.talks[0]
    assert first.progress is TalkProgress.UNDER_WAY
    assert (first.actual_start, first.expected_end) == (START + 2 * MIN, START + 27 * MIN)
    assert view.behind == 2 * MIN
    # Five minutes over its time and still talking: the rest of the night moves with it.
    view = schedule(state, START + 32 * MIN)
    assert view.talks[0].expected_end == START + 32 * MIN
    assert view.talks[1].expected_start == START + 32 * MIN
    assert view.behind == 7 * MIN
    run(state, NextSlot(id="2", start=True), START + 33 * MIN)
    view = schedule(state, START + 34 * MIN)
    assert view.talks[0].progress is TalkProgress.DONE
    assert view.talks[0].actual_end == START + 33 * MIN
    assert view.talks[0].actual_length == 31 * MIN
    assert view.talks[1].late == 8 * MIN
    assert describe(view, UTC) == "running 8 min behind; the last talk ends at 20:03"


def test_a_paused_talk_is_expected_to_end_what_it_has_left_after_now() -> None:
    state = room()
    run(state, SetCurrent(id="1", slot="talk-1"), START)
    run(state, StartTimer(id="2", slot="talk-1"), START)
    run(state, PauseTimer(id="3", slot="talk-1"), START + 10 * MIN)
    view = schedule(state, START + 13 * MIN)  # paused for 3 minutes, still on stage
    assert view.talks[0].progress is TalkProgress.UNDER_WAY  # interrupted, 15 minutes to go
    assert view.talks[0].actual_end == START + 10 * MIN  # the record: its last stop so far
    assert view.talks[0].expected_end == START + 28 * MIN
    assert view.behind == 3 * MIN
    run(state, StartTimer(id="4", slot="talk-1"), START + 13 * MIN)
    run(state, PauseTimer(id="5", slot="talk-1"), START + 14 * MIN)
    run(state, StartTimer(id="6", slot="talk-1"), START + 14 * MIN)
    view = schedule(state, START + 15 * MIN)
    assert view.talks[0].progress is TalkProgress.UNDER_WAY
    assert view.talks[0].expected_end == START + 28 * MIN
    assert view.behind == 3 * MIN


def test_a_talk_stopped_off_stage_or_in_overtime_is_done() -> None:
    state = room()
    run(state, NextSlot(id="1", start=True), START)
    run(state, PauseTimer(id="2", slot="talk-1"), START + 26 * MIN)  # a minute over: over
    assert schedule(state, START + 27 * MIN).talks[0].progress is TalkProgress.DONE
    state = room()
    run(state, NextSlot(id="1", start=True), START)
    run(state, PauseTimer(id="2", slot="talk-1"), START + 20 * MIN)
    run(state, SetCurrent(id="3", slot=None), START + 21 * MIN)  # off stage: over
    view = schedule(state, START + 22 * MIN)
    assert view.talks[0].progress is TalkProgress.DONE
    assert view.talks[0].actual_end == START + 20 * MIN


def test_a_skipped_talk_takes_no_time_and_finishing_early_runs_ahead() -> None:
    state = room()
    run(state, SetCurrent(id="1", slot="talk-2"), START)
    run(state, StartTimer(id="2", slot="talk-2"), START)
    view = schedule(state, START + MIN)
    assert view.talks[0].progress is TalkProgress.SKIPPED
    assert view.talks[0].late is None
    assert view.talks[1].late == -25 * MIN
    assert view.behind == -25 * MIN
    assert describe(view, UTC) == "running 25 min ahead; the last talk ends at 19:30"


def test_without_a_planned_start_the_first_actual_start_anchors_the_plan() -> None:
    state = room(msgspec.structs.replace(RUNDOWN, start=None))
    view = schedule(state, START)
    assert view.behind is None and view.talks[0].planned_start is None
    assert describe(view, UTC) == "the last talk ends at 19:55"
    run(state, NextSlot(id="1", start=True), START + 10 * MIN)
    view = schedule(state, START + 40 * MIN)  # 5 minutes over
    assert view.talks[0].planned_start == START + 10 * MIN
    assert view.behind == 5 * MIN


def test_an_empty_rundown() -> None:
    view = schedule(room(Rundown(start=START)), START)
    assert view.talks == () and view.expected_end is None and view.behind is None
    assert describe(view, UTC) == "the rundown has no talks"
