"""Planned against actual: the "running late" view of an event.

``schedule(state, now)`` lays the rundown out from its planned start (``Rundown.start``; without
one, from the first talk's actual start, so the plan is "as if we had started on time"), each
talk one after another for its planned length, and puts beside each talk what happened
(``SlotState.started`` / ``ended``) and what is expected now: a finished talk ended when it
ended; a talk under way ends at its deadline, or now if it is already over time (a paused one:
now plus what it has left, and one paused on stage with time left is under way, only
interrupted); a talk still to come starts when the one before it is expected to
end, and never in the past. A talk that never started while a later one did (or is on stage) was
skipped and takes no time.

The event is behind by as much as its last talk is expected to end after its planned end: the
offset of Ontime's runtime view (actual start against planned start, plus time added, plus
overtime, plus time paused), carried forward to the end of the rundown. Pure; ``now`` is relay
time and every time here is relay time (Unix seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from kanpe.core.clockface import TimerStatus
from kanpe.core.model import RoomState, SlotState
from kanpe.core.rundown import Slot


class TalkProgress(StrEnum):
    DONE = "done"  # it has ended
    UNDER_WAY = "under_way"  # started and not ended (running, or paused on stage)
    TO_COME = "to_come"  # not started yet
    SKIPPED = "skipped"  # never started, and a later talk did


@dataclass(frozen=True, slots=True)
class TalkTimes:
    """One talk's times. ``planned_*`` are None when the plan has no anchor yet (no planned
    start, and nothing has started)."""

    slot: str
    progress: TalkProgress
    planned_start: float | None
    planned_end: float | None
    actual_start: float | None
    actual_end: float | None
    expected_start: float
    expected_end: float

    @property
    def late(self) -> float | None:
        """Seconds its (expected or actual) start is after its planned start; negative: early."""
        if self.planned_start is None or self.progress is TalkProgress.SKIPPED:
            return None
        return self.expected_start - self.planned_start

    @property
    def actual_length(self) -> float | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return self.actual_end - self.actual_start


@dataclass(frozen=True, slots=True)
class ScheduleView:
    talks: tuple[TalkTimes, ...]
    planned_end: float | None
    expected_end: float | None

    @property
    def behind(self) -> float | None:
        """Seconds the event is expected to end after its planned end; negative: ahead."""
        if self.planned_end is None or self.expected_end is None:
            return None
        return self.expected_end - self.planned_end


def schedule(state: RoomState, now: float) -> ScheduleView:
    plans = state.rundown.slots
    slots = [state.slots.get(plan.id) for plan in plans]
    anchor = state.rundown.start
    if anchor is None:
        anchor = next((s.started for s in slots if s is not None and s.started is not None), None)
    # A talk that never started while a later one did (or is on stage) was skipped.
    last_begun = max(
        (
            i
            for i, (plan, s) in enumerate(zip(plans, slots, strict=True))
            if (s is not None and s.started is not None) or plan.id == state.current
        ),
        default=-1,
    )
    talks: list[TalkTimes] = []
    planned = anchor
    cursor = anchor if anchor is not None else now
    for index, (plan, slot) in enumerate(zip(plans, slots, strict=True)):
        planned_start = planned
        planned_end = planned + plan.duration if planned is not None else None
        talk = _talk(
            plan,
            slot,
            before_a_begun_talk=index < last_begun,
            on_stage=plan.id == state.current,
            planned_start=planned_start,
            planned_end=planned_end,
            cursor=cursor,
            now=now,
        )
        talks.append(talk)
        if talk.progress is not TalkProgress.SKIPPED:
            cursor = talk.expected_end
        planned = planned_end
    if not talks:
        return ScheduleView(talks=(), planned_end=anchor, expected_end=None)
    return ScheduleView(talks=tuple(talks), planned_end=planned, expected_end=cursor)


def _talk(
    plan: Slot,
    slot: SlotState | None,
    *,
    before_a_begun_talk: bool,
    on_stage: bool,
    planned_start: float | None,
    planned_end: float | None,
    cursor: float,
    now: float,
) -> TalkTimes:
    started = slot.started if slot is not None else None
    ended = slot.ended if slot is not None else None

    def times(progress: TalkProgress, start: float, end: float) -> TalkTimes:
        return TalkTimes(plan.id, progress, planned_start, planned_end, started, ended, start, end)

    if slot is None or started is None:
        if before_a_begun_talk:
            return times(TalkProgress.SKIPPED, cursor, cursor)
        start = max(cursor, now)
        length = slot.timer.remaining if slot is not None else plan.duration
        return times(TalkProgress.TO_COME, start, start + max(length, 0.0))
    timer = slot.timer
    # Paused on stage with time left, a talk is only interrupted: it has ended so far, and will
    # go on.
    interrupted = on_stage and timer.status is TimerStatus.PAUSED and timer.remaining > 0
    if ended is not None and not interrupted:
        return times(TalkProgress.DONE, started, ended)
    if timer.status is TimerStatus.RUNNING:
        end = max(timer.remaining_at(now), 0.0) + now
    else:
        end = now + max(timer.remaining, 0.0)
    return times(TalkProgress.UNDER_WAY, started, end)


# --- in words, for the export and the command line (the console words its own, translated) ---


def minutes_text(seconds: float) -> str:
    minutes = round(abs(seconds) / 60)
    return f"{minutes} min"


def clock_text(when: float, zone: tzinfo | None) -> str:
    return datetime.fromtimestamp(when, tz=zone).strftime("%H:%M")


def describe(view: ScheduleView, zone: tzinfo | None) -> str:
    """E.g. "running 4 min behind; the last talk ends at 20:34" (times in ``zone``)."""
    if view.expected_end is None:
        return "the rundown has no talks"
    ends = f"the last talk ends at {clock_text(view.expected_end, zone)}"
    behind = view.behind
    if behind is None:
        return ends
    if round(behind / 60) == 0:
        return f"on time; {ends}"
    word = "behind" if behind > 0 else "ahead"
    return f"running {minutes_text(behind)} {word}; {ends}"
