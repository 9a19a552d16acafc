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
    return [
        (
            QCoreApplication.translate("Keys", "Slides"),
            [
                Shortcut(
                    ("PgDn", "→", "↓", "Space"), QCoreApplication.translate("Keys", "Next slide")
                ),
                Shortcut(("PgUp", "←", "↑"), QCoreApplication.translate("Keys", "Previous slide")),
                Shortcut(("Home", "End"), QCoreApplication.translate("Keys", "First / last slide")),
                Shortcut(("B",), QCoreApplication.translate("Keys", "Blank the stage")),
                Shortcut(("Ctrl+O",), QCoreApplication.translate("Keys", "Open another deck")),
            ],
        ),
        (
            QCoreApplication.translate("Keys", "Timer and cues"),
            [
                Shortcut(
                    ("S",), QCoreApplication.translate("Keys", "Start / pause the countdown (solo)")
                ),
                Shortcut(
                    ("G", "Enter"),
                    QCoreApplication.translate("Keys", "Got it: acknowledge the cue"),
                ),
            ],
        ),
        (
            QCoreApplication.translate("Keys", "Windows"),
            [
                Shortcut(("F",), QCoreApplication.translate("Keys", "Stage full screen")),
                Shortcut(("O",), QCoreApplication.translate("Keys", "Show / hide the overlay")),
                Shortcut(
                    ("T",), QCoreApplication.translate("Keys", "Overlay click-through on / off")
                ),
                Shortcut(("C",), QCoreApplication.translate("Keys", "Countdown badge on stage")),
                Shortcut(("+", "−"), QCoreApplication.translate("Keys", "Feed text size")),
                Shortcut(("?", "F1"), QCoreApplication.translate("Keys", "Show these shortcuts")),
                Shortcut(("Ctrl+Q",), QCoreApplication.translate("Keys", "Quit")),
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
