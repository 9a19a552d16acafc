"""Where the stage's reaction chips go: every chip visible, whatever the feed's width and font.

The feed is the narrow side of the stage (about 330 px at 1280x720), and there are five
reactions: in one row at the feed's font they do not fit. So the chips flow into rows, and when
even ``MAX_ROWS`` rows are not enough, they take a smaller font, down to ``MIN_PIXELS``. Counts
stop growing in width at ``MAX_COUNT`` ("999+"), so a long, loved talk needs no more room than a
short one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

MAX_COUNT = 999  # shown as "999+" beyond
MAX_ROWS = 2
MIN_PIXELS = 10
GAP = 8.0  # between chips, across and down
MARGIN = 3.0  # above and below the rows
PADDING = 0.8  # of a chip's height, shared left and right of its text
HEIGHT = 1.9  # a chip's height, in lines of its font


def count_text(count: int) -> str:
    """``count`` as a chip shows it: at most three digits."""
    return f"{MAX_COUNT}+" if count > MAX_COUNT else str(count)


@dataclass(frozen=True, slots=True)
class ChipLayout:
    """The font the chips are drawn in, each chip's rectangle (in the order of the texts) and
    the height the rows take."""

    font: QFont
    chips: tuple[QRectF, ...]
    height: int


def lay_out(texts: list[str], width: float, font: QFont) -> ChipLayout:
    """Chips for ``texts`` (oldest first) in rows no wider than ``width``, each row aligned
    right, the newest last: at ``font``'s size if they fit in ``MAX_ROWS`` rows, else at the
    largest size that does (``MIN_PIXELS`` at least)."""
    pixels = QFontInfo(font).pixelSize()
    while True:
        sized = QFont(font)
        sized.setPixelSize(pixels)
        layout, rows = _rows(texts, width, sized)
        inside = all(chip.left() >= 0 for chip in layout.chips)
        if (rows <= MAX_ROWS and inside) or pixels <= MIN_PIXELS:
            return layout
        pixels -= 1


def _rows(texts: list[str], width: float, font: QFont) -> tuple[ChipLayout, int]:
    """The chips at ``font``'s size, flowed into as many rows as they need; and how many."""
    metrics = QFontMetricsF(font)
    height = metrics.height() * HEIGHT
    widths = [metrics.horizontalAdvance(text) + height * PADDING for text in texts]
    rows: list[list[int]] = []
    used = 0.0
    for index, chip_width in enumerate(widths):
        if rows and used + GAP + chip_width <= width:
            rows[-1].append(index)
            used += GAP + chip_width
        else:
            rows.append([index])
            used = chip_width
    chips: dict[int, QRectF] = {}
    for row, indexes in enumerate(rows):
        x = width - (sum(widths[i] for i in indexes) + GAP * (len(indexes) - 1))
        y = MARGIN + row * (height + GAP)
        for i in indexes:
            chips[i] = QRectF(x, y, widths[i], height)
            x += widths[i] + GAP
    total = 2 * MARGIN + len(rows) * height + max(0, len(rows) - 1) * GAP
    return ChipLayout(font, tuple(chips[i] for i in range(len(texts))), math.ceil(total)), len(rows)
