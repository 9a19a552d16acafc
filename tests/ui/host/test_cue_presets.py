"""Cue presets: edited by the host and remembered; the defaults speak the desktop's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from kanpe.storage.assets import asset_path
from kanpe.storage.hostsettings import CuePreset, host_settings_store
from kanpe.ui.host.cues import PresetEditor, default_presets
from tests.ui.host.conftest import Hosts, Night, host_test


@host_test
async def test_edited_presets_are_remembered(night: Night, hosts: Hosts) -> None:
    console = await hosts.start(night.invites.host)
    mine = (CuePreset("Mic check, please", "text"), CuePreset("Two minutes", "time"))
    console.window.cues.set_presets(mine)
    console.window.cues.presetsEdited.emit(mine)
    assert host_settings_store(hosts.folder / "host.toml").load().presets == mine
    again = await hosts.start(night.invites.host)
    assert again.window.cues.presets == mine
    assert again.window.cues.preset_button("Mic check, please") is not None
    assert again.window.cues.preset_button("Please wrap up") is None


def test_the_preset_editor_keeps_kinds_and_restores_defaults(qapp: QApplication) -> None:
    del qapp
    editor = PresetEditor(default_presets())
    editor.lines.setPlainText("Please wrap up\n\n  Drink some water  \n")
    assert editor.result_presets() == (
        CuePreset("Please wrap up", "wrap"),
        CuePreset("Drink some water", "text"),
    )
    editor.lines.setPlainText("")
    assert editor.result_presets() is None  # nothing left: the defaults again
    editor._restore()
    assert editor.result_presets() is None  # the defaults, following the desktop's language


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load("kanpe_ja", str(asset_path("translations")))
    qapp.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_default_presets_on_a_japanese_desktop(japanese: None) -> None:
    texts = [preset.text for preset in default_presets()]
    assert texts[:4] == ["残り5分", "残り1分", "まとめに入ってください", "時間です"]


def test_opening_the_console_writes_no_settings_and_a_change_does(
    qapp: object, tmp_path: Path
) -> None:
    """Applying the host's settings at start echoes them back through the widgets: that is not
    a change, so nothing is written (an fsync'd write at every start); a real one is."""
    from kanpe.ui.host.console import HostConsole
    from kanpe.ui.roommodel import RoomModel

    path = tmp_path / "host.toml"
    console = HostConsole(RoomModel(), settings=host_settings_store(path))
    try:
        assert not path.exists()
        console.window.cues.flash.setChecked(not console.settings.flash)
        assert path.exists()
        assert host_settings_store(path).load().flash is console.settings.flash
    finally:
        console.quit()
