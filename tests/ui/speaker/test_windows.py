"""Each speaker window against a real relay: cues, acknowledgements, the countdown, the link."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kanpe.core.countdown import Phase, TimerStatus
from kanpe.core.model import CueKind
from kanpe.core.protocol import AdjustTimer, PauseTimer, SendCue, StartTimer
from kanpe.net.link import LinkStatus, wait_for_state
from kanpe.net.relay import Relay, RoomInvites
from kanpe.ui.cuecard import CueCard
from kanpe.ui.speaker.app import SpeakerApp
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, FakeClock, Speakers, speaker_test

SLOT = "talk-1"


def texts(window: QWidget) -> list[str]:
    """Every piece of text a window's labels show."""
    return [label.text() for label in window.findChildren(QLabel)]


def shown(app: SpeakerApp) -> tuple[str, str, str]:
    """The countdown text as the console, the overlay and the stage badge paint it."""
    return (
        app.console.face.ticker.text,
        app.overlay.face.ticker.text,
        app.stage.badge.ticker.text,
    )


def expected(app: SpeakerApp) -> tuple[str, Phase]:
    countdown = app.model.countdown()
    now = app.model.relay_now()
    assert countdown is not None and now is not None
    thresholds = app.model.thresholds()
    return countdown.text_at(now), countdown.phase_at(now, thresholds)


def fire(app: SpeakerApp) -> None:
    """What the ticker's single-shot timer does when it fires (the clock is fake)."""
    app.ticker.refresh()


@speaker_test
async def test_a_cue_shows_in_console_and_overlay_and_never_on_stage(
    invites: RoomInvites, clients: Clients, speakers: Speakers, deck_path: Path
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    app.set_overlay_visible(True)
    secret = "Wrap up: two minutes, then questions"
    await host.command(
        SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.WRAP, text=secret, flash=True)
    )
    await eventually(lambda: app.console.cue.text.text() == secret)
    assert app.overlay.cue_label.text() == secret and app.overlay.cue_label.isVisible()
    assert app.console.cue.flash.flashing and app.overlay.flash.flashing
    assert app.console.cue.flash is app.overlay.flash  # one blink: both windows light together
    assert app.console.cue.button.isVisible()
    assert not any(secret in text for text in texts(app.stage))
    assert not app.stage.findChildren(CueCard)
    assert app.stage.grab().toImage() is not None  # paints without a cue card in it
    # The audience, too, is never sent the cue: the stage could not show it even by mistake.
    audience = await clients.join(invites.audience)
    assert audience.state is not None and audience.state.slots[SLOT].cue is None


@speaker_test
async def test_got_it_reaches_the_host(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    app.set_overlay_visible(True)
    height = app.overlay.height()
    await host.command(SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.TIME, text="5 min"))
    await eventually(app.console.cue.button.isVisible)
    assert app.overlay.height() > height  # the overlay grows a line for the cue
    app.console.cue.button.click()
    state = await wait_for_state(host, lambda s: s.slots[SLOT].cue.acked_at is not None)  # type: ignore[union-attr]
    cue = state.slots[SLOT].cue
    assert cue is not None and cue.text == "5 min"
    await eventually(lambda: not app.console.cue.button.isVisible())
    assert "Acknowledged" in app.console.cue.status.text()
    assert not app.overlay.cue_label.isVisible()  # an acknowledged cue leaves the overlay
    assert app.overlay.height() == height  # and gives its line back
    assert not app.console.cue.flash.flashing


@speaker_test
async def test_g_key_acknowledges_too(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    await host.command(SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.FLASH))
    await eventually(lambda: app.model.cue() is not None)
    QTest.keyClick(app.console, Qt.Key.Key_G)
    await wait_for_state(host, lambda s: s.slots[SLOT].cue.acked_at is not None)  # type: ignore[union-attr]


