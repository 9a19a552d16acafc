"""The composition root: QApplication, the qasync loop, and the wiring of core, net and ui.

What any app needs from here is typed to ``App`` (a finished signal, whether it has finished, an
orderly quit), which the speaker's ``SpeakerApp`` and the host's console both satisfy:
``run_app`` runs an app's network on the qasync loop until the person quits, and a quit from the
desktop (the macOS Dock, logging out) goes the app's own orderly way.

``run_speaker`` is ``kanpe speak``. Joined, the speaker's link goes to the host's relay. Solo, an
embedded relay starts in this process on a free port with a one-slot room whose timer the speaker
may run, and the speaker's link connects to it through the same websocket protocol as everyone
else: there is no shortcut path.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
from collections.abc import AsyncIterator, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    SignalInstance,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

if TYPE_CHECKING:
    import asyncio

    from kanpe.net.relay import Relay, RoomInvites
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

log = logging.getLogger("kanpe.app")

SOLO_SLOT = "talk"
FIRST_PAINT_WAIT = 2.0  # seconds the network waits for the first frame, at most
CONSOLE_PAINT_WAIT = 1.5  # and then for the console's, at most
DEFAULT_MINUTES = 20.0


class App(Protocol):
    """What the composition root needs of an app: it says when the person has quit, and it can
    be asked to quit in order (save, close its windows, then emit ``finished``)."""

    @property
    def finished(self) -> SignalInstance:
        """Emitted once, when the app has quit."""
        ...

    @property
    def is_finished(self) -> bool:
        """Whether ``finished`` was emitted already."""
        ...

    def quit(self) -> None:
        """Quit in order; ``finished`` follows. Calling it again does nothing."""
        ...


def when_finished(app: App) -> asyncio.Future[None]:
    """A future resolved when ``app`` has quit (at once if it has)."""
    import asyncio

    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    if app.is_finished:
        done.set_result(None)
    else:
        app.finished.connect(lambda: None if done.done() else done.set_result(None))
    return done


def run_app(qt: QApplication, app: App, main: Coroutine[Any, Any, int]) -> int:
    """Run ``main`` (the app's network, until ``app`` finishes) on a qasync loop over ``qt``;
    the application's Quit event becomes ``app.quit()``. Returns the exit status."""
    import asyncio  # ~30-80 ms with qasync: after the first window is on screen, not before

    import qasync

    # A quit from outside goes the app's own way, which closes its links (and an embedded
    # relay) before the loop under them stops.
    orderly = _OrderlyQuit(app)
    qt.installEventFilter(orderly)
    try:
        return asyncio.run(main, loop_factory=lambda: qasync.QEventLoop(qt))
    except KeyboardInterrupt:
        return 130
    finally:
        qt.removeEventFilter(orderly)


@dataclass(frozen=True, slots=True)
class SoloRoom:
    """A practice room on an embedded relay, and its invite links."""

    relay: Relay
    invites: RoomInvites

    @property
    def speaker_link(self) -> str:
        """The invite link of the room's one speaker."""
        return self.invites.speakers[SOLO_SLOT]


@contextlib.asynccontextmanager
async def solo_room(
    minutes: float, *, title: str = "", data_dir: Path | None = None
) -> AsyncIterator[SoloRoom]:
    """An embedded relay with one slot of ``minutes`` whose speaker runs their own timer."""
    from kanpe.core.protocol import AllowSelfTimer, SetCurrent
    from kanpe.core.rundown import Rundown, Slot
    from kanpe.net.link import LinkClient
    from kanpe.net.relay import Relay, RelayConfig
    from kanpe.storage.assets import web_root

    with contextlib.ExitStack() as files:
        if data_dir is None:
            import tempfile  # here: not before the first slide

            data_dir = Path(files.enter_context(tempfile.TemporaryDirectory(prefix="kanpe-solo-")))
        relay = Relay(RelayConfig(host="127.0.0.1", port=0, data_dir=data_dir, web_root=web_root()))
        await relay.start()
        try:
            seconds = max(1, round(minutes * 60))
            rundown = Rundown(
                title=title[:200],
                slots=(Slot(id=SOLO_SLOT, title=title[:200], duration=seconds),),
            )
            invites = await relay.create_room(name=title[:100], rundown=rundown)
            # The host allows self-timing over the same protocol every host uses.
            host = LinkClient(invites.host, client="kanpe-solo-host")
            await host.start()
            try:
                await host.ready()
                await host.command(AllowSelfTimer(id=host.new_id(), slot=SOLO_SLOT, allowed=True))
                # On stage, so the questions asked are this talk's, for its speaker's queue.
                await host.command(SetCurrent(id=host.new_id(), slot=SOLO_SLOT))
            finally:
                await host.close()
            yield SoloRoom(relay=relay, invites=invites)
        finally:
            await relay.stop()


def ui_language(preferred: list[str], shipped: set[str]) -> str | None:
    """The language Kanpe's windows speak: the first of the desktop's ``preferred`` languages
    (``"ja-JP"``, ``"en-US"``, ...) that is English, Kanpe's own, or one of the translations
    ``shipped`` (``"ja"``, ``"pt_BR"``, ...). None: English, no translation to load. A speaker
    who prefers English, then Japanese, gets English, not the first translation found."""
    for name in preferred:
        language = name.replace("-", "_")
        base = language.split("_")[0].lower()
        if base in ("en", "c"):
            return None
        for candidate in (language, base):
            if candidate in shipped:
                return candidate
    return None


def _install_translations(app: QApplication) -> None:
    """Kanpe's strings and Qt's own (dialog buttons), in the desktop's language when Kanpe
    ships a translation for it; else English."""
    try:
        from kanpe.storage.assets import asset_path

        folder = asset_path("translations")
    except (FileNotFoundError, ValueError):
        return
    shipped = {path.stem.removeprefix("kanpe_") for path in folder.glob("kanpe_*.qm")}
    language = ui_language(QLocale.system().uiLanguages(), shipped)
    if language is None:
        return
    ours = QTranslator(app)
    if ours.load(f"kanpe_{language}", str(folder)):
        app.installTranslator(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)


def application() -> QApplication:
    """The one QApplication: Kanpe's name, style, translations and bundled font, quit only when
    asked."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    from kanpe.ui.fileopen import KanpeApplication

    app = KanpeApplication(sys.argv[:1])  # takes the system's file-open events all its life
    app.setApplicationName("Kanpe")
    app.setOrganizationName("Kanpe")
    app.setStyle("Fusion")
    # Closing the windows must not stop the event loop under the links still closing: the
    # speaker app says when it is finished, and speak() then closes the link and the relay.
    app.setQuitOnLastWindowClosed(False)
    _install_translations(app)
    # Before any window: every window falls back to the bundled Japanese font.
    from kanpe.ui.fonts import install_bundled_fonts

    install_bundled_fonts()
    return app


async def connect(
    speaker: SpeakerApp,
    model: SpeakerSlotModel,
    *,
    join: str | None,
    minutes: float,
    title: str,
    paint_wait: float = FIRST_PAINT_WAIT,
) -> int:
    """Start the link (and, solo, the relay) once the first frame is on screen, or after
    ``paint_wait`` seconds; run until the speaker quits."""
    import asyncio

    from kanpe.net.link import LinkClient

    if speaker.is_finished:
        return 0  # quit while Qt's own loop waited for the first paint, before anyone listened
    done = when_finished(speaker)
    if not speaker.has_painted and paint_wait > 0:
        painted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        speaker.firstPainted.connect(lambda: None if painted.done() else painted.set_result(None))
        await asyncio.wait({painted, done}, timeout=paint_wait, return_when=asyncio.FIRST_COMPLETED)
    if done.done():
        return 0  # quit while waiting for the first frame: no relay, no link
    async with contextlib.AsyncExitStack() as stack:
        if join is None:
            room = await stack.enter_async_context(solo_room(minutes, title=title))
            link_url = room.speaker_link
            print(
                "Practice room: open this audience link in a browser to send reactions, chat\n"
                f"and questions to your stage: {room.invites.audience}",
                flush=True,
            )
            stack.callback(_show_practice_link(room.invites.audience).close)
        else:
            link_url = join
        import kanpe

        # The host's card shows the speaker's app and version from this name.
        link = LinkClient(link_url, client=f"kanpe-speaker {kanpe.__version__}")
        await link.start()
        stack.push_async_callback(link.close)
        model.attach(link)
        await done
    return 0


def run_speaker(
    deck: str | None,
    *,
    join: str | None,
    minutes: float,
    questions: str | None = None,
    rehearse: bool = False,
) -> int:
    """``kanpe speak``: returns the process's exit status. ``minutes`` (the solo talk's length)
    is checked by the command line (``kanpe.cli.minutes``). A ``kanpe:`` link opened from the
    desktop meanwhile, which the speaker agrees to join, ends this room and joins that talk with
    the deck that was open (kanpe.ui.speaker.fileopen). ``questions``: a Markdown file the
    talk's questions are kept in (``--questions``); ``rehearse``: time each slide and keep the
    timings for the deck (``--rehearse``)."""
    if join is not None:
        from kanpe.core.links import LinkError, parse_link

        try:
            parse_link(join)
        except LinkError as exc:
            print(f"kanpe speak: {exc}", file=sys.stderr)
            return 2
    logging.basicConfig(level=logging.WARNING, format="%(name)s %(levelname)s %(message)s")
    app = application()
    path = Path(deck) if deck else None
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            None,
            app.translate("Speak", "Open a PDF deck"),
            "",
            app.translate("Speak", "PDF decks (*.pdf)"),
        )
        path = Path(chosen) if chosen else None
    while True:
        kept = Path(questions) if questions else None
        status, switch = _speak(
            app, path, join=join, minutes=minutes, questions=kept, rehearse=rehearse
        )
        questions = None  # a talk switched to does not overwrite the first talk's record
        if switch is None:
            return status
        join, path = switch


def _speak(
    app: QApplication,
    path: Path | None,
    *,
    join: str | None,
    minutes: float,
    questions: Path | None = None,
    rehearse: bool = False,
) -> tuple[int, tuple[str, Path | None] | None]:
    """One speaker app, on one talk, until the speaker quits; also returns the talk to join next
    (its link, the deck then open), if the speaker chose to switch."""
    from kanpe.core.gcpolicy import SPEAKER_GC
    from kanpe.storage.rehearsals import RehearsalStore
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.fileopen import file_opens
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.fileopen import SpeakerOpens, remember_deck
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    # The windows and the first slide come first; the network starts once they are painted.
    model = SpeakerSlotModel()
    speaker = SpeakerApp(
        model,
        settings=SettingsStore.for_speaker(),
        solo=join is None,
        stage_first=True,
        questions_file=questions,
        rehearsals=RehearsalStore(),
        rehearse=rehearse,
        deck=path,
    )
    switch: list[tuple[str, Path | None]] = []

    def switch_talk(link: str) -> None:
        switch.append((link, speaker.deck.path))
        speaker.quit()

    opens = SpeakerOpens(speaker, joined=join, switch_talk=switch_talk)
    speaker.show()
    with file_opens().handled_by(opens):
        until_first_paint(speaker)
        # Collected from here on (cli.main turned collection off for ``kanpe speak``: ~100
        # collections of objects that all live on, ~15 ms before the first slide). What
        # start-up made is frozen, and full collections wait for the app's quiet moments from
        # now on (core/gcpolicy.py, ui/gcidle.py): none walks all of start-up in a flip.
        speaker.collect_garbage_when_idle(SPEAKER_GC)
        gc.enable()
        # The console's slide next: under X, its first paint waited behind the network's start
        # (asyncio's and the relay's imports, ~150 ms) with its page already rendered.
        until_console_painted(speaker)
        if path is not None:  # written (and fsynced) once the first slide is on screen
            remember_deck(speaker, path)
        document = speaker.deck.deck.document
        title = document.title if document is not None else ""  # the PDF's title, or its name
        # Qt's own loop has waited for the first frame already (until_first_paint).
        network = connect(speaker, model, join=join, minutes=minutes, title=title, paint_wait=0)
        status = run_app(app, speaker, network)
    return status, (switch[0] if switch else None)


class _OrderlyQuit(QObject):
    """Turns the application's Quit event into ``App.quit``."""

    def __init__(self, app: App) -> None:
        super().__init__()
        self._app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit and watched is QCoreApplication.instance():
            self._app.quit()
            return True
        return False


