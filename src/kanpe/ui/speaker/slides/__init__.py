"""Slides: open a PDF deck, move through it, and paint its pages from a cache rendered ahead.

- ``document``: ``open_deck`` and ``DeckError``, one translated message per way a deck can be bad.
- ``deck``: ``SlideDeck``, the model (the open deck and the page on show, 1-based).
- ``cache``: ``RenderCache``, pages rendered off the GUI thread, bounded in bytes.
- ``view``: ``SlideView``, the widget that paints a page of a SlideDeck, letterboxed.
"""

from kanpe.ui.speaker.slides.cache import RenderCache
from kanpe.ui.speaker.slides.deck import SlideDeck
from kanpe.ui.speaker.slides.document import (
    MAX_DECK_BYTES,
    DeckDocument,
    DeckError,
    DeckErrorKind,
    open_deck,
    sample_deck_path,
)
from kanpe.ui.speaker.slides.view import SlideView

__all__ = [
    "MAX_DECK_BYTES",
    "DeckDocument",
    "DeckError",
    "DeckErrorKind",
    "RenderCache",
    "SlideDeck",
    "SlideView",
    "open_deck",
    "sample_deck_path",
]
