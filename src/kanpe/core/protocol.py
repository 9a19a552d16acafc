"""The wire protocol: every message as a typed value, and one error type for everything malformed.

``parse_client`` turns the text of a frame from a client into a ``ClientMessage`` or raises
``ProtocolError`` with a code; ``parse_server`` does the same for frames from the relay, and
``encode`` turns any message into text. docs/protocol.md is the normative description.

Parsing is layered, like a careful IPC reader: size, then JSON syntax (with duplicate keys, NaN,
Infinity and huge numbers refused), then the message type, then its fields.
"""

from __future__ import annotations

import itertools
import json
import re
from enum import IntEnum, StrEnum
from typing import Annotated, Any, Final, get_args

import msgspec

from kanpe.core.countdown import MAX_DURATION
from kanpe.core.events import Event
from kanpe.core.model import (
    MAX_NAME,
    MAX_POLL_OPTIONS,
    MAX_TEXT,
    CueKind,
    Ident,
    Role,
    RoomState,
    Time,
)
from kanpe.core.rundown import Rundown, SlotId

PROTOCOL_VERSION: Final = 1
MAX_MESSAGE_BYTES: Final = 64 * 1024
#: Arrays and objects in one message, at most: a rundown of MAX_SLOTS slots needs ~400. A 64 KiB
#: frame of 20,000 empty arrays would otherwise cost the relay ~15 ms of Python to refuse.
MAX_CONTAINERS: Final = 1024
#: Characters a frame from the audience or a viewer may hold: their largest message (a question
#: of 500 characters with a 40-character name, every character escaped) is under 7,000.
MAX_AUDIENCE_MESSAGE_CHARS: Final = 8 * 1024
MAX_DEPTH: Final = 32


class ErrorCode(StrEnum):
    """Codes of ``error`` messages. Each is documented in docs/protocol.md."""

    BAD_JSON = "bad_json"
    BAD_ENCODING = "bad_encoding"
    BINARY_FRAME = "binary_frame"
    TOO_LARGE = "too_large"
    TOO_DEEP = "too_deep"
    DUPLICATE_KEY = "duplicate_key"
    BAD_NUMBER = "bad_number"
    UNKNOWN_TYPE = "unknown_type"
    BAD_MESSAGE = "bad_message"
    UNSUPPORTED_VERSION = "unsupported_version"
    HELLO_REQUIRED = "hello_required"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    REFUSED = "refused"
    NOT_FOUND = "not_found"
    ID_REUSED = "id_reused"
    RATE_LIMITED = "rate_limited"
    INTERNAL = "internal"
    NAME_RESERVED = "name_reserved"


class CloseCode(IntEnum):
    """Close codes the relay uses. 1000-1015 are RFC 6455's; 4000-4999 are Kanpe's."""

    NORMAL = 1000
    GOING_AWAY = 1001  # relay shutting down
    INVALID_UTF8 = 1007  # a text frame that is not UTF-8
    POLICY = 1008
    TOO_BIG = 1009  # a frame over MAX_MESSAGE_BYTES
    INTERNAL = 1011
    HELLO_TIMEOUT = 4000  # no hello within the open timeout
    UNAUTHORIZED = 4001  # unknown token, or a token for another room
    UNSUPPORTED_VERSION = 4002  # hello with a protocol version the relay does not speak
    HELLO_REQUIRED = 4003  # first message was not a valid hello
    FLOODING = 4008  # kept sending after being rate limited
    SLOW_CONSUMER = 4009  # stopped reading; its write buffer passed the cap
    ROOM_CLOSED = 4010  # the room was deleted


class ProtocolError(Exception):
    """The one error for any input the protocol refuses. ``code`` is an ErrorCode."""

    def __init__(self, code: ErrorCode, message: str, *, command_id: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.command_id = command_id


# --- client -> relay --------------------------------------------------------------------------


class _Msg(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="type"):
    pass


Token = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
ClientName = Annotated[str, msgspec.Meta(max_length=64)]
Version = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
AdjustSeconds = Annotated[int, msgspec.Meta(ge=-MAX_DURATION, le=MAX_DURATION)]
DurationSeconds = Annotated[int, msgspec.Meta(gt=0, le=MAX_DURATION)]
PageNumber = Annotated[int, msgspec.Meta(ge=0, le=100_000)]
ChatText = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TEXT)]
Nick = Annotated[str, msgspec.Meta(max_length=MAX_NAME)]
OptionText = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Options = Annotated[tuple[OptionText, ...], msgspec.Meta(min_length=2, max_length=MAX_POLL_OPTIONS)]
RoomName = Annotated[str, msgspec.Meta(max_length=100)]


