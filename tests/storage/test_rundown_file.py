"""Rundown files on disk: load, save, and never clobbering a file that did not load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kanpe.core.rundown import Rundown, RundownError, Slot
from kanpe.core.rundown_toml import MAX_RUNDOWN_BYTES, dump_rundown
from kanpe.storage.assets import sample_rundown_path
from kanpe.storage.atomic import FileMissingError, NotAFileError
from kanpe.storage.rundown_file import (
    import_timetable,
    load_or_default,
    load_rundown,
    save_rundown,
)

RUNDOWN = Rundown(
    title="Meetup",
    slots=(
        Slot(id="talk-1", speaker="Aiko Tanaka", title="Timers", duration=1500),
        Slot(id="lt-1", duration=300, warning=60, final=30),
    ),
)
DEFAULT = Rundown(title="default")
CORRUPT = b'title = "Meetup"\n\n[[slot]]\nid = "talk-1"\nduration = "25 minutes"\n'


def test_save_then_load(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    save_rundown(path, RUNDOWN)
    assert load_rundown(path) == RUNDOWN
    assert path.read_text(encoding="utf-8") == dump_rundown(RUNDOWN)
    assert os.listdir(tmp_path) == ["rundown.toml"]


def test_save_replaces_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    save_rundown(path, DEFAULT)
    save_rundown(path, RUNDOWN)
    assert load_rundown(path) == RUNDOWN


def test_save_over_a_corrupt_file_is_the_users_choice(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    path.write_bytes(CORRUPT)
    save_rundown(path, RUNDOWN)
    assert load_rundown(path) == RUNDOWN


def test_save_refuses_a_rundown_that_would_not_load_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    save_rundown(path, RUNDOWN)
    before = path.read_bytes()
    duplicate = Rundown(slots=(Slot(id="a", duration=60), Slot(id="a", duration=60)))
    with pytest.raises(RundownError, match="duplicate slot id"):
        save_rundown(path, duplicate)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["rundown.toml"]


def test_load_error_names_the_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    path.write_bytes(CORRUPT)
    with pytest.raises(RundownError) as caught:
        load_rundown(path)
    assert (caught.value.line, caught.value.field) == (5, "duration")
    assert str(caught.value).startswith(f"{path}, line 5, field 'duration': ")


def test_load_refuses_a_file_over_1_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(b"#" * (MAX_RUNDOWN_BYTES + 1))
    with pytest.raises(RundownError, match="rundown files are at most 1 MB") as caught:
        load_rundown(path)
    assert caught.value.source == str(path)


def test_load_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError):
        load_rundown(tmp_path / "absent.toml")
    with pytest.raises(NotAFileError):
        load_rundown(tmp_path)


def test_load_or_default_uses_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    save_rundown(path, RUNDOWN)
    assert load_or_default(path, DEFAULT) == (RUNDOWN, None)


def test_load_or_default_without_a_file_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    assert load_or_default(path, DEFAULT) == (DEFAULT, None)
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param(CORRUPT, "line 5, field 'duration'", id="bad-duration"),
        pytest.param(b"title = \n", "not valid TOML", id="syntax"),
        pytest.param(b'title = "\xff"\n', "not UTF-8", id="encoding"),
        pytest.param(b"#" * (MAX_RUNDOWN_BYTES + 1), "at most 1 MB", id="too-big"),
    ],
)
def test_load_or_default_leaves_a_bad_file_untouched(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "rundown.toml"
    path.write_bytes(content)
    before = path.stat()
    rundown, message = load_or_default(path, DEFAULT)
    assert rundown == DEFAULT
    assert message is not None
    assert fragment in message
    assert str(path) in message
    assert message.endswith("The file was not changed.")
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert os.listdir(tmp_path) == ["rundown.toml"]


def test_load_or_default_reports_a_directory(tmp_path: Path) -> None:
    rundown, message = load_or_default(tmp_path, DEFAULT)
    assert rundown == DEFAULT
    assert message is not None
    assert "is a directory" in message


def test_the_sample_rundown_loads() -> None:
    rundown = load_rundown(sample_rundown_path())
    assert len(rundown.slots) == 7
    assert rundown.total_seconds == 4 * 25 * 60 + 3 * 5 * 60


# --- CSV timetables ---


def test_import_a_timetable_then_save_it_as_a_rundown(tmp_path: Path) -> None:
    csv_path = tmp_path / "night.csv"
    csv_path.write_bytes(b"title,speaker,minutes\nTimers,Aiko Tanaka,25\nLightning,Ben,5\n")
    rundown = import_timetable(csv_path, title="Night")
    assert [(s.title, s.duration) for s in rundown.slots] == [("Timers", 1500), ("Lightning", 300)]
    path = tmp_path / "night.toml"
    save_rundown(path, rundown)
    assert load_rundown(path) == rundown
    assert csv_path.read_bytes().startswith(b"title,")  # only read


def test_import_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "night.csv"
    path.write_bytes(b"title,minutes\nTimers,25\n")
    with pytest.raises(RundownError) as caught:
        import_timetable(path)
    assert str(caught.value).startswith(f"{path}, line 1, field 'speaker': ")


def test_import_refuses_a_huge_file_before_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(b"title,speaker,minutes\n" + b"T,S,5\n" * 200_000)
    with pytest.raises(RundownError, match="at most 1 MB"):
        import_timetable(path)
    with pytest.raises(FileMissingError):
        import_timetable(tmp_path / "absent.csv")
