"""How long the relay honours a retry: the rule for forgetting command ids (docs/protocol.md 7.1.1).

The relay remembers each committed command's id (with its digest and version) so a resend after a
lost ack is answered with a duplicate ack instead of being applied twice. Kept for ever, those ids
are the one thing a long event's database grows by without bound. A command id is **forgotten only
when both** hold:

- it was acknowledged more than ``window`` seconds ago (relay time), and
- at least ``keep`` commands of the same identity in the same room were committed after it, at a
  higher room version.

The count protects a client of its own identity (an audience device, a viewer) however long it was
away: while it is offline its identity commits nothing, so the commands it resends on its return
are among its last ``keep`` as long as fewer than ``keep`` of them were in flight. The window
protects identities shared by several connections (every host connection of a room, every
connection of one speaker slot), whose other devices go on sending while one is away.

Pure: time is passed in. ``net/store.py`` applies the same rule in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Seconds after its ack that a command id is remembered whatever else happens.
RETRY_WINDOW: Final = 30 * 60.0
#: Command ids of one identity remembered whatever their age: its latest ones.
RETRY_KEEP: Final = 128
#: Relay seconds between two prunes of a running relay: often, so each delete is small (a busy
#: minute, 6,000 ids, took 20-30 ms to forget at once; 10 s of them 10-16 ms, mostly look-ups).
PRUNE_EVERY: Final = 10.0


@dataclass(frozen=True, slots=True)
class RetryMemory:
    """The rule's two figures; tests and benchmarks pass others."""

    window: float = RETRY_WINDOW
    keep: int = RETRY_KEEP

    def __post_init__(self) -> None:
        if self.window < 0 or self.keep < 1:
            raise ValueError("a retry window is >= 0 seconds and keeps at least one id")

    def cutoff(self, now: float) -> float:
        """Ids acknowledged strictly before this relay time may be forgotten (if not kept)."""
        return now - self.window

    def remembered(self, acked_at: float, newer: int, now: float) -> bool:
        """Whether a command id acknowledged at ``acked_at``, with ``newer`` commands of its
        identity committed after it at a higher version, is still remembered at ``now``."""
        return acked_at >= self.cutoff(now) or newer < self.keep

    def forgotten(self, commands: list[tuple[float, int]], now: float) -> list[int]:
        """The indexes of ``commands`` (one identity's: (acked_at, version)) forgotten at
        ``now``: the model the store's SQL is tested against."""
        return [
            index
            for index, (acked_at, version) in enumerate(commands)
            if not self.remembered(acked_at, sum(v > version for _, v in commands), now)
        ]
