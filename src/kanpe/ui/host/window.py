"""HostWindow: the host console's one main window.

Header (the event, the talk on stage, the link, the running-late strip, the time), a banner
while the relay cannot be reached, then three columns: the rundown, a card per talk, and the
side panels (the cue cards first; others join with ``add_panel``). Every action comes from the
one key binding table (``kanpe.ui.host.keys``); ``?`` shows it. The window only shows and asks:
the console (``kanpe.ui.host.console``) decides what happens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kanpe.core.notices import Notices
from kanpe.ui.help import HelpOverlay, help_sections
from kanpe.ui.host.cards import CardsPanel
from kanpe.ui.host.cues import CuePanel
from kanpe.ui.host.keys import HOST_KEYMAP, HostActions
from kanpe.ui.host.lateness import LatenessStrip
from kanpe.ui.host.rundown_panel import RundownPanel
from kanpe.ui.host.style import HOST_STYLE
from kanpe.ui.labels import plain_label
from kanpe.ui.menus import build_menus
from kanpe.ui.notices import NoticeView


class HostWindow(QMainWindow):
    closing = Signal()

    def __init__(
        self,
        notices: Notices,
        relay_now: Callable[[], float | None],
        clock: Callable[[], float],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hostWindow")
        self.setWindowTitle(self.tr("Kanpe host console"))
        self.setStyleSheet(HOST_STYLE)
        self.words = HostActions(self)
        self.actions_by_id = build_menus(self.menuBar(), HOST_KEYMAP, self.words.menus())
        body = QWidget()
        body.setObjectName("hostCentral")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._header())
        column.addWidget(self._banner())
        self.rundown = RundownPanel(self.actions_by_id)
        self.cards = CardsPanel(relay_now, clock)
        self.cards_area = QScrollArea()
        self.cards_area.setObjectName("cardsArea")
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setWidget(self.cards)
        self.cues = CuePanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sidePanels")
        self.tabs.addTab(self.cues, self.tr("Cue cards"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.rundown, 4), (self.cards_area, 5), (self.tabs, 3)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.rundown.setMinimumWidth(360)
        self.tabs.setMinimumWidth(280)
        self.cards_area.setMinimumWidth(420)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(body)
        self.notices = NoticeView(notices, body)
        self.notices.changed.connect(self._place_notices)
        self.help = HelpOverlay(body, help_sections(HOST_KEYMAP, self.words.help_sections()))
        self.actions_by_id["help"].triggered.connect(self.help.toggle)
        self.actions_by_id["cue.type"].triggered.connect(self._type_cue)
        self.resize(1360, 800)

    # --- building -------------------------------------------------------------------------------

    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("hostHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(14)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.event_title = QLabel()
        self.event_title.setObjectName("eventTitle")
        self.event_title.setTextFormat(Qt.TextFormat.PlainText)
        self.on_stage = QLabel()
        self.on_stage.setObjectName("onStage")
        self.on_stage.setTextFormat(Qt.TextFormat.PlainText)
        names.addWidget(self.event_title)
        names.addWidget(self.on_stage)
        row.addLayout(names, 1)
        self.lateness = LatenessStrip()
        row.addWidget(self.lateness, 1)
        self.link_pill = QLabel()
        self.link_pill.setObjectName("linkPill")
        row.addWidget(self.link_pill)
        self.wall_clock = QLabel()
        self.wall_clock.setObjectName("wallClock")
        row.addWidget(self.wall_clock)
        return header

    def _banner(self) -> QFrame:
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        column = QVBoxLayout(self.banner)
        column.setContentsMargins(16, 8, 16, 8)
        top = QHBoxLayout()
        self.banner_title = plain_label()
        self.banner_title.setObjectName("bannerTitle")
        self.forget_unsent = QPushButton(self.tr("Forget this list"))
        top.addWidget(self.banner_title, 1)
        top.addWidget(self.forget_unsent, 0, Qt.AlignmentFlag.AlignTop)
        self.banner_text = plain_label()
        self.banner_unsent = plain_label()
        column.addLayout(top)
        column.addWidget(self.banner_text)
        column.addWidget(self.banner_unsent)
        self.banner.hide()
        return self.banner

    # --- showing ---------------------------------------------------------------------------------

    def set_link(self, state: str, text: str) -> None:
        self.link_pill.setText(text)
        if self.link_pill.property("state") != state:
            self.link_pill.setProperty("state", state)
            self.link_pill.style().unpolish(self.link_pill)
            self.link_pill.style().polish(self.link_pill)

    def show_banner(self, title: str, text: str, unsent: list[str]) -> None:
        """The relay problem in words, and what the host did that was not sent."""
        self.banner_title.setText(title)
        self.banner_text.setText(text)
        self.banner_text.setVisible(bool(text))
        lines = "\n".join(f"✕ {line}" for line in unsent[-6:])
        if len(unsent) > 6:
            lines = self.tr("…and {count} more").format(count=len(unsent) - 6) + "\n" + lines
        self.banner_unsent.setText(
            self.tr("Not sent (do them again once the relay is back):") + "\n" + lines
            if unsent
            else ""
        )
        self.banner_unsent.setVisible(bool(unsent))
        self.forget_unsent.setVisible(bool(unsent))
        self.banner.show()

    def hide_banner(self) -> None:
        self.banner.hide()

    def add_panel(self, widget: QWidget, title: str) -> int:
        """A side panel (audience, invites, check-in, ...) as a tab beside the cue cards."""
        return self.tabs.addTab(widget, title)

    def _type_cue(self) -> None:
        index = self.tabs.indexOf(self.cues)
        self.tabs.setCurrentIndex(index)
        self.cues.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _place_notices(self) -> None:
        body = self.centralWidget()
        if body is None:
            return
        # Over the side panels' bottom-right corner, clear of the rundown's "Next talk".
        view = self.notices
        width = min(560, max(300, self.tabs.width() - 16))
        view.setFixedWidth(width)
        view.adjustSize()
        view.move(max(0, body.width() - width - 12), max(0, body.height() - view.height() - 12))
        view.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_notices()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
