"""The stage: the one window the speaker shares. Slides beside the audience's feed.

What the audience sees, so it holds no cue card at all: the host's cues go to the console and the
overlay only. The optional countdown badge (off by default) sits in the slides' corner.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from kanpe.ui.countdown_face import CountdownFace
from kanpe.ui.speaker.feed import ChatListModel, ReactionBursts
from kanpe.ui.speaker.feedpane import FeedPane
from kanpe.ui.ticker import CountdownTicker

BADGE_SIZE = (190, 84)
BADGE_MARGIN = 16


class StageWindow(QWidget):
    splitChanged = Signal(float)  # share of the width given to the slides, after a drag
    closing = Signal()

    def __init__(
        self,
        slides: QWidget,
        chat: ChatListModel,
        bursts: ReactionBursts,
        ticker: CountdownTicker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stage")
        self.setWindowTitle(self.tr("Kanpe — Stage"))
        self.resize(1600, 900)
        self.slides = slides
        self.feed = FeedPane(chat, bursts)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.splitter.addWidget(slides)
        self.splitter.addWidget(self.feed)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.splitterMoved.connect(self._moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.badge = CountdownFace(ticker, compact=True, parent=slides)
        self.badge.setObjectName("stageBadge")
        self.badge.resize(*BADGE_SIZE)
        self.badge.hide()
        self.badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        slides.installEventFilter(self)
        self._split = 0.72

    @property
    def split(self) -> float:
        return self._split

    def set_split(self, share: float) -> None:
        self._split = share
        self._apply_split()

    def set_badge_visible(self, visible: bool) -> None:
        self.badge.setVisible(visible)
        self._place_badge()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _apply_split(self) -> None:
        total = self.splitter.width() - self.splitter.handleWidth()
        if total > 0:
            left = round(total * self._split)
            self.splitter.setSizes([left, total - left])

    def _moved(self, pos: int, index: int) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total > 0:
            self._split = sizes[0] / total
            self.splitChanged.emit(self._split)

    def _place_badge(self) -> None:
        self.badge.move(self.slides.width() - self.badge.width() - BADGE_MARGIN, BADGE_MARGIN)
        self.badge.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.slides and event.type() == QEvent.Type.Resize:
            self._place_badge()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_split()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply_split()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
