"""The stage: the one window the speaker shares. Slides beside the audience's feed.

What the audience sees, so it holds no cue card at all: the host's cues go to the console and the
overlay only. The optional countdown badge (off by default) sits in the slides' corner.

By default the contents fill the window. With a fixed frame size (``set_frame_size``, for a
stream's window capture) they are laid out at exactly that size in a ``FixedFrame``, which
fits them into the window; its code loads only when a speaker chooses a fixed size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QImage, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from kanpe.ui.countdown_face import CountdownFace
from kanpe.ui.speaker.feed import ChatListModel, ReactionBursts
from kanpe.ui.speaker.feedpane import FeedPane
from kanpe.ui.ticker import CountdownTicker

if TYPE_CHECKING:
    from kanpe.ui.speaker.stageframe import FixedFrame

BADGE_SIZE = (190, 84)
BADGE_MARGIN = 16
OPENING_SIZE = QSize(1600, 900)  # the window's size when it first opens
HANDLE_WIDTH = 6  # the splitter's, between slides and feed


def slides_size(split: float, frame: QSize | None) -> QSize:
    """The size the slides get in a stage that opens at OPENING_SIZE (or is laid out at
    ``frame``) with ``split`` of its width for them: known before the stage is built, so the
    first page can render meanwhile."""
    outer = OPENING_SIZE if frame is None else frame
    return QSize(round((outer.width() - HANDLE_WIDTH) * split), outer.height())


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
        self.resize(OPENING_SIZE)
        self.slides = slides
        self.feed = FeedPane(chat, bursts)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(HANDLE_WIDTH)
        self.splitter.addWidget(slides)
        self.splitter.addWidget(self.feed)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.splitterMoved.connect(self._moved)
        # The contents: in the window's layout, or in a FixedFrame at a fixed size.
        self.contents = QWidget()
        self.contents.setObjectName("stageContents")
        inner = QVBoxLayout(self.contents)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.splitter)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.contents)
        self._fixed: FixedFrame | None = None
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

    @property
    def frame_size(self) -> QSize | None:
        """The fixed size the contents are laid out at; None: they fill the window."""
        return None if self._fixed is None else self._fixed.frame_size

    def set_frame_size(self, size: QSize | None) -> None:
        """Lay the contents out at exactly ``size`` whatever the window (scaled down to fit a
        smaller window, letterboxed), or fill the window again (None). A window that is not
        full screen takes that size when the screen has room for it."""
        if size is None:
            if self._fixed is not None:
                fixed, self._fixed = self._fixed, None
                self._layout.removeWidget(fixed)
                contents = fixed.release()
                fixed.deleteLater()
                assert contents is self.contents
                self.contents.setStyleSheet("")  # the window's own applies again
                self._layout.addWidget(self.contents)
                self.contents.show()
            return
        if self._fixed is None:
            from kanpe.ui.speaker.stageframe import FixedFrame

            self._layout.removeWidget(self.contents)
            self.contents.setParent(None)
            # Out of the window, the contents no longer inherit its style sheet.
            self.contents.setStyleSheet(self.styleSheet())
            self._fixed = FixedFrame(self)
            self._layout.addWidget(self._fixed)
        self._fixed.hold(self.contents, size)
        self._apply_split()
        self._take_size(size)

    def frame(self) -> QImage:
        """The stage's frame as it is now: at the fixed size when there is one, else at the
        window's size."""
        if self._fixed is not None:
            return self._fixed.frame()
        return self.contents.grab().toImage()

    def _take_size(self, size: QSize) -> None:
        if self.isFullScreen() or self.isMaximized():
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableSize() if screen is not None else size
        if size.width() <= room.width() and size.height() <= room.height():
            self.resize(size)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _apply_split(self) -> None:
        width = self.splitter.width() if self._fixed is None else self._fixed.frame_size.width()
        total = width - self.splitter.handleWidth()
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
