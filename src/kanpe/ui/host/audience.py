"""The host's audience panel: how the room reacts (per minute), the questions by votes, the live
chat, the polls and what the audience reported, with the host's moderation on each.

A QWidget taking the room model and the command sender, for ``HostWindow.add_panel``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from kanpe.core.reactionrate import EMOJIS, ReactionRate
from kanpe.ui.host.chatbox import HostChatBox
from kanpe.ui.host.moderation import ChatModeration, QuestionModeration, ReportModeration
from kanpe.ui.host.polls import PollPanel
from kanpe.ui.host.rows import PANEL_STYLE

if TYPE_CHECKING:
    from kanpe.ui.host.sender import Sender
    from kanpe.ui.roommodel import RoomModel


class ReactionsPerMinute(QWidget):
    """Each reaction's count over the last minute, and the total; repainted when a reaction
    comes and when the oldest one leaves the minute, not on a tick."""

    def __init__(self, room: RoomModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reactionRate")
        self.room = room
        self.rate = ReactionRate()
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 4)
        column.setSpacing(2)
        self.caption = QLabel(self.tr("Reactions per minute"))
        self.caption.setObjectName("sectionHeading")
        column.addWidget(self.caption)
        line = QHBoxLayout()
        column.addLayout(line)
        self.counts: dict[str, QLabel] = {}
        for emoji in EMOJIS:
            label = QLabel()
            label.setObjectName("reactionCount")
            line.addWidget(label)
            self.counts[emoji] = label
        line.addStretch(1)
        self.total = QLabel()
        self.total.setObjectName("reactionTotal")
        line.addWidget(self.total)
        self._expire = QTimer(self)
        self._expire.setSingleShot(True)
        self._expire.timeout.connect(self.refresh)
        room.reacted.connect(self._reacted)
        self.refresh()

    def _reacted(self, slot: str, emoji: str, count: int) -> None:
        del slot  # every talk's reactions count: the host reads the room
        self.rate.add(self.room.clock(), emoji, count)
        self.refresh()

    def refresh(self) -> None:
        now = self.room.clock()
        counts = self.rate.per_minute(now)
        for emoji, label in self.counts.items():
            label.setText(f"{emoji} {counts.get(emoji, 0)}")
        self.total.setText(self.tr("{n} in the last minute").format(n=sum(counts.values())))
        following = self.rate.next_change(now)
        if following is None:
            self._expire.stop()
        else:
            self._expire.start(max(0, round((following - now) * 1000)) + 1)


class AudiencePanel(QWidget):
    """Reactions per minute above; questions, chat, polls and reports in tabs below."""

    def __init__(self, room: RoomModel, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audiencePanel")
        self.setStyleSheet(PANEL_STYLE)
        self.room = room
        self.reactions = ReactionsPerMinute(room)
        self.questions = QuestionModeration(room, commands)
        self.chat = ChatModeration(room, commands)
        self.polls = PollPanel(room, commands)
        self.reports = ReportModeration(room, commands)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("audienceTabs")
        for widget in (self.questions, self.chat, self.polls, self.reports):
            self.tabs.addTab(widget, "")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.reactions)
        column.addWidget(self.tabs, 1)
        self.chatbox = HostChatBox(commands)  # the host writes in the chat, badged "Host"
        column.addWidget(self.chatbox)
        for signal in (room.synced, room.questionChanged, room.reportChanged, room.pollChanged):
            signal.connect(self._titles)
        self._titles()

    def _titles(self) -> None:
        """Tab titles with how many wait for the host: open questions, open polls, reports."""
        waiting = [q for q in self.room.questions() if not q.hidden and not q.answered]
        reports = len(self.room.reports())
        open_polls = sum(1 for p in self.room.polls() if p.open)
        titles = [
            self.tr("Questions ({n})").format(n=len(waiting)),
            self.tr("Chat"),
            self.tr("Polls ({n})").format(n=open_polls) if open_polls else self.tr("Polls"),
            self.tr("Reports ({n})").format(n=reports) if reports else self.tr("Reports"),
        ]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
