"""Write the sample deck Kanpe opens when no deck is given: assets/decks/sample.pdf.

    .venv/bin/python tools/make_sample_deck.py            # rewrite the committed deck
    .venv/bin/python tools/make_sample_deck.py --out FILE # write it somewhere else

Eight friendly slides, "Welcome to Kanpe", that explain the keys while the speaker tries them.
The deck is drawn by kanpe.ui.speaker.deckgen (QPdfWriter), so it is made from this text alone;
rerun this script after editing the slides (or the shortcuts in kanpe.ui.keys) and commit the PDF.
It stays under 300 KB.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kanpe.ui.speaker.deckgen import Slide, write_deck

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "assets" / "decks" / "sample.pdf"
TITLE = "Welcome to Kanpe"


def sample_slides() -> list[Slide]:
    return [
        Slide(
            TITLE,
            (
                "A talk timer and presenter for online meetups",
                "This short deck shows how to move through your slides",
                "Press → or PageDown for the next slide",
            ),
            hue=200,
        ),
        Slide(
            "Moving through your slides",
            (
                "Next: PageDown, →, ↓ or Space",
                "Back: PageUp, ←, ↑ or Backspace",
                "First and last slide: Home and End",
                "Presentation clickers send these keys, so they just work",
            ),
            hue=160,
        ),
        Slide(
            "The stage: the window you share",
            (
                "Share it in Zoom, Meet or YouTube Live",
                "Slides on the left, the audience's reactions and chat on the right",
                "F: full screen. B: blank the slides for a moment",
                "Drag the divider; Kanpe remembers where you left it",
            ),
            hue=120,
        ),
        Slide(
            "Your presenter console",
            (
                "Only you see it: the countdown, this slide and the next",
                "Colours change near the end, and so do the words",
                "The host's cue cards appear here",
                "G or Enter: tell the host you got the cue",
            ),
            hue=40,
        ),
        Slide(
            "The overlay",
            (
                "A small countdown that floats over any application",
                "O: show or hide it. T: let clicks pass through it",
                "Handy when you present from PowerPoint, Keynote or a browser",
            ),
            hue=280,
        ),
        Slide(
            "Practising alone",
            (
                "kanpe speak talk.pdf --minutes 20",
                "S: start or pause your own countdown",
                "With a host's link, the host runs the timer instead",
            ),
            hue=320,
        ),
        Slide(
            "Your own deck",
            (
                "Ctrl+O: open another PDF",
                "Export it from PowerPoint, Keynote or Google Slides as PDF",
                "Decks without a password, up to 200 MB",
            ),
            hue=10,
        ),
        Slide(
            "You are ready",
            (
                "? or F1: every shortcut, at any time",
                "Home: back to the first slide",
                "Have a great talk!",
            ),
            hue=200,
        ),
    ]


def make_sample_deck(path: Path = TARGET) -> Path:
    """Write the sample deck to ``path`` (a Qt GUI application must exist) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_deck(path, sample_slides(), title=TITLE, image_size=(320, 180))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=TARGET, help="where to write the PDF")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    path = make_sample_deck(args.out)
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
