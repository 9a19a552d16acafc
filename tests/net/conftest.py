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
