"""The presenter console's poll panel: a show of hands from the speaker's own screen.

Two faces. The editor: a preset or a typed question, yes / no or up to 6 choices, "Open poll".
The result: the poll's live bars (``PollChart``), whether it is on the stage, "Close poll" and
"New poll". The panel sends nothing itself: its editor's ``submit`` and its signals
(``closeRequested``, ``stageRequested``) go to the speaker app's ``PollControl``, which sends the
commands; it shows what the room model says, so a refused command changes nothing on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.polleditor import PollEditor
from kanpe.ui.speaker.pollchart import PollChart

if TYPE_CHECKING:
    from kanpe.core.model import Poll

CHART_FONT_PX = 15


class PollPanel(QFrame):
    """The editor, or the poll the speaker follows with its live bars (see the module)."""

    closeRequested = Signal(str)  # poll id
    stageRequested = Signal(str, bool)  # poll id, shown on the stage or not

    def __init__(
        self, keys: Mapping[str, str] | None = None, parent: QWidget | None = None
    ) -> None:
        """``keys``: the key label of each action ("new", "stage", "close"), shown on its button
        (none: no labels)."""
        super().__init__(parent)
        self.setObjectName("pollPanel")
        self.keys = dict(keys or {})
        self.poll: Poll | None = None
        self._editing = False
        self.heading = QLabel(self.tr("Poll"))
        self.heading.setObjectName("sectionHeading")
        self.editor = PollEditor()  # its submit is the app's, once wired
        self.chart = PollChart(compact=True)
        self.chart.set_font_size(CHART_FONT_PX)
        self.stage_button = QPushButton(self.tr("Show on stage"))
        self.stage_button.setObjectName("pollOnStage")
        self.stage_button.setCheckable(True)
        self.stage_button.clicked.connect(self._stage_clicked)
        self.close_button = QPushButton(self._with_key(self.tr("Close poll"), "close"))
        self.close_button.setObjectName("closePoll")
        self.close_button.clicked.connect(self.close_poll)
        self.new_button = QPushButton(self._with_key(self.tr("New poll"), "new"))
        self.new_button.setObjectName("newPoll")
        self.new_button.clicked.connect(self.new_poll)
        # Back from the editor to the poll followed (the mouse; Esc in an empty question too).
        self.back_button = QPushButton(self.tr("Back to the poll"))
        self.back_button.setObjectName("pollBack")
        self.back_button.clicked.connect(self.back_to_poll)
        self.editor.question.left.connect(self._left_question)
        for button in (self.stage_button, self.close_button, self.new_button, self.back_button):
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
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.back_button)
        column.addLayout(top)
        column.addLayout(self.pages)

    # --- what it shows --------------------------------------------------------------------------

    def show_poll(self, poll: Poll | None, *, on_stage: bool = False) -> None:
        """Follow ``poll`` (None: none yet), ``on_stage`` or not. A poll that is new to the panel
        (the one just opened) shows its bars, unless the speaker is still writing the next one
        (the host opened it meanwhile): their words stay in front of them."""
        is_new = poll is not None and (self.poll is None or self.poll.id != poll.id)
        if is_new and not self.editor.question.text().strip():
            self._editing = False
        elif is_new and self.poll is None:
            self._editing = True  # no poll before: the editor was up, and stays up
        self.poll = poll
        self.chart.show_poll(poll)
        self.stage_button.setChecked(on_stage)
        words = self.tr("On stage") if on_stage else self.tr("Show on stage")
        self.stage_button.setText(self._with_key(words, "stage"))
        self.close_button.setEnabled(poll is not None and poll.open)
        self._show_page()

    def _show_page(self) -> None:
        self.pages.setCurrentIndex(0 if self.editing else 1)
        self.back_button.setVisible(self.editing and self.poll is not None)

    def _with_key(self, words: str, action: str) -> str:
        key = self.keys.get(action)
        return f"{words} ({key})" if key else words

    @property
    def editing(self) -> bool:
        """Whether the editor is up (no poll yet, or the speaker asked for a new one)."""
        return self.poll is None or self._editing

    # --- what the speaker asks for ----------------------------------------------------------

    def new_poll(self) -> None:
        """Bring up the editor with the cursor in its question."""
        self._editing = True
        self._show_page()
        self.editor.focus()

    def back_to_poll(self) -> None:
        """Leave the editor for the poll followed (what was typed stays for later)."""
        self._editing = False
        self._show_page()

    def _left_question(self) -> None:
        if not self.editor.question.text().strip():
            self.back_to_poll()  # Esc with nothing written: nothing to keep the editor up for

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