class Hello(_Msg, frozen=True, kw_only=True, tag="hello"):
    protocol: Version
    room: Annotated[str, msgspec.Meta(max_length=64)]
    token: Token
    client: ClientName = ""
    client_id: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{0,64}\Z")] = ""


class TimeRequest(_Msg, frozen=True, kw_only=True, tag="time"):
    t0: float
    #: The client's wall clock (seconds since the epoch) as it sent this: the relay tells hosts
    #: how far a speaker's clock is off (``Peer.clock_ms``). Optional; pages do not send it.
    wall: Time | None = None


class _Command(_Msg, frozen=True, kw_only=True):
    id: Ident


class SetRundown(_Command, frozen=True, kw_only=True, tag="rundown.set"):
    rundown: Rundown


class StartTimer(_Command, frozen=True, kw_only=True, tag="timer.start"):
    slot: SlotId


class PauseTimer(_Command, frozen=True, kw_only=True, tag="timer.pause"):
    slot: SlotId


class ResetTimer(_Command, frozen=True, kw_only=True, tag="timer.reset"):
    slot: SlotId


class AdjustTimer(_Command, frozen=True, kw_only=True, tag="timer.adjust"):
    slot: SlotId
    seconds: AdjustSeconds


class SetDuration(_Command, frozen=True, kw_only=True, tag="timer.duration"):
    slot: SlotId
    seconds: DurationSeconds


class SetCurrent(_Command, frozen=True, kw_only=True, tag="slot.current"):
    slot: SlotId | None


class AllowSelfTimer(_Command, frozen=True, kw_only=True, tag="slot.self_timer"):
    slot: SlotId
    allowed: bool


class SetAutoCues(_Command, frozen=True, kw_only=True, tag="slot.auto_cues"):
    """Turn a slot's automatic cues on or off, per threshold; ``None`` leaves one as it is."""

    slot: SlotId
    warning: bool | None = None
    final: bool | None = None
    time_up: bool | None = None


class NextSlot(_Command, frozen=True, kw_only=True, tag="slot.next"):
    """Stop the talk on stage and put the next one of the rundown on stage (and start it)."""

    start: bool = False


class SendCue(_Command, frozen=True, kw_only=True, tag="cue.send"):
    slot: SlotId
    kind: CueKind
    text: Annotated[str, msgspec.Meta(max_length=MAX_TEXT)] = ""
    flash: bool = False


class ClearCue(_Command, frozen=True, kw_only=True, tag="cue.clear"):
    slot: SlotId


class AckCue(_Command, frozen=True, kw_only=True, tag="cue.ack"):
    cue: Ident


class ReportSlide(_Command, frozen=True, kw_only=True, tag="slide"):
    page: PageNumber
    pages: PageNumber


class React(_Command, frozen=True, kw_only=True, tag="react"):
    emoji: Annotated[str, msgspec.Meta(max_length=8)]


class SendChat(_Command, frozen=True, kw_only=True, tag="chat.send"):
    text: ChatText
    name: Nick = ""


class HideChat(_Command, frozen=True, kw_only=True, tag="chat.hide"):
    message: Ident


class AskQuestion(_Command, frozen=True, kw_only=True, tag="question.ask"):
    text: ChatText
    name: Nick = ""


class VoteQuestion(_Command, frozen=True, kw_only=True, tag="question.vote"):
    question: Ident


class UnvoteQuestion(_Command, frozen=True, kw_only=True, tag="question.unvote"):
    """Take back one's up-vote."""

    question: Ident


class ReportChat(_Command, frozen=True, kw_only=True, tag="chat.report"):
    """Tell the hosts a chat message should not be there."""

    message: Ident


class ReportQuestion(_Command, frozen=True, kw_only=True, tag="question.report"):
    question: Ident


