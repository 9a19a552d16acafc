"""What the system asks a running Kanpe to open: a deck, or a ``kanpe:`` link.

macOS hands a deck dropped on the Dock icon, a file opened with "Open With > Kanpe" and a
``kanpe:`` link clicked in a browser to the running app as a QFileOpenEvent, at any moment of
its life: at launch before any window, while the start window is up, during a talk, while the
host console runs. ``KanpeApplication`` (the one QApplication, made by kanpe.app) turns each into
an ``OpenRequest`` for its ``FileOpens``, which hands it to whoever handles requests now
(``handled_by``): the start window, the speaker app, the host console. The latest handler wins;
a request that comes while nobody handles them waits for the next handler, so nothing is lost
between the start window and the app it leads to.

The application's own ``event`` sees them, not an application-wide event filter: a filter in
Python would be called for every event of every widget, and before the first slide is painted
that costs start-up time (see SpeakerApp._show_private).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True, slots=True)
class OpenDeck:
    """Open the deck at ``path``."""

    path: Path


@dataclass(frozen=True, slots=True)
class OpenLink:
    """Open ``text``, a ``kanpe:`` link (checked by whoever handles it)."""

    text: str


type OpenRequest = OpenDeck | OpenLink
type OpenHandler = Callable[[OpenRequest], None]


def open_request(event: QFileOpenEvent) -> OpenRequest | None:
    """What a QFileOpenEvent asks for: a local file is a deck, any other URL a link."""
    if event.file():
        return OpenDeck(Path(event.file()))
    if event.url().scheme():
        return OpenLink(event.url().toString())
    return None


class FileOpens(QObject):
    """Hands each OpenRequest to the handler of the moment; keeps them while there is none."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[OpenHandler] = []
        self._waiting: list[OpenRequest] = []

    @property
    def waiting(self) -> tuple[OpenRequest, ...]:
        """The requests no handler has taken yet."""
        return tuple(self._waiting)

    def request(self, request: OpenRequest) -> None:
        if self._handlers:
            self._handlers[-1](request)
        else:
            self._waiting.append(request)

    @contextlib.contextmanager
    def handled_by(self, handler: OpenHandler) -> Iterator[None]:
        """``handler`` takes the requests while the block runs (and those that waited, once
        the event loop turns: by then its windows are up)."""
        self._handlers.append(handler)
        waiting, self._waiting = self._waiting, []
        for request in waiting:
            QTimer.singleShot(0, self, lambda r=request: self.request(r))
        try:
            yield
        finally:
            self._handlers.remove(handler)


class KanpeApplication(QApplication):
    """The QApplication whose file-open events become requests of ``file_opens``."""

    def __init__(self, arguments: list[str]) -> None:
        super().__init__(arguments)
        self.file_opens = FileOpens(self)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            request = open_request(event)
            if request is not None:
                self.file_opens.request(request)
            return True
        return super().event(event)


_DETACHED: list[FileOpens] = []


def file_opens() -> FileOpens:
    """The running application's requests. Under a plain QApplication (a tool, a benchmark),
    one that the system never feeds: handlers still work, nothing arrives."""
    app = QCoreApplication.instance()
    if isinstance(app, KanpeApplication):
        return app.file_opens
    if not _DETACHED:
        _DETACHED.append(FileOpens())
    return _DETACHED[0]
