"""When the stage's first frame, with its slide, is on screen: what ``kanpe speak`` waits for.

The console, the overlay and the network start after it, so the window the speaker shares comes
up first. A paint that shows a slide still on its way from the render thread does not count: the
slide's arrival paints again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Emits ``painted`` once, after the first paint of ``widgets`` for which ``waiting()`` is
    False (checked once the paint event is handled, not in the middle of it)."""

    painted = Signal()

    def __init__(
        self,
        widgets: tuple[QWidget, ...],
        waiting: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.done = False
        self._widgets = widgets
        self._waiting = waiting
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Notes a paint of a watched widget; lets every event through."""
        if not self.done and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._check)
        return False

    def _check(self) -> None:
        if self.done or self._waiting():
            return
        self.done = True
        for widget in self._widgets:
            widget.removeEventFilter(self)
        self.painted.emit()
