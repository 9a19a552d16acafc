"""A quit from outside the app (the macOS Dock, logging out) ends `kanpe speak` in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication


def test_a_system_quit_closes_the_speaker_app_in_order(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kanpe import app as app_module
    from kanpe.ui.speaker.app import SpeakerApp

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    quits: list[SpeakerApp] = []
    real_quit = SpeakerApp.quit

    def quit_and_note(self: SpeakerApp) -> None:
        quits.append(self)
        real_quit(self)

    monkeypatch.setattr(SpeakerApp, "quit", quit_and_note)

    async def online_then_system_quit(speaker: SpeakerApp, model: object, **kwargs: object) -> int:
        # Once the practice room is up and the link online, the system asks the app to quit.
        model.statusChanged.connect(  # type: ignore[attr-defined]
            lambda *_: QTimer.singleShot(0, QApplication.quit),
            Qt.ConnectionType.SingleShotConnection,
        )
        return await real_connect(speaker, model, **kwargs)  # type: ignore[arg-type]

    real_connect = app_module.connect
    monkeypatch.setattr(app_module, "connect", online_then_system_quit)
    deck = str(app_module.sample_deck())
    # Before the fix, Qt stopped the loop under asyncio.run: RuntimeError, and a link left open.
    assert app_module.run_speaker(deck, join=None, minutes=1) == 0
    assert quits  # the orderly way: SpeakerApp.quit (again when its last window closed: a no-op)
