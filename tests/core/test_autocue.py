"""Automatic cues as a room rule: plain data and a fake clock. A little relay stands in for the
real one: it asks ``next_deadline`` when to wake and applies ``due`` there, as net/autocues.py
does, and every test checks that no threshold ever fires twice."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanpe.core.autocue import cue_text, due, next_deadline
from kanpe.core.events import Principal, SlotChanged, evolve, redact_slot
from kanpe.core.model import CueKind, Role, RoomState, Threshold
from kanpe.core.protocol import (
    AdjustTimer,
    Command,
    NextSlot,
    PauseTimer,
    ResetTimer,
    SetAutoCues,
    SetDuration,
    SetRundown,
    StartTimer,
)
from kanpe.core.rules import Refusal, decide, initial_state
from kanpe.core.rundown import Rundown, Slot

HOST = Principal(role=Role.HOST, room="r", client="host")
T0 = 1_800_000_000.0
RUNDOWN = Rundown(
    slots=(
        Slot(id="talk-1", duration=1500, warning=300, final=60),
        Slot(id="lt-1", duration=300, warning=60, final=30),
    )
)
W, F, UP = Threshold.WARNING, Threshold.FINAL, Threshold.TIME_UP


class Room:
    """A room, a fake clock, and the relay's alarm: ``wait(t)`` runs every alarm up to ``t``."""

    def __init__(self, rundown: Rundown = RUNDOWN) -> None:
        self.state: RoomState = initial_state("r", "", rundown)
        self.now = T0
        self.cues: list[tuple[str, float, str, str]] = []  # slot, time, kind, text

    def do(self, command: Command) -> None:
        events = decide(self.state, HOST, command, self.now)
        assert not isinstance(events, Refusal), events
        for event in events:
            evolve(self.state, event, self.state.version + 1)

    def wait(self, until: float) -> None:
        while (deadline := next_deadline(self.state)) is not None and deadline <= until:
            self.now = max(self.now, deadline)
            events = due(self.state, self.now)
            assert events, "woken for nothing"
            for event in events:
                evolve(self.state, event, self.state.version + 1)
                assert isinstance(event, SlotChanged) and event.slot.cue is not None
                cue = event.slot.cue
                assert cue.id == f"c{self.state.version}"
                self.cues.append((cue.slot, self.now - T0, cue.kind.value, cue.text))
        self.now = until

    def fired(self, slot: str = "talk-1") -> tuple[Threshold, ...]:
        return self.state.slots[slot].auto_cues.fired


def test_each_threshold_fires_once_at_its_moment() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 3000)
    assert room.cues == [
        ("talk-1", 1200, "time", "5 min left"),
        ("talk-1", 1440, "wrap", "1 min left"),
        ("talk-1", 1500, "flash", "Time is up"),
    ]
    assert room.fired() == (W, F, UP)
    assert room.state.slots["talk-1"].cue is not None and room.state.slots["talk-1"].cue.flash
    assert next_deadline(room.state) is None


def test_a_paused_timer_fires_nothing_and_resuming_carries_on() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1000)
    room.do(PauseTimer(id="2", slot="talk-1"))
    room.wait(T0 + 5000)
    assert room.cues == []
    room.do(StartTimer(id="3", slot="talk-1"))  # 500 s left
    room.wait(T0 + 5500)
    assert [c[1] for c in room.cues] == [5200, 5440, 5500]


def test_time_added_back_above_a_threshold_re_arms_it() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1250)  # warning fired at 1200; 250 s left
    room.do(AdjustTimer(id="2", slot="talk-1", seconds=60))  # 310 s left: above 300 again
    assert room.fired() == ()
    room.do(AdjustTimer(id="3", slot="talk-1", seconds=-5))  # 305 s left: still armed
    room.wait(T0 + 1260)
    assert [c[1] for c in room.cues] == [1200, 1255]
    # Time added that stays below the threshold re-arms nothing.
    room.do(AdjustTimer(id="4", slot="talk-1", seconds=3))  # 295 s left, then 298
    assert room.fired() == (W,)


def test_taking_time_away_past_two_thresholds_sends_one_cue() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 100)
    room.do(AdjustTimer(id="2", slot="talk-1", seconds=-1380))  # 20 s left
    room.wait(T0 + 100)
    assert room.cues == [("talk-1", 100, "wrap", "1 min left")]
    assert room.fired() == (W, F)


