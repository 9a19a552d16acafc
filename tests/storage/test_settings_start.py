"""The start window's remembered choices in the settings file: recent decks, the last choice,
the practice talk's length. Kept beside the speaker's other preferences, in the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanpe.storage.settings import MAX_RECENT_DECKS, SettingsStore, SpeakerSettings


def test_recent_decks_choice_and_minutes_survive_a_save(tmp_path: Path) -> None:
    store = SettingsStore.for_speaker(tmp_path / "speaker.toml")
    settings = SpeakerSettings(start_choice="join", practice_minutes=5.0)
    settings = settings.with_recent_deck("/talks/a.pdf").with_recent_deck("/talks/b.pdf")
    assert store.save(settings)
    loaded = SettingsStore.for_speaker(tmp_path / "speaker.toml").load()
    assert loaded.recent_decks == ("/talks/b.pdf", "/talks/a.pdf")
    assert loaded.start_choice == "join" and loaded.practice_minutes == 5.0


def test_a_deck_opened_again_moves_to_the_top_and_the_list_is_bounded() -> None:
    settings = SpeakerSettings()
    for n in range(MAX_RECENT_DECKS + 3):
        settings = settings.with_recent_deck(f"/d/{n}.pdf")
    settings = settings.with_recent_deck("/d/5.pdf")
    assert settings.recent_decks[0] == "/d/5.pdf"
    assert len(settings.recent_decks) == MAX_RECENT_DECKS
    assert len(set(settings.recent_decks)) == MAX_RECENT_DECKS


def test_a_file_from_before_the_start_window_reads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "speaker.toml"
    path.write_text("[stage]\nsplit = 0.6\n")
    loaded = SettingsStore.for_speaker(path).load()
    assert loaded.split == 0.6
    assert loaded.recent_decks == () and loaded.start_choice == "present"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[start]\nrecent_decks = 'a.pdf'\n", "start.recent_decks must be a list"),
        ("[start]\nrecent_decks = [1]\n", "start.recent_decks must be a list"),
        ("[start]\nchoice = 3\n", "start.choice must be text"),
        ("[start]\npractice_minutes = 'long'\n", "start.practice_minutes must be a number"),
    ],
)
def test_a_bad_start_table_is_reported_and_the_file_kept(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "speaker.toml"
    path.write_text(text)
    store = SettingsStore.for_speaker(path)
    store.load()
    assert store.problem is not None and problem in store.problem
    assert not store.save(SpeakerSettings())
    assert path.read_text() == text


def test_out_of_range_values_are_clamped() -> None:
    settings = SpeakerSettings(start_choice="hack", practice_minutes=99999.0).clamped()
    assert settings.start_choice == "present" and settings.practice_minutes == 1440.0
