"""A real relay on 127.0.0.1, port 0, with a room of two talks, for every net test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import LinkClient
from kanpe.net.relay import Relay, RelayConfig, RoomInvites

RUNDOWN = Rundown(
    title="Test night",
    slots=(
        Slot(id="talk-1", speaker="Aiko", title="Timers", duration=1500),
        Slot(id="lt-1", speaker="Ben", title="Lightning", duration=300, warning=60, final=30),
    ),
)


def fast_backoff(attempt: int) -> float:
    return 0.02


@pytest.fixture
def relay_config(tmp_path: Path) -> RelayConfig:
    return RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path / "relay")


@pytest_asyncio.fixture
async def relay(relay_config: RelayConfig) -> AsyncIterator[Relay]:
    async with Relay(relay_config) as running:
        yield running


@pytest_asyncio.fixture
async def invites(relay: Relay) -> RoomInvites:
    return await relay.create_room(name="Test night", rundown=RUNDOWN)


class Links:
    """Starts link clients and closes them all at the end of the test."""

    def __init__(self) -> None:
        self.clients: list[LinkClient] = []

    async def join(self, link: str, **kwargs: object) -> LinkClient:
        client = LinkClient(link, backoff=fast_backoff, **kwargs)  # type: ignore[arg-type]
        self.clients.append(client)
        await client.start()
        await client.ready()
        return client


@pytest_asyncio.fixture
async def links() -> AsyncIterator[Links]:
    made = Links()
    yield made
    for client in made.clients:
        await client.close()


# --- raw websocket clients, for feeding the relay exactly the bytes a test wants -------------

from typing import Any  # noqa: E402

import msgspec  # noqa: E402
from websockets.asyncio.client import ClientConnection, connect  # noqa: E402

from kanpe.core.links import parse_link  # noqa: E402
from kanpe.core.protocol import (  # noqa: E402
    PROTOCOL_VERSION,
    Hello,
    Presence,
    ServerMessage,
    encode,
    parse_server,
)


def hello_for(link: str, **overrides: Any) -> str:
    invite = parse_link(link)
    fields: dict[str, Any] = {
        "protocol": PROTOCOL_VERSION,
        "room": invite.room,
        "token": invite.token,
        "client": "test",
    }
    fields.update(overrides)
    return encode(Hello(**fields))


async def raw_connect(link: str, **kwargs: Any) -> ClientConnection:
    return await connect(parse_link(link).websocket_url, compression=None, **kwargs)


async def raw_join(link: str, **kwargs: Any) -> ClientConnection:
    ws = await raw_connect(link, **kwargs)
    await ws.send(hello_for(link))
    welcome = parse_server(await ws.recv())
    assert type(welcome).__name__ == "Welcome", welcome
    return ws


async def next_reply(ws: ClientConnection) -> ServerMessage:
    """The next message that is not a presence update."""
    while True:
        message = parse_server(await ws.recv())
        if not isinstance(message, Presence):
            return message


def room_bytes(relay: Relay, room: str) -> bytes:
    """The relay's whole state of a room, for before/after comparisons."""
    return msgspec.json.encode(relay.rooms[room].state)
