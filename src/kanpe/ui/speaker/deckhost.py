"""DeckHost: the one deck the speaker app shows, seen by three slide views.

The stage shows the current page (or nothing, when blanked); the console shows the current and
the next page. All three follow one ``SlideDeck``; each ``SlideView`` keeps its own render cache at
its own size, filled ahead of the current page off the GUI thread.

A deck that cannot be opened leaves the previous deck (if any) on stage and puts the reason on
the console, where only the speaker sees it; the stage never shows file paths or error details.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QColor

from kanpe.ui.speaker.slides import DeckError, SlideDeck, SlideView

STAGE_BACKGROUND = QColor("#000000")
CONSOLE_BACKGROUND = QColor("#0b0d11")


class DeckHost(QObject):
    pageChanged = Signal(int, int)  # page (1-based, 0 for none), pages
    deckChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = SlideDeck(self)
        self.error = ""
        self.stage_view = SlideView(self.deck, background=STAGE_BACKGROUND)
        self.console_view = SlideView(self.deck, background=CONSOLE_BACKGROUND)
        self.next_view = SlideView(
            self.deck, offset=1, background=CONSOLE_BACKGROUND, ahead=1, behind=0
        )
        self.deck.pageChanged.connect(self._page_changed)
        self.deck.deckChanged.connect(self.deckChanged)

    @property
    def page(self) -> int:
        return self.deck.page

    @property
    def pages(self) -> int:
        return self.deck.pages

    @property
    def path(self) -> Path | None:
        document = self.deck.document
        return None if document is None else document.path

    @property
    def blank(self) -> bool:
        return self.stage_view.is_blank()

    def views(self) -> tuple[SlideView, SlideView, SlideView]:
        return (self.stage_view, self.console_view, self.next_view)

    def open(self, path: Path) -> str | None:
        """Show ``path``; returns why it cannot be shown (also shown on the console) or None."""
        try:
            self.deck.open(path)
        except DeckError as exc:
            self.error = str(exc)
            hint = QCoreApplication.translate("Deck", "Open another deck with Ctrl+O.")
            self.console_view.show_message(f"{self.error}\n\n{hint}")
            self.next_view.show_message("")
            return self.error
        self.error = ""
        return None

    def go(self, page: int) -> bool:
        return self.deck.go_to(page)

    def set_blank(self, blank: bool) -> None:
        self.stage_view.set_blank(blank)

    def close(self) -> None:
        self.deck.close()

    def _page_changed(self, page: int, pages: int) -> None:
        if self.error:  # the speaker moved on in the deck that stayed open
            self.error = ""
            self.console_view.clear_message()
            self.next_view.clear_message()
        self.pageChanged.emit(page, pages)
