"""The presenter console's poll panel: a show of hands from the speaker's own screen.

Two faces. The editor: a preset or a typed question, yes / no or up to 6 choices, "Open poll".
The result: the poll's live bars (``PollChart``), whether it is on the stage, "Close poll" and
"New poll". The panel sends nothing itself: it says what the speaker asked for (``openRequested``,
``closeRequested``, ``stageRequested``) and the speaker app sends the commands; it shows what the
room model says, so a refused command changes nothing on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.chatcompose import ChatLine
from kanpe.ui.pollpresets import PollPreset, PollPresets
from kanpe.ui.speaker.pollchart import PollChart

if TYPE_CHECKING:
    from kanpe.core.model import Poll

MAX_CHOICES = 6  # docs/protocol.md, poll.open: 2 to 6 options
MAX_QUESTION = 500
MAX_CHOICE = 100
CHART_FONT_PX = 15


class PollEditor(QWidget):
    """A new poll: a preset or a question of one's own, yes / no or choices."""

    openRequested = Signal(str, object)  # the question, the options (tuple[str, ...])

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = PollPresets(self)
        self.presets = QComboBox()
        self.presets.setObjectName("pollPresets")
        self.presets.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.presets.addItem(self.tr("Presets…"))
        for preset in self.words.presets():
            self.presets.addItem(preset.question)
        self.presets.activated.connect(self._preset_picked)
        self.question = ChatLine()
        self.question.setObjectName("pollQuestion")
        self.question.setMaxLength(MAX_QUESTION)
        self.question.setPlaceholderText(self.tr("Ask the room a question…"))
        self.question.setAccessibleName(self.tr("Poll question"))
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
            grid.addWidget(edit, index // 3, index % 3)
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
        """Ask for the poll as set (nothing while it is not ready), and clear the editor."""
        if not self.ready():
            return
        self.openRequested.emit(self.question.text().strip(), self.options())
        self.question.clear()
        for edit in self.choice_edits:
            edit.clear()
        self.yes_no.setChecked(True)
        self.question.clearFocus()


class PollPanel(QFrame):
    """The editor, or the poll the speaker follows with its live bars (see the module)."""

    openRequested = Signal(str, object)  # the question, the options (tuple[str, ...])
    closeRequested = Signal(str)  # poll id
    stageRequested = Signal(str, bool)  # poll id, shown on the stage or not

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollPanel")
        self.poll: Poll | None = None
        self._editing = False
        self.heading = QLabel(self.tr("Poll"))
        self.heading.setObjectName("sectionHeading")
        self.editor = PollEditor()
        self.editor.openRequested.connect(self.openRequested)
        self.chart = PollChart(compact=True)
        self.chart.set_font_size(CHART_FONT_PX)
        self.stage_button = QPushButton(self.tr("Show on stage"))
        self.stage_button.setObjectName("pollOnStage")
        self.stage_button.setCheckable(True)
        self.stage_button.clicked.connect(self._stage_clicked)
        self.close_button = QPushButton(self.tr("Close poll"))
        self.close_button.setObjectName("closePoll")
        self.close_button.clicked.connect(self.close_poll)
        self.new_button = QPushButton(self.tr("New poll"))
        self.new_button.setObjectName("newPoll")
        self.new_button.clicked.connect(self.new_poll)
        for button in (self.stage_button, self.close_button, self.new_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._lay_out()
        self.show_poll(None)

    def _lay_out(self) -> None:
        result = QWidget()
        row = QHBoxLayout(result)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.chart, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.stage_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self.pages = QStackedLayout()
        self.pages.addWidget(self.editor)
        self.pages.addWidget(result)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.heading)
        column.addLayout(self.pages)

    # --- what it shows --------------------------------------------------------------------------

    def show_poll(self, poll: Poll | None, *, on_stage: bool = False) -> None:
        """Follow ``poll`` (None: none yet), ``on_stage`` or not. A poll that is new to the panel
        ends the editing of the next one."""
        if poll is not None and (self.poll is None or self.poll.id != poll.id):
            self._editing = False
        self.poll = poll
        self.chart.show_poll(poll)
        self.stage_button.setChecked(on_stage)
        self.stage_button.setText(self.tr("On stage") if on_stage else self.tr("Show on stage"))
        self.close_button.setEnabled(poll is not None and poll.open)
        self.pages.setCurrentIndex(0 if self.editing else 1)

    @property
    def editing(self) -> bool:
        """Whether the editor is up (no poll yet, or the speaker asked for a new one)."""
        return self.poll is None or self._editing

    # --- what the speaker asks for ----------------------------------------------------------

    def new_poll(self) -> None:
        """Bring up the editor with the cursor in its question."""
        self._editing = True
        self.pages.setCurrentIndex(0)
        self.editor.focus()

    def close_poll(self) -> bool:
        """Ask to close the poll followed; False when there is no open one."""
        if self.poll is None or not self.poll.open:
            return False
        self.closeRequested.emit(self.poll.id)
        return True

    def toggle_stage(self) -> bool:
        """Ask to show the poll's result on the stage, or to stop; False with no poll."""
        if self.poll is None:
            return False
        self.stageRequested.emit(self.poll.id, not self.stage_button.isChecked())
        return True

    def _stage_clicked(self) -> None:
        # The button shows what the room says: undo the click's own toggle, then ask.
        self.stage_button.setChecked(not self.stage_button.isChecked())
        self.toggle_stage()
