"""Fan-out: who in a room receives what, the write-buffer cap that drops a reader that stopped
reading, and presence (who is connected), batched.

Writes to hosts and speakers go out at once. With ``defer_public``, writes to the public group
(audience and viewers) wait in one backlog, in order, and ``drain`` writes them a slice at a time
(docs/protocol.md 12.2): the relay's loop then never spends a thousand writes in one go while a
cue waits.

It writes to ``Outlet``s and schedules through an injected ``call_later``, so it runs and is
tested without websockets or an event loop.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable

from kanpe.core.events import Event, SlotChanged, redact, redact_slot, visible_to
from kanpe.core.model import Role, SlotState
from kanpe.core.protocol import (
    CloseCode,
    EventMessage,
    Peer,
    Presence,
    ServerMessage,
    encode_bytes,
)
from kanpe.net.limits import Limits
from kanpe.net.liveroom import Conn, LiveRoom

log = logging.getLogger("kanpe.relay")

#: Seconds between a join or leave and the presence message that tells it (joins batch).
PRESENCE_DELAY = 0.25

#: Connections written to per ``drain`` slice.
DRAIN_SLICE = 256

type CallLater = Callable[[float, Callable[[], None]], object]


class Fanout:
    def __init__(
        self, limits: Limits, call_later: CallLater, *, defer_public: bool = False
    ) -> None:
        self.limits = limits
        self._call_later = call_later
        self.defer_public = defer_public
        self._backlog: deque[tuple[list[Conn], bytes]] = deque()
        #: Called when the backlog goes from empty to not, so its drainer wakes up.
        self.on_backlog: Callable[[], None] = lambda: None
        #: Connections dropped for not reading (docs/protocol.md, slow consumers).
        self.dropped_slow = 0

    # --- membership ------------------------------------------------------------------------------

    def join(self, room: LiveRoom, conn: Conn) -> None:
        conn.room = room
        room.groups[conn.group].add(conn)
        self.presence_changed(room)

    def leave(self, conn: Conn) -> None:
        room = conn.room
        if room is None:
            return
        room.groups[conn.group].discard(conn)
        if not room.groups[conn.group]:
            del room.groups[conn.group]
        self.presence_changed(room)

    # --- sending ---------------------------------------------------------------------------------

    def send(self, conn: Conn, message: ServerMessage, *, direct: bool = False) -> None:
        """``direct``: past the backlog, for a message whose order does not matter (a time
        reply, whose stamps must not age in a queue)."""
        data = encode_bytes(message)
        if direct:
            self._write_now([conn], data)
        else:
            self.write([conn], data)

    def publish(
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
            if not visible_to(event, reader):
                continue  # a report, for hosts only
            seen = redact(event, reader)
            if (
                before is not None
                and isinstance(seen, SlotChanged)
                and seen.slot == redact_slot(before, reader)
            ):
                continue
            self.write(group, encode_bytes(EventMessage(version=version, event=seen)))

    def write(self, conns: Iterable[Conn], data: bytes) -> None:
        """Queue ``data`` to every connection; drop any that has stopped reading. Public
        connections get it through the backlog when it is on."""
        conns = list(conns)
        if self.defer_public:
            public = [c for c in conns if c.group == "public"]
            if public:
                if not self._backlog:
                    self.on_backlog()
                self._backlog.append((public, data))
                conns = [c for c in conns if c.group != "public"]
        self._write_now(conns, data)

    @property
    def backlog(self) -> int:
        """Messages waiting for public connections."""
        return len(self._backlog)

    def drain(self, budget: int = DRAIN_SLICE) -> bool:
        """Write the backlog to at most ``budget`` connections, in order; True if some is left."""
        while self._backlog and budget > 0:
            conns, data = self._backlog[0]
            if len(conns) > budget:
                self._backlog[0] = (conns[budget:], data)
                conns = conns[:budget]
            else:
                self._backlog.popleft()
            budget -= len(conns)
            self._write_now(conns, data)
        return bool(self._backlog)

    def _write_now(self, conns: list[Conn], data: bytes) -> None:
        # The cap is on what is left over besides this message, and besides the welcome while
        # it drains: a large snapshot to a slow phone is not falling behind. A reader that stops
        # soon passes the cap all the same.
        limit = self.limits.max_write_buffer
        for conn in conns:
            conn.outlet.write(data)
        for conn in conns:
            buffered = conn.outlet.buffered()
            if conn.welcome_bytes and buffered <= limit:
                conn.welcome_bytes = 0  # the welcome has gone out
            if buffered > limit + len(data) + conn.welcome_bytes:
                self.drop_slow(conn)

    def drop_slow(self, conn: Conn) -> None:
        if conn.closing:
            return
        conn.closing = True  # frames it already sent us are ignored from now on
        self.dropped_slow += 1
        log.warning(
            "dropping a %s connection that stopped reading (close %d)",
            conn.principal.role.value,
            CloseCode.SLOW_CONSUMER,
        )
        self.leave(conn)
        conn.room = None
        # Abort, not close: a polite close would queue behind the megabytes it is not reading.
        conn.outlet.abort()

    # --- presence --------------------------------------------------------------------------------

    def presence_changed(self, room: LiveRoom) -> None:
        if room.presence_pending:
            return
        room.presence_pending = True
        self._call_later(PRESENCE_DELAY, lambda: self.send_presence(room))

    def send_presence(self, room: LiveRoom) -> None:
        room.presence_pending = False
        peers = tuple(
            Peer(
                role=conn.principal.role,
                slot=conn.principal.slot,
                client=conn.principal.client,
                latency_ms=_ms(conn.rtt or conn.outlet.latency()),
                app=conn.app,
                stalled=conn.stalled,
                clock_ms=None if conn.clock_error is None else round(conn.clock_error * 1000),
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
            self.write(list(group), public if key == "public" else private)


def _ms(seconds: float | None) -> float | None:
    return round(seconds * 1000, 2) if seconds else None
