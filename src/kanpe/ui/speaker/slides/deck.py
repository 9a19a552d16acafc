"""SlideDeck: the open deck and the page on show; the model that slide views follow.

Pages are 1-based here, as the speaker and the host see them; 0 means no deck. The model knows
nothing of timing or the link: the speaker app forwards ``pageChanged`` to the host.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from kanpe.ui.speaker.slides.document import MAX_DECK_BYTES, DeckDocument, open_deck

# What presentation clickers and keyboards send. Space goes back with Shift, as in browsers.
NEXT_KEYS = frozenset({Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space})
PREVIOUS_KEYS = frozenset({Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace})
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class SlideDeck(QObject):
    pageChanged = Signal(int, int)  # page (1-based), pages; (0, 0) once the deck is closed
    deckChanged = Signal()  # another document, or none; emitted before pageChanged

    def __init__(self, parent: QObject | None = None, *, max_bytes: int = MAX_DECK_BYTES) -> None:
        super().__init__(parent)
        self._max_bytes = max_bytes
        self._document: DeckDocument | None = None
        self._page = 0

    @property
    def document(self) -> DeckDocument | None:
        return self._document

    @property
    def page(self) -> int:
        return self._page

    @property
    def pages(self) -> int:
        return 0 if self._document is None else self._document.pages

    def open(self, path: Path) -> None:
        """Show the deck at ``path`` from its first page.

        Raises DeckError, and then keeps the deck that was open (if any): the speaker can read the
        message and choose another file without losing their place.
        """
        document = open_deck(path, max_bytes=self._max_bytes)
        self._replace(document)

    def close(self) -> None:
        self._replace(None)

    def go_to(self, page: int) -> bool:
        """Show ``page``, clamped to the deck; whether the page changed."""
        if self._document is None:
            return False
        page = max(1, min(self.pages, page))
        if page == self._page:
            return False
        self._page = page
        self.pageChanged.emit(self._page, self.pages)
        return True

    def next(self) -> bool:
        return self.go_to(self._page + 1)

    def previous(self) -> bool:
        return self.go_to(self._page - 1)

    def first(self) -> bool:
        return self.go_to(1)

    def last(self) -> bool:
        return self.go_to(self.pages)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Move for a navigation key; whether the key was one (even at either end of the deck).

        Keys held with Ctrl, Alt or Meta are left to the windows' own shortcuts.
        """
        if self._document is None or event.modifiers() & _COMMAND_MODIFIERS:
            return False
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Space and shift:
            self.previous()
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        else:
            return False
        return True

    def _replace(self, document: DeckDocument | None) -> None:
        old = self._document
        self._document = document
        self._page = 1 if document is not None else 0
        # Views detach their renderers from the old document while handling deckChanged, so it
        # can be closed once every listener has run.
        self.deckChanged.emit()
        if old is not None:
            old.close()
        self.pageChanged.emit(self._page, self.pages)
