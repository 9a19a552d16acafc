"""The command pipeline: one room command from one principal, decided, committed, applied.

``run_command`` takes the room, the store, the principal, the command and the relay time, and
returns the ack and the events to publish, or raises ``ProtocolError``. It neither reads nor
writes a socket, so it is tested with a real store and plain data. Nothing it returns exists
before its commit: a command whose events could not be committed changes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from kanpe.core.events import Event, Principal, SlotChanged, evolve, published
from kanpe.core.model import SlotState
from kanpe.core.protocol import Ack, Command, ErrorCode, ProtocolError, encode_bytes, message_tag
from kanpe.core.rules import Refusal, decide
from kanpe.net.liveroom import LiveRoom
from kanpe.net.store import SNAPSHOT_EVERY, Store

log = logging.getLogger("kanpe.relay")

ID_REUSED = "this command id was used for another command"


@dataclass(frozen=True, slots=True)
class Published:
    """An applied event for readers, with the version it made and, for a slot, the slot before
    (so the fan-out can skip readers whose redaction did not change)."""

    event: Event
    version: int
    before: SlotState | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    ack: Ack
    published: tuple[Published, ...] = ()


@contextlib.contextmanager
def store_errors_are_internal(doing: str) -> Iterator[None]:
    """A store failure answers this command with ``internal`` (docs/protocol.md) and keeps the
    connection: nothing was written, and the client may try again."""
    try:
        yield
    except sqlite3.Error:
        log.exception("could not %s", doing)
        raise ProtocolError(
            ErrorCode.INTERNAL, "the relay could not save this; try again"
        ) from None


def command_digest(command: Command) -> bytes:
    return hashlib.sha256(encode_bytes(command)).digest()


def run_command(
    store: Store, room: LiveRoom, who: Principal, command: Command, now: float
) -> Outcome:
    """Decide ``command`` against ``room``, commit its events, apply them. A retried id is
    answered from the store with its first version (``duplicate``). Raises ProtocolError.
    The caller publishes, acks, then calls ``save_snapshot_if_due``."""
    state = room.state
    digest = command_digest(command)
    with store_errors_are_internal("look up a command id"):
        record = store.command_record(state.id, who.key, command.id)
    if record is not None:
        if not hmac.compare_digest(record.digest, digest):
            raise ProtocolError(ErrorCode.ID_REUSED, ID_REUSED)
        return Outcome(Ack(id=command.id, version=record.version, duplicate=True))
    outcome = decide(state, who, command, now)
    if isinstance(outcome, Refusal):
        raise ProtocolError(outcome.code, outcome.reason)
    first = state.version + 1
    try:
        store.commit(state.id, first, outcome, (who.key, command.id, digest))
    except Exception:
        log.exception("could not commit %s; nothing was applied", message_tag(type(command)))
        raise ProtocolError(
            ErrorCode.INTERNAL, "the relay could not save this; try again"
        ) from None
    applied = []
    for offset, event in enumerate(outcome):
        before = state.slots.get(event.slot.id) if isinstance(event, SlotChanged) else None
        evolve(state, event, first + offset)
        applied.append(Published(published(state, event), first + offset, before))
    return Outcome(Ack(id=command.id, version=state.version), tuple(applied))


def save_snapshot_if_due(store: Store, room: LiveRoom) -> None:
    """Every SNAPSHOT_EVERY versions, a snapshot shortens the next load. Called after the
    outcome was sent: readers and the sender do not wait for it."""
    state = room.state
    if state.version - room.snapshot_version < SNAPSHOT_EVERY:
        return
    try:
        store.save_snapshot(state)
    except sqlite3.Error:
        # The events are committed; only the shortcut for the next load is missing. The
        # command was acknowledged: this connection stays, and a later command retries.
        log.exception("could not save a snapshot of room %s", room.state.id)
    else:
        room.snapshot_version = state.version
