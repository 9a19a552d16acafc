"""The host console's key bindings and their words: one table (``HOST_BINDINGS``), from which
the key dispatch (``HOST_KEYMAP`` through a ``KeyRouter``), the menus and the ``?`` card all
come. Nothing lists a shortcut twice.

Keys reach the console before any widget, except in a text field (a cue being typed, a cell
being edited), which keeps its keys.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from kanpe.ui.keys import Binding, Key, Keymap
from kanpe.ui.menus import SEPARATOR, MenuItem, MenuSpec

K = Qt.Key

HOST_BINDINGS: tuple[Binding, ...] = (
    Binding("talk.start_pause", (Key(K.Key_Space, "Space"),), once=True),
    Binding("talk.plus_minute", (Key(K.Key_Plus, "+"), Key(K.Key_Equal, "=", shown=False))),
    Binding("talk.minus_minute", (Key(K.Key_Minus, "−"), Key(K.Key_Underscore, "_", shown=False))),
    Binding("talk.next", (Key(K.Key_N, "N"),), once=True),
    Binding("cue.wrap", (Key(K.Key_W, "W"),), once=True),
    Binding("cue.clear", (Key(K.Key_X, "X"),), once=True),
    Binding("cue.type", (Key(K.Key_Slash, "/"),), once=True),
    Binding("check.all", (Key(K.Key_K, "K"),), once=True),
    Binding("rundown.add", (Key(K.Key_N, "Ctrl+N", ctrl=True),), once=True),
    Binding("rundown.remove", (Key(K.Key_Delete, "Delete"),), once=True),
    Binding("rundown.up", (Key(K.Key_Up, "Ctrl+↑", ctrl=True),)),
    Binding("rundown.down", (Key(K.Key_Down, "Ctrl+↓", ctrl=True),)),
    Binding("rundown.open", (Key(K.Key_O, "Ctrl+O", ctrl=True),), once=True),
    Binding("rundown.save", (Key(K.Key_S, "Ctrl+S", ctrl=True),), once=True),
    Binding("rundown.import_csv", (Key(K.Key_I, "Ctrl+I", ctrl=True),), once=True),
    Binding("relay.join", (Key(K.Key_J, "Ctrl+J", ctrl=True),), once=True),
    Binding("event.export", (Key(K.Key_E, "Ctrl+E", ctrl=True),), once=True),
    Binding("help", (Key(K.Key_Question, "?"), Key(K.Key_F1, "F1")), once=True),
    Binding("quit", (Key(K.Key_Q, "Ctrl+Q", ctrl=True),)),
)

#: The host console's keymap (built once: it checks that no key is bound twice).
HOST_KEYMAP = Keymap(HOST_BINDINGS)


class HostActions(QObject):
    """The words of the host's actions, in the host's language: help's lines and the menus."""

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return [
            (
                self.tr("The talk on stage"),
                [
                    ("talk.start_pause", self.tr("Start / pause the talk on stage")),
                    ("talk.plus_minute", self.tr("+1 minute for the talk on stage")),
                    ("talk.minus_minute", self.tr("−1 minute for the talk on stage")),
                    ("talk.next", self.tr("Next talk")),
                ],
            ),
            (
                self.tr("Cue cards"),
                [
                    ("cue.wrap", self.tr("Cue “Please wrap up” to the talk on stage")),
                    ("cue.clear", self.tr("Take the cue down")),
                    ("cue.type", self.tr("Type a cue")),
                    ("check.all", self.tr("Check all speakers")),
                ],
            ),
            (
                self.tr("Rundown"),
                [
                    ("rundown.add", self.tr("Add a talk")),
                    ("rundown.remove", self.tr("Remove the selected talk")),
                    ("rundown.up", self.tr("Move the selected talk up")),
                    ("rundown.down", self.tr("Move the selected talk down")),
                    ("rundown.open", self.tr("Open a rundown…")),
                    ("rundown.save", self.tr("Save the rundown…")),
                    ("rundown.import_csv", self.tr("Import a CSV timetable…")),
                ],
            ),
            (
                self.tr("Window"),
                [
                    ("event.export", self.tr("Export the event as Markdown…")),
                    ("relay.join", self.tr("Join another relay with a host link…")),
                    ("help", self.tr("Show these shortcuts")),
                    ("quit", self.tr("Quit")),
                ],
            ),
        ]

    def menus(self) -> MenuSpec:
        return [
            (
                self.tr("&File"),
                [
                    MenuItem("rundown.open", self.tr("Open a rundown…")),
                    MenuItem("rundown.save", self.tr("Save the rundown…")),
                    MenuItem("rundown.import_csv", self.tr("Import a CSV timetable…")),
                    MenuItem("event.export", self.tr("Export the event as Markdown…")),
                    SEPARATOR,
                    MenuItem("relay.join", self.tr("Join another relay with a host link…")),
                    SEPARATOR,
                    MenuItem("quit", self.tr("Quit")),
                ],
            ),
            (
                self.tr("&Talk"),
                [
                    MenuItem("talk.start_pause", self.tr("Start / pause the talk on stage")),
                    MenuItem("talk.plus_minute", self.tr("+1 minute")),
                    MenuItem("talk.minus_minute", self.tr("−1 minute")),
                    SEPARATOR,
                    MenuItem("talk.next", self.tr("Next talk")),
                ],
            ),
            (
                self.tr("&Cues"),
                [
                    MenuItem("cue.wrap", self.tr("Please wrap up")),
                    MenuItem("cue.clear", self.tr("Take the cue down")),
                    MenuItem("cue.type", self.tr("Type a cue")),
                    SEPARATOR,
                    MenuItem("check.all", self.tr("Check all speakers")),
                ],
            ),
            (
                self.tr("&Rundown"),
                [
                    MenuItem("rundown.add", self.tr("Add a talk")),
                    MenuItem("rundown.remove", self.tr("Remove the selected talk")),
                    MenuItem("rundown.up", self.tr("Move up")),
                    MenuItem("rundown.down", self.tr("Move down")),
                ],
            ),
            (self.tr("&Help"), [MenuItem("help", self.tr("Keyboard shortcuts"))]),
        ]
