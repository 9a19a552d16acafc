"""The stage's reaction chips: all five visible at every stage size from 1280x720 up, whatever
the feed's font, with counts past 999 (once, at 1600x900, the fifth was cut off)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kanpe.core.model import REACTIONS
from kanpe.storage.settings import MAX_FONT, MIN_FONT
from kanpe.ui.phases import SURFACE_LINE
from kanpe.ui.speaker.feed import ChatListModel, ReactionBursts
from kanpe.ui.speaker.reactionchips import count_text
from kanpe.ui.speaker.stage import StageWindow
from kanpe.ui.theme import STYLE
from kanpe.ui.ticker import CountdownTicker
from tests.ui.conftest import FakeClock

SIZES = [(1280, 720), (1366, 768), (1600, 900), (1920, 1080), (2560, 1440)]


@pytest.fixture
def stage(qtbot: QtBot) -> tuple[StageWindow, ReactionBursts]:
    bursts = ReactionBursts(clock=FakeClock())
    window = StageWindow(QWidget(), ChatListModel(), bursts, CountdownTicker(lambda: None))
    window.setStyleSheet(STYLE)
    qtbot.addWidget(window)
    return window, bursts


def test_counts_past_999_take_no_more_room() -> None:
    assert [count_text(n) for n in (1, 999, 1000, 123_456)] == ["1", "999", "999+", "999+"]


@pytest.mark.qt_log_ignore(r"This plugin does not support")
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("points", [MIN_FONT, 15, MAX_FONT])
def test_every_reaction_is_visible_at_every_stage_size(
    qtbot: QtBot, stage: tuple[StageWindow, ReactionBursts], size: tuple[int, int], points: int
) -> None:
    window, bursts = stage
    window.feed.set_font_size(points)
    for emoji in REACTIONS:
        bursts.add(emoji, 1200)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    strip = window.feed.reactions
    qtbot.waitUntil(lambda: strip.isVisible() and strip.height() >= strip.chip_layout().height)

    texts = strip.chip_texts()
    assert texts == [f"{emoji} ×999+" for emoji in REACTIONS]
    layout = strip.chip_layout()
    assert len(layout.chips) == len(REACTIONS)
    # Inside the strip, the strip inside the stage's window: nothing cut at an edge.
    inside = QRectF(strip.rect()).adjusted(-0.01, -0.01, 0.01, 0.01)  # float sums
    shown = QRectF(window.rect()).adjusted(-0.01, -0.01, 0.01, 0.01)
    top_left = strip.mapTo(window, QPoint(0, 0))
    for text, chip in zip(texts, layout.chips, strict=True):
        assert inside.contains(chip), (text, chip, inside)
        assert shown.contains(chip.translated(top_left.x(), top_left.y())), (text, chip)
        # The whole text fits in its chip, and no chip covers another.
        assert QFontMetricsF(layout.font).horizontalAdvance(text) < chip.width()
    for i, chip in enumerate(layout.chips):
        assert not any(chip.intersects(other) for other in layout.chips[i + 1 :])
    # Legible from a stream: the chips may shrink, never below 10 px, and take a sliver only.
    assert layout.font.pixelSize() >= 10
    assert strip.height() <= window.height() // 5
    # What is painted is that layout: each chip's colour at its left end.
    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()
    for chip in layout.chips:
        spot = QPoint(
            int((chip.left() + chip.height() / 5) * ratio), int(chip.center().y() * ratio)
        )
        assert image.pixelColor(spot).name() == SURFACE_LINE.name()
