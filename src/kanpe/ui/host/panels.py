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

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kanpe.ui.host.sender import ConsoleSender

if TYPE_CHECKING:
    from kanpe.storage.hostsettings import HostSettings
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.export import Exporter
    from kanpe.ui.host.audience import AudiencePanel
    from kanpe.ui.host.checkin import CheckinPanel
    from kanpe.ui.host.console import HostConsole
    from kanpe.ui.host.invites import InvitesPanel

type SaveLinks = Callable[[dict[str, str]], object]


class _Page(QWidget):
    """A side panel's tab, filled when its panel is built; says when it is first shown."""

    shown = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()


class HostPanels(QObject):
    """The side panels of one console. ``links`` are the room's invite links as the host's
    event file keeps them (empty when the console joined a standalone relay's room by its host
    link); ``save_links`` keeps the whole set again when a panel mints or replaces one.

    The console opens on its cue cards, so the panels' tabs are there at once but the panels
    in them are built (``build``) when the room model gets its link, before anything the relay
    says can reach them, or when one is opened or asked for, if that comes first: at start-up
    the windows a person sees paint without waiting for code and widgets nobody sees yet."""

    def __init__(
        self,
        console: HostConsole,
        links: Mapping[str, str],
        save_links: SaveLinks | None = None,
    ) -> None:
        super().__init__(console)
        self._console = console
        self._links = dict(links)
        self._save_links = save_links
        self._notices = console.notices
        self._built: tuple[AudiencePanel, CheckinPanel, InvitesPanel, Exporter] | None = None
        self.commands = ConsoleSender(console, self)
        window = console.window
        self._pages = (_Page(), _Page(), _Page())
        for page, title in zip(
            self._pages, (self.tr("Audience"), self.tr("Check-in"), self.tr("Invites")), strict=True
        ):
            window.add_panel(page, title)
            page.shown.connect(self.build)
        check_all = window.actions_by_id["check.all"]
        check_all.setEnabled(True)
        check_all.triggered.connect(self._check_all)
        window.actions_by_id["event.export"].triggered.connect(self._export)
        console.room.attached.connect(self.build)
        if console.room.is_attached:
            self.build()

    def build(self) -> None:
        """Build the panels into their tabs (once)."""
        if self._built is not None:
            return
        from kanpe.ui.export import Exporter
        from kanpe.ui.host.audience import AudiencePanel
        from kanpe.ui.host.checkin import CheckinPanel
        from kanpe.ui.host.invites import InvitesPanel

        room, window = self._console.room, self._console.window
        panels = (
            AudiencePanel(room, self.commands),
            CheckinPanel(room, self.commands),
            InvitesPanel(room, self.commands, self._links),
        )
        for page, panel in zip(self._pages, panels, strict=True):
            page.column.addWidget(panel)
        self._built = (*panels, Exporter(room, self._notices, window))
        self.invites.linksChanged.connect(self._keep_links)

    @property
    def audience(self) -> AudiencePanel:
        self.build()
        assert self._built is not None
        return self._built[0]

    @property
    def checkin(self) -> CheckinPanel:
        self.build()
        assert self._built is not None
        return self._built[1]

    @property
    def invites(self) -> InvitesPanel:
        self.build()
        assert self._built is not None
        return self._built[2]

    @property
    def exporter(self) -> Exporter:
        self.build()
        assert self._built is not None
        return self._built[3]

    def _check_all(self) -> None:
        self.checkin.check_all()

    def _export(self) -> None:
        self.exporter.ask()

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
