"""The relay: one authoritative copy of every room, shared over websockets.

Each connection says hello with its token; the token decides its role. Messages are handled one at
a time, synchronously, on the event loop, so room state needs no locks: parse, check the role, then
the command pipeline (``net/pipeline.py``) decides, commits and applies, and the fan-out
(``net/fanout.py``) sends each reader its redaction and the sender its ack. Nothing is
acknowledged or broadcast before its commit. This module is the websocket glue around them.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import ssl
import time
from collections.abc import Callable

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from kanpe.core.events import Principal, redact_state
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import (
    MAX_AUDIENCE_MESSAGE_CHARS,
    PROTOCOL_VERSION,
    CloseCode,
    Command,
    Error,
    ErrorCode,
    Hello,
    ProtocolError,
    React,
    TimeReply,
    TimeRequest,
    Welcome,
    command_id_in,
    encode_bytes,
    parse_client,
)
from kanpe.core.retention import PRUNE_EVERY
from kanpe.core.rules import RELAY_COMMANDS, authorize
from kanpe.core.rundown import Rundown
from kanpe.net.admission import Admission
from kanpe.net.autocues import AutoCueAlarm
from kanpe.net.fanout import Fanout
from kanpe.net.gcschedule import RelayCollector
from kanpe.net.heartbeat import heartbeat
from kanpe.net.intake import Intake
from kanpe.net.limits import TokenBucket
from kanpe.net.liveroom import Conn, LiveRoom, RoomInvites
from kanpe.net.outlet import WsOutlet
from kanpe.net.pipeline import run_command, save_snapshot_if_due
from kanpe.net.quietlog import websockets_logger
from kanpe.net.reactions import ReactionBatcher
from kanpe.net.relayclock import RelayClock
from kanpe.net.relayconfig import RelayConfig, default_data_dir
from kanpe.net.rooms import Rooms
from kanpe.net.store import Store
from kanpe.net.web import WebRoot

log = logging.getLogger("kanpe.relay")

__all__ = ["ADMIN_SECRET_FILE", "Relay", "RelayConfig", "RoomInvites", "default_data_dir"]


_WEBSOCKETS_LOG = websockets_logger("server")  # frame dumps would show tokens

ADMIN_SECRET_FILE = "admin.token"  # noqa: S105 - a file name, not a secret
PRESENCE_REFRESH = 5.0
#: A change of a speaker's clock error this large is news for the hosts at once (a clock stepped
#: mid-talk); smaller drifts go out with the next refresh.
CLOCK_NEWS = 0.25
CHECKPOINT_EVERY = 5.0


_PUBLIC_ROLES = frozenset({Role.AUDIENCE, Role.VIEWER})


class Relay:
    def __init__(
        self, config: RelayConfig | None = None, *, clock: RelayClock | None = None
    ) -> None:
        self.config = config or RelayConfig()
        self.limits = self.config.limits
        self.clock = clock or RelayClock()
        self.data_dir = self.config.data_dir or default_data_dir()
        self.store: Store | None = None
        self.rooms: dict[str, LiveRoom] = {}
        self._rooms: Rooms | None = None
        self.fanout = Fanout(self.limits, _call_later, defer_public=True)
        self.intake = Intake(self._on_message, self.fanout)
        self.reactions = ReactionBatcher(self._store, self.fanout, _call_later)
        self._server: Server | None = None
        self._admin_digest = b""
        self.admission = Admission(self.config)
        self._web = WebRoot(self.config.web_root)
        self._presence_task: asyncio.Task[None] | None = None
        self._checkpoint_task: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()
        self._autocues: AutoCueAlarm | None = None
        #: Monotonic time of the latest frame read from any connection (quiet moments for GC).
        self.last_frame = time.monotonic()
        self.collector: RelayCollector | None = None
        if self.config.gc is not None:
            self.collector = RelayCollector(self.config.gc, lambda: self.last_frame, self._has_work)

    @property
    def dropped_slow(self) -> int:
        """Connections dropped for not reading their messages."""
        return self.fanout.dropped_slow

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(
            self.data_dir / "relay.sqlite3", durable=self.config.durable, clock=self.clock.now
        )
        self._admin_digest = hashlib.sha256(self._admin_secret().encode()).digest()
        self._rooms = Rooms(self.store, lambda: self.url)
        self.rooms = self._rooms.live
        limits = self.limits
        self._server = await serve(
            self._handle,
            self.config.host,
            self.config.port,
            ssl=self._ssl_context(),
            process_request=self._process_request,
            compression=None,
            max_size=limits.max_message_bytes,
            max_queue=16,
            open_timeout=limits.open_timeout,
            ping_interval=limits.ping_interval,
            ping_timeout=limits.ping_timeout,
            close_timeout=2,
            server_header="Kanpe",
            logger=_WEBSOCKETS_LOG,
        )
        self._autocues = AutoCueAlarm(
            self.store, self.fanout, self.clock.now, asyncio.get_running_loop().call_later
        )
        for room in self.rooms.values():
            self._autocues.watch(room)  # cues that fell due while the relay was down go out now
        self.intake.start()
        self._presence_task = asyncio.create_task(self._refresh_presence())
        self._checkpoint_task = asyncio.create_task(self._checkpoints())
        if self.collector is not None:
            self.collector.start()  # freezes what start-up made: the rooms, the store
        log.info("relay listening on %s (%d rooms)", self.url, len(self.rooms))

    def _has_work(self) -> bool:
        return bool(self.intake.queued or self.fanout.backlog)

    def _store(self) -> Store:
        assert self.store is not None, "the relay is not started"
        return self.store

    async def stop(self) -> None:
        self._closing.set()
        if self.collector is not None:
            await self.collector.stop()
        if self._autocues is not None:
            self._autocues.close()
        if self.store is not None:
            self.reactions.flush_all()  # committed and acked before the connections close
        self.fanout.drain(budget=1 << 30)
        await self.intake.stop()
        if self._checkpoint_task is not None:
            await self._checkpoint_task
        if self._presence_task is not None:
            self._presence_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._presence_task
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
            self._server = None
        if self.store is not None:
            self.store.close()
            self.store = None

    async def __aenter__(self) -> Relay:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "the relay is not started"
        for sock in self._server.sockets:
            return int(sock.getsockname()[1])
        raise RuntimeError("the relay has no listening socket")

    @property
    def url(self) -> str:
        """Base URL of invite links."""
        if self.config.public_url:
            return self.config.public_url.rstrip("/")
        scheme = "https" if self.config.tls_cert else "http"
        host = self.config.host
        if host in ("0.0.0.0", "::", ""):  # noqa: S104 - naming the wildcard, not binding it
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"{scheme}://{host}:{self.port}"

    def _ssl_context(self) -> ssl.SSLContext | None:
        if not self.config.tls_cert:
            return None
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.config.tls_cert, self.config.tls_key)
        return context

    def _admin_secret(self) -> str:
        """The secret that authorises creating rooms, kept readable only by its owner."""
        path = self.data_dir / ADMIN_SECRET_FILE
        try:
            secret = path.read_text("ascii").strip()
            if len(secret) >= 32:
                return secret
        except FileNotFoundError:
            pass
        secret = secrets.token_urlsafe(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secret + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return secret

    # --- rooms --------------------------------------------------------------------------------

    async def create_room(self, name: str = "", rundown: Rundown | None = None) -> RoomInvites:
        assert self._rooms is not None, "the relay is not started"
        return self._rooms.create(name, rundown or Rundown())

    # --- HTTP side: admission, origin check, static pages --------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if path.endswith("/ws/admission"):
            return self.admission.probe(connection, request)
        if path != "/ws" and not path.endswith("/ws"):
            etags = request.headers.get_all("If-None-Match")
            return self._web.respond(connection, path, ", ".join(etags) if etags else None)
        return self.admission.check(connection, request)

    # --- websocket side -------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        conn: Conn | None = None
        try:
            conn = await self._greet(ws)
            if conn is None:
                return
            if conn.group == "public":
                await self.intake.read(conn, ws)  # handled in turn, after hosts and speakers
            else:
                room = conn.room
                assert room is not None
                beat = asyncio.create_task(
                    heartbeat(conn, ws, lambda: self.fanout.presence_changed(room))
                )
                try:
                    async for raw in ws:
                        self._on_message(conn, raw, time.monotonic())
                finally:
                    beat.cancel()
        except ConnectionClosed:
            pass
        finally:
            if conn is not None:
                self.fanout.leave(conn)

    def _clock_reading(self, conn: Conn, wall: float, received: float) -> None:
        """A host's or speaker's wall clock against relay time (half a round trip in flight):
        presence tells the hosts at once when it crosses CLOCK_NEWS or first becomes known."""
        error = wall + (conn.rtt or 0.0) / 2 - received
        before = conn.clock_error
        conn.clock_error = error
        if conn.room is not None and (before is None or abs(error - before) >= CLOCK_NEWS):
            self.fanout.presence_changed(conn.room)

    async def _greet(self, ws: ServerConnection) -> Conn | None:
        try:
            raw = await asyncio.wait_for(ws.recv(), self.limits.open_timeout)
        except TimeoutError:
            await ws.close(CloseCode.HELLO_TIMEOUT, "no hello in time")
            return None
        received = self.clock.now()
        try:
            hello = parse_client(raw)
            if not isinstance(hello, Hello):
                raise ProtocolError(ErrorCode.HELLO_REQUIRED, "the first message must be a hello")
        except ProtocolError as exc:
            close = (
                CloseCode.UNSUPPORTED_VERSION
                if exc.code is ErrorCode.UNSUPPORTED_VERSION
                else CloseCode.HELLO_REQUIRED
            )
            await self._refuse(ws, exc.code, exc.message, close)
            return None
        principal = self._authenticate(hello)
        if principal is None:
            await self._refuse(
                ws,
                ErrorCode.UNAUTHORIZED,
                "this link is not valid for this room",
                CloseCode.UNAUTHORIZED,
            )
            return None
        rate = self.limits.rates[principal.role]
        conn = Conn(WsOutlet(ws), principal, TokenBucket(rate, time.monotonic()))
        conn.app = hello.client
        if principal.role is Role.ADMIN:
            state = RoomState(id="")
        else:
            room = self.rooms[principal.room]
            self.fanout.join(room, conn)
            state = redact_state(room.state, principal)
        welcome = Welcome(
            protocol=PROTOCOL_VERSION,
            role=principal.role,
            room=principal.room,
            slot=principal.slot,
            client_id=principal.client,
            time=received,
            state=state,
        )
        data = encode_bytes(welcome)
        conn.welcome_bytes = len(data)
        self.fanout.write([conn], data)
        return conn

    def _authenticate(self, hello: Hello) -> Principal | None:
        assert self.store is not None
        digest = hashlib.sha256(hello.token.encode()).digest()
        if hmac.compare_digest(digest, self._admin_digest):
            return Principal(role=Role.ADMIN, client="admin")
        grant = self.store.grant_for(hello.token)
        if grant is None or grant.room != hello.room or grant.room not in self.rooms:
            return None
        match grant.role:
            case Role.AUDIENCE | Role.VIEWER:
                client = hello.client_id or secrets.token_urlsafe(12)
            case Role.SPEAKER:
                client = f"speaker-{grant.slot}"
            case _:
                client = grant.role.value
        return Principal(role=grant.role, room=grant.room, slot=grant.slot, client=client)

    async def _refuse(
        self, ws: ServerConnection, code: ErrorCode, message: str, close: CloseCode
    ) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(encode_bytes(Error(code=code, message=message)), text=True)
            await ws.close(close, code.value)

    # --- messages ---------------------------------------------------------------------------------

    def _on_message(self, conn: Conn, raw: str | bytes, read_at: float) -> None:
        """Handle one frame, read from ``conn`` at monotonic time ``read_at``: its rate is
        weighed then, and a time request is answered with the relay time of then. A command is
        decided at the relay time it is handled (docs/protocol.md 7.1)."""
        self.last_frame = read_at
        if conn.closing:
            return
        now = self.clock.now()
        # Relay time when read: the t1 of a time reply (the wait in the audience's queue is not
        # network delay). Commands are decided at ``now``, so times in the room only grow.
        received = now - max(0.0, time.monotonic() - read_at)
        if not conn.bucket.take(read_at):
            self._strike(conn, raw)
            return
        conn.strikes = 0
        if conn.principal.role in _PUBLIC_ROLES and len(raw) > MAX_AUDIENCE_MESSAGE_CHARS:
            # Anyone with the audience link may send: their frames are weighed before parsing.
            message_too_large = f"message over {MAX_AUDIENCE_MESSAGE_CHARS} characters"
            self.fanout.send(
                conn,
                Error(code=ErrorCode.TOO_LARGE, message=message_too_large, id=command_id_in(raw)),
            )
            return
        try:
            message = parse_client(raw)
        except ProtocolError as exc:
            self.fanout.send(conn, Error(code=exc.code, message=exc.message, id=exc.command_id))
            return
        match message:
            case TimeRequest(t0=t0, wall=wall):
                reply = TimeReply(t0=t0, t1=received, t2=self.clock.now())
                self.fanout.send(conn, reply, direct=True)
                if wall is not None and conn.group != "public":
                    self._clock_reading(conn, wall, received)
            case Hello():
                self.fanout.send(conn, Error(code=ErrorCode.BAD_MESSAGE, message="already joined"))
            case _:
                try:
                    self._on_command(conn, message, now)
                except ProtocolError as exc:
                    self.fanout.send(conn, Error(code=exc.code, message=exc.message, id=message.id))

    def _strike(self, conn: Conn, raw: str | bytes) -> None:
        conn.strikes += 1
        # Name the dropped command, so its sender knows exactly what to retry. Only a cheap look
        # for the id: a flood must not cost a full parse per frame.
        command_id = command_id_in(raw)
        if command_id is not None or conn.strikes == 1 or conn.strikes % 10 == 0:
            self.fanout.send(
                conn,
                Error(
                    code=ErrorCode.RATE_LIMITED, message="slow down; resend later", id=command_id
                ),
            )
        if conn.strikes >= self.limits.flood_strikes:
            log.warning("closing a %s connection for flooding", conn.principal.role.value)
            self._fail(conn, CloseCode.FLOODING, "flooding")

    def _fail(self, conn: Conn, code: CloseCode, reason: str) -> None:
        """Close at once: send the close frame and end our side, without waiting for the peer,
        whose reply may be queued behind everything it flooded us with."""
        conn.closing = True
        conn.outlet.fail(code, reason)

    def _on_command(self, conn: Conn, command: Command, now: float) -> None:
        who = conn.principal
        refusal = authorize(who, command)
        if refusal is not None:
            raise ProtocolError(refusal.code, refusal.reason)
        assert self._rooms is not None
        if type(command) in RELAY_COMMANDS:
            self.fanout.send(conn, self._rooms.relay_command(who, conn.room, command))
            return
        room = conn.room
        assert room is not None
        if isinstance(command, React):
            self.reactions.react(conn, room, who, command, now)  # counted, then acked
            return
        outcome = run_command(self._rooms.store, room, who, command, now)
        for item in outcome.published:
            self.fanout.publish(room, item.event, item.version, item.before)
        self.fanout.send(conn, outcome.ack)
        if self._autocues is not None and outcome.published:
            self._autocues.watch(room)
        save_snapshot_if_due(self._rooms.store, room)

    async def _checkpoints(self) -> None:
        """Fold the WAL into the database now and then, on a worker thread: a checkpoint's fsync
        took 3-300 ms inside a commit when SQLite ran it there by itself. Every PRUNE_EVERY of
        relay time, first forget the command ids no retry is honoured for any more."""
        pruned_at = self.clock.now()
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), CHECKPOINT_EVERY)
                return  # stop() waits for us, so a checkpoint never runs into close()
            if self.store is not None and self.clock.now() - pruned_at >= PRUNE_EVERY:
                pruned_at = self.clock.now()
                self.forget_commands()
            if self.store is not None and self.store.needs_checkpoint:
                try:
                    await asyncio.to_thread(self.store.checkpoint)
                except sqlite3.Error as exc:
                    log.warning("WAL checkpoint failed (will retry): %s", exc)

    def forget_commands(self) -> int:
        """Forget the command ids whose retries are no longer honoured (docs/protocol.md 7.1.1);
        returns how many. A failure forgets nothing and is tried again next time."""
        assert self.store is not None
        try:
            return self.store.forget_commands(self.config.retry_memory)
        except sqlite3.Error as exc:
            log.warning("could not forget old command ids (will retry): %s", exc)
            return 0

    async def _refresh_presence(self) -> None:
        """Hosts see speakers' latency; refresh it now and then, only where a host watches."""
        while True:
            await asyncio.sleep(PRESENCE_REFRESH)
            for room in self.rooms.values():
                if room.groups.get("host"):
                    self.fanout.presence_changed(room)


def _call_later(delay: float, callback: Callable[[], None]) -> None:
    asyncio.get_running_loop().call_later(delay, callback)
