"""What anyone holding the public audience link can make the relay do, and not do."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from kanpe.core.model import MAX_TEXT, Role
from kanpe.core.protocol import (
    MAX_AUDIENCE_MESSAGE_CHARS,
    Ack,
    AskQuestion,
    Error,
    ErrorCode,
    EventMessage,
    SendChat,
    Welcome,
    encode_bytes,
    parse_server,
)
from kanpe.net.limits import Limits, Rate
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from tests.net.conftest import RUNDOWN, hello_for, next_reply, raw_join
from tests.support.waiting import eventually


@pytest.mark.asyncio
async def test_an_audience_frame_over_8_kib_is_refused_unparsed_and_the_link_stays(
    relay: Relay, invites: RoomInvites
) -> None:
    audience = await raw_join(invites.audience)
    heavy = json.dumps({"type": "chat.send", "id": "c1", "text": "x", "pad": "y" * 9_000})
    assert len(heavy) > MAX_AUDIENCE_MESSAGE_CHARS
    await audience.send(heavy)
    refused = await next_reply(audience)
    assert isinstance(refused, Error) and refused.code is ErrorCode.TOO_LARGE
    # The biggest real audience message fits: 500 characters of text, every one escaped.
    text = "😀" * MAX_TEXT  # each escaped as \\ud83d\\ude00: 12 bytes
    biggest = json.dumps({"type": "question.ask", "id": "q1", "text": text, "name": "é" * 40})
    assert len(biggest) <= MAX_AUDIENCE_MESSAGE_CHARS
    await audience.send(biggest)
    reply = await next_reply(audience)
    while not isinstance(reply, Ack | Error):
        reply = await next_reply(audience)
    assert isinstance(reply, Ack) and reply.id == "q1"
    await audience.close()


async def _slow_path(
    relay_port: int, bytes_per_second: int, writers: list[asyncio.StreamWriter]
) -> asyncio.Server:
    """A TCP path whose relay-to-client direction carries ``bytes_per_second`` (a phone on a
    weak mobile link); the other direction is not throttled. Its sockets go into ``writers``."""

    async def accept(down_r: asyncio.StreamReader, down_w: asyncio.StreamWriter) -> None:
        # A small receive buffer towards the relay, so the throttle is felt upstream (a default
        # loopback buffer would take the whole welcome at once).
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", relay_port))
        up_r, up_w = await asyncio.open_connection(sock=sock)
        writers.extend((down_w, up_w))

        async def pump(r: asyncio.StreamReader, w: asyncio.StreamWriter, rate: int | None) -> None:
            with contextlib.suppress(ConnectionError):
                while chunk := await r.read(4096):
                    w.write(chunk)
                    await w.drain()
                    if rate:
                        await asyncio.sleep(len(chunk) / rate)  # the throttle, not a wait
            w.close()

        await asyncio.gather(pump(down_r, up_w, None), pump(up_r, down_w, bytes_per_second))

    return await asyncio.start_server(accept, "127.0.0.1", 0)


@pytest.mark.asyncio
async def test_a_slow_phone_can_join_a_busy_room(tmp_path: Path) -> None:
    """The welcome (the whole room) may be much bigger than the slow-reader cap. While it drains
    to a slow phone, the next message (the presence count) must not count it as falling behind,
    or the phone is dropped, reconnects, and is dropped again, forever."""
    limits = Limits(
        rates={**Limits().rates, Role.HOST: Rate(per_second=10_000, burst=10_000)},
        max_write_buffer=4 * 1024,
    )
    config = RelayConfig(data_dir=tmp_path / "relay", limits=limits)
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        host = await raw_join(invites.host)
        for n in range(150):  # ~250 KB of questions, more than the kernel buffers in between
            await host.send(encode_bytes(AskQuestion(id=f"q{n}", text="あ" * 500)).decode())
        await eventually(lambda: len(relay.rooms[invites.room].state.questions) == 150)
        writers: list[asyncio.StreamWriter] = []
        path = await _slow_path(relay.port, 300_000, writers)
        port = path.sockets[0].getsockname()[1]
        phone = await connect(
            f"ws://127.0.0.1:{port}/ws", compression=None, max_size=2**22, close_timeout=1
        )
        # Loopback lets the kernel take the whole welcome at once; a real slow path holds tens
        # of kilobytes in flight, so give the relay's side a WAN-like send buffer.
        server = relay._server
        assert server is not None
        await eventually(lambda: len(server.connections) == 2)  # the host's, and the phone's
        for server_side in server.connections:
            server_side.transport.get_extra_info("socket").setsockopt(
                socket.SOL_SOCKET, socket.SO_SNDBUF, 16 * 1024
            )
        await phone.send(hello_for(invites.audience))
        public = relay.rooms[invites.room].groups["public"]
        await eventually(lambda: len(public) == 1)  # joined: its welcome is draining now
        await host.send(encode_bytes(SendChat(id="m1", text="welcome, phone")).decode())
        welcome = parse_server(await phone.recv())
        assert isinstance(welcome, Welcome) and len(welcome.state.questions) == 150
        chat = await next_reply(phone)
        while not isinstance(chat, EventMessage):
            chat = await next_reply(phone)
        assert relay.dropped_slow == 0
        for writer in writers:  # cut the path: the relay's teardown need not wait for it
            writer.transport.abort()
        path.close()
        host.transport.abort()  # it never read its 150 acks: no close handshake to wait for
