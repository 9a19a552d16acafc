"""The speaker app against a real relay (the relay, links and fake clock: tests/ui/conftest.py)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from kanpe.storage.rehearsals import RehearsalStore
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.chimes import SoundOutput
from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.pacemeter import Microphone
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel
from tests.ui.conftest import (
    CLEANUPS,
    RUNDOWN,
    Clients,
    FakeClock,
    _call,
    _qasync_loop,
    link_test,
)

__all__ = ["RUNDOWN", "Clients", "FakeClock", "Speakers", "speaker_test"]

speaker_test = link_test


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot raise windows or propagate size hints; it says so.
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support"))


@pytest.fixture(scope="session")
def deck_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _qasync_loop().close()  # QPdfWriter needs the application for its fonts
    return generate_deck(tmp_path_factory.mktemp("speaker") / "deck.pdf", 8, title="Test deck")


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
        questions_file: Path | None = None,
        sound_output: SoundOutput | None = None,
        rehearsals: RehearsalStore | None = None,
        rehearse: bool = False,
        microphone: Microphone | None = None,
    ) -> SpeakerApp:
        client = await self.clients.join(link, clock=self.clock, client="kanpe-speaker")
        app = SpeakerApp(
            SpeakerSlotModel.following(client),
            settings=SettingsStore.for_speaker(self.settings_path),
            solo=solo,
            stage_first=stage_first,
            questions_file=questions_file,
            sound_output=sound_output,
            rehearsals=rehearsals,
            rehearse=rehearse,
            microphone=microphone,
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
