"""Actual times and "next talk" on a real relay: recorded in events, seen by every reader, and
kept across a restart of the relay."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanpe.core.clockface import TimerStatus
from kanpe.core.protocol import NextSlot
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.net.relay import Relay, RelayConfig
from tests.net.conftest import RUNDOWN, fast_backoff


@pytest.mark.asyncio
async def test_next_talk_records_actual_times_that_survive_a_restart(tmp_path: Path) -> None:
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path)
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        host = LinkClient(invites.host, backoff=fast_backoff)
        audience = LinkClient(invites.audience, backoff=fast_backoff)
        for client in (host, audience):
            await client.start()
            await client.ready()
        await host.command(NextSlot(id=host.new_id(), start=True))
        first = await host.command(NextSlot(id=host.new_id(), start=True))
        state = await wait_for_state(audience, lambda s: s.version >= first.version)
        talk, lightning = state.slots["talk-1"], state.slots["lt-1"]
        assert state.current == "lt-1"
        assert talk.timer.status is TimerStatus.PAUSED
        assert talk.started is not None and talk.ended is not None
        assert talk.started <= talk.ended == lightning.started
        assert lightning.timer.running and lightning.ended is None
        kept = relay.rooms[invites.room].state
        await host.close()
        await audience.close()
    async with Relay(config) as again:
        restored = again.rooms[invites.room].state
        assert restored.slots == kept.slots and restored.current == "lt-1"
