"""Every kind of bad input over a real socket: the right error or close code, and nothing changes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from kanpe.core.model import Role
from kanpe.core.protocol import (
    PROTOCOL_VERSION,
    Ack,
    CloseCode,
    Error,
    ErrorCode,
    SendChat,
    StartTimer,
    encode,
)
from kanpe.net.relay import Relay, RoomInvites
from tests.net.conftest import hello_for, next_reply, raw_connect, raw_join, room_bytes

GOOD_ADJUST = {"type": "timer.adjust", "id": "a1", "slot": "talk-1", "seconds": 60}


def with_(**changes: Any) -> str:
    return json.dumps({**GOOD_ADJUST, **changes})


# (name, frame to send after joining as host, expected error code)
AFTER_JOIN: list[tuple[str, str | bytes, ErrorCode]] = [
    ("not json", "{type: timer.start", ErrorCode.BAD_JSON),
    ("empty", "", ErrorCode.BAD_JSON),
    ("binary frame", b'{"type":"time","t0":1}', ErrorCode.BINARY_FRAME),
    ("nesting 60,000 deep", "[" * 60_000 + "]" * 2_000, ErrorCode.TOO_DEEP),
    (
        "deep inside a message",
        with_(seconds=None).replace("null", "[" * 30_000 + "]" * 30_000),
        ErrorCode.TOO_DEEP,
    ),
    ("NaN", with_().replace("60", "NaN"), ErrorCode.BAD_NUMBER),
    ("Infinity", with_().replace("60", "-Infinity"), ErrorCode.BAD_NUMBER),
    ("1e999", with_().replace("60", "1e999"), ErrorCode.BAD_NUMBER),
    ("5,000-digit number", with_().replace("60", "9" * 5_000), ErrorCode.BAD_NUMBER),
    ("unknown type", with_(type="timer.explode"), ErrorCode.UNKNOWN_TYPE),
    ("no type", json.dumps({"id": "a1"}), ErrorCode.BAD_MESSAGE),
    ("type not a string", with_(type=7), ErrorCode.BAD_MESSAGE),
    ("not an object", "[1, 2, 3]", ErrorCode.BAD_MESSAGE),
    (
        "missing field",
        json.dumps({k: v for k, v in GOOD_ADJUST.items() if k != "seconds"}),
        ErrorCode.BAD_MESSAGE,
    ),
    ("extra field", with_(force=True), ErrorCode.BAD_MESSAGE),
    ("wrong type", with_(seconds="60"), ErrorCode.BAD_MESSAGE),
    ("float for int", with_(seconds=1.5), ErrorCode.BAD_MESSAGE),
    ("out of range", with_(seconds=10**9), ErrorCode.BAD_MESSAGE),
    ("bad id", with_(id="no spaces allowed"), ErrorCode.BAD_MESSAGE),
    (
        "duplicate keys",
        '{"type":"timer.adjust","id":"a1","slot":"talk-1","seconds":1,"seconds":2}',
        ErrorCode.DUPLICATE_KEY,
    ),
    ("lone surrogate", with_(slot="SURR").replace("SURR", "\\ud800"), ErrorCode.BAD_ENCODING),
    ("unknown slot", with_(slot="nope"), ErrorCode.NOT_FOUND),
    ("second hello", "HELLO", ErrorCode.BAD_MESSAGE),
    ("admin command", json.dumps({"type": "room.create", "id": "r1"}), ErrorCode.FORBIDDEN),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("name", "frame", "code"), AFTER_JOIN, ids=[c[0] for c in AFTER_JOIN])
async def test_bad_frame_is_refused_and_changes_nothing(
    relay: Relay, invites: RoomInvites, name: str, frame: str | bytes, code: ErrorCode
) -> None:
    ws = await raw_join(invites.host)
    before = room_bytes(relay, invites.room)
    await ws.send(hello_for(invites.host) if frame == "HELLO" else frame)
    reply = await next_reply(ws)
    assert isinstance(reply, Error), reply
    assert reply.code is code
    assert room_bytes(relay, invites.room) == before
    # The connection stays usable: a good command still works.
    await ws.send(encode(StartTimer(id="ok-1", slot="talk-1")))
    assert await _ack_after_events(ws) == "ok-1"
    await ws.close()


async def _ack_after_events(ws: Any) -> str:
    while True:
        reply = await next_reply(ws)
        if isinstance(reply, Ack):
            return reply.id
        assert not isinstance(reply, Error), reply


# (name, first frame, expected error code in the refusal, expected close code)
HELLOS: list[tuple[str, str, ErrorCode, CloseCode]] = [
    ("wrong token", "WRONG", ErrorCode.UNAUTHORIZED, CloseCode.UNAUTHORIZED),
    ("other room's token", "OTHER", ErrorCode.UNAUTHORIZED, CloseCode.UNAUTHORIZED),
    (
        "wrong protocol version",
        "VERSION",
        ErrorCode.UNSUPPORTED_VERSION,
        CloseCode.UNSUPPORTED_VERSION,
    ),
    (
        "command before hello",
        encode(StartTimer(id="x", slot="talk-1")),
        ErrorCode.HELLO_REQUIRED,
        CloseCode.HELLO_REQUIRED,
    ),
    ("not json", "hello?", ErrorCode.BAD_JSON, CloseCode.HELLO_REQUIRED),
    ("hello claiming a role", "ROLE", ErrorCode.BAD_MESSAGE, CloseCode.HELLO_REQUIRED),
    ("duplicate token keys", "DUPTOKEN", ErrorCode.DUPLICATE_KEY, CloseCode.HELLO_REQUIRED),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("name", "first", "code", "close"), HELLOS, ids=[c[0] for c in HELLOS])
async def test_bad_hello_is_refused_and_closed(
    relay: Relay, invites: RoomInvites, name: str, first: str, code: ErrorCode, close: CloseCode
) -> None:
    other = await relay.create_room(name="Other")
    before = room_bytes(relay, invites.room)
    link = invites.speakers["talk-1"]
    token = link.split("#")[1]
    frame = {
        "WRONG": hello_for(link, token="A" * 32),
        "OTHER": hello_for(link, token=other.host.split("#")[1]),
        "VERSION": hello_for(link).replace(f'"protocol":{PROTOCOL_VERSION}', '"protocol":99'),
        "ROLE": hello_for(link)[:-1] + ',"role":"host"}',
        "DUPTOKEN": hello_for(link)[:-1] + f',"token":"{other.host.split("#")[1]}"}}',
    }.get(first, first)
    assert token not in frame or first not in ("WRONG", "OTHER")
    ws = await raw_connect(link)
    await ws.send(frame)
    reply = await next_reply(ws)
    assert isinstance(reply, Error)
    assert reply.code is code
    with pytest.raises(ConnectionClosed):
        await ws.recv()
    assert ws.close_code == close
    assert room_bytes(relay, invites.room) == before


@pytest.mark.asyncio
async def test_invalid_utf8_closes_1007(relay: Relay, invites: RoomInvites) -> None:
    ws = await raw_join(invites.host)
    before = room_bytes(relay, invites.room)
    await ws.send(b'{"type":"chat.send","id":"c1","text":"\xff\xfe"}', text=True)
    with pytest.raises(ConnectionClosed):
        while True:
            await ws.recv()
    assert ws.close_code == CloseCode.INVALID_UTF8
    assert room_bytes(relay, invites.room) == before


@pytest.mark.asyncio
async def test_message_over_64_kib_closes_1009(relay: Relay, invites: RoomInvites) -> None:
    ws = await raw_join(invites.host)
    before = room_bytes(relay, invites.room)
    await ws.send(encode(SendChat(id="big", text="x" * 400)).replace("x" * 400, "x" * 70_000))
    with pytest.raises(ConnectionClosed):
        while True:
            await ws.recv()
    assert ws.close_code == CloseCode.TOO_BIG
    assert room_bytes(relay, invites.room) == before


@pytest.mark.asyncio
async def test_no_hello_in_time_closes_4000(tmp_path: Any) -> None:
    from kanpe.net.limits import Limits
    from kanpe.net.relay import RelayConfig

    config = RelayConfig(data_dir=tmp_path, limits=Limits(open_timeout=0.2))
    async with Relay(config) as relay:
        invites = await relay.create_room()
        ws = await raw_connect(invites.host)
        with pytest.raises(ConnectionClosed):
            await ws.recv()
        assert ws.close_code == CloseCode.HELLO_TIMEOUT


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "command",
    [
        StartTimer(id="h1", slot="talk-1"),
        {"type": "cue.send", "id": "h2", "slot": "talk-1", "kind": "wrap"},
        {"type": "rundown.set", "id": "h3", "rundown": {"slots": []}},
        {"type": "question.set", "id": "h4", "question": "q1", "hidden": True},
        {"type": "poll.open", "id": "h5", "question": "Who?", "options": ["a", "b"]},
        {"type": "invite.create", "id": "h6", "role": "host"},
        {"type": "slide", "id": "h7", "page": 1, "pages": 2},
    ],
)
async def test_audience_cannot_send_host_commands(
    relay: Relay, invites: RoomInvites, command: Any
) -> None:
    ws = await raw_join(invites.audience)
    before = room_bytes(relay, invites.room)
    await ws.send(
        command
        if isinstance(command, str)
        else (encode(command) if not isinstance(command, dict) else json.dumps(command))
    )
    reply = await next_reply(ws)
    assert isinstance(reply, Error)
    assert reply.code is ErrorCode.FORBIDDEN
    assert room_bytes(relay, invites.room) == before


@pytest.mark.asyncio
async def test_replayed_command_id_is_applied_once(relay: Relay, invites: RoomInvites) -> None:
    ws = await raw_join(invites.audience)
    chat = encode(SendChat(id="m-1", text="hello"))
    await ws.send(chat)
    first = await _ack(ws)
    after_first = room_bytes(relay, invites.room)
    await ws.send(chat)
    second = await _ack(ws)
    assert second.duplicate and not first.duplicate
    assert second.version == first.version
    assert room_bytes(relay, invites.room) == after_first
    # Same id, different body: refused, nothing changes.
    await ws.send(encode(SendChat(id="m-1", text="something else")))
    reply = await next_reply(ws)
    assert isinstance(reply, Error) and reply.code is ErrorCode.ID_REUSED
    assert room_bytes(relay, invites.room) == after_first


async def _ack(ws: Any) -> Ack:
    while True:
        reply = await next_reply(ws)
        if isinstance(reply, Ack):
            return reply
        assert not isinstance(reply, Error), reply


@pytest.mark.asyncio
async def test_a_thousand_chat_messages_a_second_are_limited_then_cut(
    relay: Relay, invites: RoomInvites
) -> None:
    ws = await raw_join(invites.audience)
    burst = relay.limits.rates[Role.AUDIENCE].burst
    frames = [encode(SendChat(id=f"m{i}", text=f"spam {i}")) for i in range(1000)]
    for frame in frames:
        try:
            await ws.send(frame)
        except ConnectionClosed:
            break
    acks = errors = 0
    with pytest.raises(ConnectionClosed):
        while True:
            reply = await next_reply(ws)
            if isinstance(reply, Ack):
                acks += 1
            elif isinstance(reply, Error):
                assert reply.code is ErrorCode.RATE_LIMITED
                errors += 1
    assert ws.close_code == CloseCode.FLOODING
    assert errors >= 1
    assert acks <= burst + 2  # the bucket refills a little while the burst is read
    chat = relay.rooms[invites.room].state.chat
    assert len(chat) == acks
