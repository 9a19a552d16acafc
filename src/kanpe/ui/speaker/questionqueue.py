"""The question queue on the presenter console's right edge: this talk's questions, most voted
first, new ones marked, with the selected one's actions (pin to the stage, answered, hide) under
the list. Closed, it folds to a strip on the console's edge that still shows how many are new.

A view: it paints the rows it is given (``show_queue``) and says what the mouse asked for
(``selected``, ``actionRequested``, ``openChanged``); ``SpeakerQuestions`` decides the rest.
Questions are plain text (DESIGN.md), never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.labels import plain_label
from kanpe.ui.phases import MUTED, TEXT, rounded

QUEUE_WIDTH = 320
EDGE_WIDTH = 44
NEW_FILL = QColor("#ffd23f")  # the new-questions badge, as a new cue card
NEW_TEXT = QColor("#1b1400")
EDGE_FILL = QColor("#1a1d24")


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One question as the queue shows it."""

    id: str
    text: str
    name: str
    asked: str  # the time it was asked, as the clock shows it
    votes: int
    new: bool
    pinned: bool
    answered: bool


def _restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and repolish the widget and its labels (a
    selector such as ``[state="answered"] QLabel`` is not re-read by the children by itself)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    for each in (widget, *widget.findChildren(QLabel)):
        each.style().unpolish(each)
        each.style().polish(each)


class QuestionRow(QFrame):
    """A question: its votes, its text, who asked and when, and what it is (new, on stage,
    answered) in words as well as colour."""

    clicked = Signal(str)

    def __init__(self, row: QueueRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.votes = QLabel()
        self.votes.setObjectName("questionVotes")
        self.votes.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.votes.setFixedWidth(44)
        self.text = plain_label()
        self.text.setObjectName("questionText")
        self.meta = plain_label()
        self.meta.setObjectName("questionMeta")
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.text)
        words.addWidget(self.meta)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.votes)
        layout.addLayout(words, 1)
        self.row = row
        self.set_row(row)

    def set_row(self, row: QueueRow) -> None:
        self.row = row
        self.votes.setText(self.tr("▲ {votes}").format(votes=row.votes))
        self.text.setText(row.text)
        marks = []
        if row.pinned:
            marks.append(self.tr("📌 On stage"))
        if row.answered:
            marks.append(self.tr("✓ Answered"))
        elif row.new:
            marks.append(self.tr("● New"))
        who = row.name or self.tr("anonymous")
        self.meta.setText(" · ".join([who, row.asked, *marks]))
        state = "answered" if row.answered else "pinned" if row.pinned else "new" if row.new else ""
        _restyle(self, "state", state)

    def set_selected(self, on: bool) -> None:
        _restyle(self, "selected", on)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.row.id)
        super().mousePressEvent(event)


