"""Rehearsals kept per deck: the seconds spent on each slide, the last few runs through.

One JSON file per deck in the per-user data directory, named by the SHA-256 of the deck's
content, so a deck renamed or moved keeps its rehearsals and an edited deck starts afresh.
Written atomically; a file that cannot be read or parsed is never overwritten (``add`` refuses,
naming the file), so a rehearsal kept is not lost to a new one.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from kanpe.storage.atomic import StorageError, read_limited, write_atomic

#: The runs through kept per deck, newest first.
KEEP = 5
MAX_FILE_BYTES = 1024 * 1024
MAX_SLIDES = 10_000


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir("kanpe", appauthor=False)) / "rehearsals"


def deck_key(path: Path) -> str:
    """The SHA-256 of the deck's content, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """One run through: when it ended (Unix time), the seconds spent on each slide, and the
    speaking rate the pace meter heard (syllables a second; None: the meter was off)."""

    at: float
    slides: tuple[float, ...]
    speech_rate: float | None = None

    @property
    def total(self) -> float:
        return sum(self.slides)


class RehearsalsError(ValueError):
    """The deck's rehearsals file exists but cannot be used; it is kept as it is."""


class RehearsalStore:
    """The rehearsals of every deck, in ``folder`` (the per-user data directory's by default)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_folder()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def load(self, key: str) -> list[Rehearsal]:
        """The deck's rehearsals, newest first ([] when none); raises RehearsalsError when the
        file is there but unreadable or corrupt."""
        path = self.path(key)
        try:
            data = read_limited(path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return []
        except StorageError as exc:
            raise RehearsalsError(str(exc)) from None
        try:
            return _parse(json.loads(data.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError, RehearsalsError) as exc:
            raise RehearsalsError(f"{path}: {exc}") from None

    def add(self, key: str, rehearsal: Rehearsal, *, deck_name: str = "") -> list[Rehearsal]:
        """Keep ``rehearsal`` first, and the ``KEEP`` newest in all; returns them. Raises
        RehearsalsError (nothing written) when the file on disk is corrupt, OSError when it
        cannot be written."""
        kept = [rehearsal, *self.load(key)][:KEEP]
        document = {
            "version": 1,
            "deck": deck_name,  # for a person looking in the folder; the key is the hash
            "rehearsals": [_dump(r) for r in kept],
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path(key), json.dumps(document, ensure_ascii=False, indent=1))
        return kept


def _dump(rehearsal: Rehearsal) -> dict[str, object]:
    run: dict[str, object] = {"at": rehearsal.at, "slides": [round(s, 3) for s in rehearsal.slides]}
    if rehearsal.speech_rate is not None:
        run["speech_rate"] = round(rehearsal.speech_rate, 3)
    return run


def _parse(document: object) -> list[Rehearsal]:
    if not isinstance(document, dict) or document.get("version") != 1:
        raise RehearsalsError("not a Kanpe rehearsals file (version 1)")
    runs = document.get("rehearsals")
    if not isinstance(runs, list):
        raise RehearsalsError("rehearsals must be a list")
    return [_rehearsal(run) for run in runs[:KEEP]]


def _rehearsal(run: object) -> Rehearsal:
    if not isinstance(run, dict):
        raise RehearsalsError("each rehearsal must be a table")
    at, slides = run.get("at"), run.get("slides")
    if not _seconds(at):
        raise RehearsalsError("a rehearsal's time must be a number")
    if not isinstance(slides, list) or len(slides) > MAX_SLIDES or not all(map(_seconds, slides)):
        raise RehearsalsError("a rehearsal's slides must be a list of seconds")
    rate = run.get("speech_rate")
    if rate is not None and not (_seconds(rate) and rate > 0):
        raise RehearsalsError("a rehearsal's speech_rate must be a positive number")
    return Rehearsal(
        at=float(at),  # type: ignore[arg-type]
        slides=tuple(float(s) for s in slides),
        speech_rate=None if rate is None else float(rate),
    )


def _seconds(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )
