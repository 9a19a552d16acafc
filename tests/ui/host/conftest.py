"""The host's side panels against a real relay (relay, links and fake clock: tests/ui/conftest.py).

``Console`` is what a host's window holds for its panels: a RoomModel over a host link, the
notice channel and the CommandSender. Audience and speakers are real link clients on the same
relay; the browser tests drive a real audience page in Chromium from a thread of their own (the
Playwright sync API may not run on the test's qasync loop).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from kanpe.core.notices import Notices
from kanpe.core.protocol import Ack, Command
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import LinkClient
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from kanpe.net.relayclock import RelayClock
from kanpe.storage.assets import asset_path
from kanpe.storage.hostsettings import host_settings_store
from kanpe.ui.commands import CommandSender
from kanpe.ui.host.console import HostConsole
from kanpe.ui.roommodel import RoomModel
from tests.support.waiting import eventually
from tests.ui.conftest import CLEANUPS, Clients, FakeClock, _call, link_test
from tests.ui.speaker.conftest import deck_path, settings_path, speakers

__all__ = [
    "NIGHT",
    "Clients",
    "Console",
    "FakeClock",
    "Hosts",
    "Night",
    "deck_path",
    "host_test",
    "settings_path",
    "speakers",
    "until",
]

host_test = link_test

NIGHT = Rundown(
    title="Kanpe Meetup #12",
    slots=(
        Slot(id="talk-1", speaker="Aiko", title="Timers that never drift", duration=1500),
        Slot(id="talk-2", speaker="Rafael", title="Reading the room", duration=1500),
        Slot(id="lt-1", speaker="Priya", title="Five slides", duration=300, warning=60, final=30),
    ),
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support"))


async def until(predicate: Callable[[], bool], within: float = 10.0) -> None:
    """Wait until ``predicate()`` holds (re-checked on every loop turn, so Qt's events, the
    links and the relay all move meanwhile)."""
    await eventually(predicate, within)


class Console:
    """A host's room model and command sender on a host link."""

    def __init__(self, link: LinkClient) -> None:
        self.link = link
        self.room = RoomModel(link)
        self.notices = Notices()
        self.commands = CommandSender(self.room, self.notices)
        CLEANUPS.append(lambda: _call(self.commands.close))


class Night:
    """The room of the night: its invites, the host's console, and people joining it."""

    def __init__(self, relay: Relay, invites: RoomInvites, clients: Clients) -> None:
        self.relay = relay
        self.invites = invites
        self.clients = clients
        self.console: Console | None = None

    async def host(self, **kwargs: Any) -> Console:
        self.console = Console(await self.clients.join(self.invites.host, **kwargs))
        return self.console

    async def audience(self, client_id: str) -> LinkClient:
        return await self.clients.join(self.invites.audience, client_id=client_id)

    async def speaker(self, slot: str, **kwargs: Any) -> LinkClient:
        return await self.clients.join(self.invites.speakers[slot], **kwargs)

    def state(self) -> Any:
        return self.relay.rooms[self.invites.room].state

    @staticmethod
    async def send(link: LinkClient, kind: Callable[..., Command], **fields: Any) -> Ack:
        return await link.command(kind(id=link.new_id(), **fields))


@pytest_asyncio.fixture
async def relay(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Relay]:
    """The relay of tests/ui/conftest.py, serving the audience page too."""
    relay_clock = RelayClock(wall=lambda: 1_750_000_000.0, monotonic=clock)
    config = RelayConfig(
        host="127.0.0.1", port=0, data_dir=tmp_path / "relay", web_root=asset_path("web")
    )
    running = Relay(config, clock=relay_clock)
    await running.start()
    CLEANUPS.append(running.stop)
    yield running


@pytest_asyncio.fixture
async def night(relay: Relay, clients: Clients) -> Night:
    invites = await relay.create_room(name="Kanpe Meetup #12", rundown=NIGHT)
    return Night(relay, invites, clients)


# --- the host console itself -----------------------------------------------------------------------


class Hosts:
    """Starts host consoles (the whole window) on a link and closes them at the end of a test."""

    def __init__(self, clients: Clients, clock: FakeClock, folder: Path) -> None:
        self.clients = clients
        self.clock = clock
        self.folder = folder

    async def start(self, link: str, *, show: bool = True) -> HostConsole:
        client = await self.clients.join(link, clock=self.clock, client="kanpe-host")
        console = HostConsole(
            RoomModel(client), settings=host_settings_store(self.folder / "host.toml")
        )
        CLEANUPS.append(lambda: _call(console.quit))
        if show:
            console.show()
        return console


@pytest.fixture
def hosts(clients: Clients, clock: FakeClock, tmp_path: Path) -> Hosts:
    return Hosts(clients, clock, tmp_path / "config")


# --- a real browser, from a thread of its own ----------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserThread:
    """Chromium driven by Playwright's sync API on one worker thread; ``run`` awaits a function
    of the page there without blocking the test's loop."""

    def __init__(self) -> None:
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._playwright: Any = None
        self._browser: Any = None
        self.page: Any = None
        self.errors: list[str] = []  # script errors in the page: a test asserts there are none

    async def run[T](self, function: Callable[[], T]) -> T:
        return await asyncio.wrap_future(self.pool.submit(function))

    async def open(self, link: str) -> Any:
        def start() -> Any:
            from playwright.sync_api import sync_playwright

            executable = shutil.which("chromium")
            assert executable is not None, "the browser tests need Debian's chromium"
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
            self.page = self._browser.new_page(viewport={"width": 1280, "height": 800})
            self.page.on("pageerror", lambda error: self.errors.append(str(error)))
            self.page.goto(link)
            self.page.wait_for_selector('#status[data-status="online"]')
            return self.page

        return await self.run(start)

    async def close(self) -> None:
        def stop() -> None:
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()

        try:
            await self.run(stop)
        finally:
            self.pool.shutdown(wait=True)


@pytest.fixture
def browser_thread() -> BrowserThread:
    browser = BrowserThread()
    CLEANUPS.append(browser.close)
    return browser
