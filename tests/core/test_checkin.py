"""Connection checks: a ``check`` cue starts one, the speaker's acknowledgement marks the talk
ready with the round trip the relay saw; plain data, relay times passed in."""

from __future__ import annotations

import pytest

from kanpe.core.checkin import ready
from kanpe.core.events import Principal, evolve, redact_slot
from kanpe.core.model import Check, CueKind, Role, RoomState
from kanpe.core.protocol import AckCue, Command, SendCue
from kanpe.core.rules import Refusal, decide, initial_state
from kanpe.core.rundown import Rundown, Slot

HOST = Principal(role=Role.HOST, room="r", client="host")
SPEAKER = Principal(role=Role.SPEAKER, room="r", slot="talk-1", client="speaker-talk-1")
T0 = 1_800_000_000.0


def room() -> RoomState:
    rundown = Rundown(slots=(Slot(id="talk-1", duration=1500), Slot(id="lt-1", duration=300)))
    return initial_state("r", "", rundown)


def run(state: RoomState, who: Principal, command: Command, now: float) -> None:
    events = decide(state, who, command, now)
    assert not isinstance(events, Refusal), events
    for event in events:
        evolve(state, event, state.version + 1)


def test_an_answered_check_marks_the_talk_ready_with_its_round_trip() -> None:
    state = room()
    run(state, HOST, SendCue(id="1", slot="talk-1", kind=CueKind.CHECK), T0)
    slot = state.slots["talk-1"]
    assert slot.cue is not None and slot.cue.kind is CueKind.CHECK
    assert slot.check == Check(cue=slot.cue.id, sent_at=T0)
    assert not ready(slot)
    run(state, SPEAKER, AckCue(id="a", cue=slot.cue.id), T0 + 0.125)
    slot = state.slots["talk-1"]
    assert ready(slot)
    assert slot.check == Check(cue=slot.cue.id, sent_at=T0, acked_at=T0 + 0.125, round_trip=0.125)  # type: ignore[union-attr]


def test_other_cues_keep_the_check_and_a_new_check_starts_over() -> None:
    state = room()
    run(state, HOST, SendCue(id="1", slot="talk-1", kind=CueKind.CHECK), T0)
    run(state, SPEAKER, AckCue(id="a", cue=f"c{state.version}"), T0 + 0.2)
    run(state, HOST, SendCue(id="2", slot="talk-1", kind=CueKind.WRAP), T0 + 60)
    run(state, SPEAKER, AckCue(id="b", cue=f"c{state.version}"), T0 + 61)
    assert ready(state.slots["talk-1"])
    assert state.slots["talk-1"].check.round_trip == pytest.approx(0.2)  # type: ignore[union-attr]
    run(state, HOST, SendCue(id="3", slot="talk-1", kind=CueKind.CHECK), T0 + 120)
    assert not ready(state.slots["talk-1"])
    assert not ready(state.slots["lt-1"]) and state.slots["lt-1"].check is None


def test_the_check_is_seen_only_by_the_host_and_its_speaker() -> None:
    state = room()
    run(state, HOST, SendCue(id="1", slot="talk-1", kind=CueKind.CHECK), T0)
    slot = state.slots["talk-1"]
    assert redact_slot(slot, SPEAKER) == slot
    for reader in (
        Principal(role=Role.AUDIENCE, room="r", client="phone"),
        Principal(role=Role.SPEAKER, room="r", slot="lt-1", client="speaker-lt-1"),
    ):
        assert redact_slot(slot, reader).check is None
