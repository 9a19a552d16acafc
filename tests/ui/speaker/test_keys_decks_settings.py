"""Keyboard first, bad decks, solo timing and remembered preferences."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from kanpe.app import SOLO_SLOT, solo_room
from kanpe.core.countdown import TimerStatus
from kanpe.core.protocol import StartTimer
from kanpe.net.link import wait_for_state
from kanpe.net.relay import RoomInvites
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.app import SpeakerApp
from tests.support import bad_decks as deckgen
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, Speakers, speaker_test

SLOT = "talk-1"


@speaker_test
async def test_clicker_keys_move_every_view_and_the_host_learns_the_slide(
    invites: RoomInvites, clients: Clients, speakers: Speakers, deck_path: Path
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    await wait_for_state(host, lambda s: (s.slots[SLOT].page, s.slots[SLOT].pages) == (1, 8))
    for window, key, page in (
        (app.stage, Qt.Key.Key_PageDown, 2),
        (app.console, Qt.Key.Key_Right, 3),
        (app.console, Qt.Key.Key_Space, 4),
        (app.stage, Qt.Key.Key_Down, 5),
        (app.stage, Qt.Key.Key_PageUp, 4),
        (app.console, Qt.Key.Key_Left, 3),
        (app.console, Qt.Key.Key_End, 8),
        (app.console, Qt.Key.Key_PageDown, 8),
        (app.console, Qt.Key.Key_Home, 1),
    ):
        QTest.keyClick(window, key)
        assert app.deck.page == page
        assert app.deck.stage_view.page_index() == page - 1
        assert app.deck.console_view.page_index() == page - 1
    assert app.console.slide_number.text() == "Slide 1 / 8"
    # A fast run of flips: the host gets the page the speaker settled on.
    for _ in range(5):
        QTest.keyClick(app.stage, Qt.Key.Key_PageDown)
    await wait_for_state(host, lambda s: s.slots[SLOT].page == 6)
    await eventually(lambda: app.reporter.acknowledged == (6, 8))


@speaker_test
async def test_window_keys_blank_full_screen_overlay_click_through_and_help(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    QTest.keyClick(app.console, Qt.Key.Key_B)
    assert app.deck.blank and app.deck.stage_view.is_blank()
    assert not app.deck.console_view.is_blank()  # the speaker still sees their slide
    QTest.keyClick(app.stage, Qt.Key.Key_B)
    assert not app.deck.blank
    QTest.keyClick(app.console, Qt.Key.Key_F)
    assert app.stage.windowState() & Qt.WindowState.WindowFullScreen
    QTest.keyClick(app.console, Qt.Key.Key_F)
    assert not app.stage.windowState() & Qt.WindowState.WindowFullScreen
    QTest.keyClick(app.console, Qt.Key.Key_O)
    assert app.overlay.isVisible()
    flags = app.overlay.windowFlags()
    for flag in (
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.Tool,
    ):
        assert flags & flag
    assert app.overlay.testAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    # A Tool window is an NSPanel on macOS, hidden whenever Kanpe is not the active app, which
    # is all the time the speaker presents from Keynote or PowerPoint over it.
    assert app.overlay.testAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow)
    QTest.keyClick(app.console, Qt.Key.Key_T)
    assert app.overlay.windowFlags() & Qt.WindowType.WindowTransparentForInput
    assert app.overlay.isVisible() and app.console.menu_actions["overlay.click_through"].isChecked()
    QTest.keyClick(app.console, Qt.Key.Key_T)  # the way back
    assert not app.overlay.windowFlags() & Qt.WindowType.WindowTransparentForInput
    QTest.keyClick(app.console, Qt.Key.Key_O)
    assert not app.overlay.isVisible()
    QTest.keyClick(app.console, Qt.Key.Key_C)
    assert app.stage.badge.isVisible()
    QTest.keyClick(app.console, Qt.Key.Key_Question)
    assert app.console.help.isVisible()
    lines = app.console.help.lines()
    for needle in ("Next slide", "Blank the stage", "Stage full screen", "overlay", "Start"):
        assert any(needle in line for line in lines), needle
    QTest.keyClick(app.console, Qt.Key.Key_PageDown)  # any key closes help, and only that
    assert not app.console.help.isVisible() and app.deck.page == 1


@speaker_test
async def test_s_is_refused_when_the_host_runs_the_timer(
    invites: RoomInvites, speakers: Speakers
) -> None:
    app = await speakers.start(invites.speakers[SLOT])
    QTest.keyClick(app.console, Qt.Key.Key_S)
    assert app.console.notices.texts() == ["The host runs your timer."]
    QTest.keyClick(app.console, Qt.Key.Key_S)  # said again: still once
    assert app.console.notices.texts() == ["The host runs your timer."]
    assert app.ticker.status is TimerStatus.IDLE


@speaker_test
async def test_solo_mode_s_starts_and_pauses_through_the_relay(
    tmp_path: Path, speakers: Speakers
) -> None:
    async with solo_room(5, title="Practice", data_dir=tmp_path / "solo") as room:
        app = await speakers.start(room.speaker_link, solo=True)
        assert app.model.self_timer() and app.ticker.text == "05:00"
        assert app.console.face.status_line() == "Press S to start"
        QTest.keyClick(app.stage, Qt.Key.Key_S)
        await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
        state = room.relay.rooms[room.invites.room].state
        assert state.slots[SOLO_SLOT].timer.running  # the relay holds the truth
        QTest.keyClick(app.console, Qt.Key.Key_S)
        await eventually(lambda: app.ticker.status is TimerStatus.PAUSED)
        app.quit()
        await app.model.room.link.close()


BAD_DECKS = {
    "missing": (lambda p: p, "There is no file"),
    "not a pdf": (deckgen.write_not_pdf, "is not a PDF"),
    "encrypted": (deckgen.write_encrypted_pdf, "password"),
    "zero pages": (deckgen.write_zero_page_pdf, "has no pages"),
    "truncated": (deckgen.write_truncated_pdf, "damaged"),
    "500 MB": (lambda p: deckgen.write_oversized_pdf(p, 500 * 1024 * 1024), "too large"),
}


@pytest.mark.parametrize("kind", list(BAD_DECKS))
@speaker_test
async def test_a_bad_deck_says_why_and_the_app_stays_usable(
    kind: str, invites: RoomInvites, speakers: Speakers, deck_path: Path, tmp_path: Path
) -> None:
    make, words = BAD_DECKS[kind]
    bad = make(tmp_path / "talk.pdf")
    app = await speakers.start(invites.speakers[SLOT])
    assert not app.open_deck(bad)
    message = app.deck.console_view.message() or ""
    assert words in message and "Ctrl+O" in message
    assert app.console.deck_message and words in app.console.deck_message
    stage = app.deck.stage_view.message() or ""
    assert str(tmp_path) not in stage  # no paths or error details on the shared window
    app.console.grab()
    app.stage.grab()
    assert app.open_deck(deck_path)  # open another deck: it works
    assert app.deck.pages == 8 and app.deck.console_view.message() is None
    QTest.keyClick(app.console, Qt.Key.Key_PageDown)
    assert app.deck.page == 2


@speaker_test
async def test_preferences_are_remembered(
    invites: RoomInvites, speakers: Speakers, settings_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT])
    app.stage.resize(1500, 800)
    app.stage.splitter.setSizes([900, 600])
    app.stage.splitter.splitterMoved.emit(900, 1)
    app.set_feed_font(20)
    app.set_stage_badge(True)
    app.set_overlay_visible(True)
    app.overlay.setGeometry(QRect(40, 50, 320, 160))
    app.set_click_through(True)
    app.save_settings()
    saved = SettingsStore.for_speaker(settings_path).load()
    assert saved.split == pytest.approx(0.6, abs=0.01)
    assert (saved.feed_font, saved.stage_countdown, saved.overlay_click_through) == (20, True, True)
    assert saved.overlay is not None and (saved.overlay.width, saved.overlay.height) == (320, 160)
    app.quit()
    again = await speakers.start(invites.speakers[SLOT])
    assert again.stage.split == pytest.approx(0.6, abs=0.01)
    assert again.stage.badge.isVisible() and again.overlay.isVisible()
    assert again.overlay.click_through
    assert (again.overlay.width(), again.overlay.height()) == (320, 160)


CORRUPT = b"[stage]\nsplit = = 0.5\n\x00garbage"


@pytest.fixture
def corrupt_settings(settings_path: Path) -> Path:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_bytes(CORRUPT)
    return settings_path


def _contents(path: Path) -> bytes:
    return path.read_bytes()


@speaker_test
async def test_a_corrupt_settings_file_is_kept_and_reported(
    invites: RoomInvites, speakers: Speakers, corrupt_settings: Path
) -> None:
    settings_path = corrupt_settings
    app = await speakers.start(invites.speakers[SLOT])
    (shown,) = app.console.notices.texts()
    assert "Settings not saved" in shown and str(settings_path) in shown
    app.set_feed_font(30)
    app.save_settings()
    app.quit()
    assert _contents(settings_path) == CORRUPT


@speaker_test
async def test_a_held_key_toggles_once_and_a_held_clicker_keeps_flipping(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)

    def hold(key: Qt.Key, repeats: int) -> None:
        """A key held down: one press, then the keyboard's auto-repeated presses."""
        for repeat in range(repeats + 1):
            press = QKeyEvent(
                QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, "", repeat > 0
            )
            QApplication.sendEvent(app.console, press)

    hold(Qt.Key.Key_B, 3)
    assert app.deck.blank  # not blanked and unblanked on and off, flickering the stage
    hold(Qt.Key.Key_F, 2)
    assert app.stage.windowState() & Qt.WindowState.WindowFullScreen
    hold(Qt.Key.Key_PageDown, 3)
    assert app.deck.page == 5


