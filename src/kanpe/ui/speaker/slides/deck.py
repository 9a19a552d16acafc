"""SlideDeck: the open deck and the page on show; the model that slide views follow.

Pages are 1-based here, as the speaker and the host see them; 0 means no deck. The model knows
nothing of timing or the link: the speaker app forwards ``pageChanged`` to the host.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeyEvent

from kanpe.ui.speaker.slides.document import MAX_DECK_BYTES, DeckDocument, open_deck


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

    def move(self, action: str) -> bool:
        """Move as a slide action of the binding table says ("slide.next", "slide.previous",
        "slide.first", "slide.last"); whether it is one and a deck is open, even at either end."""
        moves = {
            "slide.next": self.next,
            "slide.previous": self.previous,
            "slide.first": self.first,
            "slide.last": self.last,
        }
        move = moves.get(action)
        if self._document is None or move is None:
            return False
        move()
        return True

    def handle_key(self, event: QKeyEvent) -> bool:
        """Move for a navigation key of the speaker's bindings (clickers send PageUp/PageDown
        and arrows; Space goes back with Shift, as in browsers); whether the key was one."""
        # Imported at the first key, not with the deck: the first slide does not wait for it.
        from kanpe.ui.keys import SPEAKER_KEYMAP

        binding = SPEAKER_KEYMAP.lookup(event.key(), event.modifiers())
        return binding is not None and self.move(binding.action)

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
