"""The host's embedded relay: a whole Relay on a thread and event loop of its own.

``kanpe host`` runs its relay in the same process as the host's window, but not on the window's
loop: a busy GUI (a long repaint, a file dialog, Python's garbage collector) must never delay a
cue to a speaker or an answer to the audience. The window talks to this relay over the same
websocket protocol as every other client, through its own LinkClient.

``EmbeddedEvent`` is the two together, as ``kanpe host`` and ``kanpe demo`` start them: the
relay on its thread and the host's room opened on it. ``open_event`` gives a host their room: the
one saved in the data folder when the relay still has it (so reopening ``kanpe host --data DIR``
resumes the event, timers included, with the same links), or a new one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import ipaddress
import logging
import socket
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from kanpe.core.links import LINK_KINDS, LinkError, make_link, parse_link
from kanpe.core.rundown import Rundown
from kanpe.net.liveroom import RoomInvites
from kanpe.net.relay import Relay, RelayConfig
from kanpe.net.relayclock import RelayClock
from kanpe.storage.hostevent import load_event, save_event

log = logging.getLogger("kanpe.relay")

type RelayWork[T] = Callable[[Relay], Coroutine[Any, Any, T]]

START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0


class RelayThread:
    """A Relay serving on its own daemon thread. ``start`` returns once it listens (or raises
    what stopped it from listening); ``stop`` closes every connection and joins the thread.

    Everything that touches the relay runs on the relay's loop: use ``call`` (from any thread)
    or ``run`` (from another event loop, without blocking it).
    """

    def __init__(
        self, config: RelayConfig, *, clock: RelayClock | None = None, lan_links: bool = False
    ) -> None:
        """With ``lan_links`` and no public URL, links name this machine's LAN address (the
        relay then listens on every interface), so speakers on the same network can join."""
        self.config = config
        self._lan_links = lan_links and not config.public_url
        self._clock = clock
        self._loop: asyncio.AbstractEventLoop | None = None
        self._relay: Relay | None = None
        self._thread: threading.Thread | None = None
        self._stopped: asyncio.Event | None = None

    @property
    def relay(self) -> Relay:
        """The running relay; read its attributes only through ``call`` (they live on its loop)."""
        assert self._relay is not None, "the relay thread is not started"
        return self._relay

    @property
    def url(self) -> str:
        """The base URL of the relay's links (fixed once it listens)."""
        return self.relay.url

    @property
    def port(self) -> int:
        return self.relay.port

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = START_TIMEOUT) -> None:
        assert self._thread is None, "a RelayThread starts once"
        started: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._main, args=(started,), name="kanpe-relay", daemon=True
        )
        self._thread.start()
        try:
            started.result(timeout)
        except BaseException:
            self._thread.join(STOP_TIMEOUT)
            raise

    def call[T](self, work: RelayWork[T]) -> concurrent.futures.Future[T]:
        """Run ``work(relay)`` on the relay's loop; thread-safe."""
        loop, relay = self._loop, self._relay
        if loop is None or relay is None:
            raise RuntimeError("the embedded relay is not running")
        return asyncio.run_coroutine_threadsafe(work(relay), loop)

    async def run[T](self, work: RelayWork[T]) -> T:
        """``call`` awaited from another event loop (the window's), which keeps running."""
        return await asyncio.wrap_future(self.call(work))

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop serving (closing every connection) and end the thread. Safe to call twice."""
        loop, stopped, thread = self._loop, self._stopped, self._thread
        if loop is None or stopped is None or thread is None or not thread.is_alive():
            return
        loop.call_soon_threadsafe(stopped.set)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the embedded relay did not stop within %.0f s", timeout)

    # --- the relay's thread ---------------------------------------------------------------------

    def _main(self, started: concurrent.futures.Future[None]) -> None:
        try:
            asyncio.run(self._serve(started))
        except BaseException as exc:  # reported to start(); a thread has nobody else to tell
            if not started.done():
                started.set_exception(exc)
            else:
                log.exception("the embedded relay stopped")

    async def _serve(self, started: concurrent.futures.Future[None]) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        relay = Relay(self.config, clock=self._clock)
        await relay.start()
        if self._lan_links:
            # The port is known only now that the relay listens.
            base = f"http://{lan_address()}:{relay.port}"
            relay.config = dataclasses.replace(relay.config, public_url=base)
        self._relay = relay
        started.set_result(None)
        try:
            await self._stopped.wait()
        finally:
            await relay.stop()


DEFAULT_PORT = 8765


@dataclasses.dataclass(slots=True)
class EmbeddedEvent:
    """The host's own event: a relay on a thread of this process (``RelayThread``) and the room
    kept in the data folder, opened on it (``open_event``). ``resumed`` when that room was
    there already (the same links, timers included)."""

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
            thread = RelayThread(dataclasses.replace(config, port=0), lan_links=True)
            thread.start()
        try:
            saved = load_event(data_dir)
            name = rundown.title[:100]

            async def opened(relay: Relay) -> RoomInvites:
                return await open_event(relay, data_dir, name=name, rundown=rundown)

            invites = thread.call(opened).result(timeout=30)
        except BaseException:
            thread.stop()
            raise
        resumed = saved is not None and saved.get("room") == invites.room
        return cls(thread=thread, invites=invites, resumed=resumed)

    @property
    def running(self) -> bool:
        """Whether the relay still serves (False once ``stop`` has returned)."""
        return self.thread.running

    def stop(self) -> None:
        """Close every connection and end the relay's thread; safe to call twice."""
        self.thread.stop()


async def open_event(relay: Relay, folder: Path, *, name: str, rundown: Rundown) -> RoomInvites:
    """The host's room on ``relay``: the one saved in ``folder`` if the relay still holds it
    (its links re-based on the relay's current address), else a new room with ``rundown``,
    saved there. Raises a StorageError when the saved event file cannot be used (it is kept)."""
    saved = load_event(folder)
    if saved is not None and saved["room"] in relay.rooms:
        invites = RoomInvites.from_result(_rebased(saved, relay.url))
        if invites.as_result() != saved:
            save_event(folder, invites.as_result())
        return invites
    invites = await relay.create_room(name=name, rundown=rundown)
    save_event(folder, invites.as_result())
    return invites


def _rebased(saved: dict[str, str], base: str) -> dict[str, str]:
    """Saved links with today's relay address: a laptop's LAN address changes between nights."""
    result = {"room": saved["room"]}
    for key, link in saved.items():
        if key == "room":
            continue
        try:
            invite = parse_link(link)
        except LinkError:
            continue  # one unusable link is dropped, not the whole event
        role = next(r for r, kind in LINK_KINDS.items() if kind == invite.kind)
        result[key] = make_link(base, role, invite.room, invite.token)
    return result


def lan_address() -> str:
    """This machine's address on the local network, for links speakers on the same Wi-Fi can
    open; 127.0.0.1 when it has none. Read from the host name's addresses: nothing is sent."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return "127.0.0.1"
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_loopback and not address.is_link_local:
            return str(address)
    return "127.0.0.1"
