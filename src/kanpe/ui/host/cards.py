"""A card per talk: is its speaker there, what they see, and the controls of their timer.

The countdown is drawn by the same ``CountdownFace`` the speaker's console and overlay use,
fed by a ``CountdownTicker`` of its own that follows the slot's timer: the host sees the phase
and the time left exactly as the speaker does. A card only shows what it is given (``show``)
and says what the host asked for (``requested``); the console turns that into commands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kanpe.core.clockface import TimerStatus
from kanpe.core.countdown import Thresholds
from kanpe.core.model import SlotState
from kanpe.core.roster import CueState, TalkRow
from kanpe.ui.countdown_face import CountdownFace
from kanpe.ui.cuecard import cue_text
from kanpe.ui.labels import plain_label
from kanpe.ui.ticker import CountdownTicker, clock_text

#: A speaker's wall clock this far from relay time is flagged: their "ends at" and clock are wrong.
CLOCK_FLAG_MS = 1000.0


def elapsed_text(seconds: float) -> str:
    """A short "for how long": 12 s, 4 min, 1 h 05 min (in the window's language)."""
    translate = QCoreApplication.translate
    seconds = max(0, int(seconds))
    if seconds < 60:
        return translate("Elapsed", "{seconds} s").format(seconds=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return translate("Elapsed", "{minutes} min").format(minutes=minutes)
    return translate("Elapsed", "{hours} h {minutes:02d} min").format(
        hours=minutes // 60, minutes=minutes % 60
    )


class SpeakerCard(QFrame):
    """One talk's card. ``requested(slot, action, value)``: start, pause, reset, adjust (seconds),
    length (ask), self_timer (0/1); ``selected(slot)`` when clicked."""

    requested = Signal(str, str, int)
    selected = Signal(str)

    def __init__(
        self, slot_id: str, relay_now: Callable[[], float | None], clock: Callable[[], float]
    ) -> None:
        super().__init__()
        self.slot_id = slot_id
        self.setObjectName("speakerCard")
        self.setProperty("state", "offline")
        self.setProperty("chosen", False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.ticker = CountdownTicker(relay_now, clock=clock, parent=self)
        self.row: TalkRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addLayout(self._header())
        body = QHBoxLayout()
        body.setSpacing(12)
        self.face = CountdownFace(self.ticker, compact=True)
        self.face.setFixedSize(190, 104)
        self.face.set_backdrop(self.palette().window().color())
        body.addWidget(self.face, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(self._facts(), 1)
        layout.addLayout(body)
        layout.addLayout(self._controls())

    def _header(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.presence = QLabel()
        self.presence.setObjectName("cardPresence")
        self.speaker = QLabel()
        self.speaker.setObjectName("cardSpeaker")
        self.speaker.setTextFormat(Qt.TextFormat.PlainText)
        self.stage_badge = QLabel(self.tr("ON STAGE"))
        self.stage_badge.setObjectName("stageBadge")
        top.addWidget(self.speaker, 1)
        top.addWidget(self.stage_badge)
        top.addWidget(self.presence)
        return top

    def _facts(self) -> QVBoxLayout:
        facts = QVBoxLayout()
        facts.setSpacing(3)
        self.title = plain_label()
        self.title.setObjectName("cardTitle")
        self.link_facts = QLabel()
        self.link_facts.setObjectName("cardFacts")
        self.slide = QLabel()
        self.slide.setObjectName("cardFacts")
        self.cue = plain_label()
        self.cue.setObjectName("cardCue")
        self.cue_state = QLabel()
        self.cue_state.setObjectName("cardCueState")
        for widget in (self.title, self.link_facts, self.slide, self.cue, self.cue_state):
            facts.addWidget(widget)
        facts.addStretch(1)
        return facts

    def _controls(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(4)
        self.start = self._button(self.tr("Start"), "start", 0, primary=True)
        self.reset = self._button(self.tr("Reset"), "reset", 0)
        self.buttons = {
            "start": self.start,
            "reset": self.reset,
            "minus_minute": self._button(self.tr("−1 min"), "adjust", -60),
            "minus_ten": self._button(self.tr("−10 s"), "adjust", -10),
            "plus_ten": self._button(self.tr("+10 s"), "adjust", 10),
            "plus_minute": self._button(self.tr("+1 min"), "adjust", 60),
            "length": self._button(self.tr("Length…"), "length", 0),
        }
        for column, key in enumerate(self.buttons):
            grid.addWidget(self.buttons[key], 0, column)
        toggles = QHBoxLayout()
        toggles.setSpacing(10)
        self.self_timer = self._toggle(self.tr("Speaker runs the timer"), "self_timer")
        toggles.addWidget(self.self_timer)
        toggles.addStretch(1)
        auto = QLabel(self.tr("Auto-cues:"))
        auto.setObjectName("cardFacts")
        toggles.addWidget(auto)
        self.auto = {
            "warning": self._toggle(self.tr("warning"), "auto_warning"),
            "final": self._toggle(self.tr("final"), "auto_final"),
            "time_up": self._toggle(self.tr("time up"), "auto_time_up"),
        }
        for box in self.auto.values():
            box.setToolTip(self.tr("Cue the speaker by itself at this moment (once)"))
            toggles.addWidget(box)
        grid.addLayout(toggles, 1, 0, 1, len(self.buttons))
        return grid

    def _toggle(self, text: str, action: str) -> QCheckBox:
        box = QCheckBox(text)
        box.setObjectName("cardToggle")
        box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        box.toggled.connect(lambda on: self.requested.emit(self.slot_id, action, int(on)))
        return box

    def _button(self, text: str, action: str, value: int, *, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("cardPrimary" if primary else "cardButton")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda: self._clicked(action, value))
        return button

    def _auto_word(self, key: str) -> str:
        return {
            "warning": self.tr("warning"),
            "final": self.tr("final"),
            "time_up": self.tr("time up"),
        }[key]

    def _clicked(self, action: str, value: int) -> None:
        if action == "start" and self.ticker.status is TimerStatus.RUNNING:
            action = "pause"
        self.requested.emit(self.slot_id, action, value)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.selected.emit(self.slot_id)
        super().mousePressEvent(event)

    # --- showing --------------------------------------------------------------------------------

    def set_chosen(self, chosen: bool) -> None:
        _set_state(self, "chosen", chosen)

    def show_row(
        self,
        row: TalkRow,
        slot: SlotState | None,
        thresholds: Thresholds,
        since: float | None,
        wall_now: Callable[[float], float],
        *,
        live: bool = True,
    ) -> None:
        """``since``: seconds the speaker has been online (or offline), as this console saw it;
        ``wall_now`` turns relay time into this machine's wall time for "Got it at 20:14";
        ``live`` False: the console cannot reach the relay, so presence is the last known."""
        self.row = row
        self.ticker.set_countdown(None if slot is None else slot.timer, thresholds)
        self.speaker.setText(row.speaker or self.tr("(no speaker yet)"))
        self.title.setText(row.title or self.tr("(untitled talk)"))
        self.stage_badge.setVisible(row.current)
        self._presence(row, since if live else None, live)
        self._link_facts(row)
        self.slide.setText(
            self.tr("Slide {page} / {pages}").format(page=row.page, pages=row.pages)
            if row.pages
            else self.tr("No slide reported")
        )
        self._cue(row, wall_now)
        running = row.timer is TimerStatus.RUNNING
        self.start.setText(
            self.tr("Pause")
            if running
            else (self.tr("Resume") if row.timer is TimerStatus.PAUSED else self.tr("Start"))
        )
        _set_checked(self.self_timer, row.self_timer)
        if slot is not None:
            auto = slot.auto_cues
            for key, box in self.auto.items():
                _set_checked(box, bool(getattr(auto, key)))
                fired = any(threshold.value == key for threshold in auto.fired)
                box.setProperty("fired", fired)
                box.setText(self._auto_word(key) + (" ✓" if fired else ""))

    def _presence(self, row: TalkRow, since: float | None, live: bool) -> None:
        state = "online" if row.online else "offline"
        word = self.tr("Online") if row.online else self.tr("Offline")
        mark = "●" if row.online else "○"
        text = f"{mark} {word}"
        if not live:
            text = self.tr("? Last known: {presence}").format(presence=word.lower())
            state = "unknown"
        elif since is not None:
            text += " " + self.tr("for {time}").format(time=elapsed_text(since))
        self.presence.setText(text)
        _set_state(self.presence, "state", state)
        _set_state(self, "state", "online" if row.online else "offline")
        self.face.set_alert("" if row.online else self.tr("Offline"))

    def _link_facts(self, row: TalkRow) -> None:
        if not row.online:
            self.link_facts.setText(self.tr("Speaker app not connected"))
            _set_state(self.link_facts, "flag", False)
            return
        parts = [row.app or self.tr("Speaker app connected")]
        flag = False
        if row.latency_ms is not None:
            parts.append(self.tr("round trip {ms} ms").format(ms=round(row.latency_ms)))
        if row.clock_ms is not None:
            flag = abs(row.clock_ms) > CLOCK_FLAG_MS
            clock = self._clock_off(row.clock_ms / 1000) if flag else self.tr("clock in step")
            parts.append(("▲ " + clock) if flag else clock)
        self.link_facts.setText(" · ".join(parts))
        _set_state(self.link_facts, "flag", flag)

    def _clock_off(self, seconds: float) -> str:
        """How far the speaker's wall clock is off: their "ends at" and clock read wrong."""
        if abs(seconds) < 120:
            return self.tr("clock {n} s off").format(n=f"{seconds:+.1f}")
        if abs(seconds) < 2 * 3600:
            return self.tr("clock {n} min off").format(n=f"{seconds / 60:+.0f}")
        return self.tr("clock {n} h off").format(n=f"{seconds / 3600:+.0f}")

    def _cue(self, row: TalkRow, wall_now: Callable[[float], float]) -> None:
        cue = row.cue
        if cue is None:
            self.cue.setText(self.tr("No cue showing"))
            self.cue_state.setText("")
        else:
            self.cue.setText("“" + cue_text(cue) + "”")
            if row.cue_state is CueState.ACKED and cue.acked_at is not None:
                after = max(0.0, cue.acked_at - cue.sent_at)
                self.cue_state.setText(
                    self.tr("✓ Got it at {time} (after {delay})").format(
                        time=clock_text(wall_now(cue.acked_at), seconds=True),
                        delay=elapsed_text(after),
                    )
                )
            else:
                self.cue_state.setText(
                    self.tr("⏳ Sent at {time}, not acknowledged yet").format(
                        time=clock_text(wall_now(cue.sent_at), seconds=True)
                    )
                )
        _set_state(self.cue, "state", row.cue_state.value)
        _set_state(self.cue_state, "state", row.cue_state.value)


def _set_checked(box: QCheckBox, on: bool) -> None:
    """Show what the room says without sending it back as the host's choice."""
    if box.isChecked() != on:
        box.blockSignals(True)
        box.setChecked(on)
        box.blockSignals(False)


def _set_state(widget: QWidget, name: str, value: object) -> None:
    """Set a style property, restyling the widget only when it changes (cards refresh often)."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class CardsPanel(QWidget):
    """The cards of every talk in rundown order, in one or two columns as the width allows."""

    requested = Signal(str, str, int)
    selected = Signal(str)

    TWO_COLUMNS_FROM = 980

    def __init__(self, relay_now: Callable[[], float | None], clock: Callable[[], float]) -> None:
        super().__init__()
        self.setObjectName("cardsPanel")
        self._relay_now = relay_now
        self._clock = clock
        self.cards: dict[str, SpeakerCard] = {}
        self._order: list[str] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(8, 8, 8, 8)
        self._grid.setSpacing(10)
        self._columns = 1
        self.empty = QLabel(self.tr("No talks in the rundown yet: add one (Ctrl+N)."))
        self.empty.setObjectName("emptyHint")
        self._grid.addWidget(self.empty, 0, 0)

    def set_slots(self, slot_ids: list[str]) -> None:
        """One card per slot, in this order; cards of removed slots go."""
        for slot_id in [s for s in self.cards if s not in slot_ids]:
            card = self.cards.pop(slot_id)
            card.setParent(None)
            card.deleteLater()
        for slot_id in slot_ids:
            if slot_id not in self.cards:
                card = SpeakerCard(slot_id, self._relay_now, self._clock)
                card.requested.connect(self.requested)
                card.selected.connect(self.selected)
                self.cards[slot_id] = card
        self._order = list(slot_ids)
        self._lay_out()

    def _lay_out(self) -> None:
        for card in self.cards.values():
            self._grid.removeWidget(card)
        self._grid.removeWidget(self.empty)
        self.empty.setVisible(not self._order)
        if not self._order:
            self._grid.addWidget(self.empty, 0, 0)
        for index, slot_id in enumerate(self._order):
            row, column = divmod(index, self._columns)
            self._grid.addWidget(self.cards[slot_id], row, column)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < self._columns else 0)
        self._grid.setRowStretch(len(self._order) // self._columns + 1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        columns = 2 if self.width() >= self.TWO_COLUMNS_FROM else 1
        if columns != self._columns:
            self._columns = columns
            self._lay_out()
        super().resizeEvent(event)
