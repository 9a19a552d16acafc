"""Keyboard first: one table of shortcuts (shown by the help overlay) and one router for them.

Presentation clickers send PageUp/PageDown/arrows, so keys must reach the slides whichever of
the speaker's windows has focus and whatever widget in it would otherwise take them. The router
is an application-wide event filter that offers each key press in one of our windows to a handler
before any widget sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


@dataclass(frozen=True, slots=True)
class Shortcut:
    keys: tuple[str, ...]
    action: str


def shortcut_table() -> list[tuple[str, list[Shortcut]]]:
    """Every shortcut, grouped, in the speaker's language."""
    tr = QCoreApplication.translate
    return [
        (
            tr("Keys", "Slides"),
            [
                Shortcut(("PgDn", "→", "↓", "Space"), tr("Keys", "Next slide")),
                Shortcut(("PgUp", "←", "↑"), tr("Keys", "Previous slide")),
                Shortcut(("Home", "End"), tr("Keys", "First / last slide")),
                Shortcut(("B",), tr("Keys", "Blank the stage")),
                Shortcut(("Ctrl+O",), tr("Keys", "Open another deck")),
            ],
        ),
        (
            tr("Keys", "Timer and cues"),
            [
                Shortcut(("S",), tr("Keys", "Start / pause the countdown (solo)")),
                Shortcut(("G", "Enter"), tr("Keys", "Got it: acknowledge the cue")),
            ],
        ),
        (
            tr("Keys", "Windows"),
            [
                Shortcut(("F",), tr("Keys", "Stage full screen")),
                Shortcut(("O",), tr("Keys", "Show / hide the overlay")),
                Shortcut(("T",), tr("Keys", "Overlay click-through on / off")),
                Shortcut(("C",), tr("Keys", "Countdown badge on stage")),
                Shortcut(("+", "−"), tr("Keys", "Feed text size")),
                Shortcut(("?", "F1"), tr("Keys", "Show these shortcuts")),
                Shortcut(("Ctrl+Q",), tr("Keys", "Quit")),
            ],
        ),
    ]


KeyHandler = Callable[[QKeyEvent], bool]

#: Keys that act once per press: a held key's auto-repeats would toggle them on and off.
ONCE_KEYS = frozenset(
    {
        Qt.Key.Key_B,
        Qt.Key.Key_Period,
        Qt.Key.Key_F,
        Qt.Key.Key_Escape,
        Qt.Key.Key_O,
        Qt.Key.Key_T,
        Qt.Key.Key_C,
        Qt.Key.Key_S,
        Qt.Key.Key_G,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Question,
        Qt.Key.Key_F1,
    }
)

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class KeyRouter(QObject):
    """Offers key presses in ``windows`` to ``handler`` first; a True return consumes them."""

    def __init__(self, handler: KeyHandler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self.windows: list[QWidget] = []

    def watch(self, window: QWidget) -> None:
        self.windows.append(window)

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if isinstance(watched, _TEXT_INPUTS):
            return False  # someone is typing (a file dialog's name field, say)
        window = watched.window()
        if not any(window is w for w in self.windows):
            return False
        assert isinstance(event, QKeyEvent)
        return self.handler(event)
