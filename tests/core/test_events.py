"""Events: how they change a room, and what each reader may see of the room and of each event."""

from __future__ import annotations

import copy

import msgspec
import pytest

from kanpe.core.countdown import Countdown
from kanpe.core.events import (
    EVENT_TYPES,
    ChatPosted,
    CurrentChanged,
    Event,
    PollChanged,
    Principal,
    QuestionChanged,
    Reacted,
    ReactionsCounted,
    ReportChanged,
    RundownChanged,
    SlotChanged,
    evolve,
    redact,
    redact_state,
    visible_to,
)
from kanpe.core.model import (
    MAX_CHAT_KEPT,
    ChatMessage,
    Cue,
    CueKind,
    Poll,
    Question,
    Report,
    ReportKind,
    Role,
    RoomState,
    SlotState,
)
from kanpe.core.rundown import Rundown, Slot

T = 1_750_000_000.0
RUNDOWN = Rundown(
    title="Meetup",
    slots=(Slot(id="talk-1", duration=1500), Slot(id="talk-2", duration=1500)),
)
IDLE = {s.id: SlotState(id=s.id, timer=Countdown.idle(s.duration)) for s in RUNDOWN.slots}
CUE_1 = Cue(id="c4", slot="talk-1", kind=CueKind.TEXT, text="slow down", sent_at=T + 4)
CUE_2 = Cue(id="c5", slot="talk-2", kind=CueKind.FLASH, flash=True, sent_at=T + 5)
SECRET = "buy followers at example.com"
QUESTION = Question(id="q8", name="Ann", text="Does it scale?", at=T + 8, slot="talk-1")
REPORT = Report(
    id="m6",
    kind=ReportKind.CHAT,
    name="Bo",
    text="hi all",
    count=1,
    at=T + 17,
    reporters=("audience:snitch",),
)
POLL = Poll(id="p11", question="Freelance?", options=("yes", "no"), counts=(0, 0), at=T + 11)

# A room's history, version by version (the first event is version 1).
LOG: list[Event] = [
    RundownChanged(rundown=RUNDOWN, slots=IDLE),
    CurrentChanged(slot="talk-1"),
    SlotChanged(slot=msgspec.structs.replace(IDLE["talk-1"], timer=Countdown.idle(1500).start(T))),
    SlotChanged(
        slot=msgspec.structs.replace(
            IDLE["talk-1"], timer=Countdown.idle(1500).start(T), cue=CUE_1, page=2, pages=9
        )
    ),
    SlotChanged(slot=msgspec.structs.replace(IDLE["talk-2"], cue=CUE_2, self_timer=True)),
    ChatPosted(message=ChatMessage(id="m6", name="Bo", text="hi all", at=T + 6)),
    ChatPosted(message=ChatMessage(id="m7", name="Spammer", text=SECRET, at=T + 7)),
    QuestionChanged(question=QUESTION),
    QuestionChanged(
        question=msgspec.structs.replace(
            QUESTION, votes=2, voters=("audience:a", "audience:b"), pinned=True
        )
    ),
    ChatPosted(message=ChatMessage(id="m7", name="Spammer", text=SECRET, at=T + 7, hidden=True)),
    PollChanged(poll=POLL),
    PollChanged(poll=msgspec.structs.replace(POLL, counts=(1, 1), answers={"audience:a": 0, "host": 1})),
    ReactionsCounted(slot="talk-1", added={"👏": 1}, counts={"👏": 1}),
    ReactionsCounted(slot="talk-1", added={"👏": 1}, counts={"👏": 2}),
    ReactionsCounted(slot=None, added={"🎉": 1}, counts={"🎉": 1}),
    QuestionChanged(
        question=Question(id="q16", name="Troll", text=SECRET, at=T + 16, hidden=True, voters=("x",), votes=1)
    ),
    ReportChanged(report=REPORT),
    ReportChanged(report=Report(id="q8", kind=ReportKind.QUESTION, text="Does it scale?", count=1, at=T + 18)),
    ReportChanged(report=msgspec.structs.replace(REPORT, count=0, reporters=())),
]  # fmt: skip

