"""The rundown file format: every bad file names its line and field; good files round-trip."""

from __future__ import annotations

import contextlib
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanpe.core.countdown import MAX_DURATION
from kanpe.core.duration_text import DurationError, format_duration, parse_duration
from kanpe.core.rundown import MAX_SLOTS, Rundown, RundownError, Slot
from kanpe.core.rundown_toml import MAX_RUNDOWN_BYTES, LineLocator, dump_rundown, parse_rundown

SAMPLE = Path(__file__).resolve().parents[2] / "assets" / "rundown-sample.toml"
MARK = b"# <-"


def slot_file(body: str, *, title: str = 'title = "Meetup"\n', header: str = "[[slot]]") -> bytes:
    """A file with a title line and one ``[[slot]]`` holding ``body``."""
    return (title + "\n" + header + "\n" + body).encode()


def case(
    name: str, data: bytes, field: str | None, fragment: str, *, line: int | None = -1
) -> object:
    """One bad file. Its expected line is the one marked ``# <-`` unless ``line`` is given."""
    if line == -1:
        marked = [n for n, text in enumerate(data.split(b"\n"), start=1) if MARK in text]
        line = marked[0] if marked else None
    return pytest.param(data, line, field, fragment, id=name)


def many_slots(count: int) -> bytes:
    chunks = ['title = "Marathon"\n']
    for index in range(count):
        mark = "  # <-" if index == MAX_SLOTS else ""
        chunks.append(f'\n[[slot]]{mark}\nid = "s{index}"\nduration = "1m"\n')
    return "".join(chunks).encode()


