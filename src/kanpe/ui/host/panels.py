"""The host console's side panels, put in its window: the audience (moderation, polls,
reactions), the connection check and the invites, and the menu actions they own ("Check all",
"Export the event").

``HostPanels`` is what ``kanpe host`` adds to a ``HostConsole``: each panel follows the console's
room model and sends through the console (``ConsoleSender``), so a command made while the relay
cannot be reached is listed as not sent, like every other of the console's commands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kanpe.ui.export import Exporter
from kanpe.ui.host.audience import AudiencePanel
from kanpe.ui.host.checkin import CheckinPanel
from kanpe.ui.host.invites import InvitesPanel
from kanpe.ui.host.sender import ConsoleSender

if TYPE_CHECKING:
    from kanpe.storage.hostsettings import HostSettings
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.host.console import HostConsole

type SaveLinks = Callable[[dict[str, str]], object]


class HostPanels(QObject):
    """The side panels of one console. ``links`` are the room's invite links as the host's
    event file keeps them (empty when the console joined a standalone relay's room by its host
    link); ``save_links`` keeps the whole set again when a panel mints or replaces one."""

    def __init__(
        self,
        console: HostConsole,
        links: Mapping[str, str],
        save_links: SaveLinks | None = None,
    ) -> None:
        super().__init__(console)
        room, window = console.room, console.window
        self.commands = ConsoleSender(console, self)
        self.audience = AudiencePanel(room, self.commands)
        self.checkin = CheckinPanel(room, self.commands)
        self.invites = InvitesPanel(room, self.commands, links)
        window.add_panel(self.audience, self.tr("Audience"))
        window.add_panel(self.checkin, self.tr("Check-in"))
        window.add_panel(self.invites, self.tr("Invites"))
        check_all = window.actions_by_id["check.all"]
        check_all.setEnabled(True)
        check_all.triggered.connect(self.checkin.check_all)
        self.exporter = Exporter(room, console.notices, window)
        window.actions_by_id["event.export"].triggered.connect(self.exporter.ask)
        self._save_links = save_links
        self._notices = console.notices
        self.invites.linksChanged.connect(self._keep_links)

    def _keep_links(self, links: dict[str, str]) -> None:
        if self._save_links is None:
            return
        from kanpe.core.notices import AppNotice, Severity

        try:
            self._save_links(links)
        except OSError as error:  # StorageError included: the message says what and where
            self._notices.post(AppNotice.LINKS_NOT_SAVED, Severity.WARNING, problem=str(error))


def console_factory(
    settings: SettingsStore[HostSettings],
    links: Mapping[str, str],
    save_links: SaveLinks | None = None,
) -> Callable[[], HostConsole]:
    """What a ``HostSession`` makes its consoles with: each console with its side panels.
    ``links`` (and ``save_links``) belong to the first console's room, the event's; a room the
    host joins later from the console starts with no links known."""
    from kanpe.ui.host.console import HostConsole
    from kanpe.ui.roommodel import RoomModel

    first: list[Mapping[str, str]] = [links]

    def make() -> HostConsole:
        console = HostConsole(RoomModel(), settings=settings)
        if first:
            HostPanels(console, first.pop(), save_links)
        else:
            HostPanels(console, {})
        return console

    return make
