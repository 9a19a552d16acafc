"""A store that fails after an acknowledgement, and rooms made with `kanpe room create`."""

from __future__ import annotations

import sqlite3

import pytest

from kanpe.core.protocol import Ack, AdjustTimer, encode_bytes
from kanpe.net import pipeline as pipeline_module
from kanpe.net.admin import create_room
from kanpe.net.relay import ADMIN_SECRET_FILE, Relay, RoomInvites
from tests.net.conftest import RUNDOWN, next_reply, raw_join


@pytest.mark.asyncio
@pytest.mark.allow_log_errors
async def test_a_snapshot_that_cannot_be_saved_drops_no_one(
    relay: Relay,
    invites: RoomInvites,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The events are committed before the ack; a snapshot is only a shortcut for the next load.
    Its failure (a full disk) is logged, and the host's connection and later commands go on."""
    monkeypatch.setattr(pipeline_module, "SNAPSHOT_EVERY", 1)
    assert relay.store is not None

    def disk_full(state: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(relay.store, "save_snapshot", disk_full)
    host = await raw_join(invites.host)
    for command_id in ("h1", "h2", "h3"):
        command = AdjustTimer(id=command_id, slot="talk-1", seconds=60)
        await host.send(encode_bytes(command).decode())
    acked = []
    while len(acked) < 3:
        reply = await next_reply(host)
        if isinstance(reply, Ack):
            acked.append(reply.id)
    assert acked == ["h1", "h2", "h3"]
    assert host.close_code is None
    assert "could not save a snapshot" in caplog.text  # and the operator is told
    await host.close()


@pytest.mark.asyncio
async def test_each_room_create_makes_its_own_room(relay: Relay) -> None:
    """kanpe room create sent the same command id every time: a second room with another name was
    refused, and one with the same name got the first room's links (its host token too)."""
    secret = (relay.data_dir / ADMIN_SECRET_FILE).read_text().strip()
    first = await create_room(relay.url, secret, "Meetup 12", RUNDOWN)
    second = await create_room(relay.url, secret, "Meetup 13", RUNDOWN)
    again = await create_room(relay.url, secret, "Meetup 12", RUNDOWN)
    assert len({first.room, second.room, again.room}) == 3
    assert len({first.host, second.host, again.host}) == 3
