"""The side panels in the host console's window: tabs, the menu's "Check all", links kept, and
the console's rule for commands made while the relay cannot be reached."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kanpe.core.protocol import React, SendChat
from kanpe.net.link import LinkStatus
from kanpe.storage.hostsettings import host_settings_store
from kanpe.ui.host.console import HostConsole
from kanpe.ui.host.panels import HostPanels
from kanpe.ui.roommodel import RoomModel
from tests.support.faultproxy import FaultProxy
from tests.ui.conftest import CLEANUPS, Clients, _call
from tests.ui.host.conftest import Hosts, Night, host_test, until


@host_test
async def test_the_panels_are_tabs_of_the_console_and_check_all_is_its_action(
    night: Night, hosts: Hosts, qtbot: QtBot
) -> None:
    console = await hosts.start(night.invites.host)
    saved: list[dict[str, str]] = []
    panels = HostPanels(console, night.invites.as_result(), saved.append)
    tabs = console.window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())][-3:] == [
        "Audience",
        "Check-in",
        "Invites",
    ]
    await night.speaker("talk-1")

    def online() -> bool:
        row = panels.checkin.row("talk-1")
        return row is not None and "check" in row.buttons

    await until(online)
    check_all = console.window.actions_by_id["check.all"]
    assert check_all.isEnabled()
    check_all.trigger()
    await until(lambda: night.state().slots["talk-1"].check is not None)
    assert night.state().slots["talk-2"].check is None  # offline: not checked

    panels.invites.replace_link("talk-1")
    await until(lambda: bool(saved))
    assert saved[-1]["speaker:talk-1"] != night.invites.speakers["talk-1"]
    assert saved[-1]["audience"] == night.invites.audience


@host_test
async def test_moderation_made_while_the_relay_is_unreachable_is_listed_not_queued(
    night: Night, qtbot: QtBot, tmp_path: Path
) -> None:
    proxy = FaultProxy("127.0.0.1", night.relay.port)
    await proxy.start()
    try:
        mia = await night.audience("mia")
        await night.send(mia, SendChat, text="spam", name="Spam")
        host = await night.clients.join(night.invites.host, url=proxy.url())
        from kanpe.storage.hostsettings import host_settings_store
        from kanpe.ui.host.console import HostConsole
        from kanpe.ui.roommodel import RoomModel

        console = HostConsole(RoomModel(host), settings=host_settings_store(tmp_path / "host.toml"))
        CLEANUPS.append(lambda: _call(console.quit))
        panels = HostPanels(console, night.invites.as_result())
        await until(lambda: len(panels.audience.chat.rows()) == 1)
        proxy.cut(refuse=True)
        await until(lambda: host.status is LinkStatus.OFFLINE)
        panels.audience.chat.rows()[0].buttons["hide"].click()
        assert console.unsent and console.unsent[-1].endswith("Hide a chat message")
        assert console.commands.pending() == ()
        editor = panels.audience.polls.editor
        qtbot.keyClicks(editor.question, "Still there?")
        editor.open_button.click()
        assert editor.question.text() == "Still there?"  # not sent: kept for later
        proxy.restore()
        await until(lambda: host.status is LinkStatus.ONLINE)
        assert not night.state().chat[-1].hidden
    finally:
        await proxy.stop()


def test_the_event_links_go_to_the_first_console_only(qapp: object, tmp_path: Path) -> None:
    """The console's first room is the event's; a room joined later from it knows no links."""
    from kanpe.storage.hostsettings import host_settings_store
    from kanpe.ui.host.invites import InvitesPanel
    from kanpe.ui.host.panels import HostPanels, console_factory

    links = {"room": "r", "audience": "http://127.0.0.1:1/audience/room1#" + "a" * 32}
    make = console_factory(host_settings_store(tmp_path / "host.toml"), links)
    consoles = [make(), make()]
    try:
        panels = [c.findChild(HostPanels) for c in consoles]
        assert panels[0] is not None and panels[0].invites.links == links
        assert panels[1] is not None and panels[1].invites.links == {}
        # Built on demand, into the console's own tabs.
        assert all(c.window.findChild(InvitesPanel) is not None for c in consoles)
    finally:
        for console in consoles:
            console.quit()


@host_test
async def test_the_side_panels_are_built_when_the_room_gets_its_link_before_it_speaks(
    night: Night, clients: Clients, tmp_path: Path
) -> None:
    """A console opens on its cue cards: its panels' tabs are there at once, the panels in them
    come with the room's link (before any event can reach them), or when a tab is opened."""
    from kanpe.ui.host.audience import AudiencePanel
    from kanpe.ui.host.panels import HostPanels

    store = host_settings_store(tmp_path / "host.toml")
    early, late = (HostConsole(RoomModel(), settings=store) for _ in range(2))
    for console in (early, late):
        CLEANUPS.append(lambda c=console: _call(c.quit))
        HostPanels(console, night.invites.as_result())
    tabs = early.window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())][1:] == ["Audience", "Check-in", "Invites"]
    assert early.window.findChild(AudiencePanel) is None

    late.show()
    late.window.tabs.setCurrentIndex(1)  # the host opens the Audience tab
    assert late.window.findChild(AudiencePanel) is not None

    early.room.attach(await clients.join(night.invites.host, client="kanpe-host"))
    panel = early.window.findChild(AudiencePanel)
    assert panel is not None
    audience = await night.audience("a1")
    await audience.command(React(id=audience.new_id(), emoji="👏"))
    await until(lambda: panel.reactions.counts["👏"].text() == "👏 1")
