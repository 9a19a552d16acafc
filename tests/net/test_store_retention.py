"""What a long event's database is pruned by: command ids by the retry rule, events by snapshots."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

from kanpe.core.events import ChatPosted
from kanpe.core.model import ChatMessage, Role
from kanpe.core.retention import RetryMemory
from kanpe.core.rules import initial_state
from kanpe.core.rundown import Rundown
from kanpe.net.store import SCHEMA_VERSION, Store


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def _chat(i: int) -> ChatPosted:
    return ChatPosted(message=ChatMessage(id=f"m{i}", text=f"line {i}", at=1.0))


def _store(tmp_path: Path, clock: FakeClock) -> Store:
    store = Store(tmp_path / "relay.sqlite3", clock=clock)
    store.create_room(initial_state("room1", "Night", Rundown()), [("t" * 32, Role.HOST, None)])
    return store


def test_the_store_forgets_exactly_what_the_rule_forgets(tmp_path: Path) -> None:
    clock = FakeClock()
    store = _store(tmp_path, clock)
    memory = RetryMemory(window=60.0, keep=3)
    rng = random.Random(5)
    sent: dict[str, list[tuple[str, float, int]]] = {"host": [], "audience:a": [], "audience:b": []}
    version = 1
    for n in range(120):
        clock.now += rng.uniform(0.0, 4.0)
        who = rng.choice(sorted(sent))
        if rng.random() < 0.3:  # a command that caused no event: the version stays
            store.commit("room1", version + 1, [], (who, f"c{n}", b"d" * 32))
        else:
            version += 1
            store.commit("room1", version, [_chat(version)], (who, f"c{n}", b"d" * 32))
        sent[who].append((f"c{n}", clock.now, version))
    forgotten = store.forget_commands(memory)
    expected = {
        (who, rows[index][0])
        for who, rows in sent.items()
        for index in memory.forgotten([(at, v) for _, at, v in rows], clock.now)
    }
    assert forgotten == len(expected) > 0
    for who, rows in sent.items():
        for command_id, _, _ in rows:
            known = store.command_record("room1", who, command_id) is not None
            assert known is ((who, command_id) not in expected), (who, command_id)
    assert store.forget_commands(memory) == 0  # nothing more until time passes
    store.close()


def test_a_quiet_identity_keeps_its_last_ids_however_long_it_was_away(tmp_path: Path) -> None:
    clock = FakeClock()
    store = _store(tmp_path, clock)
    for n in range(5):
        store.commit("room1", n + 2, [_chat(n + 2)], ("audience:phone", f"p{n}", b"d" * 32))
    clock.now += 24 * 3600.0  # a phone locked overnight
    assert store.forget_commands(RetryMemory(window=60.0, keep=3)) == 2
    assert store.command_record("room1", "audience:phone", "p1") is None
    assert store.command_record("room1", "audience:phone", "p2") is not None
    store.close()


def test_a_snapshot_deletes_the_events_it_covers(tmp_path: Path) -> None:
    store = _store(tmp_path, FakeClock())
    for version in range(2, 12):
        store.commit("room1", version, [_chat(version)], None)
    state = store.load_room("room1")
    assert state is not None
    store.save_snapshot(state)
    store.commit("room1", 12, [_chat(12)], None)
    store.close()
    with sqlite3.connect(tmp_path / "relay.sqlite3") as db:
        assert db.execute("SELECT version FROM events").fetchall() == [(12,)]
    again = Store(tmp_path / "relay.sqlite3")
    loaded = again.load_room("room1")
    assert loaded is not None
    assert [m.id for m in loaded.chat] == [f"m{v}" for v in range(2, 13)]
    again.close()


def test_a_version_1_database_is_upgraded_and_its_ids_count_from_the_upgrade(
    tmp_path: Path,
) -> None:
    path = tmp_path / "relay.sqlite3"
    store = _store(tmp_path, FakeClock())
    store.commit("room1", 2, [_chat(2)], ("host", "h-1", b"d" * 32))
    store.commit("room1", 3, [_chat(3)], ("host", "h-2", b"d" * 32))
    store.close()
    with sqlite3.connect(path) as db:  # what a relay before the rule left
        db.execute("DROP INDEX commands_by_age")
        db.execute("ALTER TABLE commands DROP COLUMN at")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    clock = FakeClock()
    clock.now = 50_000.0
    upgraded = Store(path, clock=clock)
    assert upgraded.command_record("room1", "host", "h-1") is not None
    memory = RetryMemory(window=60.0, keep=1)
    assert upgraded.forget_commands(memory) == 0  # a whole window from the upgrade
    clock.now += 61.0
    assert upgraded.forget_commands(memory) == 1
    assert upgraded.command_record("room1", "host", "h-1") is None
    upgraded.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT at FROM commands").fetchall() == [(50_000.0,)]
        schema = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        assert schema == (str(SCHEMA_VERSION),)


def test_the_wal_stays_bounded_under_a_steady_stream_of_commits(tmp_path: Path) -> None:
    """A passive checkpoint racing the commits never lets the WAL start again: it grew with
    every commit of a busy night (bench longevent: 108 MB in 8,000 commands)."""
    store = _store(tmp_path, FakeClock())
    store.wal_limit_frames = 200
    wal = tmp_path / "relay.sqlite3-wal"
    done = threading.Event()
    largest = 0

    def stream() -> None:  # the relay's event loop, committing as fast as it can
        for version in range(2, 3002):
            store.commit("room1", version, [_chat(version)], ("audience:a", f"c{version}", b"d"))
        done.set()

    writer = threading.Thread(target=stream)
    writer.start()
    while not done.is_set():  # the relay's checkpoint worker
        store.checkpoint()
        largest = max(largest, wal.stat().st_size)
    writer.join()
    assert largest < 8 * 2**20
    loaded = store.load_room("room1")
    assert loaded is not None
    assert loaded.version == 3001
    store.close()
