"""Reactions, coalesced: each accepted ``react`` is added to its room's pending batch, and at
most REACTION_FLUSH seconds later the batch is committed as one ``reactions`` event per talk
(``core.rules.count_reactions``), sent to the room, and every reaction in it is acknowledged.

So an applause of hundreds costs a few commits and a few events a second per room, not one of
each per tap (docs/protocol.md, ``react`` and ``reactions``).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from kanpe.core.events import Principal, Reacted, SlotChanged, evolve, published
from kanpe.core.protocol import Ack, Error, ErrorCode, ProtocolError, React
from kanpe.core.rules import Refusal, count_reactions, decide
from kanpe.net.fanout import CallLater, Fanout
from kanpe.net.liveroom import Conn, LiveRoom
from kanpe.net.pipeline import (
    ID_REUSED,
    command_digest,
    save_snapshot_if_due,
    store_errors_are_internal,
)
from kanpe.net.store import Store

log = logging.getLogger("kanpe.relay")

#: Seconds from the first pending reaction of a room to the event that counts it.
REACTION_FLUSH = 0.2


@dataclass(slots=True)
class _Waiting:
    digest: bytes
    conns: list[Conn]


@dataclass(slots=True)
class _Batch:
    reactions: list[Reacted] = field(default_factory=list)
    #: (principal key, command id) -> who waits for the ack
    waiting: dict[tuple[str, str], _Waiting] = field(default_factory=dict)


class ReactionBatcher:
    def __init__(self, store: Callable[[], Store], fanout: Fanout, call_later: CallLater) -> None:
        self._store = store
        self._fanout = fanout
        self._call_later = call_later
        self._pending: dict[str, tuple[LiveRoom, _Batch]] = {}
        #: Events committed so far (each counts one talk's batch), for benchmarks and tests.
        self.flushed = 0

    def react(self, conn: Conn, room: LiveRoom, who: Principal, command: React, now: float) -> None:
        """Accept ``command`` into the room's batch, or answer it now: a duplicate of a
        committed id with its ack, a refusal with its error (raised as ProtocolError)."""
        digest = command_digest(command)
        store = self._store()
        with store_errors_are_internal("look up a command id"):
            record = store.command_record(room.state.id, who.key, command.id)
        if record is not None:
            if not hmac.compare_digest(record.digest, digest):
                raise ProtocolError(ErrorCode.ID_REUSED, ID_REUSED)
            self._fanout.send(conn, Ack(id=command.id, version=record.version, duplicate=True))
            return
        entry = self._pending.get(room.state.id)
        key = (who.key, command.id)
        if entry is not None and key in entry[1].waiting:
            waiting = entry[1].waiting[key]
            if not hmac.compare_digest(waiting.digest, digest):
                raise ProtocolError(ErrorCode.ID_REUSED, ID_REUSED)
            if conn not in waiting.conns:
                waiting.conns.append(conn)  # the same reaction again: one count, acked to both
            return
        outcome = decide(room.state, who, command, now)
        if isinstance(outcome, Refusal):
            raise ProtocolError(outcome.code, outcome.reason)
        if entry is None:
            entry = (room, _Batch())
            self._pending[room.state.id] = entry
            self._call_later(REACTION_FLUSH, lambda: self.flush(room.state.id))
        batch = entry[1]
        batch.reactions.extend(e for e in outcome if isinstance(e, Reacted))
        batch.waiting[key] = _Waiting(digest, [conn])

    def flush(self, room_id: str) -> None:
        """Commit the room's batch, send its events, then ack every reaction it holds."""
        entry = self._pending.pop(room_id, None)
        if entry is None:
            return
        room, batch = entry
        state = room.state
        events = count_reactions(state, batch.reactions)
        first = state.version + 1
        records = [(key, command_id, w.digest) for (key, command_id), w in batch.waiting.items()]
        store = self._store()
        try:
            store.commit(state.id, first, events, None, more_commands=records)
        except Exception:
            log.exception("could not commit %d reactions; nothing was applied", len(records))
            for (_, command_id), waiting in batch.waiting.items():
                error = Error(
                    code=ErrorCode.INTERNAL,
                    message="the relay could not save this; try again",
                    id=command_id,
                )
                for conn in waiting.conns:
                    self._fanout.send(conn, error)
            return
        for offset, event in enumerate(events):
            assert not isinstance(event, SlotChanged)
            evolve(state, event, first + offset)
            self._fanout.publish(room, published(state, event), first + offset)
        self.flushed += len(events)
        for (_, command_id), waiting in batch.waiting.items():
            ack = Ack(id=command_id, version=state.version)
            for conn in waiting.conns:
                if not conn.closing:
                    self._fanout.send(conn, ack)
        save_snapshot_if_due(store, room)

    def flush_all(self) -> None:
        for room_id in list(self._pending):
            self.flush(room_id)
