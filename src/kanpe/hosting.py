"""The host's composition: ``kanpe host`` (and "Host an event" in the start window), and a
speaker app beside the host console when the desktop opens a deck or a ``kanpe:`` link.

The host console runs on its embedded relay or on a standalone relay's room
(kanpe.ui.host.session). A deck dropped on the Dock icon while it runs opens the speaker app on
it, in a practice room of its own; a ``kanpe:`` speaker link opens the speaker app on that talk
(a host trying a speaker's link on this machine). The event goes on untouched. While that
speaker app is open, what the desktop opens next goes to it, which asks before it changes
anything (kanpe.ui.speaker.fileopen); the host quitting closes it too.
"""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kanpe.app import DEFAULT_MINUTES, application, connect, run_app

if TYPE_CHECKING:
    import asyncio

    from kanpe.core.rundown import Rundown
    from kanpe.net.embedded import EmbeddedEvent
    from kanpe.ui.fileopen import OpenRequest
    from kanpe.ui.host.session import HostSession
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.fileopen import SpeakerOpens, Tell

log = logging.getLogger("kanpe.hosting")


def run_host(
    rundown_file: str | None,
    *,
    link: str | None,
    relay: str | None,
    data: str | None,
    public_url: str | None,
    port: int,
    problem: Callable[[str], None] | None = None,
) -> int:
    """``kanpe host``: the host console on its embedded relay, or on a standalone relay's room.
    What stops it is printed for a terminal; ``problem`` also shows it to a person who started
    the host console from the start window, where nobody reads a terminal."""
    say = problem or _print_host_problem
    from kanpe.net.embedded import EmbeddedEvent
    from kanpe.ui.host.session import (
        HostLinkError,
        check_host_link,
        default_host_data_dir,
        links_text,
    )

    if link is not None:
        try:
            check_host_link(link)
        except HostLinkError as exc:
            say(f"--link: {exc}")
            return 2
    elif relay is not None:
        say("--relay needs --link (the host link of a room on it)")
        return 2
    rundown = _host_rundown(rundown_file, say)
    if rundown is None:
        return 2
    # Ctrl+C in the terminal, or a TERM from the system, from now on: an orderly quit (the
    # console's, once it exists), which closes the link and then the relay.
    quit_asked: list[int] = []
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda n, _: quit_asked.append(n))
    logging.basicConfig(level=logging.WARNING, format="%(name)s %(levelname)s %(message)s")
    event: EmbeddedEvent | None = None
    folder = Path(data) if data else default_host_data_dir()
    if link is None:
        from kanpe.storage.assets import web_root

        try:
            event = EmbeddedEvent.start(
                folder, rundown, port=port, public_url=public_url, web_root=web_root()
            )
        except (OSError, ValueError) as exc:
            say(f"the relay could not start: {exc}")
            return 1
        link = event.invites.host
        speakers = {s.id: s.speaker for s in rundown.slots}
        print(
            ("Resuming the event in " if event.resumed else "A new event in ")
            + f"{folder}\n"
            + links_text(event.invites, speakers),
            flush=True,
        )
    try:
        return _run_console(link, relay, quit_asked, event=event, folder=folder)
    finally:
        if event is not None:
            event.stop()


def _print_host_problem(text: str) -> None:
    print(f"kanpe host: {text}", file=sys.stderr or sys.__stderr__, flush=True)


def _host_rundown(path: str | None, say: Callable[[str], None]) -> Rundown | None:
    from kanpe.core.rundown import RundownError
    from kanpe.storage.assets import MissingAssetError, sample_rundown_path
    from kanpe.storage.atomic import StorageError
    from kanpe.storage.rundown_file import load_rundown

    try:
        return load_rundown(Path(path) if path else sample_rundown_path())
    except MissingAssetError:
        from kanpe.core.rundown import Rundown as Empty

        return Empty()
    except (RundownError, StorageError, OSError) as exc:
        say(f"{exc}. The file was not changed.")
        return None


