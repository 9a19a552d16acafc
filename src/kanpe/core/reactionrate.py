"""Reactions per minute: how the room reacts now, for the host's audience panel.

``ReactionRate`` is told when reactions arrive (a time from the caller's clock, an emoji, how
many) and answers how many arrived in the last minute, per emoji, at any later time. It keeps
only the last minute's arrivals, so it stays small however long the event runs, and it says when
its answer next changes (``next_change``), so a view repaints then and not on a tick.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass

WINDOW = 60.0  # seconds: "per minute" is the last 60 s
# The reactions the protocol knows, in the order the audience page shows them.
EMOJIS = ("👏", "😂", "🤔", "❓", "🎉")


@dataclass(frozen=True, slots=True)
class _Arrival:
    at: float
    emoji: str
    count: int


class ReactionRate:
    """Counts of the last ``window`` seconds. Times only move forward; an earlier time is
    taken as the latest one seen (a caller's clock never runs backwards, but be safe)."""

    def __init__(self, window: float = WINDOW) -> None:
        self.window = window
        self._arrivals: deque[_Arrival] = deque()
        self._counts: Counter[str] = Counter()
        self._latest = float("-inf")

    def add(self, now: float, emoji: str, count: int = 1) -> None:
        if count <= 0:
            return
        self._latest = max(self._latest, now)
        self._forget(self._latest)
        self._arrivals.append(_Arrival(self._latest, emoji, count))
        self._counts[emoji] += count

    def per_minute(self, now: float) -> dict[str, int]:
        """Reactions per emoji in the window ending at ``now``; emojis with none left out."""
        self._forget(now)
        return {emoji: n for emoji, n in self._counts.items() if n > 0}

    def total(self, now: float) -> int:
        return sum(self.per_minute(now).values())

    def next_change(self, now: float) -> float | None:
        """When the oldest arrival leaves the window; None when nothing is in it."""
        self._forget(now)
        return None if not self._arrivals else self._arrivals[0].at + self.window

    def _forget(self, now: float) -> None:
        while self._arrivals and self._arrivals[0].at + self.window <= now:
            gone = self._arrivals.popleft()
            self._counts[gone.emoji] -= gone.count
            if self._counts[gone.emoji] <= 0:
                del self._counts[gone.emoji]