@speaker_test
async def test_quitting_before_the_network_starts_ends_the_app(
    invites: RoomInvites, settings_path: Path
) -> None:
    import asyncio

    from kanpe.app import connect
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    # The speaker closes the stage while Qt's own loop waits for its first paint (run_speaker),
    # before connect() is listening for ``finished``.
    model = SpeakerSlotModel()
    app = SpeakerApp(model, settings=SettingsStore.for_speaker(settings_path), solo=False)
    app.quit()
    status = await asyncio.wait_for(
        connect(app, model, join=invites.speakers[SLOT], minutes=1, title=""), 5
    )
    assert status == 0


@speaker_test
async def test_an_overlay_left_on_a_screen_since_unplugged_comes_back_on_screen(
    invites: RoomInvites, speakers: Speakers, settings_path: Path
) -> None:
    from PySide6.QtGui import QGuiApplication

    from kanpe.storage.settings import OverlayGeometry, SpeakerSettings

    # Saved at home with a second monitor to the right; at the meetup only the laptop's screen.
    saved = SpeakerSettings(overlay=OverlayGeometry(4000, 300, 320, 160), overlay_visible=True)
    SettingsStore.for_speaker(settings_path).save(saved)
    app = await speakers.start(invites.speakers[SLOT])
    assert app.overlay.isVisible()
    assert QGuiApplication.screenAt(app.overlay.geometry().center()) is not None
    assert (app.overlay.width(), app.overlay.height()) == (320, 160)
    # Where the speaker put it on a screen that is there, it stays.
    app.overlay.restore_geometry(QRect(40, 50, 320, 160))
    assert app.overlay.geometry() == QRect(40, 50, 320, 160)


