"""Kanpe opened by the desktop rather than a terminal: a double click, a deck, a ``kanpe:`` link.

``open_from_desktop`` is what ``kanpe`` does with no arguments (Finder, the Dock, the Start
menu, the installer's "Launch Kanpe") or with the one argument the system passes: a PDF opened
with Kanpe, or a ``kanpe:`` link from the relay's speaker page. With nothing to do it shows the
start window (kanpe.ui.start) and launches what the person chose. On macOS a deck dropped on the
icon or a ``kanpe:`` link arrives as a file-open event instead of an argument; it is handled the
same way. Whatever goes wrong is shown in a window as well as printed: nobody reads a terminal
here.

``run_host`` is the hook for the host console: today it starts the embedded relay with the
host's event and shows the event's links.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from kanpe.app import DEFAULT_MINUTES, _application, run_demo, run_speaker
from kanpe.core.links import LinkError, is_app_link, parse_app_link
from kanpe.ui.start import Demo, Host, Join, Present, StartChoice, StartWindow

if TYPE_CHECKING:
    from kanpe.net.embedded import RelayThread

HOST_PORT = 8765  # the relay's usual port; a free one if another program holds it


def can_show_windows() -> bool:
    """False with no screen to show a window on: a terminal with no display (a server over
    ssh), or Qt told to draw offscreen. There ``kanpe`` prints its usage instead."""
    import os

    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal")):
        return False
    if platform or sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_from_desktop(argument: str | None = None) -> int:
    """The start window, a deck, or a ``kanpe:`` link: returns the process's exit status."""
    if argument is None:
        return run_start()
    if is_app_link(argument):
        return join_app_link(argument)
    if argument.startswith("file:"):  # a Linux file manager passes a deck as a file: URL (%u)
        argument = QUrl(argument).toLocalFile()
    return run_speaker(argument, join=None, minutes=DEFAULT_MINUTES)


def join_app_link(text: str) -> int:
    try:
        invite = parse_app_link(text)
    except LinkError as exc:
        _application()
        from kanpe.ui.linkreasons import link_reason

        _problem(
            QCoreApplication.translate("Desktop", "Kanpe cannot open this link"), link_reason(exc)
        )
        return 2
    return run_speaker(None, join=invite.link, minutes=DEFAULT_MINUTES)


def _problem(title: str, text: str) -> None:
    print(f"kanpe: {title}: {text}", file=sys.stderr or sys.__stderr__, flush=True)
    from kanpe.ui.linkwindow import show_problem

    show_problem(title, text)


class FileOpenRequests(QObject):
    """macOS hands a deck dropped on the Dock icon, a file opened with Kanpe and a ``kanpe:``
    link to the running app as a QFileOpenEvent: turned into signals."""

    deck = Signal(Path)
    link = Signal(str)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent):
            if event.file():
                self.deck.emit(Path(event.file()))
            elif event.url().scheme():
                self.link.emit(event.url().toString())
            return True
        return False


def choose(app: QApplication, window: StartWindow) -> StartChoice | None:
    """Show the start window until a choice is made (None: it was closed)."""
    made: list[StartChoice] = []
    waiting = QEventLoop()

    def chosen(choice: StartChoice) -> None:
        made.append(choice)
        waiting.quit()

    window.chosen.connect(chosen)
    window.closed.connect(waiting.quit)
    requests = FileOpenRequests()
    requests.deck.connect(window.present)
    requests.link.connect(window.join)
    app.installEventFilter(requests)
    try:
        window.show()
        window.raise_()
        window.activateWindow()
        waiting.exec()
    finally:
        app.removeEventFilter(requests)
        window.hide()
        window.deleteLater()
    return made[0] if made else None


def launch(choice: StartChoice) -> int:
    """What a start-window choice leads to."""
    match choice:
        case Present(deck=deck, minutes=minutes):
            return run_speaker(str(deck), join=None, minutes=minutes)
        case Join(link=link):
            return run_speaker(None, join=link, minutes=DEFAULT_MINUTES)
        case Host():
            return run_host()
        case Demo():
            return run_demo()