class QueueEdge(QWidget):
    """The folded queue: a strip on the console's edge with the number of new questions (and
    of all), which opens the queue when clicked."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueEdge")
        self.setFixedWidth(EDGE_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.new = 0
        self.total = 0
        self.caption = self.tr("Questions")
        self.new_word = self.tr("new", "under the number of new questions")
        self.setToolTip(self.tr("Open the question queue"))

    def set_counts(self, new: int, total: int) -> None:
        if (new, total) != (self.new, self.total):
            self.new, self.total = new, total
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(EDGE_WIDTH, 200)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        painter.fillPath(rounded(QRectF(2, 0, width - 4, self.height()), 10), EDGE_FILL)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(18)
        painter.setFont(font)
        top = 10.0
        if self.new:
            badge = QRectF(4, top, width - 8, width - 8)
            painter.fillPath(rounded(badge, badge.width() / 2), NEW_FILL)
            painter.setPen(NEW_TEXT)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(self.new))
            font.setPixelSize(11)
            painter.setFont(font)
            painter.setPen(NEW_FILL)
            below = QRectF(0, badge.bottom() + 2, width, 16)
            painter.drawText(below, int(Qt.AlignmentFlag.AlignCenter), self.new_word)
            top = below.bottom() + 8
        font.setPixelSize(14)
        painter.setFont(font)
        painter.setPen(TEXT if self.new else MUTED)
        total = f"{self.caption} · {self.total}" if self.total else self.caption
        painter.translate(width / 2, top)
        painter.rotate(90)
        painter.drawText(
            QRectF(0, -width / 2, self.height() - top, width),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            total,
        )
        painter.end()


class QuestionQueue(QFrame):
    """The open queue (see the module's docstring)."""

    selected = Signal(str)  # a question's id: the speaker clicked it
    actionRequested = Signal(str)  # "pin", "answer" or "hide", for the selected question
    closeRequested = Signal()

    def __init__(self, keys: dict[str, str], parent: QWidget | None = None) -> None:
        """``keys``: the key label of each action ("pin", "answer", "hide", "close")."""
        super().__init__(parent)
        self.setObjectName("questionQueue")
        self.setFixedWidth(QUEUE_WIDTH)
        self.heading = QLabel(self.tr("QUESTIONS"))
        self.heading.setObjectName("sectionHeading")
        self.count = QLabel()
        self.count.setObjectName("queueCount")
        close = QPushButton(self.tr("Fold ›"))
        close.setObjectName("queueButton")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.setToolTip(self.tr("Fold the queue to the edge ({key})").format(key=keys["close"]))
        close.clicked.connect(self.closeRequested)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addWidget(self.count, 1)
        header.addWidget(close)

        self.rows_box = QWidget()
        self.rows_box.setObjectName("queueRows")
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(6)
        self.rows_layout.addStretch(1)
        self.list_area = QScrollArea()
        self.list_area.setObjectName("queueScroll")
        self.list_area.setWidgetResizable(True)
        self.list_area.setFrameShape(QFrame.Shape.NoFrame)
        self.list_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_area.setWidget(self.rows_box)
        self.list_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.empty = plain_label(
            self.tr("Questions the audience asks during this talk appear here.")
        )
        self.empty.setObjectName("feedEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.keys = keys
        for action in ("pin", "answer", "hide"):
            button = QPushButton()
            button.setObjectName("queueButton")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, action=action: self.actionRequested.emit(action))
            self.buttons[action] = button
            bar.addWidget(button)
        hide = self.tr("Hide")
        self.buttons["hide"].setText(f"{hide} ({keys['hide']})")
        self.buttons["hide"].setToolTip(self.tr("Only the host can show a hidden question again"))
        self.hint = QLabel(
            self.tr("{next} / {previous}: next / previous question").format(
                next=keys["next"], previous=keys["previous"]
            )
        )
        self.hint.setObjectName("queueHint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.list_area, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        self.rows: dict[str, QuestionRow] = {}
        self.current: str | None = None
        self._shown: tuple[list[QueueRow], str | None, int] | None = None
        self.show_queue([], None, 0)

    def show_queue(self, rows: list[QueueRow], current: str | None, new: int) -> None:
        """Show ``rows`` in this order, ``current`` selected; ``new`` of them are new."""
        shown = (rows, current, new)
        if shown == self._shown:
            return  # nothing to repaint
        self._shown = shown
        keep = {row.id for row in rows}
        for gone in [qid for qid in self.rows if qid not in keep]:
            self.rows.pop(gone).deleteLater()
        for index, row in enumerate(rows):
            widget = self.rows.get(row.id)
            if widget is None:
                widget = QuestionRow(row)
                widget.clicked.connect(self.selected)
                self.rows[row.id] = widget
            elif widget.row != row:
                widget.set_row(row)
            if self.rows_layout.indexOf(widget) != index:
                self.rows_layout.insertWidget(index, widget)
        for qid, widget in self.rows.items():
            widget.set_selected(qid == current)
        self.current = current
        has_rows = bool(rows)
        self.list_area.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        for button in self.buttons.values():
            button.setEnabled(current is not None)
        chosen = None if current is None else self.rows[current].row
        pinned = chosen is not None and chosen.pinned
        pin = self.tr("Unpin") if pinned else self.tr("Pin to stage")
        self.buttons["pin"].setText(f"{pin} ({self.keys['pin']})")
        answered = chosen is not None and chosen.answered
        answer = self.tr("Reopen") if answered else self.tr("Answered")
        self.buttons["answer"].setText(f"{answer} ({self.keys['answer']})")
        if not rows:
            self.count.setText("")
        elif new:
            self.count.setText(self.tr("{total} · {new} new").format(total=len(rows), new=new))
        else:
            self.count.setText(str(len(rows)))
        if current is not None:
            self.list_area.ensureWidgetVisible(self.rows[current], 0, 12)

    def row_ids(self) -> list[str]:
        """The questions' ids as listed, top first."""
        ids = []
        for index in range(self.rows_layout.count()):
            item = self.rows_layout.itemAt(index)
            widget = None if item is None else item.widget()
            if isinstance(widget, QuestionRow):
                ids.append(widget.row.id)
        return ids
