"""The relay's SQLite store on real files."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from kanpe.core.events import ChatPosted
from kanpe.core.model import ChatMessage, Role
from kanpe.core.rules import initial_state
from kanpe.core.rundown import Rundown
from kanpe.net.store import Store, StoreError


def _chat(i: int) -> ChatPosted:
    return ChatPosted(message=ChatMessage(id=f"m{i}", text=f"line {i}", at=1.0))


def test_commits_never_checkpoint_and_a_worker_thread_does(tmp_path: Path) -> None:
    store = Store(tmp_path / "relay.sqlite3")
    state = initial_state("room1", "Night", Rundown())
    store.create_room(state, [("t" * 32, Role.HOST, None)])
    for i in range(2, 1200):
        store.commit("room1", i, [_chat(i)], None)
    wal = tmp_path / "relay.sqlite3-wal"
    assert wal.stat().st_size > 1_000_000  # SQLite would have checkpointed at ~4 MB by itself
    result: list[tuple[int, int]] = []
    worker = threading.Thread(target=lambda: result.append(store.checkpoint()))
    worker.start()
    worker.join()
    frames, copied = result[0]
    assert frames > 0
    assert copied == frames
    store.close()
    again = Store(tmp_path / "relay.sqlite3")
    loaded = again.load_room("room1")
    assert loaded is not None
    assert [m.id for m in loaded.chat][-1] == "m1199"
    again.close()


def test_a_corrupt_database_is_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "relay.sqlite3"
    path.write_bytes(b"this is not a database, and it must survive" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="left as it is"):
        Store(path)
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "relay.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def test_an_idle_store_skips_checkpoints(tmp_path: Path) -> None:
    store = Store(tmp_path / "relay.sqlite3")
    state = initial_state("room1", "Night", Rundown())
    store.create_room(state, [("t" * 32, Role.HOST, None)])
    assert store.needs_checkpoint
    frames, copied = store.checkpoint()
    assert frames > 0
    assert frames == copied
    assert not store.needs_checkpoint
    assert store.checkpoint() == (0, 0)
    store.commit("room1", 2, [_chat(2)], None)
    assert store.needs_checkpoint
    store.close()


def test_answers_and_votes_logged_one_by_one_load_back(tmp_path: Path) -> None:
    """PollAnswered and QuestionVoted are stored as they are logged, and a reload replays them
    into the same counts."""
    from kanpe.core.events import PollAnswered, PollChanged, QuestionChanged, QuestionVoted
    from kanpe.core.model import Poll, Question

    store = Store(tmp_path / "relay.sqlite3")
    state = initial_state("room1", "Night", Rundown())
    store.create_room(state, [("t" * 32, Role.HOST, None)])
    poll = Poll(id="p1", question="Tabs?", options=("yes", "no"), counts=(0, 0), at=1.0)
    question = Question(id="q1", text="Why?", at=1.0)
    store.commit("room1", 2, [PollChanged(poll=poll), QuestionChanged(question=question)], None)
    version = 4
    for n in range(30):
        who = f"audience:d{n}"
        events = [
            PollAnswered(poll="p1", who=who, option=n % 2),
            QuestionVoted(question="q1", who=who),
        ]
        store.commit("room1", version, events, None)
        version += 2
    store.commit("room1", version, [PollAnswered(poll="p1", who="audience:d0", option=1)], None)
    store.close()
    again = Store(tmp_path / "relay.sqlite3")
    loaded = again.load_room("room1")
    again.close()
    assert loaded is not None
    assert loaded.polls["p1"].counts == (14, 16)
    assert loaded.questions["q1"].votes == 30
    assert loaded.version == version
