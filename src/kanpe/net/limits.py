"""How much a relay lets each connection do, and the token bucket that enforces rates."""

from __future__ import annotations

from dataclasses import dataclass, field

from kanpe.core.model import Role
from kanpe.core.protocol import MAX_MESSAGE_BYTES


@dataclass(frozen=True, slots=True)
class Rate:
    per_second: float
    burst: float


def _default_rates() -> dict[Role, Rate]:
    return {
        Role.HOST: Rate(per_second=50, burst=100),
        Role.SPEAKER: Rate(per_second=20, burst=40),
        Role.AUDIENCE: Rate(per_second=5, burst=20),
        Role.VIEWER: Rate(per_second=2, burst=10),
        Role.ADMIN: Rate(per_second=10, burst=20),
    }


@dataclass(frozen=True, slots=True)
class Limits:
    """Every cap the relay applies; each refusal has a documented error or close code."""

    max_message_bytes: int = MAX_MESSAGE_BYTES
    #: A client whose unsent data passes this is dropped (close code 4009): it stopped reading.
    max_write_buffer: int = 256 * 1024
    #: Seconds for the websocket handshake, and again for the hello that must follow it.
    open_timeout: float = 10.0
    max_connections_per_address: int = 256
    #: Refused messages in a row before a connection is closed for flooding (4008).
    flood_strikes: int = 50
    rates: dict[Role, Rate] = field(default_factory=_default_rates)
    ping_interval: float = 10.0
    ping_timeout: float = 20.0


class TokenBucket:
    """Allows ``rate.burst`` messages at once and ``rate.per_second`` on average.

    ``now`` is when a frame was read from its connection, not when it was processed
    (docs/protocol.md 12.1); ``credit`` adds the time the relay held a connection unread."""

    __slots__ = ("_burst", "_last", "_per_second", "_tokens")

    def __init__(self, rate: Rate, now: float) -> None:
        self._per_second = rate.per_second
        self._burst = rate.burst
        self._tokens = rate.burst
        self._last = now

    def take(self, now: float) -> bool:
        elapsed = max(0.0, now - self._last)
        self._last = max(self._last, now)
        # Refill up to the burst; a credit above it stays until it is spent.
        refilled = min(self._burst, self._tokens + elapsed * self._per_second)
        self._tokens = max(self._tokens, refilled)
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False

    def credit(self, seconds: float) -> None:
        """The relay left this connection unread for ``seconds``: what its peer sent meanwhile
        arrives at once and must not count as a burst, so that time's refill is added, even
        above the burst."""
        self._tokens += max(0.0, seconds) * self._per_second
