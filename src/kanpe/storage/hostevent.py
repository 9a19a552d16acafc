"""The host's event on disk: which room of the embedded relay is theirs, and its invite links.

The relay keeps only digests of tokens, so the links it handed out when the room was created
cannot be made again from its database. ``kanpe host`` keeps them here, beside the relay's data,
so that reopening the same ``--data`` folder resumes the event with the same links. The file
holds capability tokens: it is written atomically and readable by its owner only. A damaged file
is never overwritten: the host is told, and the file is kept for them to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

from kanpe.storage.atomic import FileMissingError, StorageError, read_limited, write_atomic

EVENT_FILE = "event.json"
FORMAT = 1
MAX_EVENT_BYTES = 1024 * 1024


class EventFileError(StorageError):
    """The event file exists but cannot be used; the message says why and that it was kept."""


def load_event(folder: Path) -> dict[str, str] | None:
    """The saved invites (``RoomInvites.as_result()``'s form), or None when there is no event
    yet. Raises EventFileError (or another StorageError) for a file that cannot be used."""
    path = folder / EVENT_FILE
    try:
        raw = read_limited(path, MAX_EVENT_BYTES)
    except FileMissingError:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EventFileError(_kept(path, f"it is not valid JSON ({exc})"), path) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise EventFileError(_kept(path, "it is not a Kanpe event file of this version"), path)
    invites = document.get("invites")
    if (
        not isinstance(invites, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in invites.items())
        or not {"room", "host", "audience", "viewer"} <= invites.keys()
    ):
        raise EventFileError(_kept(path, "its invite links are missing or malformed"), path)
    return dict(invites)


def save_event(folder: Path, invites: dict[str, str]) -> Path:
    """Write the invites for this event (atomically, owner-only) and return the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / EVENT_FILE
    document = {"format": FORMAT, "invites": invites}
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n", private=True)
    return path


def _kept(path: Path, why: str) -> str:
    return (
        f"{path} cannot be read: {why}. The file was kept as it is; move it away to start a new "
        "event in this folder."
    )