def test_reset_and_a_longer_duration_re_arm() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1450)
    room.do(SetDuration(id="2", slot="talk-1", seconds=1800))  # +300: 350 s left
    assert room.fired() == ()
    room.do(ResetTimer(id="3", slot="talk-1"))
    assert room.fired() == ()
    room.do(StartTimer(id="4", slot="talk-1"))  # 1800 s now: the warning 1500 s later
    room.wait(T0 + 1450 + 1500)
    assert [c[1] for c in room.cues] == [1200, 1440, 2950]


def test_a_talk_that_starts_inside_its_warning_says_nothing_about_it() -> None:
    room = Room(Rundown(slots=(Slot(id="lt-1", duration=300, warning=300, final=60),)))
    room.do(StartTimer(id="1", slot="lt-1"))
    assert room.fired("lt-1") == (W,)
    room.wait(T0 + 400)
    assert [c[3] for c in room.cues] == ["1 min left", "Time is up"]


def test_switches_per_threshold_and_no_late_cue_when_switched_on() -> None:
    room = Room()
    room.do(SetAutoCues(id="0", slot="talk-1", warning=False, time_up=False))
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1300)
    assert room.cues == []
    room.do(SetAutoCues(id="2", slot="talk-1", warning=True))  # its moment has passed
    assert room.fired() == (W,)
    room.wait(T0 + 2000)
    assert [c[2] for c in room.cues] == ["wrap"]  # final only; time up is off
    auto = room.state.slots["talk-1"].auto_cues
    assert (auto.warning, auto.final, auto.time_up) == (True, True, False)


def test_switching_refusals_and_no_op() -> None:
    room = Room()
    outcome = decide(room.state, HOST, SetAutoCues(id="1", slot="nope", final=False), T0)
    assert isinstance(outcome, Refusal) and outcome.code.value == "not_found"
    assert decide(room.state, HOST, SetAutoCues(id="2", slot="talk-1", final=True), T0) == []
    speaker = Principal(role=Role.SPEAKER, room="r", slot="talk-1", client="speaker-talk-1")
    outcome = decide(room.state, speaker, SetAutoCues(id="3", slot="talk-1"), T0)
    assert isinstance(outcome, Refusal) and outcome.code.value == "forbidden"


def test_two_slots_fire_in_one_wake_with_ids_of_their_versions() -> None:
    room = Room(Rundown(slots=(Slot(id="a", duration=120, warning=60), Slot(id="b", duration=120))))
    room.do(StartTimer(id="1", slot="a"))
    room.do(StartTimer(id="2", slot="b"))  # b starts inside its 300 s warning: passed
    room.wait(T0 + 200)
    # a's warning and final (both at 60 s left) are one cue; b's final comes in the same wake.
    assert [(c[0], c[1]) for c in room.cues] == [("a", 60), ("b", 60), ("a", 120), ("b", 120)]


def test_next_talk_starts_the_next_timer_with_its_alarms() -> None:
    room = Room()
    room.do(NextSlot(id="1", start=True))
    room.wait(T0 + 10)
    room.do(NextSlot(id="2", start=True))  # lt-1: 300 s, warning 60, final 30
    room.wait(T0 + 400)
    assert [(c[0], c[1]) for c in room.cues] == [("lt-1", 250), ("lt-1", 280), ("lt-1", 310)]


def test_fired_thresholds_are_hidden_with_the_cue() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1300)
    slot = room.state.slots["talk-1"]
    audience = Principal(role=Role.AUDIENCE, room="r", client="phone")
    other = Principal(role=Role.SPEAKER, room="r", slot="lt-1", client="speaker-lt-1")
    own = Principal(role=Role.SPEAKER, room="r", slot="talk-1", client="speaker-talk-1")
    for reader in (audience, other):
        seen = redact_slot(slot, reader)
        assert seen.cue is None and seen.auto_cues.fired == ()
        assert seen.auto_cues.warning  # the switches are not secret
    assert redact_slot(slot, own) == slot


