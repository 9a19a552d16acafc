"""A fixed stage size for streaming: the same frame whatever the window, remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kanpe.net.relay import RoomInvites
from kanpe.storage.settings import STAGE_SIZES, SettingsStore, SpeakerSettings
from kanpe.ui.menus import choice_name
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Speakers, speaker_test

SLOT = "talk-1"
HD = QSize(1280, 720)


def rgb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_RGB32)


def black_rows(image: QImage, rows: range) -> bool:
    """Whether every 8th pixel of ``rows`` is black."""
    return all(
        image.pixelColor(x, y).rgb() & 0xFFFFFF == 0
        for y in rows
        for x in range(0, image.width(), 8)
    )


def difference(one: QImage, other: QImage, top: int = 0) -> float:
    """The mean difference per channel (0-255) between ``one`` and ``other`` placed ``top``
    rows down in it, on a grid of every 8th pixel."""
    total = count = 0
    for y in range(0, other.height(), 8):
        for x in range(0, other.width(), 8):
            a, b = one.pixelColor(x, y + top), other.pixelColor(x, y)
            total += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())
            count += 3
    return total / count


async def resized(app: SpeakerApp, width: int, height: int) -> QImage:
    """The stage's frame once the window is ``width`` x ``height`` and the slide painted."""
    app.stage.resize(width, height)
    view = app.deck.stage_view
    await eventually(lambda: app.stage.size() == QSize(width, height))
    await eventually(lambda: view.cache.image(0) is not None)
    return app.stage.frame()


@speaker_test
async def test_a_fixed_stage_size_gives_the_same_frame_whatever_the_window(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    before = app.stage.size()
    app.set_stage_size("1280x720")
    assert app.stage.frame_size == HD
    # The window takes the frame's size when the screen has room (offscreen's is 800x600).
    room = app.stage.screen().availableSize()
    fits = room.width() >= HD.width() and room.height() >= HD.height()
    assert app.stage.size() == (HD if fits else before)
    frames = {}
    for width, height in ((1280, 720), (1700, 1000), (800, 450), (700, 640)):
        frame = await resized(app, width, height)
        assert frame.size() == HD, (width, height)
        assert app.stage.contents.size() == HD
        frames[width, height] = rgb(frame)
    first = frames[1280, 720]
    assert all(first == other for other in frames.values())
    # One to one when the window is large enough; else scaled down to fit, letterboxed.
    fixed = app.stage._fixed
    assert fixed is not None
    await resized(app, 1700, 1000)
    assert fixed.zoom == 1.0
    await resized(app, 640, 480)
    assert fixed.zoom == 0.5
    # At the frame's own size, the window shows exactly the frame: what a capture gets.
    await resized(app, 1280, 720)
    assert rgb(app.stage.grab().toImage()) == first


@speaker_test
async def test_the_window_shows_the_frame_scaled_down_and_letterboxed(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    app.set_stage_size("1280x720")
    app.set_stage_size("1920x1080")  # from one fixed size to another
    frame = await resized(app, 960, 700)
    shown = rgb(app.stage.grab().toImage())
    # 960 / 1920: half size, so the 540 rows of the frame sit between 80 black rows each side.
    assert black_rows(shown, range(78)) and black_rows(shown, range(622, 700))
    smaller = rgb(frame.scaled(960, 540, mode=Qt.TransformationMode.SmoothTransformation))
    assert difference(shown, smaller, top=80) < 6
    assert difference(shown, rgb(frame.scaled(960, 540)), top=0) > 20  # not merely alike


@speaker_test
async def test_the_stage_size_is_chosen_from_the_menu_or_a_key_and_survives_a_restart(
    invites: RoomInvites, speakers: Speakers, deck_path: Path, settings_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    assert app.stage.frame_size is None  # by default the stage fills its window
    app.console.menu_actions[choice_name("stage.size", "1920x1080")].trigger()
    assert app.stage.frame_size == QSize(1920, 1080)
    app.save_settings()
    assert SettingsStore.for_speaker(settings_path).load().stage_size == "1920x1080"
    app.quit()

    again = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    assert again.stage.frame_size == QSize(1920, 1080)
    assert again.console.menu_actions[choice_name("stage.size", "1920x1080")].isChecked()
    assert (await resized(again, 900, 600)).size() == QSize(1920, 1080)
    # Z steps round the sizes: after 1920x1080, the window's own again, filling the window.
    QTest.keyClick(again.console, Qt.Key.Key_Z)
    assert again.stage.frame_size is None
    ticked = {n: a.isChecked() for n, a in again.console.menu_actions.items() if "size:" in n}
    assert ticked == {choice_name("stage.size", n): n == "window" for n in STAGE_SIZES}
    await eventually(lambda: again.stage.contents.size() == again.stage.size())
    assert again.stage.frame().size() == again.stage.size()
    QTest.keyClick(again.console, Qt.Key.Key_Z)
    assert again.stage.frame_size == HD


@pytest.mark.parametrize("size", ["window", "1280x720"])
def test_the_first_page_renders_before_the_stage_is_built_at_the_size_it_gets(
    qtbot: QtBot, deck_path: Path, settings_path: Path, size: str
) -> None:
    store = SettingsStore.for_speaker(settings_path)
    store.save(SpeakerSettings(split=0.65, stage_size=size))
    app = SpeakerApp(SpeakerSlotModel(), settings=store, solo=True, deck=deck_path)
    try:
        cache = app.deck.stage_view.cache
        early = cache.box
        assert not early.isEmpty() and cache.is_pending(0)  # rendering before any window shows
        app.show()
        qtbot.waitUntil(lambda: app.has_painted)
        assert cache.box == early  # the size it got is the one foreseen: no render wasted
        assert cache.stale_dropped == 0 and cache.sync_renders == 0
        assert app.deck.stage_view.painted_index() == 0
    finally:
        app.quit()


@speaker_test
async def test_keys_reach_the_slides_from_inside_a_fixed_size_stage(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    app.set_stage_size("1280x720")
    assert app.stage.feed.window() is app.stage.contents  # in the frame's proxy, not the stage
    QTest.keyClick(app.stage.feed, Qt.Key.Key_PageDown)
    assert app.deck.page == 2
    QTest.keyClick(app.stage, Qt.Key.Key_PageDown)
    assert app.deck.page == 3
