"""Rundown files on disk: read with a size cap, written atomically, never clobbered by a load.

Nothing here writes except save_rundown, which the user asked for. A file that fails to load is
left exactly as it is, so a hand-edited rundown with a typo can be fixed rather than lost.
"""

from __future__ import annotations

from pathlib import Path

from kanpe.core.rundown import Rundown, RundownError
from kanpe.core.rundown_csv import MAX_CSV_BYTES, parse_csv
from kanpe.core.rundown_toml import (
    MAX_RUNDOWN_BYTES,
    TOO_BIG_MESSAGE,
    dump_rundown,
    parse_rundown,
)
from kanpe.storage.atomic import (
    FileMissingError,
    FileTooLargeError,
    StorageError,
    read_limited,
    write_atomic,
)


def load_rundown(path: Path) -> Rundown:
    """The rundown in the file at ``path``.

    Raises RundownError (naming the file, line and field) for content that is not a valid
    rundown, too large included, and StorageError (an OSError) when the file cannot be read.
    """
    try:
        data = read_limited(path, MAX_RUNDOWN_BYTES)
    except FileTooLargeError:
        raise RundownError(TOO_BIG_MESSAGE, source=str(path)) from None
    return parse_rundown(data, source=str(path))


def save_rundown(path: Path, rundown: Rundown) -> None:
    """Write ``rundown`` to ``path`` atomically, whatever the file held before.

    The text is read back before anything touches the disk: a rundown that would not load again
    is refused with RundownError and the existing file is kept.
    """
    text = dump_rundown(rundown)
    data = text.encode("utf-8")
    if parse_rundown(data, source=str(path)) != rundown:
        raise RundownError(
            "the saved file would not read back as the same rundown", source=str(path)
        )
    write_atomic(path, data)


def import_timetable(path: Path, title: str = "") -> Rundown:
    """The rundown in a CSV timetable (title, speaker, minutes). Raises RundownError naming the
    file, line and column, and StorageError when it cannot be read. The file is only read."""
    try:
        data = read_limited(path, MAX_CSV_BYTES)
    except FileTooLargeError:
        raise RundownError("timetables are at most 1 MB", source=str(path)) from None
    return parse_csv(data, source=str(path), title=title)


def load_or_default(path: Path, default: Rundown) -> tuple[Rundown, str | None]:
    """The rundown at ``path``, or ``default`` with a message saying why the file was not used.

    A missing file is not an error (there is simply no rundown yet): ``(default, None)``. A
    corrupt, too large or unreadable file gives ``(default, message)`` and is left untouched.
    """
    try:
        return load_rundown(path), None
    except FileMissingError:
        return default, None
    except (RundownError, StorageError) as exc:
        return default, f"{exc}. The file was not changed."