# One bad file per row: name, bytes, the field named, a fragment of the message. The expected
# line is the one marked "# <-". Laid out by hand, one row per case, so it reads as a table.
# fmt: off
BAD_FILES = [
    # durations
    case("duration-zero", slot_file('id = "a"\nduration = "0m"  # <-\n'), "duration",
         'must be more than 0 (got "0m")'),
    case("duration-zero-compound", slot_file('id = "a"\nduration = "0h0m0s"  # <-\n'),
         "duration", "must be more than 0"),
    case("duration-negative", slot_file('id = "a"\nduration = "-5m"  # <-\n'), "duration",
         'must be more than 0 (got "-5m")'),
    case("duration-over-24h", slot_file('id = "a"\nduration = "24h1s"  # <-\n'), "duration",
         "must be at most 24h"),
    case("duration-huge", slot_file('id = "a"\nduration = "99999999999999h"  # <-\n'),
         "duration", "far too long"),
    case("duration-words", slot_file('id = "a"\nduration = "25 minutes"  # <-\n'), "duration",
         'must be a number with a unit h, m or s, such as "25m"'),
    case("duration-no-unit", slot_file('id = "a"\nduration = "25"  # <-\n'), "duration",
         '(got "25")'),
    case("duration-fraction", slot_file('id = "a"\nduration = "1.5m"  # <-\n'), "duration",
         "must be a number with a unit"),
    case("duration-units-reversed", slot_file('id = "a"\nduration = "30m1h"  # <-\n'),
         "duration", "must be a number with a unit"),
    case("duration-empty", slot_file('id = "a"\nduration = ""  # <-\n'), "duration",
         "must be a number with a unit"),
    case("duration-unit-only", slot_file('id = "a"\nduration = "m"  # <-\n'), "duration",
         "must be a number with a unit"),
    case("duration-integer", slot_file('id = "a"\nduration = 25  # <-\n'), "duration",
         'write "25m" for 25 minutes or "25s" for seconds (got the number 25)'),
    case("duration-float", slot_file('id = "a"\nduration = 2.5  # <-\n'), "duration",
         'write "2m30s" for 2.5 minutes'),
    case("duration-boolean", slot_file('id = "a"\nduration = true  # <-\n'), "duration",
         "must be a string with a unit (got true)"),
    case("duration-table", slot_file('id = "a"\nduration = { m = 5 }  # <-\n'), "duration",
         "(got a table)"),
    case("duration-date", slot_file('id = "a"\nduration = 2025-01-01  # <-\n'), "duration",
         "(got a date or time)"),
    case("warning-negative", slot_file('id = "a"\nduration = "5m"\nwarning = "-1m"  # <-\n'),
         "warning", 'must not be negative (got "-1m")'),
    case("warning-over-24h", slot_file('id = "a"\nduration = "5m"\nwarning = "25h"  # <-\n'),
         "warning", "must be at most 24h"),
    case("warning-malformed", slot_file('id = "a"\nduration = "5m"\nwarning = "soon"  # <-\n'),
         "warning", 'must be a number with a unit h, m or s, such as "25m"'),
    case("warning-integer", slot_file('id = "a"\nduration = "5m"\nwarning = 5  # <-\n'),
         "warning", 'write "5m" for 5 minutes'),
    case("final-malformed", slot_file('id = "a"\nduration = "5m"\nfinal = "1 min"  # <-\n'),
         "final", "must be a number with a unit"),
    case("final-over-warning",
         slot_file('id = "a"\nduration = "5m"\nwarning = "1m"\nfinal = "2m"  # <-\n'),
         "final", 'must not exceed the warning threshold (final "2m", warning "1m")'),
    case("final-default-over-warning",
         slot_file('id = "a"\nduration = "5m"\nwarning = "30s"\n', header="[[slot]]  # <-"),
         "final", 'final "1m", warning "30s"'),
    # ids
    case("duplicate-id",
         slot_file('id = "a"\nduration = "5m"\n\n[[slot]]\nid = "a"  # <-\nduration = "5m"\n'),
         "id", "duplicate slot id 'a'"),
    case("id-uppercase-and-space", slot_file('id = "Talk 1"  # <-\nduration = "5m"\n'), "id",
         'such as "talk-1" (got "Talk 1")'),
    case("id-empty", slot_file('id = ""  # <-\nduration = "5m"\n'), "id",
         "must be 1 to 32 lowercase letters"),
    case("id-too-long", slot_file(f'id = "{"a" * 33}"  # <-\nduration = "5m"\n'), "id",
         "must be 1 to 32 lowercase letters"),
    case("id-leading-dash", slot_file('id = "-a"  # <-\nduration = "5m"\n'), "id",
         "starting with a letter or digit"),
    case("id-trailing-newline", slot_file('id = "a\\n"  # <-\nduration = "5m"\n'), "id",
         "must be 1 to 32 lowercase letters"),
    case("id-integer", slot_file('id = 5  # <-\nduration = "5m"\n'), "id",
         "must be a string (got the number 5)"),
    # keys
    case("unknown-top-level-key",
         slot_file('id = "a"\nduration = "5m"\n', title='title = "M"\nvenue = "Zoom"  # <-\n'),
         "venue", "unknown key; the keys here are title, start, slot"),
    case("top-level-slots-typo", b"slots = 3  # <-\n", "slots", "did you mean 'slot'?"),
    case("unknown-slot-key", slot_file('id = "a"\ndurration = "5m"  # <-\nduration = "5m"\n'),
         "durration", "did you mean 'duration'?"),
    case("unknown-slot-key-quoted",
         slot_file('id = "a"\nduration = "5m"\n"notes" = "hi"  # <-\n'), "notes", "unknown key"),
    case("unknown-slot-subtable",
         slot_file('id = "a"\nduration = "5m"\n[slot.extra]  # <-\nx = 1\n'), "extra",
         "unknown key"),
    case("unknown-top-table", b'[venue]  # <-\nname = "Zoom"\n', "venue", "unknown key"),
    case("missing-id", slot_file('speaker = "Aiko"\nduration = "5m"\n', header="[[slot]]  # <-"),
         "id", 'this slot has no id; add e.g. id = "talk-1"'),
    case("missing-duration", slot_file('id = "a"\n', header="[[slot]]  # <-"), "duration",
         'this slot has no duration; add e.g. duration = "25m"'),
    case("slot-single-table", b'title = "M"\n[slot]  # <-\nid = "a"\nduration = "5m"\n', "slot",
         "write each talk as a [[slot]] table"),
    case("slot-string", b'slot = "talk"  # <-\n', "slot", "write each talk as a [[slot]] table"),
    case("inline-slots-bad-duration",
         b'title = "M"\nslot = [  # <-\n  { id = "a", duration = "0m" },\n]\n', "duration",
         "must be more than 0"),
    case("too-many-slots", many_slots(MAX_SLOTS + 1), "slot",
         f"at most {MAX_SLOTS} slots (this one has {MAX_SLOTS + 1})"),
    # text fields
    case("title-integer", b"title = 3  # <-\n", "title", "must be a string (got the number 3)"),
    case("title-too-long", f'title = "{"x" * 201}"  # <-\n'.encode(), "title",
         "must be at most 200 characters (got 201)"),
    case("speaker-too-long",
         slot_file(f'id = "a"\nspeaker = "{"x" * 101}"  # <-\nduration = "5m"\n'),
         "speaker", "must be at most 100 characters"),
    case("speaker-array", slot_file('id = "a"\nspeaker = ["A", "B"]  # <-\nduration = "5m"\n'),
         "speaker", "must be a string (got an array)"),
    case("slot-title-too-long",
         slot_file(f'id = "a"\ntitle = "{"x" * 201}"  # <-\nduration = "5m"\n'),
         "title", "must be at most 200 characters"),
    case("multiline-string-not-mistaken-for-keys",
         slot_file('id = "a"\ntitle = """\nduration = "5m"\n"""\nduration = "0s"  # <-\n'),
         "duration", "must be more than 0"),
    # the file itself
    case("not-utf8", b'title = "M"\n\n[[slot]]\nid = "a"\nspeaker = "Jos\xe9"  # <-\n', None,
         "the file is not UTF-8 text (byte 0xe9); save it as UTF-8"),
    case("toml-missing-value", slot_file('id = "a"\nduration =  # <-\n'), None,
         "not valid TOML at column"),
    case("toml-duplicate-key", slot_file('id = "a"\nid = "b"  # <-\nduration = "5m"\n'), None,
         "not valid TOML"),
    case("toml-unclosed-header", b'title = "M"\n[[slot  # <-\n', None, "not valid TOML"),
    case("toml-unterminated-string-at-end", b'title = "M"\n\ntitle2 = "abc', None,
         "not valid TOML: Unterminated string", line=3),
    case("too-big", b"# " + b"x" * MAX_RUNDOWN_BYTES + b"\n", None,
         "rundown files are at most 1 MB", line=None),
]
# fmt: on


