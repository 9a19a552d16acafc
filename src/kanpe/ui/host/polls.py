"""The host's polls: open one (a preset, yes/no, or 2 to 6 choices: ``kanpe.ui.polleditor``),
close it, and watch the answers come in as bars. Sends ``poll.open`` and ``poll.close``; the
counts are the relay's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.host.rows import Rebuild, RowList, clock_text
from kanpe.ui.labels import plain_label
from kanpe.ui.polleditor import PollEditor

if TYPE_CHECKING:
    from kanpe.core.model import Poll
    from kanpe.ui.host.sender import Sender
    from kanpe.ui.roommodel import RoomModel

# Answers come in bursts when a poll opens: the bars follow at most this often.
POLL_REBUILD_MS = 100


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
        buttons = QHBoxLayout()
        if poll.open:
            close = QPushButton(self.tr("Close poll"))
            close.setObjectName("closePoll")
            close.clicked.connect(self.close_poll)
            buttons.addWidget(close)
        # A poll of a talk can go up on that talk's stage (a speaker's stage shows its own).
        self.stage = QPushButton(self.tr("Show on stage"))
        self.stage.setObjectName("pollOnStage")
        self.stage.setCheckable(True)
        self.stage.setVisible(poll.slot is not None)
        self.stage.clicked.connect(self.toggle_stage)
        buttons.addWidget(self.stage)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.show_counts(poll)

    def show_counts(self, poll: Poll) -> None:
        """The same poll with new counts or shown on the stage or not (its question, options
        and whether it is open unchanged)."""
        self.poll = poll
        total = sum(poll.counts)
        state = self.tr("Open") if poll.open else self.tr("Closed")
        answers = self.tr("{n} answers").format(n=total)
        self.heading.setText("  ·  ".join([state, clock_text(poll.at), answers]))
        self.stage.setChecked(poll.shown)
        self.stage.setText(self.tr("On stage") if poll.shown else self.tr("Show on stage"))
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

    def toggle_stage(self) -> None:
        """Show the result on the stage, or take it down; the button follows the relay."""
        from kanpe.core.protocol import ShowPoll

        shown = not self.poll.shown
        self.stage.setChecked(self.poll.shown)  # until the relay says otherwise
        self.commands.send(ShowPoll(id=self.commands.new_id(), poll=self.poll.id, shown=shown))


class PollPanel(QWidget):
    """The editor above, every poll of the room below, newest first."""

    def __init__(self, room: RoomModel, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.commands = commands
        self.editor = PollEditor(self._submit, columns=2)
        self.list = RowList(self.tr("No polls yet."))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("New poll"))
        column.addWidget(heading)
        column.addWidget(self.editor)
        column.addWidget(self.list, 1)
        self.rebuild = Rebuild(self._build, self, POLL_REBUILD_MS)
        room.synced.connect(self.rebuild.request)
        room.pollChanged.connect(self.rebuild.request)
        self.rebuild.request()

    def _submit(self, question: str, options: tuple[str, ...]) -> bool:
        from kanpe.core.protocol import OpenPoll

        command = OpenPoll(id=self.commands.new_id(), question=question, options=options)
        return self.commands.send(command) is not None  # not sent: the host keeps the words

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
            for result, poll in zip(shown, polls, strict=True):  # answers, or on stage or not
                result.show_counts(poll)
            return
        self.list.set_rows([PollResults(poll, self.commands) for poll in polls])

    def results_shown(self) -> list[PollResults]:
        return [row for row in self.list.rows() if isinstance(row, PollResults)]