@speaker_test
async def test_every_window_shows_the_links_countdown_at_every_instant(
    invites: RoomInvites, clients: Clients, speakers: Speakers, clock: FakeClock
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    app.set_stage_badge(True)
    assert shown(app) == ("25:00",) * 3 and not app.ticker.armed  # idle: nothing scheduled
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
    # Walk through the talk: every phase, and each step checks what is shown and what is armed.
    for step in (0.25, 0.5, 0.999, 1.0, 59.3, 600, 597.5, 1.2, 241.7, 0.6, 58.4, 0.2, 0.9, 65.05):
        clock.advance(step)
        fire(app)
        text, phase = expected(app)
        assert shown(app) == (text,) * 3
        assert app.ticker.phase is phase
        countdown, now = app.model.countdown(), app.model.relay_now()
        assert countdown is not None and now is not None
        change = countdown.next_change(now)
        assert change is not None
        # One single-shot timer, armed for the next change of the text, not a periodic tick.
        assert app.ticker.armed
        assert app.ticker.interval_ms == math.ceil((change - now) * 1000) + 1
        assert app.ticker.interval_ms <= 1001
    assert app.ticker.phase is Phase.OVERTIME and shown(app)[0].startswith("-")
    assert app.console.face.phase_text() == "OVERTIME"
    # The host takes time away and pauses: the windows follow the link, not their own count.
    await host.command(AdjustTimer(id=host.new_id(), slot=SLOT, seconds=600))
    await eventually(
        lambda: shown(app)[0] == expected(app)[0] and app.ticker.phase is not Phase.OVERTIME
    )
    await host.command(PauseTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.PAUSED)
    assert not app.ticker.armed  # paused: nothing changes until someone acts
    assert app.console.face.status_line() == "Paused"
    clock.advance(30)
    fire(app)
    assert shown(app)[0] == expected(app)[0]


@speaker_test
async def test_phases_differ_in_label_and_shape_not_only_colour(
    invites: RoomInvites, clients: Clients, speakers: Speakers, clock: FakeClock
) -> None:
    from kanpe.ui.phases import LOOKS

    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
    labels, shapes = set(), set()
    for remaining in (1000, 200, 30, -5):
        countdown = app.model.countdown()
        now = app.model.relay_now()
        assert countdown is not None and now is not None
        clock.advance(countdown.remaining_at(now) - remaining)
        fire(app)
        labels.add(app.console.face.phase_text())
        shapes.add(LOOKS[app.ticker.phase].shape)
    assert labels == {"ON TIME", "WARNING", "FINAL MINUTES", "OVERTIME"}
    assert len(shapes) == 4


@speaker_test
async def test_offline_keeps_counting_from_the_last_deadline_and_says_so(
    relay: Relay, invites: RoomInvites, clients: Clients, speakers: Speakers, clock: FakeClock
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    app.set_overlay_visible(True)
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
    clock.advance(10)
    fire(app)
    before, remaining = app.ticker.text, app.ticker.remaining
    assert remaining is not None
    assert "Online" in app.console.link_status.text()
    await relay.stop()
    await eventually(lambda: app.model.status is LinkStatus.OFFLINE)
    assert "Offline since" in app.console.link_status.text()
    assert app.console.face.alert == "Offline" and app.overlay.face.alert == "Offline"
    clock.advance(95)
    fire(app)
    assert app.ticker.text == expected(app)[0] != before
    assert app.ticker.remaining == pytest.approx(remaining - 95)  # from the last deadline
    assert app.ticker.text == "23:15"  # 1500 - 10 - 95
    assert app.ticker.armed


@speaker_test
async def test_status_bar_shows_latency_online(invites: RoomInvites, speakers: Speakers) -> None:
    app = await speakers.start(invites.speakers[SLOT])
    assert app.model.status is LinkStatus.ONLINE
    assert app.console.link_status.text().startswith("● Online")
    assert "ms" in app.console.link_status.text()


@speaker_test
async def test_the_stage_feed_shows_chat_as_plain_text_reactions_in_bursts_and_the_pinned_question(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    from kanpe.core.protocol import AskQuestion, ModerateQuestion, React, SendChat

    host = await clients.join(invites.host)
    audience = await clients.join(invites.audience)
    app = await speakers.start(invites.speakers[SLOT])
    markup = "<b>bold?</b> <a href='x'>link</a> &amp;"
    await audience.command(SendChat(id=audience.new_id(), name="Ben", text=markup))
    for _ in range(12):
        await audience.command(React(id=audience.new_id(), emoji="👏"))
    await audience.command(React(id=audience.new_id(), emoji="🎉"))
    await audience.command(AskQuestion(id=audience.new_id(), text="How does it <i>drift</i>?"))
    state = await wait_for_state(host, lambda s: bool(s.questions))
    question = next(iter(state.questions))
    await host.command(ModerateQuestion(id=host.new_id(), question=question, pinned=True))
    await eventually(lambda: app.stage.feed.pinned_text() == "How does it <i>drift</i>?")
    await eventually(lambda: app.chat.rowCount() == 1)
    assert app.chat.messages()[0].text == markup
    assert app.stage.feed.pinned.text.textFormat() == Qt.TextFormat.PlainText
    await eventually(lambda: app.stage.feed.reactions.chip_texts() == ["👏 ×12", "🎉 ×1"])


@speaker_test
async def test_a_new_rundown_during_the_talk_moves_the_phase_thresholds_and_the_title(
    invites: RoomInvites, clients: Clients, speakers: Speakers, clock: FakeClock
) -> None:
    from kanpe.core.protocol import SetRundown
    from kanpe.core.rundown import Rundown, Slot

    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
    clock.advance(20)
    fire(app)
    assert app.ticker.phase is Phase.NORMAL  # 24:40 left, warning at 5:00
    # The host moves the warning to 24:50 and retitles the talk; the running timer stays as it is.
    rundown = Rundown(
        title="Test night",
        slots=(
            Slot(id=SLOT, speaker="Aiko", title="Clocks", duration=1500, warning=1490, final=60),
        ),
    )
    await host.command(SetRundown(id=host.new_id(), rundown=rundown))
    await eventually(lambda: app.model.thresholds().warning == 1490)
    await eventually(lambda: app.ticker.phase is Phase.WARNING)
    assert app.console.title.text() == "Clocks"
    assert app.ticker.text == expected(app)[0] and app.ticker.phase is expected(app)[1]


def test_the_link_status_shows_the_relays_reason_as_plain_text(qtbot: QtBot) -> None:
    from kanpe.ui.speaker.console import PresenterConsole
    from kanpe.ui.ticker import CountdownTicker

    console = PresenterConsole(QWidget(), QWidget(), CountdownTicker(lambda: None))
    qtbot.addWidget(console)
    # The reason comes from the relay, over the network: never rendered as markup.
    console.set_link_status("failed", "✕ The relay refused this link: <img src='x'><b>no</b>")
    assert console.link_status.textFormat() == Qt.TextFormat.PlainText


@speaker_test
async def test_quitting_stops_a_flashing_cue(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    """Nothing may wake up once the loop under the link has stopped: the blink neither."""
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    await host.command(
        SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.WRAP, text="wrap", flash=True)
    )
    await eventually(lambda: app.flash.flashing)
    app.quit()
    assert not app.flash.flashing


@speaker_test
async def test_a_connection_check_is_answered_without_a_key(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    await host.command(SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.CHECK))
    state = await wait_for_state(host, lambda s: s.slots[SLOT].check.acked_at is not None)  # type: ignore[union-attr]
    check = state.slots[SLOT].check
    assert check is not None and check.round_trip is not None
    await eventually(lambda: app.console.cue.text.text() != "")
    assert "connection" in app.console.cue.text.text()


@speaker_test
async def test_a_refused_link_is_said_in_the_apps_words_not_the_relays(
    invites: RoomInvites, speakers: Speakers
) -> None:
    from kanpe.core.links import parse_link
    from kanpe.net.link import LinkClient
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel
    from tests.net.conftest import fast_backoff
    from tests.ui.speaker.conftest import CLEANUPS

    invite = parse_link(invites.speakers["talk-1"])
    unknown = f"{invite.base}/speak/{invite.room}#{'x' * 32}"  # well formed, never issued
    client = LinkClient(unknown, backoff=fast_backoff)
    CLEANUPS.append(client.close)
    await client.start()
    await eventually(lambda: client.status is LinkStatus.FAILED)
    assert client.failure  # the relay's own words, kept for the log
    app = SpeakerApp(
        SpeakerSlotModel.following(client),
        settings=SettingsStore.for_speaker(speakers.settings_path),
        solo=False,
    )
    CLEANUPS.append(lambda: _quit(app))
    status = app.console.link_status.text()
    assert "does not know this invite link" in status
    assert client.failure not in status


async def _quit(app: SpeakerApp) -> None:
    app.quit()
