"""``kanpe demo`` (what ``make run`` starts): the whole product on one machine, in seconds.

An embedded relay (its own thread, as ``kanpe host`` runs it) holds a fresh event on the sample
rundown; the host's console joins it as host, one speaker app on the sample deck joins as the
first talk, which is put on stage, and a small simulated audience (``kanpe.net.crowd``) claps,
chats, asks and votes. A window hands out the audience link (Copy, Open, QR) so the newcomer can
join from a browser. Every part talks to the relay over the same websocket protocol as it would
across the internet: nothing here takes a shortcut.

The event lives in a temporary folder and settings are the demo's own, so trying the demo never
changes a real event or the host's and speaker's preferences. Ctrl+C in the terminal or closing
the host's console ends all of it, in order: the speaker's windows, the links, the audience, then
the relay.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

    from PySide6.QtWidgets import QApplication, QWidget

    from kanpe.net.embedded import EmbeddedEvent
    from kanpe.net.relay import RoomInvites
    from kanpe.ui.host.session import HostSession
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

log = logging.getLogger("kanpe.demo")

CROWD_SIZE = 5
CROWD_SEED = 12


def run_demo(*, port: int = 0) -> int:
    """``kanpe demo``: returns the process's exit status."""
    quit_asked: list[int] = []
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda n, _: quit_asked.append(n))
    logging.basicConfig(level=logging.WARNING, format="%(name)s %(levelname)s %(message)s")
    from concurrent.futures import ThreadPoolExecutor

    with tempfile.TemporaryDirectory(prefix="kanpe-demo-") as folder:
        # The relay starts first, on a thread of its own, before Qt is loaded: the relay's
        # modules then load beside Qt's rather than after them (and without PySide's import
        # hook, which reads the source of every module imported after it). The windows are
        # built meanwhile; only the audience link's window needs the relay's link.
        with ThreadPoolExecutor(1, thread_name_prefix="kanpe-demo-start") as starter:
            starting = starter.submit(_start_event, Path(folder), port)
            from kanpe.app import application

            windows = _Windows(application(), Path(folder))
            try:
                event = windows.wait_for(starting)
            except _NoSampleRundown as exc:
                print(f"kanpe demo: the sample rundown cannot be read: {exc}", file=sys.stderr)
                windows.close()
                return 1
            except (OSError, ValueError) as exc:
                print(f"kanpe demo: the relay could not start: {exc}", file=sys.stderr)
                windows.close()
                return 1
        try:
            print(_introduction(event.invites), flush=True)
            return windows.run(event, quit_asked)
        finally:
            event.stop()


class _NoSampleRundown(Exception):
    pass


def _start_event(folder: Path, port: int) -> EmbeddedEvent:
    """The sample rundown, and the relay with a fresh event on it (on the starter's thread)."""
    from kanpe.net.embedded import EmbeddedEvent
    from kanpe.storage.assets import MissingAssetError, sample_rundown_path, web_root
    from kanpe.storage.rundown_file import load_rundown

    try:
        rundown = load_rundown(sample_rundown_path())
    except (MissingAssetError, OSError, ValueError) as exc:
        raise _NoSampleRundown(str(exc)) from exc
    event = EmbeddedEvent.start(folder, rundown, port=port, web_root=web_root())
    # The audience link's QR code comes next: segno loads here (its writers pull in urllib,
    # email and hashlib, ~20 ms) while the main thread builds the windows, not after them.
    import segno  # noqa: F401

    return event


def _introduction(invites: RoomInvites) -> str:
    return (
        "Kanpe demo: the host's console, a speaker on the sample deck and a few simulated\n"
        "people in the audience, on a relay on this machine.\n"
        f"Audience link (open it in a browser, or scan the QR code in the demo's window):\n"
        f"  {invites.audience}\n"
        f"The host's phone remote (the host link in a phone's browser):\n  {invites.host}\n"
        "Try it: press Start in the console, send '5 minutes left', press G in the speaker's\n"
        "console and watch 'Got it' come back. Ctrl+C here, or close the console, ends the demo."
    )


