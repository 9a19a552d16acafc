"""Screenshots of the speaker's question queue and of a question pinned on the stage, for a
person to judge.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/question_screenshots.py

A solo room on an embedded relay: an audience asks questions (English and Japanese) and votes;
the speaker selects one with the keys' actions, pins it to the stage, marks another answered and
folds the queue (the count on the edge). Each step saves the console and the stage as PNGs.
Run with LANG=ja_JP.UTF-8 for the Japanese windows (a CJK font must be installed to see them).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from kanpe.app import application, solo_room
from kanpe.core.protocol import AskQuestion, StartTimer, VoteQuestion
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

OUT = Path(tempfile.gettempdir()) / "kanpe-question-shots"

QUESTIONS = (
    ("Mia", "Does the countdown drift after an hour on a sleeping laptop?", 7),
    ("", "スライドはどこで公開されますか？", 4),
    ("Ken", "How do you handle clock skew between the host and the speakers?", 3),
    ("さくら", "オフラインになったとき、タイマーはどうなりますか？", 1),
    ("Raj", "Is the relay open source?", 0),
)


async def settle(seconds: float = 0.4) -> None:
    await asyncio.sleep(seconds)


def grab(speaker: SpeakerApp, name: str) -> None:
    windows = (speaker.stage, "stage"), (speaker.console, "console"), (speaker.overlay, "overlay")
    for window, tag in windows:
        if window.isVisible():
            window.grab().save(str(OUT / f"{name}-{tag}.png"))


async def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    deck = generate_deck(tmp / "Timers.pdf", pages=24, title="Timers that never drift")
    async with solo_room(25, title="Timers that never drift") as room:
        host = LinkClient(room.invites.host)
        await host.start()
        await host.ready()
        link = LinkClient(room.speaker_link, client="kanpe-speaker")
        await link.start()
        await link.ready()
        speaker = SpeakerApp(
            SpeakerSlotModel.following(link),
            settings=SettingsStore.for_speaker(tmp / "s.toml"),
            solo=True,
        )
        speaker.open_deck(deck)
        speaker.show()
        speaker.console.move(0, 0)
        speaker.set_overlay_visible(True)
        speaker.stage.resize(1280, 720)
        await host.command(StartTimer(id=host.new_id(), slot="talk"))
        people = []
        for n in range(8):
            person = LinkClient(room.invites.audience, client_id=f"phone-{n}")
            await person.start()
            await person.ready()
            people.append(person)
        for index, (name, text, _votes) in enumerate(QUESTIONS):
            asker = people[index]
            await asker.command(AskQuestion(id=asker.new_id(), name=name, text=text))
        state = await wait_for_state(host, lambda s: len(s.questions) == len(QUESTIONS))
        ids = {q.text: q.id for q in state.questions.values()}
        for _name, text, votes in QUESTIONS:
            for voter in people[:votes]:
                await voter.command(VoteQuestion(id=voter.new_id(), question=ids[text]))
        await settle(0.6)
        grab(speaker, "1-queue-new")
        questions = speaker.presenter.questions
        assert questions is not None
        questions.step(1)
        questions.step(1)
        await settle()
        grab(speaker, "2-selected")
        questions.pin()
        await settle(0.6)
        grab(speaker, "3-pinned")
        questions.step(-1)
        questions.answer()
        await settle(0.6)
        grab(speaker, "4-answered")
        questions.set_open(False)
        asker = people[5]
        await asker.command(AskQuestion(id=asker.new_id(), text="What about daylight saving?"))
        await settle(0.6)
        grab(speaker, "5-folded")
        speaker.console.help.toggle()
        await settle(0.2)
        grab(speaker, "6-help")
        speaker.console.help.toggle()
        questions.set_open(True)
        speaker.console.resize(1280, 720)  # a laptop's screen
        await settle()
        grab(speaker, "7-laptop")
        speaker.quit()
        for client in (*people, host, link):
            await client.close()


def run() -> None:
    global OUT
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", default=str(OUT), help="folder for the PNGs")
    OUT = Path(parser.parse_args().out)
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()  # Kanpe's own: Fusion, and the translation for the desktop's language
    assert isinstance(app, QApplication)
    asyncio.run(main(), loop_factory=lambda: qasync.QEventLoop(app))
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    run()
