"""The overlay: a small frameless, always-on-top, translucent countdown over any application.

For speakers who present from PowerPoint, Keynote or a browser and share that instead of the
stage. Drag it anywhere, resize it from its corner; the cue card flashes in it, and the number of
new audience questions shows in its corner. In click-through
mode it ignores the mouse entirely (clicks reach the window below); the console's View menu and
its shortcut (T) bring the mouse back.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QMouseEvent, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizeGrip, QVBoxLayout, QWidget

from kanpe.core.model import Cue
from kanpe.ui.countdown_face import CountdownFace
from kanpe.ui.cuecard import CueFlash, cue_text
from kanpe.ui.labels import plain_label
from kanpe.ui.ticker import CountdownTicker

OVERLAY_FLAGS = (
    Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
)
DEFAULT_SIZE = (300, 150)
MIN_SIZE = (160, 80)


class OverlayWindow(QWidget):
    geometryEdited = Signal(QRect)  # moved or resized by the speaker
    closedByUser = Signal()

    def __init__(
        self,
        ticker: CountdownTicker,
        parent: QWidget | None = None,
        *,
        flash: CueFlash | None = None,
    ) -> None:
        super().__init__(parent, OVERLAY_FLAGS)
        self.setObjectName("overlay")
        self.setWindowTitle(self.tr("Kanpe overlay"))
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # On macOS a Tool window hides whenever Kanpe is not the active app: over Keynote, say.
        self.setAttribute(Qt.WidgetAttribute.WA_MacAlwaysShowToolWindow)
        self.setMinimumSize(*MIN_SIZE)
        self.resize(*DEFAULT_SIZE)
        self.face = CountdownFace(ticker, compact=True)
        self.face.translucent = True
        self.cue_label = plain_label()
        self.cue_label.setObjectName("overlayCue")
        self.cue_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cue_label.setProperty("lit", False)
        self.cue_label.hide()
        self.flash = flash or CueFlash(self)
        self.flash.toggled.connect(self._lit)
        self.grip = QSizeGrip(self)
        self.grip.setObjectName("overlayGrip")
        # Outside a layout a child keeps QWidget's default 100x30: a third of the overlay's
        # bottom would resize instead of drag. The style's corner handle is about 17x17.
        self.grip.resize(self.grip.sizeHint())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.face, 3)
        layout.addWidget(self.cue_label, 1)
        # New audience questions, over the face's corner (not in the layout: it moves nothing).
        self.questions_badge = QLabel(self)
        self.questions_badge.setObjectName("overlayQuestions")
        self.questions_badge.hide()
        self._drag_from: QPoint | None = None
        self._restoring = False
        self._cue_extra = 0
        self.click_through = False

    # --- what the controller sets -------------------------------------------------------------

    def set_opacity(self, opacity: float) -> None:
        self.face.panel_alpha = int(255 * opacity)
        self.face.update()

    def show_cue(self, cue: Cue | None) -> None:
        self.flash.follow(cue)
        if cue is None or cue.acked_at is not None:
            if self.cue_label.isVisible() or self._cue_extra:
                self.cue_label.hide()
                self._grow(-self._cue_extra)
            return
        self.cue_label.setText(cue_text(cue))
        if not self.cue_label.isVisibleTo(self):
            self.cue_label.show()
            self._grow(max(48, self.height() // 2))

    def show_new_questions(self, count: int) -> None:
        """How many of the talk's questions the speaker has not seen yet (0: nothing shown)."""
        if count:
            self.questions_badge.setText(self.tr("❓ {n} new").format(n=count))
            self.questions_badge.adjustSize()
            self.questions_badge.move(6, 6)
            self.questions_badge.raise_()
        self.questions_badge.setVisible(count > 0)

    def _grow(self, extra: int) -> None:
        """Make room for the cue below the countdown (and give it back), without counting it as
        the speaker's own resize."""
        self._cue_extra = max(0, self._cue_extra + extra)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the minimum size must already follow the cue line's visibility
        self._restoring = True
        try:
            self.resize(self.width(), max(MIN_SIZE[1], self.height() + extra))
        finally:
            self._restoring = False

    def set_click_through(self, on: bool) -> None:
        """Let clicks pass to the window below. Re-shows the window: Qt needs that for flags."""
        self.click_through = on
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowTransparentForInput, on)
        self.grip.setVisible(not on)
        if visible:
            self.show()

    def restore_geometry(self, rect: QRect) -> None:
        """Put the overlay where the speaker left it, if that is on a screen still: one left on a
        monitor since unplugged comes back centred on the primary screen (frameless and without
        a taskbar entry, it could be neither seen nor dragged back)."""
        screen = QGuiApplication.primaryScreen()
        if QGuiApplication.screenAt(rect.center()) is None and screen is not None:
            area = screen.availableGeometry()
            rect = QRect(rect.topLeft(), rect.size().boundedTo(area.size()))
            rect.moveCenter(area.center())
        self._restoring = True
        try:
            self.setGeometry(rect)
        finally:
            self._restoring = False

    # --- dragging -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.move(event.globalPosition().toPoint() - self._drag_from)
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._edited()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.grip.move(self.width() - self.grip.width(), self.height() - self.grip.height())
        self.grip.raise_()
        self._edited()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closedByUser.emit()
        super().closeEvent(event)

    def _edited(self) -> None:
        if not self._restoring and self.isVisible():
            rect = self.geometry()
            rect.setHeight(rect.height() - self._cue_extra)
            self.geometryEdited.emit(rect)

    def _lit(self, lit: bool) -> None:
        self.cue_label.setProperty("lit", lit)
        self.cue_label.style().unpolish(self.cue_label)
        self.cue_label.style().polish(self.cue_label)
