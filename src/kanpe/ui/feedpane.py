"""The stage's feed pane: the pinned question, reaction bursts and chat, all as plain text.

Nothing from the network is ever rendered as rich text: labels are Qt.PlainText and chat rows are
painted with QPainter.drawText, which does not interpret markup.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from kanpe.core.model import Question
from kanpe.ui.feed import ChatListModel, ReactionBursts
from kanpe.ui.phases import MUTED, SURFACE, SURFACE_LINE, TEXT, rounded

NAME_COLOUR = QColor("#7cc4ff")
PIN_COLOUR = QColor("#ffd23f")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class ChatDelegate(QStyledItemDelegate):
    """A chat row: the sender's name above their words, on a rounded card. Plain text only."""

    PAD = 10
    GAP = 6

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self) -> tuple[QFont, QFont]:
        text = QFont(self.view.font())
        name = QFont(text)
        name.setBold(True)
        name.setPixelSize(max(8, int(text.pixelSize() * 0.8)) if text.pixelSize() > 0 else 11)
        return name, text

    def _text_width(self) -> int:
        return max(40, self.view.viewport().width() - 2 * self.PAD - 8)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        name_font, text_font = self._fonts()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        name = str(index.data(ChatListModel.NameRole) or "")
        width = self._text_width()
        flags = int(Qt.TextFlag.TextWordWrap)
        body = QFontMetrics(text_font).boundingRect(QRect(0, 0, width, 10_000), flags, text)
        height = body.height() + 2 * self.PAD + self.GAP
        if name:
            height += QFontMetrics(name_font).height() + 2
        return QSize(self.view.viewport().width(), height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        name_font, text_font = self._fonts()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        name = str(index.data(ChatListModel.NameRole) or "")
        rect = QRectF(option.rect).adjusted(4, self.GAP / 2, -4, -self.GAP / 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(rounded(rect, 10), SURFACE)
        inner = rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        if name:
            painter.setFont(name_font)
            painter.setPen(NAME_COLOUR)
            name_h = QFontMetrics(name_font).height()
            painter.drawText(
                QRectF(inner.left(), inner.top(), inner.width(), name_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine),
                name,
            )
            inner.setTop(inner.top() + name_h + 2)
        painter.setFont(text_font)
        painter.setPen(TEXT)
        painter.drawText(inner, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), text)
        painter.restore()


class ReactionStrip(QWidget):
    """Reaction bursts as chips ("👏 ×12"), newest on the right, fading as they end."""

    def __init__(self, bursts: ReactionBursts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bursts = bursts
        bursts.changed.connect(self._changed)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _changed(self) -> None:
        self.setVisible(bool(self.bursts.bursts()))
        self.update()

    def chip_texts(self) -> list[str]:
        return [
            self.tr("{emoji} ×{count}").format(emoji=b.emoji, count=b.count)
            for b, _ in self.bursts.bursts()
        ]

    def sizeHint(self) -> QSize:
        return QSize(200, int(self.fontMetrics().height() * 2.2))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        height = self.height() - 6
        x = float(self.width())
        for (_burst, opacity), text in zip(
            reversed(self.bursts.bursts()), reversed(self.chip_texts()), strict=False
        ):
            width = metrics.horizontalAdvance(text) + height * 0.8
            x -= width
            if x < 0:
                break
            painter.setOpacity(opacity)
            chip = QRectF(x, 3, width, height)
            painter.fillPath(rounded(chip, height / 2), SURFACE_LINE)
            painter.setPen(TEXT)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
            x -= 8
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


class FeedPane(QWidget):
    def __init__(
        self, chat: ChatListModel, bursts: ReactionBursts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feed")
        self.chat_model = chat
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        self.heading = QLabel(self.tr("Audience"))
        self.heading.setObjectName("feedHeading")
        self.pinned = PinnedQuestion()
        self.pinned.hide()
        self.reactions = ReactionStrip(bursts)
        self.reactions.hide()
        self.chat = QListView()
        self.chat.setObjectName("chat")
        self.chat.setModel(chat)
        self.chat.setItemDelegate(ChatDelegate(self.chat))
        self.chat.setResizeMode(QListView.ResizeMode.Adjust)
        self.chat.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.chat.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chat.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chat.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.chat.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chat.setFrameShape(QFrame.Shape.NoFrame)
        self.empty = plain_label(self.tr("Chat and reactions from the audience appear here."))
        self.empty.setObjectName("feedEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.heading)
        layout.addWidget(self.pinned)
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
        self.pinned.text.setFont(font)
        strip = QFont(font)
        self.reactions.setFont(strip)
        self.reactions.updateGeometry()
        self.chat.doItemsLayout()

    def _rows_changed(self) -> None:
        has_rows = self.chat_model.rowCount() > 0
        self.chat.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if has_rows:
            self.chat.scrollToBottom()

    def pinned_text(self) -> str:
        return self.pinned.text.text() if self.pinned.isVisible() else ""

    def muted_colour(self) -> QColor:
        return MUTED
