"""The rundown: the ordered slots of an event (talks and lightning talks) and their lengths."""

from __future__ import annotations

from typing import Annotated

import msgspec

from kanpe.core.countdown import MAX_DURATION

SLOT_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,31}\Z"  # \Z: "$" would also match before a final newline
MAX_SLOTS = 200

SlotId = Annotated[str, msgspec.Meta(pattern=SLOT_ID_PATTERN)]
Name = Annotated[str, msgspec.Meta(max_length=100)]
Title = Annotated[str, msgspec.Meta(max_length=200)]
DurationSeconds = Annotated[int, msgspec.Meta(gt=0, le=MAX_DURATION)]
ThresholdSeconds = Annotated[int, msgspec.Meta(ge=0, le=MAX_DURATION)]
PlannedStart = Annotated[float, msgspec.Meta(ge=0, le=1e11)]


class RundownError(ValueError):
    """A rundown that cannot be used; ``line`` and ``field`` say where, when known.

    ``slot`` is the index of the offending slot, when there is one: check_rundown has no line
    numbers, so a file reader uses it to find the line.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        source: str = "",
        slot: int | None = None,
    ) -> None:
        self.reason = message
        self.line = line
        self.field = field
        self.source = source
        self.slot = slot
        where = source or "rundown"
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


class Slot(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One talk in the rundown. Durations and thresholds are whole seconds."""

    id: SlotId
    speaker: Name = ""
    title: Title = ""
    duration: DurationSeconds
    warning: ThresholdSeconds = 300
    final: ThresholdSeconds = 60


class Rundown(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The plan: slots in running order, and (optionally) when the first one is due to start,
    in relay time (Unix seconds), from which every slot's planned start follows."""

    title: Title = ""
    slots: tuple[Slot, ...] = ()
    start: PlannedStart | None = None

    def slot(self, slot_id: str) -> Slot | None:
        for slot in self.slots:
            if slot.id == slot_id:
                return slot
        return None

    @property
    def total_seconds(self) -> int:
        return sum(slot.duration for slot in self.slots)


def check_rundown(rundown: Rundown) -> None:
    """Rules a type cannot express; raises RundownError naming the slot and field."""
    if len(rundown.slots) > MAX_SLOTS:
        raise RundownError(f"at most {MAX_SLOTS} slots", field="slots", slot=MAX_SLOTS)
    seen: set[str] = set()
    for index, slot in enumerate(rundown.slots):
        if slot.id in seen:
            raise RundownError(f"duplicate slot id {slot.id!r}", field="id", slot=index)
        seen.add(slot.id)
        if slot.final > slot.warning:
            raise RundownError(
                f"slot {slot.id!r}: the final threshold must not exceed the warning threshold",
                field="final",
                slot=index,
            )
