"""The console's header: a long deck title gives way to "Slide n / N" and the Open button,
shortened with "…" and whole in a tooltip (it once ran into the slide number)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kanpe.ui.speaker.console import PresenterConsole
from kanpe.ui.theme import STYLE
from kanpe.ui.ticker import CountdownTicker

LONG = (
    "Timers that never drift: what a deadline in relay time, NTP-style offsets and a monotonic "
    "clock buy a presenter overlay — 大規模イベントでのタイマー同期の実践"
)


@pytest.fixture
def console(qtbot: QtBot) -> PresenterConsole:
    window = PresenterConsole(QWidget(), QWidget(), CountdownTicker(lambda: None))
    window.setStyleSheet(STYLE)
    qtbot.addWidget(window)
    window.slide_number.setText("Slide 12 / 48")
    return window


@pytest.mark.qt_log_ignore(r"This plugin does not support")
@pytest.mark.parametrize("width", [1024, 1280, 1440])
def test_a_long_title_is_shortened_before_the_slide_number(
    qtbot: QtBot, console: PresenterConsole, width: int
) -> None:
    console.title.setText(LONG)
    console.resize(width, 800)
    console.show()
    qtbot.waitExposed(console)
    title, number = console.title, console.slide_number
    # The window keeps its size, and the title ends before the slide number begins.
    assert console.width() == width
    assert title.geometry().right() < number.geometry().left()
    assert number.width() >= number.sizeHint().width()  # "Slide 12 / 48" whole
    shown = title.shown_text()
    assert shown != LONG and shown.endswith("…") and LONG.startswith(shown[:-1].rstrip())
    assert title.fontMetrics().horizontalAdvance(shown) <= title.contentsRect().width()
    assert title.text() == LONG and title.toolTip() == LONG


@pytest.mark.qt_log_ignore(r"This plugin does not support")
def test_a_title_that_fits_is_whole_with_no_tooltip(
    qtbot: QtBot, console: PresenterConsole
) -> None:
    console.title.setText("Clocks")
    console.resize(1280, 800)
    console.show()
    qtbot.waitExposed(console)
    assert console.title.shown_text() == "Clocks"
    assert console.title.toolTip() == ""
    # A title too long for the same width is shortened and gains the tooltip.
    console.title.setText(LONG)
    qtbot.waitUntil(lambda: console.title.toolTip() == LONG)
