"""Joining another relay's room from the console: only a host link whose relay answers as a
host's replaces the room in use; anything else is said in the dialog and changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kanpe.storage.hostsettings import host_settings_store
from kanpe.ui.host import join
from kanpe.ui.host.console import HostConsole
from kanpe.ui.host.join import JoinDialog
from kanpe.ui.host.session import HostSession
from kanpe.ui.roommodel import RoomModel
from tests.support.waiting import eventually
from tests.ui.conftest import CLEANUPS, _call
from tests.ui.host.conftest import NIGHT, Hosts, Night, host_test


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
            "dead relay": "http://127.0.0.1:9/host/room1234#" + "a" * 32,
        }[which]
    )
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
