"""The pace meter in the speaker app: off by default, 'slow down' in the console's and the
overlay's corner (never the stage) after 20 s of fast real speech, nothing when there is no
microphone; and the capture path through a real (virtual) input device."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from kanpe.core.countdown import TimerStatus
from kanpe.core.protocol import StartTimer
from kanpe.core.speechrate import FAST_RATE, FAST_SECONDS
from kanpe.net.relay import RoomInvites
from kanpe.storage.rehearsals import RehearsalStore, deck_key
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.pacehint import PaceHint
from kanpe.ui.speaker.pacemeter import MeterState, MicrophoneMissing
from tests.support.speech import (
    FAST_WPM,
    RATE,
    SLOW_WPM,
    heard_rate,
    missing_tools,
    samples,
    speech_file,
)
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, FakeClock, Speakers, speaker_test

SLOT = "talk-1"


class FileMicrophone:
    """A microphone that says what the test gives it (``say``), as a device's thread would."""

    def __init__(self) -> None:
        self.deliver: Callable[[bytes], None] | None = None

    def open(self, deliver: Callable[[bytes], None]) -> None:
        self.deliver = deliver

    def close(self) -> None:
        self.deliver = None

    def say(self, data: array[int]) -> None:
        assert self.deliver is not None, "the meter is not listening"
        for start in range(0, len(data), 1600):  # 0.1 s buffers
            self.deliver(data[start : start + 1600].tobytes())


class NoMicrophone:
    def open(self, deliver: Callable[[bytes], None]) -> None:
        raise MicrophoneMissing("no input device")

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if missing := missing_tools():
        pytest.fail(f"the pace meter's tests need {' and '.join(missing)}: run `make system-deps`")
    return tmp_path_factory.mktemp("speech")


def talk(
    app: SpeakerApp, mic: FileMicrophone, clock: FakeClock, speech: array[int], s: int
) -> None:
    """``s`` seconds of ``speech`` (looped) into the microphone, the meter judging each second."""
    looped = speech * (s * RATE // len(speech) + 1)
    for second in range(s):
        mic.say(looped[second * RATE : (second + 1) * RATE])
        clock.advance(1.0)
        app.meter.poll()  # what its once-a-second timer does (the clock is fake)


def hints(app: SpeakerApp) -> dict[str, bool]:
    shown = {}
    for name, window in (("console", app.console), ("overlay", app.overlay), ("stage", app.stage)):
        found = window.findChildren(PaceHint)
        shown[name] = any(hint.isVisibleTo(window) for hint in found)
    return shown


@speaker_test
async def test_fast_speech_for_twenty_seconds_says_slow_down_in_console_and_overlay(
    invites: RoomInvites,
    speakers: Speakers,
    clock: FakeClock,
    speech_dir: Path,
    settings_path: Path,
) -> None:
    mic = FileMicrophone()
    app = await speakers.start(invites.speakers[SLOT], microphone=mic)
    assert app.meter.state is MeterState.OFF and mic.deliver is None  # off by default
    app.act("pace.meter")  # L, or the Timer menu's item
    assert app.meter.state is MeterState.LISTENING
    assert app.console.menu_actions["pace.meter"].isChecked()
    fast = samples(speech_file(speech_dir, "en", FAST_WPM))
    talk(app, mic, clock, fast, int(FAST_SECONDS) - 4)
    assert app.meter.rate is not None and app.meter.rate > FAST_RATE
    assert hints(app) == {"console": False, "overlay": False, "stage": False}  # not yet
    talk(app, mic, clock, fast, 12)
    assert hints(app) == {"console": True, "overlay": True, "stage": False}
    assert "syllables/s" in app.console.statusBar().findChildren(QObject, "paceStatus")[0].text()
    app.save_settings()
    assert SettingsStore.for_speaker(settings_path).load().pace_meter  # remembered
    app.act("pace.meter")
    assert app.meter.state is MeterState.OFF and mic.deliver is None
    assert not any(hints(app).values())


@speaker_test
async def test_slow_speech_never_says_slow_down(
    invites: RoomInvites, speakers: Speakers, clock: FakeClock, speech_dir: Path
) -> None:
    mic = FileMicrophone()
    app = await speakers.start(invites.speakers[SLOT], microphone=mic)
    app.set_pace_meter(True)
    talk(app, mic, clock, samples(speech_file(speech_dir, "ja", SLOW_WPM)), 40)
    assert app.meter.rate is not None and app.meter.rate < FAST_RATE
    assert not any(hints(app).values())


@speaker_test
async def test_with_no_microphone_the_option_says_so_and_stays_off(
    invites: RoomInvites, speakers: Speakers
) -> None:
    app = await speakers.start(invites.speakers[SLOT], microphone=NoMicrophone())
    app.act("pace.meter")
    assert app.meter.state is MeterState.NO_MICROPHONE
    assert not app.console.menu_actions["pace.meter"].isChecked()
    assert not app.settings.pace_meter
    status = app.console.findChild(QObject, "paceStatus")
    assert status is not None and "no microphone" in status.text()  # type: ignore[attr-defined]


@speaker_test
async def test_a_rehearsal_the_meter_heard_keeps_the_speakers_own_rate_as_the_reference(
    invites: RoomInvites,
    clients: Clients,
    speakers: Speakers,
    clock: FakeClock,
    speech_dir: Path,
    deck_path: Path,
    tmp_path: Path,
) -> None:
    store = RehearsalStore(tmp_path / "rehearsals")
    mic = FileMicrophone()
    app = await speakers.start(
        invites.speakers[SLOT], deck=deck_path, rehearsals=store, rehearse=True, microphone=mic
    )
    app.set_pace_meter(True)
    assert app.meter.reference is None  # no rehearsal heard yet: the general limit
    host = await clients.join(invites.host)
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
    slow = samples(speech_file(speech_dir, "en", SLOW_WPM))
    talk(app, mic, clock, slow, 30)
    app.act("slide.next")
    app.act("rehearse.toggle")  # the rehearsal ends and is kept, with the rate heard
    (kept,) = store.load(deck_key(deck_path))
    assert kept.speech_rate == pytest.approx(heard_rate(slow), rel=0.2)
    assert app.meter.reference == pytest.approx(kept.speech_rate, abs=0.001)
    again = await speakers.start(
        invites.speakers[SLOT], deck=deck_path, rehearsals=store, microphone=FileMicrophone()
    )
    assert again.meter.reference == pytest.approx(kept.speech_rate, abs=0.001)