def test_a_new_rundown_keeps_a_running_timer_s_alarms() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1250)
    longer = msgspec.structs.replace(RUNDOWN.slots[0], warning=600)
    room.do(SetRundown(id="2", rundown=Rundown(slots=(longer, RUNDOWN.slots[1]))))
    room.wait(T0 + 2000)
    assert [c[1] for c in room.cues] == [1200, 1440, 1500]


@pytest.mark.parametrize(
    ("warning", "text"), [(300, "5 min left"), (90, "1:30 left"), (45, "45 s left")]
)
def test_cue_text(warning: int, text: str) -> None:
    assert cue_text(Slot(id="a", duration=600, warning=warning, final=0), W) == text
    assert cue_text(Slot(id="a", duration=600), UP) == "Time is up"


def test_kinds_per_threshold() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1500)
    assert [c[2] for c in room.cues] == [CueKind.TIME, CueKind.WRAP, CueKind.FLASH]


def test_a_new_plan_gives_no_late_cue_and_re_arms_what_it_moves_below() -> None:
    room = Room()
    room.do(StartTimer(id="1", slot="talk-1"))
    room.wait(T0 + 1080)  # 7 minutes left; nothing fired yet
    ten = msgspec.structs.replace(RUNDOWN.slots[0], warning=600, final=120)
    room.do(SetRundown(id="2", rundown=Rundown(slots=(ten, RUNDOWN.slots[1]))))
    assert room.fired() == (W,)  # "10 min left" at 7 minutes left would be wrong: passed
    room.wait(T0 + 1400)
    assert [c[3] for c in room.cues] == ["2 min left"]
    lower = msgspec.structs.replace(RUNDOWN.slots[0], warning=150, final=60)
    room.do(SetRundown(id="3", rundown=Rundown(slots=(lower, RUNDOWN.slots[1]))))
    assert room.fired() == (W,)  # 100 s left: the final threshold is ahead again
    room.wait(T0 + 1500)
    assert [c[3] for c in room.cues] == ["2 min left", "1 min left", "Time is up"]


# --- never twice, whatever the host does: a property over random nights -----------------------

_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.integers(1, 400)),
        st.tuples(st.just("start"), st.just(0)),
        st.tuples(st.just("pause"), st.just(0)),
        st.tuples(st.just("reset"), st.just(0)),
        st.tuples(st.just("adjust"), st.integers(-400, 400)),
        st.tuples(st.just("duration"), st.integers(1, 1800)),
    ),
    max_size=40,
)


@given(_STEPS)
@settings(max_examples=300)
def test_a_threshold_fires_only_when_reached_and_again_only_after_re_arming(
    steps: list[tuple[str, int]],
) -> None:
    room = Room()
    plan = RUNDOWN.slots[0]
    seconds = {W: plan.warning, F: plan.final, UP: 0}
    # Armed: the time left has been above the threshold since it last fired (or was reset).
    armed = dict.fromkeys(seconds, True)

    def observe() -> None:
        slot = room.state.slots["talk-1"]
        left = slot.timer.remaining_at(room.now)
        for t, at in seconds.items():
            if slot.timer.status.value == "idle" or left > at:
                armed[t] = True

    fired_before = 0
    for kind, value in steps:
        timer = room.state.slots["talk-1"].timer
        match kind:
            case "wait":
                room.wait(room.now + value)
            case "start" if not timer.running:
                room.do(StartTimer(id=f"x{room.state.version}", slot="talk-1"))
            case "pause" if timer.running:
                room.do(PauseTimer(id=f"x{room.state.version}", slot="talk-1"))
            case "reset":
                room.do(ResetTimer(id=f"x{room.state.version}", slot="talk-1"))
            case "adjust" if value and abs(timer.allotted + value) < 800_000:
                room.do(AdjustTimer(id=f"x{room.state.version}", slot="talk-1", seconds=value))
            case "duration":
                room.do(SetDuration(id=f"x{room.state.version}", slot="talk-1", seconds=value))
        for _, _, _, text in room.cues[fired_before:]:
            threshold = {"5 min left": W, "1 min left": F, "Time is up": UP}[text]
            assert armed[threshold], f"{threshold} fired twice without re-arming"
            for t, t_at in seconds.items():  # a merged cue fires every threshold it passes
                if t_at >= seconds[threshold]:
                    armed[t] = False
        fired_before = len(room.cues)
        observe()
