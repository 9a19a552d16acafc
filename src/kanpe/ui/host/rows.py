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

# The panels' own look, in the console's dark colours (kanpe.ui.host.style). State is drawn as a
# mark and a word; the border colour only adds to it.
PANEL_STYLE = """
QWidget#rowList, QScrollArea#rowScroll { background: #14171d; border: none; }
QFrame#panelRow {
    background: #1a1d24; border: 1px solid #2a2e38; border-left: 4px solid #2a2e38;
    border-radius: 6px;
}
QFrame#panelRow[readiness="ready"] { border-left-color: #3ecf7a; }
QFrame#panelRow[readiness="waiting"] { border-left-color: #ffd23f; }
QFrame#panelRow[readiness="offline"] { border-left-color: #ff8a80; }
QFrame#panelRow[pinned="true"] { border-left-color: #ffd23f; background: #2a2510; }
QLabel#rowHeading { color: #8b91a0; }
QLabel#rowText { color: #e8eaf0; font-size: 14px; }
QLabel#rowsEmpty, QLabel#inviteStatus, QLabel#checkSummary { color: #8b91a0; padding: 6px; }
QLabel#pinnedBadge { color: #ffd23f; font-weight: bold; }
QLabel#answeredBadge { color: #3ecf7a; font-weight: bold; }
QLabel#readinessBadge { font-weight: bold; }
QFrame#panelRow[readiness="ready"] QLabel#readinessBadge { color: #3ecf7a; }
QFrame#panelRow[readiness="waiting"] QLabel#readinessBadge { color: #ffd23f; }
QFrame#panelRow[readiness="offline"] QLabel#readinessBadge { color: #ff8a80; }
QPushButton { padding: 3px 9px; }
QPushButton:disabled { color: #5d6372; background: #1a1d24; border-color: #2a2e38; }
QTabWidget#audienceTabs QTabBar::tab { padding: 6px 9px; }
QProgressBar {
    background: #0f1115; border: 1px solid #2a2e38; border-radius: 4px; max-height: 14px;
}
QProgressBar::chunk { background: #7ab8ff; border-radius: 3px; }
QLabel#pollFigures { color: #c8ccd6; min-width: 64px; }
QFrame#pollEditor { background: #1a1d24; border-radius: 6px; }
QRadioButton { color: #c8ccd6; }
QLabel#reactionCount { color: #e8eaf0; font-size: 14px; }
QLabel#reactionTotal { color: #c8ccd6; font-weight: bold; }
QFrame#inviteCode { background: transparent; }
QLabel#inviteQrCaption { color: #c8ccd6; }
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
        self._build = build

    def request(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        self._timer.stop()

    def flush(self) -> None:
        """Build now if a build is pending, so what is read next is current."""
        if self._timer.isActive():
            self._timer.stop()
            self._build()


class ShownRows:
    """What a panel whose rows are a RowList (``list``) rebuilt by ``rebuild`` shows now, asked
    the same way of every panel (the invites, the check-in, the moderation lists): a pending
    rebuild is done first, so what is read is current."""

    list: RowList
    rebuild: Rebuild

    def rows(self) -> Sequence[Row]:
        """The rows shown now, top first (built if a rebuild is pending)."""
        self.rebuild.flush()
        return self.list.keyed()

    def row(self, key: str) -> Row | None:
        """The row of ``key`` shown now, if any."""
        return next((row for row in self.rows() if row.key == key), None)


class RowList(QScrollArea):
    """A vertical list of row widgets; a line of text when empty. Rows are replaced as a whole
    (``set_rows``) or, for a list that only grows at the top (the chat), added there and the
    oldest dropped (``prepend``), so one new line does not rebuild the others."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rowScroll")
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

    def keyed(self) -> list[Row]:
        """The ``Row`` widgets shown now, top first."""
        return [row for row in self._rows if isinstance(row, Row)]

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
    """One entry: a heading line (with badges at its right), the text (plain), and the row's
    buttons under it, so the text has the panel's whole width however narrow it is."""

    def __init__(self, heading: str, text: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelRow")
        self.key = key  # the id of what the row shows (a message, a question, a poll, a report)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 8, 6)
        column.setSpacing(3)
        top = QHBoxLayout()
        self.heading = plain_label(heading)
        self.heading.setObjectName("rowHeading")
        top.addWidget(self.heading, 1)
        self._badges = top
        column.addLayout(top)
        self.text = plain_label(text)
        self.text.setObjectName("rowText")
        column.addWidget(self.text)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(4)
        self._buttons.addStretch(1)
        column.addLayout(self._buttons)
        self.buttons: dict[str, QPushButton] = {}

    def add_badge(self, text: str, name: str) -> QLabel:
        badge = QLabel(text)
        badge.setTextFormat(Qt.TextFormat.PlainText)
        badge.setObjectName(name)
        self._badges.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        return badge

    def add_button(self, name: str, text: str, action: Callable[[], object]) -> QPushButton:
        """A button named ``name`` (tests find it by that) doing ``action`` when clicked."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(action)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        self.buttons[name] = button
        return button
