"""The link: a client's connection to its relay, kept alive for as long as the app runs.

``LinkClient`` is the asyncio pump around a ``kanpe.core.session.ClientSession``, which holds the
protocol: the mirror resynced from every welcome and kept by versioned events, the clock-offset
estimate, the commands not yet answered (resent after a reconnect or a ``rate_limited``). The
pump connects with the invite's token, feeds the session what it reads, sends what it says,
wakes it when it asks, and reconnects with jittered exponential backoff, or stops for good when
``kanpe.core.reconnect.classify`` says the relay refused the link itself. While offline the
mirror keeps its last timers, so a countdown keeps going from its deadline.

Listeners are plain callables (this layer has no Qt); the UI wraps them into signals.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import secrets
import ssl
import time
from collections.abc import Callable
from typing import Any, NoReturn

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from kanpe.core.clock import ClockOffsetEstimator, Estimate
from kanpe.core.links import Invite, parse_link
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import Ack, Command, ErrorCode, Presence
from kanpe.core.reconnect import Backoff, Fatal, Retry, Verdict, classify, jittered_backoff
from kanpe.core.session import (
    RATE_LIMIT_RETRY,
    Acked,
    Applied,
    ClientSession,
    Happening,
    Ignored,
    Refused,
    Rejected,
    RelayError,
    Retrying,
    Synced,
)
from kanpe.net.linkstatus import (
    CommandRefused,
    LinkNotice,
    LinkStatus,
    Listener,
    Listeners,
    StatusChanged,
)
from kanpe.net.quietlog import websockets_logger

__all__ = [
    "Applied",
    "CommandRefused",
    "Estimate",
    "LinkClient",
    "LinkNotice",
    "LinkStatus",
    "Listener",
    "Presence",
    "StatusChanged",
    "Synced",
    "jittered_backoff",
    "wait_for_state",
]

log = logging.getLogger("kanpe.link")

_WEBSOCKETS_LOG = websockets_logger("client")  # frame dumps would show tokens


class _Down(Exception):
    """A connection ended; ``verdict`` says whether to try again."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.reason)
        self.verdict = verdict


