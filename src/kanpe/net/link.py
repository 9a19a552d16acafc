"""The link: a client's connection to its relay, kept alive for as long as the app runs.

It connects with the invite's token, resyncs from the snapshot in every welcome, applies versioned
events to a local mirror of the room, keeps an estimate of relay time fresh, reconnects with
jittered exponential backoff, and queues commands while offline (their ids make retries safe).
While offline the mirror keeps its last timers, so a countdown keeps going from its deadline.

Listeners are plain callables (this layer has no Qt); the UI wraps them into signals.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import random
import secrets
import ssl
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from kanpe.core.clock import ClockOffsetEstimator, Estimate
from kanpe.core.events import Event, evolve
from kanpe.core.links import Invite, parse_link
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import (
    PROTOCOL_VERSION,
    Ack,
    CloseCode,
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
from kanpe.net.quietlog import websockets_logger

log = logging.getLogger("kanpe.link")


_WEBSOCKETS_LOG = websockets_logger("client")  # frame dumps would show tokens

#: Close codes after which reconnecting cannot help: the link itself is wrong.
FATAL_CLOSES = frozenset(
    {
        CloseCode.UNAUTHORIZED,
        CloseCode.UNSUPPORTED_VERSION,
        CloseCode.HELLO_REQUIRED,
        CloseCode.ROOM_CLOSED,
    }
)
RATE_LIMIT_RETRY = 1.0


class LinkStatus(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"
    FAILED = "failed"  # the relay refused the link itself; reconnecting will not help
    CLOSED = "closed"


class CommandRefused(Exception):
    """The relay refused a command; ``code`` and ``message`` say why."""

    def __init__(self, error: Error) -> None:
        super().__init__(f"{error.code}: {error.message}")
        self.code = error.code
        self.message = error.message


def jittered_backoff(attempt: int, base: float = 0.25, cap: float = 10.0) -> float:
    """Full-jitter exponential backoff: uniform in [0, min(cap, base * 2**attempt)]."""
    return random.uniform(base / 2, min(cap, base * 2**attempt))


@dataclass(frozen=True, slots=True)
class StatusChanged:
    status: LinkStatus
    offline_since: float | None  # local monotonic time the link went down
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Synced:
    """A welcome arrived: ``state`` was replaced by the relay's snapshot."""

    state: RoomState


@dataclass(frozen=True, slots=True)
class Applied:
    event: Event
    version: int


type LinkNotice = StatusChanged | Synced | Applied | Presence | Estimate
Listener = Callable[[LinkNotice], None]


@dataclass(slots=True)
class _Pending:
    command: Command
    future: asyncio.Future[Ack]
    sent: bool = False


