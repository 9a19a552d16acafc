"""SlideDeck: the page on show, its bounds, and the keys presentation clickers send."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot

from kanpe.ui.speaker.slides import SlideDeck
from tests.ui.conftest import MakeDeck

Key = Qt.Key
Mod = Qt.KeyboardModifier


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Mod.NoModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, modifiers)


def test_opening_shows_the_first_page(slide_deck: SlideDeck, small_deck: Path) -> None:
    seen: list[object] = []
    slide_deck.deckChanged.connect(lambda: seen.append("deck"))
    slide_deck.pageChanged.connect(lambda page, pages: seen.append((page, pages)))
    slide_deck.open(small_deck)
    assert seen == ["deck", (1, 12)]
    assert (slide_deck.page, slide_deck.pages) == (1, 12)
    assert slide_deck.document is not None


def test_next_previous_first_last(qtbot: QtBot, slide_deck: SlideDeck, small_deck: Path) -> None:
    slide_deck.open(small_deck)
    seen: list[tuple[int, int]] = []
    slide_deck.pageChanged.connect(lambda page, pages: seen.append((page, pages)))
    assert slide_deck.next()
    assert slide_deck.next()
    assert slide_deck.previous()
    assert slide_deck.last()
    assert slide_deck.first()
    assert seen == [(2, 12), (3, 12), (2, 12), (12, 12), (1, 12)]


def test_bounds_do_not_move_or_signal(
    qtbot: QtBot, slide_deck: SlideDeck, small_deck: Path
) -> None:
    slide_deck.open(small_deck)
    with qtbot.assertNotEmitted(slide_deck.pageChanged):
        assert not slide_deck.previous()
        assert not slide_deck.first()
        assert not slide_deck.go_to(0)
        assert not slide_deck.go_to(-5)
    slide_deck.last()
    with qtbot.assertNotEmitted(slide_deck.pageChanged):
        assert not slide_deck.next()
        assert not slide_deck.go_to(13)
    assert slide_deck.page == 12


@pytest.mark.parametrize(("asked", "shown"), [(7, 7), (0, 1), (-1, 1), (99, 12), (12, 12)])
def test_go_to_clamps(slide_deck: SlideDeck, small_deck: Path, asked: int, shown: int) -> None:
    slide_deck.open(small_deck)
    slide_deck.go_to(4)
    slide_deck.go_to(asked)
    assert slide_deck.page == shown


@pytest.mark.parametrize(
    ("key", "modifiers", "page"),
    [
        (Key.Key_PageDown, Mod.NoModifier, 6),
        (Key.Key_Right, Mod.NoModifier, 6),
        (Key.Key_Down, Mod.NoModifier, 6),
        (Key.Key_Space, Mod.NoModifier, 6),
        (Key.Key_Right, Mod.KeypadModifier, 6),  # the arrows on a number pad
        (Key.Key_PageUp, Mod.NoModifier, 4),
        (Key.Key_Left, Mod.NoModifier, 4),
        (Key.Key_Up, Mod.NoModifier, 4),
        (Key.Key_Backspace, Mod.NoModifier, 4),
        (Key.Key_Space, Mod.ShiftModifier, 4),
        (Key.Key_Home, Mod.NoModifier, 1),
        (Key.Key_End, Mod.NoModifier, 12),
    ],
)
def test_navigation_keys(
    slide_deck: SlideDeck,
    small_deck: Path,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
    page: int,
) -> None:
    slide_deck.open(small_deck)
    slide_deck.go_to(5)
    assert slide_deck.handle_key(press(key, modifiers))
    assert slide_deck.page == page


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Key.Key_B, Mod.NoModifier),  # blanking is the stage's business
        (Key.Key_F, Mod.NoModifier),
        (Key.Key_Right, Mod.ControlModifier),  # shortcuts of the windows
        (Key.Key_Home, Mod.AltModifier),
        (Key.Key_PageDown, Mod.MetaModifier),
    ],
)
def test_other_keys_are_left_to_the_windows(
    slide_deck: SlideDeck, small_deck: Path, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    slide_deck.open(small_deck)
    slide_deck.go_to(5)
    assert not slide_deck.handle_key(press(key, modifiers))
    assert slide_deck.page == 5


def test_navigation_keys_at_the_ends_are_still_handled(
    slide_deck: SlideDeck, small_deck: Path
) -> None:
    """A clicker pressed on the last slide must not leak its key to another widget."""
    slide_deck.open(small_deck)
    slide_deck.last()
    assert slide_deck.handle_key(press(Key.Key_PageDown))
    assert slide_deck.page == 12


def test_without_a_deck_nothing_moves(qtbot: QtBot, slide_deck: SlideDeck) -> None:
    with qtbot.assertNotEmitted(slide_deck.pageChanged):
        assert not slide_deck.next()
        assert not slide_deck.go_to(3)
        assert not slide_deck.handle_key(press(Key.Key_PageDown))
    assert (slide_deck.page, slide_deck.pages) == (0, 0)


def test_close_says_no_pages(qtbot: QtBot, slide_deck: SlideDeck, small_deck: Path) -> None:
    slide_deck.open(small_deck)
    with qtbot.waitSignal(slide_deck.pageChanged) as blocker:
        slide_deck.close()
    assert blocker.args == [0, 0]
    assert slide_deck.document is None


def test_opening_another_deck_starts_at_its_first_page(
    slide_deck: SlideDeck, small_deck: Path, make_deck: MakeDeck
) -> None:
    slide_deck.open(small_deck)
    slide_deck.go_to(9)
    slide_deck.open(make_deck(3))
    assert (slide_deck.page, slide_deck.pages) == (1, 3)
