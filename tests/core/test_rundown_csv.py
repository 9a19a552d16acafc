"""CSV timetables as rundowns: a table of good files, a table of bad ones each naming its line and
column, and the round trip CSV -> rundown -> TOML -> rundown."""

from __future__ import annotations

import pytest

from kanpe.core.rundown import Rundown, RundownError, Slot
from kanpe.core.rundown_csv import MAX_CSV_BYTES, parse_csv
from kanpe.core.rundown_toml import dump_rundown, parse_rundown

GOOD = (
    "title,speaker,minutes\n"
    "Timers that never drift,Aiko Tanaka,25\n"
    '"Five slides, five minutes",Priya Natarajan,5\n'
    "Half a minute,Ben,0.5\n"
)


def test_a_timetable_becomes_slots_in_order() -> None:
    rundown = parse_csv(GOOD.encode(), title="Night")
    assert rundown == Rundown(
        title="Night",
        slots=(
            Slot(
                id="talk-1", speaker="Aiko Tanaka", title="Timers that never drift", duration=1500
            ),
            Slot(
                id="talk-2",
                speaker="Priya Natarajan",
                title="Five slides, five minutes",
                duration=300,
                warning=60,
                final=30,
            ),
            Slot(
                id="talk-3", speaker="Ben", title="Half a minute", duration=30, warning=60, final=30
            ),
        ),
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "\ufeffMinutes;Title;Speaker;Room\r\n25;T;S;A\r\n\r\n", id="bom-semicolons-crlf"
        ),
        pytest.param("Speaker\tTITLE\tminutes\nS\tT\t25\n", id="tabs-any-case"),
        pytest.param(
            'title,speaker,minutes,notes\nT,S,"25",long notes, with a comma\n', id="extra"
        ),
        pytest.param("title,speaker,minutes\nT,S,25,0\n\n,,\n", id="blank-rows"),
        pytest.param('title,speaker,minutes\nT,S,"25,0"\n', id="decimal-comma"),
    ],
)
def test_spreadsheets_write_it_many_ways(text: str) -> None:
    assert parse_csv(text.encode()).slots == (
        Slot(id="talk-1", speaker="S", title="T", duration=1500),
    )


def test_an_id_column_names_the_slots() -> None:
    rundown = parse_csv(b"id,title,speaker,minutes\nkeynote,K,A,40\nlt-1,L,B,5\n")
    assert [slot.id for slot in rundown.slots] == ["keynote", "lt-1"]


@pytest.mark.parametrize(
    ("data", "line", "field", "words"),
    [
        pytest.param(
            b"title,minutes\nT,25\n", 1, "speaker", "missing speaker", id="missing-column"
        ),
        pytest.param(
            b"name,who,length\n",
            1,
            "title",
            "missing title, speaker, minutes (found name, who, length)",
            id="wrong-header",
        ),
        pytest.param(b"", None, None, "the file is empty", id="empty"),
        pytest.param(b"title,speaker,minutes\nT,S,\n", 2, "minutes", "no length", id="no-minutes"),
        pytest.param(
            b"title,speaker,minutes\nT,S,25 min\n", 2, "minutes", "number of minutes", id="words"
        ),
        pytest.param(b"title,speaker,minutes\nT,S,0\n", 2, "minutes", "more than 0", id="zero"),
        pytest.param(
            b"title,speaker,minutes\nT,S,1441\n", 2, "minutes", "at most 1440", id="too-long"
        ),
        pytest.param(
            b"title,speaker,minutes\n\nA,S,5\nB,S,-5\n", 4, "minutes", "number", id="negative"
        ),
        pytest.param(
            b"title,speaker,minutes\n" + b"T" * 201 + b",S,5\n",
            2,
            "title",
            "at most 200",
            id="long-title",
        ),
        pytest.param(
            b"id,title,speaker,minutes\nTalk 1,T,S,5\n", 2, "id", "lowercase", id="bad-id"
        ),
        pytest.param(
            b"id,title,speaker,minutes\na,T,S,5\na,U,S,5\n",
            3,
            "id",
            "used twice (first on line 2)",
            id="dup-id",
        ),
        pytest.param(b"title,speaker,minutes\nCaf\xe9,S,5\n", 2, None, "not UTF-8", id="latin-1"),
    ],
)
def test_bad_timetables_say_where(
    data: bytes, line: int | None, field: str | None, words: str
) -> None:
    with pytest.raises(RundownError) as failed:
        parse_csv(data, source="night.csv")
    assert (failed.value.line, failed.value.field) == (line, field)
    assert words in str(failed.value)
    assert str(failed.value).startswith("night.csv")


def test_huge_files_and_too_many_rows_are_refused() -> None:
    with pytest.raises(RundownError, match="at most 1 MB"):
        parse_csv(b"title,speaker,minutes\n" + b"x" * MAX_CSV_BYTES)
    rows = b"title,speaker,minutes\n" + b"T,S,5\n" * 201
    with pytest.raises(RundownError, match="at most 200 talks") as failed:
        parse_csv(rows)
    assert failed.value.line == 202


def test_round_trip_through_the_rundown_file() -> None:
    rundown = parse_csv(GOOD.encode(), title="Night")
    assert parse_rundown(dump_rundown(rundown).encode()) == rundown
