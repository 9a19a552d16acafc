"""Run under Xvfb by test_overlay_translucency.py: the overlay over a coloured window, composited.

Starts xcompmgr (a compositing manager: without one, X shows a window's alpha as black), shows a
full-screen window of one colour and Kanpe's overlay over it, and reads the screen: a point in the
overlay's transparent corner (outside its rounded panel) and a point inside the panel, away from
any text. It does that over blue, then over red, and prints the four colours as JSON.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from PySide6.QtCore import QEventLoop, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kanpe.ui.cuecard import CueFlash
from kanpe.ui.speaker.overlay import OverlayWindow
from kanpe.ui.theme import STYLE
from kanpe.ui.ticker import CountdownTicker

WAIT_MS = 15_000
OVERLAY = QRect(100, 100, 320, 160)
CORNER = QPoint(OVERLAY.x() + 2, OVERLAY.y() + 2)  # outside the rounded panel
PANEL = QPoint(OVERLAY.x() + 24, OVERLAY.bottom() - 16)  # inside it, clear of the text


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def main() -> int:
    app = QApplication(sys.argv[:1])
    compositor = subprocess.Popen([shutil.which("xcompmgr") or "xcompmgr"])
    try:
        below = QWidget(None, Qt.WindowType.FramelessWindowHint)
        below.setAutoFillBackground(True)
        below.setGeometry(0, 0, 800, 600)
        below.show()
        overlay = OverlayWindow(CountdownTicker(lambda: None), flash=CueFlash())
        overlay.setStyleSheet(STYLE)
        overlay.set_opacity(0.6)
        overlay.restore_geometry(OVERLAY)
        overlay.show()
        seen = {}
        for name, color in (("blue", QColor(0, 0, 255)), ("red", QColor(255, 0, 0))):
            palette = below.palette()
            palette.setColor(QPalette.ColorRole.Window, color)
            below.setPalette(palette)
            below.update()
            seen[name] = wait_for_corner(app, rgb(color))
        print(json.dumps(seen), flush=True)
        return 0
    finally:
        compositor.terminate()
        compositor.wait()


def wait_for_corner(app: QApplication, wanted: tuple[int, int, int]) -> dict[str, object]:
    """Look at the screen every 50 ms until the overlay's corner shows ``wanted`` (the window
    below, seen through it), or WAIT_MS pass; then the colours at the corner and in the panel."""
    loop = QEventLoop()
    found: dict[str, object] = {}

    def look() -> None:
        image = app.primaryScreen().grabWindow(0).toImage()
        corner = rgb(image.pixelColor(CORNER))
        found.update(corner=corner, panel=rgb(image.pixelColor(PANEL)))
        if corner == wanted:
            loop.quit()

    poll = QTimer(interval=50, timeout=look)
    poll.start()
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()
    poll.stop()
    return found


if __name__ == "__main__":
    raise SystemExit(main())
