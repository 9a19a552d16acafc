"""The talk on stage and each talk's actual times: slot.current, slot.next and what timer
commands record, with plain data and a fake clock (relay times passed in)."""

from __future__ import annotations

import msgspec
import pytest

from kanpe.core.clockface import TimerStatus
from kanpe.core.events import CurrentChanged, LogEvent, Principal, SlotChanged, evolve
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import (
    Command,
    ErrorCode,
    NextSlot,
    PauseTimer,
    ResetTimer,
    SetCurrent,
    StartTimer,
)
from kanpe.core.rules import Refusal, decide, initial_state
from kanpe.core.rundown import Rundown, Slot

HOST = Principal(role=Role.HOST, room="r", client="host")
RUNDOWN = Rundown(
    slots=(
        Slot(id="talk-1", duration=1500),
        Slot(id="talk-2", duration=1500),
        Slot(id="lt-1", duration=300, warning=60, final=30),
    )
)
T0 = 1_800_000_000.0


def new_room() -> RoomState:
    return initial_state("r", "Night", RUNDOWN)


def run(state: RoomState, command: Command, now: float) -> list[LogEvent]:
    """Decide and apply, checking that decide left the state alone."""
    before = msgspec.json.encode(state)
    events = decide(state, HOST, command, now)
    assert msgspec.json.encode(state) == before
    assert not isinstance(events, Refusal), events
    for event in events:
        evolve(state, event, state.version + 1)
    return events


def refused(state: RoomState, command: Command, now: float) -> Refusal:
    outcome = decide(state, HOST, command, now)
    assert isinstance(outcome, Refusal)
    return outcome


def test_start_pause_resume_record_first_start_and_last_stop() -> None:
    state = new_room()
    run(state, StartTimer(id="1", slot="talk-1"), T0)
    assert (state.slots["talk-1"].started, state.slots["talk-1"].ended) == (T0, None)
    run(state, PauseTimer(id="2", slot="talk-1"), T0 + 60)
    assert (state.slots["talk-1"].started, state.slots["talk-1"].ended) == (T0, T0 + 60)
    run(state, StartTimer(id="3", slot="talk-1"), T0 + 90)
    assert (state.slots["talk-1"].started, state.slots["talk-1"].ended) == (T0, None)
    run(state, PauseTimer(id="4", slot="talk-1"), T0 + 1600)
    assert state.slots["talk-1"].ended == T0 + 1600


def test_a_reset_takes_back_a_start_made_by_mistake_but_keeps_a_finished_talk() -> None:
    state = new_room()
    run(state, StartTimer(id="1", slot="talk-2"), T0)
    run(state, ResetTimer(id="2", slot="talk-2"), T0 + 5)
    assert (state.slots["talk-2"].started, state.slots["talk-2"].ended) == (None, None)
    run(state, StartTimer(id="3", slot="talk-1"), T0 + 10)
    run(state, PauseTimer(id="4", slot="talk-1"), T0 + 1510)
    run(state, ResetTimer(id="5", slot="talk-1"), T0 + 1520)
    assert state.slots["talk-1"].timer.status is TimerStatus.IDLE
    assert (state.slots["talk-1"].started, state.slots["talk-1"].ended) == (T0 + 10, T0 + 1510)


def test_leaving_the_stage_ends_a_talk_without_touching_its_timer() -> None:
    state = new_room()
    run(state, SetCurrent(id="1", slot="talk-1"), T0)
    run(state, StartTimer(id="2", slot="talk-1"), T0 + 1)
    events = run(state, SetCurrent(id="3", slot="talk-2"), T0 + 100)
    assert [type(e) for e in events] == [SlotChanged, CurrentChanged]
    assert state.slots["talk-1"].ended == T0 + 100
    assert state.slots["talk-1"].timer.running
    # Back on stage, still running: under way again.
    events = run(state, SetCurrent(id="4", slot="talk-1"), T0 + 110)
    assert [type(e) for e in events] == [CurrentChanged, SlotChanged]
    assert state.slots["talk-1"].ended is None
    # A talk that never began leaves no end behind.
    assert run(state, SetCurrent(id="5", slot="lt-1"), T0 + 120)[-1] == CurrentChanged(slot="lt-1")
    events = run(state, SetCurrent(id="6", slot=None), T0 + 130)
    assert events == [CurrentChanged(slot=None)]


def test_next_stops_the_talk_on_stage_and_starts_the_next() -> None:
    state = new_room()
    events = run(state, NextSlot(id="1", start=True), T0)
    assert [type(e) for e in events] == [CurrentChanged, SlotChanged]
    assert state.current == "talk-1" and state.slots["talk-1"].started == T0
    events = run(state, NextSlot(id="2", start=True), T0 + 1560)
    assert [type(e) for e in events] == [SlotChanged, CurrentChanged, SlotChanged]
    first, second = state.slots["talk-1"], state.slots["talk-2"]
    assert first.timer.status is TimerStatus.PAUSED and first.timer.remaining == -60
    assert (first.started, first.ended) == (T0, T0 + 1560)
    assert state.current == "talk-2" and second.timer.running and second.started == T0 + 1560


def test_next_without_start_leaves_the_next_timer_alone() -> None:
    state = new_room()
    run(state, NextSlot(id="1"), T0)
    assert state.current == "talk-1"
    assert state.slots["talk-1"].timer.status is TimerStatus.IDLE
    # Nothing began, so moving on ends nothing.
    assert [type(e) for e in run(state, NextSlot(id="2"), T0 + 5)] == [CurrentChanged]


def test_next_onto_a_talk_already_running_marks_it_under_way() -> None:
    state = new_room()
    run(state, SetCurrent(id="1", slot="talk-2"), T0)
    run(state, StartTimer(id="2", slot="talk-2"), T0)
    run(state, SetCurrent(id="3", slot="talk-1"), T0 + 10)
    assert state.slots["talk-2"].ended == T0 + 10
    run(state, NextSlot(id="4", start=True), T0 + 20)
    assert state.current == "talk-2" and state.slots["talk-2"].ended is None
    assert state.slots["talk-2"].started == T0


@pytest.mark.parametrize(
    ("rundown", "current", "reason"),
    [
        (Rundown(), None, "the rundown has no talks"),
        (RUNDOWN, "lt-1", "the talk on stage is the last one"),
    ],
)
def test_next_refusals(rundown: Rundown, current: str | None, reason: str) -> None:
    state = initial_state("r", "", rundown)
    state.current = current
    refusal = refused(state, NextSlot(id="1"), T0)
    assert refusal == Refusal(ErrorCode.REFUSED, reason)


def test_next_is_the_host_s_alone() -> None:
    speaker = Principal(role=Role.SPEAKER, room="r", slot="talk-1", client="speaker-talk-1")
    outcome = decide(new_room(), speaker, NextSlot(id="1"), T0)
    assert isinstance(outcome, Refusal) and outcome.code is ErrorCode.FORBIDDEN
