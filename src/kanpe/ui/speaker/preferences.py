"""The speaker's preferences while the app runs: read once, written shortly after each change.

A burst of changes (dragging the stage's splitter, resizing the overlay) is written once, after
``SAVE_DELAY_MS`` of quiet; quitting writes what is still waiting. A file that could not be read
or written becomes a notice; the store keeps a file it could not read as it is.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QTimer

from kanpe.core.notices import AppNotice, Notices, Severity
from kanpe.storage.settings import SettingsStore, SpeakerSettings

SAVE_DELAY_MS = 400


class SpeakerPreferences(QObject):
    """``settings`` as chosen now; ``change`` them, and they are saved soon after."""

    def __init__(
        self,
        store: SettingsStore[SpeakerSettings],
        notices: Notices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.notices = notices
        self.settings = store.load()
        if store.problem:
            notices.post(AppNotice.SETTINGS_UNREADABLE, Severity.ERROR, problem=store.problem)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)

    def change(self, **changes: object) -> SpeakerSettings:
        """Apply ``changes`` (clamped to their ranges) and save them soon; the new settings."""
        self.settings = replace(self.settings, **changes).clamped()  # type: ignore[arg-type]
        self._timer.start()
        return self.settings

    @property
    def unsaved(self) -> bool:
        """Whether a change waits to be written."""
        return self._timer.isActive()

    def save(self) -> None:
        """Write the settings now; a failure becomes a notice."""
        self._timer.stop()
        try:
            self.store.save(self.settings)
        except OSError as exc:
            self.notices.post(AppNotice.SETTINGS_NOT_SAVED, Severity.WARNING, error=str(exc))
