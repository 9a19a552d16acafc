"""Schedulers for what changes with time: the countdown text and the wall clock.

Neither counts ticks. ``CountdownTicker`` asks the slot's ``Countdown`` what it shows at relay time
now, and arms ONE single-shot timer for the moment that text next changes
(``Countdown.next_change``, turned into a delay on the local monotonic clock through the link's
offset estimate). When the link is down the offset is the last one known, so the countdown keeps
going from the last deadline. A paused or idle countdown arms nothing.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kanpe.core.clockface import Phase, TimerStatus, display_seconds, format_clock, phase_for

if TYPE_CHECKING:
    # The windows are built before the protocol's types load (after the first slide).
    from kanpe.core.countdown import Countdown, Thresholds

#: Shown before the link has given a first timer.
NO_TIME = "--:--"


class CountdownTicker(QObject):
    """The displayed countdown of one slot, recomputed exactly when its text changes."""

    changed = Signal()

    def __init__(
        self,
        relay_now: Callable[[], float | None],
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._relay_now = relay_now
        self._clock = clock
        self._countdown: Countdown | None = None
        self._thresholds: Thresholds | None = None  # None: the defaults
        self.text = NO_TIME
        self.phase = Phase.NORMAL
        self.remaining: float | None = None
        self.elapsed_seconds = 0
        self.status = TimerStatus.IDLE
        #: Local monotonic time of the armed repaint, or None when nothing is armed.
        self.due: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.refresh)

    @property
    def countdown(self) -> Countdown | None:
        return self._countdown

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_countdown(self, countdown: Countdown | None, thresholds: Thresholds | None) -> None:
        self._countdown = countdown
        self._thresholds = thresholds
        self.refresh()

    def refresh(self) -> None:
        """Recompute what is shown now, tell the views if it changed, and arm the next change."""
        self._timer.stop()
        self.due = None
        countdown = self._countdown
        now = self._relay_now()
        if countdown is None or now is None:
            self._show(NO_TIME, Phase.NORMAL, None, 0, TimerStatus.IDLE)
            return
        remaining = countdown.remaining_at(now)
        shown = display_seconds(remaining)
        elapsed = round(countdown.allotted) - shown
        self._show(
            format_clock(shown),
            phase_for(remaining, self._thresholds),
            remaining,
            max(0, elapsed),
            countdown.status,
        )
        change = countdown.next_change(now)
        if change is not None:
            delay = max(0.0, change - now)
            self.due = self._clock() + delay
            # A millisecond late rather than early: an early wake-up would find the old text.
            self._timer.start(math.ceil(delay * 1000) + 1)

    def _show(
        self, text: str, phase: Phase, remaining: float | None, elapsed: int, status: TimerStatus
    ) -> None:
        new = (text, phase, elapsed, status)
        old = (self.text, self.phase, self.elapsed_seconds, self.status)
        self.remaining = remaining
        if new != old:
            self.text, self.phase, self.elapsed_seconds, self.status = new
            self.changed.emit()

    @property
    def elapsed_text(self) -> str:
        return format_clock(self.elapsed_seconds)


class WallClock(QObject):
    """The local wall-clock time as HH:MM, updated at each minute boundary (one timer each)."""

    changed = Signal()

    def __init__(
        self, wall: Callable[[], float] = time.time, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._wall = wall
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self.text = ""
        self.refresh()

    def now(self) -> float:
        return self._wall()

    def refresh(self) -> None:
        now = self._wall()
        text = time.strftime("%H:%M", time.localtime(now))
        if text != self.text:
            self.text = text
            self.changed.emit()
        self._timer.start(math.ceil((60.0 - now % 60.0) * 1000) + 5)


def clock_text(wall_time: float, *, seconds: bool = False) -> str:
    return time.strftime("%H:%M:%S" if seconds else "%H:%M", time.localtime(wall_time))
