"""A real relay honours a retry for as long as docs/protocol.md 7.1.1 says, and no longer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from kanpe.core.protocol import SendChat
from kanpe.core.retention import RetryMemory
from kanpe.net.relay import Relay, RelayConfig
from kanpe.net.relayclock import RelayClock

from .conftest import RUNDOWN, Links


class Clock:
    """A monotonic clock for the relay's time that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest_asyncio.fixture
async def clocked(tmp_path: Path) -> AsyncIterator[tuple[Relay, Clock]]:
    clock = Clock()
    config = RelayConfig(data_dir=tmp_path / "relay", retry_memory=RetryMemory(window=60.0, keep=2))
    async with Relay(
        config, clock=RelayClock(wall=lambda: 1_750_000_000.0, monotonic=clock)
    ) as relay:
        yield relay, clock


@pytest.mark.asyncio
async def test_a_retry_is_a_duplicate_until_both_the_window_and_the_count_are_past(
    clocked: tuple[Relay, Clock], links: Links
) -> None:
    relay, clock = clocked
    invites = await relay.create_room(name="Long night", rundown=RUNDOWN)
    phone = await links.join(invites.audience, client_id="phone")

    def chat(command_id: str) -> SendChat:
        return SendChat(id=command_id, name="Mia", text=f"said as {command_id}")

    first = await phone.command(chat("c-1"))
    assert not first.duplicate
    assert (await phone.command(chat("c-1"))).duplicate
    await phone.command(chat("c-2"))
    await phone.command(chat("c-3"))  # c-1 now has two newer commands: past the count
    clock.now += 59.0
    assert relay.forget_commands() == 0  # but not past the window
    again = await phone.command(chat("c-1"))
    assert again.duplicate
    assert again.version == first.version

    clock.now += 2.0
    assert relay.forget_commands() == 1  # c-1 only: c-2 has one newer, c-3 none
    assert (await phone.command(chat("c-2"))).duplicate
    late = await phone.command(chat("c-1"))  # no longer known: decided as a new command
    assert not late.duplicate
    assert late.version > first.version
    state = phone.state
    assert state is not None
    assert [m.text for m in state.chat].count("said as c-1") == 2


@pytest.mark.asyncio
async def test_ids_are_forgotten_across_a_restart_by_the_stored_time(
    tmp_path: Path, links: Links
) -> None:
    clock = Clock()
    config = RelayConfig(data_dir=tmp_path / "relay", retry_memory=RetryMemory(window=60.0, keep=1))
    relay_clock = RelayClock(wall=lambda: 1_750_000_000.0, monotonic=clock)
    async with Relay(config, clock=relay_clock) as relay:
        invites = await relay.create_room(name="Long night", rundown=RUNDOWN)
        phone = await links.join(invites.audience, client_id="phone")
        await phone.command(SendChat(id="c-1", text="before the restart"))
        await phone.command(SendChat(id="c-2", text="and its newer one"))
        await phone.close()
    later = RelayClock(wall=lambda: 1_750_000_000.0 + 61.0, monotonic=clock)
    async with Relay(config, clock=later) as restarted:
        assert restarted.forget_commands() == 1
        assert restarted.store is not None
        assert restarted.store.command_count() == 1
