"""A real browser (Debian's Chromium, headless, driven by Playwright) against a real relay.

The relay runs in a background thread with its own event loop, so tests can use Playwright's sync
API from the main thread; ``Served.run`` runs a coroutine on the relay's loop (to drive host
LinkClients or read room state there, where it is safe to read). One browser per module.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from kanpe.core.model import RoomState
from kanpe.core.protocol import Ack, Command
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from kanpe.net.relayclock import RelayClock
from kanpe.storage.assets import asset_path
from tests.support.faultproxy import FaultProxy
from tests.support.waiting import eventually

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
#: The relay's clock runs this far ahead of the browser's: a page that used its own wall clock
#: instead of the time-sync offset would show the wrong countdown.
CLOCK_SKEW = 3 * 3600.0

RUNDOWN = Rundown(
    title="Kanpe Meetup #12",
    slots=(
        Slot(id="talk-1", speaker="Aiko Tanaka", title="Timers that never drift", duration=1500),
        Slot(id="talk-2", speaker="Rafael Souza", title="Reading the room", duration=1500),
        Slot(id="lt-1", speaker="Priya", title="Five slides", duration=300, warning=60, final=30),
    ),
)


def _fast_backoff(attempt: int) -> float:
    return 0.05


class Served:
    """A relay with one room, in its own thread, and the host links a test opened on it."""

    def __init__(self, data: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="relay", daemon=True)
        self.thread.start()
        self.config = RelayConfig(
            host="127.0.0.1", port=0, data_dir=data, web_root=asset_path("web")
        )
        self.relay: Relay | None = None
        self.links: list[LinkClient] = []
        self.proxies: list[FaultProxy] = []
        self.start_relay()
        self.invites: RoomInvites = self.run(
            self.live.create_room(name="Kanpe Meetup #12", rundown=RUNDOWN)
        )

    def run[T](self, coro: Coroutine[Any, Any, T], timeout: float = 15) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    @property
    def live(self) -> Relay:
        assert self.relay is not None, "the relay is stopped"
        return self.relay

    @property
    def room(self) -> str:
        return self.invites.room

    @property
    def base(self) -> str:
        return self.live.url

    def state(self) -> RoomState:
        return self.live.rooms[self.room].state

    def start_relay(self) -> None:
        async def start() -> Relay:
            clock = RelayClock(wall=lambda: time.time() + CLOCK_SKEW)
            relay = Relay(self.config, clock=clock)
            await relay.start()
            return relay

        self.relay = self.run(start())
        # A restart comes back on the same port, as a relay behind a fixed address would.
        self.config = replace(self.config, port=self.relay.port)

    def stop_relay(self) -> None:
        self.run(self.live.stop())
        self.relay = None

    def proxy(self) -> FaultProxy:
        """A fault proxy in front of the relay, for pages (HTTP and websocket) to go through."""

        async def start() -> FaultProxy:
            proxy = FaultProxy("127.0.0.1", self.live.port)
            await proxy.start()
            return proxy

        proxy = self.run(start())
        self.proxies.append(proxy)
        return proxy

    def call(self, function: Callable[[], object]) -> None:
        """Run a plain function on the relay's loop (e.g. a FaultProxy method) and wait for it."""

        async def call() -> None:
            function()

        self.run(call())

    def join(self, link: str, **kwargs: Any) -> LinkClient:
        async def join() -> LinkClient:
            client = LinkClient(link, backoff=_fast_backoff, **kwargs)
            self.links.append(client)
            await client.start()
            await client.ready()
            return client

        return self.run(join())

    def host(self) -> LinkClient:
        return self.join(self.invites.host, client="test-host")

    def send(self, link: LinkClient, kind: Callable[..., Command], **fields: Any) -> Ack:
        """Send ``kind(id=..., **fields)`` from ``link`` and wait for the relay's ack."""

        async def send() -> Ack:
            return await link.command(kind(id=link.new_id(), **fields))

        return self.run(send())

    def until(self, predicate: Callable[[RoomState], bool], within: float = 10) -> None:
        """Wait until the relay's own state of the room satisfies ``predicate``."""
        self.run(eventually(lambda: self.relay is not None and predicate(self.state()), within))

    def mirror(
        self, link: LinkClient, predicate: Callable[[RoomState], bool], within: float = 10
    ) -> RoomState:
        return self.run(wait_for_state(link, predicate, within))

    def close(self) -> None:
        async def shutdown() -> None:
            for link in self.links:
                await link.close()
            for proxy in self.proxies:
                await proxy.stop()
            if self.relay is not None:
                await self.relay.stop()
            rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in rest:
                task.cancel()
            await asyncio.gather(*rest, return_exceptions=True)

        try:
            self.run(shutdown())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)
            self.loop.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    serving = Served(tmp_path / "relay")
    try:
        yield serving
    finally:
        serving.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("the browser tests need Debian's chromium: run `make system-deps`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Chromium reports a refused websocket as a console error; while the relay is down that is the
# expected state of affairs, not a fault of the page.
_EXPECTED_CONSOLE = ("WebSocket connection to",)
# The same for the admission probe the page sends after a refused websocket: it fails too while
# the relay is down or the network cut, and is answered 429 when the relay turns this address
# away (link.js, askWhyRefused).
_ADMISSION_PROBE = "/ws/admission"


class Pages:
    """Opens pages in fresh browser contexts; any script error, CSP violation or dialog fails."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.problems: list[str] = []
        self.contexts: list[Any] = []
        self.sockets: dict[Page, list[str]] = {}  # websocket URLs each page opened

    def open(
        self,
        url: str,
        *,
        viewport: dict[str, int] = PHONE,
        color_scheme: str = "light",
        wait: bool = True,
        locale: str = "en-US",
    ) -> Page:
        context = self.browser.new_context(
            viewport=viewport,  # type: ignore[arg-type]
            color_scheme=color_scheme,  # type: ignore[arg-type]
            locale=locale,  # the browser's language, which the pages follow
            device_scale_factor=1,
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        self.watch(page)
        page.goto(url)
        if wait:
            page.wait_for_selector('#status[data-status="online"]')
        return page

    def watch(self, page: Page) -> None:
        opened = self.sockets.setdefault(page, [])
        page.on("websocket", lambda ws: opened.append(ws.url))
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        probe = str(message.location.get("url", "")).endswith(_ADMISSION_PROBE)
        if message.type == "error" and not probe and not message.text.startswith(_EXPECTED_CONSOLE):
            self.problems.append(f"console error: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"a dialog opened: {dialog.message}")
        dialog.dismiss()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser: Browser) -> Iterator[Pages]:
    opened = Pages(browser)
    try:
        yield opened
    finally:
        opened.close()
    assert not opened.problems, "\n".join(opened.problems)
