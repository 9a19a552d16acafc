"""Keyboard first: one table of key bindings per app, and one router for them.

Each app's table (``SPEAKER_BINDINGS``, as qutebrowser's ``bindings.default``) binds keys to
action names; the app maps each name to what it does, to its words in help and menus, and to
nothing else, so no key is written twice. ``Keymap`` answers which binding a key press is.

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

K = Qt.Key


@dataclass(frozen=True, slots=True)
class Key:
    """One key as pressed (``code``, with Ctrl or not, with Shift, without, or either) and as
    help and menus write it. ``shown`` False: an alias that help does not list."""

    code: Qt.Key
    label: str
    ctrl: bool = False
    shift: bool | None = None
    shown: bool = True


@dataclass(frozen=True, slots=True)
class Binding:
    """Keys bound to one action (a name the app maps to what it does, and to its words).
    ``once``: a held key acts once, its auto-repeats are swallowed (they would toggle)."""

    action: str
    keys: tuple[Key, ...]
    once: bool = False


#: The speaker app's keys. Help, menus and the key dispatch all come from here.
SPEAKER_BINDINGS: tuple[Binding, ...] = (
    Binding(
        "slide.next",
        (
            Key(K.Key_PageDown, "PgDn"),
            Key(K.Key_Right, "→"),
            Key(K.Key_Down, "↓"),
            Key(K.Key_Space, "Space", shift=False),
        ),
    ),
    Binding(
        "slide.previous",
        (
            Key(K.Key_PageUp, "PgUp"),
            Key(K.Key_Left, "←"),
            Key(K.Key_Up, "↑"),
            Key(K.Key_Backspace, "Backspace", shown=False),
            Key(K.Key_Space, "Shift+Space", shift=True, shown=False),
        ),
    ),
    Binding("slide.first", (Key(K.Key_Home, "Home"),)),
    Binding("slide.last", (Key(K.Key_End, "End"),)),
    Binding("stage.blank", (Key(K.Key_B, "B"), Key(K.Key_Period, ".", shown=False)), once=True),
    Binding("deck.open", (Key(K.Key_O, "Ctrl+O", ctrl=True),)),
    Binding("timer.start_pause", (Key(K.Key_S, "S"),), once=True),
    Binding("rehearse.toggle", (Key(K.Key_R, "Ctrl+R", ctrl=True),), once=True),
    Binding("rehearse.compare", (Key(K.Key_R, "Ctrl+Shift+R", ctrl=True, shift=True),)),
    Binding(
        "cue.ack",
        (Key(K.Key_G, "G"), Key(K.Key_Return, "Enter"), Key(K.Key_Enter, "Enter", shown=False)),
        once=True,
    ),
    Binding("stage.full_screen", (Key(K.Key_F, "F"),), once=True),
    Binding("stage.leave_full_screen", (Key(K.Key_Escape, "Esc"),), once=True),
    Binding("overlay.show", (Key(K.Key_O, "O"),), once=True),
    Binding("overlay.click_through", (Key(K.Key_T, "T"),), once=True),
    Binding("stage.badge", (Key(K.Key_C, "C"),), once=True),
    Binding("stage.size", (Key(K.Key_Z, "Z"),), once=True),
    Binding("chat.focus", (Key(K.Key_M, "M"),), once=True),
    Binding("sound.thresholds", (Key(K.Key_V, "V"),), once=True),
    Binding("pace.meter", (Key(K.Key_L, "L"),), once=True),
    Binding("poll.new", (Key(K.Key_N, "N"),), once=True),
    Binding("poll.stage", (Key(K.Key_R, "R"),), once=True),
    Binding("poll.close", (Key(K.Key_X, "X"),), once=True),
    Binding("questions.toggle", (Key(K.Key_Q, "Q"),), once=True),
    Binding("questions.next", (Key(K.Key_J, "J"),)),
    Binding("questions.previous", (Key(K.Key_K, "K"),)),
    Binding("question.pin", (Key(K.Key_P, "P"),), once=True),
    Binding("question.answer", (Key(K.Key_A, "A"),), once=True),
    Binding("question.hide", (Key(K.Key_H, "H"),), once=True),
    Binding("questions.export", (Key(K.Key_E, "Ctrl+E", ctrl=True),)),
    Binding("feed.larger", (Key(K.Key_Plus, "+"), Key(K.Key_Equal, "=", shown=False))),
    Binding("feed.smaller", (Key(K.Key_Minus, "−"), Key(K.Key_Underscore, "_", shown=False))),
    Binding("help", (Key(K.Key_Question, "?"), Key(K.Key_F1, "F1")), once=True),
    Binding("quit", (Key(K.Key_Q, "Ctrl+Q", ctrl=True),)),
)

_COMMAND = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


class Keymap:
    """An app's bindings, looked up by key press; each key is bound once (checked here)."""

    def __init__(self, bindings: tuple[Binding, ...]) -> None:
        self.bindings = bindings
        self._by_action = {b.action: b for b in bindings}
        self._by_key: dict[tuple[int, bool, bool | None], Binding] = {}
        for binding in bindings:
            for key in binding.keys:
                where = (int(key.code.value), key.ctrl, key.shift)
                assert where not in self._by_key, f"{key.label} is bound twice"
                self._by_key[where] = binding
        assert len(self._by_action) == len(bindings), "an action is bound in two places"

    def lookup(self, code: int, modifiers: Qt.KeyboardModifier) -> Binding | None:
        """The binding for a key press; None when the key is not ours (Alt and Meta chords,
        and Ctrl chords not in the table, are left to Qt)."""
        modifiers &= ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & _COMMAND:
            return None
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        key = int(code)
        found = self._by_key.get((key, ctrl, shift))
        return found if found is not None else self._by_key.get((key, ctrl, None))

    def binding(self, action: str) -> Binding:
        """The binding of ``action``."""
        return self._by_action[action]

    def label(self, action: str) -> str:
        """How a menu writes the action's key: its first key's label."""
        return self._by_action[action].keys[0].label

    def labels(self, action: str) -> tuple[str, ...]:
        """The keys help lists for the action (aliases left out)."""
        return tuple(k.label for k in self._by_action[action].keys if k.shown)


#: The speaker app's keymap (built once: it checks that no key is bound twice).
SPEAKER_KEYMAP = Keymap(SPEAKER_BINDINGS)

KeyHandler = Callable[[QKeyEvent], bool]

_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class KeyRouter(QObject):
    """Offers key presses in ``windows`` to ``handler`` first; a True return consumes them."""

    def __init__(self, handler: KeyHandler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self.windows: list[QWidget] = []

    def watch(self, window: QWidget) -> None:
        """Offer the key presses in ``window`` (and its children) to the handler."""
        self.windows.append(window)

    def install(self) -> None:
        """Start listening (an application-wide event filter)."""
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop listening."""
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
