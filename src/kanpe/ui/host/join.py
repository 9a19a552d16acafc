"""Joining another relay's room from the console: paste a host link, the console tries it, and
only a link that works replaces the one in use.

A link that is not a host's (a speaker's pasted by mistake), that is malformed, or whose relay
does not answer or refuses it gets a sentence in the dialog and changes nothing: the console
keeps its room until the new one has answered as a host's.

When the console's room is the event this computer serves (``kanpe host``'s own relay), joining
another room stops that event, and the dialog says so before the host confirms, naming who is
still connected (speakers, audience, other host consoles): an event with people in it never
vanishes behind the host's back.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kanpe.core.links import parse_link
from kanpe.core.model import Role
from kanpe.ui.host.session import HostLinkError, check_host_link, websocket_url
from kanpe.ui.labels import plain_label

if TYPE_CHECKING:
    from kanpe.net.link import LinkClient
    from kanpe.ui.roommodel import RoomModel

#: How long a relay has to answer a trial before the host is told it does not.
TRIAL_SECONDS = 8.0


async def try_host_link(
    link: str, relay: str | None, *, within: float | None = None, client: str = "kanpe-host"
) -> LinkClient:
    """A started host LinkClient on ``link`` once its relay has welcomed it as a host; raises
    HostLinkError (in the host's words) otherwise, with nothing left running."""
    from kanpe.net.link import LinkClient

    check_host_link(link)
    within = TRIAL_SECONDS if within is None else within
    url = websocket_url(link, relay) if relay else None
    trial = LinkClient(link, client=client, url=url, connect_timeout=min(5.0, within))
    await trial.start()
    try:
        await asyncio.wait_for(trial.ready(), within)
    except (TimeoutError, ConnectionError, OSError) as exc:
        await trial.close()
        where = relay or parse_link(link).base
        if trial.failure:
            raise HostLinkError(f"the relay refused this link: {trial.failure}") from exc
        raise HostLinkError(f"the relay at {where} does not answer") from exc
    except BaseException:  # cancelled (the host closed the dialog): nothing left running
        await trial.close()
        raise
    if trial.role is not Role.HOST:
        await trial.close()
        raise HostLinkError("the relay does not know this link as a host's")
    return trial


class JoinDialog(QDialog):
    """Asks for a host link (and, behind a proxy, the relay's address); ``joined(link)`` with
    the working LinkClient when the trial succeeds."""

    joined = Signal(object)

    def __init__(
        self, parent: QWidget | None = None, *, own_event: RoomModel | None = None
    ) -> None:
        """``own_event``: the console's room when it is the event this computer serves, which
        joining another room stops."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Join a relay"))
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Paste the host link of a room on another relay. The console switches to it "
                "only once that relay has answered; until then nothing changes."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.leaving = plain_label()
        self.leaving.setObjectName("joinLeaving")
        self.leaving.setWordWrap(True)
        self.leaving.setStyleSheet("font-weight: bold;")  # the palette's own colour: readable
        self.leaving.setVisible(own_event is not None)
        layout.addWidget(self.leaving)
        form = QFormLayout()
        self.link = QLineEdit()
        self.link.setPlaceholderText("https://relay.example.org/host/…#…")
        self.relay = QLineEdit()
        self.relay.setPlaceholderText(self.tr("(optional) the relay's address, if it differs"))
        form.addRow(self.tr("Host link"), self.link)
        form.addRow(self.tr("Relay"), self.relay)
        layout.addLayout(form)
        self.problem = plain_label()
        self.problem.setObjectName("joinProblem")
        self.problem.setStyleSheet("color: #ff8a80; font-weight: bold;")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._trial: asyncio.Task[None] | None = None
        self._own_event = own_event
        if own_event is not None:
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setText(self.tr("Stop this event and join"))
            own_event.presenceChanged.connect(self._say_leaving)
            self._say_leaving()
        self.resize(560, 220)

    def _say_leaving(self) -> None:
        """What joining does to the event this computer serves, with who is connected now."""
        room = self._own_event
        if room is None:
            return
        speakers = [row.speaker or row.slot for row in room.roster() if row.online]
        presence = room.presence
        audience = presence.audience if presence is not None else 0
        hosts = 0 if presence is None else sum(1 for p in presence.peers if p.role is Role.HOST)
        parts = []
        if speakers:
            parts.append(self.tr("speakers: {names}").format(names=", ".join(speakers)))
        if audience:
            parts.append(self.tr("{n} in the audience").format(n=audience))
        if hosts > 1:  # this console is one of them
            parts.append(self.tr("{n} other host consoles").format(n=hosts - 1))
        if not parts:
            text = self.tr(
                "This console runs the event on this computer. Joining another room stops it: "
                "its relay closes, and its links work again only when it is opened again."
            )
        else:
            text = self.tr(
                "This console runs the event on this computer, and people are connected to it "
                "({who}). Joining another room stops it: its relay closes and they are "
                "disconnected."
            ).format(who="; ".join(parts))
        self.leaving.setText(text)

    def attempt(self) -> None:
        """Check the link now; try it on its relay without blocking the window."""
        link, relay = self.link.text().strip(), self.relay.text().strip() or None
        try:
            check_host_link(link)
        except HostLinkError as exc:
            self.say(self._words(exc))
            return
        self.say(self.tr("Trying the relay…"))
        self.buttons.setEnabled(False)
        self._trial = asyncio.ensure_future(self._try(link, relay))

    async def _try(self, link: str, relay: str | None) -> None:
        try:
            client = await try_host_link(link, relay)
        except HostLinkError as exc:
            self.say(self._words(exc))
            self.buttons.setEnabled(True)
            return
        self.joined.emit(client)
        self.accept()

    def say(self, text: str) -> None:
        self.problem.setText(text)

    def _words(self, exc: HostLinkError) -> str:
        if exc.kind:
            return self.tr(
                "That is a {kind} link, not a host link: nothing changed. Paste the host link "
                "the relay printed when the room was made."
            ).format(kind=exc.kind)
        return self.tr("That link cannot be used ({problem}): nothing changed.").format(
            problem=str(exc)
        )

    def reject(self) -> None:
        if self._trial is not None and not self._trial.done():
            self._trial.cancel()
        super().reject()
