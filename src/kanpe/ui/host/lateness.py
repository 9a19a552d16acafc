"""The running-late strip: how late the night runs and when its last talk will end.

It words a ``kanpe.core.schedule`` view ("Running 4 min behind · the last talk ends at 20:34")
and marks how bad it is with a colour *and* a word and a mark, like the phases.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kanpe.core.schedule import ScheduleView
from kanpe.ui.ticker import clock_text

BEHIND_WARNING = 2 * 60  # seconds behind that turn the strip amber
BEHIND_ALARM = 10 * 60  # and red


class LatenessStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lateness")
        self.setProperty("state", "none")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 12, 4)
        self.mark = QLabel()
        self.mark.setObjectName("latenessMark")
        self.text = QLabel()
        self.text.setObjectName("latenessText")
        row.addWidget(self.mark)
        row.addWidget(self.text, 1)
        self.show_view(None, lambda t: t)

    def show_view(self, view: ScheduleView | None, wall: Callable[[float], float]) -> None:
        """``wall`` turns relay time into this machine's wall time."""
        text, state, mark = self.describe(view, wall)
        self.text.setText(text)
        self.mark.setText(mark)
        if self.property("state") != state:
            self.setProperty("state", state)
            for widget in (self, self.mark, self.text):
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def describe(
        self, view: ScheduleView | None, wall: Callable[[float], float]
    ) -> tuple[str, str, str]:
        """(sentence, state, mark); state is none, on_time, ahead, behind or late."""
        if view is None or view.expected_end is None:
            return self.tr("No talks in the rundown"), "none", ""
        ends = clock_text(wall(view.expected_end))
        behind = view.behind
        if behind is None:
            return (
                self.tr("Not started · the last talk ends at {time} if it starts now").format(
                    time=ends
                ),
                "none",
                "○",
            )
        minutes = round(abs(behind) / 60)
        if minutes == 0:
            return (
                self.tr("On time · the last talk ends at {time}").format(time=ends),
                "on_time",
                "●",
            )
        if behind < 0:
            return (
                self.tr("Running {minutes} min ahead · the last talk ends at {time}").format(
                    minutes=minutes, time=ends
                ),
                "ahead",
                "●",
            )
        state = (
            "late"
            if behind >= BEHIND_ALARM
            else ("behind" if behind >= BEHIND_WARNING else "on_time")
        )
        return (
            self.tr("Running {minutes} min behind · the last talk ends at {time}").format(
                minutes=minutes, time=ends
            ),
            state,
            "■" if state == "late" else "▲",
        )
