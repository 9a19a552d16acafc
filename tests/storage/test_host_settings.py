"""The host console's settings file: presets remembered once edited, bad files kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanpe.storage.hostsettings import CuePreset, HostSettings, host_settings_store


def test_round_trip(tmp_path: Path) -> None:
    store = host_settings_store(tmp_path / "host.toml")
    assert store.load() == HostSettings()  # no file: defaults, presets in the desktop language
    chosen = HostSettings(
        presets=(CuePreset("残り5分", "time"), CuePreset("Mic!", "text")),
        flash=True,
        next_starts=False,
        splitter=(400, 600, 300),
    )
    assert store.save(chosen)
    assert host_settings_store(tmp_path / "host.toml").load() == chosen


@pytest.mark.parametrize(
    "text",
    [
        "cues = 3\n",
        '[cues]\npresets = [{text = "", kind = "text"}]\n',
        '[cues]\npresets = [{text = "Hi", kind = "shout"}]\n',
        '[window]\nnext_starts = "yes"\n',
        "[window]\nsplitter = [-1]\n",
        "not toml at all [\n",
    ],
)
def test_a_bad_file_is_reported_and_kept(tmp_path: Path, text: str) -> None:
    path = tmp_path / "host.toml"
    path.write_text(text, encoding="utf-8")
    store = host_settings_store(path)
    assert store.load() == HostSettings()
    assert store.problem
    assert not store.save(HostSettings(flash=True))
    assert path.read_text(encoding="utf-8") == text
