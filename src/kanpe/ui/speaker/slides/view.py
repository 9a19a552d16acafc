"""SlideView: paints one page of a SlideDeck, letterboxed, from the render cache.

The view follows the model and paints; keys and timing belong to the windows. A flip to a page
in the cache paints it at once. A page not in the cache (a jump, or flips faster than renders)
goes to the front of the render queue and is painted when it arrives, the page on show staying
meanwhile (or, for the view's very first page, its background: a window just opening); the GUI
thread is not blocked for it. When nothing else can be shown (a new deck, or a shrink that
dropped the old image) the page is rendered on the GUI thread, as a fallback: the shared stage
never shows a blank frame mid-talk. While the view is resized the old image is painted scaled
until the sharp one arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kanpe.ui.speaker.slides.cache import DEFAULT_BUDGET_PAGES, RenderCache, device_box, fit_size
from kanpe.ui.speaker.slides.deck import SlideDeck

_PAPER = QColor("white")  # under the page: PDFs leave unpainted areas transparent
_MESSAGE_TEXT = QColor(200, 204, 212)


class SlideView(QWidget):
    """Page ``deck.page + offset`` (offset 1 shows the next slide), or blank, or a message."""

    pageChanged = Signal(int, int)  # page shown (1-based, 0 for none), pages

    def __init__(
        self,
        deck: SlideDeck,
        parent: QWidget | None = None,
        *,
        offset: int = 0,
        background: QColor | None = None,
        ahead: int = 2,
        behind: int = 1,
        budget_pages: int = DEFAULT_BUDGET_PAGES,
    ) -> None:
        super().__init__(parent)
        self._deck = deck
        self._offset = offset
        self._background = QColor("black") if background is None else QColor(background)
        self._blank = False
        self._message: str | None = None
        self._shown: int | None = None  # the page index painted last
        self._waiting = True  # the last paint left out a page still rendering (or none yet)
        self._painted_a_page = False  # ever: the first page may wait for the render thread
        self._cache = RenderCache(self, ahead=ahead, behind=behind, budget_pages=budget_pages)
        self._cache.pageReady.connect(self._on_page_ready)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        deck.deckChanged.connect(self._on_deck_changed)
        deck.pageChanged.connect(self._on_page_changed)
        self._on_deck_changed()
        self._follow()

    @property
    def deck(self) -> SlideDeck:
        return self._deck

    @property
    def cache(self) -> RenderCache:
        return self._cache

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def page_index(self) -> int | None:
        """The 0-based page this view shows, or None (no deck, or past the end)."""
        index = self._deck.page - 1 + self._offset
        if self._deck.document is None or not 0 <= index < self._deck.pages:
            return None
        return index

    def is_waiting(self) -> bool:
        """Whether the view has not painted yet, or its last paint showed only the background
        because the page was still on its way from the render thread (the view's first page)."""
        return self._waiting

    def painted_index(self) -> int | None:
        """The 0-based page painted last. It lags page_index() while that page renders."""
        return self._shown

    def expect_size(self, size: QSize) -> None:
        """Start rendering for ``size`` (logical pixels) before the view has it: a window about
        to open at a known size. The view's own size takes over from its first resize; if it
        differs, the early image is painted scaled until the sharp one arrives."""
        screen = QGuiApplication.primaryScreen()
        ratio = 1.0 if screen is None else screen.devicePixelRatio()
        self._cache.set_box(device_box(size, ratio))

    def set_page(self, page: int) -> None:
        """Show ``page`` (1-based) of the deck: moves the model, so every view follows."""
        self._deck.go_to(page)

    def set_blank(self, blank: bool) -> None:
        """Paint only the background (the B key on stage); the page is kept."""
        if blank != self._blank:
            self._blank = blank
            self.update()

    def is_blank(self) -> bool:
        return self._blank

    def show_message(self, text: str) -> None:
        """Show ``text`` instead of the page (why a deck could not be opened) until the deck
        changes or clear_message is called. The text is painted as plain text."""
        self._message = text
        self.update()

    def clear_message(self) -> None:
        self._message = None
        self.update()

    def message(self) -> str | None:
        """The placeholder text on show instead of a page, if any."""
        if self._message is not None:
            return self._message
        if self._deck.document is None:
            return self.tr("No deck open. Open a PDF of your slides to show them here.")
        if self.page_index() is None:
            return self.tr("End of the deck")
        return None

    # Following the model -------------------------------------------------------------------------

    def _on_deck_changed(self) -> None:
        # The deck's pageChanged follows at once and moves the cache to the new page.
        self._message = None
        self._shown = None
        self._cache.set_document(self._deck.document)
        self.update()

    def _on_page_changed(self, page: int, pages: int) -> None:
        del page, pages
        self._follow()

    def _follow(self) -> None:
        index = self.page_index()
        if index is not None:
            self._cache.set_current(index)
        self.update()
        self.pageChanged.emit(0 if index is None else index + 1, self._deck.pages)

    def _on_page_ready(self, index: int) -> None:
        if index == self.page_index():
            self.update()

    # Painting ------------------------------------------------------------------------------------

    def _sync_box(self) -> None:
        self._cache.set_box(device_box(self.size(), self.devicePixelRatioF()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._sync_box()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._sync_box()
            self.update()
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        self._waiting = False
        try:
            painter.fillRect(self.rect(), self._background)
            text = self.message()
            if text is not None:
                self._paint_message(painter, text)
            elif not self._blank:
                self._paint_page(painter)
        finally:
            painter.end()

    def _paint_page(self, painter: QPainter) -> None:
        index = self.page_index()
        document = self._deck.document
        if index is None or document is None:
            return
        self._sync_box()
        if self._cache.box.isEmpty():
            return
        index, image = self._image_to_paint(index)
        if image is None:
            self._waiting = True  # the background until the page arrives
            return
        ratio = self.devicePixelRatioF()
        fitted = fit_size(document.page_size(index), self._cache.box)
        width, height = fitted.width() / ratio, fitted.height() / ratio
        target = QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)
        painter.fillRect(target, _PAPER)
        if image.size() == fitted:
            image.setDevicePixelRatio(ratio)
            painter.drawImage(QPointF(target.topLeft()), image)
        else:  # an image for an earlier size, while the sharp one renders
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        self._shown = index
        self._painted_a_page = True

    def _image_to_paint(self, index: int) -> tuple[int, QImage | None]:
        """The page to paint and its image: page ``index`` if the cache has it at any size;
        else, while ``index`` is on its way from the render thread, the page on show until then
        (or nothing yet: the deck's first paint, which the page's arrival repaints); else page
        ``index`` rendered here, on the GUI thread (the render thread refused it)."""
        cache = self._cache
        image = cache.any_image(index)
        if image is not None:
            return index, image
        if cache.is_pending(index):
            # pageReady repaints when it arrives. Rendering it here instead would block the GUI
            # thread longer: first waiting for the render running now (QtPdf lets one thread at
            # a time into PDFium), then rendering the same page again.
            shown = self._shown
            previous = None if shown is None else cache.any_image(shown)
            if shown is not None and previous is not None:
                return shown, previous
            if not self._painted_a_page:
                return index, None  # the view's first page: its background meanwhile
        # Never a blank frame once a page has been on show (a new deck, a shrink that dropped
        # the old image): render here, as the fallback.
        return index, cache.render_now(index)

    def _paint_message(self, painter: QPainter, text: str) -> None:
        font = painter.font()
        font.setPixelSize(max(12, min(28, self.height() // 16)))
        painter.setFont(font)
        painter.setPen(_MESSAGE_TEXT)
        margin = max(16, self.width() // 12)
        painter.drawText(
            QRectF(self.rect()).adjusted(margin, margin, -margin, -margin),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            text,
        )
