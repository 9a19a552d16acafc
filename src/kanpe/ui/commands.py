"""CommandSender: the one way every window of either app sends commands to its relay.

The link queues a command while it is offline and resends it after a reconnect, under the same
id, so the relay applies it once; this keeps what a person needs to know about that: which
commands still wait for an answer, which were made while offline (they go when the link is back),
and a notice for each refusal (in the window's words, by error code), for an answer that is long
in coming, and while commands wait for the link.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kanpe.core.notices import AppNotice, Notices, Severity

if TYPE_CHECKING:
    import asyncio

    from kanpe.core.protocol import Ack, Command
    from kanpe.ui.roommodel import RoomModel

log = logging.getLogger("kanpe.ui")

#: After this long without an answer from a relay the link thinks is there, say so.
NO_ANSWER_MS = 10_000


class CommandSender(QObject):
    """Sends commands over a room model's link and turns what comes back into notices.

    ``send`` returns the link's future (the relay's Ack, or CommandRefused), so a caller may still
    follow its own command; the sender itself only tells the person. With ``quiet`` a command
    says nothing (a slide report on every flip must not fill the window with notices).
    """

    pendingChanged = Signal()  # a command was sent, or got its answer

    def __init__(
        self,
        room: RoomModel,
        notices: Notices,
        *,
        no_answer_ms: int = NO_ANSWER_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.room = room
        self.notices = notices
        self.no_answer_ms = no_answer_ms
        self._pending: dict[asyncio.Future[Ack], Command] = {}
        self._offline: set[asyncio.Future[Ack]] = set()
        self._timers: dict[asyncio.Future[Ack], QTimer] = {}
        self._closed = False
        room.statusChanged.connect(self._status_changed)

    @property
    def can_send(self) -> bool:
        """Whether a link is there to take commands (online or not)."""
        return self.room.is_attached and not self._closed

    def new_id(self) -> str:
        """A command id no other command of this link has used."""
        return self.room.link.new_id()

    def send(self, command: Command, *, quiet: bool = False) -> asyncio.Future[Ack]:
        """Send ``command`` now, or as soon as the link is back; the future says how it went."""
        future = self.room.link.command(command)
        self._pending[future] = command
        if not quiet:
            if not self._online():
                self._offline.add(future)
                self.notices.post(AppNotice.SENT_WHEN_ONLINE, Severity.INFO)
            self._watch(future)
        future.add_done_callback(lambda done: self._answered(done, quiet=quiet))
        self.pendingChanged.emit()
        return future

    def pending(self) -> tuple[Command, ...]:
        """Commands sent and not yet answered, oldest first."""
        return tuple(self._pending.values())

    def unsent(self) -> tuple[Command, ...]:
        """Commands made while offline and still waiting for the link to come back."""
        return tuple(c for f, c in self._pending.items() if f in self._offline)

    def close(self) -> None:
        """Tell nothing more: the app is quitting (its link fails what is still pending)."""
        self._closed = True
        for timer in self._timers.values():
            timer.stop()
        self._timers.clear()
        if self._pending:
            names = ", ".join(type(c).__name__ for c in self._pending.values())
            log.info("quitting with commands not answered: %s", names)

    # --- answers ------------------------------------------------------------------------------

    def _answered(self, future: asyncio.Future[Ack], *, quiet: bool) -> None:
        command = self._pending.pop(future, None)
        self._offline.discard(future)
        timer = self._timers.pop(future, None)
        if timer is not None:
            timer.stop()
        self.pendingChanged.emit()
        if future.cancelled():
            return
        error = future.exception()  # retrieved here, so asyncio never warns that nobody did
        if self._closed or command is None:
            return
        if not self._offline:
            self.notices.dismiss_code(AppNotice.SENT_WHEN_ONLINE)
        if not self._timers:
            self.notices.dismiss_code(AppNotice.NO_ANSWER)
        from kanpe.net.link import CommandRefused

        if isinstance(error, CommandRefused) and not quiet:
            self.notices.post(str(error.code), Severity.WARNING, detail=error.message)

    def _watch(self, future: asyncio.Future[Ack]) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._slow(future))
        timer.start(self.no_answer_ms)
        self._timers[future] = timer

    def _slow(self, future: asyncio.Future[Ack]) -> None:
        if future.done() or self._closed:
            return
        if self._online():  # offline, the queued notice says it already
            self.notices.post(AppNotice.NO_ANSWER, Severity.WARNING)

    def _status_changed(self) -> None:
        if self._online():
            self._offline.clear()  # resent by the link on reconnect
            self.notices.dismiss_code(AppNotice.SENT_WHEN_ONLINE)

    def _online(self) -> bool:
        from kanpe.net.link import LinkStatus

        return self.room.is_attached and self.room.status is LinkStatus.ONLINE
