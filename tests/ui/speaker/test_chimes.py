"""The threshold chimes: in the console only, off by default, once per threshold, remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kanpe.core.chimes import Chime
from kanpe.core.countdown import TimerStatus
from kanpe.core.protocol import AdjustTimer, StartTimer
from kanpe.net.relay import RoomInvites
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.chimes import MiniaudioOutput
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, FakeClock, Speakers, speaker_test

SLOT = "talk-1"


class Recorder:
    """A SoundOutput that keeps what it was asked to play."""

    def __init__(self) -> None:
        self.played: list[Chime] = []

    def play(self, chime: Chime) -> None:
        self.played.append(chime)

    def close(self) -> None:
        pass


def walk(app: SpeakerApp, clock: FakeClock, remaining: list[float]) -> None:
    """Move the fake clock to each ``remaining`` in turn and let the ticker repaint there."""
    for left in remaining:
        countdown, now = app.model.countdown(), app.model.relay_now()
        assert countdown is not None and now is not None
        clock.advance(countdown.remaining_at(now) - left)
        app.ticker.refresh()  # what its single-shot timer does when it fires


#: Through a 25-minute slot (warning at 5:00, final at 1:00), several repaints in each phase.
THROUGH_THE_TALK = [1400, 600, 301, 300, 299, 200, 100, 61, 60, 59, 30, 1, 0.5, -0.5, -2, -60]


@speaker_test
async def test_each_threshold_chimes_once_and_only_when_chosen(
    invites: RoomInvites, clients: Clients, speakers: Speakers, clock: FakeClock
) -> None:
    host = await clients.join(invites.host)
    output = Recorder()
    app = await speakers.start(invites.speakers[SLOT], sound_output=output)
    assert not app.settings.threshold_sound and not app.sounds.enabled  # off by default
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
    walk(app, clock, [1400, 290, 50])
    assert output.played == []

    await host.command(AdjustTimer(id=host.new_id(), slot=SLOT, seconds=1400))
    await eventually(lambda: (app.ticker.remaining or 0) > 1000)
    app.act("sound.thresholds")  # V, or the Timer menu's item
    assert app.sounds.enabled and app.console.menu_actions["sound.thresholds"].isChecked()
    walk(app, clock, THROUGH_THE_TALK)
    assert output.played == [Chime.WARNING, Chime.FINAL, Chime.TIME_UP]

    # Time given back by the host: the final threshold is crossed again, and chimes again.
    await host.command(AdjustTimer(id=host.new_id(), slot=SLOT, seconds=180))
    await eventually(lambda: (app.ticker.remaining or 0) > 100)
    walk(app, clock, [90, 61, 59, 10])
    assert output.played == [Chime.WARNING, Chime.FINAL, Chime.TIME_UP, Chime.FINAL]


@speaker_test
async def test_the_choice_is_remembered(
    invites: RoomInvites, speakers: Speakers, settings_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], sound_output=Recorder())
    app.set_threshold_sound(True)
    app.save_settings()
    assert SettingsStore.for_speaker(settings_path).load().threshold_sound
    again = await speakers.start(invites.speakers[SLOT], sound_output=Recorder())
    assert again.sounds.enabled
    assert again.console.menu_actions["sound.thresholds"].isChecked()


def test_miniaudio_plays_each_chime_on_a_real_device_and_closes_it(qtbot: QtBot) -> None:
    # miniaudio's own null device: the real library, its real playback thread and callbacks,
    # on any machine (this one has no sound card).
    owner = QObject()
    output = MiniaudioOutput(backends=("null",), parent=owner)
    for chime in Chime:
        with qtbot.waitSignal(output.played, timeout=5000) as played:
            output.play(chime)
        assert played.args == [str(chime)]
    assert output._devices == []
