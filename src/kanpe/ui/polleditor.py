"""A new poll, in either app: a preset or a typed question, yes / no or 2 to 6 choices.

A speaker opening a poll mid-talk picks a preset ("Who has used X?") and types over its X; a host
runs a show of hands for a talk the same way. The editor sends nothing itself: ``submit`` (the
question, the options) says whether the poll went out, and only then is the editor cleared, so a
poll that could not be sent keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.chatcompose import ChatLine
from kanpe.ui.pollpresets import PollPreset, PollPresets

MAX_CHOICES = 6  # docs/protocol.md, poll.open: 2 to 6 options
MAX_QUESTION = 500
MAX_CHOICE = 100

# Sends a poll (its question, its options); whether it went out (or waits for the link).
Submit = Callable[[str, tuple[str, ...]], bool]


def _not_sent(question: str, options: tuple[str, ...]) -> bool:
    return False


class PollEditor(QFrame):
    """A new poll: a preset or a question of one's own, yes / no or choices, the choices laid out
    in ``columns``."""

    def __init__(
        self, submit: Submit | None = None, *, columns: int = 3, parent: QWidget | None = None
    ) -> None:
        """``submit`` None: nothing sends yet (set ``submit`` when it is wired)."""
        super().__init__(parent)
        self.setObjectName("pollEditor")
        self.submit: Submit = submit or _not_sent
        self.columns = columns
        self.words = PollPresets(self)
        self.presets = QComboBox()
        self.presets.setObjectName("pollPresets")
        self.presets.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.presets.addItem(self.tr("Presets…"))
        for preset in self.words.presets():
            self.presets.addItem(preset.question)
        # Narrow in its row (its longest preset would squeeze the question), wide when open.
        self.presets.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.presets.setMinimumContentsLength(12)
        self.presets.view().setMinimumWidth(self.presets.view().sizeHintForColumn(0) + 24)
        self.presets.activated.connect(self._preset_picked)
        self.question = ChatLine()
        self.question.setObjectName("pollQuestion")
        self.question.setMaxLength(MAX_QUESTION)
        self.question.setPlaceholderText(self.tr("Ask the room a question… (↓ presets)"))
        self.question.setAccessibleName(self.tr("Poll question"))
        self.question.installEventFilter(self)  # ↓ opens the presets: keys as well as the mouse
        self.yes_no = QRadioButton(self.tr("Yes / No"))
        self.choices = QRadioButton(self.tr("Choices"))
        for button in (self.yes_no, self.choices):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.yes_no.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.yes_no)
        kinds.addButton(self.choices)
        self.choice_edits = [self._choice_edit(n) for n in range(MAX_CHOICES)]
        self.open_button = QPushButton(self.tr("Open poll"))
        self.open_button.setObjectName("openPoll")
        self.open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.open_button.clicked.connect(self.open_poll)
        self._lay_out()
        for edit in [self.question, *self.choice_edits]:
            edit.textChanged.connect(self._changed)
            edit.returnPressed.connect(self.open_poll)
        self.choices.toggled.connect(self._changed)
        self._changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.question
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.presets.showPopup()  # Enter picks one, Esc closes the list
            return True
        return False

    def _choice_edit(self, index: int) -> ChatLine:
        edit = ChatLine()
        edit.setObjectName("pollChoice")
        edit.setMaxLength(MAX_CHOICE)
        edit.setPlaceholderText(self.tr("Choice {n}").format(n=index + 1))
        return edit

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.presets)
        top.addWidget(self.question, 1)
        top.addWidget(self.open_button)
        column.addLayout(top)
        kinds = QHBoxLayout()
        kinds.addWidget(self.yes_no)
        kinds.addWidget(self.choices)
        kinds.addStretch(1)
        column.addLayout(kinds)
        grid = QGridLayout()
        grid.setSpacing(6)
        for index, edit in enumerate(self.choice_edits):
            grid.addWidget(edit, index // self.columns, index % self.columns)
        column.addLayout(grid)

    def options(self) -> tuple[str, ...]:
        """The options as set (empty choices left out)."""
        if self.yes_no.isChecked():
            return self.words.yes_no()
        return tuple(e.text().strip() for e in self.choice_edits if e.text().strip())

    def ready(self) -> bool:
        """Whether the poll can be opened: a question and at least two options."""
        return bool(self.question.text().strip()) and len(self.options()) >= 2

    def _changed(self) -> None:
        for edit in self.choice_edits:
            edit.setVisible(self.choices.isChecked())
        self.open_button.setEnabled(self.ready())

    def use_preset(self, preset: PollPreset) -> None:
        """Fill the editor from ``preset``, and select its blank (the X in "Who has used X?") so
        typing replaces it."""
        self.question.setText(preset.question)
        (self.yes_no if preset.yes_no else self.choices).setChecked(True)
        for edit, option in zip(
            self.choice_edits, preset.options + ("",) * MAX_CHOICES, strict=False
        ):
            edit.setText(option)
        self.focus()
        blank = preset.blank_at()
        if blank >= 0:
            self.question.setSelection(blank, 1)

    def _preset_picked(self, index: int) -> None:
        if index > 0:
            self.use_preset(self.words.presets()[index - 1])
        self.presets.setCurrentIndex(0)

    def focus(self) -> None:
        """Put the cursor in the question (its window brought forward)."""
        window = self.window()
        window.raise_()
        window.activateWindow()
        self.question.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_poll(self) -> None:
        """Send the poll as set (nothing while it is not ready); once it went out, clear the
        editor for the next one."""
        if not self.ready() or not self.submit(self.question.text().strip(), self.options()):
            return
        self.question.clear()
        for edit in self.choice_edits:
            edit.clear()
        self.yes_no.setChecked(True)
        self.question.clearFocus()
