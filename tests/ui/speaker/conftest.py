"""The speaker app against a real relay: tests run on a qasync loop, so Qt and the link share it.

Clocks are fake where time matters: the speaker's LinkClient and ticker read ``FakeClock``, so a
test moves time by assignment and checks what every window shows at that instant.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import qasync
from PySide6.QtWidgets import QApplication

from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import LinkClient
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from kanpe.net.relayclock import RelayClock
from kanpe.storage.settings import SettingsStore
from kanpe.ui.linkmodel import LinkModel
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.deckgen import generate_deck
from tests.net.conftest import fast_backoff

RUNDOWN = Rundown(
    title="Test night",
    slots=(Slot(id="talk-1", speaker="Aiko", title="Timers that never drift", duration=1500),),
)


#: Async clean-ups of the running test, newest last. They must run inside the test's own loop:
#: pytest-qt processes Qt events after the test, when the loop no longer runs, and a link still
#: alive then would wake up outside it.
CLEANUPS: list[Callable[[], Awaitable[None]]] = []


def speaker_test[**P](
    test: Callable[P, Coroutine[Any, Any, None]],
) -> Callable[P, Coroutine[Any, Any, None]]:
    """Run ``test`` on the qasync loop, then close its apps, links and relay on that loop."""

    @functools.wraps(test)
    async def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            await test(*args, **kwargs)
        finally:
            while CLEANUPS:
                await CLEANUPS.pop()()

    run.__signature__ = inspect.signature(test)  # type: ignore[attr-defined]
    return pytest.mark.asyncio(run)


async def _call(function: Callable[[], object]) -> None:
    function()


def _qasync_loop() -> asyncio.AbstractEventLoop:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # as in kanpe.app: quitting is the speaker app's call
    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
    return loop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qasync": _qasync_loop}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot raise windows or propagate size hints; it says so.
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support"))


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="session")
def deck_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _qasync_loop().close()  # QPdfWriter needs the application for its fonts
    return generate_deck(tmp_path_factory.mktemp("speaker") / "deck.pdf", 8, title="Test deck")


@pytest_asyncio.fixture
async def relay(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Relay]:
    # The relay's time is the same fake clock the speaker's link reads: relay time moves only
    # when a test moves it, so every clock-offset sample agrees and every expectation is exact.
    relay_clock = RelayClock(wall=lambda: 1_750_000_000.0, monotonic=clock)
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path / "relay")
    running = Relay(config, clock=relay_clock)
    await running.start()
    CLEANUPS.append(running.stop)
    yield running


@pytest_asyncio.fixture
async def invites(relay: Relay) -> RoomInvites:
    return await relay.create_room(name="Test night", rundown=RUNDOWN)


class Clients:
    def __init__(self) -> None:
        self.links: list[LinkClient] = []

    async def join(self, link: str, **kwargs: object) -> LinkClient:
        client = LinkClient(link, backoff=fast_backoff, **kwargs)  # type: ignore[arg-type]
        self.links.append(client)
        CLEANUPS.append(client.close)
        await client.start()
        await client.ready()
        return client


@pytest.fixture
def clients() -> Clients:
    return Clients()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "speaker.toml"


class Speakers:
    """Starts speaker apps on a link and closes them at the end of the test."""

    def __init__(self, clients: Clients, clock: FakeClock, settings_path: Path) -> None:
        self.clients = clients
        self.clock = clock
        self.settings_path = settings_path
        self.apps: list[SpeakerApp] = []

    async def start(
        self,
        link: str,
        *,
        deck: Path | None = None,
        solo: bool = False,
        show: bool = True,
        stage_first: bool = False,
    ) -> SpeakerApp:
        client = await self.clients.join(link, clock=self.clock, client="kanpe-speaker")
        app = SpeakerApp(
            LinkModel(client),
            settings=SettingsStore(self.settings_path),
            solo=solo,
            stage_first=stage_first,
        )
        self.apps.append(app)
        CLEANUPS.append(functools.partial(_call, app.quit))
        if deck is not None:
            app.open_deck(deck)
        if show:
            app.show()
        return app


@pytest.fixture
def speakers(clients: Clients, clock: FakeClock, settings_path: Path) -> Speakers:
    return Speakers(clients, clock, settings_path)