async def _first_frame(app: SpeakerApp) -> tuple[int | None, bool]:
    """Show ``app`` and wait for ``firstPainted``: the stage's painted page and whether the
    console and overlay were built, as they were when it fired."""
    import asyncio

    fired: asyncio.Future[tuple[int | None, bool]] = asyncio.get_running_loop().create_future()

    def first() -> None:
        if not fired.done():
            fired.set_result((app.deck.stage_view.painted_index(), app.has_private_windows))

    app.firstPainted.connect(first)
    app.show()
    assert app.stage.isVisible() and not app.has_private_windows
    return await asyncio.wait_for(fired, 10)


@speaker_test
async def test_kanpe_speak_puts_the_first_slide_on_stage_before_building_the_console(
    invites: RoomInvites, clients: Clients, speakers: Speakers, deck_path: Path
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path, stage_first=True, show=False)
    # The stage's first frame is its first slide, not the background it paints while the
    # render thread has the page, and nothing else was built or rendered before it.
    assert await _first_frame(app) == (0, False)
    assert app.deck.stage_view.cache.sync_renders == 0
    await eventually(lambda: app.has_private_windows and app.console.isVisible())
    assert app.has_private_windows and app.console.slide_number.text() == "Slide 1 / 8"
    QTest.keyClick(app.console, Qt.Key.Key_PageDown)  # the key router listens from now on
    assert app.deck.page == 2 and app.console.slide_number.text() == "Slide 2 / 8"
    await wait_for_state(host, lambda s: s.slots[SLOT].page == 2)


@speaker_test
async def test_kanpe_speak_with_a_bad_deck_tells_the_console_once_it_is_built(
    invites: RoomInvites, speakers: Speakers, tmp_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], stage_first=True, show=False)
    assert not app.open_deck(deckgen.write_encrypted_pdf(tmp_path / "talk.pdf"))
    assert await _first_frame(app) == (None, False)  # the stage's placeholder, nothing to wait for
    await eventually(lambda: app.has_private_windows and app.console.isVisible())
    assert app.console.deck_message and "password" in app.console.deck_message


@speaker_test
async def test_a_quit_while_waiting_for_the_first_frame_starts_no_relay(
    settings_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    from kanpe.app import connect
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    model = SpeakerSlotModel()
    app = SpeakerApp(
        model, settings=SettingsStore.for_speaker(settings_path), solo=True, stage_first=True
    )
    # Never shown, so never painted: connect() waits for the first frame, and the speaker quits.
    asyncio.get_running_loop().call_soon(app.quit)
    assert await asyncio.wait_for(connect(app, model, join=None, minutes=1, title=""), 10) == 0
    assert "Practice room" not in capsys.readouterr().out
    assert not model.is_attached


@speaker_test
async def test_before_the_console_is_built_the_stage_badge_follows_the_timer(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT], stage_first=True, show=False)
    assert not app.has_private_windows
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)
    assert app.stage.badge.ticker.status is TimerStatus.RUNNING
