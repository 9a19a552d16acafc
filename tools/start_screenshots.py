"""Screenshots of the start window and the windows it leads to, for a person to judge.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/start_screenshots.py OUT
    LANG=ja_JP.UTF-8 xvfb-run -a ... tools/start_screenshots.py OUT   # Japanese

Saves OUT/start-<lang>.png (with two recent decks; docs/start-window.png is the English one),
OUT/start-join-refused-<lang>.png (a pasted audience link, refused), OUT/practice-link-<lang>.png
(the practice room's audience link), and what a speaker mid-talk sees when the desktop opens
something (kanpe.ui.speaker.fileopen): a speaker app with the sample deck (no relay: the
dialogs need none) is handed, as macOS hands them, another deck
(OUT/fileopen-switch-deck-<lang>.png), a ``kanpe:`` speaker link (OUT/fileopen-join-<lang>.png)
and a file that is not a PDF (OUT/fileopen-broken-<lang>.png). Each of those is the whole
screen with the dialog up; then the dialog is cancelled and nothing changes.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, QUrl
from PySide6.QtGui import QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

# The settings and the host's event go to a temporary home, never the real one.
_HOME = tempfile.mkdtemp(prefix="kanpe-shots-")
os.environ.update(XDG_CONFIG_HOME=f"{_HOME}/config", XDG_DATA_HOME=f"{_HOME}/data", HOME=_HOME)

from kanpe.app import _show_practice_link, application, sample_deck  # noqa: E402
from kanpe.storage.settings import SettingsStore, SpeakerSettings  # noqa: E402
from kanpe.ui.fileopen import file_opens  # noqa: E402
from kanpe.ui.speaker.app import SpeakerApp  # noqa: E402
from kanpe.ui.speaker.deckgen import generate_deck  # noqa: E402
from kanpe.ui.speaker.fileopen import SpeakerOpens  # noqa: E402
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel  # noqa: E402
from kanpe.ui.start import StartWindow  # noqa: E402

LINK = "kanpe:https://relay.example.org/speak/room-1#AbCdEfGhIjKlMnOpQrStUv"


def settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def save(app: QApplication, window: QWidget, path: Path) -> None:
    window.show()
    settle(app)
    window.grab().save(str(path))
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    lang = "ja" if QLocale.system().name().startswith("ja") else "en"
    store = SettingsStore.for_speaker(Path(_HOME) / "speaker.toml")
    settings = SpeakerSettings(start_choice="present")
    for deck in ("~/talks/lightning-talk.pdf", "~/talks/pycon-2026.pdf"):
        settings = settings.with_recent_deck(os.path.expanduser(deck))
    store.save(settings)
    start = StartWindow(store)
    save(app, start, out / f"start-{lang}.png")
    start.link_field.setText("https://relay.example.org/audience/room-1#AbCdEfGhIjKlMnOpQrStUv")
    start.join_pasted()
    save(app, start, out / f"start-join-refused-{lang}.png")
    start.close()
    start.deleteLater()
    practice = _show_practice_link(
        "http://127.0.0.1:41235/audience/k3Xq-room#AbCdEfGhIjKlMnOpQrStUv"
    )
    save(app, practice, out / f"practice-link-{lang}.png")
    practice.close()
    practice.deleteLater()
    file_open_dialogs(app, out, lang)
    settle(app)  # the windows' deferred deletes run while Qt is still whole


def shoot_dialog(app: QApplication, path: Path) -> None:
    """Once a message box is up: the screen to ``path``, then Cancel (or OK)."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        settle(app)
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        print(path)
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        (cancel or box.button(QMessageBox.StandardButton.Ok)).click()

    QTimer.singleShot(20, look)


def file_open_dialogs(app: QApplication, out: Path, lang: str) -> None:
    other = generate_deck(Path(_HOME) / "pycon-2026-final.pdf", 3, title="Other deck")
    broken = Path(_HOME) / "notes.pdf"
    broken.write_bytes(b"Meeting notes, not a PDF\n")
    store = SettingsStore.for_speaker(Path(_HOME) / "fileopen.toml")
    speaker = SpeakerApp(SpeakerSlotModel(), settings=store, solo=True)
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
            settle(app)
            shoot_dialog(app, out / f"fileopen-{name}-{lang}.png")
            QApplication.sendEvent(app, event)
    assert speaker.deck.path == sample_deck()  # every dialog was cancelled: nothing changed
    speaker.quit()


if __name__ == "__main__":
    main()
