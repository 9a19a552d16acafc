"""SpeakerPolls: the room's polls narrowed to the speaker's own talk, for the console's poll panel
and the stage's chart (which poll each shows: ``kanpe.core.talkpolls``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from kanpe.core.model import Poll
    from kanpe.ui.roommodel import RoomModel


class SpeakerPolls(QObject):
    """Says when the followed poll or the poll on the stage may have changed (``changed``); the
    views read both back. Answers to another talk's poll change nothing here."""

    changed = Signal()

    def __init__(self, room: RoomModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self._shown: tuple[Poll | None, Poll | None] = (None, None)
        room.synced.connect(self._follow)
        room.attached.connect(self._follow)
        room.pollChanged.connect(self._follow)
        if room.state is not None:  # attached and welcomed already: no signal will say so
            self._follow()

    def followed(self) -> Poll | None:
        """The poll the console follows: the newest open one of this talk, else its newest."""
        return self._shown[0]

    def on_stage(self) -> Poll | None:
        """This talk's poll whose result is on the stage, if any."""
        return self._shown[1]

    def _follow(self, _poll: object = None) -> None:
        from kanpe.core.talkpolls import followed_poll, stage_poll

        polls, slot = self.room.polls(), self.room.own_slot
        shown = (followed_poll(polls, slot), stage_poll(polls, slot))
        if shown != self._shown:
            self._shown = shown
            self.changed.emit()
