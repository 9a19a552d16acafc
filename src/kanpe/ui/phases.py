"""How each phase looks: colour, label and shape, so no phase is told apart by colour alone."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from kanpe.core.clockface import Phase


class Shape(StrEnum):
    CIRCLE = "circle"
    TRIANGLE = "triangle"
    DIAMOND = "diamond"
    SQUARE = "square"


@dataclass(frozen=True, slots=True)
class PhaseLook:
    accent: QColor  # the phase's colour: marks, borders, digits on a dark panel
    panel: QColor  # the countdown panel's fill
    ink: QColor  # digits on the panel
    shape: Shape


LOOKS: dict[Phase, PhaseLook] = {
    Phase.NORMAL: PhaseLook(QColor("#3ecf7a"), QColor("#15241c"), QColor("#eafff2"), Shape.CIRCLE),
    Phase.WARNING: PhaseLook(
        QColor("#ffb627"), QColor("#2e2412"), QColor("#fff4dc"), Shape.TRIANGLE
    ),
    Phase.FINAL: PhaseLook(QColor("#ff5a4e"), QColor("#3a1614"), QColor("#ffe9e7"), Shape.DIAMOND),
    Phase.OVERTIME: PhaseLook(
        QColor("#ffffff"), QColor("#c81e3a"), QColor("#ffffff"), Shape.SQUARE
    ),
}

BACKGROUND = QColor("#101217")
SURFACE = QColor("#1a1d24")
SURFACE_LINE = QColor("#2a2e38")
TEXT = QColor("#e8eaf0")
MUTED = QColor("#8b91a0")
CUE = QColor("#ffd23f")


def phase_label(phase: Phase) -> str:
    """The phase's name as the speaker reads it (translated)."""
    match phase:
        case Phase.NORMAL:
            return QCoreApplication.translate("Phase", "On time")
        case Phase.WARNING:
            return QCoreApplication.translate("Phase", "Warning")
        case Phase.FINAL:
            return QCoreApplication.translate("Phase", "Final minutes")
        case Phase.OVERTIME:
            return QCoreApplication.translate("Phase", "Overtime")


def paint_shape(painter: QPainter, rect: QRectF, shape: Shape, colour: QColor) -> None:
    """A filled mark for the phase; each phase has its own outline, not just its own colour."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    match shape:
        case Shape.CIRCLE:
            painter.drawEllipse(box)
        case Shape.TRIANGLE:
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(box.center().x(), box.top()),
                        QPointF(box.right(), box.bottom()),
                        QPointF(box.left(), box.bottom()),
                    ]
                )
            )
        case Shape.DIAMOND:
            c = box.center()
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(c.x(), box.top()),
                        QPointF(box.right(), c.y()),
                        QPointF(c.x(), box.bottom()),
                        QPointF(box.left(), c.y()),
                    ]
                )
            )
        case Shape.SQUARE:
            inset = side * 0.08
            painter.drawRect(box.adjusted(inset, inset, -inset, -inset))
    painter.restore()


def rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


def hatch_pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen
