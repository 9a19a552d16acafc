"""PDF decks made on the spot, for tests, benchmarks and the shipped sample deck.

``generate_deck`` writes realistic slides with QPdfWriter (a title, body text, vector shapes, a
gradient, an embedded raster image and a page number on every page), so rendering one costs what
a real slide costs and no binary deck needs to be committed. The ``write_*`` helpers make the bad
decks that the slide view must refuse with a clear message: not a PDF, truncated, zero pages,
password-protected, too large.

The text drawn into these PDFs is document content, not user interface, so it is not translated.
"""

from __future__ import annotations

import hashlib
import random
import struct
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


# Bad decks -------------------------------------------------------------------------------------


def write_not_pdf(path: Path) -> Path:
    """A text file saved with a .pdf name, as happens when a download fails."""
    path.write_text("<html><body>404 Not Found</body></html>\n", encoding="utf-8")
    return path


def write_truncated_pdf(path: Path, *, keep: float = 0.4) -> Path:
    """The first ``keep`` share of a valid deck: a download or a copy that stopped half way.

    QPdfWriter writes the page tree at the end, so the cut loses it and the file cannot be read.
    """
    data = deck_bytes(3)
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def write_zero_page_pdf(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty (QPdfWriter always writes at least one page)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    path.write_bytes(_assemble_pdf(objects, root=1))
    return path


def write_encrypted_pdf(path: Path, user_password: str = "kanpe") -> Path:  # noqa: S107 (a fixture)
    """A one-page PDF that opens only with ``user_password``.

    It uses the PDF standard security handler, revision 2 (40-bit RC4, PDF 1.1 and later; ISO
    32000-1, 7.6.3), which any reader supports. QPdfWriter cannot encrypt, and this keeps the
    tests free of a qpdf dependency. The content stream really is encrypted: the right password
    opens the page, so a test can tell this file from a merely corrupt one.
    """
    file_id = hashlib.md5(str(path).encode(), usedforsecurity=False).digest()
    permissions = -4  # every permission bit set
    owner_key = _md5(_pad(user_password + "-owner"))[:5]
    owner_entry = _rc4(owner_key, _pad(user_password))
    key = _md5(_pad(user_password) + owner_entry + struct.pack("<i", permissions) + file_id)[:5]
    user_entry = _rc4(key, _PASSWORD_PAD)

    content = b"0.15 0.35 0.75 rg 96 96 768 348 re f\n1 1 1 rg 380 200 200 140 re f\n"
    content_object = 4
    object_key = _md5(key + struct.pack("<i", content_object)[:3] + b"\x00\x00")[:10]
    stream = _rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + owner_entry.hex().encode()
        + b"> /U <"
        + user_entry.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    hex_id = file_id.hex().encode()
    trailer = b"/Encrypt 5 0 R /ID [<" + hex_id + b"> <" + hex_id + b">]"
    path.write_bytes(_assemble_pdf(objects, root=1, trailer=trailer))
    return path


def write_oversized_pdf(path: Path, size_bytes: int) -> Path:
    """A file of ``size_bytes`` that starts like a PDF; sparse, so it costs no disk space."""
    with path.open("wb") as file:
        file.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        file.truncate(size_bytes)
    return path


_PASSWORD_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _pad(password: str) -> bytes:
    return (password.encode("latin-1") + _PASSWORD_PAD)[:32]


def _md5(data: bytes) -> bytes:
    return hashlib.md5(data, usedforsecurity=False).digest()


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _assemble_pdf(objects: Sequence[bytes], *, root: int, trailer: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root) + trailer + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
