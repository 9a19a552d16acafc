"""The speaker's show of hands: the console's poll panel and the stage's chart, wired to the room.

``SpeakerPolls`` says which poll each shows; this sends what the speaker asks for (open, close,
show on the stage) as ``poll.open``, ``poll.close`` and ``poll.show`` through the app's command
sender, whose notices say when the relay refused one. Nothing is shown before the relay says so:
the chart goes up on the stage when the poll comes back ``shown``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kanpe.ui.speaker.pollmodel import SpeakerPolls

if TYPE_CHECKING:
    from kanpe.ui.commands import CommandSender
    from kanpe.ui.roommodel import RoomModel
    from kanpe.ui.speaker.pollchart import PollChart
    from kanpe.ui.speaker.pollpanel import PollPanel


class PollControl(QObject):
    """Follows the talk's polls into the stage's ``chart`` and, once built, the console's
    ``panel``; sends the panel's and the keys' requests."""

    def __init__(
        self,
        room: RoomModel,
        commands: CommandSender,
        chart: PollChart,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = SpeakerPolls(room, self)
        self.commands = commands
        self.chart = chart
        self.panel: PollPanel | None = None
        self._tick: Callable[[bool], None] = lambda _on: None
        self.model.changed.connect(self.follow)
        self.follow()

    def attach_panel(self, panel: PollPanel, tick: Callable[[bool], None]) -> None:
        """Follow into the console's poll panel too, and send what it asks for; ``tick`` sets
        the menu's check mark of "Result on stage"."""
        self.panel = panel
        self._tick = tick
        panel.editor.submit = self.open_poll
        panel.closeRequested.connect(self.close_poll)
        panel.stageRequested.connect(self.show_on_stage)
        self.follow()

    def follow(self) -> None:
        """Show the followed poll in the panel and this talk's shown poll on the stage."""
        self.chart.show_poll(self.model.on_stage())
        if self.panel is not None:
            followed = self.model.followed()
            on_stage = followed is not None and followed.shown
            self.panel.show_poll(followed, on_stage=on_stage)
            self._tick(on_stage)

    def toggle_stage(self) -> bool:
        """The key or menu item: show or take down the followed poll's result; False with no
        poll. The check mark keeps saying what the relay says, until it answers."""
        asked = self.panel is not None and self.panel.toggle_stage()
        self.follow()
        return asked

    # --- what the speaker asks for --------------------------------------------------------------

    def open_poll(self, question: str, options: tuple[str, ...]) -> bool:
        """Open a poll for this talk; whether it was sent (or waits for the link)."""
        from kanpe.core.protocol import OpenPoll

        if not self.commands.can_send:
            return False
        command = OpenPoll(id=self.commands.new_id(), question=question, options=options)
        self.commands.send(command)
        return True

    def close_poll(self, poll_id: str) -> None:
        """Close a poll of this talk (its result stays, and stays on the stage if it was)."""
        from kanpe.core.protocol import ClosePoll

        if self.commands.can_send:
            self.commands.send(ClosePoll(id=self.commands.new_id(), poll=poll_id))

    def show_on_stage(self, poll_id: str, shown: bool) -> None:
        """Show a poll's result on the stage, or take it down."""
        from kanpe.core.protocol import ShowPoll

        if self.commands.can_send:
            self.commands.send(ShowPoll(id=self.commands.new_id(), poll=poll_id, shown=shown))
