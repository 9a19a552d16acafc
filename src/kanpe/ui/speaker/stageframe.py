"""A stage of a fixed size: the stage's contents laid out at exactly 1280x720 (or 1920x1080)
whatever the window, so a stream's window capture gets the same frame every time.

The contents (slides and feed) sit in a QGraphicsProxyWidget at their fixed size; the view shows
them at one to one, centred on black, when the window is large enough, and scaled down to fit,
letterboxed, when it is smaller. Nothing is scaled up: a frame larger than its pixels would
blur the slides' text. Keys and the mouse reach the contents through the proxy as before.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsProxyWidget,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

_LETTERBOX = QColor("black")


class FixedFrame(QGraphicsView):
    """Shows ``contents`` laid out at ``size``, fitted into this view (never enlarged)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stageFrame")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(_LETTERBOX)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setScene(QGraphicsScene(self))
        self._proxy: QGraphicsProxyWidget | None = None
        self._size = QSize()

    @property
    def frame_size(self) -> QSize:
        """The contents' fixed size (empty while nothing is shown)."""
        return QSize(self._size)

    @property
    def zoom(self) -> float:
        """How much the frame is scaled on screen now (1: one to one)."""
        return self.transform().m11()

    def hold(self, contents: QWidget, size: QSize) -> None:
        """Lay ``contents`` out at ``size`` and show it here (it must have no parent)."""
        self._size = QSize(size)
        contents.setFixedSize(size)
        if self._proxy is None or self._proxy.widget() is not contents:
            self.release()
            self._proxy = self.scene().addWidget(contents)
        # A proxy takes a new fixed size of its widget only later (and clamps a geometry to the
        # old one meanwhile): say it here.
        self._proxy.setMinimumSize(QSizeF(size))
        self._proxy.setMaximumSize(QSizeF(size))
        self._proxy.setGeometry(QRectF(0, 0, size.width(), size.height()))
        self.scene().setSceneRect(QRectF(0, 0, size.width(), size.height()))
        self._fit()

    def release(self) -> QWidget | None:
        """Take the contents out (free to size again, and without a parent); None if none."""
        proxy, self._proxy = self._proxy, None
        if proxy is None:
            return None
        contents = proxy.widget()
        proxy.setWidget(None)  # type: ignore[arg-type]  # Qt's way to take the widget back
        self.scene().removeItem(proxy)
        proxy.deleteLater()
        if contents is not None:
            contents.setMinimumSize(0, 0)
            contents.setMaximumSize(16777215, 16777215)
        return contents

    def frame(self) -> QImage:
        """The frame as it is now, at its fixed size: what a capture of a window that size
        gets."""
        image = QImage(self._size, QImage.Format.Format_RGB32)
        image.fill(_LETTERBOX)
        if self._proxy is not None and (contents := self._proxy.widget()) is not None:
            contents.render(image)
        return image

    def _fit(self) -> None:
        if self._size.isEmpty():
            return
        fit = min(
            self.viewport().width() / self._size.width(),
            self.viewport().height() / self._size.height(),
        )
        scale = min(1.0, fit) if fit > 0 else 1.0
        self.resetTransform()
        self.scale(scale, scale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
