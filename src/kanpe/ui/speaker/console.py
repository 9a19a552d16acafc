"""The presenter console: the speaker's private screen.

Current slide on the left; on the right the countdown (coloured, labelled and shaped by phase),
elapsed / planned end / wall clock, the host's cue card with "Got it", the next slide, and a line
to write in the audience's chat (here, never on the stage: the stage is streamed); on the right
edge the talk's question queue, or its count while folded. The status
bar says whether the link is up (with its latency) or since when it is down; notices for the
speaker (a refused command, settings that could not be saved) show over the slide's corner.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kanpe.core.notices import Notices
from kanpe.ui.chatcompose import ChatComposer
from kanpe.ui.countdown_face import CountdownFace
from kanpe.ui.cuecard import CueCard, CueFlash
from kanpe.ui.help import HelpOverlay, help_sections
from kanpe.ui.keys import SPEAKER_BINDINGS, SPEAKER_KEYMAP, Keymap
from kanpe.ui.labels import ElidedLabel, plain_label
from kanpe.ui.menus import build_menus, choice_name
from kanpe.ui.notices import NoticeView
from kanpe.ui.phases import BACKGROUND, TEXT
from kanpe.ui.speaker.actions import SpeakerActions
from kanpe.ui.speaker.pacepanel import PacePanel
from kanpe.ui.speaker.pollpanel import PollPanel
from kanpe.ui.speaker.questionqueue import QuestionQueue, QueueEdge
from kanpe.ui.ticker import CountdownTicker


class InfoValue(QWidget):
    """A figure that changes every second: painted in place at a fixed size, so a new value
    repaints this small rectangle and never relays out the console."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = "--:--"
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(24)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(metrics.horizontalAdvance("-00:00:00"), metrics.height())

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(TEXT)
        painter.drawText(
            self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self._text
        )
        painter.end()