HOST = Principal(Role.HOST, room="r1", client="host")
SPEAKER_1 = Principal(Role.SPEAKER, room="r1", slot="talk-1", client="s1")
SPEAKER_2 = Principal(Role.SPEAKER, room="r1", slot="talk-2", client="s2")
AUDIENCE = Principal(Role.AUDIENCE, room="r1", client="phone")
VIEWER = Principal(Role.VIEWER, room="r1", client="screen")
ADMIN = Principal(Role.ADMIN, client="admin")
READERS = [HOST, SPEAKER_1, SPEAKER_2, AUDIENCE, VIEWER, ADMIN]
READER_IDS = ["host", "speaker-1", "speaker-2", "audience", "viewer", "admin"]


def encoded(value: RoomState | Event) -> bytes:
    return msgspec.json.encode(value)


def replay(events: list[Event], state: RoomState | None = None) -> RoomState:
    state = RoomState(id="r1", name="Meetup") if state is None else state
    for event in events:
        evolve(state, event, state.version + 1)
    return state


@pytest.fixture
def room() -> RoomState:
    return replay(LOG)


def test_the_log_covers_every_event_type() -> None:
    assert {type(event) for event in LOG} == set(EVENT_TYPES)


# --- evolve ------------------------------------------------------------------------------------


def test_replaying_the_log_builds_the_room(room: RoomState) -> None:
    assert room.version == len(LOG)
    assert room.rundown == RUNDOWN
    assert room.current == "talk-1"
    assert room.slots["talk-1"].cue == CUE_1
    assert room.slots["talk-1"].timer.running
    assert (room.slots["talk-1"].page, room.slots["talk-1"].pages) == (2, 9)
    assert room.slots["talk-2"].cue == CUE_2
    assert [(m.id, m.hidden) for m in room.chat] == [("m6", False), ("m7", True)]
    assert room.questions["q8"].votes == 2
    assert room.polls["p11"].counts == (1, 1)
    assert room.reactions == {"talk-1": {"👏": 2}, "": {"🎉": 1}}


def test_replaying_a_log_twice_gives_the_same_room_byte_for_byte(room: RoomState) -> None:
    assert encoded(replay(LOG)) == encoded(room)
    assert msgspec.json.decode(encoded(room), type=RoomState) == room


def test_replay_from_a_snapshot_equals_replay_from_scratch(room: RoomState) -> None:
    for cut in range(len(LOG) + 1):
        snapshot = msgspec.json.decode(encoded(replay(LOG[:cut])), type=RoomState)
        assert encoded(replay(LOG[cut:], snapshot)) == encoded(room), f"cut at {cut}"


@pytest.mark.parametrize(
    "index",
    [i for i, event in enumerate(LOG) if not isinstance(event, Reacted)],
    ids=lambda i: f"{i + 1}-{LOG[i].__struct_config__.tag}",
)
def test_applying_an_event_twice_changes_nothing_more(index: int) -> None:
    state = replay(LOG[:index])
    evolve(state, LOG[index], index + 1)
    once = encoded(state)
    evolve(state, LOG[index], index + 1)
    assert encoded(state) == once


def test_a_log_from_before_coalescing_still_replays_its_single_reactions(room: RoomState) -> None:
    """Logs written before reactions were coalesced hold one Reacted per tap; they still add one
    each, and the counts event that follows them replaces the talk's tally."""
    evolve(room, Reacted(emoji="👏", slot="talk-1", at=T), room.version + 1)
    evolve(room, Reacted(emoji="😂", slot="talk-1", at=T), room.version + 1)
    assert room.reactions["talk-1"] == {"👏": 3, "😂": 1}
    counted = ReactionsCounted(slot="talk-1", added={"👏": 1}, counts={"👏": 4, "😂": 1})
    evolve(room, counted, room.version + 1)
    evolve(room, counted, room.version)
    assert room.reactions["talk-1"] == {"👏": 4, "😂": 1}


def test_evolve_sets_the_version_it_is_given() -> None:
    state = RoomState(id="r1")
    evolve(state, CurrentChanged(slot=None), 41)
    assert state.version == 41


def test_a_new_rundown_clears_a_current_slot_it_no_longer_has(room: RoomState) -> None:
    only_two = Rundown(slots=(Slot(id="talk-2", duration=60),))
    slots = {"talk-2": SlotState(id="talk-2", timer=Countdown.idle(60))}
    evolve(room, RundownChanged(rundown=only_two, slots=slots), room.version + 1)
    assert room.current is None
    assert room.slots == slots
    evolve(room, CurrentChanged(slot="talk-2"), room.version + 1)
    evolve(room, RundownChanged(rundown=only_two, slots=slots), room.version + 1)
    assert room.current == "talk-2", "a slot that stays stays current"


