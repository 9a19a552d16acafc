"""The host's moderation lists: the live chat, the questions by votes, the audience's reports.

Each follows the room model and sends what the host decides through the command sender:
``chat.hide``, ``question.set`` (pin to the speaker's stage, answered, hidden) and
``report.dismiss``. The relay blanks what is hidden for every speaker's stage and every audience
page; these lists only ask for it. Everything from the network is shown as plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kanpe.ui.host.rows import Rebuild, Row, RowList, ShownRows, clock_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kanpe.core.model import ChatMessage, Question, Report
    from kanpe.ui.host.sender import Sender
    from kanpe.ui.roommodel import RoomModel

# Chat lines the list keeps (the relay keeps 200).
CHAT_ROWS = 200
# New chat lines are added to the list at most this often.
CHAT_BATCH_MS = 100
# Votes come in bursts: the questions are re-sorted at most this often.
QUESTION_REBUILD_MS = 200
# Questions the list shows, most votes first (a room holds at most 500).
QUESTION_ROWS = 200


class _Moderation(ShownRows, QWidget):
    """A list that follows the room model and rebuilds at most once per loop turn."""

    def __init__(
        self,
        room: RoomModel,
        commands: Sender,
        empty: str,
        parent: QWidget | None,
        rebuild_ms: int = 0,
    ) -> None:
        super().__init__(parent)
        self.room = room
        self.commands = commands
        self.list = RowList(empty)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        self.rebuild = Rebuild(self._build, self, rebuild_ms)
        room.synced.connect(self.rebuild.request)
        self.rebuild.request()

    def _build(self) -> None:
        raise NotImplementedError


class ChatModeration(_Moderation):
    """The chat, newest at the top, each line with "Hide". New lines are added at the top in
    batches (at most one per ``CHAT_BATCH_MS``); the list is rebuilt only when a line left it."""

    def __init__(self, room: RoomModel, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(room, commands, self.tr("No chat yet."), parent)
        self._posted: list[ChatMessage] = []
        self._add = Rebuild(self._add_posted, self, CHAT_BATCH_MS)
        room.chatPosted.connect(self._post)
        room.chatReset.connect(self.rebuild.request)

    def rows(self) -> Sequence[Row]:
        if self._add.pending() and not self.rebuild.pending():
            self._add.cancel()
            self._add_posted()
        return super().rows()

    def _post(self, message: ChatMessage) -> None:
        self._posted.append(message)
        self._add.request()

    def _add_posted(self) -> None:
        posted, self._posted = self._posted[-CHAT_ROWS:], []
        if posted and not self.rebuild.pending():  # a rebuild reads the whole chat anyway
            rows = [self._row(m) for m in reversed(posted)]
            self.list.prepend(rows, keep=CHAT_ROWS)

    def _build(self) -> None:
        self._posted.clear()
        self._add.cancel()
        lines = self.room.chat()[-CHAT_ROWS:]
        self.list.set_rows([self._row(m) for m in reversed(lines)])

    def _row(self, message: ChatMessage) -> Row:
        row = Row(self._heading(message), message.text, message.id)
        row.add_button("hide", self.tr("Hide"), lambda: self.hide_message(message.id))
        return row

    def _heading(self, message: ChatMessage) -> str:
        badge = {"host": self.tr("Host"), "speaker": self.tr("Speaker")}.get(str(message.role))
        name = message.name or ("" if badge else self.tr("Anonymous"))  # a host signs by badge
        who = name if badge is None else f"{name} [{badge}]".lstrip()
        return f"{clock_text(message.at)}  {who}"

    def hide_message(self, message_id: str) -> None:
        from kanpe.core.protocol import HideChat

        self.commands.send(HideChat(id=self.commands.new_id(), message=message_id))


def question_order(questions: list[Question]) -> list[Question]:
    """What a host answers first: open questions by votes (then oldest first), answered ones
    after them; hidden ones left out."""
    shown = [q for q in questions if not q.hidden]
    return sorted(shown, key=lambda q: (q.answered, -q.votes, q.at))


class QuestionModeration(_Moderation):
    """Questions sorted by votes, each with pin to stage, answered and hide."""

    def __init__(self, room: RoomModel, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(room, commands, self.tr("No questions yet."), parent, QUESTION_REBUILD_MS)
        room.questionChanged.connect(self.rebuild.request)
        room.rundownChanged.connect(self.rebuild.request)

    def _build(self) -> None:
        ordered = question_order(self.room.questions())[:QUESTION_ROWS]
        self.list.set_rows([self._row(q) for q in ordered])

    def _row(self, question: Question) -> Row:
        row = Row(self._heading(question), question.text, question.id)
        if question.pinned and not question.answered:
            row.setProperty("pinned", True)
            row.add_badge(self.tr("📌 On stage"), "pinnedBadge")
        if question.answered:
            row.add_badge(self.tr("Answered"), "answeredBadge")
        pin = not question.pinned
        row.add_button(
            "pin",
            self.tr("Pin to stage") if pin else self.tr("Unpin"),
            lambda: self.moderate(question.id, pinned=pin),
        ).setEnabled(not question.answered)
        answered = not question.answered
        row.add_button(
            "answered",
            self.tr("Answered") if answered else self.tr("Not answered"),
            lambda: self.moderate(question.id, answered=answered),
        )
        row.add_button("hide", self.tr("Hide"), lambda: self.moderate(question.id, hidden=True))
        return row

    def _heading(self, question: Question) -> str:
        votes = f"▲ {question.votes}"
        name = question.name or self.tr("Anonymous")
        talk = self.room.talk_title(question.slot) if question.slot else ""
        parts = [votes, clock_text(question.at), name] + ([talk] if talk else [])
        return "  ·  ".join(parts)

    def moderate(
        self,
        question_id: str,
        *,
        pinned: bool | None = None,
        answered: bool | None = None,
        hidden: bool | None = None,
    ) -> None:
        from kanpe.core.protocol import ModerateQuestion

        command = ModerateQuestion(
            id=self.commands.new_id(),
            question=question_id,
            pinned=pinned,
            answered=answered,
            hidden=hidden,
        )
        self.commands.send(command)


class ReportModeration(_Moderation):
    """What the audience reported, newest first: hide it, or keep it (dismiss the report)."""

    def __init__(self, room: RoomModel, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(room, commands, self.tr("Nothing reported."), parent)
        room.reportChanged.connect(self.rebuild.request)

    def _build(self) -> None:
        self.list.set_rows([self._row(r) for r in self.room.reports()])

    def _row(self, report: Report) -> Row:
        kind = self.tr("Chat") if str(report.kind) == "chat" else self.tr("Question")
        times = self.tr("reported {count} times").format(count=report.count)
        if report.count == 1:
            times = self.tr("reported once")
        name = report.name or self.tr("Anonymous")
        heading = "  ·  ".join([kind, clock_text(report.at), name, times])
        row = Row(heading, report.text, report.id)
        row.add_button("hide", self.tr("Hide"), lambda: self.hide_reported(report))
        row.add_button("keep", self.tr("Keep"), lambda: self.keep(report.id))
        return row

    def hide_reported(self, report: Report) -> None:
        from kanpe.core.protocol import HideChat, ModerateQuestion

        if str(report.kind) == "chat":
            self.commands.send(HideChat(id=self.commands.new_id(), message=report.id))
        else:
            command = ModerateQuestion(id=self.commands.new_id(), question=report.id, hidden=True)
            self.commands.send(command)

    def keep(self, report_id: str) -> None:
        from kanpe.core.protocol import DismissReport

        self.commands.send(DismissReport(id=self.commands.new_id(), report=report_id))
