"""What a link tells its listeners, and how its commands fail: the vocabulary of ``LinkClient``.

Listeners are plain callables (this layer has no Qt); the UI wraps them into signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kanpe.core.clock import Estimate
from kanpe.core.protocol import Error, Presence
from kanpe.core.session import Applied, Synced

log = logging.getLogger("kanpe.link")


class LinkStatus(StrEnum):
    """Where the link stands; every change is told to listeners as a ``StatusChanged``."""

    CONNECTING = "connecting"  # the first attempt, before any welcome
    ONLINE = "online"
    OFFLINE = "offline"  # lost, retrying with backoff; the mirror is kept
    FAILED = "failed"  # the relay refused the link itself; reconnecting will not help
    CLOSED = "closed"


class CommandRefused(Exception):
    """The relay refused a command; ``code`` and ``message`` say why."""

    def __init__(self, error: Error) -> None:
        super().__init__(f"{error.code}: {error.message}")
        self.code = error.code
        self.message = error.message


@dataclass(frozen=True, slots=True)
class StatusChanged:
    """The link's status changed; ``reason`` is the relay's refusal when it is FAILED."""

    status: LinkStatus
    offline_since: float | None  # local monotonic time the link went down
    reason: str = ""


type LinkNotice = StatusChanged | Synced | Applied | Presence | Estimate
Listener = Callable[[LinkNotice], None]


class Listeners:
    """The listeners of one link; one that raises is logged and the others still hear."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def add(self, listener: Listener) -> None:
        """Call ``listener`` with every notice from now on."""
        self._listeners.append(listener)

    def remove(self, listener: Listener) -> None:
        """Stop calling ``listener``; ValueError if it was not added."""
        self._listeners.remove(listener)

    def notify(self, notice: LinkNotice) -> None:
        """Tell every listener, in the order they were added."""
        for listener in list(self._listeners):
            try:
                listener(notice)
            except Exception:
                log.exception("a link listener failed")