def test_a_rundown_event_does_not_share_its_slots_dict(room: RoomState) -> None:
    event = RundownChanged(rundown=RUNDOWN, slots=dict(IDLE))
    evolve(room, event, room.version + 1)
    room.slots["talk-1"] = SlotState(id="talk-1", timer=Countdown.idle(1))
    assert event.slots["talk-1"] == IDLE["talk-1"]


def test_chat_keeps_the_newest_messages() -> None:
    state = RoomState(id="r1")
    posts: list[Event] = [
        ChatPosted(message=ChatMessage(id=f"m{i}", text=f"#{i}", at=T + i))
        for i in range(MAX_CHAT_KEPT + 50)
    ]
    replay(posts, state)
    assert len(state.chat) == MAX_CHAT_KEPT
    assert state.chat[0].id == "m50"
    assert state.chat[-1].id == f"m{MAX_CHAT_KEPT + 49}"
    hidden = msgspec.structs.replace(state.chat[10], hidden=True)
    evolve(state, ChatPosted(message=hidden), state.version + 1)
    assert state.chat[10] == hidden, "an edit replaces the message where it is"
    assert len(state.chat) == MAX_CHAT_KEPT


# --- redaction ---------------------------------------------------------------------------------


def _cues(state: RoomState) -> dict[str, str | None]:
    return {k: (s.cue.id if s.cue else None) for k, s in state.slots.items()}


@pytest.mark.parametrize(
    ("reader", "cues"),
    [
        (HOST, {"talk-1": "c4", "talk-2": "c5"}),
        (SPEAKER_1, {"talk-1": "c4", "talk-2": None}),
        (SPEAKER_2, {"talk-1": None, "talk-2": "c5"}),
        (AUDIENCE, {"talk-1": None, "talk-2": None}),
        (VIEWER, {"talk-1": None, "talk-2": None}),
        (ADMIN, {"talk-1": None, "talk-2": None}),
    ],
    ids=READER_IDS,
)
def test_each_reader_sees_only_its_cues(
    room: RoomState, reader: Principal, cues: dict[str, str | None]
) -> None:
    assert _cues(redact_state(room, reader)) == cues


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
def test_nobody_is_sent_voters_or_poll_answers(room: RoomState, reader: Principal) -> None:
    mirror = redact_state(room, reader)
    assert all(q.voters == () for q in mirror.questions.values())
    assert all(p.answers == {} for p in mirror.polls.values())
    # ... but everyone sees the counts.
    assert mirror.questions["q8"].votes == 2
    assert mirror.polls["p11"].counts == (1, 1)
    assert mirror.reactions == room.reactions


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
def test_hidden_text_reaches_only_the_host(room: RoomState, reader: Principal) -> None:
    mirror = redact_state(room, reader)
    hidden_chat = mirror.chat[1]
    hidden_question = mirror.questions["q16"]
    assert hidden_chat.hidden
    assert hidden_question.hidden
    if reader.role is Role.HOST:
        assert (hidden_chat.name, hidden_chat.text) == ("Spammer", SECRET)
        assert (hidden_question.name, hidden_question.text) == ("Troll", SECRET)
    else:
        assert (hidden_chat.name, hidden_chat.text) == ("", "")
        assert (hidden_question.name, hidden_question.text) == ("", "")
        assert SECRET.encode() not in encoded(mirror)
    # What is hidden keeps its id, time and votes; what is not hidden is untouched.
    assert (hidden_chat.id, hidden_chat.at) == ("m7", T + 7)
    assert (hidden_question.id, hidden_question.votes) == ("q16", 1)
    assert mirror.chat[0] == room.chat[0]
    assert mirror.questions["q8"] == msgspec.structs.replace(room.questions["q8"], voters=())


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
def test_everyone_sees_the_same_rundown_timers_and_slides(
    room: RoomState, reader: Principal
) -> None:
    mirror = redact_state(room, reader)
    assert (mirror.id, mirror.name, mirror.version) == (room.id, room.name, room.version)
    assert mirror.rundown == room.rundown
    assert mirror.current == room.current
    for slot_id, slot in room.slots.items():
        seen = mirror.slots[slot_id]
        assert msgspec.structs.replace(seen, cue=None) == msgspec.structs.replace(slot, cue=None)


