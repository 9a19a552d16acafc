"""What a countdown shows: the whole seconds on display, their text, and the phase.

Pure functions of the remaining seconds, with no dependency beyond the standard library, so
that the speaker's windows can be built and painted before the protocol's message types (and
msgspec) are loaded. ``kanpe.core.countdown`` re-exports all of it.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Protocol

#: A slot enters the warning phase with this many seconds shown, unless its rundown says else.
DEFAULT_WARNING = 300
#: ... and the final phase with this many.
DEFAULT_FINAL = 60


class TimerStatus(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"


class Phase(StrEnum):
    """Where a talk stands against its slot. The UI gives each its own label and shape too."""

    NORMAL = "normal"
    WARNING = "warning"
    FINAL = "final"
    OVERTIME = "overtime"


class PhaseThresholds(Protocol):
    """Remaining seconds shown at which a slot enters the warning and final phases
    (``kanpe.core.countdown.Thresholds``)."""

    @property
    def warning(self) -> int: ...

    @property
    def final(self) -> int: ...


def display_seconds(remaining: float) -> int:
    """The whole seconds shown for ``remaining``: rounded up while time is left, down in overtime.

    A talk with 0.2 s left still shows 00:01; the first second of overtime shows 00:00, and after
    that overtime counts up as negative numbers (-1, -2, ...).
    """
    if remaining > 0:
        return math.ceil(remaining)
    return -math.floor(-remaining)


def format_clock(seconds: int) -> str:
    """Format signed whole seconds as ``mm:ss`` or ``h:mm:ss``; overtime gets a leading minus."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def format_remaining(remaining: float) -> str:
    """The countdown text for ``remaining`` seconds, e.g. ``24:59``, ``1:00:00`` or ``-01:23``."""
    return format_clock(display_seconds(remaining))


def phase_for(remaining: float, thresholds: PhaseThresholds | None = None) -> Phase:
    """The phase for ``remaining`` seconds, judged on the seconds shown so text and colour agree.
    ``thresholds`` None: the defaults (DEFAULT_WARNING, DEFAULT_FINAL)."""
    if remaining <= 0:
        return Phase.OVERTIME
    shown = display_seconds(remaining)
    final = DEFAULT_FINAL if thresholds is None else thresholds.final
    warning = DEFAULT_WARNING if thresholds is None else thresholds.warning
    if shown <= final:
        return Phase.FINAL
    if shown <= warning:
        return Phase.WARNING
    return Phase.NORMAL
