"""The rundown panel: the talks in running order, edited in place, with planned and actual times.

``RundownTable`` is a view of the room's rundown (what the relay holds) and of its schedule
(``kanpe.core.schedule``). It never changes the rundown itself: an edit (a cell, a drag, a key)
becomes a whole new ``Rundown`` in ``edited``, which the console sends as ``rundown.set``; the
table shows it when the relay has applied it. A refused or unsent edit therefore leaves the
table as the room is, with no half-applied state to undo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec
from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from kanpe.core.clockface import Phase
from kanpe.core.duration_text import DurationError, format_duration, parse_duration
from kanpe.core.rundown import Rundown, Slot
from kanpe.core.schedule import ScheduleView, TalkProgress, TalkTimes
from kanpe.ui.phases import LOOKS, MUTED
from kanpe.ui.ticker import clock_text

MIME = "application/x-kanpe-talk-row"
NEW_TALK_SECONDS = 20 * 60

type Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    editable: bool = False


COLUMNS = (
    Column("mark"),
    Column("speaker", True),
    Column("title", True),
    Column("duration", True),
    Column("warning", True),
    Column("final", True),
    Column("planned"),
    Column("actual"),
)


def parse_length(text: str) -> int:
    """Seconds for what a host types in a length cell: "25" (minutes), "4:30", "25m", "90s"."""
    text = text.strip()
    if re.fullmatch(r"\d{1,4}", text):
        return int(text) * 60
    clock = re.fullmatch(r"(\d{1,4}):([0-5]\d)", text)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    return parse_duration(text)


def length_text(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


def new_slot_id(rundown: Rundown) -> str:
    taken = {slot.id for slot in rundown.slots}
    number = len(rundown.slots) + 1
    while f"talk-{number}" in taken:
        number += 1
    return f"talk-{number}"


def moved(rundown: Rundown, row: int, to: int) -> Rundown:
    """``rundown`` with the talk at ``row`` put at position ``to`` (clamped)."""
    slots = list(rundown.slots)
    if not 0 <= row < len(slots):
        return rundown
    slot = slots.pop(row)
    slots.insert(max(0, min(to, len(slots))), slot)
    return msgspec.structs.replace(rundown, slots=tuple(slots))


def with_new_talk(rundown: Rundown, after: int | None) -> Rundown:
    slot = Slot(id=new_slot_id(rundown), duration=NEW_TALK_SECONDS)
    slots = list(rundown.slots)
    slots.insert(len(slots) if after is None else after + 1, slot)
    return msgspec.structs.replace(rundown, slots=tuple(slots))


def without(rundown: Rundown, row: int) -> Rundown:
    slots = list(rundown.slots)
    if 0 <= row < len(slots):
        del slots[row]
    return msgspec.structs.replace(rundown, slots=tuple(slots))


class RundownTable(QAbstractTableModel):
    """The room's rundown as rows; edits come out of ``edited`` (new rundown, what was done)."""

    edited = Signal(object, str)
    refused = Signal(str)  # a cell value that cannot be used, in the host's words

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rundown = Rundown()  # what the table shows: the room's, or an edit on its way
        self.room_rundown = Rundown()
        self.pending: Rundown | None = None  # an edit sent and not answered yet
        self.current: str | None = None
        self.times: dict[str, TalkTimes] = {}
        self.ready: dict[str, bool] = {}

    def tr(self, text: str) -> str:  # type: ignore[override]
        return QCoreApplication.translate("RundownTable", text)

    # --- following the room ---------------------------------------------------------------------

    def set_rundown(self, rundown: Rundown, current: str | None) -> None:
        """The room's rundown; while an edit is on its way, the table keeps showing the edit
        (and edits in quick succession build on it) until ``settle``."""
        self.room_rundown = rundown
        if self.pending is not None:
            rundown = self.pending
        self._show(rundown, current)

    def settle(self) -> None:
        """The pending edit was answered (applied, refused or never sent): show the room."""
        self.pending = None
        self._show(self.room_rundown, self.current)

    def _edit(self, rundown: Rundown, what: str) -> None:
        self.pending = rundown
        self._show(rundown, self.current)
        self.edited.emit(rundown, what)

    def _show(self, rundown: Rundown, current: str | None) -> None:
        if rundown == self.rundown:
            if current != self.current:
                self.current = current
                self._changed_all()
            return
        self.beginResetModel()
        self.rundown, self.current = rundown, current
        self.endResetModel()

    def set_schedule(self, view: ScheduleView | None, online: dict[str, bool]) -> None:
        times = {} if view is None else {t.slot: t for t in view.talks}
        if times == self.times and online == self.ready:
            return  # a slide, a cue or a chat line changes no time: no repaint of every cell
        self.times, self.ready = times, online
        self._changed_all()

    def _changed_all(self) -> None:
        if self.rowCount():
            last = self.index(self.rowCount() - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def slot_at(self, row: int) -> Slot | None:
        slots = self.rundown.slots
        return slots[row] if 0 <= row < len(slots) else None

    def row_of(self, slot_id: str) -> int:
        return next((i for i, s in enumerate(self.rundown.slots) if s.id == slot_id), -1)

    # --- Qt's model -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rundown.slots)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "mark": "",
            "speaker": self.tr("Speaker"),
            "title": self.tr("Title"),
            "duration": self.tr("Length"),
            "warning": self.tr("Warning"),
            "final": self.tr("Final"),
            "planned": self.tr("Planned"),
            "actual": self.tr("Actual / expected"),
        }[COLUMNS[section].key]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if COLUMNS[index.column()].editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        slot = self.slot_at(index.row())
        if slot is None:
            return None
        key = COLUMNS[index.column()].key
        is_current = slot.id == self.current
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(slot, key, is_current)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(slot, key)
        if role == Qt.ItemDataRole.FontRole and is_current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(slot, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "mark":
            return self.tr("On stage now") if is_current else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "duration":
            return self.tr("Warning at {warning} left, final at {final} left").format(
                warning=length_text(slot.warning), final=length_text(slot.final)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("speaker", "title"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _text(self, slot: Slot, key: str, is_current: bool) -> str:
        times = self.times.get(slot.id)
        match key:
            case "mark":
                return "▶" if is_current else ("✓" if _done(times) else "")
            case "speaker":
                return slot.speaker or self.tr("(no speaker)")
            case "title":
                return slot.title
            case "duration" | "warning" | "final":
                return length_text(getattr(slot, key))
            case "planned":
                return "" if times is None or times.planned_start is None else _clock(times, True)
            case "actual":
                return "" if times is None else self._actual(times)
        return ""

    def _actual(self, times: TalkTimes) -> str:
        match times.progress:
            case TalkProgress.DONE:
                start, end = times.actual_start or 0.0, times.actual_end or 0.0
                return f"{clock_text(start)}–{clock_text(end)}"
            case TalkProgress.UNDER_WAY:
                return self.tr("since {start}").format(start=_clock(times, False))
            case TalkProgress.SKIPPED:
                return self.tr("skipped")
            case TalkProgress.TO_COME:
                return self.tr("~{start}").format(start=clock_text(times.expected_start))

    def _colour(self, slot: Slot, key: str) -> QBrush | None:
        times = self.times.get(slot.id)
        if key == "mark":
            return QBrush(LOOKS[Phase.NORMAL].accent)
        if key == "speaker" and not slot.speaker:
            return QBrush(MUTED)
        if key == "actual" and times is not None and times.late is not None:
            if times.late >= 60:
                return QBrush(LOOKS[Phase.WARNING].accent)
            return QBrush(QColor("#a8e6c1"))
        if key == "planned":
            return QBrush(MUTED)
        return None

    @staticmethod
    def _edit_text(slot: Slot, key: str) -> str:
        if key in ("duration", "warning", "final"):
            return length_text(getattr(slot, key))
        return str(getattr(slot, key, ""))

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        slot = self.slot_at(index.row())
        if slot is None or role != Qt.ItemDataRole.EditRole:
            return False
        key = COLUMNS[index.column()].key
        text = str(value)
        changes: dict[str, object] = {}
        if key in ("speaker", "title"):
            limit = 100 if key == "speaker" else 200
            changes[key] = text.strip()[:limit]
        else:
            try:
                seconds = parse_length(text)
            except DurationError:
                self.refused.emit(
                    self.tr("“{text}” is not a length: type 25, 4:30 or 90s.").format(text=text)
                )
                return False
            if (key == "duration" and seconds <= 0) or seconds < 0:
                self.refused.emit(self.tr("A talk needs a length of more than 0."))
                return False
            changes[key] = seconds
            if key == "warning" and slot.final > seconds:
                changes["final"] = seconds
            if key == "final" and seconds > slot.warning:
                self.refused.emit(self.tr("The final threshold cannot be above the warning one."))
                return False
        new = msgspec.structs.replace(slot, **changes)
        if new == slot:
            return False
        slots = list(self.rundown.slots)
        slots[index.row()] = new
        what = self.tr("Change {field} of “{talk}”").format(
            field=self.headerData(index.column(), Qt.Orientation.Horizontal), talk=_name(slot)
        )
        self._edit(msgspec.structs.replace(self.rundown, slots=tuple(slots)), what)
        return False  # shown once the relay has it

    # --- drag to reorder -------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        rows = sorted({i.row() for i in indexes})
        data.setData(MIME, QByteArray(str(rows[0] if rows else -1).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(MIME):
            return False
        source = int(bytes(data.data(MIME).data()).decode() or -1)
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        if target > source:
            target -= 1
        self.move(source, target)
        return False  # the view must not remove the source row: the relay's answer redraws

    def move(self, row: int, to: int) -> None:
        slot = self.slot_at(row)
        if slot is None or to == row or not 0 <= to < self.rowCount():
            return
        what = self.tr("Move “{talk}” to position {position}").format(
            talk=_name(slot), position=to + 1
        )
        self._edit(moved(self.rundown, row, to), what)

    def add(self, after: int | None) -> None:
        self._edit(with_new_talk(self.rundown, after), self.tr("Add a talk"))

    def remove(self, row: int) -> None:
        slot = self.slot_at(row)
        if slot is not None:
            what = self.tr("Remove “{talk}”").format(talk=_name(slot))
            self._edit(without(self.rundown, row), what)


def _done(times: TalkTimes | None) -> bool:
    return times is not None and times.progress is TalkProgress.DONE


def _clock(times: TalkTimes, planned: bool) -> str:
    when = times.planned_start if planned else times.actual_start
    return "" if when is None else clock_text(when)


def _name(slot: Slot) -> str:
    return slot.title or slot.speaker or slot.id


__all__ = ["COLUMNS", "RundownTable", "format_duration", "parse_length"]
