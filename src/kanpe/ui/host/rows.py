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
    """Calls ``build`` once, ``after_ms`` after the first of any number of requests: a burst of
    votes or answers costs one rebuild."""

    def __init__(self, build: Callable[[], None], parent: QObject, after_ms: int = 0) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(after_ms)
        self._timer.timeout.connect(build)

    def request(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        self._timer.stop()


class RowList(QScrollArea):
    """A vertical list of row widgets; a line of text when empty. Rows are replaced as a whole
    (``set_rows``) or, for a list that only grows at the top (the chat), added there and the
    oldest dropped (``prepend``), so one new line does not rebuild the others."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("rowList")
        self._column = QVBoxLayout(body)
        self._column.setContentsMargins(4, 4, 4, 4)
        self._column.setSpacing(6)
        self._empty = plain_label(empty_text)
        self._empty.setObjectName("rowsEmpty")
        self._column.addWidget(self._empty)
        self._column.addStretch(1)
        self.setWidget(body)
        self._rows: list[QWidget] = []

    def rows(self) -> list[QWidget]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[QWidget]) -> None:
        for row in self._rows:
            self._column.removeWidget(row)
            row.deleteLater()
        self._rows = []
        self.prepend(rows)

    def prepend(self, rows: Sequence[QWidget], *, keep: int | None = None) -> None:
        """Put ``rows`` at the top, in their order; then keep at most ``keep`` rows."""
        for index, row in enumerate(rows):
            self._column.insertWidget(index, row)
        self._rows[:0] = rows
        if keep is not None:
            for row in self._rows[keep:]:
                self._column.removeWidget(row)
                row.deleteLater()
            del self._rows[keep:]
        self._empty.setVisible(not self._rows)


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
