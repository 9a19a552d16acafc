"""The roster: one row per talk from plain room state, presence and a relay time, no Qt, no link."""

from __future__ import annotations

import msgspec
import pytest

from kanpe.core.clockface import Phase, TimerStatus
from kanpe.core.countdown import Countdown
from kanpe.core.model import Cue, CueKind, Role, RoomState, SlotState
from kanpe.core.protocol import Peer, Presence
from kanpe.core.roster import CueState, TalkStatus, roster, speakers_online, talk_row
from kanpe.core.rundown import Rundown, Slot

T = 1_750_000_000.0
RUNDOWN = Rundown(
    title="Meetup",
    slots=(
        Slot(id="talk-1", speaker="Aiko", title="Timers", duration=1500, warning=300, final=60),
        Slot(id="lt-1", speaker="Ben", title="Five minutes", duration=300, warning=60, final=30),
        Slot(id="talk-2", speaker="Chie", title="Relays", duration=1200),
    ),
)
IDLE = {s.id: SlotState(id=s.id, timer=Countdown.idle(s.duration)) for s in RUNDOWN.slots}


def room(**slots: SlotState) -> RoomState:
    return RoomState(id="r", rundown=RUNDOWN, slots={**IDLE, **slots})


def running(duration: float, started: float) -> Countdown:
    return Countdown.idle(duration).start(started)


def test_a_row_per_slot_in_rundown_order_with_the_plan() -> None:
    rows = roster(room(), Presence(), now=T)
    assert [r.slot for r in rows] == ["talk-1", "lt-1", "talk-2"]
    first = rows[0]
    assert (first.speaker, first.title, first.duration) == ("Aiko", "Timers", 1500)
    assert first.timer is TimerStatus.IDLE and first.status is TalkStatus.UPCOMING
    assert first.remaining == 1500 and first.phase is Phase.NORMAL
    assert not first.online and first.latency_ms is None and first.client == ""
    assert first.cue is None and first.cue_state is CueState.NONE and first.cue_acked_at is None


def test_presence_marks_speakers_online_with_client_and_latency() -> None:
    presence = Presence(
        peers=(
            Peer(role=Role.HOST, client="kanpe-host"),
            Peer(role=Role.SPEAKER, slot="lt-1", client="kanpe-speaker 0.3", latency_ms=42.5),
            Peer(role=Role.SPEAKER, slot="lt-1", client="second device", latency_ms=9.0),
            Peer(role=Role.SPEAKER, slot="gone", client="kanpe-speaker"),
        ),
        audience=120,
    )
    rows = {r.slot: r for r in roster(room(), presence, now=T)}
    assert rows["lt-1"].online and rows["lt-1"].client == "kanpe-speaker 0.3"
    assert rows["lt-1"].latency_ms == 42.5  # the first of two connected devices
    assert not rows["talk-1"].online and not rows["talk-2"].online
    assert set(speakers_online(presence.peers)) == {"lt-1", "gone"}


@pytest.mark.parametrize(
    ("elapsed", "status", "phase"),
    [
        (0.0, TalkStatus.LIVE, Phase.NORMAL),
        (250.0, TalkStatus.LIVE, Phase.WARNING),  # 50 s left of a 5-minute talk, warning at 60
        (275.0, TalkStatus.LIVE, Phase.FINAL),
        (300.0, TalkStatus.OVERTIME, Phase.OVERTIME),
        (400.0, TalkStatus.OVERTIME, Phase.OVERTIME),
    ],
)
def test_a_running_talk_is_read_at_the_time_passed_in(
    elapsed: float, status: TalkStatus, phase: Phase
) -> None:
    state = room(**{"lt-1": SlotState(id="lt-1", timer=running(300, T)), "talk-1": IDLE["talk-1"]})
    row = talk_row(state, Presence(), "lt-1", now=T + elapsed)
    assert row is not None
    assert row.timer is TimerStatus.RUNNING
    assert row.remaining == pytest.approx(300 - elapsed)
    assert (row.status, row.phase) == (status, phase)  # the slot's own thresholds


def test_without_relay_time_a_running_talk_has_no_remaining_but_a_paused_one_does() -> None:
    paused = running(1500, T).pause(T + 100)
    state = room(
        **{
            "talk-1": SlotState(id="talk-1", timer=paused),
            "talk-2": SlotState(id="talk-2", timer=running(1200, T)),
        }
    )
    rows = {r.slot: r for r in roster(state, Presence(), now=None)}
    assert rows["talk-1"].status is TalkStatus.PAUSED and rows["talk-1"].remaining == 1400
    assert rows["talk-2"].status is TalkStatus.LIVE
    assert rows["talk-2"].remaining is None and rows["talk-2"].phase is None


def test_a_paused_talk_past_its_time_is_overtime() -> None:
    paused = running(300, T).pause(T + 330)
    row = talk_row(room(**{"lt-1": SlotState(id="lt-1", timer=paused)}), Presence(), "lt-1", T)
    assert row is not None and row.timer is TimerStatus.PAUSED
    assert row.status is TalkStatus.OVERTIME and row.remaining == pytest.approx(-30)


def test_slide_self_timer_current_and_cue_with_its_ack() -> None:
    cue = Cue(id="c1", slot="talk-2", kind=CueKind.WRAP, sent_at=T + 5)
    slot = SlotState(
        id="talk-2", timer=Countdown.idle(1200), self_timer=True, page=7, pages=31, cue=cue
    )
    state = room(**{"talk-2": slot})
    state.current = "talk-2"
    row = talk_row(state, Presence(), "talk-2", T + 6)
    assert row is not None
    assert (row.page, row.pages, row.self_timer, row.current) == (7, 31, True, True)
    assert row.cue == cue and row.cue_state is CueState.WAITING and row.cue_acked_at is None
    acked = msgspec.structs.replace(cue, acked_at=T + 9)
    state.slots["talk-2"] = msgspec.structs.replace(slot, cue=acked)
    row = talk_row(state, Presence(), "talk-2", T + 10)
    assert row is not None and row.cue_state is CueState.ACKED and row.cue_acked_at == T + 9
    assert not any(r.current for r in roster(state, Presence(), T) if r.slot != "talk-2")


def test_a_slot_without_live_state_reads_as_planned_and_unknown_slots_have_no_row() -> None:
    state = RoomState(id="r", rundown=RUNDOWN)  # a rundown whose slots the relay has not filled
    rows = roster(state, Presence(), now=T)
    assert [(r.timer, r.remaining, r.page) for r in rows] == [
        (TimerStatus.IDLE, 1500.0, 0),
        (TimerStatus.IDLE, 300.0, 0),
        (TimerStatus.IDLE, 1200.0, 0),
    ]
    assert talk_row(state, Presence(), "nope", T) is None
    assert roster(RoomState(id="empty"), Presence(), T) == ()
