"""How the host's side panels send: through anything that gives command ids and sends.

A ``CommandSender`` does (tests give the panels one); the console gives them ``ConsoleSender``,
which goes through ``HostConsole.send``: the console's one rule for commands (made while the relay
cannot be reached, a command is listed as not sent, never queued) holds for the panels too.
``send`` returns the relay's answer to come, or None when the command was not sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    import asyncio

    from kanpe.core.protocol import Ack, Command


class Sender(Protocol):
    def new_id(self) -> str: ...

    def send(self, command: Command) -> asyncio.Future[Ack] | None: ...


class Console(Protocol):
    """What ``ConsoleSender`` needs of the host console (``HostConsole``)."""

    def new_id(self) -> str: ...

    def send(self, command: Command, what: str) -> asyncio.Future[Ack] | None: ...


class ConsoleSender(QObject):
    """Sends the panels' commands through the console, each named in the host's words."""

    def __init__(self, console: Console, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.console = console

    def new_id(self) -> str:
        return self.console.new_id()

    def send(self, command: Command) -> asyncio.Future[Ack] | None:
        return self.console.send(command, self.what(command))

    def what(self, command: Command) -> str:
        """The command as the list of what was not sent names it."""
        words = {
            "chat.send": self.tr("A chat message"),
            "chat.hide": self.tr("Hide a chat message"),
            "question.set": self.tr("Moderate a question"),
            "report.dismiss": self.tr("Keep a reported message"),
            "poll.open": self.tr("Open a poll"),
            "poll.close": self.tr("Close a poll"),
            "invite.create": self.tr("Create an invite link"),
            "invite.replace": self.tr("Replace a speaker link"),
            "cue.send": self.tr("Connection check"),
        }
        tag = str(type(command).__struct_config__.tag)
        return words.get(tag, tag)
