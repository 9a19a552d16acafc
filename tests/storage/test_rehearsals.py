"""storage.rehearsals: kept per deck by content, the newest few, never over a corrupt file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kanpe.storage.rehearsals import KEEP, Rehearsal, RehearsalsError, RehearsalStore, deck_key


def test_the_key_is_the_decks_content_hash(tmp_path: Path) -> None:
    deck = tmp_path / "talk.pdf"
    deck.write_bytes(b"%PDF-1.7 slides" * 100_000)
    moved = tmp_path / "renamed.pdf"
    moved.write_bytes(deck.read_bytes())
    assert deck_key(deck) == hashlib.sha256(deck.read_bytes()).hexdigest() == deck_key(moved)


def test_rehearsals_come_back_newest_first_and_only_the_last_few(tmp_path: Path) -> None:
    store = RehearsalStore(tmp_path / "data")
    assert store.load("abc") == []
    for run in range(KEEP + 2):
        store.add("abc", Rehearsal(at=1000.0 + run, slides=(30.0 + run, 45.5)), deck_name="t.pdf")
    kept = RehearsalStore(tmp_path / "data").load("abc")
    assert [r.at for r in kept] == [1000.0 + run for run in reversed(range(2, KEEP + 2))]
    assert kept[0].slides == (30.0 + KEEP + 1, 45.5)
    assert kept[0].total == 30.0 + KEEP + 1 + 45.5
    assert store.load("other") == []


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe",
        b'{"version": 2, "rehearsals": []}',
        b'{"version": 1, "rehearsals": {}}',
        b'{"version": 1, "rehearsals": [{"at": 1, "slides": [1, -2]}]}',
        b'{"version": 1, "rehearsals": [{"at": "now", "slides": [1]}]}',
        b'{"version": 1, "rehearsals": [{"at": 1, "slides": [true]}]}',
        b'{"version": 1, "rehearsals": [3]}',
    ],
)
def test_a_corrupt_file_is_reported_and_never_overwritten(tmp_path: Path, content: bytes) -> None:
    store = RehearsalStore(tmp_path)
    store.path("abc").write_bytes(content)
    with pytest.raises(RehearsalsError, match=r"abc\.json"):
        store.load("abc")
    with pytest.raises(RehearsalsError):
        store.add("abc", Rehearsal(at=1.0, slides=(1.0,)))
    assert store.path("abc").read_bytes() == content


def test_a_directory_in_the_files_place_is_reported(tmp_path: Path) -> None:
    store = RehearsalStore(tmp_path)
    store.path("abc").mkdir()
    with pytest.raises(RehearsalsError, match="directory"):
        store.load("abc")


def test_the_speech_rate_heard_is_kept_with_the_rehearsal(tmp_path: Path) -> None:
    store = RehearsalStore(tmp_path)
    store.add("abc", Rehearsal(at=1.0, slides=(10.0,)))
    store.add("abc", Rehearsal(at=2.0, slides=(12.0,), speech_rate=4.8123))
    assert [r.speech_rate for r in RehearsalStore(tmp_path).load("abc")] == [4.812, None]
    (tmp_path / "abc.json").write_bytes(
        b'{"version": 1, "rehearsals": [{"at": 1, "slides": [1], "speech_rate": -1}]}'
    )
    with pytest.raises(RehearsalsError, match="speech_rate"):
        store.load("abc")
