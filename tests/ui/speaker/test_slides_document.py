"""Opening decks: every bad deck is one DeckError with the right kind and a message that says
what to do, in the speaker's language; a good deck opens afterwards."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSizeF, QTranslator
from PySide6.QtWidgets import QApplication

from kanpe.ui.speaker.slides import MAX_DECK_BYTES, DeckError, DeckErrorKind, SlideDeck, open_deck
from kanpe.ui.speaker.slides.document import sample_deck_path
from tests.support import bad_decks as deckgen

BadDeck = Callable[[Path], Path]


def missing(folder: Path) -> Path:
    return folder / "gone.pdf"


def folder_named_like_a_deck(folder: Path) -> Path:
    path = folder / "talk.pdf"
    path.mkdir()
    return path


def named_pipe(folder: Path) -> Path:
    path = folder / "pipe.pdf"
    os.mkfifo(path)  # opening it for reading would block until a writer came
    return path


def five_hundred_mb(folder: Path) -> Path:
    return deckgen.write_oversized_pdf(folder / "huge.pdf", 500 * 1024 * 1024)


def empty_file(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.touch()
    return path


def header_only(folder: Path) -> Path:
    path = folder / "header.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    return path


BAD_DECKS: list[tuple[BadDeck, DeckErrorKind, str]] = [
    (missing, DeckErrorKind.MISSING, "There is no file at"),
    (lambda f: deckgen.write_not_pdf(f / "page.pdf"), DeckErrorKind.NOT_PDF, "is not a PDF file"),
    (empty_file, DeckErrorKind.NOT_PDF, "is not a PDF file"),
    (folder_named_like_a_deck, DeckErrorKind.NOT_PDF, "is a folder"),
    (named_pipe, DeckErrorKind.NOT_PDF, "not a regular file"),
    (lambda f: deckgen.write_encrypted_pdf(f / "locked.pdf"), DeckErrorKind.ENCRYPTED, "password"),
    (lambda f: deckgen.write_zero_page_pdf(f / "none.pdf"), DeckErrorKind.EMPTY, "has no pages"),
    (five_hundred_mb, DeckErrorKind.TOO_LARGE, "is 500 MB, too large"),
    (lambda f: deckgen.write_truncated_pdf(f / "cut.pdf"), DeckErrorKind.UNREADABLE, "damaged"),
    (header_only, DeckErrorKind.UNREADABLE, "damaged or incomplete"),
]


@pytest.mark.parametrize(
    ("make", "kind", "says"),
    BAD_DECKS,
    ids=[kind.value + "-" + str(i) for i, (_, kind, _) in enumerate(BAD_DECKS)],
)
def test_bad_deck_is_refused_with_a_clear_message(
    qapp: QApplication, tmp_path: Path, make: BadDeck, kind: DeckErrorKind, says: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(DeckError) as caught:
        open_deck(path)
    error = caught.value
    assert error.kind is kind
    assert error.path == path
    assert says in str(error)
    assert path.name in str(error)  # the speaker sees which file
    assert str(error).endswith(".")


def test_size_is_checked_before_reading(qapp: QApplication, tmp_path: Path) -> None:
    """The cap comes from the file's size alone: the header is never read past the limit."""
    path = deckgen.generate_deck(tmp_path / "deck.pdf", 2)
    size = path.stat().st_size
    assert open_deck(path, max_bytes=size).pages == 2
    with pytest.raises(DeckError) as caught:
        open_deck(path, max_bytes=size - 1)
    assert caught.value.kind is DeckErrorKind.TOO_LARGE
    assert MAX_DECK_BYTES == 200 * 1024 * 1024


def test_good_deck_opens_with_page_sizes_and_title(qapp: QApplication, tmp_path: Path) -> None:
    path = deckgen.generate_deck(tmp_path / "deck.pdf", 3, size=(800, 600), title="Mine")
    document = open_deck(path)
    assert document.pages == 3
    assert document.page_size(2) == QSizeF(800, 600)
    assert document.title == "Mine"
    assert document.path == path
    document.close()


def test_the_sample_deck_opens(qapp: QApplication) -> None:
    document = open_deck(sample_deck_path())
    assert document.pages == 8
    document.close()


@pytest.mark.parametrize(
    "make", [make for make, _, _ in BAD_DECKS], ids=[kind.value for _, kind, _ in BAD_DECKS]
)
def test_model_stays_usable_after_a_bad_deck(
    qapp: QApplication, tmp_path: Path, small_deck: Path, make: BadDeck
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    deck = SlideDeck()
    with pytest.raises(DeckError):
        deck.open(make(first))
    assert (deck.document, deck.page, deck.pages) == (None, 0, 0)
    deck.open(small_deck)
    deck.go_to(5)
    # A failed open keeps the deck that was showing, and its page.
    with pytest.raises(DeckError):
        deck.open(make(second))
    assert (deck.page, deck.pages) == (5, 12)
    deck.close()


class Marking(QTranslator):
    """A translator that marks every DeckError message, to show they all pass through Qt."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        del disambiguation, n
        return "[ja] " + source if context == "DeckError" else ""


@pytest.fixture
def marking_translator(qapp: QApplication) -> Iterator[None]:
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.mark.usefixtures("marking_translator")
@pytest.mark.parametrize(("make", "kind", "says"), BAD_DECKS)
def test_every_message_is_translated(
    tmp_path: Path, make: BadDeck, kind: DeckErrorKind, says: str
) -> None:
    with pytest.raises(DeckError) as caught:
        open_deck(make(tmp_path))
    assert str(caught.value).startswith("[ja] ")