@pytest.mark.parametrize(("data", "line", "field", "fragment"), BAD_FILES)
def test_bad_file_names_line_and_field(
    data: bytes, line: int | None, field: str | None, fragment: str
) -> None:
    assert field is None or line is not None, "mark the expected line with # <-"
    with pytest.raises(RundownError) as caught:
        parse_rundown(data)
    error = caught.value
    assert fragment in str(error)
    assert (error.line, error.field) == (line, field), str(error)
    assert error.source == "rundown.toml"
    where = "rundown.toml" + (f", line {line}" if line is not None else "")
    where += f", field {field!r}" if field is not None else ""
    assert str(error).startswith(where + ": "), str(error)


def test_error_reads_as_documented() -> None:
    data = textwrap.dedent("""\
        title = "Kanpe Meetup #12"
        [[slot]]
        id = "talk-1"
        speaker = "Aiko Tanaka"
        title = "Timers that never drift"

        duration = "0m"
        """).encode()
    with pytest.raises(RundownError) as caught:
        parse_rundown(data, source="meetup.toml")
    assert str(caught.value) == (
        "meetup.toml, line 7, field 'duration': must be more than 0 (got \"0m\")"
    )


def test_size_limit_is_checked_before_parsing() -> None:
    # Not even valid UTF-8, but the size is what gets reported.
    with pytest.raises(RundownError, match="at most 1 MB"):
        parse_rundown(b"\xff" * (MAX_RUNDOWN_BYTES + 1))


def test_exactly_the_limits_are_accepted() -> None:
    rundown = parse_rundown(many_slots(MAX_SLOTS))
    assert len(rundown.slots) == MAX_SLOTS
    padded = b"# " + b"x" * (MAX_RUNDOWN_BYTES - 3) + b"\n"
    assert len(padded) == MAX_RUNDOWN_BYTES
    assert parse_rundown(padded) == Rundown()


def test_friendly_forms_are_accepted() -> None:
    data = (
        "\ufefftitle = 'Café'\r\n"
        "[[slot]]\r\n"
        "id = 'lt_1'\r\n"
        "duration = '1H 30M'\r\n"
        "warning = ' 90s '\r\n"
        "final = '0s'\r\n"
        "[[slot]]\r\n"
        "id = '2'\r\n"
        "duration = '4m30s'\r\n"
    ).encode()
    rundown = parse_rundown(data)
    assert rundown == Rundown(
        title="Café",
        slots=(
            Slot(id="lt_1", duration=5400, warning=90, final=0),
            Slot(id="2", duration=270),
        ),
    )