class LinkClient:
    """A link to one room, from an invite link, reconnecting until ``close()``.

    ``clock`` is the local monotonic clock; ``backoff(attempt)`` the wait before the attempt-th
    retry in a row (reset once a connection is welcomed); ``url`` replaces the invite's websocket
    address (a proxy in front of the relay), ``ssl_context`` verifies a relay with a private CA.
    ``wall`` is the wall clock whose reading goes with each clock sample, so hosts see a speaker
    whose clock is wrong (None: say nothing).
    """

    def __init__(
        self,
        link: str,
        *,
        client: str = "kanpe",
        client_id: str = "",
        clock: Callable[[], float] = time.monotonic,
        backoff: Callable[[int], float] = jittered_backoff,
        time_sync_interval: float = 5.0,
        connect_timeout: float = 10.0,
        url: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
        rate_limit_retry: float = RATE_LIMIT_RETRY,
        wall: Callable[[], float] | None = time.time,
    ) -> None:
        self.invite: Invite = parse_link(link)
        self.client = client
        self.clock = clock
        self.backoff = backoff
        self.connect_timeout = connect_timeout
        self.url_override = url
        self.ssl_context = ssl_context
        #: The protocol state; the properties below read it.
        self.session = ClientSession(
            self.invite.room,
            self.invite.token,
            client=client,
            client_id=client_id,
            time_sync_interval=time_sync_interval,
            rate_limit_retry=rate_limit_retry,
            wall=wall,
        )
        #: Where the link stands; each change is told to listeners as a StatusChanged.
        self.status = LinkStatus.CONNECTING
        #: Local monotonic time the link went down; None while online.
        self.offline_since: float | None = None
        #: Why the relay refused the link, once the status is FAILED.
        self.failure = ""
        #: What decided the failure (close code, HTTP status or ErrorCode), for words in the
        #: user's language; ``failure`` is the relay's own (English) words, for the log.
        self.failure_code: int | ErrorCode | None = None
        self._listeners = Listeners()
        self._futures: dict[str, asyncio.Future[Ack]] = {}
        self._ids = itertools.count(1)
        self._id_prefix = secrets.token_urlsafe(6)
        self._ws: ClientConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._wake = asyncio.Event()
        self._stopping = False

    # --- what the session knows ----------------------------------------------------------------

    @property
    def state(self) -> RoomState | None:
        """The mirror of the room as this link may see it; None before the first welcome."""
        return self.session.state

    @property
    def role(self) -> Role | None:
        """The role the relay gave this link's token."""
        return self.session.role

    @property
    def slot(self) -> str | None:
        """The slot a speaker's token is bound to."""
        return self.session.slot

    @property
    def client_id(self) -> str:
        """This client's identity: the one given, else the relay's from the first welcome."""
        return self.session.client_id

    @property
    def presence(self) -> Presence:
        """Who was connected at the last presence update."""
        return self.session.presence

    @property
    def estimator(self) -> ClockOffsetEstimator:
        """The relay-clock offset samples of the current connection."""
        return self.session.estimator

    @property
    def reconnects(self) -> int:
        """How often the link came back after its first welcome."""
        return self.session.reconnects

    @property
    def time_sync_interval(self) -> float:
        """Seconds between clock samples, after the burst that follows a welcome."""
        return self.session.time_sync_interval

    # --- public API ----------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener`` with every notice from now on, on the event loop's thread."""
        self._listeners.add(listener)

    def remove_listener(self, listener: Listener) -> None:
        """Stop calling ``listener``; ValueError if it was not added."""
        self._listeners.remove(listener)

    async def start(self) -> None:
        """Start connecting (in a task); a second call does nothing."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"kanpe-link-{self.invite.room}")

    async def ready(self) -> None:
        """Wait for the first snapshot; raises ConnectionError if the relay refuses the link."""
        assert self._task is not None, "call start() first"
        waiter = asyncio.ensure_future(self._ready.wait())
        try:
            done, _ = await asyncio.wait({waiter, self._task}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            # Also when the caller gives up (a timeout around ready()): a waiter left pending
            # is destroyed with the link, and asyncio logs that as an error.
            if not waiter.done():
                waiter.cancel()
        if waiter not in done:
            raise ConnectionError(self.failure or "the link stopped")

    async def close(self) -> None:
        """Stop for good: close the connection, fail every unanswered command's future with
        ConnectionError, and end in status CLOSED."""
        self._stopping = True
        if self._ws is not None:
            await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.session.abandon()
        for future in self._futures.values():
            if not future.done():
                future.set_exception(ConnectionError("the link was closed"))
        self._futures.clear()
        self._set_status(LinkStatus.CLOSED)

    def new_id(self) -> str:
        """A command id unique to this link (random prefix, counter)."""
        return f"{self._id_prefix}-{next(self._ids)}"

    def command(self, command: Command) -> asyncio.Future[Ack]:
        """Send ``command`` now, or as soon as the link is back. The future resolves with the
        relay's Ack once it has committed the command, or fails with CommandRefused. Cancelling
        the future stops the command from being resent."""
        future: asyncio.Future[Ack] = asyncio.get_running_loop().create_future()
        self._futures[command.id] = future
        self.session.command(command)
        future.add_done_callback(lambda done: self._gave_up(command.id, done))
        self._wake.set()
        return future

    def relay_now(self) -> float | None:
        """Relay time now, from the local monotonic clock and the offset estimate."""
        return self.session.relay_time(self.clock())

    @property
    def round_trip(self) -> float | None:
        """The fastest round trip among the current clock samples, in seconds."""
        estimate = self.estimator.estimate()
        return None if estimate is None else estimate.round_trip

    def _gave_up(self, command_id: str, future: asyncio.Future[Ack]) -> None:
        if future.cancelled() and self._futures.get(command_id) is future:
            del self._futures[command_id]
            self.session.forget(command_id)

    def _is_stopping(self) -> bool:
        return self._stopping  # a method, so type checkers do not narrow the flag in the loop

    # --- connection loop -------------------------------------------------------------------------

    async def _run(self) -> None:
        backoff = Backoff(self.backoff)
        while not self._stopping:
            self._set_status(LinkStatus.CONNECTING if backoff.attempt == 0 else LinkStatus.OFFLINE)
            verdict: Verdict
            try:
                await self._connection()
            except _Down as down:
                verdict = down.verdict
            except InvalidStatus as exc:
                verdict = classify(status=exc.response.status_code)
            except ConnectionClosed as exc:
                verdict = classify(close=exc.rcvd.code if exc.rcvd else None)
            except (OSError, InvalidHandshake, TimeoutError) as exc:
                verdict = Retry(exc.__class__.__name__)
            if self.status is LinkStatus.ONLINE:
                backoff.reset()  # this connection was welcomed: retry quickly
            if self._is_stopping():
                break
            if isinstance(verdict, Fatal):
                self.failure = verdict.reason
                self.failure_code = verdict.code
                log.warning("the relay refused this link: %s", verdict.reason)
                self._set_status(LinkStatus.FAILED, verdict.reason)
                return
            log.info("link down: %s", verdict.reason)
            self._went_offline()
            await asyncio.sleep(backoff.next())

    async def _connection(self) -> NoReturn:
        """One connection: open, hello, welcome, then read until it ends, which raises."""
        ws = await self._open()
        self._ws = ws
        writer = asyncio.create_task(self._write(ws))
        try:
            self.session.hello(self.clock())
            self._wake.set()
            async with asyncio.timeout(self.connect_timeout):
                while not self.session.joined:
                    await self._read(ws, await ws.recv())
            async for frame in ws:
                await self._read(ws, frame)
            # A clean close (1000, 1001); any other raised ConnectionClosed.
            raise _Down(classify(close=ws.close_code))
        finally:
            self.session.connection_lost()
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer
            self._ws = None

    async def _open(self) -> ClientConnection:
        url = self.url_override or self.invite.websocket_url
        tls: dict[str, Any] = {}
        if url.startswith("wss:") and self.ssl_context is not None:
            tls["ssl"] = self.ssl_context
        return await connect(
            url,
            **tls,
            compression=None,
            open_timeout=self.connect_timeout,
            max_size=4 * 1024 * 1024,
            ping_interval=10,
            ping_timeout=20,
            close_timeout=2,
            user_agent_header=f"{self.client} (kanpe)",
            logger=_WEBSOCKETS_LOG,
        )

    async def _read(self, ws: ClientConnection, frame: str | bytes) -> None:
        for happening in self.session.receive(frame, self.clock()):
            if isinstance(happening, Rejected):
                await self._rejected(ws, happening)
            self._handle(happening)

    async def _rejected(self, ws: ClientConnection, rejected: Rejected) -> NoReturn:
        """The hello was refused: wait for the relay's close, whose code decides."""
        if rejected.from_relay:
            with contextlib.suppress(ConnectionClosed):
                await ws.recv()
            raise _Down(classify(close=ws.close_code, error=rejected.error))
        raise _Down(Retry(f"{rejected.error.code}: {rejected.error.message}"))

    async def _write(self, ws: ClientConnection) -> None:
        """Send what the session queues, and wake it when it has something due."""
        try:
            while True:
                self._wake.clear()
                self.session.advance(self.clock())
                for frame in self.session.frames_to_send():
                    await ws.send(frame, text=True)
                due = self.session.next_due()
                wait = None if due is None else max(0.0, due - self.clock())
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(wait):
                        await self._wake.wait()
        except ConnectionClosed:
            pass  # the reader sees the close too
        except Exception:
            log.exception("the link could not send")
            await ws.close()

    # --- what happened --------------------------------------------------------------------------

    def _handle(self, happening: Happening) -> None:
        match happening:
            case Synced():
                self.offline_since = None
                self._set_status(LinkStatus.ONLINE)
                self._notify(happening)
                self._ready.set()
                self._wake.set()  # the session queued the unanswered commands again
            case Acked(ack=ack):
                future = self._futures.pop(ack.id, None)
                if future is not None and not future.done():
                    future.set_result(ack)
            case Refused(command_id=command_id, error=error):
                future = self._futures.pop(command_id, None)
                if future is not None and not future.done():
                    future.set_exception(CommandRefused(error))
            case Retrying(ids=ids):
                log.info("rate limited; resending %d command(s) later", len(ids))
                self._wake.set()  # the writer's next wake-up moved
            case RelayError(error=error):
                log.info("relay error: %s: %s", error.code, error.message)
            case Ignored(reason=reason):
                log.warning("ignored %s", reason)
            case Rejected():
                pass  # _rejected ends the connection
            case _:
                self._notify(happening)

    # --- status -----------------------------------------------------------------------------------

    def _went_offline(self) -> None:
        if self.offline_since is None:
            self.offline_since = self.clock()
        self._set_status(LinkStatus.OFFLINE)

    def _set_status(self, status: LinkStatus, reason: str = "") -> None:
        if status is self.status and not reason:
            return
        self.status = status
        self._notify(StatusChanged(status=status, offline_since=self.offline_since, reason=reason))

    def _notify(self, notice: LinkNotice) -> None:
        self._listeners.notify(notice)


async def wait_for_state(
    link: LinkClient, predicate: Callable[[RoomState], bool], within: float = 10.0
) -> RoomState:
    """Wait until the mirror satisfies ``predicate``: for tests and scripts, not the UI."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[RoomState] = loop.create_future()

    def check(_: LinkNotice | None = None) -> None:
        if link.state is not None and not done.done() and predicate(link.state):
            done.set_result(link.state)

    link.add_listener(check)
    try:
        check()
        return await asyncio.wait_for(done, within)
    finally:
        link.remove_listener(check)
