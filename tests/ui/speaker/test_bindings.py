"""The speaker's binding table is the one source of keys: help, menus and dispatch follow it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kanpe.ui.keys import SPEAKER_BINDINGS, SPEAKER_KEYMAP, Binding, Key, Keymap
from kanpe.ui.speaker.actions import SpeakerActions
from kanpe.ui.speaker.console import PresenterConsole
from kanpe.ui.ticker import CountdownTicker

Mod = Qt.KeyboardModifier
ACTIONS = [b.action for b in SPEAKER_BINDINGS]


def modifiers(key: Key) -> Qt.KeyboardModifier:
    found = Mod.NoModifier
    if key.ctrl:
        found |= Mod.ControlModifier
    if key.shift:
        found |= Mod.ShiftModifier
    return found


@pytest.mark.parametrize(
    ("binding", "key"), [(b, k) for b in SPEAKER_BINDINGS for k in b.keys], ids=str
)
def test_every_key_of_the_table_finds_its_own_binding(binding: Binding, key: Key) -> None:
    assert SPEAKER_KEYMAP.lookup(key.code, modifiers(key)) is binding


def test_chords_outside_the_table_are_left_to_qt() -> None:
    assert SPEAKER_KEYMAP.lookup(Qt.Key.Key_PageDown, Mod.ControlModifier) is None
    assert SPEAKER_KEYMAP.lookup(Qt.Key.Key_O, Mod.AltModifier) is None
    assert SPEAKER_KEYMAP.lookup(Qt.Key.Key_Home, Mod.MetaModifier) is None
    found = SPEAKER_KEYMAP.lookup(Qt.Key.Key_Question, Mod.ShiftModifier)  # "?" needs Shift
    assert found is not None and found.action == "help"


def test_a_key_bound_twice_is_refused() -> None:
    twice = (
        Binding("a", (Key(Qt.Key.Key_A, "A"),)),
        Binding("b", (Key(Qt.Key.Key_A, "A"),)),
    )
    with pytest.raises(AssertionError, match="bound twice"):
        Keymap(twice)


def test_help_lists_every_action_with_the_tables_keys(qtbot: QtBot) -> None:
    console = PresenterConsole(QWidget(), QWidget(), CountdownTicker(lambda: None))
    qtbot.addWidget(console)
    words = SpeakerActions()
    listed = [action for _, group in words.help_sections() for action, _ in group]
    assert sorted(listed) == sorted(ACTIONS)  # every action once, nothing the table lacks
    lines = console.help.lines()
    for binding in SPEAKER_BINDINGS:
        shown = " / ".join(k.label for k in binding.keys if k.shown)
        assert any(line.startswith(f"{shown}: ") for line in lines), binding.action


def test_menus_show_the_tables_key_outside_their_words(qtbot: QtBot) -> None:
    console = PresenterConsole(QWidget(), QWidget(), CountdownTicker(lambda: None))
    qtbot.addWidget(console)
    for name, item in console.menu_actions.items():
        action, _, choice = name.partition(":")  # "stage.size:1280x720": one of a submenu
        assert action in ACTIONS
        if choice:  # its action's key steps through the choices: it is not one choice's key
            assert "\t" not in item.text() and item.text()
            continue
        words, key = item.text().split("\t")
        assert key == SPEAKER_KEYMAP.label(action) and words
    for _, items in SpeakerActions().menus():
        assert all("\t" not in item.text for item in items if item is not None)


def test_the_app_does_something_for_every_action_of_the_table_and_nothing_else(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    store = SettingsStore.for_speaker(tmp_path / "speaker.toml")
    app = SpeakerApp(SpeakerSlotModel(), settings=store, solo=True)
    try:
        assert sorted(app._actions()) == sorted(ACTIONS)
        assert not app.act("slide.next")  # no deck: the key is not taken
        assert app.act("stage.badge") and app.console.menu_actions["stage.badge"].isChecked()
    finally:
        app.quit()


def test_a_held_once_key_acts_once() -> None:
    once = {b.action for b in SPEAKER_BINDINGS if b.once}
    assert {"stage.blank", "timer.start_pause", "cue.ack", "help"} <= once
    assert "slide.next" not in once  # a held clicker key keeps flipping
    press = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_B, Mod.NoModifier, "b", True)
    found = SPEAKER_KEYMAP.lookup(press.key(), press.modifiers())
    assert press.isAutoRepeat() and found is not None and found.once
