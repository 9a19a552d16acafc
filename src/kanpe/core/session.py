"""The client's side of the protocol with no I/O: fed frames and a clock, it says what to send.

Like websockets' protocol objects, a ``ClientSession`` never touches a socket or a timer. Its pump
(``kanpe.net.link.LinkClient``, or ``kanpe room create``) opens a connection and then:

- calls ``hello(now)`` and sends ``frames_to_send()``;
- passes every frame it reads to ``receive(frame, now)``, which returns what happened (the mirror
  synced, an event applied, a command acked or refused...);
- sends ``frames_to_send()`` after each call, and calls ``advance(now)`` when ``next_due()``
  comes (clock samples, commands to resend after ``rate_limited``);
- calls ``connection_lost()`` when the connection ends, and ``hello`` again on the next one.

The session keeps the room mirror (snapshot from each welcome, then versioned events), the
presence, the clock-offset estimate and the commands not yet answered, by id, in the order they
were given: each welcome resends them all, in that order (ids make resending safe).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from kanpe.core.clock import ClockOffsetEstimator, Estimate
from kanpe.core.events import Event, evolve
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import (
    PROTOCOL_VERSION,
    Ack,
    Command,
    Error,
    ErrorCode,
    EventMessage,
    Hello,
    Presence,
    ProtocolError,
    TimeReply,
    TimeRequest,
    Welcome,
    encode_bytes,
    parse_server,
)

#: Clock samples taken right after a welcome, ``BURST_GAP`` seconds apart, before the slow pace.
BURST_SAMPLES: Final = 5
BURST_GAP: Final = 0.05
#: Seconds to wait before resending a command the relay dropped for its rate limit.
RATE_LIMIT_RETRY: Final = 1.0


# --- what happened: the notices a pump passes on to its listeners --------------------------


@dataclass(frozen=True, slots=True)
class Synced:
    """A welcome arrived: ``state`` was replaced by the relay's snapshot."""

    state: RoomState


@dataclass(frozen=True, slots=True)
class Applied:
    """``event`` was applied to the mirror, which is now at ``version``."""

    event: Event
    version: int


#: What listeners of a link are told: the mirror changed, who is online, the clock estimate.
type Notice = Synced | Applied | Presence | Estimate


# --- what happened: for the pump itself ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Acked:
    """The relay committed the pending command ``ack.id``."""

    ack: Ack


@dataclass(frozen=True, slots=True)
class Refused:
    """The relay refused the pending command ``command_id``; it is no longer pending."""

    command_id: str
    error: Error


@dataclass(frozen=True, slots=True)
class Retrying:
    """The relay dropped ``ids`` for its rate limit; they go again at ``at`` (see ``next_due``)."""

    ids: tuple[str, ...]
    at: float


@dataclass(frozen=True, slots=True)
class Rejected:
    """The hello was not answered by a welcome. ``from_relay``: ``error`` is the relay's answer,
    and it closes the connection next (its close code decides whether to retry); otherwise the
    first frame was not a welcome at all, and ``error`` says what it was."""

    error: Error
    from_relay: bool


@dataclass(frozen=True, slots=True)
class RelayError:
    """An error naming no pending command: worth a log line, nothing more."""

    error: Error


@dataclass(frozen=True, slots=True)
class Ignored:
    """A frame the session could not use (malformed, or a second welcome); ``reason`` says why."""

    reason: str


type Happening = Notice | Acked | Refused | Retrying | Rejected | RelayError | Ignored


