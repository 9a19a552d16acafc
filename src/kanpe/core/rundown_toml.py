"""The rundown file format: TOML that people write by hand, checked with errors that say where.

```toml
title = "Kanpe Meetup #12"
start = 2026-12-04T19:00:00+09:00   # optional: when the first talk is due (local if no offset)

[[slot]]
id = "talk-1"
speaker = "Aiko Tanaka"
title = "Timers that never drift"
duration = "25m"   # also "1h30m", "90s", "4m30s"
warning = "5m"     # optional, default 5m
final = "1m"       # optional, default 1m
```

Pure: bytes in, a Rundown (or a RundownError naming source, line and field) out; text out for
writing. Reading and writing files is kanpe.storage's job.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Any, NoReturn

import msgspec
import tomli_w

from kanpe.core.countdown import MAX_DURATION
from kanpe.core.duration_text import DurationError, format_duration, parse_duration
from kanpe.core.rundown import (
    MAX_SLOTS,
    SLOT_ID_PATTERN,
    Rundown,
    RundownError,
    Slot,
    check_rundown,
)

#: Largest rundown file read, checked before any parsing.
MAX_RUNDOWN_BYTES = 1024 * 1024
TOO_BIG_MESSAGE = "rundown files are at most 1 MB"

_TOP_KEYS = ("title", "start", "slot")
_SLOT_KEYS = ("id", "speaker", "title", "duration", "warning", "final")
_TEXT_LIMITS = {"title": 200, "speaker": 100}
_DURATION_KEYS = ("duration", "warning", "final")
_HEADER = '# Kanpe rundown. Durations are text with units: "25m", "1h30m", "90s", "4m30s".\n'


# --- where things are: tomllib keeps no positions, so scan the text for headers and keys ---

_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")


@dataclass
class _SlotLines:
    header: int
    keys: dict[str, int] = field(default_factory=dict)


@dataclass
class LineLocator:
    """Best-effort line numbers of top-level keys and of each ``[[slot]]`` and its keys."""

    top: dict[str, int] = field(default_factory=dict)
    slots: list[_SlotLines] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str) -> LineLocator:
        found = cls()
        # None: top level; -1: some other table; n: the n-th [[slot]].
        context: int | None = None
        in_multiline: str | None = None
        for number, line in enumerate(text.split("\n"), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            context = found._scan_line(line, number, context)
            for quotes in ('"""', "'''"):
                if line.count(quotes) % 2 == 1:
                    in_multiline = quotes
        return found

    def _scan_line(self, line: str, number: int, context: int | None) -> int | None:
        header = _TABLE_HEADER.match(line)
        if header is not None:
            brackets, name = header.groups()
            parts = [_unquote(part.strip()) for part in name.split(".")]
            if parts == ["slot"] and brackets == "[[":
                self.slots.append(_SlotLines(header=number))
                return len(self.slots) - 1
            if parts[0] == "slot" and len(parts) > 1 and self.slots:
                self.slots[-1].keys.setdefault(parts[1], number)  # [slot.extra] under a slot
            else:
                self.top.setdefault(parts[0], number)
            return -1
        key = _KEY_LINE.match(line)
        if key is not None:
            name = _unquote(key.group(1))
            if context is None:
                self.top.setdefault(name, number)
            elif context >= 0:
                self.slots[context].keys.setdefault(name, number)
        return context

    def top_key(self, key: str) -> int | None:
        return self.top.get(key)

    def slot_header(self, index: int) -> int | None:
        if index < len(self.slots):
            return self.slots[index].header
        return self.top.get("slot")  # slot = [{...}, ...] written inline

    def slot_key(self, index: int, key: str) -> int | None:
        if index < len(self.slots) and key in self.slots[index].keys:
            return self.slots[index].keys[key]
        return self.slot_header(index)


def _unquote(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'":
        return name[1:-1]
    return name


# --- reading ---


def parse_rundown(data: bytes, source: str = "rundown.toml", zone: tzinfo | None = None) -> Rundown:
    """The Rundown in ``data``, the bytes of a rundown file; ``source`` names it in errors.
    A ``start`` written without a UTC offset is in ``zone`` (None: this machine's zone)."""
    if len(data) > MAX_RUNDOWN_BYTES:
        raise RundownError(f"{TOO_BIG_MESSAGE} (this one is {len(data)} bytes)", source=source)
    text = _decode(data, source)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text, source) from None
    reader = _Reader(source, LineLocator.scan(text), zone)
    rundown = reader.rundown(document)
    try:
        check_rundown(rundown)
    except RundownError as exc:
        raise _located(exc, rundown, reader.lines, source) from None
    return rundown


