"""The help overlay: every shortcut on a card over the window, until any key or click.

What it lists comes from the app's binding table (the keys) and the app's words for each action
(``help_sections``); nothing here knows one app's keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kanpe.ui.helpcard import (
    MARGIN,
    MAX_COLUMNS,
    MAX_SCALE,
    MIN_SCALE,
    READABLE_SCALE,
    HelpCard,
    Placed,
    keycaps,
    place_card,
    split_sections,
)
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
    """The shortcuts of ``sections`` on a card over ``parent``, shown by ``toggle``. The card
    takes one, two or three columns, whichever lets its text be largest with every line whole
    (Japanese lines are long: at 1280x720 one column would cut them or shrink them unreadable)."""

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

    def layout_card(self) -> HelpCard:
        """Where everything goes at this size: the fewest columns that still read (one, while
        it does), else the columns with which the text is largest."""
        best: HelpCard | None = None
        for columns in range(1, min(MAX_COLUMNS, len(self.sections)) + 1):
            card = self._fitted(split_sections(self.sections, columns))
            if card.scale >= READABLE_SCALE:
                return card
            if best is None or card.scale > best.scale:
                best = card
        return best if best is not None else self._fitted([self.sections])

    def columns(self) -> list[HelpSections]:
        """The sections of each column of the card, left to right."""
        return split_sections(self.sections, self.layout_card().columns)

    def _fitted(self, columns: list[HelpSections]) -> HelpCard:
        # Text does not scale exactly with its pixel size (whole pixels, hinting): measure at the
        # scale found and shrink until the card fits, a few rounds at most.
        room_w, room_h = max(1, self.width() - 2 * MARGIN), max(1, self.height() - 2 * MARGIN)
        scale = MAX_SCALE
        card = place_card(columns, self.font(), scale, self._words())
        for _ in range(6):
            fit = min(room_w / card.rect.width(), room_h / card.rect.height())
            if fit >= 1:
                break
            scale = max(MIN_SCALE, scale * fit * 0.99)
            card = place_card(columns, self.font(), scale, self._words())
            if scale == MIN_SCALE:
                break
        centred = card.rect.translated(
            (self.width() - card.rect.width()) / 2 - card.rect.left(),
            (self.height() - card.rect.height()) / 2 - card.rect.top(),
        )
        return card.moved_to(centred.topLeft())

    def _words(self) -> tuple[str, str]:
        return self.tr("Keyboard shortcuts"), self.tr("Any key closes this")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(8, 10, 14, 215))
        card = self.layout_card()
        painter.fillPath(rounded(card.rect, 16), SURFACE)
        painter.setPen(SURFACE_LINE)
        painter.drawPath(rounded(card.rect, 16))
        for item in card.items:
            painter.setFont(item.font)
            if item.keys:
                self._keycaps(painter, item)
                continue
            painter.setPen(TEXT if item.kind in ("title", "text") else MUTED)
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight if item.kind == "hint" else Qt.AlignmentFlag.AlignLeft
            )
            painter.drawText(item.rect, int(align), item.text)
        painter.end()

    def _keycaps(self, painter: QPainter, item: Placed) -> None:
        caps = keycaps(item.keys, item.font, item.rect.topLeft(), item.rect.height())
        for key, cap in zip(item.keys, caps, strict=True):
            painter.fillPath(rounded(cap, 5), KEYCAP)
            painter.setPen(TEXT)
            painter.drawText(cap, int(Qt.AlignmentFlag.AlignCenter), key)
