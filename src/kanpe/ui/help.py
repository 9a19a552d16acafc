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


@dataclass(frozen=True, slots=True)
class HelpLine:
    """One line of help: the keys, and what they do."""

    keys: tuple[str, ...]
    text: str


type HelpSections = list[tuple[str, list[HelpLine]]]


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

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(8, 10, 14, 215))
        groups = self.sections
        rows = sum(len(g) + 1 for _, g in groups) + 1
        scale = max(0.6, min(1.4, self.height() / (rows * 34 + 140)))
        row_h = 30 * scale
        body = QFont(self.font())
        body.setPixelSize(int(15 * scale))
        heading = QFont(body)
        heading.setBold(True)
        heading.setPixelSize(int(13 * scale))
        title_font = QFont(body)
        title_font.setBold(True)
        title_font.setPixelSize(int(22 * scale))
        keys_w = 240 * scale
        card_w = min(self.width() - 40, 640 * scale)
        card_h = rows * row_h + 100 * scale
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
        y += 48 * scale
        for title, group in groups:
            painter.setFont(heading)
            painter.setPen(MUTED)
            painter.drawText(QRectF(x, y, card_w, row_h), title.upper())
            y += row_h
            for shortcut in group:
                self._keycaps(painter, shortcut.keys, QRectF(x, y, keys_w, row_h * 0.8), body)
                painter.setFont(body)
                painter.setPen(TEXT)
                painter.drawText(
                    QRectF(x + keys_w, y, card_w - keys_w - 64 * scale, row_h * 0.8),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    shortcut.text,
                )
                y += row_h
            y += row_h * 0.3
        painter.end()

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
