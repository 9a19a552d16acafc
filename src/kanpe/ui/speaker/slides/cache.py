"""Pages rendered ahead of the speaker, off the GUI thread, in a cache bounded in bytes.

A page takes QtPdf 7-55 ms to render at full-HD size, longer than a frame, so a flip must find its
page already rendered. RenderCache keeps the current page and its neighbours (next two, previous
one by default) rendered at the size the view will paint them, and delivers each new image with
``pageReady``.

Rendering runs in QPdfPageRenderer's own C++ thread (RenderMode.MultiThreaded). A QThread running
a Python worker with its own QPdfDocument was measured too: PySide6 keeps the GIL while
QPdfDocument.render runs, so the GUI thread stalled for a whole render (max timer gap 54-330 ms
against 8.5 ms with QPdfPageRenderer). QPdfPageRenderer cannot cancel or reorder requests, so the
cache hands it one request at a time and keeps the queue itself: the current page always goes
first, and a result for a size the view no longer has is dropped on arrival.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import NamedTuple

from PySide6.QtCore import QObject, QSize, QSizeF, Signal
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocumentRenderOptions, QPdfPageRenderer

from kanpe.ui.speaker.slides.document import DeckDocument

#: The cache holds at most this many pages' worth of pixels at the target size.
DEFAULT_BUDGET_PAGES = 8
_BYTES_PER_PIXEL = 4


def fit_size(page: QSizeF, box: QSize) -> QSize:
    """The largest size with ``page``'s aspect ratio that fits in ``box`` (at least 1x1)."""
    if page.width() <= 0 or page.height() <= 0 or box.isEmpty():
        return QSize(max(1, box.width()), max(1, box.height()))
    scale = min(box.width() / page.width(), box.height() / page.height())
    return QSize(
        max(1, min(box.width(), round(page.width() * scale))),
        max(1, min(box.height(), round(page.height() * scale))),
    )


def device_box(logical: QSize, ratio: float) -> QSize:
    """A widget's size in device pixels, for rendering sharp pages on high-DPI screens."""
    return QSize(math.ceil(logical.width() * ratio), math.ceil(logical.height() * ratio))


class _Key(NamedTuple):
    page: int  # 0-based
    width: int  # of the box the page was fitted into, not of the image
    height: int


class _Request(NamedTuple):
    request_id: int
    key: _Key


