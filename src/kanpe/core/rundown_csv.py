"""A timetable exported from a spreadsheet, as a rundown: CSV with a header row naming the
columns ``title``, ``speaker`` and ``minutes`` (any order, any case; other columns are ignored;
an ``id`` column, if there is one, gives the slot ids).

```csv
title,speaker,minutes
Timers that never drift,Aiko Tanaka,25
"Five slides, five minutes",Priya Natarajan,5
```

Pure: bytes in, a Rundown or a RundownError naming the line and column out. Talks of ten minutes
or less get the lightning-talk thresholds (warning 1 min, final 30 s), longer ones the defaults
(5 min, 1 min); the host can change them afterwards.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from kanpe.core.countdown import MAX_DURATION
from kanpe.core.rundown import MAX_SLOTS, SLOT_ID_PATTERN, Rundown, RundownError, Slot

#: Largest timetable read, checked before any parsing.
MAX_CSV_BYTES = 1024 * 1024
REQUIRED = ("title", "speaker", "minutes")
_LIMITS = {"title": 200, "speaker": 100}
_SHORT_TALK = 10 * 60
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_csv(data: bytes, source: str = "timetable.csv", title: str = "") -> Rundown:
    """The rundown in ``data``, the bytes of a CSV timetable; ``source`` names it in errors."""
    if len(data) > MAX_CSV_BYTES:
        raise RundownError(
            f"timetables are at most 1 MB (this one is {len(data)} bytes)", source=source
        )
    text = _decode(data, source)
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text)))
    numbered = [
        (number, row)
        for number, row in enumerate(rows, start=1)
        if any(cell.strip() for cell in row)
    ]
    if not numbered:
        raise RundownError("the file is empty; the first line names the columns", source=source)
    header_line, header = numbered[0]
    columns = _columns(header, header_line, source)
    body = numbered[1:]
    if len(body) > MAX_SLOTS:
        line = body[MAX_SLOTS][0]
        raise RundownError(
            f"a rundown has at most {MAX_SLOTS} talks (this file has {len(body)})",
            line=line,
            source=source,
        )
    slots = [_slot(index, line, row, columns, source) for index, (line, row) in enumerate(body)]
    seen: dict[str, int] = {}
    for (line, _), slot in zip(body, slots, strict=True):
        if slot.id in seen:
            raise RundownError(
                f"the id {slot.id!r} is used twice (first on line {seen[slot.id]})",
                line=line,
                field="id",
                source=source,
            )
        seen[slot.id] = line
    return Rundown(title=title, slots=tuple(slots))


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RundownError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); export it as "
            '"CSV UTF-8" and try again',
            line=line,
            source=source,
        ) from None


def _dialect(text: str) -> type[csv.Dialect]:
    """Comma, or the semicolon or tab some spreadsheets write, judged on the header line."""
    first = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        if delimiter in first:
            return type("Timetable", (csv.excel,), {"delimiter": delimiter})
    return csv.excel


def _columns(header: list[str], line: int, source: str) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "nothing"
        raise RundownError(
            f"the first line must name the columns {', '.join(REQUIRED)}; "
            f"missing {', '.join(missing)} (found {found})",
            line=line,
            field=missing[0],
            source=source,
        )
    wanted = (*REQUIRED, "id")
    return {name: names.index(name) for name in wanted if name in names}


def _slot(index: int, line: int, row: list[str], columns: dict[str, int], source: str) -> Slot:
    def cell(name: str) -> str:
        position = columns.get(name)
        return row[position].strip() if position is not None and position < len(row) else ""

    def fail(message: str, field: str) -> RundownError:
        return RundownError(message, line=line, field=field, source=source, slot=index)

    values: dict[str, str] = {}
    for name, limit in _LIMITS.items():
        value = cell(name)
        if len(value) > limit:
            raise fail(f"must be at most {limit} characters (got {len(value)})", name)
        values[name] = value
    seconds = _minutes(cell("minutes"), fail)
    slot_id = cell("id") or f"talk-{index + 1}"
    if re.fullmatch(SLOT_ID_PATTERN, slot_id) is None:
        raise fail(
            "must be 1 to 32 lowercase letters, digits, '-' or '_', starting with a letter or "
            f"digit, such as talk-1 (got {slot_id[:40]!r})",
            "id",
        )
    short = seconds <= _SHORT_TALK
    return Slot(
        id=slot_id,
        speaker=values["speaker"],
        title=values["title"],
        duration=seconds,
        warning=60 if short else 300,
        final=30 if short else 60,
    )


def _minutes(text: str, fail: Callable[[str, str], RundownError]) -> int:
    if not text:
        raise fail("no length; write the talk's minutes, such as 25", "minutes")
    if _NUMBER.match(text) is None:
        raise fail(f"must be a number of minutes, such as 25 or 2.5 (got {text[:40]!r})", "minutes")
    seconds = round(float(text.replace(",", ".")) * 60)
    if seconds <= 0:
        raise fail(f"must be more than 0 (got {text!r})", "minutes")
    if seconds > MAX_DURATION:
        raise fail(f"must be at most 1440 minutes (24 hours; got {text!r})", "minutes")
    return seconds
