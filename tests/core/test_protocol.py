"""The wire protocol: a table of bad frames, each with its error code; every message round-trips;
and no input whatever makes a parser raise anything but ProtocolError."""

from __future__ import annotations

import json
import typing
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanpe.core.countdown import Countdown
from kanpe.core.events import (
    EVENT_TYPES,
    ChatPosted,
    CurrentChanged,
    Event,
    PollChanged,
    QuestionChanged,
    ReactionsCounted,
    ReportChanged,
    RundownChanged,
    SlotChanged,
)
from kanpe.core.model import (
    MAX_TEXT,
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
from kanpe.core.protocol import (
    COMMAND_TYPES,
    MAX_DEPTH,
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    Ack,
    AckCue,
    AdjustTimer,
    AllowSelfTimer,
    AnswerPoll,
    AskQuestion,
    ClearCue,
    ClientMessage,
    ClosePoll,
    Command,
    CreateInvite,
    CreateRoom,
    DismissReport,
    Error,
    ErrorCode,
    EventMessage,
    Hello,
    HideChat,
    ModerateQuestion,
    NextSlot,
    OpenPoll,
    PauseTimer,
    Peer,
    Presence,
    ProtocolError,
    React,
    ReplaceInvite,
    ReportChat,
    ReportQuestion,
    ReportSlide,
    ResetTimer,
    SendChat,
    SendCue,
    ServerMessage,
    SetAutoCues,
    SetCurrent,
    SetDuration,
    SetRundown,
    ShowPoll,
    StartTimer,
    TimeReply,
    TimeRequest,
    UnvoteQuestion,
    VoteQuestion,
    Welcome,
    encode,
    encode_bytes,
    message_tag,
    parse_client,
    parse_server,
)
from kanpe.core.rundown import MAX_SLOTS, Rundown, Slot

TOKEN = "kT3x9QmB4vN7pR2sW8yZ1aC5dF6gH0jL_Xq-Ue2Io"
GOOD_ADJUST: dict[str, Any] = {"type": "timer.adjust", "id": "a1", "slot": "talk-1", "seconds": 60}
GOOD_HELLO: dict[str, Any] = {
    "type": "hello",
    "protocol": PROTOCOL_VERSION,
    "room": "r1",
    "token": TOKEN,
}


def adjust(**changes: Any) -> str:
    """The good timer.adjust frame with some fields changed (None removes a field)."""
    fields = {**GOOD_ADJUST, **changes}
    return json.dumps({k: v for k, v in fields.items() if v is not None}, ensure_ascii=False)


def hello(**changes: Any) -> str:
    fields = {**GOOD_HELLO, **changes}
    return json.dumps({k: v for k, v in fields.items() if v is not None})


def nested(depth: int) -> str:
    """A JSON value ``depth`` arrays deep."""
    return "[" * depth + "]" * depth


def test_brackets_inside_strings_are_text_not_structure() -> None:
    """The container cap counts JSON's arrays and objects, not brackets a person typed."""
    text = "[{" * 240 + '\\"]' + "}]" * 10
    message = parse_client(
        json.dumps({"type": "chat.send", "id": "c1", "text": text[:MAX_TEXT], "name": "["})
    )
    assert isinstance(message, SendChat) and message.text == text[:MAX_TEXT]


def test_a_frame_of_many_containers_is_refused_before_it_is_parsed() -> None:
    """20,000 empty arrays fit in 64 KiB; parsing and walking them cost ~15 ms of the relay's
    time per frame. They are counted (strings skipped) and refused first."""
    for frame in (
        "[" + ",".join(["[]"] * 20_000) + "]",
        json.dumps({"type": "chat.send", "id": "c1", "text": "hi", "x": [{}] * 1_100}),
    ):
        with pytest.raises(ProtocolError) as refused:
            parse_client(frame)
        assert refused.value.code is ErrorCode.BAD_MESSAGE
        assert "more than 1024 arrays and objects" in refused.value.message


def test_the_biggest_rundown_is_under_the_container_cap() -> None:
    slots = [
        {"id": f"s{n}", "title": "t", "speaker": "s", "duration": 300, "warning": 60, "final": 30}
        for n in range(MAX_SLOTS)
    ]
    frame = json.dumps(
        {"type": "room.create", "id": "r1", "name": "Big", "rundown": {"title": "", "slots": slots}}
    )
    assert isinstance(parse_client(frame), CreateRoom)


def padded_to(size: int) -> str:
    """A good frame padded with JSON whitespace to exactly ``size`` UTF-8 bytes."""
    frame = adjust()
    return frame[:-1] + " " * (size - len(frame.encode())) + "}"


# --- bad frames --------------------------------------------------------------------------------

# One bad frame per row: name, frame, the one error code it must get.
# fmt: off
BAD_FRAMES: list[tuple[str, str | bytes, ErrorCode]] = [
    # JSON syntax
    ("not json", "{type: timer.start", ErrorCode.BAD_JSON),
    ("empty", "", ErrorCode.BAD_JSON),
    ("only spaces", "   ", ErrorCode.BAD_JSON),
    ("truncated", adjust()[:-1], ErrorCode.BAD_JSON),
    ("trailing garbage", adjust() + " {}", ErrorCode.BAD_JSON),
    ("single quotes", adjust().replace('"', "'"), ErrorCode.BAD_JSON),
    ("trailing comma", adjust()[:-1] + ",}", ErrorCode.BAD_JSON),
    ("byte order mark", "\ufeff" + adjust(), ErrorCode.BAD_JSON),
    ("raw control char in string", adjust(slot="C").replace("C", "\x01"), ErrorCode.BAD_JSON),
    # frames and sizes
    ("binary frame", adjust().encode(), ErrorCode.BINARY_FRAME),
    ("binary bytearray", bytearray(adjust().encode()), ErrorCode.BINARY_FRAME),
    ("empty binary frame", b"", ErrorCode.BINARY_FRAME),
    ("one byte over 64 KiB", padded_to(MAX_MESSAGE_BYTES + 1), ErrorCode.TOO_LARGE),
    ("a megabyte", adjust(slot="x" * 1_000_000), ErrorCode.TOO_LARGE),
    ("64 Ki chars but more bytes", adjust(slot="é" * 40_000), ErrorCode.TOO_LARGE),
    # nesting
    ("nesting 60,000 deep", "[" * 60_000, ErrorCode.TOO_DEEP),
    ("objects 13,000 deep", '{"a":' * 13_000, ErrorCode.TOO_DEEP),
    ("deep inside a message", adjust(seconds="DEEP").replace('"DEEP"', nested(30_000)),
     ErrorCode.TOO_DEEP),
    ("one level too deep", adjust(seconds="DEEP").replace('"DEEP"', nested(MAX_DEPTH)),
     ErrorCode.TOO_DEEP),
    ("deepest allowed, wrong type", adjust(seconds="DEEP").replace('"DEEP"', nested(MAX_DEPTH - 1)),
     ErrorCode.BAD_MESSAGE),
    # many containers: cheap to send, costly to walk
    ("20,000 empty arrays", "[" + ",".join(["[]"] * 20_000) + "]", ErrorCode.BAD_MESSAGE),
    ("1,025 objects in a field", adjust(seconds="MANY").replace(
        '"MANY"', "[" + ",".join(["{}"] * 1_024) + "]"), ErrorCode.BAD_MESSAGE),
    # numbers
    ("NaN", adjust(seconds="N").replace('"N"', "NaN"), ErrorCode.BAD_NUMBER),
    ("Infinity", adjust(seconds="N").replace('"N"', "Infinity"), ErrorCode.BAD_NUMBER),
    ("-Infinity", adjust(seconds="N").replace('"N"', "-Infinity"), ErrorCode.BAD_NUMBER),
    ("1e999", adjust(seconds="N").replace('"N"', "1e999"), ErrorCode.BAD_NUMBER),
    ("-1e999", adjust(seconds="N").replace('"N"', "-1e999"), ErrorCode.BAD_NUMBER),
    ("5,000-digit integer", adjust(seconds="N").replace('"N"', "9" * 5_000), ErrorCode.BAD_NUMBER),
    ("negative 5,000 digits", adjust(seconds="N").replace('"N"', "-" + "9" * 5_000),
     ErrorCode.BAD_NUMBER),
    ("19-digit integer", adjust(seconds="N").replace('"N"', "1" * 19), ErrorCode.BAD_NUMBER),
    ("5,000-digit fraction", json.dumps({"type": "time", "t0": "N"}).replace(
        '"N"', "0." + "1" * 5_000), ErrorCode.BAD_NUMBER),
    ("huge number in a string-typed field", adjust(slot="N").replace('"N"', "9" * 5_000),
     ErrorCode.BAD_NUMBER),
    # message type
    ("unknown type", adjust(type="timer.explode"), ErrorCode.UNKNOWN_TYPE),
    ("server type from a client", adjust(type="welcome"), ErrorCode.UNKNOWN_TYPE),
    ("event type from a client", adjust(type="event"), ErrorCode.UNKNOWN_TYPE),
    ("type with a different case", adjust(type="Timer.Adjust"), ErrorCode.UNKNOWN_TYPE),
    ("missing type", json.dumps({"id": "a1", "slot": "talk-1"}), ErrorCode.BAD_MESSAGE),
    ("type null", adjust(type="NULL").replace('"NULL"', "null"), ErrorCode.BAD_MESSAGE),
    ("type a number", adjust(type=7), ErrorCode.BAD_MESSAGE),
    ("type a list", adjust(type=["timer.adjust"]), ErrorCode.BAD_MESSAGE),
    ("top level array", json.dumps([GOOD_ADJUST]), ErrorCode.BAD_MESSAGE),
    ("top level string", '"timer.adjust"', ErrorCode.BAD_MESSAGE),
    ("top level number", "42", ErrorCode.BAD_MESSAGE),
    ("top level null", "null", ErrorCode.BAD_MESSAGE),
    # fields
    ("missing field", adjust(seconds=None), ErrorCode.BAD_MESSAGE),
    ("missing id", adjust(id=None), ErrorCode.BAD_MESSAGE),
    ("extra field", adjust(force=True), ErrorCode.BAD_MESSAGE),
    ("wrong type: string for int", adjust(seconds="60"), ErrorCode.BAD_MESSAGE),
    ("wrong type: float for int", adjust(seconds=1.5), ErrorCode.BAD_MESSAGE),
    ("wrong type: bool for int", adjust(seconds=True), ErrorCode.BAD_MESSAGE),
    ("wrong type: int for string", adjust(slot=1), ErrorCode.BAD_MESSAGE),
    ("wrong type: object for string", adjust(slot={"id": "talk-1"}), ErrorCode.BAD_MESSAGE),
    ("adjust over 24 h", adjust(seconds=86_401), ErrorCode.BAD_MESSAGE),
    ("duration zero", json.dumps({"type": "timer.duration", "id": "d", "slot": "a", "seconds": 0}),
     ErrorCode.BAD_MESSAGE),
    ("empty chat", json.dumps({"type": "chat.send", "id": "c", "text": ""}), ErrorCode.BAD_MESSAGE),
    ("chat over 500 chars", json.dumps({"type": "chat.send", "id": "c", "text": "x" * 501}),
     ErrorCode.BAD_MESSAGE),
    ("poll with one option", json.dumps(
        {"type": "poll.open", "id": "p", "question": "?", "options": ["yes"]}),
     ErrorCode.BAD_MESSAGE),
    ("poll with seven options", json.dumps(
        {"type": "poll.open", "id": "p", "question": "?", "options": list("abcdefg")}),
     ErrorCode.BAD_MESSAGE),
    ("poll answer out of range", json.dumps(
        {"type": "poll.answer", "id": "p", "poll": "p1", "option": 6}), ErrorCode.BAD_MESSAGE),
    ("unknown cue kind", json.dumps({"type": "cue.send", "id": "c", "slot": "a", "kind": "yell"}),
     ErrorCode.BAD_MESSAGE),
    ("unknown invite role", json.dumps({"type": "invite.create", "id": "i", "role": "owner"}),
     ErrorCode.BAD_MESSAGE),
    ("rundown slot with unknown field", json.dumps({"type": "rundown.set", "id": "r", "rundown": {
        "slots": [{"id": "a", "duration": 60, "colour": "red"}]}}), ErrorCode.BAD_MESSAGE),
    # duplicate keys
    ("duplicate keys", adjust()[:-1] + ', "seconds": 2}', ErrorCode.DUPLICATE_KEY),
    ("duplicate type", adjust()[:-1] + ', "type": "timer.start"}', ErrorCode.DUPLICATE_KEY),
    ("duplicate key nested", json.dumps({"type": "rundown.set", "id": "r", "rundown": {
        "slots": [{"id": "a", "duration": 60}]}}).replace('"duration": 60', '"duration": 60, "duration": 1'),
     ErrorCode.DUPLICATE_KEY),
    ("hello with a second token", hello()[:-1] + ', "token": "A' + "A" * 42 + '"}',
     ErrorCode.DUPLICATE_KEY),
    ("hello claiming a role", hello(role="host"), ErrorCode.BAD_MESSAGE),
    ("hello claiming a role twice", hello(role="host")[:-1] + ', "role": "admin"}',
     ErrorCode.DUPLICATE_KEY),
    ("hello claiming a slot", hello(slot="talk-1"), ErrorCode.BAD_MESSAGE),
    # encoding
    ("lone high surrogate", adjust(slot="S").replace('"S"', '"\\ud800"'), ErrorCode.BAD_ENCODING),
    ("lone low surrogate", adjust(slot="S").replace('"S"', '"a\\udfffb"'), ErrorCode.BAD_ENCODING),
    ("reversed surrogate pair", json.dumps({"type": "chat.send", "id": "c", "text": "S"}).replace(
        '"S"', '"\\ude00\\ud83d"'), ErrorCode.BAD_ENCODING),
    ("lone surrogate in a key", adjust()[:-1] + ', "\\ud800": 1}', ErrorCode.BAD_ENCODING),
    ("lone surrogate, not escaped", adjust(slot="\ud800"), ErrorCode.BAD_ENCODING),
    # hello
    ("wrong protocol version", hello(protocol=PROTOCOL_VERSION + 98), ErrorCode.UNSUPPORTED_VERSION),
    ("protocol version zero", hello(protocol=0), ErrorCode.UNSUPPORTED_VERSION),
    ("protocol version as a string", hello(protocol=str(PROTOCOL_VERSION)), ErrorCode.BAD_MESSAGE),
    ("hello without protocol", hello(protocol=None), ErrorCode.BAD_MESSAGE),
    ("hello without token", hello(token=None), ErrorCode.BAD_MESSAGE),
    ("hello with an empty token", hello(token=""), ErrorCode.BAD_MESSAGE),
    ("hello with a bad client id", hello(client_id="dev 1"), ErrorCode.BAD_MESSAGE),
    ("hello client id with newline", hello(client_id="dev1\n"), ErrorCode.BAD_MESSAGE),
    # ids
    ("bad id: space", adjust(id="no spaces allowed"), ErrorCode.BAD_MESSAGE),
    ("bad id: empty", adjust(id=""), ErrorCode.BAD_MESSAGE),
    ("bad id: 65 chars", adjust(id="x" * 65), ErrorCode.BAD_MESSAGE),
    ("bad id: trailing newline", adjust(id="a1\n"), ErrorCode.BAD_MESSAGE),
    ("bad id: not ASCII", adjust(id="ä1"), ErrorCode.BAD_MESSAGE),
    ("bad id: slash", adjust(id="../a1"), ErrorCode.BAD_MESSAGE),
    ("bad slot id: upper case", adjust(slot="Talk-1"), ErrorCode.BAD_MESSAGE),
    ("bad slot id: trailing newline", adjust(slot="talk-1\n"), ErrorCode.BAD_MESSAGE),
    ("bad slot id: leading dash", adjust(slot="-talk"), ErrorCode.BAD_MESSAGE),
    ("bad slot id: 33 chars", adjust(slot="a" * 33), ErrorCode.BAD_MESSAGE),
]
# fmt: on


@pytest.mark.parametrize(
    ("frame", "code"), [(f, c) for _, f, c in BAD_FRAMES], ids=[n for n, _, _ in BAD_FRAMES]
)
def test_bad_frame_is_refused_with_its_code(frame: str | bytes, code: ErrorCode) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_client(frame)
    assert caught.value.code is code, caught.value.message
    assert caught.value.message
    assert str(caught.value) == caught.value.message


def test_the_bad_frame_table_covers_every_input_error_code() -> None:
    # Codes the parser cannot give: they are the relay's and the room's.
    not_parser = {
        ErrorCode.HELLO_REQUIRED,
        ErrorCode.UNAUTHORIZED,
        ErrorCode.FORBIDDEN,
        ErrorCode.REFUSED,
        ErrorCode.NOT_FOUND,
        ErrorCode.ID_REUSED,
        ErrorCode.RATE_LIMITED,
        ErrorCode.INTERNAL,
        ErrorCode.NAME_RESERVED,
    }
    assert {code for _, _, code in BAD_FRAMES} == set(ErrorCode) - not_parser


def test_exactly_64_kib_is_accepted() -> None:
    frame = padded_to(MAX_MESSAGE_BYTES)
    assert len(frame.encode()) == MAX_MESSAGE_BYTES
    assert parse_client(frame) == AdjustTimer(id="a1", slot="talk-1", seconds=60)


def test_brackets_inside_strings_are_not_nesting() -> None:
    text = "[{" * 200
    message = parse_client(json.dumps({"type": "chat.send", "id": "c1", "text": text}))
    assert message == SendChat(id="c1", text=text)


def test_escaped_quotes_do_not_fool_the_depth_check() -> None:
    text = '\\"[' * 100
    message = parse_client(json.dumps({"type": "chat.send", "id": "c1", "text": text}))
    assert message == SendChat(id="c1", text=text)


def test_a_real_surrogate_pair_escape_is_fine() -> None:
    frame = adjust(type="react", slot=None, seconds=None, emoji="E").replace(
        '"E"', '"\\ud83c\\udf89"'
    )
    assert parse_client(frame) == React(id="a1", emoji="🎉")


def test_bad_message_keeps_the_command_id_for_the_error_reply() -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_client(adjust(seconds="60"))
    assert caught.value.code is ErrorCode.BAD_MESSAGE
    assert caught.value.command_id == "a1"
    with pytest.raises(ProtocolError) as caught:
        parse_client(adjust(id=5, seconds="60"))
    assert caught.value.command_id is None


def test_a_newer_hello_gets_unsupported_version_not_bad_message() -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_client(hello(protocol=PROTOCOL_VERSION + 1))
    assert caught.value.code is ErrorCode.UNSUPPORTED_VERSION
    assert str(PROTOCOL_VERSION) in caught.value.message


def test_a_failed_hello_does_not_leak_the_token() -> None:
    for frame in (hello(role="host"), hello(protocol=99), hello(client_id="bad id")):
        with pytest.raises(ProtocolError) as caught:
            parse_client(frame)
        assert TOKEN not in caught.value.message


# --- every message round-trips -----------------------------------------------------------------

RUNDOWN = Rundown(
    title="ML Meetup #12",
    slots=(
        Slot(id="talk-1", speaker="Ann", title="Transformers, slowly", duration=1500),
        Slot(
            id="lt-1", speaker="Bo", title="5 minutes of Rust", duration=300, warning=60, final=30
        ),
    ),
)
RUNNING = Countdown.idle(1500).start(1_750_000_000.5).adjust(60, 1_750_000_100.25)
CUE = Cue(id="c7", slot="talk-1", kind=CueKind.TIME, text="5 min", sent_at=1_750_000_200.0)
STATE = RoomState(
    id="r1",
    name="ML Meetup",
    version=12,
    rundown=RUNDOWN,
    slots={
        "talk-1": SlotState(id="talk-1", timer=RUNNING, self_timer=True, page=3, pages=20, cue=CUE),
        "lt-1": SlotState(id="lt-1", timer=Countdown.idle(300)),
    },
    current="talk-1",
    chat=[
        ChatMessage(id="m8", name="Cy", text="hello 👋", at=1_750_000_300.0),
        ChatMessage(id="m9", text="spam", at=1_750_000_301.0, hidden=True),
    ],
    questions={
        "q10": Question(
            id="q10", text="Why?", at=1_750_000_400.0, slot="talk-1", votes=2, pinned=True,
            voters=("audience:a", "audience:b"),
        )
    },
    polls={
        "p11": Poll(
            id="p11", question="Freelance?", options=("yes", "no"), counts=(1, 0),
            at=1_750_000_500.0, answers={"audience:a": 0},
        )
    },
    reactions={"talk-1": {"👏": 3, "🎉": 1}, "": {"❓": 1}},
)  # fmt: skip

CLIENT_MESSAGES: list[ClientMessage] = [
    Hello(protocol=PROTOCOL_VERSION, room="r1", token=TOKEN, client="Kanpe 0.1", client_id="dev-1"),
    Hello(protocol=PROTOCOL_VERSION, room="r1", token=TOKEN),
    TimeRequest(t0=5000.125),
    TimeRequest(t0=0.1),
    SetRundown(id="c1", rundown=RUNDOWN),
    SetRundown(id="c1b", rundown=Rundown()),
    StartTimer(id="c2", slot="talk-1"),
    PauseTimer(id="c3", slot="talk-1"),
    ResetTimer(id="c4", slot="talk-1"),
    AdjustTimer(id="c5", slot="talk-1", seconds=-60),
    SetDuration(id="c6", slot="lt-1", seconds=600),
    SetCurrent(id="c7", slot="lt-1"),
    SetCurrent(id="c7b", slot=None),
    AllowSelfTimer(id="c8", slot="talk-1", allowed=True),
    NextSlot(id="c8n", start=True),
    NextSlot(id="c8m"),
    SetAutoCues(id="c8a", slot="lt-1", warning=False, time_up=True),
    SendCue(id="c9", slot="talk-1", kind=CueKind.TEXT, text="Wrap up, please", flash=True),
    SendCue(id="c9b", slot="talk-1", kind=CueKind.WRAP),
    ClearCue(id="c10", slot="talk-1"),
    AckCue(id="c11", cue="c9"),
    ReportSlide(id="c12", page=3, pages=20),
    React(id="c13", emoji="👏"),
    SendChat(id="c14", text='こんにちは "quoted" \\ back', name="Ann"),
    HideChat(id="c15", message="m14"),
    AskQuestion(id="c16", text="How does it scale?", name="Bo"),
    VoteQuestion(id="c17", question="q16"),
    UnvoteQuestion(id="c17b", question="q16"),
    ReportChat(id="c17c", message="m14"),
    ReportQuestion(id="c17d", question="q16"),
    DismissReport(id="c17e", report="m14"),
    ModerateQuestion(id="c18", question="q16", pinned=True, hidden=False),
    ModerateQuestion(id="c18b", question="q16", answered=True),
    OpenPoll(id="c19", question="Freelance ML engineer?", options=("yes", "no", "sometimes")),
    ClosePoll(id="c20", poll="p19"),
    ShowPoll(id="c20b", poll="p19", shown=False),
    AnswerPoll(id="c21", poll="p19", option=2),
    CreateRoom(id="c22", name="Meetup", rundown=RUNDOWN),
    CreateRoom(id="c22b"),
    CreateInvite(id="c23", role=Role.SPEAKER, slot="lt-1"),
    CreateInvite(id="c23b", role=Role.AUDIENCE),
    ReplaceInvite(id="c23c", slot="lt-1"),
    SendCue(id="c9c", slot="talk-1", kind=CueKind.CHECK),
]

EVENTS: list[Event] = [
    RundownChanged(rundown=RUNDOWN, slots=STATE.slots),
    SlotChanged(slot=STATE.slots["talk-1"]),
    CurrentChanged(slot="lt-1"),
    CurrentChanged(slot=None),
    ChatPosted(message=STATE.chat[0]),
    QuestionChanged(question=STATE.questions["q10"]),
    PollChanged(poll=STATE.polls["p11"]),
    ReportChanged(
        report=Report(id="m14", kind=ReportKind.CHAT, name="Ann", text="spam", count=2, at=1e9)
    ),
    ReactionsCounted(slot="talk-1", added={"🎉": 2}, counts={"👏": 3, "🎉": 3}),
]

SERVER_MESSAGES: list[ServerMessage] = [
    Welcome(
        protocol=PROTOCOL_VERSION,
        role=Role.SPEAKER,
        room="r1",
        slot="talk-1",
        client_id="dev-1",
        time=1_750_000_700.125,
        state=STATE,
    ),
    Welcome(
        protocol=PROTOCOL_VERSION,
        role=Role.AUDIENCE,
        room="r1",
        client_id="",
        time=0.0,
        state=RoomState(id="r1"),
    ),
    Ack(id="c1", version=13),
    Ack(id="c1", version=13, duplicate=True, result={"link": "https://example.org/#t"}),
    Error(code=ErrorCode.FORBIDDEN, message="an audience may not send timer.start", id="c2"),
    Error(code=ErrorCode.TOO_DEEP, message="nesting deeper than 32"),
    *(EventMessage(version=13 + index, event=event) for index, event in enumerate(EVENTS)),
    TimeReply(t0=5000.125, t1=1_750_000_800.0, t2=1_750_000_800.001),
    Presence(),
    Presence(
        peers=(
            Peer(role=Role.HOST, client="host"),
            Peer(role=Role.SPEAKER, slot="talk-1", client="s", latency_ms=42.5),
        ),
        audience=12,
    ),
]


def _union_members(alias: Any) -> set[type]:
    return set(typing.get_args(alias.__value__))


def test_every_command_and_event_class_is_in_its_union() -> None:
    # The tables are derived from the unions; a class defined but left out of its union is not.
    from kanpe.core.events import LogEvent, _Event
    from kanpe.core.protocol import _Command

    assert set(COMMAND_TYPES) == _union_members(Command) == set(_Command.__subclasses__())
    assert len(COMMAND_TYPES) == len(set(COMMAND_TYPES))
    logged_only = {t for t in _union_members(LogEvent) if isinstance(t, type)}
    assert set(EVENT_TYPES) == _union_members(Event) == set(_Event.__subclasses__()) - logged_only
    tags = [message_tag(t) for t in (Hello, TimeRequest, *COMMAND_TYPES)]
    assert len(tags) == len(set(tags)), "two client messages share a type string"


def test_every_message_and_event_type_has_an_example() -> None:
    assert {type(m) for m in CLIENT_MESSAGES} == {Hello, TimeRequest, *COMMAND_TYPES}
    assert {type(m) for m in SERVER_MESSAGES} == _union_members(ServerMessage)
    assert {type(e) for e in EVENTS} == set(EVENT_TYPES)


@pytest.mark.parametrize("message", CLIENT_MESSAGES, ids=lambda m: message_tag(type(m)))
def test_client_message_round_trips(message: ClientMessage) -> None:
    text = encode(message)
    assert json.loads(text)["type"] == message_tag(type(message))
    assert encode_bytes(message) == text.encode()
    assert parse_client(text) == message
    assert encode(parse_client(text)) == text


@pytest.mark.parametrize("message", SERVER_MESSAGES, ids=lambda m: message_tag(type(m)))
def test_server_message_round_trips(message: ServerMessage) -> None:
    text = encode(message)
    assert parse_server(text) == message
    assert encode(parse_server(text)) == text


@pytest.mark.parametrize(
    "message",
    [m for m in CLIENT_MESSAGES if not isinstance(m, TimeRequest)],
    ids=lambda m: message_tag(type(m)),
)
def test_a_client_message_is_not_a_server_message(message: ClientMessage) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_server(encode(message))
    assert caught.value.code is ErrorCode.UNKNOWN_TYPE


@pytest.mark.parametrize(
    "message",
    [m for m in SERVER_MESSAGES if not isinstance(m, TimeReply)],
    ids=lambda m: message_tag(type(m)),
)
def test_a_server_message_is_not_a_client_message(message: ServerMessage) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_client(encode(message))
    assert caught.value.code is ErrorCode.UNKNOWN_TYPE


BAD_SERVER_FRAMES: list[tuple[str, str | bytes, ErrorCode]] = [
    ("not json", "{type: ack", ErrorCode.BAD_JSON),
    ("empty", "", ErrorCode.BAD_JSON),
    ("NaN", '{"type":"time","t0":NaN,"t1":1,"t2":2}', ErrorCode.BAD_JSON),
    ("binary frame", b'{"type":"ack","id":"a","version":1}', ErrorCode.BINARY_FRAME),
    ("unknown type", '{"type":"ack2","id":"a","version":1}', ErrorCode.UNKNOWN_TYPE),
    ("missing type", '{"id":"a","version":1}', ErrorCode.BAD_MESSAGE),
    ("not an object", "[1]", ErrorCode.BAD_MESSAGE),
    ("nesting 60,000 deep", "[" * 60_000, ErrorCode.BAD_MESSAGE),
    ("deep in a field", '{"type":"ack","id":"a","version":1,"result":' + "[" * 60_000, ErrorCode.BAD_MESSAGE),
    ("extra field", '{"type":"ack","id":"a","version":1,"x":1}', ErrorCode.BAD_MESSAGE),
    ("1e999", '{"type":"time","t0":1e999,"t1":1,"t2":2}', ErrorCode.BAD_MESSAGE),
    ("relay time out of range", '{"type":"time","t0":1,"t1":-1,"t2":2}', ErrorCode.BAD_MESSAGE),
    ("lone surrogate, not escaped", '{"type":"error","code":"internal","message":"\ud800"}',
     ErrorCode.BAD_ENCODING),
]  # fmt: skip


@pytest.mark.parametrize(
    ("frame", "code"),
    [(f, c) for _, f, c in BAD_SERVER_FRAMES],
    ids=[n for n, _, _ in BAD_SERVER_FRAMES],
)
def test_bad_server_frame_is_refused_with_its_code(frame: str | bytes, code: ErrorCode) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_server(frame)
    assert caught.value.code is code, caught.value.message


# --- nothing but ProtocolError, whatever comes in ----------------------------------------------

_ALL_STRUCTS = (Hello, TimeRequest, *COMMAND_TYPES, *_union_members(ServerMessage))
FIELD_NAMES = sorted({f.name for t in _ALL_STRUCTS for f in msgspec.structs.fields(t)})
CLIENT_TAGS = sorted(message_tag(t) for t in (Hello, TimeRequest, *COMMAND_TYPES))
SERVER_TAGS = sorted(message_tag(t) for t in _union_members(ServerMessage))
EVENT_TAGS = sorted(message_tag(t) for t in EVENT_TYPES)

# Any code point, lone surrogates included (st.text() alone leaves those out).
any_text = st.text(st.characters() | st.characters(categories=["Cs"]))
keys = st.sampled_from(FIELD_NAMES) | any_text
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | any_text
    | st.sampled_from(
        [*CLIENT_TAGS, *SERVER_TAGS, *EVENT_TAGS, "talk-1", "a1", "host", "👏", "time"]
    ),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=5),
    max_leaves=20,
)
messages = st.builds(
    lambda tag, fields: {"type": tag, **fields},
    st.sampled_from([*CLIENT_TAGS, *SERVER_TAGS]) | json_values,
    st.dictionaries(keys, json_values, max_size=8),
)


