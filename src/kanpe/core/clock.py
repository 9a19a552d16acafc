"""Estimate a client's offset to relay time from NTP-style request/response samples.

Each sample is four timestamps: the client sends at ``t0`` (its monotonic clock), the relay
receives at ``t1`` and answers at ``t2`` (relay time), the client receives at ``t3``. Then

    round trip = (t3 - t0) - (t2 - t1)
    offset     = ((t1 - t0) + (t2 - t3)) / 2      so relay time = client time + offset

The offset of one sample is wrong by at most half its round trip (the asymmetry of the path):
each sample says the offset lies in ``[t2 - t3, t1 - t0]``. The estimator keeps a window of recent
samples and takes the middle of the intersection of those intervals, which keeps the quickest
one-way trip seen in each direction, so jitter only ever widens samples it cannot move the
estimate with. A delayed packet cannot drag it either. Where old intervals no longer meet the
new ones (a clock stepped or drifted within the window), the old ones are dropped.
"""

from __future__ import annotations

import math
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

    def __init__(self, window: int = 32) -> None:
        if window < 1:
            raise ValueError("need a window of at least one sample")
        self._samples: deque[Sample] = deque(maxlen=window)

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
        """The midpoint of the tightest bounds the newest samples put on the offset.

        Each sample bounds the offset: the request cannot arrive before it was sent
        (offset <= t1 - t0) and the reply cannot arrive before it was sent (offset >= t2 - t3).
        Intersecting them keeps the shortest one-way delay seen in each direction, far tighter
        under jitter than any one sample. Samples are taken newest first and the oldest are
        dropped where they contradict the newer ones, so after a clock step or drift the estimate
        follows the clock as it is now.
        """
        if not self._samples:
            return None
        lower, upper = -math.inf, math.inf
        for sample in reversed(self._samples):
            low = sample.offset - sample.round_trip / 2
            high = sample.offset + sample.round_trip / 2
            if max(lower, low) > min(upper, high):
                break
            lower, upper = max(lower, low), min(upper, high)
        fastest = min(s.round_trip for s in self._samples)
        return Estimate(offset=(lower + upper) / 2, round_trip=fastest, samples=len(self._samples))
