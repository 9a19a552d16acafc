"""What the host's side panels share: a list of rows, each a line of plain text with buttons.

Chat, questions and reports come from the network: every row shows them through ``plain_label``
(never rich text). A list is rebuilt in one go, at most once per turn of the event loop
(``Rebuild``), so a burst of votes or messages costs one relayout, not one per event.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.labels import plain_label

# The panels' own look: state is drawn as a mark and a word, the border only adds to it, so it
# reads on a light or a dark console alike.
PANEL_STYLE = """
QFrame#panelRow { border: 1px solid palette(mid); border-left-width: 4px; border-radius: 4px; }
QFrame#panelRow[readiness="ready"] { border-left-color: #2e9e5e; }
QFrame#panelRow[readiness="waiting"] { border-left-color: #d99a00; }
QFrame#panelRow[readiness="offline"] { border-left-color: #c94a41; }
QFrame#panelRow[pinned="true"] { border-left-color: #d99a00; }
QLabel#pinnedBadge, QLabel#readinessBadge { font-weight: bold; }
QLabel#pollFigures { min-width: 64px; }
"""


def clock_text(at: float) -> str:
    """A relay time as the local wall clock, "20:14"."""
    return datetime.datetime.fromtimestamp(at).strftime("%H:%M")


class Rebuild(QObject):
    """Calls ``build`` once, soon, however often it is asked to."""

    def __init__(self, build: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(build)

    def request(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()


class RowList(QScrollArea):
    """A vertical list of row widgets, replaced as a whole; a line of text when empty."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._empty_text = empty_text
        self._rows: list[QWidget] = []
        self._set_rows([])

    def rows(self) -> list[QWidget]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[QWidget]) -> None:
        self._set_rows(list(rows))

    def _set_rows(self, rows: list[QWidget]) -> None:
        body = QWidget()
        body.setObjectName("rowList")
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(6)
        for row in rows:
            column.addWidget(row)
        if not rows:
            empty = plain_label(self._empty_text)
            empty.setObjectName("rowsEmpty")
            column.addWidget(empty)
        column.addStretch(1)
        self._rows = rows
        old = self.takeWidget()
        self.setWidget(body)
        if old is not None:
            old.deleteLater()


class Row(QFrame):
    """One entry: a heading line, the text (plain), and buttons on the right."""

    def __init__(self, heading: str, text: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.key = key  # the id of what the row shows (a message, a question, a poll, a report)
        line = QHBoxLayout(self)
        line.setContentsMargins(8, 6, 8, 6)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.heading = plain_label(heading)
        self.heading.setObjectName("rowHeading")
        self.text = plain_label(text)
        self.text.setObjectName("rowText")
        words.addWidget(self.heading)
        words.addWidget(self.text)
        line.addLayout(words, 1)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(4)
        line.addLayout(self._buttons, 0)
        self.buttons: dict[str, QPushButton] = {}

    def add_badge(self, text: str, name: str) -> QLabel:
        badge = QLabel(text)
        badge.setTextFormat(Qt.TextFormat.PlainText)
        badge.setObjectName(name)
        self._buttons.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        return badge

    def add_button(self, name: str, text: str, action: Callable[[], object]) -> QPushButton:
        """A button named ``name`` (tests find it by that) doing ``action`` when clicked."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(action)
        self._buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.buttons[name] = button
        return button
