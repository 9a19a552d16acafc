"""``kanpe export``: the record of an event as Markdown, read from a relay's data directory.

It opens the relay's database read-only (a relay may be running on it, or none), picks the room
(the only one, or ``--room``), and writes ``core.export.export_markdown`` of it to standard output
or ``--out``. Times are shown in this computer's time zone.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

from kanpe.core.export import export_markdown
from kanpe.core.model import RoomState
from kanpe.net.store import Store, StoreError
from kanpe.storage.atomic import write_atomic

DATABASE = "relay.sqlite3"


class ExportError(Exception):
    """Why nothing was exported; the message is for the person at the terminal."""


def find_database(data: Path) -> Path:
    """The relay database in ``data``: a relay's data directory, or ``kanpe host --data``'s
    (whose embedded relay keeps its data in ``relay/``)."""
    for candidate in (data / DATABASE, data / "relay" / DATABASE):
        if candidate.is_file():
            return candidate
    raise ExportError(
        f"no relay data in {data} (looked for {DATABASE} there and in {data / 'relay'}); "
        "give the --data directory of the relay or of kanpe host"
    )


def choose_room(store: Store, room: str | None, data: Path) -> RoomState:
    rooms = store.room_names()
    if room is None:
        if not rooms:
            raise ExportError(f"{data} holds no rooms yet: nothing to export")
        if len(rooms) > 1:
            listed = "\n".join(
                f"  {room_id}  {name or '(no name)'}  created {_day(created)}"
                for room_id, name, created in rooms
            )
            raise ExportError(f"{data} holds {len(rooms)} rooms; choose one with --room:\n{listed}")
        room = rooms[0][0]
    state = store.load_room(room)
    if state is None:
        known = ", ".join(room_id for room_id, _, _ in rooms) or "none"
        raise ExportError(f"there is no room {room!r} in {data} (rooms: {known})")
    return state


def _day(created: float) -> str:
    return datetime.fromtimestamp(created).astimezone().strftime("%Y-%m-%d %H:%M")


def export_room(data: Path, room: str | None, now: float | None = None) -> str:
    """The Markdown record of ``room`` (or the only room) in the relay data under ``data``."""
    try:
        store = Store(find_database(data), read_only=True)
    except StoreError as exc:
        raise ExportError(str(exc)) from None
    try:
        state = choose_room(store, room, data)
    finally:
        store.close()
    zone = datetime.now().astimezone().tzinfo
    return export_markdown(state, time.time() if now is None else now, zone)


def run_export(args: argparse.Namespace) -> int:
    try:
        text = export_room(Path(args.data), args.room)
    except ExportError as exc:
        print(f"kanpe export: {exc}", file=sys.stderr)
        return 1
    if args.out:
        try:
            write_atomic(Path(args.out), text)
        except OSError as exc:
            print(f"kanpe export: cannot write {args.out}: {exc}", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0
