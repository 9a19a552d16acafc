"""Run by test_japanese_font.py in a process of its own, with the fontconfig and the desktop
language the test chose: Kanpe's speaker app, as ``kanpe speak`` builds it, in a practice room,
with Japanese chat from the audience and a Japanese cue from the host.

It prints one JSON object: every text each window shows (labels, buttons, menus, the chat and
reaction chips painted on the stage, the countdown's phase label), each with the characters that
no font Qt would draw it with has a glyph for (``missing``), and the fonts Qt found. With
``--shots DIR`` it also saves each window as a PNG, for a person to look at.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kanpe.app import application, solo_room
from kanpe.core.clockface import Phase
from kanpe.core.model import REACTIONS, CueKind
from kanpe.core.protocol import (
    AskQuestion,
    ModerateQuestion,
    React,
    SendChat,
    SendCue,
    StartTimer,
)
from kanpe.net.link import LinkClient
from kanpe.storage.settings import SettingsStore
from kanpe.ui.countdown_face import label_font
from kanpe.ui.fonts import missing_glyphs
from kanpe.ui.phases import phase_label
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel
from tests.support.waiting import eventually

SAMPLE = "最高です、スライドの文字が小さい"
NAME = "さくら"
QUESTION = "スライドはどこで公開されますか？"
WAIT = 20.0  # seconds, at most, for the chat and the cue to arrive


def texts_of(window: QWidget) -> list[tuple[str, str, QFont]]:
    """(where, text, font) for every visible label and button of ``window`` and its menus."""
    found: list[tuple[str, str, QFont]] = []
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.text():
            found.append((label.objectName() or "label", label.text(), label.font()))
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            found.append((button.objectName() or "button", button.text(), button.font()))
    menu_bar = getattr(window, "menuBar", None)
    if callable(menu_bar):
        bar = menu_bar()
        for action in bar.actions():
            found.append(("menu", action.text().replace("&", ""), bar.font()))
            menu = action.menu()
            if menu is not None:
                for item in menu.actions():
                    if item.text():
                        found.append(("menu item", item.text().replace("&", ""), menu.font()))
    return found


def coloured_pixels(text: str, font: QFont) -> int:
    """Pixels of ``text`` drawn in ``font`` (white pen on black) that are clearly coloured: a
    colour emoji has many, a missing-glyph box or a monochrome glyph none."""
    image = QImage(40 * max(1, len(text)), 64, QImage.Format.Format_RGB32)
    image.fill(QColor("black"))
    painter = QPainter(image)
    sized = QFont(font)
    sized.setPixelSize(32)
    painter.setFont(sized)
    painter.setPen(QColor("white"))
    painter.drawText(4, 44, text)
    painter.end()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            rgb = (colour.red(), colour.green(), colour.blue())
            count += max(rgb) - min(rgb) > 60
    return count


def emoji_report(app: SpeakerApp) -> list[dict[str, Any]]:
    """Each emoji the stage shows (its reaction chips, the pinned question's heading): the
    characters without a glyph, and how many coloured pixels it draws with."""
    feed = app.stage.feed
    heading = feed.pinned.heading
    chips = feed.reactions.chip_layout().font
    items = [(text, chips) for text in feed.reactions.chip_texts()]
    items.append((heading.text(), heading.font()))
    return [
        {
            "text": text,
            "missing": missing_glyphs(text, font),
            "coloured": coloured_pixels(text, font),
        }
        for text, font in items
    ]


def report(app: SpeakerApp) -> dict[str, Any]:
    stage_feed = app.stage.feed
    name_font, text_font = stage_feed.chat._fonts()
    painted: dict[str, list[tuple[str, str, QFont]]] = {
        "stage": [
            *texts_of(app.stage),
            *[("chat", m.text, text_font) for m in stage_feed.chat.visible_messages()],
            *[("chat name", m.name, name_font) for m in stage_feed.chat.visible_messages()],
            *[
                ("reaction", t, stage_feed.reactions.font())
                for t in stage_feed.reactions.chip_texts()
            ],
        ],
        "console": [
            *texts_of(app.console),
            *[("phase", phase_label(phase), label_font(20)) for phase in Phase],
        ],
        "overlay": texts_of(app.overlay),
    }
    return {
        "windows": {
            window: [
                {"where": where, "text": text, "missing": missing_glyphs(text, font)}
                for where, text, font in items
            ]
            for window, items in painted.items()
        },
        "cue": app.console.cue.text.text(),
        "chat": [m.text for m in stage_feed.chat.visible_messages()],
        "pinned": stage_feed.pinned_text(),
        "emoji": emoji_report(app),
        "families": QFontDatabase.families(),
    }


async def main(shots: Path | None) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="kanpe-ja-"))
    async with solo_room(20, title="文字の大きさ", data_dir=folder) as room:
        host = LinkClient(room.invites.host)
        audience = LinkClient(room.invites.audience)
        link = LinkClient(room.speaker_link, client="kanpe-speaker")
        for client in (host, audience, link):
            await client.start()
            await client.ready()
        app = SpeakerApp(
            SpeakerSlotModel.following(link),
            settings=SettingsStore.for_speaker(folder / "speaker.toml"),
            solo=True,
        )
        app.show()
        app.set_overlay_visible(True)
        await audience.command(SendChat(id=audience.new_id(), name=NAME, text=SAMPLE))
        for emoji in REACTIONS:
            await audience.command(React(id=audience.new_id(), emoji=emoji))
        await host.command(
            SendCue(id=host.new_id(), slot="talk", kind=CueKind.TEXT, text=SAMPLE, flash=False)
        )
        await host.command(StartTimer(id=host.new_id(), slot="talk"))
        asked = await audience.command(AskQuestion(id=audience.new_id(), text=QUESTION))
        pin = ModerateQuestion(id=host.new_id(), question=f"q{asked.version}", pinned=True)
        await host.command(pin)
        await eventually(
            lambda: app.chat.rowCount() == 1 and app.console.cue.text.text() == SAMPLE, WAIT
        )
        await eventually(lambda: len(app.stage.feed.reactions.chip_texts()) == len(REACTIONS), WAIT)
        await eventually(lambda: app.stage.feed.pinned_text() == QUESTION, WAIT)
        result = report(app)
        if shots is not None:
            for name in ("stage", "console", "overlay"):
                getattr(app, name).grab().save(str(shots / f"{name}.png"))
        app.quit()
        for client in (host, audience, link):
            await client.close()
    return result


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=Path, help="save each window here as a PNG")
    shots = parser.parse_args().shots
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    qt = application()  # as `kanpe speak`: the bundled font and the desktop's translation
    result = asyncio.run(main(shots), loop_factory=lambda: qasync.QEventLoop(qt))
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(run())
