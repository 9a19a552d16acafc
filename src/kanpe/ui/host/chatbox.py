"""The host writes in the room's chat: a line under the audience panel's tabs.

The relay badges what the host sends as the host's (from the host's token, docs/protocol.md
chat.send), on the speaker's stage and on every phone; the host's name is not sent, so the badge
is what says who wrote. Sent through the panels' sender, so a command made while the relay cannot
be reached is listed as not sent, as every other panel's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kanpe.ui.chatcompose import ChatComposer, ChatSender


class HostChatBox(QWidget):
    """ "Write to the room as host…" and Send."""

    def __init__(self, commands: ChatSender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hostChatBox")
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        self.composer = ChatComposer(commands, self.tr("Write in the chat as host…"))
        self.composer.line.setToolTip(
            self.tr("Everyone sees it marked “Host”: on the speaker's stage and on every phone.")
        )
        column.addWidget(self.composer)

    def send(self, text: str) -> None:
        """Type ``text`` and send it, as the host would."""
        self.composer.line.setText(text)
        self.composer.send()
