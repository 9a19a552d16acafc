"""The relay: one authoritative copy of every room, shared over websockets.

Each connection says hello with its token; the token decides its role. Messages are handled one at
a time, synchronously, on the event loop, so room state needs no locks: parse, check the role, let
``core.rules.decide`` produce events, commit them, apply them, fan them out, acknowledge.
Nothing is acknowledged or broadcast before its commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import os
import re
import secrets
import sqlite3
import ssl
import time
from collections.abc import Iterable, Iterator

import msgspec
from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from kanpe.core.events import (
    Event,
    Principal,
    SlotChanged,
    evolve,
    published,
    redact,
    redact_slot,
    redact_state,
)
from kanpe.core.links import make_link
from kanpe.core.model import Role, RoomState, SlotState
from kanpe.core.protocol import (
    MAX_AUDIENCE_MESSAGE_CHARS,
    PROTOCOL_VERSION,
    Ack,
    CloseCode,
    Command,
    CreateInvite,
    CreateRoom,
    Error,
    ErrorCode,
    EventMessage,
    Hello,
    Peer,
    Presence,
    ProtocolError,
    ServerMessage,
    TimeReply,
    TimeRequest,
    Welcome,
    encode_bytes,
    message_tag,
    parse_client,
)
from kanpe.core.rules import RELAY_COMMANDS, Refusal, authorize, decide, initial_state
from kanpe.core.rundown import Rundown, RundownError
from kanpe.net.admission import Admission
from kanpe.net.limits import TokenBucket
from kanpe.net.liveroom import Conn, LiveRoom, RoomInvites, new_token
from kanpe.net.quietlog import websockets_logger
from kanpe.net.relayclock import RelayClock
from kanpe.net.relayconfig import RelayConfig, default_data_dir
from kanpe.net.store import SNAPSHOT_EVERY, Store
from kanpe.net.web import WebRoot

log = logging.getLogger("kanpe.relay")

__all__ = ["ADMIN_SECRET_FILE", "Relay", "RelayConfig", "RoomInvites", "default_data_dir"]


_WEBSOCKETS_LOG = websockets_logger("server")  # frame dumps would show tokens

ADMIN_SECRET_FILE = "admin.token"  # noqa: S105 - a file name, not a secret
PRESENCE_DELAY = 0.25
PRESENCE_REFRESH = 5.0
RELAY_RESULTS_KEPT = 1000
CHECKPOINT_EVERY = 5.0


_PUBLIC_ROLES = frozenset({Role.AUDIENCE, Role.VIEWER})


@contextlib.contextmanager
def _store_errors_are_internal(doing: str) -> Iterator[None]:
    """A store failure answers this command with ``internal`` (docs/protocol.md) and keeps the
    connection: nothing was written, and the client may try again."""
    try:
        yield
    except sqlite3.Error:
        log.exception("could not %s", doing)
        raise ProtocolError(
            ErrorCode.INTERNAL, "the relay could not save this; try again"
        ) from None


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
        self._server: Server | None = None
        self._admin_digest = b""
        self.admission = Admission(self.config)
        self._web = WebRoot(self.config.web_root)
        self._presence_task: asyncio.Task[None] | None = None
        self._checkpoint_task: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()
        self._relay_results: dict[tuple[str, str, str], tuple[bytes, Ack]] = {}
        self.dropped_slow = 0

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.data_dir / "relay.sqlite3", durable=self.config.durable)
        self._admin_digest = hashlib.sha256(self._admin_secret().encode()).digest()
        for room_id in self.store.room_ids():
            state = self.store.load_room(room_id)
            if state is not None:
                self.rooms[room_id] = LiveRoom(state)
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
        self._presence_task = asyncio.create_task(self._refresh_presence())
        self._checkpoint_task = asyncio.create_task(self._checkpoints())
        log.info("relay listening on %s (%d rooms)", self.url, len(self.rooms))

    async def stop(self) -> None:
        self._closing.set()
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
        return self._create_room(name, rundown or Rundown())

    def _create_room(self, name: str, rundown: Rundown) -> RoomInvites:
        assert self.store is not None
        room_id = secrets.token_urlsafe(9)
        state = initial_state(room_id, name, rundown)
        grants: list[tuple[str, Role, str | None]] = [
            (new_token(), Role.HOST, None),
            (new_token(), Role.AUDIENCE, None),
            (new_token(), Role.VIEWER, None),
            *[(new_token(), Role.SPEAKER, slot.id) for slot in rundown.slots],
        ]
        with _store_errors_are_internal("create a room"):
            self.store.create_room(state, grants)
        self.rooms[room_id] = LiveRoom(state)
        links = {
            (role, slot): make_link(self.url, role, room_id, token) for token, role, slot in grants
        }
        log.info("room %s created with %d slots", room_id, len(rundown.slots))
        return RoomInvites(
            room=room_id,
            host=links[Role.HOST, None],
            audience=links[Role.AUDIENCE, None],
            viewer=links[Role.VIEWER, None],
            speakers={slot.id: links[Role.SPEAKER, slot.id] for slot in rundown.slots},
        )

    def _create_invite(self, room: LiveRoom, role: Role, slot: str | None) -> str:
        assert self.store is not None
        if role is Role.ADMIN:
            raise ProtocolError(ErrorCode.REFUSED, "admin links are not invites")
        if role is Role.SPEAKER:
            if slot is None or slot not in room.state.slots:
                raise ProtocolError(
                    ErrorCode.NOT_FOUND, "a speaker invite needs a slot of the rundown"
                )
        elif slot is not None:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "only speaker invites name a slot")
        token = new_token()
        with _store_errors_are_internal("save an invite"):
            self.store.add_tokens(room.state.id, [(token, role, slot)])
        return make_link(self.url, role, room.state.id, token)

    # --- HTTP side: admission, origin check, static pages --------------------------------------

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
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
            async for raw in ws:
                self._on_message(conn, raw)
        except ConnectionClosed:
            pass
        finally:
            if conn is not None:
                self._leave(conn)

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
        conn = Conn(ws, principal, TokenBucket(rate, time.monotonic()))
        if principal.role is Role.ADMIN:
            state = RoomState(id="")
        else:
            room = self.rooms[principal.room]
            conn.room = room
            room.groups[conn.group].add(conn)
            state = redact_state(room.state, principal)
            self._presence_changed(room)
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
        self._write([conn], data)
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

    def _leave(self, conn: Conn) -> None:
        room = conn.room
        if room is None:
            return
        room.groups[conn.group].discard(conn)
        if not room.groups[conn.group]:
            del room.groups[conn.group]
        self._presence_changed(room)

    # --- messages ---------------------------------------------------------------------------------

    def _on_message(self, conn: Conn, raw: str | bytes) -> None:
        received = self.clock.now()
        if conn.closing:
            return
        if not conn.bucket.take(time.monotonic()):
            self._strike(conn, raw)
            return
        conn.strikes = 0
        if conn.principal.role in _PUBLIC_ROLES and len(raw) > MAX_AUDIENCE_MESSAGE_CHARS:
            # Anyone with the audience link may send: their frames are weighed before parsing.
            message_too_large = f"message over {MAX_AUDIENCE_MESSAGE_CHARS} characters"
            self._send(conn, Error(code=ErrorCode.TOO_LARGE, message=message_too_large))
            return
        try:
            message = parse_client(raw)
        except ProtocolError as exc:
            self._send(conn, Error(code=exc.code, message=exc.message, id=exc.command_id))
            return
        match message:
            case TimeRequest(t0=t0):
                self._send(conn, TimeReply(t0=t0, t1=received, t2=self.clock.now()))
            case Hello():
                self._send(conn, Error(code=ErrorCode.BAD_MESSAGE, message="already joined"))
            case _:
                try:
                    self._on_command(conn, message, received)
                except ProtocolError as exc:
                    self._send(conn, Error(code=exc.code, message=exc.message, id=message.id))

    def _strike(self, conn: Conn, raw: str | bytes) -> None:
        conn.strikes += 1
        # Name the dropped command, so its sender knows exactly what to retry. Only a cheap look
        # for the id: a flood must not cost a full parse per frame.
        found = _COMMAND_ID.search(raw[:256]) if isinstance(raw, str) else None
        command_id = found.group(1) if found else None
        if command_id is not None or conn.strikes == 1 or conn.strikes % 10 == 0:
            self._send(
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
        conn.ws.protocol.fail(code, reason)
        conn.ws.send_data()

    def _on_command(self, conn: Conn, command: Command, now: float) -> None:
        who = conn.principal
        refusal = authorize(who, command)
        if refusal is not None:
            raise ProtocolError(refusal.code, refusal.reason)
        if type(command) in RELAY_COMMANDS:
            self._on_relay_command(conn, command)
            return
        room = conn.room
        assert room is not None
        assert self.store is not None
        state = room.state
        digest = hashlib.sha256(encode_bytes(command)).digest()
        with _store_errors_are_internal("look up a command id"):
            record = self.store.command_record(state.id, who.key, command.id)
        if record is not None:
            if not hmac.compare_digest(record.digest, digest):
                raise ProtocolError(
                    ErrorCode.ID_REUSED, "this command id was used for another command"
                )
            self._send(conn, Ack(id=command.id, version=record.version, duplicate=True))
            return
        outcome = decide(state, who, command, now)
        if isinstance(outcome, Refusal):
            raise ProtocolError(outcome.code, outcome.reason)
        first = state.version + 1
        try:
            self.store.commit(state.id, first, outcome, (who.key, command.id, digest))
        except Exception:
            log.exception("could not commit %s; nothing was applied", message_tag(type(command)))
            raise ProtocolError(
                ErrorCode.INTERNAL, "the relay could not save this; try again"
            ) from None
        for offset, event in enumerate(outcome):
            before = state.slots.get(event.slot.id) if isinstance(event, SlotChanged) else None
            evolve(state, event, first + offset)
            self._fan_out(room, published(state, event), first + offset, before)
        self._send(conn, Ack(id=command.id, version=state.version))
        if state.version - room.snapshot_version >= SNAPSHOT_EVERY:
            try:
                self.store.save_snapshot(state)
            except sqlite3.Error:
                # The events are committed; only the shortcut for the next load is missing. The
                # command was acknowledged: this connection stays, and a later command retries.
                log.exception("could not save a snapshot of room %s", room.state.id)
            else:
                room.snapshot_version = state.version

    def _on_relay_command(self, conn: Conn, command: Command) -> None:
        """room.create and invite.create. Their results carry new tokens, which the store keeps
        only as digests, so a retry of the same id is answered from memory with the same result
        (for as long as this relay runs)."""
        key = (conn.principal.room, conn.principal.key, command.id)
        digest = hashlib.sha256(encode_bytes(command)).digest()
        remembered = self._relay_results.get(key)
        if remembered is not None:
            if not hmac.compare_digest(remembered[0], digest):
                raise ProtocolError(
                    ErrorCode.ID_REUSED, "this command id was used for another command"
                )
            self._send(conn, msgspec.structs.replace(remembered[1], duplicate=True))
            return
        ack = self._relay_command_ack(conn, command)
        self._relay_results[key] = (digest, ack)
        while len(self._relay_results) > RELAY_RESULTS_KEPT:
            del self._relay_results[next(iter(self._relay_results))]
        self._send(conn, ack)

    def _relay_command_ack(self, conn: Conn, command: Command) -> Ack:
        match command:
            case CreateRoom(name=name, rundown=rundown):
                try:
                    invites = self._create_room(name, rundown or Rundown())
                except RundownError as exc:
                    raise ProtocolError(ErrorCode.REFUSED, str(exc)) from None
                return Ack(id=command.id, version=1, result=invites.as_result())
            case CreateInvite(role=role, slot=slot):
                assert conn.room is not None
                link = self._create_invite(conn.room, role, slot)
                return Ack(id=command.id, version=conn.room.state.version, result={"link": link})
            case _:
                raise ProtocolError(ErrorCode.REFUSED, "not a relay command")

    # --- sending --------------------------------------------------------------------------------

    def _send(self, conn: Conn, message: ServerMessage) -> None:
        self._write([conn], encode_bytes(message))

    def _fan_out(
        self, room: LiveRoom, event: Event, version: int, before: SlotState | None = None
    ) -> None:
        """Send each group its redaction of ``event``, and nothing to a group for which it
        changes nothing: a cue is not even a blank event to the audience. So the audience's
        thousand writes never delay a cue, and nobody learns when cues happen."""
        # Hosts and speakers first, the public group last: writing to a thousand audience
        # connections takes the loop ~10-30 ms, and a speaker's cue must not wait behind it.
        groups = sorted(room.groups.items(), key=lambda item: item[0] == "public")
        for _, group in groups:
            if not group:
                continue
            reader = next(iter(group)).principal
            seen = redact(event, reader)
            if (
                before is not None
                and isinstance(seen, SlotChanged)
                and seen.slot == redact_slot(before, reader)
            ):
                continue
            self._write(group, encode_bytes(EventMessage(version=version, event=seen)))

    def _write(self, conns: Iterable[Conn], data: bytes) -> None:
        """Queue ``data`` to every connection; drop any that has stopped reading."""
        conns = list(conns)
        broadcast([c.ws for c in conns], data, text=True)
        # The cap is on what is left over besides this message, and besides the welcome while
        # it drains: a large snapshot to a slow phone is not falling behind. A reader that stops
        # soon passes the cap all the same.
        limit = self.limits.max_write_buffer
        for conn in conns:
            transport = conn.ws.transport
            buffered = transport.get_write_buffer_size() if transport is not None else 0
            if conn.welcome_bytes and buffered <= limit:
                conn.welcome_bytes = 0  # the welcome has gone out
            if buffered > limit + len(data) + conn.welcome_bytes:
                self._drop_slow(conn)

    def _drop_slow(self, conn: Conn) -> None:
        if conn.closing:
            return
        conn.closing = True  # frames it already sent us are ignored from now on
        self.dropped_slow += 1
        log.warning(
            "dropping a %s connection that stopped reading (close %d)",
            conn.principal.role.value,
            CloseCode.SLOW_CONSUMER,
        )
        self._leave(conn)
        conn.room = None
        # Abort, not close: a polite close would queue behind the megabytes it is not reading.
        conn.ws.transport.abort()

    # --- presence -------------------------------------------------------------------------------

    def _presence_changed(self, room: LiveRoom) -> None:
        if room.presence_pending:
            return
        room.presence_pending = True
        asyncio.get_running_loop().call_later(PRESENCE_DELAY, self._send_presence, room)

    def _send_presence(self, room: LiveRoom) -> None:
        room.presence_pending = False
        peers = tuple(
            Peer(
                role=conn.principal.role,
                slot=conn.principal.slot,
                client=conn.principal.client,
                latency_ms=round(conn.ws.latency * 1000, 2) if conn.ws.latency else None,
            )
            for key, group in room.groups.items()
            if key != "public"
            for conn in group
        )
        audience = sum(
            1 for conn in room.groups.get("public", ()) if conn.principal.role is Role.AUDIENCE
        )
        private = encode_bytes(Presence(peers=peers, audience=audience))
        public = encode_bytes(Presence(audience=audience))
        for key, group in list(room.groups.items()):
            self._write(list(group), public if key == "public" else private)

    async def _checkpoints(self) -> None:
        """Fold the WAL into the database now and then, on a worker thread: a checkpoint's fsync
        took 3-300 ms inside a commit when SQLite ran it there by itself."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), CHECKPOINT_EVERY)
                return  # stop() waits for us, so a checkpoint never runs into close()
            if self.store is not None and self.store.needs_checkpoint:
                try:
                    await asyncio.to_thread(self.store.checkpoint)
                except sqlite3.Error as exc:
                    log.warning("WAL checkpoint failed (will retry): %s", exc)

    async def _refresh_presence(self) -> None:
        """Hosts see speakers' latency; refresh it now and then, only where a host watches."""
        while True:
            await asyncio.sleep(PRESENCE_REFRESH)
            for room in self.rooms.values():
                if room.groups.get("host"):
                    self._presence_changed(room)


_COMMAND_ID = re.compile(r'"id"\s*:\s*"([A-Za-z0-9_.:-]{1,64})"')