class InfoPanel(QFrame):
    """Three figures side by side: elapsed, planned end, wall clock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("infoPanel")
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 10, 16, 12)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.values: dict[str, InfoValue] = {}
        names = {
            "elapsed": self.tr("Elapsed"),
            "ends": self.tr("Ends at"),
            "clock": self.tr("Clock"),
        }
        for column, (key, name) in enumerate(names.items()):
            caption = QLabel(name)
            caption.setObjectName("infoName")
            value = InfoValue()
            value.setObjectName("infoValue")
            self.values[key] = value
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            grid.setColumnStretch(column, 1)

    def set_value(self, key: str, text: str) -> None:
        self.values[key].setText(text)

    def value(self, key: str) -> str:
        return self.values[key].text()


class PresenterConsole(QMainWindow):
    """The speaker's private screen (see the module's docstring); it paints what it is told."""

    openDeckRequested = Signal()
    closing = Signal()

    def __init__(
        self,
        current: QWidget,
        upcoming: QWidget,
        ticker: CountdownTicker,
        parent: QWidget | None = None,
        *,
        notices: Notices | None = None,
        flash: CueFlash | None = None,
        chat: ChatComposer | None = None,
    ) -> None:
        """``notices``: the channel whose notices this console shows (None: one of its own);
        ``chat``: the line to write in the room's chat (None: none)."""
        super().__init__(parent)
        self.setObjectName("console")
        self.setWindowTitle(self.tr("Kanpe — Presenter console"))
        self.resize(1440, 860)
        self.face = CountdownFace(ticker)
        self.face.set_backdrop(BACKGROUND)
        self.face.setMinimumHeight(200)
        self.info = InfoPanel()
        self.pace = PacePanel()  # against the rehearsal: kanpe.ui.speaker.pace
        self.cue = CueCard(flash)
        self.cue.setMinimumHeight(150)
        self.current = current
        self.upcoming = upcoming

        self.title = ElidedLabel()  # a long title gives way to the slide number, whole in a tooltip
        self.title.setObjectName("talkTitle")
        self.slide_number = QLabel()
        self.slide_number.setObjectName("slideNumber")
        self.open_button = QPushButton(self.tr("Open deck…"))
        self.open_button.setObjectName("openDeck")
        self.open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_button.clicked.connect(self.openDeckRequested)
        self.deck_message = ""  # shown by the slide views' placeholder

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.slide_number)
        header.addSpacing(12)
        header.addWidget(self.open_button)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addLayout(header)
        left.addWidget(current, 1)
        self.polls = PollPanel(
            {
                "new": SPEAKER_KEYMAP.label("poll.new"),
                "stage": SPEAKER_KEYMAP.label("poll.stage"),
                "close": SPEAKER_KEYMAP.label("poll.close"),
            }
        )
        left.addWidget(self.polls, 0)

        next_caption = QLabel(self.tr("Next"))
        next_caption.setObjectName("sectionHeading")
        self.next_caption = next_caption
        upcoming.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.face, 5)
        right.addWidget(self.info, 0)
        right.addWidget(self.pace, 0)
        right.addWidget(self.cue, 3)
        right.addWidget(next_caption, 0)
        right.addWidget(upcoming, 3)
        self.chat = chat
        if chat is not None:
            chat_caption = QLabel(self.tr("Chat"))
            chat_caption.setObjectName("sectionHeading")
            right.addWidget(chat_caption, 0)
            right.addWidget(chat, 0)

        body = QWidget()
        body.setObjectName("console")
        columns = QHBoxLayout(body)
        columns.setContentsMargins(18, 14, 18, 14)
        columns.setSpacing(18)
        columns.addLayout(left, 62)
        columns.addLayout(right, 38)
        # The question queue on the right edge, folded to a strip with the count while busy.
        keymap = Keymap(SPEAKER_BINDINGS)
        self.questions = QuestionQueue(
            {
                "pin": keymap.label("question.pin"),
                "answer": keymap.label("question.answer"),
                "hide": keymap.label("question.hide"),
                "close": keymap.label("questions.toggle"),
                "next": keymap.label("questions.next"),
                "previous": keymap.label("questions.previous"),
            }
        )
        self.queue_edge = QueueEdge()
        self.queue_edge.hide()
        columns.addWidget(self.questions)
        columns.addWidget(self.queue_edge)
        self.setCentralWidget(body)

        self.link_status = plain_label()  # says why the relay refused us, in its own words
        self.link_status.setObjectName("linkStatus")
        self.link_status.setWordWrap(False)
        self.mode = QLabel()
        hint = QLabel(self.tr("Press ? for shortcuts"))
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        status.addWidget(self.link_status)
        status.addWidget(self.mode, 1)
        status.addPermanentWidget(hint)

        # Over the slide's corner, not in a layout: a notice coming or going moves no slide.
        self.notices = NoticeView(Notices() if notices is None else notices, body)
        self.notices.changed.connect(self._place_notices)
        self._place_notices()
        # Help and menus: the keys from the binding table, the words from the speaker's actions.
        words = SpeakerActions(self)
        self.help = HelpOverlay(body, help_sections(keymap, words.help_sections()))
        # For the mouse; the keys beside each item are handled by the speaker's key router.
        self.menu_actions: dict[str, QAction] = build_menus(self.menuBar(), keymap, words.menus())

    def focus_chat(self) -> bool:
        """Put the cursor in the chat line; False when this console has none."""
        if self.chat is None:
            return False
        self.chat.focus()
        return True

    def set_checked(self, action_name: str, on: bool) -> None:
        """Tick the menu item of ``action_name`` (a binding's action) without triggering it."""
        action = self.menu_actions[action_name]
        if action.isChecked() != on:
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)

    def set_choice(self, action_name: str, value: str) -> None:
        """Tick ``value`` among the menu's choices for ``action_name``, and untick the others."""
        prefix = choice_name(action_name, "")
        for name in self.menu_actions:
            if name.startswith(prefix):
                self.set_checked(name, name == prefix + value)

    def set_link_status(self, state: str, text: str) -> None:
        """The link's status text, styled by ``state`` (online, offline, connecting, failed)."""
        self.link_status.setText(text)
        if self.link_status.property("state") != state:
            self.link_status.setProperty("state", state)
            self.link_status.style().unpolish(self.link_status)
            self.link_status.style().polish(self.link_status)

    def _place_notices(self) -> None:
        # A hidden window gets its resize events when shown, after __init__ built the view.
        view, body = self.notices, self.centralWidget()
        if body is None:
            return
        width = min(720, max(240, body.width() * 62 // 100 - 36))
        view.setFixedWidth(width)
        view.adjustSize()
        view.move(18, max(0, body.height() - view.height() - 14))
        view.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_notices()

    def set_deck_error(self, message: str) -> None:
        """Why the deck could not be opened ("": it could), for the slide views' placeholder."""
        self.deck_message = message

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
