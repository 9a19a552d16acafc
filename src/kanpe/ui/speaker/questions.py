"""SpeakerQuestions: the presenter console's question queue, kept in step with the room.

It lists this talk's questions (``core.talkquestions``) in the console's ``QuestionQueue``, or
their count on the console's edge (``QueueEdge``) while the queue is folded; moves the selection
(keys or clicks); and sends the speaker's pin, answered and hide for the selected question, which
the relay allows for their own talk's questions only (docs/protocol.md 5.2). Nothing changes
here before the relay says so: the queue repaints from the room's next event.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kanpe.core.notices import AppNotice, Severity
from kanpe.core.talkquestions import SeenQuestions, talk_queue
from kanpe.ui.export import Exporter
from kanpe.ui.speaker.questionqueue import QuestionQueue, QueueEdge, QueueRow
from kanpe.ui.ticker import clock_text

if TYPE_CHECKING:
    from kanpe.core.model import Question, RoomState
    from kanpe.core.notices import Notices
    from kanpe.ui.commands import CommandSender
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

# Votes arrive one event each: a burst repaints the queue once.
COALESCE_MS = 50
# A kept record (keep_in) is rewritten at most this often while votes come in.
KEEP_MS = 1000


class SpeakerQuestions(QObject):
    """The queue's controller (see the module's docstring)."""

    changed = Signal()  # the queue, its selection, what is new or whether it is open changed
    openChanged = Signal(bool)  # the speaker opened or folded the queue

    def __init__(
        self,
        model: SpeakerSlotModel,
        commands: CommandSender,
        notices: Notices,
        *,
        view: QuestionQueue,
        edge: QueueEdge,
        window: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.commands = commands
        self.view = view
        self.edge = edge
        self.seen = SeenQuestions()
        self.queue: list[Question] = []
        self.current: str | None = None
        self.is_open = True
        self._slot_id: str | None = None
        self._chosen = False  # the speaker moved the selection (keys, mouse)
        self._advance = False  # the selection moves on once the relay says it is answered
        self.exporter = Exporter(
            model.room,
            notices,
            window,
            render=self._record,
            name=self._file_name,
            title=self.tr("Export the questions"),
        )
        self.notices = notices
        self.kept: Path | None = None
        #: The talk's slide timings as Markdown, for its record ("": none).
        self.timings: Callable[[], str] = lambda: ""
        self._keep_failed = False
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_MS)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.refresh)
        room = model.room
        room.questionChanged.connect(self._soon)
        room.synced.connect(self.refresh)
        room.attached.connect(self.refresh)
        model.slotChanged.connect(self._slot_changed)
        view.selected.connect(self.select)
        view.actionRequested.connect(self._act)
        view.closeRequested.connect(lambda: self.set_open(False))
        edge.clicked.connect(lambda: self.set_open(True))
        self.refresh()

    # --- following the room -------------------------------------------------------------------

    def _slot_changed(self) -> None:
        # The slot id is known from the first welcome; every slide report is a slot change too,
        # and those leave the queue alone (a flip must not repaint it).
        if self.model.slot_id != self._slot_id:
            self._slot_id = self.model.slot_id
            self._soon()

    def _soon(self, _changed: object = None) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        """Read the talk's questions again and repaint the queue and the edge."""
        self._timer.stop()
        old = [q.id for q in self.queue]
        self.queue = talk_queue(self.model.room.questions(), self.model.slot_id)
        ids = [q.id for q in self.queue]
        done = self.selected_question()
        if not self._chosen:
            self.current = ids[0] if ids else None  # until the speaker picks one: the top one
        elif self.current not in ids or (done is not None and done.answered and self._advance):
            # Gone (hidden) or just answered: the one that took its place, else the last.
            index = old.index(self.current) if self.current in old else 0
            self.current = ids[min(index, len(ids) - 1)] if ids else None
            self._advance = False
        self._paint()

    def _paint(self) -> None:
        rows = [self._row(q) for q in self.queue]
        new = self.seen.new_count(self.queue)
        self.view.show_queue(rows, self.current, new)
        self.edge.set_counts(new, len(rows))
        self.view.setVisible(self.is_open)
        self.edge.setVisible(not self.is_open)
        self.changed.emit()

    def _row(self, question: Question) -> QueueRow:
        return QueueRow(
            id=question.id,
            text=question.text,
            name=question.name,
            asked=clock_text(question.at),
            votes=question.votes,
            new=self.seen.is_new(question) and not question.answered,
            pinned=question.pinned,
            answered=question.answered,
        )

    @property
    def new_count(self) -> int:
        """How many of the queue's questions the speaker has not seen."""
        return self.seen.new_count(self.queue)

    def selected_question(self) -> Question | None:
        return next((q for q in self.queue if q.id == self.current), None)

    # --- the speaker's actions ----------------------------------------------------------------

    def set_open(self, on: bool) -> None:
        """Open the queue, or fold it to the edge: what it listed has been seen."""
        if on == self.is_open:
            return
        if not on:
            self.seen.see_all(self.queue)
        self.is_open = on
        self._paint()
        self.openChanged.emit(on)

    def toggle(self) -> None:
        self.set_open(not self.is_open)

    def select(self, question_id: str) -> None:
        """Select a question (the speaker has seen it); opens the queue if folded."""
        if all(q.id != question_id for q in self.queue):
            return
        self.current = question_id
        self._chosen = True
        self._advance = False
        self.seen.see(question_id)
        if not self.is_open:
            self.set_open(True)
        else:
            self._paint()

    def step(self, delta: int) -> None:
        """Select the next (1) or previous (-1) question, from the top when none is selected."""
        if not self.queue:
            self.set_open(True)
            return
        ids = [q.id for q in self.queue]
        if self.current not in ids or not self.is_open:
            index = 0 if self.current not in ids else ids.index(self.current)
        else:
            index = max(0, min(len(ids) - 1, ids.index(self.current) + delta))
        self.select(ids[index])

    def _act(self, action: str) -> None:
        match action:
            case "pin":
                self.pin()
            case "answer":
                self.answer()
            case "hide":
                self.hide()

    def pin(self) -> None:
        """Pin the selected question to the stage, or take it down."""
        question = self.selected_question()
        if question is not None:
            self._send(question, pinned=not question.pinned)

    def answer(self) -> None:
        """Mark the selected question answered (taking it off the stage), or not answered."""
        question = self.selected_question()
        if question is None:
            return
        if question.answered:
            self._send(question, answered=False)
        else:
            self._advance = True
            self._send(question, answered=True, pinned=False if question.pinned else None)

    def hide(self) -> None:
        """Hide the selected question from everyone (only the host can show it again)."""
        question = self.selected_question()
        if question is not None:
            self._send(question, hidden=True, pinned=False if question.pinned else None)

    def _send(self, question: Question, **changes: bool | None) -> None:
        if not self.commands.can_send:
            return
        self.seen.see(question.id)
        from kanpe.core.protocol import ModerateQuestion

        self.commands.send(
            ModerateQuestion(id=self.commands.new_id(), question=question.id, **changes)
        )

    # --- the record ----------------------------------------------------------------------------

    def keep_in(self, path: Path) -> None:
        """Keep the talk's record (``kanpe speak --questions FILE``) in ``path``: rewritten,
        atomically, shortly after each question or poll changes, and on ``flush``. A solo room's
        relay forgets everything when the speaker quits; this file does not."""
        self.kept = path
        room = self.model.room
        for signal in (room.questionChanged, room.pollChanged, room.synced):
            signal.connect(self._keep_soon)
        self._keep_timer.timeout.connect(self.flush)
        self._keep_soon()

    def _keep_soon(self, _changed: object = None) -> None:
        if self.kept is not None and not self._keep_timer.isActive():
            self._keep_timer.start()

    def flush(self) -> None:
        """Write the kept record now, if one is kept and the room is known."""
        self._keep_timer.stop()
        state = self.model.room.state
        if self.kept is None or state is None or self.model.slot_id is None:
            return
        from kanpe.storage.atomic import write_atomic

        try:
            write_atomic(self.kept, self._record(state, 0.0))
        except OSError as error:  # StorageError included: its message names the path
            if not self._keep_failed:  # said once, not on every vote
                self._keep_failed = True
                self.notices.post(AppNotice.EXPORT_FAILED, Severity.WARNING, problem=str(error))
        else:
            self._keep_failed = False

    def ask_export(self) -> None:
        """Ask where to save the talk's questions as Markdown, and save them there."""
        self.exporter.ask()

    def export_to(self, path: Path) -> bool:
        return self.exporter.export_to(path)

    def _record(self, state: RoomState, now: float) -> str:
        from kanpe.core.export import export_talk_markdown

        # No zone: the speaker's local time, as the queue shows it.
        return export_talk_markdown(state, self.model.slot_id or "", None, timings=self.timings())

    def _file_name(self, state: RoomState) -> str:
        slot = self.model.slot_id or ""
        plan = state.rundown.slot(slot)
        title = (plan.title if plan is not None else "") or slot
        return self.tr("{talk} questions").format(talk=title)
