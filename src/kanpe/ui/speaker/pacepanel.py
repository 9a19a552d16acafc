"""The presenter console's pace: where the talk stands against the chosen rehearsal, the projected
finish against the slot's end, and a small per-slide chart (rehearsed against actual).

A view only: ``SpeakerPace`` (kanpe.ui.speaker.pace) tells it the words and the rows; it changes
at a flip, never with the seconds, so it adds nothing to the countdown's repaints.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kanpe.core.pace import SlideRow
from kanpe.ui.phases import SURFACE_LINE, TEXT

PLANNED = QColor("#4a5568")
ACTUAL = QColor("#7ab8ff")
OVER = QColor("#ffb347")  # an actual bar past its rehearsed time; it is also taller than its mark
CHART_HEIGHT = 64


class PaceChart(QWidget):
    """One column per slide: the rehearsed time as a grey bar with a tick at its top, the actual
    time as a narrower bar over it (orange when longer than rehearsed), the current slide
    marked underneath. Hidden while there are no rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paceChart")
        self.rows: list[SlideRow] = []
        self.current = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(CHART_HEIGHT)
        self.hide()

    def sizeHint(self) -> QSize:
        return QSize(240, CHART_HEIGHT)

    def show_rows(self, rows: Sequence[SlideRow], current: int = 0) -> None:
        """Chart ``rows``, marking slide ``current`` (0: none)."""
        rows = list(rows)
        if rows != self.rows or current != self.current:
            self.rows, self.current = rows, current
            self.setVisible(bool(rows))
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height() - 8  # room for the current slide's mark
        column = width / len(self.rows)
        longest = max(max(r.planned, r.actual or 0.0) for r in self.rows) or 1.0
        painter.setPen(QPen(SURFACE_LINE, 1))
        painter.drawLine(0, height, width, height)
        for index, row in enumerate(self.rows):
            left = index * column
            gap = min(2.0, column * 0.15)
            planned_h = height * row.planned / longest
            painter.fillRect(
                QRectF(left + gap, height - planned_h, column - 2 * gap, planned_h), PLANNED
            )
            if row.actual is not None:
                actual_h = height * row.actual / longest
                longer = row.planned > 0 and row.actual > row.planned * 1.1 + 1
                colour = OVER if longer else ACTUAL
                inset = column * 0.3
                painter.fillRect(
                    QRectF(left + inset, height - actual_h, column - 2 * inset, actual_h), colour
                )
            if row.planned > 0:  # the rehearsed time's top, visible through a taller bar
                painter.setPen(QPen(TEXT, 1))
                top = height - planned_h
                painter.drawLine(QPointF(left + gap, top), QPointF(left + column - gap, top))
            if row.slide == self.current:
                painter.fillRect(QRectF(left + gap, height + 3, column - 2 * gap, 4), TEXT)
        painter.end()


class PacePanel(QFrame):
    """The pace line ("2:10 ahead at slide 14"), the projection, a legend and the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pacePanel")
        self.pace = QLabel()
        self.pace.setObjectName("paceLine")
        self.pace.setTextFormat(Qt.TextFormat.PlainText)
        self.projection = QLabel()
        self.projection.setObjectName("paceProjection")
        self.projection.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = PaceChart()
        self.legend = QLabel()
        self.legend.setObjectName("paceLegend")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(4)
        layout.addWidget(self.pace)
        layout.addWidget(self.projection)
        layout.addWidget(self.chart)
        layout.addWidget(self.legend)
        self.legend.hide()

    def show_lines(self, pace: str, projection: str, state: str = "") -> None:
        """``state``: "ahead", "behind" or "" (on pace, or no comparison), for the line's colour;
        the words say it too."""
        self.pace.setText(pace)
        if self.pace.property("state") != state:
            self.pace.setProperty("state", state)
            self.pace.style().unpolish(self.pace)
            self.pace.style().polish(self.pace)
        self.projection.setText(projection)
        self.projection.setVisible(bool(projection))

    def show_chart(self, rows: Sequence[SlideRow], current: int = 0, legend: str = "") -> None:
        """Chart ``rows``; ``legend``: which rehearsal the grey bars are (""): the words alone."""
        self.chart.show_rows(rows, current)
        rehearsal = legend or self.tr("rehearsed")
        self.legend.setText(
            self.tr("Grey: {rehearsal} · blue: this run (orange: longer)").format(
                rehearsal=rehearsal
            )
        )
        self.legend.setVisible(bool(rows))
