"""Editing the rundown in the console: every edit goes to the relay as a whole new rundown, and
the event (rundown, current talk, links) survives a restart of the console on the same data."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt

from kanpe.core.links import parse_link
from kanpe.core.rundown import Rundown
from kanpe.net.embedded import EmbeddedEvent
from kanpe.net.link import LinkClient
from kanpe.storage.hostsettings import host_settings_store
from kanpe.ui.host.console import HostConsole
from kanpe.ui.host.rundown import COLUMNS, parse_length
from kanpe.ui.roommodel import RoomModel
from tests.support.waiting import eventually
from tests.ui.conftest import CLEANUPS
from tests.ui.host.conftest import NIGHT, Hosts, Night, host_test


def token(link: str) -> tuple[str, str]:
    invite = parse_link(link)
    return invite.room, invite.token


def column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def ids(console: HostConsole) -> list[str]:
    rundown = console.room.rundown()
    return [] if rundown is None else [slot.id for slot in rundown.slots]


def test_lengths_as_a_host_types_them() -> None:
    assert parse_length("25") == 1500
    assert parse_length("4:30") == 270
    assert parse_length("90s") == 90
    assert parse_length(" 1h5m ") == 3900


@host_test
async def test_edits_in_place_reach_the_relay(night: Night, hosts: Hosts) -> None:
    console = await hosts.start(night.invites.host)
    table = console.window.rundown.table
    await eventually(lambda: table.rowCount() == 3)
    table.setData(table.index(0, column("title")), "Clocks that agree", Qt.ItemDataRole.EditRole)
    await eventually(
        lambda: table.slot_at(0) is not None and table.slot_at(0).title == "Clocks that agree"
    )  # type: ignore[union-attr]
    table.setData(table.index(2, column("duration")), "7", Qt.ItemDataRole.EditRole)
    await eventually(lambda: table.slot_at(2).duration == 420)  # type: ignore[union-attr]
    # The speaker's timer follows a new length while it is idle.
    await eventually(lambda: console.room.slot("lt-1").timer.remaining == 420)  # type: ignore[union-attr]
    table.move(2, 0)
    await eventually(lambda: ids(console) == ["lt-1", "talk-1", "talk-2"])
    console.window.rundown.select("talk-2")
    console.window.actions_by_id["rundown.up"].trigger()
    await eventually(lambda: ids(console) == ["lt-1", "talk-2", "talk-1"])
    console.window.actions_by_id["rundown.add"].trigger()
    await eventually(lambda: len(ids(console)) == 4)
    assert "talk-4" in ids(console) and "talk-4" in console.window.cards.cards
    console.window.rundown.select("talk-4")
    console.window.actions_by_id["rundown.remove"].trigger()
    await eventually(lambda: len(ids(console)) == 3)
    assert "talk-4" not in console.window.cards.cards
    # A value that is no length changes nothing and says why.
    before = console.room.rundown()
    assert not table.setData(table.index(0, column("duration")), "soon", Qt.ItemDataRole.EditRole)
    assert any("is not a length" in t for t in console.window.notices.texts())
    assert console.room.rundown() == before


@host_test
async def test_the_event_survives_a_restart_of_the_console(tmp_path: Path) -> None:
    folder = tmp_path / "event"

    async def open_console() -> tuple[EmbeddedEvent, HostConsole, LinkClient]:
        event = await asyncio.to_thread(
            EmbeddedEvent.start, folder, NIGHT, port=0, host="127.0.0.1"
        )
        link = LinkClient(event.invites.host, client="kanpe-host")
        await link.start()
        await link.ready()
        console = HostConsole(RoomModel(link), settings=host_settings_store(tmp_path / "h.toml"))
        return event, console, link

    async def close(event: EmbeddedEvent, console: HostConsole, link: LinkClient) -> None:
        console.quit()
        await link.close()
        await asyncio.to_thread(event.stop)

    event, console, link = await open_console()
    CLEANUPS.append(lambda: close(event, console, link))
    first_links = event.invites
    table = console.window.rundown.table
    table.setData(table.index(1, column("speaker")), "Rafael Souza", Qt.ItemDataRole.EditRole)
    table.move(2, 0)
    console.actions.put_on_stage("talk-2")
    console.actions.start("talk-2")
    await eventually(
        lambda: (
            ids(console) == ["lt-1", "talk-1", "talk-2"]
            and console.room.current() == "talk-2"
            and console.room.slot("talk-2").timer.running
        )  # type: ignore[union-attr]
    )
    rundown: Rundown | None = console.room.rundown()
    CLEANUPS.pop()
    await close(event, console, link)

    event, console, link = await open_console()
    CLEANUPS.append(lambda: close(event, console, link))
    assert event.resumed
    # The same links (on this run's port: the test's relay listens on any free one).
    assert token(event.invites.host) == token(first_links.host)
    assert {k: token(v) for k, v in event.invites.speakers.items()} == {
        k: token(v) for k, v in first_links.speakers.items()
    }
    assert console.room.rundown() == rundown
    assert console.room.current() == "talk-2"
    assert console.room.slot("talk-2").timer.running  # type: ignore[union-attr]
    slot = rundown.slot("talk-2") if rundown else None
    assert slot is not None and slot.speaker == "Rafael Souza"
    assert console.window.rundown.table.current == "talk-2"
