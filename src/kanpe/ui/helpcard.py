"""Where the help overlay's card puts each thing: columns of sections, every line measured.

``place_card`` lays the sections out at one scale with the fonts' own metrics, so each text gets a
rectangle as wide as it is (never cut); ``HelpOverlay`` picks the columns and the scale at which
the card fits its window. Kept apart from the widget so the geometry is tested as data.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

if TYPE_CHECKING:
    from kanpe.ui.help import HelpSections

MARGIN = 20  # px around the card, at least
MIN_SCALE, MAX_SCALE = 0.6, 1.4
MAX_COLUMNS = 3
# Below this scale a column's text is too small to read: the card takes one more column.
READABLE_SCALE = 0.9
# At scale 1: pixel sizes of the body, headings and title, and the row height.
BODY_PX, HEADING_PX, TITLE_PX, ROW = 15, 13, 22, 30.0
SLACK = 2.0  # px beside each measured text: a glyph's overhang is never clipped


@dataclass(frozen=True, slots=True)
class Placed:
    """One thing drawn on the card: a title, hint, heading or line text, or a line's keys."""

    kind: str  # "title", "hint", "heading", "text" or "keys"
    text: str
    rect: QRectF
    font: QFont
    keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HelpCard:
    """The card's rectangle, the scale its text is drawn at, and what goes where."""

    rect: QRectF
    scale: float
    columns: int
    items: tuple[Placed, ...]

    def moved_to(self, corner: QPointF) -> HelpCard:
        shift = corner - self.rect.topLeft()
        return replace(
            self,
            rect=self.rect.translated(shift),
            items=tuple(replace(i, rect=i.rect.translated(shift)) for i in self.items),
        )


def split_sections(sections: HelpSections, columns: int) -> list[HelpSections]:
    """``sections`` in order, cut into ``columns`` runs whose longest is as short as can be."""
    sizes = [len(lines) + 1 for _, lines in sections]
    best: list[HelpSections] | None = None
    best_rows = math.inf
    for cuts in itertools.combinations(range(1, len(sections)), columns - 1):
        bounds = (0, *cuts, len(sections))
        rows = max(sum(sizes[a:b]) for a, b in itertools.pairwise(bounds))
        if rows < best_rows:
            best_rows = rows
            best = [sections[a:b] for a, b in itertools.pairwise(bounds)]
    return best if best is not None else [sections]


def keycaps(keys: tuple[str, ...], font: QFont, corner: QPointF, height: float) -> list[QRectF]:
    """A cap per key, left to right from ``corner``, each as wide as its label needs."""
    metrics = QFontMetricsF(font)
    caps = []
    x = corner.x()
    for key in keys:
        width = max(height, math.ceil(metrics.horizontalAdvance(key)) + height * 0.6)
        caps.append(QRectF(x, corner.y(), width, height))
        x += width + height / 4
    return caps


def _font(base: QFont, pixels: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(1, int(pixels)))
    font.setBold(bold)
    return font


def place_card(
    columns: list[HelpSections], base: QFont, scale: float, words: tuple[str, str]
) -> HelpCard:
    """The card at ``scale`` with its top left corner at (0, 0); ``words``: title and hint."""
    body = _font(base, BODY_PX * scale)
    heading = _font(base, HEADING_PX * scale, bold=True)
    title_font = _font(base, TITLE_PX * scale, bold=True)
    measure = {id(f): QFontMetricsF(f) for f in (body, heading, title_font)}

    def width(text: str, font: QFont) -> float:
        return math.ceil(measure[id(font)].horizontalAdvance(text)) + SLACK

    row_h, pad, gap = ROW * scale, 32 * scale, 40 * scale
    cap_h = row_h * 0.8
    items: list[Placed] = []
    title, hint = words
    title_w, hint_w = width(title, title_font), width(hint, body)
    top = 72 * scale  # below the title
    x = pad
    bottom = top
    for column in columns:
        lines = [line for _, group in column for line in group]
        keys_w = max(
            (keycaps(s.keys, body, QPointF(), cap_h)[-1].right() for s in lines if s.keys),
            default=0.0,
        )
        keys_w += 18 * scale
        text_w = max((width(s.text, body) for s in lines), default=0.0)
        column_w = max(keys_w + text_w, *(width(name.upper(), heading) for name, _ in column))
        y = top
        for name, group in column:
            items.append(Placed("heading", name.upper(), QRectF(x, y, column_w, row_h), heading))
            y += row_h
            for shortcut in group:
                keys_rect = QRectF(x, y, keys_w, cap_h)
                items.append(Placed("keys", "", keys_rect, body, shortcut.keys))
                text_rect = QRectF(x + keys_w, y, text_w, cap_h)
                items.append(Placed("text", shortcut.text, text_rect, body))
                y += row_h
            y += row_h * 0.3
        bottom = max(bottom, y)
        x += column_w + gap
    inner_w = max(x - gap - pad, title_w + 24 * scale + hint_w)
    card_w = inner_w + 2 * pad
    header_y = 24 * scale
    items.append(Placed("title", title, QRectF(pad, header_y, title_w, 32 * scale), title_font))
    hint_rect = QRectF(card_w - pad - hint_w, header_y, hint_w, 32 * scale)
    items.append(Placed("hint", hint, hint_rect, body))
    card = QRectF(0, 0, card_w, bottom + 16 * scale)
    return HelpCard(card, scale, len(columns), tuple(items))
