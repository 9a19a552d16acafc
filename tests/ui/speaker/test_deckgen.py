"""The deck generator: real PDFs of the requested size, bad decks that are bad for the right reason,
and the shipped sample deck."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QSizeF
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from kanpe.ui.speaker.deckgen import Slide, generate_deck, write_deck
from tests.support import bad_decks as deckgen
from tests.ui.conftest import MakeDeck

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "assets" / "decks" / "sample.pdf"


def load(path: Path, password: str = "") -> QPdfDocument:
    document = QPdfDocument()
    if password:
        document.setPassword(password)
    document.load(str(path))
    return document


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


@pytest.mark.parametrize(
    ("pages", "size"), [(1, (960.0, 540.0)), (7, (960.0, 540.0)), (3, (1024.0, 768.0))]
)
def test_generated_deck_has_the_pages_and_size_asked_for(
    qapp: QApplication, tmp_path: Path, pages: int, size: tuple[float, float]
) -> None:
    path = generate_deck(tmp_path / "deck.pdf", pages, size=size, title="Sizes")
    document = load(path)
    assert document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() == pages
    for index in range(pages):
        assert document.pagePointSize(index) == QSizeF(*size)
    assert document.metaData(QPdfDocument.MetaDataField.Title) == "Sizes"


def test_pages_carry_real_content_and_differ(qapp: QApplication, make_deck: MakeDeck) -> None:
    document = load(make_deck(12))
    first = document.render(0, QSize(480, 270))
    second = document.render(1, QSize(480, 270))
    # Text, shapes, a gradient and a picture: far more than a handful of colours.
    assert distinct_colours(first) > 200
    assert distinct_colours(second) > 200
    assert first != second


def test_rendering_a_generated_page_costs_something(
    qapp: QApplication, make_deck: MakeDeck
) -> None:
    # Each page embeds its own raster image: the 12-page deck is far larger than text alone.
    assert make_deck(12).stat().st_size > 12 * 20_000


def test_empty_decks_are_refused(qapp: QApplication, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one"):
        write_deck(tmp_path / "none.pdf", [])
    with pytest.raises(ValueError, match="at least 1"):
        generate_deck(tmp_path / "none.pdf", 0)


def test_write_deck_draws_the_given_slides(qapp: QApplication, tmp_path: Path) -> None:
    slides = [Slide("One", ("a",), hue=0), Slide("Two", ("b",), hue=120)]
    document = load(write_deck(tmp_path / "two.pdf", slides, title="Two"))
    assert document.pageCount() == 2


def test_bad_decks_are_bad_for_the_right_reason(qapp: QApplication, tmp_path: Path) -> None:
    assert load(deckgen.write_not_pdf(tmp_path / "a.pdf")).error() == (
        QPdfDocument.Error.InvalidFileFormat
    )
    truncated = load(deckgen.write_truncated_pdf(tmp_path / "b.pdf"))
    assert truncated.error() == QPdfDocument.Error.InvalidFileFormat
    empty = load(deckgen.write_zero_page_pdf(tmp_path / "c.pdf"))
    assert (empty.error(), empty.pageCount()) == (QPdfDocument.Error.None_, 0)
    oversized = deckgen.write_oversized_pdf(tmp_path / "d.pdf", 300 * 1024 * 1024)
    assert oversized.stat().st_size == 300 * 1024 * 1024
    with oversized.open("rb") as file:
        assert file.read(5) == b"%PDF-"


def test_encrypted_deck_is_really_encrypted(qapp: QApplication, tmp_path: Path) -> None:
    path = deckgen.write_encrypted_pdf(tmp_path / "locked.pdf", "s3cret")
    assert load(path).error() == QPdfDocument.Error.IncorrectPassword
    assert load(path, "wrong").error() == QPdfDocument.Error.IncorrectPassword
    opened = load(path, "s3cret")
    assert opened.error() == QPdfDocument.Error.None_
    assert opened.pageCount() == 1
    # The decrypted content stream paints a blue panel: decryption worked, not just the password.
    page = opened.render(0, QSize(96, 54))
    blue = page.pixelColor(20, 27)
    assert blue.red() < 90
    assert blue.blue() > 150


def test_sample_deck_is_shipped_small_and_friendly(qapp: QApplication) -> None:
    assert SAMPLE.is_file(), "run tools/make_sample_deck.py"
    assert SAMPLE.stat().st_size < 300_000
    document = load(SAMPLE)
    assert document.pageCount() == 8
    assert document.metaData(QPdfDocument.MetaDataField.Title) == "Welcome to Kanpe"


def test_sample_deck_script_reproduces_the_deck(qapp: QApplication, tmp_path: Path) -> None:
    script = runpy.run_path(str(REPO / "tools" / "make_sample_deck.py"))
    made = script["make_sample_deck"](tmp_path / "sample.pdf")
    shipped, fresh = load(SAMPLE), load(made)
    assert fresh.pageCount() == shipped.pageCount()
    for index in range(fresh.pageCount()):
        size = QSize(240, 135)
        assert fresh.render(index, size) == shipped.render(index, size), f"page {index + 1}"
