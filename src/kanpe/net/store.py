"""The relay's durable state: SQLite in WAL mode.

A room is a snapshot plus the events after it. A command's events, and the record of its id (so a
retry is applied once), are committed in one transaction before anyone is told about them; on
restart each room is its last snapshot with the later events replayed through ``evolve``.

What a long event would grow by is pruned: the events a snapshot covers are deleted with it, and
the command ids by the rule of ``core/retention.py`` (``forget_commands``), so the database of a
six-hour night is as large as its last half hour and its rooms, not as the whole night.

WAL with ``synchronous=NORMAL`` makes a commit durable against the relay process dying (kill -9)
at no fsync cost; ``durable=True`` switches to ``synchronous=FULL`` to survive power loss as well.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from kanpe.core.events import LogEvent, evolve
from kanpe.core.model import Role, RoomState
from kanpe.core.retention import RetryMemory

#: 2: commands carry the relay time of their commit (``at``), for forgetting them.
SCHEMA_VERSION = 2
#: Versions a read-only reader (``kanpe export``) understands: it reads no command ids.
READABLE_SCHEMAS = frozenset({"1", "2"})
SNAPSHOT_EVERY = 500
#: About 16 MB of 4 KB pages: the WAL a busy relay may reach between checkpoints.
WAL_LIMIT_FRAMES = 4000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    digest BLOB PRIMARY KEY, room TEXT NOT NULL, role TEXT NOT NULL, slot TEXT
);
CREATE TABLE IF NOT EXISTS snapshots (
    room TEXT PRIMARY KEY, version INTEGER NOT NULL, state BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    room TEXT NOT NULL, version INTEGER NOT NULL, event BLOB NOT NULL,
    PRIMARY KEY (room, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commands (
    room TEXT NOT NULL, principal TEXT NOT NULL, id TEXT NOT NULL,
    digest BLOB NOT NULL, version INTEGER NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (room, principal, id)
) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS commands_by_age ON commands (at);
CREATE INDEX IF NOT EXISTS commands_by_version ON commands (room, principal, version);
"""

_event_encoder = msgspec.json.Encoder()
_event_decoder: msgspec.json.Decoder[LogEvent] = msgspec.json.Decoder(LogEvent)
_state_decoder = msgspec.json.Decoder(RoomState)


class StoreError(RuntimeError):
    """The data directory cannot be used; the message says what to do."""


@dataclass(frozen=True, slots=True)
class TokenGrant:
    room: str
    role: Role
    slot: str | None


@dataclass(frozen=True, slots=True)
class CommandRecord:
    digest: bytes
    version: int


def token_digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


