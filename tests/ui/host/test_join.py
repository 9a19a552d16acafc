"""Joining another relay's room from the console: only a host link whose relay answers as a
host's replaces the room in use; anything else is said in the dialog and changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kanpe.net.embedded import EmbeddedEvent
from kanpe.net.link import LinkStatus
from kanpe.storage.hostsettings import host_settings_store
from kanpe.ui.host import join
from kanpe.ui.host.console import HostConsole
from kanpe.ui.host.join import JoinDialog
from kanpe.ui.host.session import HostSession
from kanpe.ui.roommodel import RoomModel
from tests.support.waiting import eventually
from tests.ui.conftest import CLEANUPS, Clients, _call
from tests.ui.host.conftest import NIGHT, Hosts, Night, host_test

DEAD_RELAY = "http://127.0.0.1:9/host/room1234#" + "a" * 32


@pytest.mark.parametrize(
    ("which", "says"),
    [
        ("speaker", "That is a speaker link, not a host link: nothing changed"),
        ("audience", "That is a audience link, not a host link"),
        ("garbage", "That link cannot be used (an invite link starts with http"),
        ("dead relay", "does not answer): nothing changed"),
    ],
)
@host_test
async def test_a_link_that_cannot_be_joined_changes_nothing(
    which: str, says: str, night: Night, hosts: Hosts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(join, "TRIAL_SECONDS", 1.0)
    console = await hosts.start(night.invites.host)
    room_before = console.room.state.id if console.room.state else None
    dialog = JoinDialog(console.window)
    CLEANUPS.append(lambda: _call(dialog.close))
    dialog.link.setText(
        {
            "speaker": night.invites.speakers["talk-1"],
            "audience": night.invites.audience,
            "garbage": "relay.example.org/host/abc",
            "dead relay": DEAD_RELAY,
        }[which]
    )
    assert dialog.leaving.isHidden()  # a room on another relay: nothing here stops
    dialog.attempt()
    await eventually(lambda: says in dialog.problem.text(), within=15)
    assert console.next_link is None and not console.is_finished
    assert console.room.state is not None and console.room.state.id == room_before


@host_test
async def test_a_working_host_link_moves_the_console_to_that_room(
    night: Night, tmp_path: Path
) -> None:
    other = await night.relay.create_room(name="Another night", rundown=NIGHT)
    store = host_settings_store(tmp_path / "host.toml")
    session = HostSession(lambda: HostConsole(RoomModel(), settings=store))
    running = asyncio.ensure_future(session.run(night.invites.host))

    async def stop() -> None:
        session.quit()
        await running

    CLEANUPS.append(stop)
    await eventually(lambda: session.console is not None and session.console.room.state is not None)
    first = session.console
    assert first is not None and first.room.state is not None
    assert first.room.state.id == night.invites.room
    dialog = JoinDialog(first.window)
    dialog.joined.connect(first.switch_to)
    dialog.link.setText(other.host)
    dialog.attempt()
    await eventually(
        lambda: (
            session.console is not first
            and session.console is not None
            and session.console.room.state is not None
            and session.console.room.state.id == other.room
        )
    )
    assert first.is_finished and not session.is_finished
    assert QApplication.instance() is not None


@host_test
async def test_closing_the_window_ends_the_session(night: Night, tmp_path: Path) -> None:
    store = host_settings_store(tmp_path / "host.toml")
    session = HostSession(lambda: HostConsole(RoomModel(), settings=store))
    running = asyncio.ensure_future(session.run(night.invites.host))
    await eventually(lambda: session.console is not None and session.console.room.state is not None)
    assert session.console is not None
    session.console.window.close()
    assert await asyncio.wait_for(running, 10) == 0
    assert session.is_finished


@host_test
async def test_leaving_the_event_this_computer_serves_says_who_is_in_it_then_stops_it(
    night: Night, clients: Clients, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(join, "TRIAL_SECONDS", 1.0)
    event = await asyncio.to_thread(
        EmbeddedEvent.start, tmp_path / "event", NIGHT, port=0, host="127.0.0.1"
    )
    CLEANUPS.append(lambda: asyncio.to_thread(event.stop))
    speaker = await clients.join(event.invites.speakers["talk-1"], client="kanpe-speaker 1")
    await clients.join(event.invites.audience, client_id="a1")
    other = await night.relay.create_room(name="Another night", rundown=NIGHT)
    store = host_settings_store(tmp_path / "host.toml")
    session = HostSession(lambda: HostConsole(RoomModel(), settings=store), own_event=event)
    running = asyncio.ensure_future(session.run(event.invites.host))

    async def stop() -> None:
        session.quit()
        await running

    CLEANUPS.append(stop)
    await eventually(lambda: session.console is not None and session.console.room.state is not None)
    first = session.console
    assert first is not None and first.runs_own_event
    first.join_other()
    dialog = first.join_dialog
    CLEANUPS.append(lambda: _call(dialog.close))
    # The host is asked with who would be disconnected, before anything stops.
    await eventually(
        lambda: (
            "speakers: Aiko" in dialog.leaving.text()
            and "1 in the audience" in dialog.leaving.text()
        )
    )
    assert "Joining another room stops it" in dialog.leaving.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Stop this event and join"

    # A link that does not work changes nothing: the event keeps serving its people.
    dialog.link.setText(DEAD_RELAY)
    dialog.attempt()
    await eventually(lambda: "does not answer" in dialog.problem.text(), within=15)
    assert event.running and session.console is first and speaker.status is LinkStatus.ONLINE

    # One that works moves the console, then stops the relay: its links are closed.
    dialog.link.setText(other.host)
    dialog.attempt()
    await eventually(
        lambda: (
            session.console is not first
            and session.console is not None
            and session.console.room.state is not None
            and session.console.room.state.id == other.room
        )
    )
    await eventually(lambda: not event.running)
    await eventually(lambda: speaker.status is not LinkStatus.ONLINE)
    now = session.console
    assert now is not None and not now.runs_own_event  # the next room is not this computer's
    await eventually(
        lambda: any(
            "The event on this computer has stopped" in t for t in now.window.notices.texts()
        )
    )
    assert not session.is_finished
