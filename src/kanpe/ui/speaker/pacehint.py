"""What the pace meter shows: a quiet "slow down" in the countdown's corner (console and
overlay), and the meter's state in the console's status bar. Never on the stage."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from kanpe.ui.speaker.pacemeter import MeterState, PaceMeter

MARGIN = 10


class PaceHint(QLabel):
    """'Slow down' over ``over``'s top-right corner while the meter finds the speech fast; it
    sits outside any layout, so showing it moves nothing."""

    def __init__(self, meter: PaceMeter, over: QWidget) -> None:
        super().__init__(over)
        self.setObjectName("paceHint")
        self.meter = meter
        self.setText(self.tr("Slow down a little"))
        self.setToolTip(self.tr("You have been speaking faster than your usual pace for a while"))
        self.setStyleSheet(
            "QLabel#paceHint { color: #dfe6ff; background: rgba(40, 52, 92, 210);"
            " border-radius: 6px; padding: 2px 8px; }"
        )
        self.hide()
        over.installEventFilter(self)
        meter.changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        on = self.meter.fast and self.meter.state is MeterState.LISTENING
        if on:
            self._place()
            self.raise_()
        self.setVisible(on)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.adjustSize()
            self.move(max(0, parent.width() - self.width() - MARGIN), MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


class PaceStatus(QLabel):
    """The meter's state, for the console's status bar: nothing while off."""

    def __init__(self, meter: PaceMeter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paceStatus")
        self.meter = meter
        meter.changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        meter = self.meter
        match meter.state:
            case MeterState.OFF:
                text = ""
            case MeterState.NO_MICROPHONE:
                text = self.tr("Pace meter: no microphone found, so it is off")
            case MeterState.LISTENING if meter.rate is None:
                text = self.tr("Pace meter: listening (nothing is recorded)")
            case _:
                text = self.tr("Pace: {rate} syllables/s").format(rate=f"{meter.rate:.1f}")
        self.setText(text)
        self.setVisible(bool(text))
