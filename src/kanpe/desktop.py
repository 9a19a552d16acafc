"""Kanpe opened by the desktop rather than a terminal: a double click, a deck, a ``kanpe:`` link.

``open_from_desktop`` is what ``kanpe`` does with no arguments (Finder, the Dock, the Start
menu, the installer's "Launch Kanpe") or with the one argument the system passes: a PDF opened
with Kanpe, or a ``kanpe:`` link from the relay's speaker page. With nothing to do it shows the
start window (kanpe.ui.start) and launches what the person chose. On macOS a deck dropped on the
icon or a ``kanpe:`` link arrives as a file-open event instead of an argument; it is handled the
same way. Whatever goes wrong is shown in a window as well as printed: nobody reads a terminal
here.

"Host an event" opens the host console (kanpe.hosting.run_host, as ``kanpe host``).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEventLoop, QUrl
from PySide6.QtWidgets import QApplication

from kanpe.app import DEFAULT_MINUTES, application, run_speaker
from kanpe.core.links import LinkError, is_app_link, parse_app_link
from kanpe.demo import run_demo
from kanpe.ui.fileopen import OpenDeck, OpenLink, OpenRequest, file_opens
from kanpe.ui.start import Demo, Host, Join, Present, StartChoice, StartWindow

HOST_PORT = 8765  # the embedded relay's port, as `kanpe host` has it


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
        application()
        from kanpe.ui.linkreasons import link_reason

        _problem(
            QCoreApplication.translate("Desktop", "Kanpe cannot open this link"), link_reason(exc)
        )
        return 2
    return run_speaker(None, join=invite.link, minutes=DEFAULT_MINUTES)


def _problem(title: str, text: str) -> None:
    from kanpe.ui.linkwindow import report_problem

    report_problem(title, text)


def choose(app: QApplication, window: StartWindow) -> StartChoice | None:
    """Show the start window until a choice is made (None: it was closed)."""
    made: list[StartChoice] = []
    waiting = QEventLoop()

    def chosen(choice: StartChoice) -> None:
        made.append(choice)
        waiting.quit()

    window.chosen.connect(chosen)
    window.closed.connect(waiting.quit)

    def opened(request: OpenRequest) -> None:  # a deck or link from the system: as if dropped
        match request:
            case OpenDeck(path=path):
                window.present(path)
            case OpenLink(text=text):
                window.join(text)

    with file_opens().handled_by(opened):
        try:
            window.show()
            window.raise_()
            window.activateWindow()
            waiting.exec()
        finally:
            window.hide()
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

    app = application()
    window = StartWindow(SettingsStore.for_speaker())
    choice = choose(app, window)
    window.deleteLater()  # gone with the next turn of the loop the chosen app runs
    return 0 if choice is None else launch(choice)


def run_host() -> int:
    """Host an event: the host console (``kanpe host`` with its defaults) on the embedded relay,
    with the host's saved event or a new one from the sample rundown."""
    from kanpe.hosting import run_host as run_host_console

    def problem(text: str) -> None:
        _problem(QCoreApplication.translate("Desktop", "Kanpe cannot host the event"), text)

    return run_host_console(
        None, link=None, relay=None, data=None, public_url=None, port=HOST_PORT, problem=problem
    )
