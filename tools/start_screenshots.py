"""Screenshots of the start window and the windows it leads to, for a person to judge.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/start_screenshots.py OUT
    LANG=ja_JP.UTF-8 xvfb-run -a ... tools/start_screenshots.py OUT   # Japanese

Saves OUT/start-<lang>.png (with two recent decks; docs/start-window.png is the English one),
OUT/start-join-refused-<lang>.png (a pasted audience link, refused), OUT/practice-link-<lang>.png
(the practice room's audience link).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget

# The settings and the host's event go to a temporary home, never the real one.
_HOME = tempfile.mkdtemp(prefix="kanpe-shots-")
os.environ.update(XDG_CONFIG_HOME=f"{_HOME}/config", XDG_DATA_HOME=f"{_HOME}/data", HOME=_HOME)

from kanpe.app import _show_practice_link, application  # noqa: E402
from kanpe.storage.settings import SettingsStore, SpeakerSettings  # noqa: E402
from kanpe.ui.start import StartWindow  # noqa: E402


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
    settle(app)  # the windows' deferred deletes run while Qt is still whole


if __name__ == "__main__":
    main()