class LinkClient:
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
    ) -> None:
        self.invite: Invite = parse_link(link)
        self.client = client
        self.client_id = client_id
        self.clock = clock
        self.backoff = backoff
        self.time_sync_interval = time_sync_interval
        self.connect_timeout = connect_timeout
        self.url_override = url  # a different websocket URL, e.g. a proxy in front of the relay
        self.ssl_context = ssl_context  # for wss:// to a relay with a private CA
        self.state: RoomState | None = None
        self.role: Role | None = None
        self.slot: str | None = None
        self.presence = Presence()
        self.status = LinkStatus.CONNECTING
        self.offline_since: float | None = None
        self.failure = ""
        self.estimator = ClockOffsetEstimator()
        self._listeners: list[Listener] = []
        self._pending: dict[str, _Pending] = {}
        self._ids = itertools.count(1)
        self._id_prefix = secrets.token_urlsafe(6)
        self._ws: ClientConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._stopping = False
        self.reconnects = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._welcomed = False

    # --- public API ----------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"kanpe-link-{self.invite.room}")

    async def ready(self) -> None:
        """Wait for the first snapshot; raises ConnectionError if the relay refuses the link."""
        waiter = asyncio.ensure_future(self._ready.wait())
        assert self._task is not None, "call start() first"
        done, _ = await asyncio.wait({waiter, self._task}, return_when=asyncio.FIRST_COMPLETED)
        if waiter not in done:
            waiter.cancel()
            raise ConnectionError(self.failure or "the link stopped")

    async def close(self) -> None:
        self._stopping = True
        if self._ws is not None:
            await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for pending in self._pending.values():
            if not pending.future.done():
                pending.future.set_exception(ConnectionError("the link was closed"))
        self._pending.clear()
        self._set_status(LinkStatus.CLOSED)

    def new_id(self) -> str:
        return f"{self._id_prefix}-{next(self._ids)}"

    def command(self, command: Command) -> asyncio.Future[Ack]:
        """Send ``command`` now, or as soon as the link is back. The future resolves with the
        relay's Ack once it has committed the command, or fails with CommandRefused."""
        future: asyncio.Future[Ack] = asyncio.get_running_loop().create_future()
        pending = _Pending(command=command, future=future)
        self._pending[command.id] = pending
        if self.status is LinkStatus.ONLINE:
            self._write_command(pending)
        return future

    def relay_now(self) -> float | None:
        """Relay time now, from the local monotonic clock and the offset estimate."""
        estimate = self.estimator.estimate()
        return None if estimate is None else self.clock() + estimate.offset

    @property
    def round_trip(self) -> float | None:
        estimate = self.estimator.estimate()
        return None if estimate is None else estimate.round_trip

    def _is_stopping(self) -> bool:
        return self._stopping  # a method, so type checkers do not narrow the flag in the loop

    # --- connection loop -------------------------------------------------------------------------

    async def _run(self) -> None:
        attempt = 0
        while not self._stopping:
            self._set_status(LinkStatus.CONNECTING if attempt == 0 else LinkStatus.OFFLINE)
            try:
                await self._session()
                attempt = 0
            except _Fatal as exc:
                self.failure = str(exc)
                log.warning("the relay refused this link: %s", exc)
                self._set_status(LinkStatus.FAILED, str(exc))
                return
            except (
                OSError,
                InvalidHandshake,
                TimeoutError,
                ConnectionClosed,
                ProtocolError,
            ) as exc:
                log.info("link down: %s", exc.__class__.__name__)
            if self._is_stopping():
                break
            self._went_offline()
            delay = self.backoff(attempt)
            attempt += 1
            await asyncio.sleep(delay)

    async def _session(self) -> None:
        url = self.url_override or self.invite.websocket_url
        tls: dict[str, Any] = {}
        if url.startswith("wss:") and self.ssl_context is not None:
            tls["ssl"] = self.ssl_context
        try:
            ws = await connect(
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
        except InvalidStatus as exc:
            if exc.response.status_code in (403, 404):
                raise _Fatal(f"the relay answered {exc.response.status_code}") from exc
            raise
        self._ws = ws
        try:
            t0 = self.clock()
            await ws.send(
                encode_bytes(
                    Hello(
                        protocol=PROTOCOL_VERSION,
                        room=self.invite.room,
                        token=self.invite.token,
                        client=self.client,
                        client_id=self.client_id,
                    )
                ),
                text=True,
            )
            welcome = await asyncio.wait_for(self._expect_welcome(ws), self.connect_timeout)
            self._on_welcome(welcome, t0, self.clock())
            sync = asyncio.create_task(self._sync_clock(ws))
            try:
                async for raw in ws:
                    self._on_frame(raw)
            finally:
                sync.cancel()
                with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                    await sync
            self._check_close(ws)
        finally:
            self._ws = None

    async def _expect_welcome(self, ws: ClientConnection) -> Welcome:
        try:
            raw = await ws.recv()
        except ConnectionClosed:
            self._check_close(ws)
            raise
        message = parse_server(raw)
        if isinstance(message, Error):
            with contextlib.suppress(ConnectionClosed):
                await ws.recv()
            self._check_close(ws, message)
            raise ProtocolError(message.code, message.message)
        if not isinstance(message, Welcome):
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "expected a welcome")
        return message

    def _check_close(self, ws: ClientConnection, error: Error | None = None) -> None:
        close = ws.close_code
        if close in FATAL_CLOSES or (error is not None and error.code is ErrorCode.UNAUTHORIZED):
            raise _Fatal(error.message if error else f"closed with code {close}")

    async def _sync_clock(self, ws: ClientConnection) -> None:
        """A quick burst after connecting, then one sample every ``time_sync_interval``."""
        for _ in range(5):
            await ws.send(encode_bytes(TimeRequest(t0=self.clock())), text=True)
            await asyncio.sleep(0.05)
        while True:
            await asyncio.sleep(self.time_sync_interval)
            await ws.send(encode_bytes(TimeRequest(t0=self.clock())), text=True)

    # --- incoming ---------------------------------------------------------------------------------

    def _on_welcome(self, welcome: Welcome, sent: float, received: float) -> None:
        self.estimator.clear()
        self.estimator.add(sent, welcome.time, welcome.time, received)
        self.role = welcome.role
        self.slot = welcome.slot
        if not self.client_id:
            # Keep the identity the relay gave us, so retries after a reconnect count once.
            self.client_id = welcome.client_id
        self.state = welcome.state
        if self._welcomed:
            self.reconnects += 1
        self._welcomed = True
        self.offline_since = None
        self._set_status(LinkStatus.ONLINE)
        self._notify(Synced(state=welcome.state))
        self._ready.set()
        # Resend, in order, everything not yet acknowledged; ids make this safe.
        for pending in list(self._pending.values()):
            self._write_command(pending)

    def _on_frame(self, raw: str | bytes) -> None:
        try:
            message = parse_server(raw)
        except ProtocolError as exc:
            log.warning("ignored a malformed frame from the relay: %s", exc.code)
            return
        match message:
            case EventMessage(version=version, event=event):
                state = self.state
                if state is None or version <= state.version:
                    return  # already in the snapshot
                # Versions may jump: the relay leaves out events that change nothing this
                # reader can see (a cue for another slot, say). Each event is a whole record.
                evolve(state, event, version)
                self._notify(Applied(event=event, version=version))
            case Ack(id=command_id):
                pending = self._pending.pop(command_id, None)
                if pending is not None and not pending.future.done():
                    pending.future.set_result(message)
            case Error(code=ErrorCode.RATE_LIMITED, id=command_id):
                # Dropped unread, not refused: send it again once the relay's bucket refills. An
                # error that names no command may stand for any of them; ids make repeats safe.
                named = self._pending.get(command_id) if command_id else None
                again = [named] if named else list(self._pending.values())
                loop = asyncio.get_running_loop()
                for pending in again:
                    loop.call_later(RATE_LIMIT_RETRY, self._write_command, pending)
            case Error(id=command_id) if command_id is not None and command_id in self._pending:
                pending = self._pending.pop(command_id)
                if not pending.future.done():
                    pending.future.set_exception(CommandRefused(message))
            case Error(code=code, message=text):
                log.info("relay error: %s: %s", code, text)
            case TimeReply(t0=t0, t1=t1, t2=t2):
                self.estimator.add(t0, t1, t2, self.clock())
                estimate = self.estimator.estimate()
                if estimate is not None:
                    self._notify(estimate)
            case Presence():
                self.presence = message
                self._notify(message)
            case Welcome():
                log.warning("ignored a second welcome")

    # --- outgoing ---------------------------------------------------------------------------------

    def _write_command(self, pending: _Pending) -> None:
        ws = self._ws
        if ws is None or pending.future.done():
            return
        pending.sent = True
        task = self._background(ws.send(encode_bytes(pending.command), text=True))
        task.add_done_callback(_ignore_closed)

    def _background(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run ``work`` without awaiting it, keeping a reference until it is done."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

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
        for listener in list(self._listeners):
            try:
                listener(notice)
            except Exception:
                log.exception("a link listener failed")


class _Fatal(Exception):
    pass


def _ignore_closed(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        exc = task.exception()
        if exc is not None and not isinstance(exc, ConnectionClosed):
            log.warning("could not send a command: %s", exc)


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
