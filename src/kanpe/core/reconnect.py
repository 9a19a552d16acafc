"""Whether a lost or refused link is worth another try, and how long to wait before it.

One policy for every client, like websockets' ``process_exception`` and ``backoff()``: the I/O
layer says what it saw (a close code, the relay's error before the welcome, the HTTP status of a
refused upgrade), ``classify`` answers ``Retry`` or ``Fatal`` with the reason for the user, and
``Backoff`` spaces the retries, starting again from the shortest wait after a session that joined.
docs/protocol.md, sections 4.5 and 14, is the table this follows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from kanpe.core.protocol import CloseCode, Error, ErrorCode

#: Close codes after which reconnecting cannot help: the link itself is wrong.
FATAL_CLOSES: Final = frozenset(
    {
        CloseCode.UNAUTHORIZED,
        CloseCode.UNSUPPORTED_VERSION,
        CloseCode.HELLO_REQUIRED,
        CloseCode.ROOM_CLOSED,
    }
)
#: HTTP answers to the upgrade that mean the same: the Origin is refused, or no relay is there.
FATAL_STATUSES: Final = frozenset({403, 404})
#: Errors answering the hello that are final whatever close follows them.
FATAL_ERRORS: Final = frozenset({ErrorCode.UNAUTHORIZED})


@dataclass(frozen=True, slots=True)
class Retry:
    """Reconnect after a backoff: the cause (``reason``, for the log) may pass."""

    reason: str


@dataclass(frozen=True, slots=True)
class Fatal:
    """Stop: the relay refused the link itself and will again.

    ``code`` is what decided it: the close code (4001...), the HTTP status (403, 404) or the error
    code; ``reason`` is the relay's own words where it gave some, for the user.
    """

    code: int | ErrorCode
    reason: str


type Verdict = Retry | Fatal


def classify(
    *, close: int | None = None, error: Error | None = None, status: int | None = None
) -> Verdict:
    """Decide whether a connection that ended (or never opened) is worth retrying.

    ``status`` is the HTTP status of a refused upgrade, ``close`` the close code received (1006 when
    the connection dropped without one), ``error`` the relay's answer to the hello, if it refused
    it. With none of them (a network error, a timeout) the answer is Retry.
    """
    if status is not None:
        if status in FATAL_STATUSES:
            return Fatal(status, f"the relay answered {status}")
        return Retry(f"the relay answered {status}")
    if close in FATAL_CLOSES:
        return Fatal(close, error.message if error else f"closed with code {close}")
    if error is not None and error.code in FATAL_ERRORS:
        return Fatal(error.code, error.message)
    if error is not None:
        return Retry(f"{error.code}: {error.message}")
    if close is not None:
        return Retry(f"closed with code {close}")
    return Retry("the connection failed")


def jittered_backoff(attempt: int, base: float = 0.25, cap: float = 10.0) -> float:
    """Jittered exponential backoff: uniform in [base / 2, min(cap, base * 2**attempt)].

    The floor of half the base keeps a retry from hammering a relay that just dropped everyone;
    the jitter keeps many clients of a restarted relay from arriving in lock step.
    """
    return random.uniform(base / 2, min(cap, base * 2**attempt))


class Backoff:
    """The waits between attempts: ``delay(attempt)`` for the attempt-th failure in a row.

    ``next()`` returns the next wait and counts the failure; ``reset()`` after a session that
    joined, so a link that worked for an hour retries quickly when it drops.
    """

    def __init__(self, delay: Callable[[int], float] = jittered_backoff) -> None:
        self.delay = delay
        self.attempt = 0

    def next(self) -> float:
        """How long to wait before the next try."""
        wait = self.delay(self.attempt)
        self.attempt += 1
        return wait

    def reset(self) -> None:
        """A session joined: the next failure waits the shortest time again."""
        self.attempt = 0