def _located(exc: RundownError, rundown: Rundown, lines: LineLocator, source: str) -> RundownError:
    """check_rundown's error, with the line its slot and field are on."""
    if exc.slot is None or exc.slot >= len(rundown.slots):
        return RundownError(exc.reason, field=exc.field, source=source, slot=exc.slot)
    reason = exc.reason
    if exc.field == "final":
        slot = rundown.slots[exc.slot]
        reason += (
            f' (final "{format_duration(slot.final)}", warning "{format_duration(slot.warning)}")'
        )
    line = lines.slot_key(exc.slot, exc.field or "")
    return RundownError(reason, line=line, field=exc.field, source=source, slot=exc.slot)


def _decode(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RundownError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            line=line,
            source=source,
        ) from None
    return text.removeprefix("\ufeff")  # a byte order mark, as some Windows editors write


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = " (at end of document)"


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str, source: str) -> RundownError:
    # Python 3.13+ also has msg, lineno and colno; 3.12 only puts them in the message.
    message = str(exc)
    line: int | None = None
    column: int | None = None
    if position := _TOML_POSITION.search(message):
        message = message[: position.start()]
        line, column = int(position.group(1)), int(position.group(2))
    elif message.endswith(_AT_END):
        message = message.removesuffix(_AT_END)
        line = text.count("\n") + 1
    where = f" at column {column}" if column is not None else ""
    return RundownError(f"not valid TOML{where}: {message}", line=line, source=source)


@dataclass
class _Reader:
    source: str
    lines: LineLocator
    zone: tzinfo | None = None

    def fail(
        self, message: str, line: int | None, key: str | None, slot: int | None = None
    ) -> NoReturn:
        raise RundownError(message, line=line, field=key, source=self.source, slot=slot)

    def rundown(self, document: dict[str, Any]) -> Rundown:
        for key in document:
            if key not in _TOP_KEYS:
                self.fail(_unknown_key(key, _TOP_KEYS), self.lines.top_key(key), key)
        title = self.text("title", document.get("title", ""), self.lines.top_key("title"))
        raw_slots = document.get("slot", [])
        if not isinstance(raw_slots, list) or not all(isinstance(s, dict) for s in raw_slots):
            self.fail(
                "write each talk as a [[slot]] table (two pairs of brackets)",
                self.lines.top_key("slot"),
                "slot",
            )
        if len(raw_slots) > MAX_SLOTS:
            self.fail(
                f"a rundown has at most {MAX_SLOTS} slots (this one has {len(raw_slots)})",
                self.lines.slot_header(MAX_SLOTS),
                "slot",
                MAX_SLOTS,
            )
        slots = tuple(self.slot(index, raw) for index, raw in enumerate(raw_slots))
        start = None
        if "start" in document:
            start = self.start(document["start"], self.lines.top_key("start"))
        return Rundown(title=title, slots=slots, start=start)

    def start(self, value: object, line: int | None) -> float:
        if not isinstance(value, datetime):
            self.fail(
                "must be a date and time without quotes, such as 2026-12-04T19:00:00+09:00 "
                f"or 2026-12-04T19:00:00 (got {_shown(value)})",
                line,
                "start",
            )
        if value.tzinfo is None:
            value = value.replace(tzinfo=self.zone) if self.zone else value.astimezone()
        seconds = value.timestamp()
        if not 0 <= seconds <= 1e11:
            self.fail(f"must be after 1970 (got {value.isoformat()})", line, "start")
        return seconds

    def slot(self, index: int, raw: dict[str, Any]) -> Slot:
        def line(key: str) -> int | None:
            return self.lines.slot_key(index, key)

        for key in raw:
            if key not in _SLOT_KEYS:
                self.fail(_unknown_key(key, _SLOT_KEYS), line(key), key, index)
        for key, example in (("id", 'id = "talk-1"'), ("duration", 'duration = "25m"')):
            if key not in raw:
                self.fail(f"this slot has no {key}; add e.g. {example}", line(key), key, index)
        slot_id = raw["id"]
        if not isinstance(slot_id, str):
            self.fail(f"must be a string (got {_shown(slot_id)})", line("id"), "id", index)
        if re.fullmatch(SLOT_ID_PATTERN, slot_id) is None:
            self.fail(
                "must be 1 to 32 lowercase letters, digits, '-' or '_', starting with a letter "
                f'or digit, such as "talk-1" (got {_shown(slot_id)})',
                line("id"),
                "id",
                index,
            )
        values: dict[str, Any] = {"id": slot_id}
        for key in ("speaker", "title"):
            if key in raw:
                values[key] = self.text(key, raw[key], line(key), index)
        for key in _DURATION_KEYS:
            if key in raw:
                values[key] = self.duration(key, raw[key], line(key), index)
        try:
            return msgspec.convert(values, type=Slot)
        except msgspec.ValidationError as exc:  # a rule of Slot's types not checked above
            bad, _ = _msgspec_location(exc)
            self.fail(_msgspec_reason(exc), line(bad or "id"), bad, index)

    def text(self, key: str, value: object, line: int | None, slot: int | None = None) -> str:
        if not isinstance(value, str):
            self.fail(f"must be a string (got {_shown(value)})", line, key, slot)
        limit = _TEXT_LIMITS[key]
        if len(value) > limit:
            self.fail(f"must be at most {limit} characters (got {len(value)})", line, key, slot)
        return value

    def duration(self, key: str, value: object, line: int | None, slot: int) -> int:
        if not isinstance(value, str):
            self.fail(
                f"must be a string with a unit{_number_hint(value)} (got {_shown(value)})",
                line,
                key,
                slot,
            )
        try:
            seconds = parse_duration(value)
        except DurationError as exc:
            self.fail(f"{exc} (got {_shown(value)})", line, key, slot)
        if key == "duration" and seconds <= 0:
            self.fail(f"must be more than 0 (got {_shown(value)})", line, key, slot)
        if seconds < 0:
            self.fail(f"must not be negative (got {_shown(value)})", line, key, slot)
        if seconds > MAX_DURATION:
            self.fail(f"must be at most 24h (got {_shown(value)})", line, key, slot)
        return seconds