def run_start() -> int:
    """``kanpe`` with nothing to do: the start window, then what was chosen."""
    from kanpe.storage.settings import SettingsStore

    app = _application()
    choice = choose(app, StartWindow(SettingsStore.for_speaker()))
    return 0 if choice is None else launch(choice)


def run_host() -> int:
    """Host an event. THE HOOK FOR THE HOST CONSOLE: replace this body with the console.

    Today: the embedded relay starts on this computer (on HOST_PORT, reachable from the local
    network), with the host's event (the one saved in the host's data folder, or a new one from
    the sample rundown), and a window shows every link of the event with Copy and a QR code
    until it is closed; then the relay stops. The rundown cannot be edited here yet.
    """
    app = _application()
    relay = _start_host_relay()
    if relay is None:
        return 1
    try:
        window = _event_links_window(app, relay)
        if window is None:
            return 1
        closed = QEventLoop()
        window.destroyed.connect(closed.quit)
        window.show()
        closed.exec()
    finally:
        relay.stop()
    return 0


def host_folder() -> Path:
    """The host's event and relay data: beside the standalone relay's default folder."""
    from kanpe.net.relayconfig import default_data_dir

    return default_data_dir().parent / "host"


def _start_host_relay() -> RelayThread | None:
    """The embedded relay, on HOST_PORT or, if another program holds it, on a free port."""
    from kanpe.net.embedded import RelayThread
    from kanpe.net.relayconfig import RelayConfig
    from kanpe.storage.assets import web_root

    for port in (HOST_PORT, 0):
        config = RelayConfig(
            host="0.0.0.0",  # noqa: S104 - speakers and the audience join from the network
            port=port,
            data_dir=host_folder() / "relay",
            web_root=web_root(),
        )
        relay = RelayThread(config, lan_links=True)
        try:
            relay.start()
        except OSError as exc:
            if port == 0:
                _problem(
                    QCoreApplication.translate("Desktop", "Kanpe could not start its relay"),
                    str(exc),
                )
                return None
            continue  # the usual port is taken: any free one
        return relay
    return None


def _event_links_window(app: QApplication, relay: RelayThread) -> QWidget | None:
    from kanpe.core.rundown import RundownError
    from kanpe.net.embedded import open_event
    from kanpe.storage.assets import asset_path
    from kanpe.storage.atomic import StorageError
    from kanpe.storage.rundown_file import load_rundown
    from kanpe.ui.linkwindow import LinkWindow, NamedLink

    try:
        rundown = load_rundown(asset_path("rundown-sample.toml"))
        name = QCoreApplication.translate("Desktop", "My event")
        invites = relay.call(
            lambda r: open_event(r, host_folder(), name=name, rundown=rundown)
        ).result(timeout=30)
    except (StorageError, RundownError, OSError, TimeoutError) as exc:
        _problem(QCoreApplication.translate("Desktop", "Kanpe could not open your event"), str(exc))
        return None
    speakers = {s.id: f"{s.speaker} ({s.id})" for s in rundown.slots if s.speaker}
    links = [
        NamedLink(
            QCoreApplication.translate("Desktop", "Host (keep this one to yourself)"), invites.host
        ),
        *(
            NamedLink(
                QCoreApplication.translate("Desktop", "Speaker: {slot}").format(
                    slot=speakers.get(slot, slot)
                ),
                link,
            )
            for slot, link in invites.speakers.items()
        ),
        NamedLink(QCoreApplication.translate("Desktop", "Audience"), invites.audience),
        NamedLink(
            QCoreApplication.translate("Desktop", "Big screen (countdown only)"), invites.viewer
        ),
    ]
    print(f"Kanpe relay on {relay.url}; event links in the window.", flush=True)
    window = LinkWindow(
        QCoreApplication.translate("Desktop", "Your event"),
        QCoreApplication.translate(
            "Desktop",
            "Kanpe's relay runs on this computer at {address} until you close this window. "
            "Send each speaker their link; show the audience link or its QR code to the room. "
            "A speaker link opens Kanpe on the speaker's computer.",
        ).format(address=relay.url),
        links,
        qr_for=len(links) - 2,  # the audience's: the one shown to the room
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    del app
    return window