class ClientSession:
    """One client's protocol state across all its connections to one relay.

    ``room`` and ``token`` go into every hello (an admin session uses room ""), with ``client``
    (a name for the relay's logs) and ``client_id`` (kept from the first welcome when empty, so
    retries after a reconnect count once). ``time_sync_interval`` is the pace of clock samples
    after the first burst; ``rate_limit_retry`` the wait before resending a rate-limited command.
    """

    def __init__(
        self,
        room: str,
        token: str,
        *,
        client: str = "kanpe",
        client_id: str = "",
        time_sync_interval: float = 5.0,
        rate_limit_retry: float = RATE_LIMIT_RETRY,
        wall: Callable[[], float] | None = None,
    ) -> None:
        self.room = room
        #: The wall clock whose reading goes with each clock sample (hosts see a speaker whose
        #: clock is off); None sends none.
        self.wall = wall
        self.token = token
        self.client = client
        self.client_id = client_id
        self.time_sync_interval = time_sync_interval
        self.rate_limit_retry = rate_limit_retry
        #: The mirror of the room as this reader may see it; None before the first welcome.
        #: It is kept while offline, so a countdown goes on from its last deadline.
        self.state: RoomState | None = None
        self.role: Role | None = None
        self.slot: str | None = None
        self.presence = Presence()
        self.estimator = ClockOffsetEstimator()
        #: Welcomes after the first one: how often the link came back.
        self.reconnects = 0
        self._pending: dict[str, Command] = {}
        self._outbox: list[bytes] = []
        self._joined = False
        self._welcomed = False
        self._hello_at: float | None = None
        self._next_sample: float | None = None
        self._burst_left = 0
        self._retry_at: dict[str, float] = {}

    # --- connection ----------------------------------------------------------------------------

    @property
    def joined(self) -> bool:
        """Whether the current connection has been welcomed (commands go out at once)."""
        return self._joined

    def hello(self, now: float) -> None:
        """A new connection is open: queue the hello. ``now`` is the local monotonic clock."""
        self.connection_lost()
        self._hello_at = now
        hello = Hello(
            protocol=PROTOCOL_VERSION,
            room=self.room,
            token=self.token,
            client=self.client,
            client_id=self.client_id,
        )
        self._outbox.append(encode_bytes(hello))

    def connection_lost(self) -> None:
        """The connection ended: nothing more is sent until the next welcome. The mirror and
        the pending commands stay; rate-limit retries are dropped (the welcome resends all)."""
        self._joined = False
        self._outbox.clear()
        self._next_sample = None
        self._retry_at.clear()

    # --- commands ------------------------------------------------------------------------------

    def command(self, command: Command) -> None:
        """Keep ``command`` pending until it is acked or refused; send it now if joined, else
        after the next welcome. A command with the id of a pending one replaces it."""
        self._pending[command.id] = command
        if self._joined:
            self._outbox.append(encode_bytes(command))

    def forget(self, command_id: str) -> None:
        """Stop resending ``command_id`` (its caller gave up); a late answer is then ignored."""
        self._pending.pop(command_id, None)
        self._retry_at.pop(command_id, None)

    def abandon(self) -> list[str]:
        """Forget every pending command, returning their ids in order (the link is closing)."""
        ids = list(self._pending)
        self._pending.clear()
        self._retry_at.clear()
        return ids

    @property
    def pending(self) -> tuple[str, ...]:
        """The ids of the commands not yet answered, in the order they were given."""
        return tuple(self._pending)

    # --- time ----------------------------------------------------------------------------------

    def next_due(self) -> float | None:
        """When ``advance`` has something to do next (a clock sample, a resend), or None."""
        times = [at for key, at in self._retry_at.items() if key in self._pending]
        if self._next_sample is not None:
            times.append(self._next_sample)
        return min(times, default=None)

    def advance(self, now: float) -> None:
        """Queue whatever is due by ``now``: rate-limited commands again, a clock sample."""
        if not self._joined:
            return
        due = [key for key in self._pending if self._retry_at.get(key, math.inf) <= now]
        for key in due:
            del self._retry_at[key]
            self._outbox.append(encode_bytes(self._pending[key]))
        if self._next_sample is not None and self._next_sample <= now:
            wall = None if self.wall is None else self.wall()
            self._outbox.append(encode_bytes(TimeRequest(t0=now, wall=wall)))
            self._burst_left -= 1
            gap = BURST_GAP if self._burst_left > 0 else self.time_sync_interval
            self._next_sample = now + gap

    def frames_to_send(self) -> list[bytes]:
        """The frames to send, in order, as UTF-8 JSON for text frames; the queue is emptied."""
        frames, self._outbox = self._outbox, []
        return frames

    def relay_time(self, now: float) -> float | None:
        """Relay time at local monotonic time ``now``, from the offset estimate."""
        estimate = self.estimator.estimate()
        return None if estimate is None else now + estimate.offset

    # --- incoming ------------------------------------------------------------------------------

    def receive(self, frame: str | bytes, now: float) -> list[Happening]:
        """Take one frame from the relay, read at local monotonic time ``now``."""
        try:
            message = parse_server(frame)
        except ProtocolError as exc:
            if not self._joined:
                return [Rejected(Error(code=exc.code, message=exc.message), from_relay=False)]
            return [Ignored(f"a malformed frame from the relay: {exc.code}")]
        if not self._joined:
            return self._first(message, now)
        match message:
            case EventMessage(version=version, event=event):
                return self._apply(event, version)
            case Ack(id=command_id) if command_id in self._pending:
                del self._pending[command_id]
                self._retry_at.pop(command_id, None)
                return [Acked(message)]
            case Ack():
                return []  # answers a command forgotten, or already answered
            case Error(code=ErrorCode.RATE_LIMITED):
                return [self._rate_limited(message, now)]
            case Error(id=command_id) if command_id is not None and command_id in self._pending:
                del self._pending[command_id]
                self._retry_at.pop(command_id, None)
                return [Refused(command_id, message)]
            case Error():
                return [RelayError(message)]
            case TimeReply(t0=t0, t1=t1, t2=t2):
                self.estimator.add(t0, t1, t2, now)
                estimate = self.estimator.estimate()
                return [] if estimate is None else [estimate]
            case Presence():
                self.presence = message
                return [message]
            case Welcome():
                return [Ignored("a second welcome")]

    def _first(self, message: object, now: float) -> list[Happening]:
        """The answer to the hello: a welcome, or a refusal."""
        if isinstance(message, Error):
            return [Rejected(message, from_relay=True)]
        if not isinstance(message, Welcome):
            error = Error(code=ErrorCode.BAD_MESSAGE, message="expected a welcome")
            return [Rejected(error, from_relay=False)]
        sent = now if self._hello_at is None else self._hello_at
        self.estimator.clear()  # the relay may have restarted with another clock
        self.estimator.add(sent, message.time, message.time, now)
        self.role = message.role
        self.slot = message.slot
        if not self.client_id:
            self.client_id = message.client_id
        self.state = message.state
        if self._welcomed:
            self.reconnects += 1
        self._welcomed = self._joined = True
        # Resend, in order, everything not yet answered; ids make this safe.
        self._outbox.extend(encode_bytes(command) for command in self._pending.values())
        self._next_sample = now
        self._burst_left = BURST_SAMPLES
        return [Synced(message.state)]

    def _apply(self, event: Event, version: int) -> list[Happening]:
        state = self.state
        if state is None or version <= state.version:
            return []  # already in the snapshot
        # Versions may jump: the relay leaves out events that change nothing this reader can
        # see (a cue for another slot, say). Each event is a whole record.
        evolve(state, event, version)
        return [Applied(event, version)]

    def _rate_limited(self, error: Error, now: float) -> Retrying:
        # Dropped unread, not refused: send it again once the relay's bucket refills. An error
        # that names no pending command may stand for any of them; ids make repeats safe.
        named = error.id if error.id in self._pending else None
        ids = (named,) if named is not None else tuple(self._pending)
        at = now + self.rate_limit_retry
        for key in ids:
            self._retry_at[key] = at
        return Retrying(ids, at)
