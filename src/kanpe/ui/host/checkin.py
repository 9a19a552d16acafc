"""The connection check, the host's checklist before the event: "Check all" sends every online
speaker a test cue; a talk turns ready when its speaker presses "Got it", with the link's round
trip and how long the answer took; the list says who is not ready yet.

What counts as ready is read from the room (the slot's cue and whether it was acknowledged), so
the list follows the relay whatever happens to this window; the panel only remembers which cue
it sent to each talk as the check.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kanpe.ui.host.rows import PANEL_STYLE, Rebuild, Row, RowList
from kanpe.ui.labels import plain_label

if TYPE_CHECKING:
    import asyncio

    from kanpe.core.protocol import Ack
    from kanpe.core.roster import TalkRow
    from kanpe.ui.commands import CommandSender
    from kanpe.ui.roommodel import RoomModel


class Readiness(StrEnum):
    OFFLINE = "offline"  # no speaker app is connected for the talk
    UNCHECKED = "unchecked"  # connected, not checked yet
    WAITING = "waiting"  # the check was sent; no "Got it" yet
    READY = "ready"  # the speaker acknowledged the check


@dataclass(frozen=True, slots=True)
class CheckRow:
    slot: str
    speaker: str
    readiness: Readiness
    latency_ms: float | None  # the speaker link's round trip, as presence says
    answered_in: float | None  # seconds from the check cue to "Got it"


def readiness(row: TalkRow, check_cue: str | None) -> CheckRow:
    """Where one talk stands in the check, from its roster row and the check cue sent to it."""
    cue = row.cue
    answered_in = None
    if not row.online:
        state = Readiness.OFFLINE
    elif check_cue is None or cue is None or cue.id != check_cue:
        state = Readiness.UNCHECKED
    elif cue.acked_at is None:
        state = Readiness.WAITING
    else:
        state, answered_in = Readiness.READY, max(0.0, cue.acked_at - cue.sent_at)
    return CheckRow(row.slot, row.speaker, state, row.latency_ms, answered_in)


class CheckinPanel(QWidget):
    """One row per talk with its readiness; "Check all" above, who is not ready below."""

    def __init__(
        self, room: RoomModel, commands: CommandSender, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkinPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.room = room
        self.commands = commands
        self.checks: dict[str, str] = {}  # slot -> the id of the check cue sent to it
        self.check_all_button = QPushButton(self.tr("Check all"))
        self.check_all_button.setObjectName("checkAll")
        self.check_all_button.setToolTip(
            self.tr("Send every connected speaker a test cue; they answer with Got it.")
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
        return [readiness(row, self.checks.get(row.slot)) for row in self.room.roster()]

    def not_ready(self) -> list[CheckRow]:
        return [state for state in self.states() if state.readiness is not Readiness.READY]

    def rows(self) -> list[Row]:
        if self.rebuild.pending():
            self.rebuild.cancel()
            self._build()
        return [row for row in self.list.rows() if isinstance(row, Row)]

    def row(self, slot: str) -> Row | None:
        return next((row for row in self.rows() if row.key == slot), None)

    # --- actions --------------------------------------------------------------------------------

    def check_all(self) -> None:
        for state in self.states():
            if state.readiness is not Readiness.OFFLINE:
                self.check(state.slot)

    def check(self, slot: str) -> None:
        from kanpe.core.model import CueKind
        from kanpe.core.protocol import SendCue

        text = self.tr("Connection check: press Got it")
        command = SendCue(id=self.commands.new_id(), slot=slot, kind=CueKind.TEXT, text=text)
        future = self.commands.send(command)

        def sent(answered: asyncio.Future[Ack]) -> None:
            if answered.cancelled() or answered.exception() is not None:
                return
            # A cue's id is "c" + the room version its one event made (docs/protocol.md 6.5).
            self.checks[slot] = f"c{answered.result().version}"
            self.rebuild.request()

        future.add_done_callback(sent)

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
        button = row.add_button("check", self.tr("Check"), lambda: self.check(state.slot))
        button.setEnabled(state.readiness is not Readiness.OFFLINE)
        return row

    def _words(self, state: CheckRow) -> str:
        latency = (
            self.tr("round trip {ms} ms").format(ms=round(state.latency_ms))
            if state.latency_ms is not None
            else ""
        )
        match state.readiness:
            case Readiness.OFFLINE:
                return self.tr("Not connected.")
            case Readiness.UNCHECKED:
                return self.tr("Connected, not checked yet.") + (f" {latency}" if latency else "")
            case Readiness.WAITING:
                return self.tr("Test cue sent; waiting for Got it.")
        seconds = f"{state.answered_in or 0.0:.1f}"
        words = self.tr("Got it after {seconds} s").format(seconds=seconds)
        return f"{words} · {latency}" if latency else words
