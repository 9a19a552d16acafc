"""Fixtures for every UI test: decks generated on the spot (no binary decks in the repository),
slide views, and a real relay with real link clients on a qasync loop, so Qt and the links share
it. Clocks are fake where time matters: a link and a ticker read ``FakeClock``, so a test moves
time by assignment and checks what every window shows at that instant.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import LinkClient
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from kanpe.net.relayclock import RelayClock
from kanpe.ui.fileopen import KanpeApplication
from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.slides import SlideDeck, SlideView
from tests.net.conftest import fast_backoff

MakeDeck = Callable[[int], Path]
LONG_DECK_PAGES = 300


@pytest.fixture
def signal_handlers() -> Iterator[None]:
    """The test process's Ctrl+C and TERM handlers, put back after the test: kanpe host takes
    them for its orderly quit."""
    handlers = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


@pytest.fixture(scope="session")
def make_deck(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> MakeDeck:
    """A generated deck of ``pages`` pages, made once per session for each page count."""
    del qapp  # QPdfWriter needs the application for fonts
    folder = tmp_path_factory.mktemp("decks")
    made: dict[int, Path] = {}

    def make(pages: int) -> Path:
        if pages not in made:
            # Long decks get small pictures: they test memory and walking, and write 3x faster.
            picture = (160, 90) if pages >= LONG_DECK_PAGES else (480, 270)
            made[pages] = generate_deck(
                folder / f"deck-{pages}.pdf", pages, title="Test deck", image_size=picture
            )
        return made[pages]

    return make


@pytest.fixture
def small_deck(make_deck: MakeDeck) -> Path:
    return make_deck(12)


@pytest.fixture
def long_deck(make_deck: MakeDeck) -> Path:
    return make_deck(LONG_DECK_PAGES)


@pytest.fixture
def slide_deck(qapp: QApplication) -> Iterator[SlideDeck]:
    del qapp
    deck = SlideDeck()
    yield deck
    deck.close()


@pytest.fixture
def slide_view(qtbot: QtBot, slide_deck: SlideDeck) -> SlideView:
    """A shown 640x480 view of ``slide_deck``: a 4:3 box, so 16:9 pages get bars above and below."""
    view = SlideView(slide_deck)
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    qtbot.waitExposed(view)
    return view


# --- a real relay and real links on the qasync loop ---------------------------------------------

RUNDOWN = Rundown(
    title="Test night",
    slots=(Slot(id="talk-1", speaker="Aiko", title="Timers that never drift", duration=1500),),
)


#: Async clean-ups of the running test, newest last. They must run inside the test's own loop:
#: pytest-qt processes Qt events after the test, when the loop no longer runs, and a link still
#: alive then would wake up outside it.
CLEANUPS: list[Callable[[], Awaitable[None]]] = []


def link_test[**P](
    test: Callable[P, Coroutine[Any, Any, None]],
) -> Callable[P, Coroutine[Any, Any, None]]:
    """Run ``test`` on the qasync loop, then close its apps, links and relay on that loop
    (``CLEANUPS``, newest first)."""

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
    app = QApplication.instance() or KanpeApplication([])  # as pytest-qt's (tests/conftest.py)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # as in kanpe.app: quitting is the speaker app's call
    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
    return loop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {"qasync": _qasync_loop}


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


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
