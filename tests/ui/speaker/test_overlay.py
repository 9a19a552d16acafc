"""The overlay's own mouse handling: dragged from anywhere, resized from its corner only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kanpe.ui.cuecard import CueFlash
from kanpe.ui.speaker.overlay import OverlayWindow
from kanpe.ui.ticker import CountdownTicker

# Qt's offscreen platform cannot raise a top-level window, and says so (as for the speaker tests).
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")


def overlay(qtbot: QtBot) -> OverlayWindow:
    window = OverlayWindow(CountdownTicker(lambda: None), flash=CueFlash())
    qtbot.addWidget(window)
    window.restore_geometry(QRect(200, 200, 300, 150))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_resize_grip_is_only_the_corner(qtbot: QtBot) -> None:
    window = overlay(qtbot)
    grip = window.grip.geometry()
    assert grip.width() <= 24 and grip.height() <= 24
    assert grip.bottomRight() == window.rect().bottomRight()
    bottom_middle = QPoint(window.width() * 2 // 3, window.height() - 8)
    assert window.childAt(bottom_middle) is not window.grip


def test_a_drag_from_the_bottom_strip_moves_the_overlay(qtbot: QtBot) -> None:
    window = overlay(qtbot)
    start = QPoint(window.width() * 2 // 3, window.height() - 8)
    before = window.geometry()
    # Through the window, as a real click: Qt hands it to whichever child is under the pointer.
    handle = window.windowHandle()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(handle, left, none, start)
    QTest.mouseMove(handle, start - QPoint(40, 25))
    QTest.mouseRelease(handle, left, none, start - QPoint(40, 25))
    # A drag from here moves the window (the exact offset depends on the test pointer, whose
    # positions are relative to the window that moved); a resize would keep it in place.
    qtbot.waitUntil(lambda: window.pos() != before.topLeft())
    assert window.size() == before.size()