class DismissReport(_Command, frozen=True, kw_only=True, tag="report.dismiss"):
    """A host closes a report without hiding what was reported."""

    report: Ident


class ModerateQuestion(_Command, frozen=True, kw_only=True, tag="question.set"):
    question: Ident
    pinned: bool | None = None
    answered: bool | None = None
    hidden: bool | None = None


class OpenPoll(_Command, frozen=True, kw_only=True, tag="poll.open"):
    question: ChatText
    options: Options


class ClosePoll(_Command, frozen=True, kw_only=True, tag="poll.close"):
    poll: Ident


class ShowPoll(_Command, frozen=True, kw_only=True, tag="poll.show"):
    """Show a poll's result on the stage (or stop showing it)."""

    poll: Ident
    shown: bool = True


class AnswerPoll(_Command, frozen=True, kw_only=True, tag="poll.answer"):
    poll: Ident
    option: Annotated[int, msgspec.Meta(ge=0, lt=MAX_POLL_OPTIONS)]


class CreateRoom(_Command, frozen=True, kw_only=True, tag="room.create"):
    name: RoomName = ""
    rundown: Rundown | None = None


class CreateInvite(_Command, frozen=True, kw_only=True, tag="invite.create"):
    """Mint a new invite link for a role (and, for a speaker, a slot). Old links stay valid."""

    role: Role
    slot: SlotId | None = None


class ReplaceInvite(_Command, frozen=True, kw_only=True, tag="invite.replace"):
    """Mint a new speaker link for a slot and revoke every older one (a leaked link)."""

    slot: SlotId


type Command = (
    SetRundown
    | StartTimer
    | PauseTimer
    | ResetTimer
    | AdjustTimer
    | SetDuration
    | SetCurrent
    | AllowSelfTimer
    | NextSlot
    | SetAutoCues
    | SendCue
    | ClearCue
    | AckCue
    | ReportSlide
    | React
    | SendChat
    | HideChat
    | AskQuestion
    | VoteQuestion
    | UnvoteQuestion
    | ReportChat
    | ReportQuestion
    | DismissReport
    | ModerateQuestion
    | OpenPoll
    | ClosePoll
    | ShowPoll
    | AnswerPoll
    | CreateRoom
    | CreateInvite
    | ReplaceInvite
)

#: Every command class, in the order of the union above, which is the one list of them.
COMMAND_TYPES: tuple[type[_Command], ...] = get_args(Command.__value__)

type ClientMessage = Hello | TimeRequest | Command


# --- relay -> client --------------------------------------------------------------------------


class Welcome(_Msg, frozen=True, kw_only=True, tag="welcome"):
    protocol: int
    role: Role
    room: str
    slot: str | None = None
    client_id: str
    time: Time
    state: RoomState


class Ack(_Msg, frozen=True, kw_only=True, tag="ack"):
    id: str
    version: int
    duplicate: bool = False
    result: dict[str, str] = msgspec.field(default_factory=dict)


class Error(_Msg, frozen=True, kw_only=True, tag="error"):
    code: ErrorCode
    message: str
    id: str | None = None


class EventMessage(_Msg, frozen=True, kw_only=True, tag="event"):
    version: int
    event: Event


class TimeReply(_Msg, frozen=True, kw_only=True, tag="time"):
    t0: float
    t1: Time
    t2: Time


