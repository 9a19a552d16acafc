"""Relay time: seconds since the epoch, read from the monotonic clock.

The relay anchors itself to the wall clock once, at start, and then only counts monotonic time, so a
wall-clock step (NTP, a user changing the time) cannot move a running deadline. Deadlines stay
meaningful across a restart because the anchor is the wall clock again.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class RelayClock:
    def __init__(
        self,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._monotonic = monotonic
        self.mono0 = monotonic()
        self.wall0 = wall()

    def now(self) -> float:
        return self.wall0 + (self._monotonic() - self.mono0)

    def offset_from_monotonic(self) -> float:
        """relay time - time.monotonic(): the truth a client's offset estimate aims at."""
        return self.wall0 - self.mono0
