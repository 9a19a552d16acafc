"""Slides fixtures: decks generated on the spot (no binary decks in the repository) and views."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.slides import SlideDeck, SlideView

MakeDeck = Callable[[int], Path]
LONG_DECK_PAGES = 300


@pytest.fixture(scope="session")
def make_deck(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> MakeDeck:
    """A generated deck of ``pages`` pages, made once per session for each page count."""
    del qapp  # QPdfWriter needs the application for fonts
    folder = tmp_path_factory.mktemp("decks")
    made: dict[int, Path] = {}

    def make(pages: int) -> Path:
        if pages not in made:
            # Long decks get small pictures: they test memory and walking, and write 3x faster.
            picture = (160, 90) if pages >= LONG_DECK_PAGES else (480, 270)
            made[pages] = generate_deck(
                folder / f"deck-{pages}.pdf", pages, title="Test deck", image_size=picture
            )
        return made[pages]

    return make


@pytest.fixture
def small_deck(make_deck: MakeDeck) -> Path:
    return make_deck(12)


@pytest.fixture
def long_deck(make_deck: MakeDeck) -> Path:
    return make_deck(LONG_DECK_PAGES)


@pytest.fixture
def slide_deck(qapp: QApplication) -> Iterator[SlideDeck]:
    del qapp
    deck = SlideDeck()
    yield deck
    deck.close()


@pytest.fixture
def slide_view(qtbot: QtBot, slide_deck: SlideDeck) -> SlideView:
    """A shown 640x480 view of ``slide_deck``: a 4:3 box, so 16:9 pages get bars above and below."""
    view = SlideView(slide_deck)
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    qtbot.waitExposed(view)
    return view
