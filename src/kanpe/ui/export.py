"""Exporting a record as Markdown to a file the person chooses: the host console's "Export the
event…" (planned against actual timings, the questions with their votes and times, poll results,
reactions) and the presenter console's "Export the questions…" (the talk's questions and polls).

The text is ``core.export``'s, of the room as this console's link sees it (a host sees
everything), the same as ``kanpe export`` writes from a relay's data; the file is written
atomically, so an export that fails leaves the old file, or none, never half of one. What
happened goes to the console's notices.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from kanpe.core.notices import AppNotice, Notices, Severity

if TYPE_CHECKING:
    from kanpe.core.model import RoomState
    from kanpe.ui.roommodel import RoomModel


def event_record(state: RoomState, now: float) -> str:
    """The whole event's record (the host's export)."""
    from kanpe.core.export import export_markdown

    return export_markdown(state, now)


class Exporter(QObject):
    """``ask`` opens the save dialog (window-modal, not blocking the loop); ``export_to`` writes
    what ``render`` makes of the room (the whole event's record by default). ``exported`` says
    where the file went."""

    exported = Signal(Path)

    def __init__(
        self,
        room: RoomModel,
        notices: Notices,
        window: QWidget,
        *,
        wall: Callable[[], float] = time.time,
        render: Callable[[RoomState, float], str] = event_record,
        name: Callable[[RoomState], str] | None = None,
        title: str = "",
    ) -> None:
        """``name``: the file's default name from the room (the event's name by default);
        ``title``: the save dialog's (Export the event)."""
        super().__init__(window)
        self.room = room
        self.render = render
        self.name = name
        self.title = title or self.tr("Export the event")
        self.notices = notices
        self.window = window
        self._wall = wall
        self.dialog: QFileDialog | None = None

    def default_path(self) -> Path:
        """In the documents folder, named after the event."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        state = self.room.state
        if state is None:
            name = ""
        elif self.name is not None:
            name = self.name(state)
        else:
            name = state.name or state.rundown.title
        safe = "".join(c if c.isalnum() or c in "-_ " else "-" for c in name).strip()
        return Path(folder or Path.home()) / f"{safe or 'kanpe-event'}.md"

    def ask(self) -> None:
        dialog = QFileDialog(self.window, self.title, str(self.default_path()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("md")
        dialog.setNameFilter(self.tr("Markdown (*.md)"))
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        # Gone once closed: a file dialog left alive keeps its file-system watcher thread.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()

    def _forget_dialog(self) -> None:
        self.dialog = None

    def export_to(self, path: Path) -> bool:
        from kanpe.storage.atomic import write_atomic

        state = self.room.state
        if state is None:
            problem = self.tr("the console has not received the event from the relay yet")
            self.notices.post(AppNotice.EXPORT_FAILED, Severity.WARNING, problem=problem)
            return False
        now = self.room.relay_now()
        if now is None:  # no clock sample yet: the wall clock is relay time's close estimate
            now = self._wall()
        try:
            write_atomic(path, self.render(state, now))
        except OSError as error:  # StorageError included: its message names the path
            self.notices.post(AppNotice.EXPORT_FAILED, Severity.WARNING, problem=str(error))
            return False
        self.notices.post(AppNotice.EXPORTED, Severity.INFO, path=str(path))
        self.exported.emit(path)
        return True