class Store:
    """One SQLite database. Not thread-safe: the relay uses it from its event loop only."""

    def __init__(
        self,
        path: Path,
        *,
        durable: bool = False,
        read_only: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Open (or create) the database at ``path``. ``read_only`` opens an existing one only
        to read it, for ``kanpe export``: nothing is created or written, a relay may be running.
        ``clock`` is relay time, stamped on each command id committed (the relay's own)."""
        self.path = path
        self._clock = clock
        self._checkpointer: sqlite3.Connection | None = None
        self._commits = 0  # transactions committed, so an idle store skips checkpoints
        self._checkpointed = 0
        self._read_only = read_only
        #: A WAL longer than this after a checkpoint is emptied (see ``checkpoint``).
        self.wal_limit_frames = WAL_LIMIT_FRAMES
        if read_only:
            self._open_read_only(path)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            # Checkpoints fsync; they run on a worker thread (``checkpoint``), never inside a
            # commit on the relay's event loop.
            self._db.execute("PRAGMA wal_autocheckpoint=0")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            self._check_schema()
            self._db.executescript(_INDEXES)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open the relay database {path}: {exc}. The file was left as it is; "
                "move it aside or choose another --data directory."
            ) from exc

    def _open_read_only(self, path: Path) -> None:
        if not path.is_file():
            raise StoreError(f"there is no relay database at {path}")
        try:
            uri = path.resolve().as_uri() + "?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the relay database {path}: {exc}") from exc
        if row is None or row[0] not in READABLE_SCHEMAS:
            raise StoreError(f"{path} is not a relay database this version of Kanpe reads")

    def _check_schema(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )
        elif row[0] == "1":
            self._upgrade_from_1()
        elif row[0] != str(SCHEMA_VERSION):
            raise sqlite3.DatabaseError(
                f"schema version {row[0]}; this relay understands {SCHEMA_VERSION}"
            )

    def _upgrade_from_1(self) -> None:
        """Version 1 had no commit time on command ids: they count as committed now, so each
        is remembered a whole window from the upgrade (never shorter than it was promised)."""
        with self._transaction():
            self._db.execute("ALTER TABLE commands ADD COLUMN at REAL NOT NULL DEFAULT 0")
            self._db.execute("UPDATE commands SET at = ?", (self._clock(),))
            self._db.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),)
            )

    @property
    def needs_checkpoint(self) -> bool:
        """Whether anything was committed since the last checkpoint."""
        return self._commits != self._checkpointed

    def checkpoint(self) -> tuple[int, int]:
        """Copy the WAL into the database file; returns (frames in the WAL, frames copied).
        Safe from a worker thread: it uses its own connection, and a PASSIVE checkpoint never
        blocks the writer; only a WAL past ``wal_limit_frames`` holds commits off, for the
        frames the passive pass missed."""
        if self._commits == self._checkpointed:
            return 0, 0  # nothing new: an idle relay does not wake the disk
        self._checkpointed = self._commits
        if self._checkpointer is None:
            self._checkpointer = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False
            )
        _busy, frames, copied = self._checkpointer.execute(
            "PRAGMA wal_checkpoint(PASSIVE)"
        ).fetchone()
        if frames > self.wal_limit_frames:
            # Under a steady stream of commits a passive checkpoint never catches the last
            # frames (they are appended while it copies), the WAL is never started again from
            # its beginning, and it grows for as long as the stream lasts (387 MB in 17k
            # commits). TRUNCATE waits for the commit in progress, copies the few frames
            # appended since the passive pass, holding off commits only that long, and
            # empties the file.
            self._checkpointer.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return int(frames), int(copied)

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        if not self._read_only:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()

    # --- rooms and tokens ---------------------------------------------------------------------

    def create_room(self, state: RoomState, tokens: list[tuple[str, Role, str | None]]) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT INTO rooms (id, name, created) VALUES (?, ?, ?)",
                (state.id, state.name, time.time()),
            )
            self._db.execute(
                "INSERT INTO snapshots (room, version, state) VALUES (?, ?, ?)",
                (state.id, state.version, _event_encoder.encode(state)),
            )
            self._insert_tokens(state.id, tokens)

    def add_tokens(self, room: str, tokens: list[tuple[str, Role, str | None]]) -> None:
        with self._transaction():
            self._insert_tokens(room, tokens)

    def replace_tokens(self, room: str, role: Role, slot: str | None, token: str) -> None:
        """Revoke every token of ``role`` (and ``slot``) in ``room`` and add ``token`` in their
        place, in one transaction: a revoked token is simply gone, so it joins nowhere again."""
        with self._transaction():
            self._db.execute(
                "DELETE FROM tokens WHERE room = ? AND role = ? AND slot IS ?",
                (room, role.value, slot),
            )
            self._insert_tokens(room, [(token, role, slot)])

    def _insert_tokens(self, room: str, tokens: list[tuple[str, Role, str | None]]) -> None:
        self._db.executemany(
            "INSERT INTO tokens (digest, room, role, slot) VALUES (?, ?, ?, ?)",
            [(token_digest(token), room, role.value, slot) for token, role, slot in tokens],
        )

    def grant_for(self, token: str) -> TokenGrant | None:
        """The grant for ``token``. Only SHA-256 digests are stored; compared in constant time."""
        digest = token_digest(token)
        row = self._db.execute(
            "SELECT digest, room, role, slot FROM tokens WHERE digest = ?", (digest,)
        ).fetchone()
        if row is None or not hmac.compare_digest(bytes(row[0]), digest):
            return None
        return TokenGrant(room=row[1], role=Role(row[2]), slot=row[3])

    def room_ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM rooms ORDER BY created")]

    def room_names(self) -> list[tuple[str, str, float]]:
        """Every room's id, name and creation time (Unix seconds), oldest first."""
        query = "SELECT id, name, created FROM rooms ORDER BY created"
        return [(row[0], row[1], row[2]) for row in self._db.execute(query)]

    def load_room(self, room: str) -> RoomState | None:
        row = self._db.execute(
            "SELECT version, state FROM snapshots WHERE room = ?", (room,)
        ).fetchone()
        if row is None:
            return None
        state = _state_decoder.decode(row[1])
        for version, blob in self._db.execute(
            "SELECT version, event FROM events WHERE room = ? AND version > ? ORDER BY version",
            (room, row[0]),
        ):
            evolve(state, _event_decoder.decode(blob), version)
        return state

    # --- commands -----------------------------------------------------------------------------

    def command_record(self, room: str, principal: str, command_id: str) -> CommandRecord | None:
        row = self._db.execute(
            "SELECT digest, version FROM commands WHERE room = ? AND principal = ? AND id = ?",
            (room, principal, command_id),
        ).fetchone()
        return None if row is None else CommandRecord(digest=bytes(row[0]), version=row[1])

    def commit(
        self,
        room: str,
        first_version: int,
        events: list[LogEvent],
        command: tuple[str, str, bytes] | None,
        *,
        more_commands: Sequence[tuple[str, str, bytes]] = (),
    ) -> None:
        """Durably record ``events`` (numbered from ``first_version``) and the command's id
        (with ``more_commands``: the ids of every reaction a coalesced count holds).

        Raises sqlite3.Error if nothing was committed; then nothing may be acknowledged.
        """
        last = first_version + len(events) - 1 if events else first_version - 1
        with self._transaction():
            self._db.executemany(
                "INSERT INTO events (room, version, event) VALUES (?, ?, ?)",
                [
                    (room, first_version + offset, _event_encoder.encode(event))
                    for offset, event in enumerate(events)
                ],
            )
            records = [command, *more_commands] if command is not None else more_commands
            if records:
                at = self._clock()
                self._db.executemany(
                    "INSERT INTO commands (room, principal, id, digest, version, at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (room, principal, command_id, digest, last, at)
                        for principal, command_id, digest in records
                    ],
                )

    def forget_commands(self, memory: RetryMemory) -> int:
        """Forget the command ids ``memory`` no longer honours a retry of, now; returns how many.

        Per identity with ids older than the window, the ``keep``-th newest version is looked up
        once (an index walk of ``keep`` rows); its older ids past the window go. The identities
        that keep ids only by the count are looked at again each time: a few hundred lookups."""
        cutoff = memory.cutoff(self._clock())
        floors = self._db.execute(
            "SELECT room, principal, (SELECT n.version FROM commands n"
            " WHERE n.room = o.room AND n.principal = o.principal"
            " ORDER BY n.version DESC LIMIT 1 OFFSET ?)"
            " FROM (SELECT DISTINCT room, principal FROM commands WHERE at < ?) o",
            (memory.keep - 1, cutoff),
        ).fetchall()
        due = [(room, who, cutoff, floor) for room, who, floor in floors if floor is not None]
        if not due:
            return 0
        before = self._db.total_changes
        with self._transaction():
            self._db.executemany(
                "DELETE FROM commands WHERE room = ? AND principal = ? AND at < ? AND version < ?",
                due,
            )
        return self._db.total_changes - before

    def command_count(self) -> int:
        """Command ids remembered, in every room (for benchmarks and tests)."""
        return int(self._db.execute("SELECT count(*) FROM commands").fetchone()[0])

    def save_snapshot(self, state: RoomState) -> None:
        """Save ``state`` as its room's snapshot and delete the events it covers: a room loads
        from its snapshot and the events after it, nothing older."""
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO snapshots (room, version, state) VALUES (?, ?, ?)",
                (state.id, state.version, _event_encoder.encode(state)),
            )
            self._db.execute(
                "DELETE FROM events WHERE room = ? AND version <= ?", (state.id, state.version)
            )

    class _Tx:
        def __init__(self, store: Store) -> None:
            self._store = store
            self._db = store._db

        def __enter__(self) -> None:
            self._db.execute("BEGIN IMMEDIATE")

        def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
            if exc_type is None:
                self._db.execute("COMMIT")
                self._store._commits += 1
            else:
                self._db.execute("ROLLBACK")

    def _transaction(self) -> Store._Tx:
        return Store._Tx(self)