class Peer(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    role: Role
    slot: str | None = None
    client: str = ""
    latency_ms: float | None = None
    #: The app's own name and version, as its hello said (``client``): what a host's card shows.
    app: ClientName = ""
    #: No answer to the relay's heartbeat for a second: the network or the machine has stopped,
    #: though the connection is still open.
    stalled: bool = False
    #: Its wall clock minus relay time, in ms, from its latest time request that said (``wall``),
    #: corrected by half the round trip; None when it never said.
    clock_ms: float | None = None


class Presence(_Msg, frozen=True, kw_only=True, tag="presence"):
    """Who is connected. Hosts get every host and speaker; everyone gets the audience count."""

    peers: tuple[Peer, ...] = ()
    audience: int = 0


type ServerMessage = Welcome | Ack | Error | EventMessage | TimeReply | Presence

# --- parsing ----------------------------------------------------------------------------------

_server_type: Any = ServerMessage


def message_tag(kind: type[msgspec.Struct]) -> str:
    """The ``type`` string of a message or event class, e.g. ``"timer.start"``."""
    return str(kind.__struct_config__.tag)


_CLIENT_MESSAGE_TYPES: tuple[type[msgspec.Struct], ...] = (Hello, TimeRequest, *COMMAND_TYPES)
_CLIENT_TAGS: frozenset[str] = frozenset(message_tag(t) for t in _CLIENT_MESSAGE_TYPES)
# The tag names the class, so each frame converts to that one class: msgspec.convert rebuilds a
# union's lookup on every call (~100 us for ours, against ~4 us for one class), and at an
# applause the relay converts thousands of frames a second.
_CLIENT_CLASS: dict[str, Any] = {message_tag(t): t for t in _CLIENT_MESSAGE_TYPES}
_SERVER_MESSAGE_TYPES: tuple[type[msgspec.Struct], ...] = get_args(ServerMessage.__value__)
_SERVER_TAGS: frozenset[str] = frozenset(message_tag(t) for t in _SERVER_MESSAGE_TYPES)
_encoder = msgspec.json.Encoder()
# Relay -> client frames are trusted to be well formed, so clients take the fast path.
_server_decoder: msgspec.json.Decoder[ServerMessage] = msgspec.json.Decoder(_server_type)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ProtocolError(ErrorCode.DUPLICATE_KEY, f"duplicate key {key!r}")
        result[key] = value
    return result


def _bad_constant(name: str) -> Any:
    raise ProtocolError(ErrorCode.BAD_NUMBER, f"{name} is not a JSON number Kanpe accepts")


def _bad_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 18:
        raise ProtocolError(ErrorCode.BAD_NUMBER, "integer has too many digits")
    return int(digits)


def _bad_float(text: str) -> float:
    if len(text) > 40:
        raise ProtocolError(ErrorCode.BAD_NUMBER, "number has too many digits")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ProtocolError(ErrorCode.BAD_NUMBER, "number out of range")
    return value


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def _check_structure(text: str) -> None:
    """Refuse deep nesting, and more than MAX_CONTAINERS arrays and objects, before the JSON
    parser (and the checks after it) walk them. Strings are skipped by a regular expression, so
    the Python loop sees only the brackets."""
    structure = _STRING.sub("", text)
    if structure.count("[") + structure.count("{") > MAX_CONTAINERS:
        # A frame too deep within its first brackets is refused as too deep, as a smaller one
        # would be; the look stops there, so the work stays bounded.
        first = itertools.islice(_BRACKETS.finditer(structure), 2 * MAX_CONTAINERS)
        _check_nesting([match.group() for match in first])
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"more than {MAX_CONTAINERS} arrays and objects")
    _check_nesting(_BRACKETS.findall(structure))


def _check_nesting(brackets: list[str]) -> None:
    depth = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ProtocolError(ErrorCode.TOO_DEEP, f"nesting deeper than {MAX_DEPTH}")
        else:
            depth -= 1


def _load_json(data: str | bytes) -> Any:
    if isinstance(data, bytes | bytearray | memoryview):
        raise ProtocolError(ErrorCode.BINARY_FRAME, "Kanpe speaks JSON in text frames only")
    if (
        len(data) > MAX_MESSAGE_BYTES
        or len(data.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES
    ):
        raise ProtocolError(ErrorCode.TOO_LARGE, f"message over {MAX_MESSAGE_BYTES} bytes")
    if data.count("[") + data.count("{") > MAX_DEPTH:
        _check_structure(data)
    try:
        obj = json.loads(
            data,
            object_pairs_hook=_no_duplicates,
            parse_constant=_bad_constant,
            parse_int=_bad_int,
            parse_float=_bad_float,
        )
    except ProtocolError:
        raise
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(ErrorCode.BAD_JSON, f"not JSON: {exc}") from None
    _check_strings(obj)
    return obj


def _check_strings(obj: Any) -> None:
    """JSON escapes can smuggle lone surrogates (\\ud800) that no UTF-8 peer could be sent."""
    if isinstance(obj, str):
        try:
            obj.encode("utf-8")
        except UnicodeEncodeError:
            raise ProtocolError(ErrorCode.BAD_ENCODING, "text contains a lone surrogate") from None
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _check_strings(key)
            _check_strings(value)
    elif isinstance(obj, list):
        for value in obj:
            _check_strings(value)


def _message_type(obj: Any, tags: frozenset[str]) -> str:
    if not isinstance(obj, dict):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "a message is a JSON object")
    kind = obj.get("type")
    if not isinstance(kind, str):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "a message needs a string 'type'")
    if kind not in tags:
        raise ProtocolError(
            ErrorCode.UNKNOWN_TYPE,
            f"unknown message type {kind[:40]!r}",
            command_id=_ident(obj.get("id")),
        )
    return kind


