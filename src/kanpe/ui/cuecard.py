"""The host's cue card as the speaker sees it (console and overlay; never the stage).

A flashing cue blinks until the speaker acknowledges it, for at most ``FLASH_FOR_MS`` (then it
stays highlighted): enough to catch an eye without blinking through a whole talk.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kanpe.core.cuewords import read_auto_words
from kanpe.core.model import Cue, CueKind
from kanpe.ui.labels import plain_label

FLASH_EVERY_MS = 450
FLASH_FOR_MS = 20_000


def cue_heading(cue: Cue) -> str:
    match cue.kind:
        case CueKind.TIME:
            return QCoreApplication.translate("Cue", "Time check")
        case CueKind.WRAP:
            return QCoreApplication.translate("Cue", "Wrap up")
        case CueKind.TEXT:
            return QCoreApplication.translate("Cue", "From the host")
        case CueKind.FLASH:
            return QCoreApplication.translate("Cue", "Look here")
        case CueKind.CHECK:
            return QCoreApplication.translate("Cue", "Connection check")


def cue_text(cue: Cue) -> str:
    """The card's big line: the host's words, or what the kind means when they sent none. An
    automatic cue's English words are said in the app's language."""
    seconds = read_auto_words(cue.text) if cue.text else None
    if seconds is not None:
        return auto_cue_text(seconds)
    if cue.text:
        return cue.text
    match cue.kind:
        case CueKind.TIME:
            return QCoreApplication.translate("Cue", "Check your time")
        case CueKind.WRAP:
            return QCoreApplication.translate("Cue", "Please wrap up")
        case CueKind.TEXT | CueKind.FLASH:
            return QCoreApplication.translate("Cue", "The host needs your attention")
        case CueKind.CHECK:
            return QCoreApplication.translate("Cue", "The host checked your connection: all good")


def auto_cue_text(seconds_left: int) -> str:
    """``cuewords.auto_words`` in the app's language."""
    minutes, seconds = divmod(seconds_left, 60)
    if seconds_left <= 0:
        return QCoreApplication.translate("Cue", "Time is up")
    if seconds == 0:
        return QCoreApplication.translate("Cue", "{minutes} min left").format(minutes=minutes)
    if minutes == 0:
        return QCoreApplication.translate("Cue", "{seconds} s left").format(seconds=seconds)
    return QCoreApplication.translate("Cue", "{minutes}:{seconds} left").format(
        minutes=minutes, seconds=f"{seconds:02d}"
    )


class CueFlash(QObject):
    """The blinking state of the current cue, a model: on/off toggles while a flashing cue is
    unacknowledged. The speaker app keeps one, so console and overlay blink together."""

    toggled = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lit = False
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_EVERY_MS)
        self._timer.timeout.connect(self._toggle)
        self._age = QElapsedTimer()
        self._cue_id: str | None = None  # the cue whose flashing ``_age`` times

    @property
    def flashing(self) -> bool:
        return self._timer.isActive()

    def follow(self, cue: Cue | None) -> None:
        if cue is not None and cue.flash and cue.acked_at is None:
            if cue.id != self._cue_id or not self._timer.isActive():
                self._cue_id = cue.id  # a new cue gets its own FLASH_FOR_MS
                self._age.start()
                self._timer.start()
                self._set(True)
        else:
            self._timer.stop()
            self._set(cue is not None and cue.acked_at is None)

    def _toggle(self) -> None:
        if self._age.elapsed() > FLASH_FOR_MS:
            self._timer.stop()
            self._set(True)
            return
        self._set(not self.lit)

    def _set(self, lit: bool) -> None:
        if lit != self.lit:
            self.lit = lit
            self.toggled.emit(lit)


class CueCard(QFrame):
    """Big, plain-text cue with a "Got it" button. ``acknowledge`` fires when it is pressed."""

    acknowledge = Signal()

    def __init__(self, flash: CueFlash | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cueCard")
        self.setProperty("state", "none")
        self.cue: Cue | None = None
        self.flash = flash or CueFlash(self)
        self.flash.toggled.connect(self._lit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("cueHeading")
        self.status = QLabel()
        self.status.setObjectName("cueStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.status)
        self.text = plain_label()
        self.text.setObjectName("cueText")
        self.button = QPushButton(self.tr("Got it  (G)"))
        self.button.setObjectName("gotIt")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the slides
        self.button.clicked.connect(self.acknowledge)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.show_cue(None)

    def show_cue(self, cue: Cue | None) -> None:
        self.cue = cue
        self.flash.follow(cue)
        if cue is None:
            self.heading.setText(self.tr("Cue cards"))
            self.text.setText(self.tr("No cue from the host."))
            self.status.setText("")
            self.button.hide()
            self._state("none")
            return
        self.heading.setText(cue_heading(cue).upper())
        self.text.setText(cue_text(cue))
        acked = cue.acked_at is not None
        self.status.setText(self.tr("✓ Acknowledged") if acked else "")
        self.button.setVisible(not acked)
        self._state("acked" if acked else ("lit" if self.flash.lit else "new"))

    def _lit(self, lit: bool) -> None:
        if self.cue is not None and self.cue.acked_at is None:
            self._state("lit" if lit else "new")

    def _state(self, state: str) -> None:
        if self.property("state") != state:
            self.setProperty("state", state)
            for widget in (self, self.heading, self.text, self.status, self.button):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
