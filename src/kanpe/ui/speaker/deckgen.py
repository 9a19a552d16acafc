"""PDF decks made on the spot, for tests, benchmarks and the shipped sample deck.

``generate_deck`` writes realistic slides with QPdfWriter (a title, body text, vector shapes, a
gradient, an embedded raster image and a page number on every page), so rendering one costs what
a real slide costs and no binary deck needs to be committed. The bad decks the slide view must
refuse live with the tests (tests/support/bad_decks.py): the product does not ship them.

The text drawn into these PDFs is document content, not user interface, so it is not translated.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QLinearGradient,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QRadialGradient,
)

#: PowerPoint's and Keynote's 16:9 page, in points (13.33 x 7.5 inches).
WIDESCREEN_POINTS = (960.0, 540.0)

_WORDS = (
    *("relay", "latency", "speaker", "audience", "countdown", "deadline", "rundown", "reaction"),
    *("question", "poll", "slide", "offset", "clock", "network", "meetup", "stream", "overlay"),
    *("console", "stage", "cue", "card", "buffer", "frame", "render", "cache", "thread"),
    *("signal", "model", "view", "packet", "monotonic", "snapshot", "delta", "version", "token"),
)


@dataclass(frozen=True)
class Slide:
    """What one page shows: a title, a few bullet points, and a hue for its accents (0-359)."""

    title: str
    bullets: tuple[str, ...]
    hue: int = 210


def write_deck(
    path: Path,
    slides: Sequence[Slide],
    *,
    size: tuple[float, float] = WIDESCREEN_POINTS,
    title: str = "Kanpe deck",
    image_size: tuple[int, int] = (480, 270),
) -> Path:
    """Write ``slides`` to ``path`` as a PDF of pages ``size`` points large, and return ``path``."""
    if not slides:
        raise ValueError("a deck needs at least one slide (use write_zero_page_pdf for none)")
    width, height = size
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Kanpe deckgen")
    writer.setResolution(72)  # one painter unit is one point
    page_size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, title, QPageSize.SizeMatchPolicy.ExactMatch
    )
    writer.setPageSize(page_size)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write a PDF to {path}")
    try:
        for number, slide in enumerate(slides, start=1):
            if number > 1:
                writer.newPage()
            _paint_slide(
                painter,
                QRectF(0, 0, width, height),
                slide,
                number=number,
                count=len(slides),
                deck_title=title,
                image_size=image_size,
            )
    finally:
        painter.end()
    return path


def generate_deck(
    path: Path,
    pages: int = 200,
    *,
    size: tuple[float, float] = WIDESCREEN_POINTS,
    title: str = "Generated deck",
    seed: int = 0,
    image_size: tuple[int, int] = (480, 270),
) -> Path:
    """Write a deck of ``pages`` synthetic slides to ``path`` and return ``path``.

    The same ``seed`` gives the same slides; the hue walks round the colour wheel so that
    neighbouring pages look different (tests tell pages apart by their pixels). ``image_size``
    is the pixel size of each page's picture: smaller is quicker to write.
    """
    if pages < 1:
        raise ValueError("pages must be at least 1 (use write_zero_page_pdf for none)")
    rng = random.Random(seed)
    slides = []
    for index in range(pages):
        words = rng.sample(_WORDS, 3)
        slide_title = f"{index + 1}. {' '.join(words).capitalize()}"
        bullets = tuple(
            " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 11))).capitalize()
            for _ in range(rng.randint(3, 5))
        )
        slides.append(Slide(slide_title, bullets, hue=(index * 47) % 360))
    return write_deck(path, slides, size=size, title=title, image_size=image_size)


def _paint_slide(
    painter: QPainter,
    page: QRectF,
    slide: Slide,
    *,
    number: int,
    count: int,
    deck_title: str,
    image_size: tuple[int, int],
) -> None:
    width, height = page.width(), page.height()
    accent = QColor.fromHsv(slide.hue, 170, 200)
    gradient = QLinearGradient(page.topLeft(), page.bottomRight())
    gradient.setColorAt(0.0, QColor.fromHsv(slide.hue, 25, 255))
    gradient.setColorAt(1.0, QColor.fromHsv((slide.hue + 40) % 360, 60, 235))
    painter.fillRect(page, QBrush(gradient))
    painter.fillRect(QRectF(0, 0, width, height * 0.16), accent)

    painter.setPen(QColor("white"))
    painter.setFont(_font(height * 0.065, bold=True))
    painter.drawText(
        QRectF(width * 0.04, 0, width * 0.92, height * 0.16),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        slide.title,
    )

    body = QRectF(width * 0.05, height * 0.22, width * 0.46, height * 0.62)
    painter.setPen(QColor(30, 30, 40))
    painter.setFont(_font(height * 0.04))
    text = "\n".join(f"• {bullet}" for bullet in slide.bullets)
    painter.drawText(body, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop), text)

    picture = QRectF(width * 0.55, height * 0.22, width * 0.40, height * 0.40)
    painter.drawImage(picture, _picture(image_size, slide.hue, number))
    _paint_chart(
        painter, QRectF(width * 0.55, height * 0.66, width * 0.40, height * 0.22), accent, number
    )

    painter.setPen(QColor(60, 60, 70))
    painter.setFont(_font(height * 0.028))
    footer = QRectF(width * 0.04, height * 0.91, width * 0.92, height * 0.07)
    painter.drawText(
        footer, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), deck_title
    )
    painter.drawText(
        footer,
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
        f"{number} / {count}",
    )


def _paint_chart(painter: QPainter, area: QRectF, accent: QColor, number: int) -> None:
    """Vector shapes: a bar chart, a trend line through it and a marker ring."""
    rng = random.Random(number)
    bars = 8
    step = area.width() / bars
    painter.setPen(Qt.PenStyle.NoPen)
    points = []
    for i in range(bars):
        share = rng.uniform(0.2, 1.0)
        bar = QRectF(
            area.left() + i * step + step * 0.15,
            area.bottom() - area.height() * share,
            step * 0.7,
            area.height() * share,
        )
        painter.setBrush(accent.darker(100 + i * 10))
        painter.drawRoundedRect(bar, 3, 3)
        points.append(QPointF(bar.center().x(), bar.top()))
    path = QPainterPath(points[0])
    for point in points[1:]:
        path.lineTo(point)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(20, 20, 20), 2.0))
    painter.drawPath(path)
    painter.setPen(QPen(QColor(255, 255, 255, 200), 3.0))
    painter.drawEllipse(points[rng.randrange(bars)], 7.0, 7.0)


def _picture(size: tuple[int, int], hue: int, number: int) -> QImage:
    """A photo-like raster for the page: soft blobs on a gradient (compresses as a photo would)."""
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    rng = random.Random(number * 7919)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, size[1])
    sky.setColorAt(0.0, QColor.fromHsv((hue + 180) % 360, 120, 250))
    sky.setColorAt(1.0, QColor.fromHsv((hue + 200) % 360, 200, 90))
    painter.fillRect(image.rect(), QBrush(sky))
    painter.setPen(Qt.PenStyle.NoPen)
    for _ in range(14):
        centre = QPointF(rng.uniform(0, size[0]), rng.uniform(0, size[1]))
        radius = rng.uniform(size[1] * 0.08, size[1] * 0.45)
        blob = QRadialGradient(centre, radius)
        colour = QColor.fromHsv(rng.randrange(360), rng.randint(60, 220), rng.randint(120, 255))
        blob.setColorAt(0.0, colour)
        colour.setAlpha(0)
        blob.setColorAt(1.0, colour)
        painter.setBrush(QBrush(blob))
        painter.drawEllipse(centre, radius, radius)
    painter.end()
    return image


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def deck_bytes(pages: int = 3, *, seed: int = 0) -> bytes:
    """A generated deck as bytes, for helpers that cut or edit a valid PDF."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QSizeF(*WIDESCREEN_POINTS), QPageSize.Unit.Point, "deck"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter(writer)
    rng = random.Random(seed)
    for number in range(1, pages + 1):
        if number > 1:
            writer.newPage()
        slide = Slide(f"Page {number}", (" ".join(rng.sample(_WORDS, 6)),), hue=number * 47)
        _paint_slide(
            painter,
            QRectF(0, 0, *WIDESCREEN_POINTS),
            slide,
            number=number,
            count=pages,
            deck_title="deck",
            image_size=(240, 135),
        )
    painter.end()
    buffer.close()
    data: QByteArray = buffer.data()
    return bytes(data.data())
