"""Screenshots of the speaker's three windows in every phase, for a person to judge.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/speaker_screenshots.py

A solo room on an embedded relay, a host and an audience on the same protocol: chat, reactions
and a pinned question arrive, the host starts the timer and moves it through normal, warning,
final and overtime, sends a flashing cue (acknowledged), then the relay stops (offline), the help
overlay opens and a missing deck is opened; a refused command and one made offline show their
notices. Each step saves stage, console and overlay PNGs.
Run with LANG=ja_JP.UTF-8 for the Japanese windows (in the font Kanpe ships: no CJK font needed).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from kanpe.app import application, solo_room
from kanpe.core.model import CueKind
from kanpe.core.protocol import (
    AdjustTimer,
    AskQuestion,
    ModerateQuestion,
    React,
    SendChat,
    SendCue,
    StartTimer,
)
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

OUT = Path(tempfile.gettempdir()) / "kanpe-shots"


async def settle(app, t=0.4):
    await asyncio.sleep(t)


def grab(sp, name):
    for win, tag in ((sp.stage, "stage"), (sp.console, "console"), (sp.overlay, "overlay")):
        if win.isVisible():
            win.grab().save(str(OUT / f"{name}-{tag}.png"))


async def main():
    app = QApplication.instance()
    tmp = Path(tempfile.mkdtemp())
    deck = generate_deck(
        tmp / "Timers that never drift.pdf", pages=24, title="Timers that never drift"
    )
    async with solo_room(25, title="Timers that never drift") as room:
        host = LinkClient(room.invites.host)
        await host.start()
        await host.ready()
        aud = LinkClient(room.invites.audience)
        await aud.start()
        await aud.ready()
        link = LinkClient(room.speaker_link, client="kanpe-speaker")
        await link.start()
        await link.ready()
        sp = SpeakerApp(
            SpeakerSlotModel.following(link),
            settings=SettingsStore.for_speaker(tmp / "s.toml"),
            solo=True,
        )
        sp.open_deck(deck)
        sp.settings = sp.settings.__class__(overlay_visible=True)
        sp.show()
        sp.set_overlay_visible(True)
        sp.console.move(0, 0)
        sp.stage.move(100, 100)
        sp.overlay.move(1500, 40)
        await settle(app)
        grab(sp, "0-idle")
        for name, text in (
            ("Aiko", "Great talk so far!"),
            ("Ben", "Is the relay open source?"),
            ("Chika", "The drift demo was great 👏"),
            ("Dan", "<b>not bold</b> & plain text"),
        ):
            await aud.command(SendChat(id=aud.new_id(), name=name, text=text))
        await aud.command(
            AskQuestion(
                id=aud.new_id(),
                name="Eri",
                text="How do you handle clock skew between the host and speakers?",
            )
        )
        await wait_for_state(host, lambda s: bool(s.questions))
        qid = next(iter(host.state.questions))
        await host.command(ModerateQuestion(id=host.new_id(), question=qid, pinned=True))
        for _ in range(12):
            await aud.command(React(id=aud.new_id(), emoji="👏"))
        for _ in range(3):
            await aud.command(React(id=aud.new_id(), emoji="🎉"))
        await host.command(StartTimer(id=host.new_id(), slot="talk"))
        for _ in range(6):
            sp.deck.go(sp.deck.page + 1)
        await settle(app, 0.6)
        grab(sp, "1-normal")
        await host.command(AdjustTimer(id=host.new_id(), slot="talk", seconds=-(25 * 60 - 252)))
        await settle(app)
        grab(sp, "2-warning")
        await host.command(AdjustTimer(id=host.new_id(), slot="talk", seconds=-(252 - 42)))
        await settle(app)
        grab(sp, "3-final")
        await host.command(AdjustTimer(id=host.new_id(), slot="talk", seconds=-(42 + 65)))
        await settle(app)
        grab(sp, "4-overtime")
        await host.command(
            SendCue(
                id=host.new_id(),
                slot="talk",
                kind=CueKind.WRAP,
                text="Please wrap up: 2 questions max",
                flash=True,
            )
        )
        await settle(app, 0.3)
        grab(sp, "5-cue")
        await asyncio.sleep(0.45)
        grab(sp, "5b-cue-blink")
        sp.acknowledge_cue()
        await settle(app, 0.5)
        grab(sp, "5c-acked")
        # A command the relay refuses: the notice is Kanpe's sentence, not the relay's words.
        sp.commands.send(StartTimer(id=sp.commands.new_id(), slot="someone-else"))
        await settle(app, 0.3)
        grab(sp, "5d-refused")
        sp.console.help.toggle()
        await settle(app, 0.2)
        grab(sp, "7-help")
        sp.console.help.toggle()
        await host.close()
        await aud.close()
        await room.relay.stop()
        await settle(app, 1.0)
        grab(sp, "6-offline")
        sp.start_pause()  # made offline: it waits for the link, and a notice says so
        await settle(app, 0.2)
        grab(sp, "6b-offline-queued")
        sp.open_deck(tmp / "missing.pdf")
        await settle(app, 0.2)
        grab(sp, "8-baddeck")
        sp.quit()
        await link.close()


def run() -> None:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(OUT), help="folder for the PNGs")
    OUT = Path(parser.parse_args().out)
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()  # Kanpe's own: Fusion, and the translation for the desktop's language
    asyncio.run(main(), loop_factory=lambda: qasync.QEventLoop(app))
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    run()