def test_defaults_and_empty_file() -> None:
    assert parse_rundown(b"") == Rundown()
    rundown = parse_rundown(slot_file('id = "a"\nduration = "25m"\n'))
    assert rundown.slots == (Slot(id="a", duration=1500, warning=300, final=60),)


def test_sample_file_has_the_advertised_event() -> None:
    rundown = parse_rundown(SAMPLE.read_bytes(), source=SAMPLE.name)
    assert len(rundown.slots) == 7
    talks = [slot for slot in rundown.slots if slot.duration == 25 * 60]
    lightning = [slot for slot in rundown.slots if slot.duration == 5 * 60]
    assert len(talks) == 4
    assert len(lightning) == 3
    assert all((s.warning, s.final) == (300, 60) for s in talks)
    assert all((s.warning, s.final) == (60, 30) for s in lightning)
    assert all(slot.speaker and slot.title for slot in rundown.slots)
    assert rundown.title


# --- writing and round trips ---

slot_ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,31}", fullmatch=True)
# Any text a TOML file can hold: everything but lone surrogates, which UTF-8 cannot encode.
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)


@st.composite
def rundowns(draw: st.DrawFn) -> Rundown:
    ids = draw(st.lists(slot_ids, unique=True, max_size=12))
    slots = []
    for slot_id in ids:
        warning = draw(st.integers(0, MAX_DURATION))
        slots.append(
            Slot(
                id=slot_id,
                speaker=draw(texts.filter(lambda t: len(t) <= 100)),
                title=draw(texts),
                duration=draw(st.integers(1, MAX_DURATION)),
                warning=warning,
                final=draw(st.integers(0, warning)),
            )
        )
    return Rundown(title=draw(texts), slots=tuple(slots))


@given(rundowns())
def test_dump_then_parse_gives_an_equal_rundown(rundown: Rundown) -> None:
    assert parse_rundown(dump_rundown(rundown).encode()) == rundown


def test_dump_writes_a_slot_table_per_slot() -> None:
    rundown = Rundown(
        title="T", slots=(Slot(id="a", duration=60), Slot(id="b", duration=5400, final=0))
    )
    text = dump_rundown(rundown)
    assert text.count("[[slot]]") == 2
    assert 'duration = "1h30m"' in text
    assert 'final = "0s"' in text
    assert "{" not in text  # never an inline table, however short


def test_sample_round_trips() -> None:
    rundown = parse_rundown(SAMPLE.read_bytes())
    assert parse_rundown(dump_rundown(rundown).encode()) == rundown


@pytest.mark.parametrize(
    ("rundown", "field"),
    [
        pytest.param(
            Rundown(slots=(Slot(id="a", duration=60), Slot(id="a", duration=60))),
            "id",
            id="duplicate-id",
        ),
        pytest.param(
            Rundown(slots=(Slot(id="a", duration=60, warning=10, final=20),)),
            "final",
            id="final-over-warning",
        ),
        pytest.param(Rundown(slots=(Slot(id="Bad Id", duration=60),)), "id", id="bad-id"),
        pytest.param(Rundown(slots=(Slot(id="a\n", duration=60),)), "id", id="id-newline"),
        pytest.param(Rundown(slots=(Slot(id="a", duration=0),)), "duration", id="zero"),
        pytest.param(Rundown(title="x" * 201), "title", id="long-title"),
    ],
)
def test_dump_refuses_a_rundown_it_could_not_read_back(rundown: Rundown, field: str) -> None:
    # Struct constructors skip the Meta constraints, so such values can exist in memory.
    with pytest.raises(RundownError) as caught:
        dump_rundown(rundown)
    assert caught.value.field == field


# --- anything else is a RundownError, never a crash ---

sample_lines = SAMPLE.read_text(encoding="utf-8").split("\n")
edits = st.lists(
    st.tuples(
        st.integers(0, len(sample_lines) - 1),
        st.sampled_from(["delete", "insert", "replace"]),
        st.sampled_from(
            [
                "[[slot]]",
                "[slot]",
                "[slot.x]",
                'id = "a"',
                "duration = 5",
                'final = "9h"',
                'warning = "-1m"',
                "slot = 3",
                'title = """',
                "x = 1",
                "",
                "= =",
                "\x00",
            ]
        ),
    ),
    max_size=6,
)