def _ident(value: object) -> str | None:
    return value if isinstance(value, str) and _COMMAND_ID.fullmatch(f'"id":"{value}"') else None


_COMMAND_ID = re.compile(r'"id"\s*:\s*"([A-Za-z0-9_.:-]{1,64})"')
#: How far into a frame the relay looks for an id it could not parse (docs/protocol.md 8).
ID_LOOKUP_CHARS: Final = 256


def command_id_in(data: str | bytes) -> str | None:
    """The first ``"id": "<Ident>"`` member in the first ID_LOOKUP_CHARS characters of a frame,
    found without parsing it: how an error for a frame that could not be parsed (too large,
    malformed, dropped for the rate limit) still names its command."""
    if not isinstance(data, str):
        return None
    found = _COMMAND_ID.search(data, 0, ID_LOOKUP_CHARS)
    return found.group(1) if found else None


def parse_client(data: str | bytes) -> ClientMessage:
    """Parse one frame from a client. Raises ProtocolError, and nothing else, on bad input; its
    ``command_id`` is the command's id whenever it can be read."""
    try:
        obj = _load_json(data)
    except ProtocolError as exc:
        exc.command_id = command_id_in(data)
        raise
    kind = _message_type(obj, _CLIENT_TAGS)
    version = obj.get("protocol")
    is_number = isinstance(version, int) and not isinstance(version, bool)
    if kind == "hello" and is_number and version != PROTOCOL_VERSION:
        # Before the field checks: a future hello may carry fields this version does not know.
        raise ProtocolError(
            ErrorCode.UNSUPPORTED_VERSION,
            f"protocol {version} is not supported; this relay speaks {PROTOCOL_VERSION}",
        )
    command_id = obj.get("id") if isinstance(obj.get("id"), str) else None
    try:
        message: ClientMessage = msgspec.convert(obj, _CLIENT_CLASS[kind], strict=True)
    except msgspec.ValidationError as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, str(exc), command_id=command_id) from None
    if isinstance(message, Hello) and message.protocol != PROTOCOL_VERSION:
        raise ProtocolError(
            ErrorCode.UNSUPPORTED_VERSION,
            f"protocol {message.protocol} is not supported; this relay speaks {PROTOCOL_VERSION}",
        )
    return message


def parse_server(data: str | bytes) -> ServerMessage:
    """Parse one frame from the relay. Raises ProtocolError on anything malformed."""
    if isinstance(data, bytes | bytearray | memoryview):
        raise ProtocolError(ErrorCode.BINARY_FRAME, "the relay sends text frames only")
    try:
        return _server_decoder.decode(data)
    except msgspec.ValidationError as exc:
        text = str(exc)
        code = (
            ErrorCode.UNKNOWN_TYPE
            if "Invalid value" in text and "$.type" in text
            else ErrorCode.BAD_MESSAGE
        )
        raise ProtocolError(code, text) from None
    except msgspec.DecodeError as exc:
        raise ProtocolError(ErrorCode.BAD_JSON, str(exc)) from None
    except RecursionError:
        raise ProtocolError(ErrorCode.TOO_DEEP, "nesting too deep") from None
    except UnicodeEncodeError:
        # msgspec reads a str as UTF-8, and a lone surrogate has no UTF-8 form.
        raise ProtocolError(ErrorCode.BAD_ENCODING, "text contains a lone surrogate") from None


def encode(message: ClientMessage | ServerMessage) -> str:
    return _encoder.encode(message).decode("utf-8")


def encode_bytes(message: ClientMessage | ServerMessage) -> bytes:
    """UTF-8 JSON, for sending as a text frame without decoding it again."""
    return _encoder.encode(message)
