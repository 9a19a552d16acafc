"""The help overlay: every shortcut on a card over the window, until any key or click.

What it lists comes from the app's binding table (the keys) and the app's words for each action
(``help_sections``); nothing here knows one app's keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kanpe.ui.keys import Keymap
from kanpe.ui.phases import MUTED, SURFACE, SURFACE_LINE, TEXT, rounded

KEYCAP = QColor("#2d3340")
COLUMN_W = 640  # a column of keys and words, at scale 1
KEYS_W = 240
# Below this scale one column's text is too small to read: the card takes two columns.
ONE_COLUMN_SCALE = 0.9


@dataclass(frozen=True, slots=True)
class HelpLine:
    """One line of help: the keys, and what they do."""

    keys: tuple[str, ...]
    text: str


type HelpSections = list[tuple[str, list[HelpLine]]]


def _rows(column: HelpSections) -> int:
    """A column's height in lines: each section's heading and shortcuts, and the title."""
    return sum(len(group) + 1 for _, group in column) + 1


def _scale(width: int, height: int, columns: list[HelpSections]) -> float:
    """How large the card can be drawn in a ``width`` x ``height`` window (1: as designed)."""
    tallest = max(_rows(column) for column in columns)
    fits = min(height / (tallest * 34 + 140), width / (len(columns) * COLUMN_W + 40))
    return max(0.6, min(1.4, fits))


def help_sections(keymap: Keymap, words: list[tuple[str, list[tuple[str, str]]]]) -> HelpSections:
    """Help's lines: the app's words for each action (heading, [(action, text)]) beside the keys
    the table binds to it."""
    return [
        (title, [HelpLine(keymap.labels(action), text) for action, text in actions])
        for title, actions in words
    ]


class HelpOverlay(QWidget):
    """The shortcuts of ``sections`` on a card over ``parent``, shown by ``toggle``."""

    def __init__(self, parent: QWidget, sections: HelpSections) -> None:
        super().__init__(parent)
        self.host = parent
        self.sections = sections
        self.setObjectName("help")
        self.hide()
        parent.installEventFilter(self)

    def toggle(self) -> None:
        """Show the card over the whole window, or hide it."""
        if self.isVisible():
            self.hide()
        else:
            self.setGeometry(self.host.rect())
            self.raise_()
            self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.host.rect())
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()

    def lines(self) -> list[str]:
        """The text shown, for tests: "keys: action" per shortcut."""
        return [f"{' / '.join(s.keys)}: {s.text}" for _, group in self.sections for s in group]

    def columns(self) -> list[HelpSections]:
        """The sections in one column, or in two side by side when one column would be too
        tall to read (a long binding table on a laptop screen); split between sections."""
        one = [self.sections]
        if _scale(self.width(), self.height(), one) >= ONE_COLUMN_SCALE or len(self.sections) < 2:
            return one
        splits = [[self.sections[:n], self.sections[n:]] for n in range(1, len(self.sections))]
        return min(splits, key=lambda columns: max(_rows(column) for column in columns))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(8, 10, 14, 215))
        columns = self.columns()
        scale = _scale(self.width(), self.height(), columns)
        row_h = 30 * scale
        body = QFont(self.font())
        body.setPixelSize(int(15 * scale))
        heading = QFont(body)
        heading.setBold(True)
        heading.setPixelSize(int(13 * scale))
        title_font = QFont(body)
        title_font.setBold(True)
        title_font.setPixelSize(int(22 * scale))
        column_w = COLUMN_W * scale
        card_w = min(self.width() - 40, column_w * len(columns))
        card_h = max(_rows(column) for column in columns) * row_h + 100 * scale
        card = QRectF((self.width() - card_w) / 2, (self.height() - card_h) / 2, card_w, card_h)
        painter.fillPath(rounded(card, 16), SURFACE)
        painter.setPen(SURFACE_LINE)
        painter.drawPath(rounded(card, 16))
        x = card.left() + 32 * scale
        y = card.top() + 24 * scale
        painter.setFont(title_font)
        painter.setPen(TEXT)
        painter.drawText(QRectF(x, y, card_w, 32 * scale), self.tr("Keyboard shortcuts"))
        painter.setFont(body)
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(x, y, card_w - 64 * scale, 32 * scale),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            self.tr("Any key closes this"),
        )
        fonts = (heading, body)
        for index, column in enumerate(columns):
            at = QRectF(x + index * column_w, y + 48 * scale, column_w - 64 * scale, row_h)
            self._paint_column(painter, column, at, fonts, scale)
        painter.end()

    def _paint_column(
        self,
        painter: QPainter,
        column: HelpSections,
        at: QRectF,
        fonts: tuple[QFont, QFont],
        scale: float,
    ) -> None:
        """Paint ``column``'s sections from ``at``'s top-left, ``at.width()`` wide, a line
        ``at.height()`` high."""
        heading, body = fonts
        x, y, width, row_h = at.left(), at.top(), at.width(), at.height()
        keys_w = min(KEYS_W * scale, self._keys_width(body, row_h * 0.8) + 18 * scale)
        for title, group in column:
            painter.setFont(heading)
            painter.setPen(MUTED)
            painter.drawText(QRectF(x, y, width, row_h), title.upper())
            y += row_h
            for shortcut in group:
                self._keycaps(painter, shortcut.keys, QRectF(x, y, keys_w, row_h * 0.8), body)
                painter.setFont(body)
                painter.setPen(TEXT)
                painter.drawText(
                    QRectF(x + keys_w, y, width - keys_w, row_h * 0.8),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    shortcut.text,
                )
                y += row_h
            y += row_h * 0.3

    def _keys_width(self, font: QFont, height: float) -> float:
        """The widest row of keycaps, so the words start right after the keys."""
        metrics = QFontMetricsF(font)
        return max(
            sum(max(height, metrics.horizontalAdvance(key) + height * 0.6) + 6 for key in s.keys)
            for _, group in self.sections
            for s in group
        )

    def _keycaps(self, painter: QPainter, keys: tuple[str, ...], rect: QRectF, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        x = rect.left()
        for key in keys:
            width = max(rect.height(), metrics.horizontalAdvance(key) + rect.height() * 0.6)
            cap = QRectF(x, rect.top(), width, rect.height())
            painter.fillPath(rounded(cap, 5), KEYCAP)
            painter.setPen(TEXT)
            painter.drawText(cap, int(Qt.AlignmentFlag.AlignCenter), key)
            x += width + 6
