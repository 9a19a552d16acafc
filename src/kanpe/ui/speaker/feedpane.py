"""The stage's feed pane: the pinned question, reaction bursts and chat, all as plain text.

Nothing from the network is ever rendered as rich text: labels are Qt.PlainText and chat rows are
painted with QPainter.drawText, which does not interpret markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.labels import plain_label
from kanpe.ui.phases import SURFACE, SURFACE_LINE, TEXT, rounded
from kanpe.ui.speaker.feed import MAX_ROWS, ChatListModel, ReactionBursts
from kanpe.ui.speaker.pollchart import PollChart
from kanpe.ui.speaker.reactionchips import ChipLayout, count_text, lay_out

if TYPE_CHECKING:
    from kanpe.core.model import ChatMessage, Question  # msgspec types: loaded with the link


NAME_COLOUR = QColor("#7cc4ff")
FEED_BACKGROUND = QColor("#14171d")
PIN_COLOUR = QColor("#ffd23f")
# Roles that carry a badge (``Role`` values: kanpe.core.model is loaded with the link, later).
HOST, SPEAKER = "host", "speaker"
HOST_BADGE = QColor("#ffd23f")  # filled, square-cornered: the host
SPEAKER_BADGE = QColor("#5ee0b0")  # outlined, round-ended: a speaker


class ChatFeed(QWidget):
    """The newest chat lines, bottom up, each on a rounded card: the sender's name above their
    words. Painted as plain text (QPainter.drawText interprets no markup).

    A stage feed is read, not scrolled, so this paints only the lines that fit and measures each
    line once (per width and font): a flood of messages costs the new lines, not the whole list.
    """

    PAD = 10
    GAP = 6

    def __init__(self, model: ChatListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._heights: dict[tuple[str, int, str], int] = {}
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.update)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def badge(self, message: ChatMessage) -> str:
        """The badge drawn before the sender's name: from the role the relay set from their
        token, never from the name (which may not pass for a role, but is only a name)."""
        if message.role == HOST:
            return self.tr("Host")
        if message.role == SPEAKER:
            return self.tr("Speaker")
        return ""

    def _paint_badge(self, painter: QPainter, message: ChatMessage, line: QRectF) -> float:
        """Paint ``message``'s badge at the start of ``line``; how wide it is with its gap.
        Host and speaker differ in label and shape (filled box, outlined pill), not only colour."""
        label = self.badge(message)
        if not label:
            return 0.0
        metrics = QFontMetrics(painter.font())
        pad = metrics.height() * 0.45
        chip = QRectF(
            line.left(), line.top(), metrics.horizontalAdvance(label) + 2 * pad, line.height()
        )
        if message.role == HOST:
            painter.fillPath(rounded(chip, 3), HOST_BADGE)
            painter.setPen(FEED_BACKGROUND)
        else:
            painter.setPen(QPen(SPEAKER_BADGE, 1.5))
            painter.drawRoundedRect(
                chip.adjusted(0.75, 0.75, -0.75, -0.75), chip.height() / 2, chip.height() / 2
            )
            painter.setPen(SPEAKER_BADGE)
        painter.drawText(
            chip, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine), label
        )
        return chip.width() + pad

    def _fonts(self) -> tuple[QFont, QFont]:
        text = QFont(self.font())
        name = QFont(text)
        name.setBold(True)
        if text.pixelSize() > 0:
            name.setPixelSize(max(8, int(text.pixelSize() * 0.8)))
        return name, text

    def _height(self, message: ChatMessage, width: int, fonts: tuple[QFont, QFont]) -> int:
        key = (message.id, width, fonts[1].key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 4 * MAX_ROWS:
                self._heights.clear()
            name_font, text_font = fonts
            flags = int(Qt.TextFlag.TextWordWrap)
            body = QFontMetrics(text_font).boundingRect(
                QRect(0, 0, width, 10_000), flags, message.text
            )
            height = body.height() + 2 * self.PAD + self.GAP
            if message.name or message.role in (HOST, SPEAKER):
                height += QFontMetrics(name_font).height() + 4
            self._heights[key] = height
        return height

    def visible_messages(self) -> list[ChatMessage]:
        """The lines painted now, oldest first."""
        fonts = self._fonts()
        width = max(40, self.width() - 2 * self.PAD - 8)
        shown: list[ChatMessage] = []
        y = self.height()
        for message in reversed(self.model.rows):
            if y <= 0:
                break
            y -= self._height(message, width, fonts)
            shown.append(message)
        shown.reverse()
        return shown

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fonts = self._fonts()
        name_font, text_font = fonts
        name_h = QFontMetrics(name_font).height()
        width = max(40, self.width() - 2 * self.PAD - 8)
        y = float(self.height())
        for message in reversed(self.model.rows):
            if y <= 0:
                break
            height = self._height(message, width, fonts)
            y -= height
            card = QRectF(4, y + self.GAP / 2, self.width() - 8, height - self.GAP)
            painter.fillPath(rounded(card, 10), SURFACE)
            inner = card.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
            if message.name or message.role in (HOST, SPEAKER):
                painter.setFont(name_font)
                line = QRectF(inner.left(), inner.top(), inner.width(), name_h + 2)
                line.setLeft(line.left() + self._paint_badge(painter, message, line))
                painter.setPen(NAME_COLOUR)
                painter.drawText(
                    line,
                    int(
                        Qt.AlignmentFlag.AlignLeft
                        | Qt.AlignmentFlag.AlignVCenter
                        | Qt.TextFlag.TextSingleLine
                    ),
                    message.name,
                )
                inner.setTop(inner.top() + name_h + 4)
            painter.setFont(text_font)
            painter.setPen(TEXT)
            painter.drawText(
                inner, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), message.text
            )
        # Older lines slide out under a fade at the top rather than being cut off.
        fade = QLinearGradient(0, 0, 0, 48)
        fade.setColorAt(0.0, FEED_BACKGROUND)
        clear = QColor(FEED_BACKGROUND)
        clear.setAlpha(0)
        fade.setColorAt(1.0, clear)
        painter.fillRect(QRectF(0, 0, self.width(), 48), fade)
        painter.end()


class ReactionStrip(QWidget):
    """Reaction bursts as chips ("👏 ×12"), newest on the right, fading as they end. Every chip
    stays visible: they flow into rows and shrink to fit the feed (reactionchips.py)."""

    def __init__(self, bursts: ReactionBursts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bursts = bursts
        self._layout: tuple[tuple[str, ...], int, str, ChipLayout] | None = None
        bursts.changed.connect(self._changed)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _changed(self) -> None:
        self.setVisible(bool(self.bursts.bursts()))
        self._fit()
        self.update()

    def chip_texts(self) -> list[str]:
        return [
            self.tr("{emoji} ×{count}").format(emoji=b.emoji, count=count_text(b.count))
            for b, _ in self.bursts.bursts()
        ]

    def chip_layout(self) -> ChipLayout:
        """Where each chip of ``chip_texts()`` is drawn now, and in what font."""
        texts = tuple(self.chip_texts())
        key = (texts, self.width(), self.font().key())
        if self._layout is None or self._layout[:3] != key:
            self._layout = (*key, lay_out(list(texts), self.width(), self.font()))
        return self._layout[3]

    def _fit(self) -> None:
        """Take the height the chips need at this width (they wrap when the feed is narrow)."""
        height = self.chip_layout().height if self.bursts.bursts() else 0
        if height and height != self.height():
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = self.chip_layout()
        painter.setFont(layout.font)
        for (_burst, opacity), text, chip in zip(
            self.bursts.bursts(), self.chip_texts(), layout.chips, strict=False
        ):
            painter.setOpacity(opacity)
            painter.fillPath(rounded(chip, chip.height() / 2), SURFACE_LINE)
            painter.setPen(TEXT)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.end()


class PinnedQuestion(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinned")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(4)
        self.heading = QLabel(self.tr("📌 Pinned question"))
        self.heading.setObjectName("pinnedHeading")
        self.text = plain_label()
        self.text.setObjectName("pinnedText")
        self.meta = plain_label()
        self.meta.setObjectName("pinnedMeta")
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.meta)

    def show_question(self, question: Question | None) -> None:
        if question is None:
            self.hide()
            return
        self.text.setText(question.text)
        parts = []
        if question.name:
            parts.append(question.name)
        if question.votes:
            parts.append(self.tr("▲ {votes}").format(votes=question.votes))
        self.meta.setText(" · ".join(parts))
        self.meta.setVisible(bool(parts))
        self.show()

    def set_font_size(self, pixels: int) -> None:
        """Sized from the feed's text: the question larger than any chat line, since the
        audience and the recording read it from the shared stage."""
        for label, scale, bold in (
            (self.heading, 0.85, True),
            (self.text, 1.45, True),
            (self.meta, 0.85, False),
        ):
            font = QFont(self.font())
            font.setPixelSize(max(12, round(pixels * scale)))
            font.setBold(bold)
            label.setFont(font)


class FeedPane(QWidget):
    def __init__(
        self, chat: ChatListModel, bursts: ReactionBursts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feed")
        # Paint the style sheet's feed background (a plain QWidget subclass does not by itself):
        # the chat's fade at the top is drawn in that colour, and showed as a band without it.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.chat_model = chat
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        self.heading = QLabel(self.tr("Audience"))
        self.heading.setObjectName("feedHeading")
        self.pinned = PinnedQuestion()
        self.pinned.hide()
        self.poll = PollChart()  # the poll whose result the speaker shows (hidden: none)
        self.reactions = ReactionStrip(bursts)
        self.reactions.hide()
        self.chat = ChatFeed(chat)
        self.chat.setObjectName("chat")
        self.empty = plain_label(self.tr("Chat and reactions from the audience appear here."))
        self.empty.setObjectName("feedEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.heading)
        layout.addWidget(self.pinned)
        layout.addWidget(self.poll)
        layout.addWidget(self.reactions)
        layout.addWidget(self.chat, 1)
        layout.addWidget(self.empty, 1)
        chat.rowsInserted.connect(self._rows_changed)
        chat.modelReset.connect(self._rows_changed)
        self._rows_changed()

    def set_font_size(self, points: int) -> None:
        font = QFont(self.font())
        font.setPixelSize(int(points * 96 / 72))
        self.chat.setFont(font)
        self.pinned.set_font_size(font.pixelSize())
        self.poll.set_font_size(font.pixelSize())
        self.reactions.setFont(QFont(font))
        self.reactions.updateGeometry()
        self.chat.update()

    def _rows_changed(self) -> None:
        has_rows = self.chat_model.rowCount() > 0
        self.chat.setVisible(has_rows)
        self.empty.setVisible(not has_rows)

    def pinned_text(self) -> str:
        return self.pinned.text.text() if self.pinned.isVisible() else ""
