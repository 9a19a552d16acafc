"""Tell the host which slide is up: debounced while the speaker flips, never lost.

A clicker held down flips many pages a second; the host needs the page the speaker settles on.
The reporter waits ``DEBOUNCE_MS`` after the last flip, keeps at most one ReportSlide in flight,
and after each acknowledgement sends again if the page moved meanwhile. While the link is down
the one pending command waits in the link's queue and goes out on reconnect.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kanpe.ui.commands import CommandSender

if TYPE_CHECKING:
    import asyncio  # only for annotations: importing it costs ~80 ms before the first slide

    from kanpe.core.protocol import Ack

log = logging.getLogger("kanpe.ui")

DEBOUNCE_MS = 120


class SlideReporter(QObject):
    """Reports the speaker's slide (n of N) to the relay through the command sender: debounced,
    one at a time, quietly (a refusal is logged)."""

    reported = Signal(int, int)  # page, pages: acknowledged by the relay

    def __init__(self, commands: CommandSender, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self._wanted: tuple[int, int] | None = None
        self._sent: tuple[int, int] | None = None
        self._in_flight: asyncio.Future[Ack] | None = None
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._send)
        commands.room.attached.connect(self._send)  # what the speaker did before the link was there

    @property
    def acknowledged(self) -> tuple[int, int] | None:
        """The last (page, pages) the relay acknowledged; None before the first."""
        return self._sent

    def page_changed(self, page: int, pages: int) -> None:
        """``page`` is 1-based (0 with ``pages`` 0 when no deck is open)."""
        self._wanted = (page, pages)
        self._timer.start()

    def flush(self) -> None:
        """Send now rather than after the debounce (e.g. when the deck first opens)."""
        self._timer.stop()
        self._send()

    def close(self) -> None:
        """Send nothing more: the app is quitting and its link closing."""
        self._closed = True
        self._timer.stop()

    def _send(self) -> None:
        wanted = self._wanted
        if (
            self._closed
            or not self._commands.can_send
            or wanted is None
            or wanted == self._sent
            or self._in_flight is not None
        ):
            return
        page, pages = wanted
        from kanpe.core.protocol import ReportSlide  # with the link, after the first slide

        report = ReportSlide(id=self._commands.new_id(), page=page, pages=pages)
        future = self._commands.send(report, quiet=True)  # its refusals are logged below
        self._in_flight = future
        future.add_done_callback(lambda done: self._done(done, wanted))

    def _done(self, future: asyncio.Future[Ack], sent: tuple[int, int]) -> None:
        self._in_flight = None
        if future.cancelled():
            return
        from kanpe.net.link import CommandRefused

        error = future.exception()
        if isinstance(error, CommandRefused):
            log.warning("the relay refused slide %s of %s: %s", *sent, error.message)
            self._sent = sent  # it will refuse the same report again; wait for the next flip
        elif error is not None:
            return  # the link was closed: the app is going away
        else:
            self._sent = sent
            self.reported.emit(*sent)
        if self._wanted != self._sent and not self._timer.isActive():
            self._send()