class _Windows:
    """The demo's windows: the speaker's and the host's console at once (they need no relay to
    paint), the audience link's when the relay has given it."""

    def __init__(self, qt: QApplication, folder: Path) -> None:
        from kanpe.app import sample_deck
        from kanpe.storage.hostsettings import host_settings_store
        from kanpe.storage.settings import SettingsStore
        from kanpe.ui.host.console import HostConsole
        from kanpe.ui.roommodel import RoomModel
        from kanpe.ui.speaker.app import SpeakerApp
        from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

        self.qt = qt
        self.model = SpeakerSlotModel()
        speaker_settings = SettingsStore.for_speaker(folder / "speaker.toml")
        # Every window at once (not the stage first, as ``kanpe speak`` does): the demo is
        # ready when all of them are.
        self.speaker = SpeakerApp(self.model, settings=speaker_settings, solo=False)
        self.speaker.open_deck(sample_deck())
        self.speaker.show()
        self.host_settings = host_settings_store(folder / "host.toml")
        # The first console is built now, so it paints while the relay starts; its side panels
        # (which need the event's links) come with run().
        self.console = HostConsole(RoomModel(), settings=self.host_settings)
        self.console.show()
        self.session: HostSession | None = None
        self.audience: QWidget | None = None

    def wait_for[T](self, starting: Future[T]) -> T:
        """``starting``'s result, Qt's own loop running meanwhile: the windows shown so far
        paint while the relay starts, instead of after."""
        from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

        if not starting.done():

            class Ready(QObject):
                ready = Signal()

            waiting, ready = QEventLoop(), Ready()
            # Emitted on the starter's thread: queued to this one, where the loop runs.
            ready.ready.connect(waiting.quit, Qt.ConnectionType.QueuedConnection)
            starting.add_done_callback(lambda _: ready.ready.emit())
            waiting.exec()
        return starting.result()

    def run(self, event: EmbeddedEvent, quit_asked: list[int]) -> int:
        from kanpe.app import run_app, until_first_paint
        from kanpe.ui.host.audiencelink import AudienceLinkWindow
        from kanpe.ui.host.panels import HostPanels, console_factory
        from kanpe.ui.host.session import HostSession
        from kanpe.ui.linkwindow import put_in_the_corner

        invites = event.invites
        audience = self.audience = AudienceLinkWindow(invites.audience)
        put_in_the_corner(audience)  # out of the way of the console and the stage
        audience.show()
        HostPanels(self.console, invites.as_result())
        # The session makes new consoles only if the host joins another room from this one.
        first, later = [self.console], console_factory(self.host_settings, {})
        session = self.session = HostSession(
            lambda: first.pop() if first else later(), own_event=event, resumable=False
        )
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: session.quit())
        until_first_paint(self.speaker)
        if quit_asked:
            session.quit()  # asked while the relay or the windows were starting
        try:
            network = _network(session, self.speaker, self.model, invites)
            return run_app(self.qt, session, network)
        finally:
            self.close()

    def close(self) -> None:
        if self.audience is not None:
            self.audience.close()
        self.speaker.quit()
        if self.session is not None:
            self.session.quit()
        self.console.quit()  # if the session never ran (the relay did not start)


async def _network(
    session: HostSession, speaker: SpeakerApp, model: SpeakerSlotModel, invites: RoomInvites
) -> int:
    """The speaker's link, the audience and the host's console, until the host quits."""
    import asyncio

    import kanpe
    from kanpe.net.crowd import Crowd
    from kanpe.net.link import LinkClient

    first = next(iter(invites.speakers), None)
    async with contextlib.AsyncExitStack() as stack:
        if first is not None:
            link = LinkClient(invites.speakers[first], client=f"kanpe-speaker {kanpe.__version__}")
            await link.start()
            stack.push_async_callback(link.close)
            model.attach(link)
            staging = asyncio.create_task(_put_on_stage(invites.host, first))
            stack.push_async_callback(_cancel, staging)
        crowd = Crowd(invites.audience, size=CROWD_SIZE, seed=CROWD_SEED)
        await crowd.start()
        stack.push_async_callback(crowd.close)
        status = await session.run(invites.host)
        speaker.quit()
    return status


async def _put_on_stage(host_link: str, slot: str) -> None:
    """The first talk goes on stage, as a host would put it there: the console opens on it."""
    from kanpe.core.protocol import SetCurrent
    from kanpe.net.link import CommandRefused, LinkClient

    host = LinkClient(host_link, client="kanpe-demo")
    await host.start()
    try:
        await host.ready()
        await host.command(SetCurrent(id=host.new_id(), slot=slot))
    except (CommandRefused, ConnectionError, OSError) as exc:
        log.warning("the first talk could not be put on stage: %s", exc)
    finally:
        await host.close()


async def _cancel(task: asyncio.Task[None]) -> None:
    import asyncio

    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