def _show_practice_link(audience: str) -> QWidget:
    """The practice room's audience link in a window too, with Copy and a QR code: someone who
    opened Kanpe by a double click has no terminal to read it from."""
    from kanpe.ui.linkwindow import LinkWindow, NamedLink, put_in_the_corner

    window = LinkWindow(
        QCoreApplication.translate("Practice", "Practice room"),
        QCoreApplication.translate(
            "Practice",
            "Open the audience link in a browser, or scan it with a phone: reactions, chat and "
            "questions then reach your stage while you practise.",
        ),
        [NamedLink(QCoreApplication.translate("Practice", "Audience"), audience)],
    )
    # The speaker's keys (S, PageDown...) stay with the stage and console, not this window,
    # and the slides stay in sight: the window opens in a corner, not over the stage.
    window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    put_in_the_corner(window)
    window.show()
    return window


def until_first_paint(speaker: SpeakerApp) -> None:
    """Run Qt's own event loop until the stage has painted (at most FIRST_PAINT_WAIT)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if speaker.has_painted:
        return  # painted while Qt's loop ran for something else (kanpe demo's relay start)
    waiting = QEventLoop()
    speaker.firstPainted.connect(waiting.quit, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(int(FIRST_PAINT_WAIT * 1000), waiting.quit)
    waiting.exec()


def until_console_painted(speaker: SpeakerApp) -> None:
    """Run Qt's own event loop until the console has painted its slide (at most
    CONSOLE_PAINT_WAIT; at once when there is no console to wait for)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if speaker.console_has_painted or speaker.is_finished or not speaker.has_private_windows:
        return
    waiting = QEventLoop()
    speaker.consolePainted.connect(waiting.quit, Qt.ConnectionType.SingleShotConnection)
    speaker.finished.connect(waiting.quit, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(int(CONSOLE_PAINT_WAIT * 1000), waiting.quit)
    waiting.exec()


def sample_deck() -> Path:
    """The shipped sample deck; generated into a temporary file if this checkout lacks it."""
    from kanpe.storage.assets import MissingAssetError, asset_path

    try:
        return asset_path("decks", "sample.pdf")
    except MissingAssetError:
        from kanpe.ui.speaker.deckgen import generate_deck

        application()
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="kanpe-sample-"))
        return generate_deck(folder / "sample.pdf", pages=12, title="Kanpe sample deck")
