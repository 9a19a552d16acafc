"""CountdownFace: paints a CountdownTicker: big digits on a phase-coloured panel, the phase's mark
and label, and a line saying whether the timer runs. Used by the console, the overlay and the
optional stage badge. It only subscribes; the ticker decides when anything changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kanpe.core.clockface import Phase, TimerStatus
from kanpe.ui.phases import LOOKS, MUTED, hatch_pen, paint_shape, phase_label, rounded
from kanpe.ui.ticker import CountdownTicker

#: Widest text the digits are sized for, so the font does not jump as digits change.
_SIZING_TEXT = "-00:00"
_SIZING_TEXT_HOURS = "-0:00:00"


def digits_font(pixel_height: float) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial"])
    font.setBold(True)
    font.setPixelSize(max(8, int(pixel_height)))
    return font


def label_font(pixel_height: float, *, bold: bool = True) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setPixelSize(max(8, int(pixel_height)))
    return font


LABEL_SHARE = 0.76  # of the face's width, at most, for the phase label


class CountdownFace(QWidget):
    """``compact`` drops the status line and shrinks margins (overlay, stage badge)."""

    def __init__(
        self, ticker: CountdownTicker, *, compact: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ticker = ticker
        self.compact = compact
        self.hint = ""  # e.g. "Press S to start"; set by the owner
        self.translucent = False  # the overlay paints on a see-through window
        self.panel_alpha = 255
        self.alert = ""  # e.g. "Offline": a pill in the corner, on every face
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.backdrop: QColor | None = None
        # What the last full paint showed besides the digits, and where the digits went: when
        # only the digits change (once a second), only their rectangle is repainted.
        self._painted: tuple[object, ...] | None = None
        self._digits_area = QRect()
        ticker.changed.connect(self._ticked)

    def set_backdrop(self, colour: QColor) -> None:
        """Paint the corners in ``colour`` and claim every pixel: Qt then repaints nothing
        under the face when its digits change (the overlay, see-through, sets none)."""
        self.backdrop = colour
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.update()

    def _frame(self) -> tuple[object, ...]:
        ticker = self.ticker
        return (ticker.phase, ticker.status, self.hint, self.alert, self.panel_alpha, self.size())

    def _ticked(self) -> None:
        if self._painted == self._frame() and not self._digits_area.isEmpty():
            self.update(self._digits_area)
        else:
            self.update()

    def set_hint(self, hint: str) -> None:
        if hint != self.hint:
            self.hint = hint
            self.update()

    def set_alert(self, alert: str) -> None:
        if alert != self.alert:
            self.alert = alert
            self.update()

    def status_line(self) -> str:
        """What the line under the phase says (also used by tests and accessibility)."""
        match self.ticker.status:
            case TimerStatus.PAUSED:
                return self.tr("Paused")
            case TimerStatus.IDLE:
                return self.hint or self.tr("Not started")
            case _:
                return self.hint

    def phase_text(self) -> str:
        return phase_label(self.ticker.phase).upper()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        phase = self.ticker.phase
        look = LOOKS[phase]
        if self.backdrop is not None:
            painter.fillRect(event.rect(), self.backdrop)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        radius = min(rect.height() * 0.12, 22.0)
        panel = QColor(look.panel)
        panel.setAlpha(self.panel_alpha)
        painter.fillPath(rounded(rect, radius), panel)
        if phase is Phase.OVERTIME:
            self._paint_hatching(painter, rect, radius)
        border = QColor(look.accent)
        border.setAlpha(230)
        painter.setPen(hatch_pen(border, 3.0 if not self.compact else 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(rounded(rect.adjusted(1.5, 1.5, -1.5, -1.5), radius))

        pad = rect.height() * (0.07 if self.compact else 0.08)
        inner = rect.adjusted(pad * 1.5, pad, -pad * 1.5, -pad)
        label_h = inner.height() * (0.22 if self.compact else 0.15)
        status = "" if self.compact else self.status_line()
        status_h = inner.height() * 0.11 if status else 0.0
        digits_rect = QRectF(
            inner.left(), inner.top(), inner.width(), inner.height() - label_h - status_h
        )
        self._paint_digits(painter, digits_rect, look.ink)
        self._digits_area = digits_rect.toAlignedRect()
        self._painted = self._frame()

        label_rect = QRectF(inner.left(), digits_rect.bottom(), inner.width(), label_h)
        self._paint_label(painter, label_rect, phase)
        if self.alert:
            self._paint_alert(painter, rect)
        if status:
            painter.setFont(label_font(status_h * 0.72, bold=False))
            painter.setPen(MUTED if phase is not Phase.OVERTIME else look.ink)
            painter.drawText(
                QRectF(inner.left(), label_rect.bottom(), inner.width(), status_h),
                int(Qt.AlignmentFlag.AlignCenter),
                status,
            )
        painter.end()

    def _paint_digits(self, painter: QPainter, rect: QRectF, colour: QColor) -> None:
        text = self.ticker.text
        sizing = _SIZING_TEXT_HOURS if text.count(":") > 1 else _SIZING_TEXT
        font = digits_font(rect.height() * 0.92)
        width = QFontMetricsF(font).horizontalAdvance(sizing)
        if width > rect.width() > 0:
            font.setPixelSize(max(8, int(font.pixelSize() * rect.width() / width)))
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_label(self, painter: QPainter, rect: QRectF, phase: Phase) -> None:
        look = LOOKS[phase]
        text = self.phase_text()
        font = label_font(rect.height() * 0.62)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        mark = rect.height() * 0.55
        gap = mark * 0.5
        total = mark + gap + QFontMetricsF(font).horizontalAdvance(text)
        # Centred and at most LABEL_SHARE of the width, so a small overlay's corners (its resize
        # grip) stay clear of a long label such as "FINAL MINUTES": the font shrinks to fit.
        room = rect.width() * LABEL_SHARE
        if total > room > 0:
            scale = room / total
            font.setPixelSize(max(7, int(font.pixelSize() * scale)))
            mark, gap = mark * scale, gap * scale
            total = mark + gap + QFontMetricsF(font).horizontalAdvance(text)
        left = rect.center().x() - total / 2
        paint_shape(
            painter, QRectF(left, rect.center().y() - mark / 2, mark, mark), look.shape, look.accent
        )
        painter.setFont(font)
        painter.setPen(look.accent)
        painter.drawText(
            QRectF(left + mark + gap, rect.top(), total, rect.height()),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            text,
        )

    def _paint_alert(self, painter: QPainter, rect: QRectF) -> None:
        """A pill in the top-left corner: black on amber, so it reads on every phase's panel."""
        font = label_font(max(10.0, rect.height() * (0.1 if self.compact else 0.065)))
        metrics = QFontMetricsF(font)
        text = "▲ " + self.alert.upper()
        height = metrics.height() * 1.4
        pill = QRectF(
            rect.left() + height * 0.4,
            rect.top() + height * 0.3,
            metrics.horizontalAdvance(text) + height,
            height,
        )
        painter.fillPath(rounded(pill, height / 2), QColor("#ffb627"))
        painter.setFont(font)
        painter.setPen(QColor("#1b1400"))
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_hatching(self, painter: QPainter, rect: QRectF, radius: float) -> None:
        """Overtime's panel is striped as well as red: a shape cue that survives greyscale."""
        painter.save()
        painter.setClipPath(rounded(rect, radius))
        painter.setPen(hatch_pen(QColor(0, 0, 0, 40), rect.height() * 0.06))
        step = rect.height() * 0.16
        x = rect.left() - rect.height()
        while x < rect.right():
            painter.drawLine(int(x), int(rect.bottom()), int(x + rect.height()), int(rect.top()))
            x += step
        painter.restore()
