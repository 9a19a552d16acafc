"""Where the host console's room comes from: the embedded relay, or a standalone relay's link.

The host's own relay and event (``EmbeddedEvent``) live in ``kanpe.net.embedded``, which has no
Qt, so ``kanpe demo`` can start them before Qt is loaded. ``check_host_link`` says, in
the host's words, why a pasted link cannot be a host's. ``connect_console`` attaches a console
to its room over the websocket protocol, like any other client, and runs until the host quits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QObject, Signal

from kanpe.core.links import LINK_KINDS, LinkError, parse_link
from kanpe.core.model import Role

if TYPE_CHECKING:
    from kanpe.net.embedded import EmbeddedEvent
    from kanpe.net.relay import RoomInvites
    from kanpe.ui.host.console import HostConsole

log = logging.getLogger("kanpe.host")


def default_host_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kanpe", appauthor=False)) / "host"


class HostLinkError(ValueError):
    """A link that is not a host's; ``kind`` is the role it is for, when it is a link at all."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


def check_host_link(link: str) -> str:
    """The link, checked to be a host invite; HostLinkError otherwise."""
    try:
        invite = parse_link(link)
    except LinkError as exc:
        raise HostLinkError(str(exc)) from None
    if invite.kind != LINK_KINDS[Role.HOST]:
        role = next((r.value for r, kind in LINK_KINDS.items() if kind == invite.kind), "")
        raise HostLinkError(f"this is a {role or invite.kind} link, not a host link", role)
    return link


def links_text(invites: RoomInvites, speakers: dict[str, str] | None = None) -> str:
    """The event's links for the terminal: the host's, the audience's, each speaker's."""
    lines = [
        f"Host link (keep it to yourself): {invites.host}",
        f"Audience link: {invites.audience}",
        f"Viewer link: {invites.viewer}",
    ]
    for slot, link in invites.speakers.items():
        name = (speakers or {}).get(slot, "")
        lines.append(f"Speaker link for {slot}{f' ({name})' if name else ''}: {link}")
    return "\n".join(lines)


def websocket_url(link: str, relay: str) -> str:
    """The websocket address of ``link``'s room on ``relay`` (a proxy, another address)."""
    from kanpe.core.links import Invite

    invite = parse_link(link)
    return Invite(base=relay.rstrip("/"), kind="host", room=invite.room, token="").websocket_url


class HostSession(QObject):
    """The host's app for the composition root: one console at a time (a new one when the host
    joins another relay's room), one ``finished`` when the host quits.

    ``own_event`` is the event this process serves (``kanpe host`` and ``kanpe demo``), whose
    host link ``run`` is given. Its console warns, when the host asks to join another room, that
    joining stops it, naming who is connected; once the other room has answered, the relay
    stops (every connection closed, the room kept in its folder) and the new console says so.
    ``resumable``: whether ``kanpe host`` can open that event again (not the demo's, which lives
    in a temporary folder)."""

    finished = Signal()

    def __init__(
        self,
        make_console: Callable[[], HostConsole],
        *,
        own_event: EmbeddedEvent | None = None,
        resumable: bool = True,
    ) -> None:
        super().__init__()
        self._make = make_console
        self._own_event = own_event
        self._resumable = resumable
        self.console: HostConsole | None = None
        self._finished = False

    @property
    def is_finished(self) -> bool:
        return self._finished

    def quit(self) -> None:
        """Quit in order: the console closes, then its link; ``finished`` follows."""
        self._finished = True
        if self.console is not None:
            self.console.quit()

    async def run(self, host_link: str, *, relay_url: str | None = None) -> int:
        """Attach a console to ``host_link``'s room; run until the host quits."""
        from kanpe import __version__
        from kanpe.net.link import LinkClient

        url = websocket_url(host_link, relay_url) if relay_url else None
        link: LinkClient | None = LinkClient(host_link, client=f"kanpe-host {__version__}", url=url)
        assert link is not None
        await link.start()
        previous = None
        own = self._own_event is not None  # the first room is the event this process serves
        stopped = False
        while link is not None:
            console = self._make()
            console.runs_own_event = own
            if previous is not None:
                console.window.setGeometry(previous.window.geometry())
            self.console = previous = console
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            console.finished.connect(lambda d=done: None if d.done() else d.set_result(None))
            console.show()
            console.room.attach(link)
            if stopped:
                self._say_stopped(console)
                stopped = False
            if self._finished:
                console.quit()
            await done
            await link.close()
            link = None if self._finished else console.next_link
            if link is not None and own:
                await self._stop_own_event()
                own, stopped = False, True
        self._finished = True
        self.finished.emit()
        return 0

    async def _stop_own_event(self) -> None:
        """The host left the event this process serves for another room: its relay stops (on
        a worker thread: closing every connection may take a moment)."""
        event = self._own_event
        if event is not None:
            await asyncio.to_thread(event.stop)
            log.info("the event on this computer stopped: the host joined another room")

    def _say_stopped(self, console: HostConsole) -> None:
        from kanpe.core.notices import AppNotice, Severity

        code = AppNotice.OWN_EVENT_STOPPED if self._resumable else AppNotice.OWN_EVENT_ENDED
        console.notices.post(code, Severity.INFO)
