"""Estimate a client's offset to relay time from NTP-style request/response samples.

Each sample is four timestamps: the client sends at ``t0`` (its monotonic clock), the relay
receives at ``t1`` and answers at ``t2`` (relay time), the client receives at ``t3``. Then

    round trip = (t3 - t0) - (t2 - t1)
    offset     = ((t1 - t0) + (t2 - t3)) / 2      so relay time = client time + offset

The offset of one sample is wrong by at most half its round trip (the asymmetry of the path):
each sample says the offset lies in ``[t2 - t3, t1 - t0]``. The estimator keeps a window of recent
samples and takes the middle of the intersection of those intervals, which keeps the quickest
one-way trip seen in each direction, so jitter only ever widens samples it cannot move the
estimate with. A delayed packet cannot drag it either. If the intervals do not meet (a clock
stepped or drifted within the window), it falls back to the median offset of the fastest few.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sample:
    offset: float
    round_trip: float
    received: float


@dataclass(frozen=True, slots=True)
class Estimate:
    offset: float
    round_trip: float
    samples: int


class ClockOffsetEstimator:
    """Keeps the ``window`` newest samples and estimates from all of them (see ``estimate``)."""

    def __init__(self, window: int = 32, best: int = 4) -> None:
        if window < 1 or not 1 <= best <= window:
            raise ValueError("need 1 <= best <= window")
        self._samples: deque[Sample] = deque(maxlen=window)
        self._best = best

    def add(self, t0: float, t1: float, t2: float, t3: float) -> Sample | None:
        """Record one exchange; returns the sample, or None if its timestamps are impossible."""
        if not all(math.isfinite(t) for t in (t0, t1, t2, t3)):
            return None  # NaN compares false with everything, so the checks below let it in
        round_trip = (t3 - t0) - (t2 - t1)
        if t3 < t0 or t2 < t1 or round_trip < 0:
            return None
        sample = Sample(offset=((t1 - t0) + (t2 - t3)) / 2, round_trip=round_trip, received=t3)
        self._samples.append(sample)
        return sample

    def clear(self) -> None:
        """Forget every sample, e.g. after reconnecting to a relay that may have restarted."""
        self._samples.clear()

    def __len__(self) -> int:
        return len(self._samples)

    def estimate(self) -> Estimate | None:
        """The midpoint of the tightest bounds the samples put on the offset; if the bounds
        contradict each other (a clock that drifted or stepped), the median of the fastest."""
        if not self._samples:
            return None
        fastest = sorted(self._samples, key=lambda s: s.round_trip)[: self._best]
        # Each sample bounds the offset: the request cannot arrive before it was sent
        # (offset <= t1 - t0) and the reply cannot arrive before it was sent (offset >= t2 - t3).
        # Intersecting all of them keeps the shortest one-way delay seen in each direction, which
        # is far tighter under jitter than any single sample's round trip.
        lower = max(s.offset - s.round_trip / 2 for s in self._samples)
        upper = min(s.offset + s.round_trip / 2 for s in self._samples)
        if lower <= upper:
            offset = (lower + upper) / 2
        else:
            offset = statistics.median(s.offset for s in fastest)
        return Estimate(offset=offset, round_trip=fastest[0].round_trip, samples=len(self._samples))
