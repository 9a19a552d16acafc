"""What the host's actions do: each key, menu entry, card button and cue button becomes one
command (in ``HostConsole.send``'s care), or a file read or written for the rundown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog

from kanpe.core.clockface import TimerStatus
from kanpe.core.duration_text import DurationError
from kanpe.core.model import CueKind
from kanpe.core.notices import AppNotice, Severity
from kanpe.core.protocol import (
    AdjustTimer,
    AllowSelfTimer,
    ClearCue,
    NextSlot,
    PauseTimer,
    ResetTimer,
    SendCue,
    SetAutoCues,
    SetCurrent,
    SetDuration,
    SetRundown,
    StartTimer,
)
from kanpe.core.rundown import Rundown, RundownError
from kanpe.storage.atomic import StorageError
from kanpe.ui.host.cues import wrap_preset
from kanpe.ui.host.rundown import length_text, parse_length

if TYPE_CHECKING:
    from kanpe.ui.host.console import HostConsole


class ConsoleActions(QObject):
    def __init__(self, console: HostConsole) -> None:
        super().__init__(console)
        self.console = console
        window = console.window
        actions = window.actions_by_id
        connect = {
            "talk.start_pause": lambda: self._on_stage(self.start_pause),
            "talk.plus_minute": lambda: self._on_stage(lambda s: self.adjust(s, 60)),
            "talk.minus_minute": lambda: self._on_stage(lambda s: self.adjust(s, -60)),
            "talk.next": self.next_talk,
            "cue.wrap": lambda: self._on_stage(self.wrap_up),
            "cue.clear": lambda: self._on_stage(self.clear_cue),
            "rundown.add": lambda: window.rundown.table.add(self._selected_row()),
            "rundown.remove": lambda: window.rundown.table.remove(window.rundown.selected_row()),
            "rundown.up": lambda: self._move(-1),
            "rundown.down": lambda: self._move(1),
            "rundown.open": self.open_rundown,
            "rundown.save": self.save_rundown,
            "rundown.import_csv": self.import_csv,
            "relay.join": console.join_other,
            "quit": console.quit,
        }
        for key, slot in connect.items():
            actions[key].triggered.connect(slot)
        # Connected by the panel that owns it (the connection check).
        actions["check.all"].setEnabled(False)
        window.cards.requested.connect(self.card_request)
        window.cues.send.connect(self.send_cue)
        window.cues.clear.connect(self.clear_cue)
        window.rundown.table.edited.connect(self.set_rundown)
        window.rundown.table.refused.connect(self._refused)
        window.rundown.putOnStage.connect(self.put_on_stage)

    def tr(self, text: str) -> str:  # type: ignore[override]
        return super().tr(text)

    # --- the talk on stage -----------------------------------------------------------------------

    def _on_stage(self, act: object) -> None:
        current = self.console.room.current()
        if current is None:
            self.console.notices.post(AppNotice.NO_TALK_ON_STAGE, Severity.INFO)
            return
        act(current)  # type: ignore[operator]

    def _talk(self, slot_id: str) -> str:
        state = self.console.room.state
        plan = None if state is None else state.rundown.slot(slot_id)
        if plan is None:
            return slot_id
        return plan.speaker or plan.title or slot_id

    def start_pause(self, slot_id: str) -> None:
        slot = self.console.room.slot(slot_id)
        if slot is not None and slot.timer.status is TimerStatus.RUNNING:
            self.pause(slot_id)
        else:
            self.start(slot_id)

    def start(self, slot_id: str) -> None:
        what = self.tr("Start {talk}’s timer").format(talk=self._talk(slot_id))
        self.console.send(StartTimer(id=self.console.new_id(), slot=slot_id), what)

    def pause(self, slot_id: str) -> None:
        what = self.tr("Pause {talk}’s timer").format(talk=self._talk(slot_id))
        self.console.send(PauseTimer(id=self.console.new_id(), slot=slot_id), what)

    def reset(self, slot_id: str) -> None:
        what = self.tr("Reset {talk}’s timer").format(talk=self._talk(slot_id))
        self.console.send(ResetTimer(id=self.console.new_id(), slot=slot_id), what)

    def adjust(self, slot_id: str, seconds: int) -> None:
        amount = (
            self.tr("{seconds:+d} s").format(seconds=seconds)
            if abs(seconds) < 60
            else self.tr("{minutes:+d} min").format(minutes=seconds // 60)
        )
        what = self.tr("{amount} for {talk}").format(amount=amount, talk=self._talk(slot_id))
        command = AdjustTimer(id=self.console.new_id(), slot=slot_id, seconds=seconds)
        self.console.send(command, what)

    def set_length(self, slot_id: str, seconds: int) -> None:
        what = self.tr("Set {talk}’s length to {length}").format(
            talk=self._talk(slot_id), length=length_text(seconds)
        )
        command = SetDuration(id=self.console.new_id(), slot=slot_id, seconds=seconds)
        self.console.send(command, what)

    def ask_length(self, slot_id: str) -> None:
        slot = self.console.room.slot(slot_id)
        now = length_text(int(slot.timer.allotted)) if slot is not None else "20:00"
        text, ok = QInputDialog.getText(
            self.console.window,
            self.tr("Length of the talk"),
            self.tr("Length of {talk}’s talk (25, 4:30, 90s):").format(talk=self._talk(slot_id)),
            text=now,
        )
        if not ok:
            return
        try:
            seconds = parse_length(text)
        except DurationError:
            seconds = 0
        if seconds <= 0:
            self._refused(
                self.tr("“{text}” is not a length: type 25, 4:30 or 90s.").format(text=text)
            )
            return
        self.set_length(slot_id, seconds)

    def self_timer(self, slot_id: str, allowed: bool) -> None:
        what = (
            self.tr("Let {talk} run their own timer")
            if allowed
            else self.tr("Take back {talk}’s own timer")
        ).format(talk=self._talk(slot_id))
        command = AllowSelfTimer(id=self.console.new_id(), slot=slot_id, allowed=allowed)
        if self.console.send(command, what) is None:
            self.console.follow_all()  # the box goes back to what the room says

    def auto_cue(self, slot_id: str, threshold: str, on: bool) -> None:
        """Switch one of a talk's automatic cues (the relay sends them, once each)."""
        moment = {
            "warning": self.tr("warning"),
            "final": self.tr("final"),
            "time_up": self.tr("time up"),
        }[threshold]
        what = (
            self.tr("Automatic {moment} cue on for {talk}")
            if on
            else self.tr("Automatic {moment} cue off for {talk}")
        ).format(moment=moment, talk=self._talk(slot_id))
        command = SetAutoCues(id=self.console.new_id(), slot=slot_id, **{threshold: on})
        if self.console.send(command, what) is None:
            self.console.follow_all()

    def card_request(self, slot_id: str, action: str, value: int) -> None:
        self.console.select(slot_id)
        match action:
            case "start":
                self.start(slot_id)
            case "pause":
                self.pause(slot_id)
            case "reset":
                self.reset(slot_id)
            case "adjust":
                self.adjust(slot_id, value)
            case "length":
                self.ask_length(slot_id)
            case "self_timer":
                self.self_timer(slot_id, bool(value))
            case "auto_warning" | "auto_final" | "auto_time_up":
                self.auto_cue(slot_id, action.removeprefix("auto_"), bool(value))

    def next_talk(self) -> None:
        start = self.console.window.rundown.next_starts.isChecked()
        what = self.tr("Next talk, started") if start else self.tr("Next talk")
        self.console.send(NextSlot(id=self.console.new_id(), start=start), what)

    def put_on_stage(self, slot_id: str) -> None:
        what = self.tr("Put {talk} on stage").format(talk=self._talk(slot_id))
        self.console.send(SetCurrent(id=self.console.new_id(), slot=slot_id), what)

    # --- cues ------------------------------------------------------------------------------------

    def send_cue(self, slot_id: str, kind: str, text: str, flash: bool) -> None:
        what = self.tr("Cue “{text}” to {talk}").format(text=text, talk=self._talk(slot_id))
        command = SendCue(
            id=self.console.new_id(), slot=slot_id, kind=CueKind(kind), text=text, flash=flash
        )
        self.console.send(command, what)

    def wrap_up(self, slot_id: str) -> None:
        preset = wrap_preset(self.console.window.cues.presets)
        self.send_cue(slot_id, preset.kind, preset.text, self.console.window.cues.flash.isChecked())

    def clear_cue(self, slot_id: str) -> None:
        what = self.tr("Take down {talk}’s cue").format(talk=self._talk(slot_id))
        self.console.send(ClearCue(id=self.console.new_id(), slot=slot_id), what)

    # --- the rundown -----------------------------------------------------------------------------

    def _selected_row(self) -> int | None:
        row = self.console.window.rundown.selected_row()
        return None if row < 0 else row

    def _move(self, step: int) -> None:
        row = self._selected_row()
        if row is not None:
            self.console.window.rundown.table.move(row, row + step)

    def set_rundown(self, rundown: Rundown, what: str) -> None:
        """An edit of the table: it shows the edit until the relay has answered."""
        table = self.console.window.rundown.table
        sent = self.console.send(SetRundown(id=self.console.new_id(), rundown=rundown), what)
        if sent is None:
            table.settle()
            return
        sent.add_done_callback(lambda _: table.settle() if table.pending is rundown else None)

    def _refused(self, problem: str) -> None:
        self.console.notices.post(AppNotice.BAD_VALUE, Severity.WARNING, problem=problem)

    def open_rundown(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.console.window,
            self.tr("Open a rundown"),
            "",
            self.tr("Rundowns (*.toml)"),
        )
        if path:
            self.load_rundown(Path(path))

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.console.window,
            self.tr("Import a CSV timetable (title, speaker, minutes)"),
            "",
            self.tr("Timetables (*.csv *.tsv *.txt)"),
        )
        if path:
            self.load_rundown(Path(path), timetable=True)

    def load_rundown(self, path: Path, *, timetable: bool = False) -> bool:
        """Replace the event's rundown with the file's (a TOML rundown, or a CSV ``timetable``);
        a file that cannot be used changes nothing and says why (line and field included)."""
        from kanpe.storage.rundown_file import import_timetable, load_rundown

        try:
            if timetable:
                current = self.console.room.rundown()
                rundown = import_timetable(path, title="" if current is None else current.title)
            else:
                rundown = load_rundown(path)
        except (RundownError, StorageError, OSError) as exc:
            self.console.notices.post(
                AppNotice.RUNDOWN_UNREADABLE, Severity.ERROR, problem=str(exc)
            )
            return False
        what = self.tr("Open the rundown {file}").format(file=path.name)
        command = SetRundown(id=self.console.new_id(), rundown=rundown)
        return self.console.send(command, what) is not None

    def save_rundown(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.console.window,
            self.tr("Save the rundown"),
            "rundown.toml",
            self.tr("Rundowns (*.toml)"),
        )
        if path:
            self.write_rundown(Path(path))

    def write_rundown(self, path: Path) -> bool:
        from kanpe.storage.rundown_file import save_rundown

        rundown = self.console.room.rundown()
        if rundown is None:
            return False
        try:
            save_rundown(path, rundown)
        except (RundownError, StorageError, OSError) as exc:
            notices = self.console.notices
            notices.post(AppNotice.RUNDOWN_NOT_SAVED, Severity.ERROR, problem=str(exc))
            return False
        self.console.notices.post(AppNotice.RUNDOWN_SAVED, Severity.INFO, path=str(path))
        return True