def test_the_audience_snapshot_holds_no_secret_anywhere(room: RoomState) -> None:
    text = encoded(redact_state(room, AUDIENCE))
    for secret in (b"slow down", b"c4", b"c5", b"audience:a", SECRET.encode(), b"Spammer"):
        assert secret not in text
    assert room.reports and not redact_state(room, AUDIENCE).reports


def test_reports_reach_hosts_only_and_never_say_who_reported(room: RoomState) -> None:
    """The moderation list is the hosts': nobody else learns that, or when, something was
    reported, and not even hosts learn by whom."""
    assert list(room.reports) == ["q8"]  # m6's report was closed
    assert list(redact_state(room, HOST).reports) == ["q8"]
    for reader in READERS:
        assert visible_to(ReportChanged(report=REPORT), reader) == (reader is HOST)
        assert b"snitch" not in encoded(redact_state(replay(LOG[:-2]), reader))
    seen = redact(ReportChanged(report=REPORT), HOST)
    assert isinstance(seen, ReportChanged) and seen.report.reporters == ()


def test_redacting_leaves_the_room_alone(room: RoomState) -> None:
    before = encoded(room)
    mirror = redact_state(room, AUDIENCE)
    for event in LOG:
        redact(event, AUDIENCE)
    assert encoded(room) == before
    # The copy is a copy: changing it does not reach back.
    evolve(mirror, Reacted(emoji="🎉", slot="talk-1", at=T), mirror.version + 1)
    mirror.chat.clear()
    mirror.questions.clear()
    mirror.polls.clear()
    mirror.slots.clear()
    assert encoded(room) == before


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
def test_evolve_then_redact_equals_redact_then_evolve(reader: Principal) -> None:
    """A mirror fed redacted events stays equal to the redacted relay state, version by version."""
    relay = RoomState(id="r1", name="Meetup")
    mirror = redact_state(relay, reader)
    for version, event in enumerate(LOG, start=1):
        evolve(relay, event, version)
        if visible_to(event, reader):
            evolve(mirror, redact(event, reader), version)
        else:
            mirror.version = version  # what a later event would bring it to
        assert encoded(mirror) == encoded(redact_state(relay, reader)), f"version {version}"


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
def test_redacting_twice_is_redacting_once(room: RoomState, reader: Principal) -> None:
    once = redact_state(room, reader)
    assert encoded(redact_state(once, reader)) == encoded(once)
    for event in LOG:
        assert redact(redact(event, reader), reader) == redact(event, reader)


@pytest.mark.parametrize("reader", READERS, ids=READER_IDS)
def test_every_reader_gets_every_event_but_reports(reader: Principal) -> None:
    """Redaction changes content, never whether or in what order events arrive; reports are the
    one kind only hosts are sent."""
    sent = [event for event in LOG if visible_to(event, reader)]
    redacted = [redact(event, reader) for event in sent]
    assert [type(e) for e in redacted] == [type(e) for e in sent]
    hosts_only = [e for e in LOG if isinstance(e, ReportChanged)]
    assert len(sent) == len(LOG) - (0 if reader is HOST else len(hosts_only))


@pytest.mark.parametrize("event", [e for e in LOG if isinstance(e, CurrentChanged | Reacted)])
def test_events_with_nothing_secret_pass_unchanged(event: Event) -> None:
    for reader in READERS:
        assert redact(event, reader) == event


def test_a_cue_only_event_reaches_the_audience_without_the_cue() -> None:
    event = LOG[4]
    assert isinstance(event, SlotChanged)
    seen = redact(event, AUDIENCE)
    assert isinstance(seen, SlotChanged)
    assert seen.slot == msgspec.structs.replace(event.slot, cue=None)
    assert redact(event, SPEAKER_2) == event
    assert redact(event, HOST) == event


# --- principals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "key"),
    [
        (HOST, "host"),
        (Principal(Role.HOST, room="r1", client="another-host-window"), "host"),
        (ADMIN, "admin"),
        (SPEAKER_1, "speaker:talk-1"),
        (Principal(Role.SPEAKER, room="r1", slot="talk-1", client="laptop-2"), "speaker:talk-1"),
        (AUDIENCE, "audience:phone"),
        (VIEWER, "viewer:screen"),
    ],
)
def test_principal_key(principal: Principal, key: str) -> None:
    assert principal.key == key


def test_principals_are_values() -> None:
    assert copy.copy(AUDIENCE) == Principal(Role.AUDIENCE, room="r1", client="phone")
    assert hash(AUDIENCE) == hash(Principal(Role.AUDIENCE, room="r1", client="phone"))