class RenderCache(QObject):
    """Rendered pages of one deck at one target box, least recently used dropped first.

    Pages are 0-based indices here. ``set_box`` gives the box in device pixels (see device_box)
    and ``set_current`` the page on show; both schedule the renders that are missing. Images are
    premultiplied ARGB (the cheapest to paint) with transparent areas where the page is.
    """

    pageReady = Signal(int)  # a render of this index for the current box finished

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        ahead: int = 2,
        behind: int = 1,
        budget_pages: int = DEFAULT_BUDGET_PAGES,
    ) -> None:
        super().__init__(parent)
        if budget_pages < 1 or ahead < 0 or behind < 0:
            raise ValueError("budget_pages must be at least 1, ahead and behind at least 0")
        self.ahead = ahead
        self.behind = behind
        self.budget_pages = budget_pages
        self._document: DeckDocument | None = None
        self._renderer: QPdfPageRenderer | None = None
        self._options = QPdfDocumentRenderOptions()
        self._box = QSize()
        self._current: int | None = None
        self._entries: OrderedDict[_Key, QImage] = OrderedDict()  # oldest first
        self._bytes = 0
        self._queue: list[int] = []
        self._in_flight: _Request | None = None
        self._holding = False  # hold_neighbours
        self.stale_dropped = 0  # renders thrown away because the box changed meanwhile
        self.sync_renders = 0  # pages rendered on the GUI thread because nothing was ready

    # State ---------------------------------------------------------------------------------------

    @property
    def document(self) -> DeckDocument | None:
        return self._document

    @property
    def box(self) -> QSize:
        return QSize(self._box)

    @property
    def bytes_used(self) -> int:
        return self._bytes

    @property
    def max_bytes(self) -> int:
        return self.budget_pages * self._box.width() * self._box.height() * _BYTES_PER_PIXEL

    def cached_indices(self) -> list[int]:
        """Pages cached at the current box, least recently used first."""
        return [key.page for key in self._entries if self._at_box(key)]

    def is_pending(self, index: int) -> bool:
        """Whether page ``index`` is being rendered or waits to be, for the current box."""
        running = self._in_flight is not None and self._in_flight.key == self._key(index)
        return running or index in self._queue

    def is_busy(self) -> bool:
        """Whether a render is running or waiting."""
        return self._in_flight is not None or bool(self._queue)

    # Commands ------------------------------------------------------------------------------------

    def set_document(self, document: DeckDocument | None) -> None:
        """Render from ``document`` from now on; forget every page of the previous one.

        Each document gets a fresh renderer: an old one may hold a request it will never answer
        (it skips requests for a closed document), and QPdfPageRenderer would answer a repeat of
        that request with the dead request's id.
        """
        self._release_renderer()
        self._document = document
        self._clear()
        self._current = None
        if document is not None:
            renderer = QPdfPageRenderer(self)
            renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
            renderer.setDocument(document.pdf)
            renderer.pageRendered.connect(self._on_rendered)
            self._renderer = renderer

    def set_box(self, box: QSize) -> None:
        """Render for a view of ``box`` device pixels; images for other boxes become stale.

        The current page's old image is kept (if it fits the new budget) so that a resizing view
        can paint it scaled until the sharp one arrives.
        """
        if box == self._box:
            return
        self._box = QSize(box)
        keep = None
        for key in list(self._entries):
            if key.page == self._current and keep is None:
                keep = key
                continue
            self._drop(key)
        if keep is not None and self._bytes > self.max_bytes:
            self._drop(keep)
        self._schedule()

    def set_current(self, index: int) -> None:
        """Page ``index`` is on show: render it first, then its neighbours."""
        self._current = index
        self._schedule()

    def hold_neighbours(self, hold: bool) -> None:
        """Render only the current page (``hold``), or its neighbours too again. While the app
        starts, the console's first pages must not wait behind the stage's next ones: QtPdf
        lets one render at a time into PDFium, whichever view asked."""
        self._holding = hold
        self._schedule()

    def image(self, index: int) -> QImage | None:
        """Page ``index`` rendered for the current box, if it is cached."""
        key = self._key(index)
        image = self._entries.get(key)
        if image is not None:
            self._entries.move_to_end(key)
        return image

    def any_image(self, index: int) -> QImage | None:
        """Page ``index`` at the current box, or failing that at an earlier box (to scale)."""
        image = self.image(index)
        if image is not None:
            return image
        return next((img for key, img in self._entries.items() if key.page == index), None)

    def render_now(self, index: int) -> QImage:
        """Render page ``index`` on the GUI thread and cache it: the fallback for a page the
        render thread refused. Waits for a running background render,
        because QtPdf lets only one thread into PDFium at a time."""
        assert self._document is not None, "render_now needs a document"
        size = fit_size(self._document.page_size(index), self._box)
        image = self._document.pdf.render(index, size, self._options)
        self.sync_renders += 1
        self._store(self._key(index), image)
        self._schedule()
        return self._entries[self._key(index)]

    # Internals -----------------------------------------------------------------------------------

    def _key(self, index: int) -> _Key:
        return _Key(index, self._box.width(), self._box.height())

    def _at_box(self, key: _Key) -> bool:
        return key.width == self._box.width() and key.height == self._box.height()

    def _wanted(self, current: int, pages: int) -> list[int]:
        if self._holding:
            return [current]
        after = range(current + 1, min(pages, current + 1 + self.ahead))
        before = range(current - 1, max(-1, current - 1 - self.behind), -1)
        return [current, *after, *before]

    def _schedule(self) -> None:
        """Rebuild the queue around the current page, refresh the LRU order, send one request."""
        document = self._document
        if document is None or self._current is None or self._box.isEmpty():
            self._queue = []
            return
        current = max(0, min(self._current, document.pages - 1))
        wanted = self._wanted(current, document.pages)
        for index in reversed(wanted):  # the current page ends up most recently used
            key = self._key(index)
            if key in self._entries:
                self._entries.move_to_end(key)
        self._queue = [index for index in wanted if self._key(index) not in self._entries]
        self._pump()

    def _pump(self) -> None:
        if self._in_flight is not None or self._renderer is None or self._document is None:
            return
        while self._queue:
            index = self._queue.pop(0)
            key = self._key(index)
            if key in self._entries:
                continue
            size = fit_size(self._document.page_size(index), self._box)
            request_id = self._renderer.requestPage(index, size, self._options)
            if request_id == 0:  # the renderer refuses: the document is not ready
                self._queue = []
                return
            self._in_flight = _Request(request_id, key)
            return

    def _on_rendered(
        self,
        index: int,
        size: QSize,
        image: QImage,
        options: QPdfDocumentRenderOptions,
        request_id: int,
    ) -> None:
        del size, options
        request = self._in_flight
        if request is None or request.request_id != request_id or request.key.page != index:
            return
        self._in_flight = None
        if not self._at_box(request.key):
            self.stale_dropped += 1
        else:
            if not image.isNull():  # null: PDFium failed; image() stays None, the view copes
                self._store(request.key, image)
            self.pageReady.emit(index)
        self._pump()

    def _store(self, key: _Key, image: QImage) -> None:
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        self._drop(key)
        self._entries[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > self.max_bytes and len(self._entries) > 1:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: _Key) -> None:
        image = self._entries.pop(key, None)
        if image is not None:
            self._bytes -= image.sizeInBytes()

    def _clear(self) -> None:
        self._entries.clear()
        self._bytes = 0
        self._queue = []
        self._in_flight = None

    def _release_renderer(self) -> None:
        renderer = self._renderer
        self._renderer = None
        if renderer is None:
            return
        renderer.pageRendered.disconnect(self._on_rendered)
        # Blocks until a running render ends; after that the render thread never touches the
        # document again, so its owner may close it.
        renderer.setDocument(None)  # type: ignore[arg-type]  # the stubs omit that None is allowed
        renderer.deleteLater()