def _number_hint(value: object) -> str:
    """For ``duration = 25``: people mean minutes more often than not, so say how to write it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    if not 0 < value <= MAX_DURATION // 60:
        return ""
    hint = f': write "{format_duration(round(value * 60))}" for {value:g} minutes'
    if isinstance(value, int):
        hint += f' or "{value}s" for seconds'
    return hint


def _unknown_key(key: str, known: tuple[str, ...]) -> str:
    message = f"unknown key; the keys here are {', '.join(known)}"
    import difflib  # only for a misspelt key's suggestion, not at every start

    close = difflib.get_close_matches(key, known, n=1)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    return message


_MSGSPEC_PATH = re.compile(r" - at `(\$[^`]*)`$")


def _msgspec_reason(exc: msgspec.ValidationError) -> str:
    return _MSGSPEC_PATH.sub("", str(exc))


def _msgspec_location(exc: msgspec.ValidationError) -> tuple[str | None, int | None]:
    """The field and slot index in a msgspec error path such as ``$.slots[3].id``."""
    match = _MSGSPEC_PATH.search(str(exc))
    if match is None:
        return None, None
    path = match.group(1)
    fields = re.findall(r"\.(\w+)", path)
    slot = re.search(r"\.slots\[(\d+)\]", path)
    return (fields[-1] if fields else None), (int(slot.group(1)) if slot else None)


def _shown(value: object) -> str:
    """``value`` as the user wrote it, near enough, and short enough for a message."""
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 40 else value[:40] + "…", ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, datetime | date | time):
        return "a date or time"
    return type(value).__name__


# --- writing ---


def dump_rundown(rundown: Rundown, zone: tzinfo | None = None) -> str:
    """``rundown`` as rundown-file text that parse_rundown reads back as an equal Rundown.

    A planned ``start`` is written as a date and time with its UTC offset, in ``zone`` (None:
    this machine's zone), whole seconds.

    Every slot is written as a ``[[slot]]`` table with its warning and final spelt out, so a file
    keeps its meaning if the defaults ever change. Raises RundownError for a rundown that breaks a
    rule, since that file could not be read back.
    """
    _check_types(rundown)
    check_rundown(rundown)
    chunks = [_HEADER]
    if rundown.title:
        chunks.append(tomli_w.dumps({"title": rundown.title}))
    if rundown.start is not None:
        when = datetime.fromtimestamp(rundown.start, tz=zone)
        if when.tzinfo is None:
            when = when.astimezone()
        chunks.append(tomli_w.dumps({"start": when}))
    for slot in rundown.slots:
        table: dict[str, str] = {"id": slot.id}
        if slot.speaker:
            table["speaker"] = slot.speaker
        if slot.title:
            table["title"] = slot.title
        for key in _DURATION_KEYS:
            table[key] = format_duration(getattr(slot, key))
        chunks.append("\n[[slot]]\n" + tomli_w.dumps(table))
    return "".join(chunks)


def _check_types(rundown: Rundown) -> None:
    # Struct constructors do not check Meta constraints; a round trip through builtins does.
    try:
        msgspec.convert(msgspec.to_builtins(rundown), type=Rundown)
    except msgspec.ValidationError as exc:
        key, slot = _msgspec_location(exc)
        raise RundownError(_msgspec_reason(exc), field=key, slot=slot) from None