def _run_console(
    link: str,
    relay: str | None,
    quit_asked: list[int],
    *,
    event: EmbeddedEvent | None = None,
    folder: Path | None = None,
) -> int:
    """The console (a new one each time the host joins another room) until the host quits."""
    from kanpe.storage.hostevent import save_event
    from kanpe.storage.hostsettings import host_settings_store
    from kanpe.ui.host.panels import console_factory
    from kanpe.ui.host.session import HostSession

    qt = application()
    settings = host_settings_store()
    if event is None or folder is None:  # a standalone relay's room: no links known here
        session = HostSession(console_factory(settings, {}))
    else:
        kept_in = folder  # links made in the console are kept with the event

        def save(links: dict[str, str]) -> None:
            save_event(kept_in, links)

        session = HostSession(
            console_factory(settings, event.invites.as_result(), save), own_event=event
        )
    # The consoles' once-a-second refresh lets Python see a signal soon after it comes.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: session.quit())
    if quit_asked:
        session.quit()  # asked while the relay was starting
    return run_app(qt, session, _console_and_beside(session, session.run(link, relay_url=relay)))


async def _console_and_beside(session: HostSession, main: Coroutine[Any, Any, int]) -> int:
    """The host console's run, with the desktop's decks and links going to a speaker app beside
    it; that speaker app closes when the host quits."""
    import asyncio

    from kanpe.ui.fileopen import file_opens

    beside = SpeakerBeside(asyncio.get_running_loop())
    with file_opens().handled_by(beside.request):
        try:
            return await main
        finally:
            await beside.close()


class SpeakerBeside:
    """The speaker app opened beside the host console by the desktop (one at a time)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, *, tell: Tell | None = None) -> None:
        from kanpe.ui.speaker.fileopen import tell_in_dialog

        self._loop = loop
        self._tell = tell or tell_in_dialog
        self.speaker: SpeakerApp | None = None
        self._opens: SpeakerOpens | None = None
        self._runs: set[asyncio.Task[int]] = set()

    def request(self, request: OpenRequest) -> None:
        """A deck or a link from the desktop: to the open speaker app, else a new one on it."""
        from kanpe.core.links import parse_app_link
        from kanpe.ui.fileopen import OpenDeck, OpenLink
        from kanpe.ui.speaker.fileopen import request_refusal

        if self._opens is not None and self.speaker is not None and not self.speaker.is_finished:
            self._opens(request)
            return
        refusal = request_refusal(request)
        if refusal is not None:
            self._tell(None, *refusal)
            return
        match request:
            case OpenDeck(path=path):
                self._start(path, join=None)
            case OpenLink(text=text):
                self._start(None, join=parse_app_link(text).link)

    def _start(self, deck: Path | None, *, join: str | None) -> None:
        from kanpe.storage.settings import SettingsStore
        from kanpe.ui.speaker.app import SpeakerApp
        from kanpe.ui.speaker.fileopen import SpeakerOpens, remember_deck
        from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

        model = SpeakerSlotModel()
        speaker = SpeakerApp(model, settings=SettingsStore.for_speaker(), solo=join is None)
        if deck is not None and speaker.open_deck(deck):
            remember_deck(speaker, deck)
        self.speaker = speaker
        self._opens = SpeakerOpens(speaker, joined=join, switch_talk=self._switch)
        speaker.show()
        document = speaker.deck.deck.document
        title = document.title if document is not None else ""
        run = self._loop.create_task(
            connect(speaker, model, join=join, minutes=DEFAULT_MINUTES, title=title)
        )
        self._runs.add(run)
        run.add_done_callback(self._ended)

    def _switch(self, link: str) -> None:
        """The speaker chose to join another talk: this app quits, one on that talk opens."""
        if self.speaker is None:
            return
        deck = self.speaker.deck.path
        self.speaker.quit()
        self._start(deck, join=link)

    def _ended(self, run: asyncio.Task[int]) -> None:
        self._runs.discard(run)
        if not run.cancelled() and run.exception() is not None:
            log.error("the speaker app beside the console failed", exc_info=run.exception())

    async def close(self) -> None:
        """Quit the speaker app and wait until its room and link are closed."""
        if self.speaker is not None:
            self.speaker.quit()
        if self._runs:
            import asyncio

            await asyncio.gather(*self._runs, return_exceptions=True)
