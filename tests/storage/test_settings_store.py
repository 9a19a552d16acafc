"""The settings store keeps any app's settings, given the format of its file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kanpe.storage.settings import SettingsError, SettingsStore, SpeakerSettings


@dataclass(frozen=True)
class ConsoleSettings:
    columns: int = 3


class ConsoleFormat:
    """A second app's settings, as the host's console will have."""

    file_name = "console.toml"

    def default(self) -> ConsoleSettings:
        return ConsoleSettings()

    def parse(self, document: dict[str, Any]) -> ConsoleSettings:
        columns = document.get("columns", 3)
        if not isinstance(columns, int):
            raise SettingsError("columns must be a whole number")
        return ConsoleSettings(columns)

    def dump(self, settings: ConsoleSettings) -> dict[str, Any]:
        return {"columns": settings.columns}


def test_a_second_apps_settings_round_trip_in_their_own_file(tmp_path: Path) -> None:
    store = SettingsStore(ConsoleFormat(), tmp_path / "console.toml")
    assert store.load() == ConsoleSettings() and store.problem is None
    assert store.save(ConsoleSettings(columns=5))
    assert SettingsStore(ConsoleFormat(), store.path).load() == ConsoleSettings(columns=5)


def test_a_bad_file_of_any_app_is_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "console.toml"
    path.write_text('columns = "many"\n')
    store = SettingsStore(ConsoleFormat(), path)
    assert store.load() == ConsoleSettings()
    assert store.problem is not None and "columns" in store.problem
    assert not store.save(ConsoleSettings(columns=2))
    assert path.read_text() == 'columns = "many"\n'


def test_the_speakers_store_lives_in_its_own_file(tmp_path: Path) -> None:
    store = SettingsStore.for_speaker(tmp_path / "speaker.toml")
    assert store.load() == SpeakerSettings()
    assert SettingsStore.for_speaker().path.name == "speaker.toml"
