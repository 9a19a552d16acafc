"""The start window: what Kanpe shows when it opens with nothing to do (a double click).

Neither the speaker's nor the host's: it offers both, and the demo. Each card ends in one
``StartChoice`` emitted by ``chosen``; the composition root (kanpe.app) turns it into the
speaker app, the host's tools or the demo. The window remembers, in the speaker's settings file,
the recent decks, the practice talk's length and which card was used last (offered first).

A PDF dropped on the window is presented; a speaker link dropped on it (or pasted) is joined.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kanpe.core.links import LinkError, speaker_link_from
from kanpe.storage.settings import MAX_MINUTES, MIN_MINUTES, SettingsStore, SpeakerSettings
from kanpe.ui.labels import plain_label
from kanpe.ui.linkreasons import link_reason


@dataclass(frozen=True, slots=True)
class Present:
    """Present ``deck`` in a practice room of ``minutes`` (the speaker runs the timer)."""

    deck: Path
    minutes: float


@dataclass(frozen=True, slots=True)
class Join:
    """Join the talk of a speaker ``link`` (the https invite, token in its fragment)."""

    link: str


@dataclass(frozen=True, slots=True)
class Host:
    """Host an event."""


@dataclass(frozen=True, slots=True)
class Demo:
    """The sample deck in a practice room."""


type StartChoice = Present | Join | Host | Demo
type AskDeck = Callable[[QWidget], Path | None]

#: Scoped to the window and its cards: a file dialog opened from the window (a child, on Linux
#: drawn by Qt) keeps the ordinary look.
STYLE = """
QWidget#start { background: #101217; }
QLabel#startHeading { color: #e8eaf0; font-size: 26px; font-weight: bold; }
QLabel#startLead { color: #a9afbd; font-size: 15px; }
QFrame#card { background: #1a1d24; border: 2px solid #2a2e38; border-radius: 12px; }
QFrame#card[last="true"] { border-color: #ffd23f; }
QFrame#card QLabel { color: #e8eaf0; }
QFrame#card QLabel#cardHeading { font-size: 18px; font-weight: bold; }
QFrame#card QLabel#cardText { color: #a9afbd; }
QFrame#card QLabel#problem { color: #ff8a7a; font-weight: bold; }
QFrame#card QPushButton {
    padding: 7px 16px; border-radius: 8px; background: #2a2e38; color: #e8eaf0;
}
QFrame#card QPushButton:hover { background: #3a4050; }
QFrame#card QPushButton:focus { border: 2px solid #8ab4ff; }
QFrame#card QPushButton#primary { background: #ffd23f; color: #1b1400; font-weight: bold; }
QFrame#card QPushButton#primary:hover { background: #ffe27a; }
QFrame#card QLineEdit, QFrame#card QListWidget {
    background: #101217; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 6px;
    padding: 4px;
}
QFrame#card QDoubleSpinBox {
    background: #101217; color: #e8eaf0; border: 1px solid #3a4050; border-radius: 6px;
    min-height: 26px;
}
QFrame#card QListWidget::item:selected { background: #3a4050; }
"""


class StartWindow(QWidget):
    """Four cards: present a talk, join with a speaker link, host an event, try the demo."""

    chosen = Signal(object)  # a StartChoice
    closed = Signal()  # closed without a choice

    def __init__(
        self,
        settings: SettingsStore[SpeakerSettings],
        *,
        ask_deck: AskDeck | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("start")
        self.setWindowTitle(self.tr("Welcome to Kanpe"))
        self.setStyleSheet(STYLE)
        self.setAcceptDrops(True)
        self.store = settings
        self.settings = settings.load()
        self._ask_deck = ask_deck or StartWindow.ask_deck_with_dialog
        self.cards: dict[str, QFrame] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 24)
        outer.setSpacing(14)
        heading = plain_label(self.tr("Welcome to Kanpe"))
        heading.setObjectName("startHeading")
        lead = plain_label(
            self.tr(
                "What would you like to do? You can also drop a PDF deck or a speaker link here."
            )
        )
        lead.setObjectName("startLead")
        outer.addWidget(heading)
        outer.addWidget(lead)
        grid = QGridLayout()
        grid.setSpacing(14)
        grid.addWidget(self._present_card(), 0, 0)
        grid.addWidget(self._join_card(), 0, 1)
        grid.addWidget(self._host_card(), 1, 0)
        grid.addWidget(self._demo_card(), 1, 1)
        outer.addLayout(grid, 1)
        self._mark_last(self.settings.start_choice)
        self.resize(860, 520)

    # --- the cards -------------------------------------------------------------------------------

    def _card(self, key: str, title: str, text: str) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 14, 18, 14)
        heading = plain_label(title)
        heading.setObjectName("cardHeading")
        body = plain_label(text)
        body.setObjectName("cardText")
        layout.addWidget(heading)
        layout.addWidget(body)
        self.cards[key] = card
        return card, layout

    @staticmethod
    def _problem_label() -> QLabel:
        label = plain_label("")
        label.setObjectName("problem")
        label.hide()
        return label

    def _present_card(self) -> QFrame:
        card, layout = self._card(
            "present",
            self.tr("Present a talk"),
            self.tr(
                "Open your PDF deck: stage, presenter console and overlay, with a practice timer."
            ),
        )
        self.present_problem = self._problem_label()
        layout.addWidget(self.present_problem)
        self.recent_caption = plain_label(self.tr("Recent decks (double-click to open):"))
        self.recent_caption.setVisible(bool(self.settings.recent_decks))
        layout.addWidget(self.recent_caption)
        self.recent = QListWidget()
        self.recent.setObjectName("recentDecks")
        self.recent.setMaximumHeight(96)
        for path in self.settings.recent_decks:
            item = QListWidgetItem(Path(path).name)
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(self.settings.recent_decks))
        self.recent.itemActivated.connect(
            lambda item: self.present(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        layout.addWidget(self.recent)
        row = QHBoxLayout()
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setDecimals(0)
        self.minutes.setMinimumWidth(90)
        self.minutes.setValue(self.settings.practice_minutes)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setToolTip(self.tr("The talk's length when you practise alone"))
        self.open_button = QPushButton(self.tr("Open a deck…"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_deck)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(plain_label(self.tr("Talk length")))
        row.addWidget(self.minutes)
        layout.addLayout(row)
        return card

    def _join_card(self) -> QFrame:
        card, layout = self._card(
            "join",
            self.tr("Join with a speaker link"),
            self.tr("Your host sent you a link: paste it here (or drop it on this window)."),
        )
        self.link_field = QLineEdit()
        self.link_field.setPlaceholderText(self.tr("https://…/speak/…#…"))
        self.link_field.returnPressed.connect(self.join_pasted)
        layout.addWidget(self.link_field)
        self.join_button = QPushButton(self.tr("Join"))
        self.join_button.setObjectName("primary")
        self.join_button.clicked.connect(self.join_pasted)
        layout.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.join_problem = self._problem_label()
        layout.addWidget(self.join_problem)
        layout.addStretch(1)
        return card

    def _host_card(self) -> QFrame:
        card, layout = self._card(
            "host",
            self.tr("Host an event"),
            self.tr(
                "The host console: the rundown, every speaker's timer and cue cards, "
                "on a relay here."
            ),
        )
        self.host_button = QPushButton(self.tr("Start hosting"))
        self.host_button.clicked.connect(lambda: self._choose("host", Host()))
        layout.addStretch(1)
        layout.addWidget(self.host_button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def _demo_card(self) -> QFrame:
        card, layout = self._card(
            "demo",
            self.tr("Try the demo"),
            self.tr(
                "A whole event on this computer: the host's console, a speaker on the sample "
                "deck and a simulated audience."
            ),
        )
        self.demo_button = QPushButton(self.tr("Open the demo"))
        self.demo_button.clicked.connect(lambda: self._choose("demo", Demo()))
        layout.addStretch(1)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        return card

    def _mark_last(self, key: str) -> None:
        """The card used last time gets a highlight and the keyboard focus."""
        for name, card in self.cards.items():
            card.setProperty("last", name == key)
            card.style().unpolish(card)
            card.style().polish(card)
        focus = {
            "present": self.open_button,
            "join": self.link_field,
            "host": self.host_button,
            "demo": self.demo_button,
        }.get(key, self.open_button)
        focus.setFocus()

    # --- the choices -----------------------------------------------------------------------------

    def ask_deck_with_dialog(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a PDF deck"), "", self.tr("PDF decks (*.pdf)")
        )
        return Path(chosen) if chosen else None

    def open_deck(self) -> None:
        path = self._ask_deck(self)
        if path is not None:
            self.present(path)

    def present(self, deck: Path) -> None:
        if not deck.is_file():
            self._refuse(
                self.present_problem,
                self.tr("This deck is not there any more: {path}").format(path=deck),
            )
            self._remember(
                replace(
                    self.settings,
                    recent_decks=tuple(p for p in self.settings.recent_decks if p != str(deck)),
                )
            )
            return
        minutes = self.minutes.value()
        self._remember(replace(self.settings.with_recent_deck(str(deck)), practice_minutes=minutes))
        self._choose("present", Present(deck=deck, minutes=minutes))

    def join_pasted(self) -> None:
        self.join(self.link_field.text())

    def join(self, text: str) -> None:
        try:
            invite = speaker_link_from(text)
        except LinkError as exc:
            self._refuse(
                self.join_problem,
                self.tr("This link cannot be used: {reason}").format(reason=link_reason(exc)),
            )
            self.link_field.setFocus()
            return
        self._choose("join", Join(link=invite.link))

    def _refuse(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _remember(self, settings: SpeakerSettings) -> None:
        self.settings = settings
        try:
            self.store.save(settings)
        except OSError as exc:
            self._refuse(
                self.present_problem,
                self.tr("Could not save settings: {error}").format(error=exc),
            )

    def _choose(self, key: str, choice: StartChoice) -> None:
        for label in (self.present_problem, self.join_problem):
            self._refuse(label, "")
        self._remember(replace(self.settings, start_choice=key))
        self.chosen.emit(choice)

    # --- dropping a deck or a link ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_deck(event.mimeData()) is not None or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        deck = dropped_deck(event.mimeData())
        if deck is not None:
            event.acceptProposedAction()
            self.present(deck)
        elif event.mimeData().hasText():
            event.acceptProposedAction()
            self.link_field.setText(event.mimeData().text().strip())
            self.join_pasted()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def dropped_deck(mime: QMimeData) -> Path | None:
    """The local PDF file among what was dropped, if any."""
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf"):
            return Path(url.toLocalFile())
    return None
