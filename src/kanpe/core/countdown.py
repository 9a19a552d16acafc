"""A talk's countdown, as data.

A running countdown is a deadline in relay time; a paused or idle one is the remaining duration.
Nothing here counts ticks: every question ("how much is left?", "which phase?", "when does the
text change next?") is answered from the stored state and a ``now`` the caller passes in, so the
answer cannot drift however often or rarely it is asked.
"""

from __future__ import annotations

import math
from typing import Annotated

import msgspec

from kanpe.core.clockface import (
    DEFAULT_FINAL,
    DEFAULT_WARNING,
    Phase,
    TimerStatus,
    display_seconds,
    format_clock,
    format_remaining,
    phase_for,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "MAX_DURATION",
    "Countdown",
    "Phase",
    "Thresholds",
    "TimerError",
    "TimerStatus",
    "display_seconds",
    "format_clock",
    "format_remaining",
    "phase_for",
]

#: Longest slot a rundown or a timer accepts: 24 hours.
MAX_DURATION = 24 * 3600

#: Bound on a timer's stored seconds: the wire and the store refuse anything past it.
_STORED_LIMIT = 10 * MAX_DURATION

Seconds = Annotated[float, msgspec.Meta(ge=-_STORED_LIMIT, le=_STORED_LIMIT)]


class TimerError(ValueError):
    """A timer operation that makes no sense in the timer's current state."""


class Thresholds(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Remaining seconds at which a slot enters the warning and final phases."""

    warning: int = DEFAULT_WARNING
    final: int = DEFAULT_FINAL


DEFAULT_THRESHOLDS = Thresholds()


class Countdown(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One slot's timer. Immutable: every operation returns a new value.

    ``duration`` is the planned slot length; ``allotted`` is that plus every adjustment, so
    ``elapsed = allotted - remaining`` is the time actually spent talking.
    """

    status: TimerStatus = TimerStatus.IDLE
    duration: Seconds
    allotted: Seconds
    remaining: Seconds
    deadline: float | None = None
    started_at: float | None = None

    @classmethod
    def idle(cls, duration: float) -> Countdown:
        _check_duration(duration)
        seconds = float(duration)  # one canonical type, so encoded states compare byte for byte
        return cls(duration=seconds, allotted=seconds, remaining=seconds)

    @property
    def running(self) -> bool:
        return self.status is TimerStatus.RUNNING

    def remaining_at(self, now: float) -> float:
        if self.status is TimerStatus.RUNNING:
            assert self.deadline is not None
            return self.deadline - now
        return self.remaining

    def elapsed_at(self, now: float) -> float:
        return self.allotted - self.remaining_at(now)

    def phase_at(self, now: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Phase:
        return phase_for(self.remaining_at(now), thresholds)

    def text_at(self, now: float) -> str:
        return format_remaining(self.remaining_at(now))

    def next_change(self, now: float) -> float | None:
        """Relay time at which the shown text (and so possibly the phase) next changes.

        None when the countdown is not running: nothing changes until someone acts.
        """
        if self.status is not TimerStatus.RUNNING:
            return None
        assert self.deadline is not None
        deadline = self.deadline
        shown = display_seconds(deadline - now)
        # Before and after the deadline alike, the text changes when remaining drops to
        # ``shown - 1``, at about ``deadline - (shown - 1)``. Rounding in ``deadline - t`` moves
        # that by a few floats, so bisect for the first float at which the text really changes:
        # an answer a hair early would schedule a repaint that changes nothing.
        target = deadline - (shown - 1)
        unchanged, changed = max(now, target - 0.5), target + 0.5
        while True:
            middle = unchanged + (changed - unchanged) / 2
            if not unchanged < middle < changed:
                return changed
            if display_seconds(deadline - middle) < shown:
                changed = middle
            else:
                unchanged = middle

    def start(self, now: float) -> Countdown:
        """Start from idle, or resume from pause."""
        if self.status is TimerStatus.RUNNING:
            raise TimerError("the timer is already running")
        started = self.started_at if self.started_at is not None else now
        return msgspec.structs.replace(
            self, status=TimerStatus.RUNNING, deadline=now + self.remaining, started_at=started
        )

    def pause(self, now: float) -> Countdown:
        if self.status is not TimerStatus.RUNNING:
            raise TimerError("the timer is not running")
        # Ten days into overtime is the most a stored timer can say; it stops counting there.
        remaining = max(self.remaining_at(now), -_STORED_LIMIT)
        return msgspec.structs.replace(
            self, status=TimerStatus.PAUSED, remaining=remaining, deadline=None
        )

    def reset(self) -> Countdown:
        return Countdown.idle(self.duration)

    def adjust(self, seconds: float, now: float) -> Countdown:
        """Give (positive) or take (negative) time; works in every state, overtime included."""
        if not math.isfinite(seconds) or abs(seconds) > MAX_DURATION:
            raise TimerError("an adjustment must be within 24 hours")
        allotted = self.allotted + float(seconds)
        # For a running timer, what is left now (so its deadline stays within bounds too).
        remaining = self.remaining_at(now) + seconds
        if abs(allotted) > _STORED_LIMIT or abs(remaining) > _STORED_LIMIT:
            # Repeated adjustments would otherwise make a timer no client or store can decode.
            raise TimerError("the timer cannot be adjusted that far")
        if self.status is TimerStatus.RUNNING:
            assert self.deadline is not None
            return msgspec.structs.replace(
                self, allotted=allotted, deadline=self.deadline + seconds
            )
        return msgspec.structs.replace(self, allotted=allotted, remaining=remaining)

    def set_duration(self, seconds: float, now: float) -> Countdown:
        """Change the planned length; time already spent stays spent."""
        _check_duration(seconds)
        delta = seconds - self.duration
        if self.status is TimerStatus.IDLE:
            return Countdown.idle(seconds)
        adjusted = self.adjust(delta, now)
        return msgspec.structs.replace(adjusted, duration=float(seconds))


def _check_duration(seconds: float) -> None:
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_DURATION:
        raise TimerError("a duration must be more than 0 seconds and at most 24 hours")