def _json_text(value: Any, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


json_frames = st.builds(_json_text, messages | json_values, st.booleans())
frames = any_text | json_frames | st.binary(max_size=64)


def _parses_or_protocol_error(parse: Any, frame: str | bytes) -> None:
    """``parse(frame)`` gives a message that survives a round trip, or raises ProtocolError."""
    try:
        message = parse(frame)
    except ProtocolError as exc:
        error: ProtocolError | None = exc
    else:
        error = None
    if error is not None:
        assert isinstance(error.code, ErrorCode)
        assert error.message
        return
    assert isinstance(message, msgspec.Struct)
    assert parse(encode(message)) == message


@settings(max_examples=250, deadline=None)
@given(frame=frames)
def test_parse_client_raises_only_protocol_error(frame: str | bytes) -> None:
    _parses_or_protocol_error(parse_client, frame)


@settings(max_examples=250, deadline=None)
@given(frame=frames)
def test_parse_server_raises_only_protocol_error(frame: str | bytes) -> None:
    _parses_or_protocol_error(parse_server, frame)


@settings(max_examples=300, deadline=None)
@given(
    message=st.sampled_from(CLIENT_MESSAGES),
    cut=st.integers(min_value=0, max_value=200),
    insert=any_text,
)
def test_mangled_client_messages_raise_only_protocol_error(
    message: ClientMessage, cut: int, insert: str
) -> None:
    text = encode(message)
    cut %= len(text)
    mangled = text[:cut] + insert + text[cut:]
    _parses_or_protocol_error(parse_client, mangled)
    _parses_or_protocol_error(parse_client, text[:cut])


def test_a_boolean_protocol_is_a_bad_hello_not_a_version() -> None:
    for value in ("true", "false"):
        frame = '{"type":"hello","protocol":' + value + ',"room":"r","token":"t"}'
        with pytest.raises(ProtocolError) as caught:
            parse_client(frame)
        assert caught.value.code is ErrorCode.BAD_MESSAGE
