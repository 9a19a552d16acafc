"""The host's polls: open one (yes/no, or 2 to 6 choices), close it, and watch the answers
come in as bars. Sends ``poll.open`` and ``poll.close``; the counts are the relay's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.host.rows import Rebuild, RowList, clock_text
from kanpe.ui.labels import plain_label

if TYPE_CHECKING:
    from kanpe.core.model import Poll
    from kanpe.ui.host.sender import Sender
    from kanpe.ui.roommodel import RoomModel

MAX_CHOICES = 6  # the protocol's limit
MAX_QUESTION = 500
MAX_CHOICE = 100
# Answers come in bursts when a poll opens: the bars follow at most this often.
POLL_REBUILD_MS = 100


class PollEditor(QFrame):
    """A new poll: its question, yes/no or choices, and "Open poll"."""

    def __init__(self, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollEditor")
        self.commands = commands
        self.question = QLineEdit()
        self.question.setObjectName("pollQuestion")
        self.question.setMaxLength(MAX_QUESTION)
        self.question.setPlaceholderText(self.tr("Ask the room something…"))
        self.yes_no = QRadioButton(self.tr("Yes / No"))
        self.choices = QRadioButton(self.tr("Choices"))
        self.yes_no.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.yes_no)
        kinds.addButton(self.choices)
        self.choice_edits: list[QLineEdit] = []
        self.open_button = QPushButton(self.tr("Open poll"))
        self.open_button.setObjectName("openPoll")
        self.open_button.clicked.connect(self.open_poll)
        self._lay_out()
        for edit in [self.question, *self.choice_edits]:
            edit.textChanged.connect(self._changed)
        self.choices.toggled.connect(self._changed)
        self.question.returnPressed.connect(self.open_poll)
        self._changed()

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("New poll")))
        column.addWidget(self.question)
        kinds = QHBoxLayout()
        kinds.addWidget(self.yes_no)
        kinds.addWidget(self.choices)
        kinds.addStretch(1)
        column.addLayout(kinds)
        grid = QGridLayout()
        for index in range(MAX_CHOICES):
            edit = QLineEdit()
            edit.setMaxLength(MAX_CHOICE)
            edit.setPlaceholderText(self.tr("Choice {n}").format(n=index + 1))
            grid.addWidget(edit, index // 2, index % 2)
            self.choice_edits.append(edit)
        column.addLayout(grid)
        column.addWidget(self.open_button)

    def options(self) -> tuple[str, ...]:
        """The poll's options as the host set them (empty choices left out)."""
        if self.yes_no.isChecked():
            return (self.tr("Yes"), self.tr("No"))
        return tuple(e.text().strip() for e in self.choice_edits if e.text().strip())

    def _changed(self) -> None:
        for edit in self.choice_edits:
            edit.setVisible(self.choices.isChecked())
        ready = bool(self.question.text().strip()) and len(self.options()) >= 2
        self.open_button.setEnabled(ready)

    def open_poll(self) -> None:
        if not self.open_button.isEnabled():
            return
        from kanpe.core.protocol import OpenPoll

        question = self.question.text().strip()
        options = self.options()
        command = OpenPoll(id=self.commands.new_id(), question=question, options=options)
        if self.commands.send(command) is None:
            return  # not sent: the host keeps what they typed
        self.question.clear()
        for edit in self.choice_edits:
            edit.clear()


class PollResults(QFrame):
    """One poll: its question, a bar per option with count and share, and "Close" while open.
    ``show_counts`` follows new answers in place."""

    def __init__(self, poll: Poll, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelRow")
        self.key = poll.id
        self.poll = poll
        self.commands = commands
        column = QVBoxLayout(self)
        self.heading = plain_label()
        self.heading.setObjectName("rowHeading")
        column.addWidget(self.heading)
        question = plain_label(poll.question)
        question.setObjectName("rowText")
        column.addWidget(question)
        grid = QGridLayout()
        self.bars: list[QProgressBar] = []
        self.figures: list[QLabel] = []
        for index, option in enumerate(poll.options):
            grid.addWidget(plain_label(option), index, 0)
            bar = QProgressBar()
            bar.setTextVisible(False)  # the figures go beside the bar, legible at any share
            figures = QLabel()
            figures.setObjectName("pollFigures")
            grid.addWidget(bar, index, 1)
            grid.addWidget(figures, index, 2)
            self.bars.append(bar)
            self.figures.append(figures)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        if poll.open:
            close = QPushButton(self.tr("Close poll"))
            close.setObjectName("closePoll")
            close.clicked.connect(self.close_poll)
            column.addWidget(close)
        self.show_counts(poll)

    def show_counts(self, poll: Poll) -> None:
        """The same poll with new counts (its question, options and state unchanged)."""
        self.poll = poll
        total = sum(poll.counts)
        state = self.tr("Open") if poll.open else self.tr("Closed")
        answers = self.tr("{n} answers").format(n=total)
        self.heading.setText("  ·  ".join([state, clock_text(poll.at), answers]))
        for option, count, bar, figures in zip(
            poll.options, poll.counts, self.bars, self.figures, strict=True
        ):
            bar.setRange(0, max(total, 1))
            bar.setValue(count)
            share = round(100 * count / total) if total else 0
            figures.setText(self.tr("{count} ({share}%)").format(count=count, share=share))
            bar.setAccessibleName(f"{option}: {figures.text()}")

    def close_poll(self) -> None:
        from kanpe.core.protocol import ClosePoll

        self.commands.send(ClosePoll(id=self.commands.new_id(), poll=self.poll.id))


class PollPanel(QWidget):
    """The editor above, every poll of the room below, newest first."""

    def __init__(self, room: RoomModel, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.commands = commands
        self.editor = PollEditor(commands)
        self.list = RowList(self.tr("No polls yet."))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.editor)
        column.addWidget(self.list, 1)
        self.rebuild = Rebuild(self._build, self, POLL_REBUILD_MS)
        room.synced.connect(self.rebuild.request)
        room.pollChanged.connect(self.rebuild.request)
        self.rebuild.request()

    def results(self) -> list[PollResults]:
        if self.rebuild.pending():
            self.rebuild.cancel()
            self._build()
        return self.results_shown()

    def _build(self) -> None:
        # Open polls first, then newest first (ties in time: the later one first).
        newest_first = list(reversed(self.room.polls()))
        polls = sorted(newest_first, key=lambda poll: (poll.open, poll.at), reverse=True)
        shown = self.results_shown()
        if [(r.key, r.poll.open) for r in shown] == [(p.id, p.open) for p in polls]:
            for result, poll in zip(shown, polls, strict=True):  # only answers came in
                result.show_counts(poll)
            return
        self.list.set_rows([PollResults(poll, self.commands) for poll in polls])

    def results_shown(self) -> list[PollResults]:
        return [row for row in self.list.rows() if isinstance(row, PollResults)]
