"""The connection check, the host's checklist before the event: "Check all" sends every online
speaker a check cue; the speaker's app answers it at once, and the talk turns ready with the
round trip the relay measured; the list says who is not ready yet.

Readiness is read from the room (each slot's ``check``, docs/protocol.md "Connection checks"),
so every host console shows the same, and reopening the console loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kanpe.ui.host.rows import PANEL_STYLE, Rebuild, Row, RowList, ShownRows
from kanpe.ui.labels import plain_label

if TYPE_CHECKING:
    from kanpe.core.model import Check
    from kanpe.core.roster import TalkRow
    from kanpe.ui.host.sender import Sender
    from kanpe.ui.roommodel import RoomModel


class Readiness(StrEnum):
    OFFLINE = "offline"  # no speaker app is connected for the talk
    UNCHECKED = "unchecked"  # connected, not checked yet
    WAITING = "waiting"  # the check went out; the speaker's app has not answered
    READY = "ready"  # the speaker's app answered the latest check, and is connected


@dataclass(frozen=True, slots=True)
class CheckRow:
    slot: str
    speaker: str
    readiness: Readiness
    round_trip: float | None  # seconds, relay to the speaker's app and back (the check's)


def readiness(row: TalkRow, check: Check | None) -> CheckRow:
    """Where one talk stands, from its roster row and its slot's latest check. A speaker who
    answered and then dropped is not ready: the check is about now."""
    if not row.online:
        state = Readiness.OFFLINE
    elif check is None:
        state = Readiness.UNCHECKED
    elif check.acked_at is None:
        state = Readiness.WAITING
    else:
        state = Readiness.READY
    round_trip = check.round_trip if check is not None and state is Readiness.READY else None
    return CheckRow(row.slot, row.speaker, state, round_trip)


class CheckinPanel(ShownRows, QWidget):
    """One row per talk with its readiness; "Check all" above, who is not ready below."""

    def __init__(self, room: RoomModel, commands: Sender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.room = room
        self.commands = commands
        self.check_all_button = QPushButton(self.tr("Check all"))
        self.check_all_button.setObjectName("checkAll")
        self.check_all_button.setToolTip(
            self.tr("Send every connected speaker's app a check; it answers by itself.")
        )
        self.check_all_button.clicked.connect(self.check_all)
        self.summary = plain_label()
        self.summary.setObjectName("checkSummary")
        self.list = RowList(self.tr("No talks in the rundown."))
        top = QHBoxLayout()
        top.addWidget(self.check_all_button)
        top.addWidget(self.summary, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.list, 1)
        self.rebuild = Rebuild(self._build, self)
        for signal in (room.synced, room.rundownChanged, room.presenceChanged):
            signal.connect(self.rebuild.request)
        room.slotChanged.connect(self.rebuild.request)
        self.rebuild.request()

    def states(self) -> list[CheckRow]:
        rows = []
        for row in self.room.roster():
            slot = self.room.slot(row.slot)
            rows.append(readiness(row, None if slot is None else slot.check))
        return rows

    def not_ready(self) -> list[CheckRow]:
        return [state for state in self.states() if state.readiness is not Readiness.READY]

    # --- actions --------------------------------------------------------------------------------

    def check_all(self) -> None:
        for state in self.states():
            if state.readiness is not Readiness.OFFLINE:
                self.check(state.slot)

    def check(self, slot: str) -> None:
        from kanpe.core.model import CueKind
        from kanpe.core.protocol import SendCue

        self.commands.send(SendCue(id=self.commands.new_id(), slot=slot, kind=CueKind.CHECK))

    # --- the list -------------------------------------------------------------------------------

    def _build(self) -> None:
        states = self.states()
        self.list.set_rows([self._row(state) for state in states])
        ready = sum(1 for s in states if s.readiness is Readiness.READY)
        missing = [s.speaker or s.slot for s in states if s.readiness is not Readiness.READY]
        text = self.tr("{ready} of {total} ready").format(ready=ready, total=len(states))
        if missing:
            text += " · " + self.tr("not ready: {names}").format(names=", ".join(missing))
        self.summary.setText(text)
        self.check_all_button.setEnabled(any(s.readiness is not Readiness.OFFLINE for s in states))

    def _row(self, state: CheckRow) -> Row:
        row = Row(state.speaker or state.slot, self._words(state), state.slot)
        row.setProperty("readiness", state.readiness.value)
        marks = {
            Readiness.OFFLINE: self.tr("✕ Offline"),
            Readiness.UNCHECKED: self.tr("○ Not checked"),
            Readiness.WAITING: self.tr("… Waiting"),
            Readiness.READY: self.tr("✓ Ready"),
        }
        row.add_badge(marks[state.readiness], "readinessBadge")
        if state.readiness is not Readiness.OFFLINE:  # nobody there to answer
            row.add_button("check", self.tr("Check"), lambda: self.check(state.slot))
        return row

    def _words(self, state: CheckRow) -> str:
        match state.readiness:
            case Readiness.OFFLINE:
                return self.tr("Not connected.")
            case Readiness.UNCHECKED:
                return self.tr("Connected, not checked yet.")
            case Readiness.WAITING:
                return self.tr("Check sent; waiting for the speaker's app.")
        if state.round_trip is None:
            return self.tr("Answered.")
        return self.tr("Answered: round trip {ms} ms").format(ms=round(state.round_trip * 1000))
