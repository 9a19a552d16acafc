"""Where the host console's room comes from: the embedded relay, or a standalone relay's link.

``EmbeddedEvent`` starts the host's own relay on a thread of its own (``kanpe.net.embedded``),
listening on every interface so speakers on the LAN can join, and opens the event kept in the
data folder (same room, same links, timers included) or a new one. ``check_host_link`` says, in
the host's words, why a pasted link cannot be a host's. ``connect_console`` attaches a console
to its room over the websocket protocol, like any other client, and runs until the host quits.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from kanpe.core.links import LINK_KINDS, LinkError, parse_link
from kanpe.core.model import Role
from kanpe.core.rundown import Rundown

if TYPE_CHECKING:
    from kanpe.net.embedded import RelayThread
    from kanpe.net.relay import RoomInvites
    from kanpe.ui.host.console import HostConsole

log = logging.getLogger("kanpe.host")

DEFAULT_PORT = 8765


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


@dataclass(slots=True)
class EmbeddedEvent:
    thread: RelayThread
    invites: RoomInvites
    resumed: bool

    @classmethod
    def start(
        cls,
        data_dir: Path,
        rundown: Rundown,
        *,
        port: int = DEFAULT_PORT,
        public_url: str | None = None,
        host: str = "0.0.0.0",  # noqa: S104 (speakers on the LAN join this relay)
        web_root: Path | None = None,
    ) -> EmbeddedEvent:
        """Start the relay (on ``port``, or any free port when it is taken) and open the event."""
        from kanpe.net.embedded import RelayThread, open_event
        from kanpe.net.relay import RelayConfig
        from kanpe.storage.hostevent import load_event

        config = RelayConfig(
            host=host,
            port=port,
            data_dir=data_dir / "relay",
            public_url=public_url,
            web_root=web_root,
        )
        thread = RelayThread(config, lan_links=True)
        try:
            thread.start()
        except OSError:
            if port == 0:
                raise
            log.warning("port %d is taken; the relay listens on a free port instead", port)
            config = RelayConfig(
                host=host,
                port=0,
                data_dir=data_dir / "relay",
                public_url=public_url,
                web_root=web_root,
            )
            thread = RelayThread(config, lan_links=True)
            thread.start()
        try:
            saved = load_event(data_dir)
            name = rundown.title[:100]

            async def opened(relay: object) -> RoomInvites:
                return await open_event(relay, data_dir, name=name, rundown=rundown)  # type: ignore[arg-type]

            invites = thread.call(opened).result(timeout=30)
        except BaseException:
            thread.stop()
            raise
        resumed = saved is not None and saved.get("room") == invites.room
        return cls(thread=thread, invites=invites, resumed=resumed)

    def stop(self) -> None:
        self.thread.stop()


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


async def connect_console(
    console: HostConsole, host_link: str, *, relay_url: str | None = None
) -> int:
    """Attach ``console`` to the room of ``host_link`` and run until the host quits."""
    import asyncio

    from kanpe import __version__
    from kanpe.core.links import Invite
    from kanpe.net.link import LinkClient

    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    if console.is_finished:
        return 0
    console.finished.connect(lambda: None if done.done() else done.set_result(None))
    url = None
    if relay_url:
        invite = parse_link(host_link)
        url = Invite(
            base=relay_url.rstrip("/"), kind="host", room=invite.room, token=""
        ).websocket_url
    async with contextlib.AsyncExitStack() as stack:
        link = LinkClient(host_link, client=f"kanpe-host {__version__}", url=url)
        await link.start()
        stack.push_async_callback(link.close)
        console.room.attach(link)
        await done
    return 0
