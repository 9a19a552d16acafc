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
    """Allows ``rate.burst`` messages at once and ``rate.per_second`` on average."""

    __slots__ = ("_burst", "_last", "_per_second", "_tokens")

    def __init__(self, rate: Rate, now: float) -> None:
        self._per_second = rate.per_second
        self._burst = rate.burst
        self._tokens = rate.burst
        self._last = now

    def take(self, now: float) -> bool:
        elapsed = max(0.0, now - self._last)
        self._last = now
        self._tokens = min(self._burst, self._tokens + elapsed * self._per_second)
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False
