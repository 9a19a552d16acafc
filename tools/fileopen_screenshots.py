"""Screenshots of what a speaker sees when the desktop opens a deck or a link mid-talk.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/fileopen_screenshots.py OUT
    LANG=ja_JP.UTF-8 xvfb-run -a ... tools/fileopen_screenshots.py OUT   # Japanese

A speaker app with the sample deck open (no relay: the dialogs need none) is handed, as macOS
hands them, another deck (OUT/fileopen-switch-deck-<lang>.png), a ``kanpe:`` speaker link
(OUT/fileopen-join-<lang>.png) and a broken PDF (OUT/fileopen-broken-<lang>.png). Each shot is
the whole screen with the dialog up, then the dialog is cancelled: nothing changes.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, QUrl
from PySide6.QtGui import QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

# The settings go to a temporary home, never the real one.
_HOME = tempfile.mkdtemp(prefix="kanpe-shots-")
os.environ.update(XDG_CONFIG_HOME=f"{_HOME}/config", XDG_DATA_HOME=f"{_HOME}/data", HOME=_HOME)

from kanpe.app import application, sample_deck  # noqa: E402
from kanpe.storage.settings import SettingsStore  # noqa: E402
from kanpe.ui.fileopen import file_opens  # noqa: E402
from kanpe.ui.speaker.app import SpeakerApp  # noqa: E402
from kanpe.ui.speaker.deckgen import generate_deck  # noqa: E402
from kanpe.ui.speaker.fileopen import SpeakerOpens  # noqa: E402
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel  # noqa: E402

LINK = "kanpe:https://relay.example.org/speak/room-1#AbCdEfGhIjKlMnOpQrStUv"


def shoot_dialog(app: QApplication, path: Path) -> None:
    """Once a message box is up: the screen to ``path``, then Cancel (or OK)."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        for _ in range(20):
            app.processEvents()
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)
        button = box.button(QMessageBox.StandardButton.Cancel) or box.button(
            QMessageBox.StandardButton.Ok
        )
        button.click()

    QTimer.singleShot(20, look)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    lang = "ja" if QLocale.system().name().startswith("ja") else "en"
    other = generate_deck(Path(_HOME) / "pycon-2026-final.pdf", 3, title="Other deck")
    broken = Path(_HOME) / "notes.pdf"
    broken.write_bytes(b"Meeting notes, not a PDF\n")
    speaker = SpeakerApp(
        SpeakerSlotModel(), settings=SettingsStore.for_speaker(Path(_HOME) / "s.toml"), solo=True
    )
    speaker.open_deck(sample_deck())
    speaker.show()
    speaker.console.move(500, 200)
    opens = SpeakerOpens(speaker, joined=None, switch_talk=lambda _link: None)
    with file_opens().handled_by(opens):
        for name, event in (
            ("switch-deck", QFileOpenEvent(str(other))),
            ("join", QFileOpenEvent(QUrl(LINK))),
            ("broken", QFileOpenEvent(str(broken))),
        ):
            for _ in range(30):
                app.processEvents()
            shoot_dialog(app, out / f"fileopen-{name}-{lang}.png")
            QApplication.sendEvent(app, event)
    assert speaker.deck.path == sample_deck()  # every dialog was cancelled: nothing changed
    speaker.quit()


if __name__ == "__main__":
    main()
