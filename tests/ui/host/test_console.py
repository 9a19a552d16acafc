"""The host console with real speaker apps on a real relay: cues, "Got it", timers, presence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kanpe.core.clockface import TimerStatus
from kanpe.ui.host.console import HostConsole
from tests.support.waiting import eventually
from tests.ui.host.conftest import FakeClock, Hosts, Night, host_test
from tests.ui.speaker.conftest import Speakers

SLOT = "talk-1"


def card_text(console: HostConsole, slot: str) -> str:
    card = console.window.cards.cards[slot]
    labels = (card.presence, card.link_facts, card.slide, card.cue, card.cue_state)
    return " | ".join(label.text() for label in labels)


@host_test
async def test_wrap_up_reaches_the_speaker_and_got_it_comes_back(
    night: Night, hosts: Hosts, speakers: Speakers, deck_path: Path
) -> None:
    console = await hosts.start(night.invites.host)
    speaker = await speakers.start(night.invites.speakers[SLOT], deck=deck_path)
    speaker.set_overlay_visible(True)
    console.select(SLOT)
    assert console.window.cues.slot() == SLOT
    button = console.window.cues.preset_button("Please wrap up")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    await eventually(lambda: speaker.console.cue.text.text() == "Please wrap up")
    assert speaker.overlay.cue_label.text() == "Please wrap up"
    await eventually(lambda: "not acknowledged yet" in card_text(console, SLOT))
    QTest.keyClick(speaker.console, Qt.Key.Key_G)
    await eventually(lambda: "Got it at" in card_text(console, SLOT))
    assert "“Please wrap up”" in card_text(console, SLOT)
    # "Take it down" clears the speaker's card.
    QTest.mouseClick(console.window.cues.take_down, Qt.MouseButton.LeftButton)
    await eventually(lambda: speaker.model.cue() is None)
    await eventually(lambda: "No cue showing" in card_text(console, SLOT))


@host_test
async def test_start_pause_and_a_minute_more_move_the_speakers_countdown(
    night: Night, hosts: Hosts, speakers: Speakers, deck_path: Path
) -> None:
    console = await hosts.start(night.invites.host)
    speaker = await speakers.start(night.invites.speakers[SLOT], deck=deck_path)
    card = console.window.cards.cards[SLOT]
    QTest.mouseClick(card.start, Qt.MouseButton.LeftButton)
    await eventually(lambda: speaker.ticker.status is TimerStatus.RUNNING)
    # The host's own link may hear of it a moment after the speaker's: wait for it too.
    await eventually(lambda: card.ticker.status is TimerStatus.RUNNING)
    await eventually(lambda: card.start.text() == "Pause")
    QTest.mouseClick(card.start, Qt.MouseButton.LeftButton)  # now "Pause"
    await eventually(lambda: speaker.ticker.status is TimerStatus.PAUSED)
    assert speaker.ticker.text == "25:00"
    QTest.mouseClick(card.buttons["plus_minute"], Qt.MouseButton.LeftButton)
    await eventually(lambda: speaker.ticker.text == "26:00")
    assert card.ticker.text == "26:00"  # the host sees what the speaker sees
    QTest.mouseClick(card.buttons["minus_ten"], Qt.MouseButton.LeftButton)
    await eventually(lambda: speaker.ticker.text == "25:50")
    QTest.mouseClick(card.reset, Qt.MouseButton.LeftButton)
    await eventually(lambda: speaker.ticker.status is TimerStatus.IDLE)


@host_test
async def test_shortcuts_act_on_the_talk_on_stage(
    night: Night, hosts: Hosts, speakers: Speakers, deck_path: Path
) -> None:
    console = await hosts.start(night.invites.host)
    speaker = await speakers.start(night.invites.speakers[SLOT], deck=deck_path)
    window = console.window
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_Space)  # nothing on stage yet: says so, sends nothing
    await eventually(lambda: any("No talk is on stage" in t for t in window.notices.texts()))
    console.actions.put_on_stage(SLOT)
    await eventually(lambda: console.room.current() == SLOT)
    QTest.keyClick(window, Qt.Key.Key_Space)
    await eventually(lambda: speaker.ticker.status is TimerStatus.RUNNING)
    QTest.keyClick(window, Qt.Key.Key_Space)
    await eventually(lambda: speaker.ticker.status is TimerStatus.PAUSED)
    QTest.keyClick(window, Qt.Key.Key_Plus)
    await eventually(lambda: speaker.ticker.text == "26:00")
    QTest.keyClick(window, Qt.Key.Key_W)
    await eventually(lambda: speaker.console.cue.text.text() == "Please wrap up")
    QTest.keyClick(window, Qt.Key.Key_X)
    await eventually(lambda: speaker.model.cue() is None)
    QTest.keyClick(window, Qt.Key.Key_Question)
    assert window.help.isVisible()
    assert any("Next talk" in line for line in window.help.lines())


@host_test
async def test_a_speaker_going_offline_and_back_shows_in_the_card(
    night: Night, hosts: Hosts, speakers: Speakers, deck_path: Path
) -> None:
    console = await hosts.start(night.invites.host)
    speaker = await speakers.start(night.invites.speakers[SLOT], deck=deck_path)
    await eventually(lambda: "Online" in card_text(console, SLOT))
    await eventually(lambda: "Slide 1 / 8" in card_text(console, SLOT))
    card_facts = console.window.cards.cards[SLOT].link_facts.text()
    assert card_facts.startswith("kanpe-speaker")  # its app, as its hello named it
    # The test relay's wall clock is fixed in 2025; the speaker's is this machine's: flagged.
    facts = console.window.cards.cards[SLOT].link_facts
    await eventually(lambda: "▲ clock +" in facts.text() and " h off" in facts.text())
    assert facts.property("flag") is True
    card = console.window.cards.cards[SLOT]
    assert card.property("state") == "online"
    speaker.quit()
    await speaker.model.room.link.close()
    await eventually(lambda: "Offline" in card_text(console, SLOT))
    assert card.property("state") == "offline"
    assert card.face.alert == "Offline"
    again = await speakers.start(night.invites.speakers[SLOT], deck=deck_path)
    await eventually(lambda: "Online" in card_text(console, SLOT))
    assert again.model.room.role is not None


@host_test
async def test_auto_cue_switches_per_talk_reach_the_relay(night: Night, hosts: Hosts) -> None:
    console = await hosts.start(night.invites.host)
    card = console.window.cards.cards["lt-1"]
    assert all(box.isChecked() for box in card.auto.values())  # on by default
    card.auto["final"].click()
    await eventually(lambda: not night.state().slots["lt-1"].auto_cues.final)
    slot = night.state().slots["lt-1"]
    assert slot.auto_cues.warning and slot.auto_cues.time_up
    await eventually(lambda: not card.auto["final"].isChecked())
    card.self_timer.click()
    await eventually(lambda: night.state().slots["lt-1"].self_timer)


@host_test
async def test_next_talk_starts_the_next_one_and_the_strip_says_how_late_we_run(
    night: Night, hosts: Hosts, clock: FakeClock
) -> None:
    console = await hosts.start(night.invites.host)
    window = console.window
    console.actions.put_on_stage("talk-1")
    console.actions.start("talk-1")
    await eventually(lambda: console.room.slot("talk-1").timer.running)  # type: ignore[union-attr]
    console._follow_cards()
    assert window.lateness.text.text().startswith("On time")
    clock.advance(25 * 60 + 4 * 60)  # four minutes over
    console._follow_cards()
    assert window.lateness.text.text().startswith("Running 4 min behind")
    assert window.lateness.property("state") == "behind"
    window.rundown.next_starts.setChecked(True)
    window.rundown.next_button.click()
    await eventually(lambda: night.state().current == "talk-2")
    await eventually(lambda: night.state().slots["talk-2"].timer.running)
    assert night.state().slots["talk-1"].ended is not None
    await eventually(lambda: console.window.rundown.table.current == "talk-2")
    assert "Rafael" in window.on_stage.text()