@given(edits)
def test_edited_sample_parses_or_says_where(changes: list[tuple[int, str, str]]) -> None:
    lines = list(sample_lines)
    for position, action, text in changes:
        index = min(position, len(lines) - 1)
        if action == "delete" and lines:
            del lines[index]
        elif action == "insert":
            lines.insert(index, text)
        elif lines:
            lines[index] = text
    line: int | None = None
    try:
        parse_rundown("\n".join(lines).encode())
    except RundownError as error:
        line = error.line
    assert line is None or 1 <= line <= len(lines)


@given(st.binary(max_size=300))
def test_any_bytes_parse_or_raise_rundown_error(data: bytes) -> None:
    with contextlib.suppress(RundownError):
        parse_rundown(data)


# --- durations and the line locator ---


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("25m", 1500),
        ("1h30m", 5400),
        ("90s", 90),
        ("4m30s", 270),
        ("1h", 3600),
        ("1h1s", 3601),
        ("90m", 5400),
        (" 2M 5S ", 125),
        ("-5m", -300),
        ("0s", 0),
        ("007m", 420),
    ],
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "5", "m", "5 minutes", "1.5m", "30m1h", "5m5m", "1d", "--5m"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


@given(st.integers(-10 * MAX_DURATION, 10 * MAX_DURATION))
def test_format_duration_round_trips(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


def test_format_duration_is_short() -> None:
    assert [format_duration(s) for s in (0, 30, 60, 90, 3600, 5400, 3601)] == [
        "0s",
        "30s",
        "1m",
        "1m30s",
        "1h",
        "1h30m",
        "1h1s",
    ]


def test_line_locator_finds_headers_and_keys() -> None:
    lines = LineLocator.scan(
        'title = "M"\n'  # 1
        "\n"  # 2
        "[[slot]]\n"  # 3
        'id = "a"\n'  # 4
        "[[ slot ]]\n"  # 5
        "  'duration' = \"5m\"\n"  # 6
        "[other]\n"  # 7
        'id = "x"\n'  # 8
    )
    assert lines.top_key("title") == 1
    assert lines.top_key("other") == 7
    assert lines.slot_header(0) == 3
    assert lines.slot_key(0, "id") == 4
    assert lines.slot_key(1, "duration") == 6
    assert lines.slot_key(1, "id") == 5  # absent: the slot's header
    assert lines.slot_header(2) is None


# --- the planned start of the event ---

TOKYO = timezone(timedelta(hours=9))
NIGHT = datetime(2026, 12, 4, 19, 0, tzinfo=TOKYO).timestamp()
ONE_SLOT = b'[[slot]]\nid = "a"\nduration = "5m"\n'


@pytest.mark.parametrize(
    ("line", "zone"),
    [
        (b"start = 2026-12-04T19:00:00+09:00\n", None),
        (b"start = 2026-12-04T10:00:00Z\n", None),
        (b"start = 2026-12-04 19:00:00\n", TOKYO),  # no offset: the host's zone
    ],
)
def test_planned_start(line: bytes, zone: timezone | None) -> None:
    rundown = parse_rundown(b'title = "N"\n' + line + ONE_SLOT, zone=zone)
    assert rundown.start == NIGHT


@pytest.mark.parametrize(
    "value", [b'"19:00"', b"19:00:00", b"2026-12-04", b"1796410800", b"1900-01-01T00:00:00Z"]
)
def test_planned_start_must_be_a_date_and_time_after_1970(value: bytes) -> None:
    with pytest.raises(RundownError) as failed:
        parse_rundown(b'title = "N"\nstart = ' + value + b"\n" + ONE_SLOT)
    assert (failed.value.line, failed.value.field) == (2, "start")


@pytest.mark.parametrize("zone", [TOKYO, UTC, timezone(timedelta(hours=-5))])
def test_planned_start_round_trips_in_any_zone(zone: timezone) -> None:
    rundown = Rundown(title="N", start=NIGHT, slots=(Slot(id="a", duration=300),))
    text = dump_rundown(rundown, zone)
    assert "start = 2026-12-04" in text
    assert parse_rundown(text.encode()) == rundown


def test_a_rundown_without_a_start_writes_none() -> None:
    text = dump_rundown(Rundown(slots=(Slot(id="a", duration=300),)))
    assert "start" not in text
