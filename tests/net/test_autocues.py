"""Automatic cues on a real relay: it wakes by itself at each threshold (no host needed once the
timer runs), the speaker sees each cue once, and a restart of the relay fires nothing twice.

The talks here last a few seconds (thresholds are whole seconds), so each test takes as long:
it waits on the room's state, never on a fixed sleep."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import msgspec
import pytest

from kanpe.core.events import LogEvent, SlotChanged
from kanpe.core.model import Threshold
from kanpe.core.protocol import StartTimer
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import Applied, LinkClient, LinkNotice, wait_for_state
from kanpe.net.relay import Relay, RelayConfig
from tests.net.conftest import fast_backoff

ALL = (Threshold.WARNING, Threshold.FINAL, Threshold.TIME_UP)
SHORT = Rundown(slots=(Slot(id="lt-1", duration=3, warning=2, final=1),))


async def _joined(link: str) -> LinkClient:
    client = LinkClient(link, backoff=fast_backoff)
    await client.start()
    await client.ready()
    return client


@pytest.mark.asyncio
async def test_the_relay_sends_each_cue_by_itself_once(tmp_path: Path) -> None:
    async with Relay(RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path)) as relay:
        invites = await relay.create_room(rundown=SHORT)
        host = await _joined(invites.host)
        speaker = await _joined(invites.speakers["lt-1"])
        seen: list[tuple[str, str]] = []

        def on_notice(notice: LinkNotice) -> None:
            if isinstance(notice, Applied) and isinstance(notice.event, SlotChanged):
                cue = notice.event.slot.cue
                if cue is not None and (cue.id, cue.text) not in seen:
                    seen.append((cue.id, cue.text))

        speaker.add_listener(on_notice)
        await host.command(StartTimer(id=host.new_id(), slot="lt-1"))
        await host.close()  # nobody needs to stay: the relay keeps time
        await wait_for_state(speaker, lambda s: s.slots["lt-1"].auto_cues.fired == ALL)
        assert [text for _, text in seen] == ["2 s left", "1 s left", "Time is up"]
        await speaker.close()


@pytest.mark.asyncio
async def test_a_restart_of_the_relay_fires_nothing_twice(tmp_path: Path) -> None:
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path)
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=SHORT)
        host = await _joined(invites.host)
        await host.command(StartTimer(id=host.new_id(), slot="lt-1"))
        await wait_for_state(host, lambda s: Threshold.WARNING in s.slots["lt-1"].auto_cues.fired)
        await host.close()
        first_url = relay.url
    async with Relay(config) as again:
        link = invites.host.replace(first_url, again.url)
        host = await _joined(link)
        await wait_for_state(host, lambda s: s.slots["lt-1"].auto_cues.fired == ALL)
        await host.close()
    with contextlib.closing(sqlite3.connect(tmp_path / "relay.sqlite3")) as db:
        rows = db.execute("SELECT event FROM events WHERE room = ?", (invites.room,)).fetchall()
    events = [msgspec.json.decode(row[0], type=LogEvent) for row in rows]
    cues = {
        (event.slot.cue.id, event.slot.cue.text)
        for event in events
        if isinstance(event, SlotChanged) and event.slot.cue is not None
    }
    texts = sorted(text for _, text in cues)
    assert texts.count("2 s left") == 1  # the warning, before the restart, never again
    assert texts.count("Time is up") == 1
    assert len(texts) == len(set(texts))
