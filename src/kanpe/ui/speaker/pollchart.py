"""A poll's result as a bar chart: on the stage for the audience and the recording, and in the
presenter console for the speaker's eyes only.

Painted, not built from labels: the question and the options come from the network and are drawn
with QPainter.drawText, which renders no markup. Every bar's figures are written beside its
option (count and share), so the chart reads on a small, compressed video of a shared screen
where bar lengths alone are hard to judge; the leading option is marked with a word-free shape
(a filled diamond) as well as a colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from kanpe.ui.phases import MUTED, SURFACE, SURFACE_LINE, TEXT, rounded

if TYPE_CHECKING:
    from kanpe.core.model import Poll  # msgspec: loaded with the link

BAR = QColor("#7ab8ff")
LEADER = QColor("#ffd23f")
TRACK = QColor("#0f1115")
BORDER = QColor("#3a5f8a")
PAD = 14


@dataclass(frozen=True, slots=True)
class Row:
    """One option as the chart writes it."""

    option: str
    figures: str  # "12 · 40%"
    share: float  # of all answers, 0 to 1
    leading: bool  # has the most answers (and there are answers)


class PollChart(QWidget):
    """One poll's bars; hidden while there is no poll to show. ``compact`` (the console): each
    option on one line, its words, bar and figures side by side; otherwise (the stage) the words
    and figures above a bar as wide as the chart, for the largest bars on a narrow feed."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("pollChart")
        self.compact = compact
        self.poll: Poll | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.hide()

    # --- what it shows --------------------------------------------------------------------------

    def show_poll(self, poll: Poll | None) -> None:
        """Show ``poll`` (its counts as they are now); None hides the chart. New counts only
        repaint: the chart's size changes with the question and the options alone."""
        old, self.poll = self.poll, poll
        self.setVisible(poll is not None)
        # Painted, so said in words too, for a screen reader.
        self.setAccessibleName("" if poll is None else f"{self.heading()}: {poll.question}")
        self.setAccessibleDescription("; ".join(f"{r.option}: {r.figures}" for r in self.rows()))
        words = None if poll is None else (poll.question, poll.options)
        if old is None or words != (old.question, old.options):
            self.updateGeometry()
        self.update()

    def heading(self) -> str:
        """ "Poll · open · 12 answers" in the speaker's language ("" with no poll)."""
        poll = self.poll
        if poll is None:
            return ""
        state = self.tr("Poll open") if poll.open else self.tr("Poll closed")
        answers = self.tr("Answers: {n}").format(n=sum(poll.counts))
        return f"{state} · {answers}"

    def rows(self) -> list[Row]:
        """Each option with its figures, in the poll's order."""
        poll = self.poll
        if poll is None:
            return []
        total = sum(poll.counts)
        best = max(poll.counts, default=0)
        rows = []
        for option, count in zip(poll.options, poll.counts, strict=True):
            share = count / total if total else 0.0
            figures = self.tr("{count} · {share}%").format(count=count, share=round(100 * share))
            rows.append(Row(option, figures, share, leading=bool(total) and count == best))
        return rows

    def set_font_size(self, pixels: int) -> None:
        """The options' text size in pixels (the question is a little larger)."""
        font = QFont(self.font())
        font.setPixelSize(max(10, pixels))
        self.setFont(font)
        self.updateGeometry()
        self.update()

    # --- geometry ----------------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        body = QFont(self.font())
        size = body.pixelSize() if body.pixelSize() > 0 else QFontMetrics(body).height()
        question = QFont(body)
        question.setBold(True)
        question.setPixelSize(round(size * 1.15))
        small = QFont(body)
        small.setBold(True)
        small.setPixelSize(max(9, round(size * 0.75)))
        return small, question, body

    def _bar_height(self) -> int:
        # Thicker under the words on the stage (read on a compressed video), thinner in a line.
        share = 0.6 if self.compact else 0.8
        return max(8, round(QFontMetrics(self._fonts()[2]).height() * share))

    def _question_height(self, width: int) -> int:
        question = "" if self.poll is None else self.poll.question
        metrics = QFontMetrics(self._fonts()[1])
        inner = max(40, width - 2 * PAD)
        box = metrics.boundingRect(0, 0, inner, 10_000, int(Qt.TextFlag.TextWordWrap), question)
        return box.height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self.poll is None:
            return 0
        small, _question, body = self._fonts()
        line = QFontMetrics(body).height()
        gap = 8 if self.compact else 10
        row = line + gap if self.compact else line + 4 + self._bar_height() + gap
        head = QFontMetrics(small).height() + 6 + self._question_height(width) + 10
        return 2 * PAD + head + row * len(self.poll.options) - gap

    def sizeHint(self) -> QSize:
        width = max(self.width(), 320)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(max(self.width(), 200)))

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.poll is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.fillPath(rounded(card, 10), SURFACE)
        painter.setPen(QPen(BORDER if self.poll.open else SURFACE_LINE, 1.5))
        painter.drawRoundedRect(card, 10, 10)
        small, question, body = self._fonts()
        x, width = float(PAD), float(self.width() - 2 * PAD)
        y = float(PAD)
        single = int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine)
        painter.setFont(small)
        painter.setPen(BAR if self.poll.open else MUTED)
        line = QFontMetrics(small).height()
        painter.drawText(QRectF(x, y, width, line), single, self.heading())
        y += line + 6
        painter.setFont(question)
        painter.setPen(TEXT)
        height = self._question_height(self.width())
        painter.drawText(
            QRectF(x, y, width, height), int(Qt.TextFlag.TextWordWrap), self.poll.question
        )
        y += height + 10
        paint_row = self._paint_line if self.compact else self._paint_row
        for row in self.rows():
            y = paint_row(painter, row, body, QRectF(x, y, width, 0))
        painter.end()

    def _paint_line(self, painter: QPainter, row: Row, font: QFont, at: QRectF) -> float:
        """Paint one option on one line: its words, its bar, its figures."""
        metrics = QFontMetrics(font)
        line = metrics.height()
        left, y, width = at.left(), at.top(), at.width()
        words_width = width * 0.34
        bold = QFont(font)
        bold.setBold(True)
        widest = self.tr("{count} · {share}%").format(count=9999, share=100)
        figures_width = float(QFontMetrics(bold).horizontalAdvance(widest))
        single = int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine)
        mark = line * 0.5
        if row.leading:
            self._diamond(painter, QPointF(left + mark / 2, y + line / 2), mark / 2)
        painter.setFont(font)
        painter.setPen(TEXT)
        words = QRectF(left + mark * 1.5, y, words_width - mark * 1.5 - 8, line)
        elided = metrics.elidedText(row.option, Qt.TextElideMode.ElideRight, int(words.width()))
        painter.drawText(words, int(Qt.AlignmentFlag.AlignLeft) | single, elided)
        bar_height = self._bar_height()
        track = QRectF(left + words_width, y + (line - bar_height) / 2, 0, bar_height)
        track.setRight(left + width - figures_width - 8)
        painter.fillPath(rounded(track, bar_height / 2), TRACK)
        if row.share > 0:
            filled = QRectF(track)
            filled.setWidth(max(bar_height, track.width() * row.share))
            painter.fillPath(rounded(filled, bar_height / 2), LEADER if row.leading else BAR)
        painter.setFont(bold if row.leading else font)
        painter.drawText(
            QRectF(left + width - figures_width, y, figures_width, line),
            int(Qt.AlignmentFlag.AlignRight) | single,
            row.figures,
        )
        return y + line + 8

    def _paint_row(self, painter: QPainter, row: Row, font: QFont, at: QRectF) -> float:
        """Paint one option (its words and figures, then its bar) from ``at``'s top-left corner
        across its width; returns where the next row starts."""
        metrics = QFontMetrics(font)
        line = metrics.height()
        bold = QFont(font)
        bold.setBold(True)
        figures_width = QFontMetrics(bold).horizontalAdvance(row.figures) + 4
        mark = line * 0.6 if row.leading else 0.0
        left, y, width = at.left(), at.top(), at.width()
        painter.setFont(font)
        painter.setPen(TEXT)
        if row.leading:  # a diamond before the option: the lead, told by shape too
            self._diamond(painter, QPointF(left + mark / 2, y + line / 2), mark / 2)
        words = QRectF(left + mark * 1.4, y, width - figures_width - mark * 1.4 - 8, line)
        elided = metrics.elidedText(row.option, Qt.TextElideMode.ElideRight, int(words.width()))
        painter.setPen(TEXT)
        single = int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine)
        painter.drawText(words, int(Qt.AlignmentFlag.AlignLeft) | single, elided)
        painter.setFont(bold if row.leading else font)
        painter.drawText(
            QRectF(left + width - figures_width, y, figures_width, line),
            int(Qt.AlignmentFlag.AlignRight) | single,
            row.figures,
        )
        y += line + 4
        bar_height = self._bar_height()
        track = QRectF(left, y, width, bar_height)
        painter.fillPath(rounded(track, bar_height / 2), TRACK)
        if row.share > 0:
            filled = QRectF(left, y, max(bar_height, width * row.share), bar_height)
            painter.fillPath(rounded(filled, bar_height / 2), LEADER if row.leading else BAR)
        return y + bar_height + 10

    def _diamond(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        points = [
            QPointF(centre.x(), centre.y() - radius),
            QPointF(centre.x() + radius, centre.y()),
            QPointF(centre.x(), centre.y() + radius),
            QPointF(centre.x() - radius, centre.y()),
        ]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LEADER)
        painter.drawPolygon(QPolygonF(points))
        painter.setBrush(Qt.BrushStyle.NoBrush)
