"""Writing in the room's chat from the apps: a line and a Send button, for the speaker's presenter
console and the host's console alike.

The relay signs what is sent with the sender's role from their token (docs/protocol.md, chat.send),
so the line sends text only: no name, no role. What was sent is cleared from the line; a refused
message comes back into it (if nothing new was typed), and the sender's notices say why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

if TYPE_CHECKING:
    import asyncio

    from kanpe.core.protocol import Ack, Command

# The longest chat message the relay takes, in code points (docs/protocol.md, chat.send).
CHAT_MAX = 500


class ChatSender(Protocol):
    """What sends the line's commands: the app's ``CommandSender``, or the host's panel sender."""

    def new_id(self) -> str: ...

    def send(self, command: Command) -> asyncio.Future[Ack] | None: ...


class ChatLine(QLineEdit):
    """The line itself. The speaker's key router leaves a line's keys to it, and the line keeps
    every key it does not use itself too (Enter, Up, Down would reach the window and ack a cue or
    flip a slide), except a clicker's page keys and Ctrl chords (Ctrl+Q), which still reach the
    window. Escape leaves the line, so the window's keys work again."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clearFocus()
            self.left.emit()
            event.accept()
            return
        super().keyPressEvent(event)
        if event.key() in _PASSED_ON or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return  # as the line left it
        event.accept()


#: Keys the line passes on to its window: a presentation clicker's, so slides still move.
_PASSED_ON = frozenset((Qt.Key.Key_PageUp, Qt.Key.Key_PageDown))


class ChatComposer(QWidget):
    """A line to write in the chat and its Send button; Enter sends too."""

    sent = Signal(str)  # the text just sent

    def __init__(
        self, sender: ChatSender, placeholder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatComposer")
        self.commands = sender
        self.line = ChatLine()
        self.line.setObjectName("chatLine")
        self.line.setMaxLength(CHAT_MAX)
        self.line.setPlaceholderText(placeholder or self.tr("Write in the chat…"))
        self.line.setAccessibleName(self.tr("Chat message"))
        self.button = QPushButton(self.tr("Send"))
        self.button.setObjectName("chatSend")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter sends; keys stay the line's
        self.button.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        self.line.textChanged.connect(lambda text: self.button.setEnabled(bool(text.strip())))
        self.line.returnPressed.connect(self.send)
        self.button.clicked.connect(self.send)

    def focus(self) -> None:
        """Put the cursor in the line (its window brought forward)."""
        window = self.window()
        window.raise_()
        window.activateWindow()
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def send(self) -> None:
        """Send what the line holds (nothing when it is blank)."""
        text = self.line.text().strip()
        if not text:
            return
        from kanpe.core.protocol import SendChat

        future = self.commands.send(SendChat(id=self.commands.new_id(), text=text))
        if future is None:  # not sent: the sender said why; keep the words
            return
        self.line.clear()
        future.add_done_callback(lambda done: self._answered(done, text))
        self.sent.emit(text)

    def _answered(self, future: asyncio.Future[Ack], text: str) -> None:
        if future.cancelled() or future.exception() is None:
            return
        if not self.line.text():  # refused: give the words back, unless new ones were typed
            self.line.setText(text)
