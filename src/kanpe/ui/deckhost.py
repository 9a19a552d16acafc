"""DeckHost: the one deck the speaker app shows, seen by three slide views.

The stage shows the current page (or nothing, when blanked); the console shows the current and
the next page. Keys move through the deck; ``pageChanged(page, pages)`` (1-based) tells the
controller, which reports the slide to the host.

This adapter is the speaker app's only contact with the slide renderer. Until the slides package
(``kanpe.ui.slides``) lands it renders with QtPdf directly, on the GUI thread, keeping the current
and next pages rendered at each view's size.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QSizePolicy, QWidget

from kanpe.ui.phases import MUTED, TEXT

#: Larger files are refused before reading: a deck is a few MB; 500 MB is a mistake.
MAX_DECK_BYTES = 200 * 1024 * 1024
CACHED_PAGES = 3  # per view: the previous, current and next page

NEXT_KEYS = frozenset(
    {Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_N}
)
PREV_KEYS = frozenset({Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_P})


def _tr(text: str) -> str:
    return QCoreApplication.translate("Deck", text)


def check_deck(path: Path) -> str | None:
    """Why ``path`` cannot be a deck, before QtPdf touches it; None when it may be one."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return _tr("There is no file at {path}.").format(path=path)
    except OSError as exc:
        return _tr("Cannot read {path}: {error}").format(path=path, error=exc.strerror)
    if not path.is_file():
        return _tr("{path} is not a file.").format(path=path)
    if info.st_size > MAX_DECK_BYTES:
        return _tr("{name} is {size} MB; Kanpe opens decks up to {limit} MB.").format(
            name=path.name, size=info.st_size // (1024 * 1024), limit=MAX_DECK_BYTES // 2**20
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        return _tr("Cannot read {path}: {error}").format(path=path, error=exc.strerror)
    if b"%PDF-" not in head:
        return _tr("{name} is not a PDF file.").format(name=path.name)
    return None


def load_error(document: QPdfDocument, path: Path) -> str | None:
    error = document.error()
    match error:
        case QPdfDocument.Error.None_:
            if document.pageCount() < 1:
                return _tr("{name} has no pages.").format(name=path.name)
            return None
        case QPdfDocument.Error.IncorrectPassword | QPdfDocument.Error.UnsupportedSecurityScheme:
            return _tr(
                "{name} is password-protected. Save an unprotected copy and open that."
            ).format(name=path.name)
        case QPdfDocument.Error.FileNotFound:
            return _tr("There is no file at {path}.").format(path=path)
        case _:
            return _tr("{name} is damaged or not a PDF Kanpe can read.").format(name=path.name)


class PageView(QWidget):
    """Paints page ``host.page + offset`` letterboxed, or a message when there is none."""

    def __init__(self, host: DeckHost, offset: int, *, stage: bool) -> None:
        super().__init__()
        self.host = host
        self.offset = offset
        self.stage = stage
        self._cache: dict[tuple[int, int, int], QImage] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def page_index(self) -> int | None:
        index = self.host.page - 1 + self.offset
        if self.host.document is None or not 0 <= index < self.host.pages:
            return None
        return index

    def target(self, index: int) -> QSize:
        size = self.host.page_size(index)
        ratio = self.devicePixelRatioF()
        bounds = QSize(int(self.width() * ratio), int(self.height() * ratio))
        return size.scaled(bounds, Qt.AspectRatioMode.KeepAspectRatio)

    def image_for(self, index: int) -> QImage:
        size = self.target(index)
        key = (index, size.width(), size.height())
        image = self._cache.pop(key, None)
        if image is None:
            image = self.host.render(index, size)
        self._cache[key] = image  # newest last
        while len(self._cache) > CACHED_PAGES:
            del self._cache[next(iter(self._cache))]
        return image

    def clear(self) -> None:
        self._cache.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._cache.clear()
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000") if self.stage else QColor("#0b0d11"))
        if self.stage and self.host.blank:
            painter.end()
            return
        index = self.page_index()
        if index is None:
            self._message(painter)
            painter.end()
            return
        image = self.image_for(index)
        ratio = self.devicePixelRatioF()
        size = image.size() / ratio
        box = QRectF(
            (self.width() - size.width()) / 2,
            (self.height() - size.height()) / 2,
            size.width(),
            size.height(),
        )
        painter.drawImage(box, image)
        painter.end()

    def _message(self, painter: QPainter) -> None:
        if self.host.error:
            text, colour = self.host.error, QColor("#ffb4ad")
        elif self.host.document is None:
            text, colour = _tr("No deck open. Press Ctrl+O to open a PDF."), MUTED
        elif self.offset:
            text, colour = _tr("End of deck"), MUTED
        else:
            text, colour = "", TEXT
        font = painter.font()
        font.setPixelSize(max(12, min(28, self.height() // 14)))
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(
            QRectF(self.rect()).adjusted(24, 24, -24, -24),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            text,
        )


class DeckHost(QObject):
    pageChanged = Signal(int, int)  # page (1-based), pages
    deckChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: QPdfDocument | None = None
        self.path: Path | None = None
        self.error = ""
        self.page = 0
        self.pages = 0
        self.blank = False
        self.stage_view = PageView(self, 0, stage=True)
        self.console_view = PageView(self, 0, stage=False)
        self.next_view = PageView(self, 1, stage=False)
        self._prerender = QTimer(self)
        self._prerender.setSingleShot(True)
        self._prerender.timeout.connect(self._warm)

    def views(self) -> tuple[PageView, ...]:
        return (self.stage_view, self.console_view, self.next_view)

    def open(self, path: Path) -> str | None:
        """Show ``path``; returns why it cannot be shown (and shows that) or None."""
        problem = check_deck(path)
        document: QPdfDocument | None = None
        if problem is None:
            document = QPdfDocument(self)
            document.load(str(path))
            problem = load_error(document, path)
            if problem is not None:
                document.close()
                document.deleteLater()
                document = None
        self._replace(document, path, problem or "")
        return problem

    def _replace(self, document: QPdfDocument | None, path: Path, error: str) -> None:
        old = self.document
        self.document = document
        self.path = path
        self.error = error
        self.pages = 0 if document is None else document.pageCount()
        self.page = 1 if self.pages else 0
        for view in self.views():
            view.clear()
        if old is not None:
            old.close()
            old.deleteLater()
        self._changed()
        self.deckChanged.emit()

    def close(self) -> None:
        if self.document is not None:
            self.document.close()
            self.document = None

    def page_size(self, index: int) -> QSize:
        assert self.document is not None
        points = self.document.pagePointSize(index)
        return QSize(max(1, round(points.width())), max(1, round(points.height())))

    def render(self, index: int, size: QSize) -> QImage:
        assert self.document is not None
        return self.document.render(index, size)

    def go(self, page: int) -> bool:
        if not self.pages:
            return False
        page = max(1, min(self.pages, page))
        if page == self.page:
            return False
        self.page = page
        self._changed()
        return True

    def handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in NEXT_KEYS:
            self.go(self.page + 1)
        elif key in PREV_KEYS:
            self.go(self.page - 1)
        elif key == Qt.Key.Key_Home:
            self.go(1)
        elif key == Qt.Key.Key_End:
            self.go(self.pages)
        else:
            return False
        return True

    def set_blank(self, blank: bool) -> None:
        self.blank = blank
        self.stage_view.update()

    def _changed(self) -> None:
        for view in self.views():
            view.update()
        self.pageChanged.emit(self.page, self.pages)
        self._prerender.start(0)

    def _warm(self) -> None:
        """Render the next page at each view's size, so the next flip finds it ready."""
        for view in self.views():
            index = view.page_index()
            if index is not None and index + 1 < self.pages and view.isVisible():
                view.image_for(index + 1)
                view.image_for(index)  # keep the shown page the newest entry
