"""Screenshots of a show of hands, for a person to judge: the console's poll panel and the stage.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/poll_screenshots.py

A solo room on an embedded relay, the speaker app on a generated deck, and an audience of 23
real links. The speaker picks a preset in the console and types the tool's name over its X,
opens the poll (Enter), the audience answers, the speaker shows the result on the stage (R),
then closes it (X) and starts a second poll with 5 choices; last, a question is pinned above it
and the stage is set to a stream's fixed 1280x720. Each step saves the stage and the console as
PNGs. Run with LANG=ja_JP.UTF-8 for the Japanese windows (the presets and the options are then
Japanese too, in the font Kanpe ships).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kanpe.app import application, solo_room
from kanpe.core.protocol import AnswerPoll, AskQuestion, ModerateQuestion, SendChat
from kanpe.net.link import LinkClient
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

OUT = Path(tempfile.gettempdir()) / "kanpe-poll-shots"
AUDIENCE = 23


def grab(speaker: SpeakerApp, name: str) -> None:
    speaker.stage.grab().save(str(OUT / f"{name}-stage.png"))
    speaker.console.grab().save(str(OUT / f"{name}-console.png"))


async def until(check: object, within: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():  # type: ignore[operator]
        if loop.time() > deadline:
            raise TimeoutError("the room did not get there")
        await asyncio.sleep(0.02)


async def answer(people: list[LinkClient], poll: str, choices: list[int]) -> None:
    for person, option in zip(people, choices, strict=False):
        await person.command(AnswerPoll(id=person.new_id(), poll=poll, option=option))


async def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    deck = generate_deck(tmp / "Rust at work.pdf", pages=12, title="Rust at work")
    async with solo_room(25, title="Rust at work") as room:
        people = []
        for _ in range(AUDIENCE):
            person = LinkClient(room.invites.audience)
            await person.start()
            await person.ready()
            people.append(person)
        host = LinkClient(room.invites.host)
        await host.start()
        await host.ready()
        people.append(host)  # closed with the audience
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
        for name, text in (("Aiko", "Rust の話、楽しみ！"), ("Ben", "Hands up!")):
            await people[0].command(SendChat(id=people[0].new_id(), name=name, text=text))
        panel = speaker.console.polls
        await asyncio.sleep(0.3)
        grab(speaker, "0-editor")
        speaker.act("poll.new")
        panel.editor.use_preset(panel.editor.words.presets()[0])
        QTest.keyClicks(panel.editor.question, "Rust")
        await asyncio.sleep(0.2)
        grab(speaker, "1-preset")
        QTest.keyClick(panel.editor.question, Qt.Key.Key_Return)
        await until(lambda: speaker.polls.model.followed() is not None)
        poll = speaker.polls.model.followed()
        assert poll is not None
        await answer(people, poll.id, [0] * 15 + [1] * 8)
        await until(lambda: sum(getattr(speaker.polls.model.followed(), "counts", ())) == 23)
        await asyncio.sleep(0.2)
        grab(speaker, "2-live")
        speaker.act("poll.stage")
        await until(lambda: speaker.polls.model.on_stage() is not None)
        await asyncio.sleep(0.2)
        grab(speaker, "3-on-stage")
        speaker.act("poll.close")
        await until(lambda: not getattr(speaker.polls.model.on_stage(), "open", True))
        await asyncio.sleep(0.2)
        grab(speaker, "4-closed")
        panel.new_poll()
        panel.editor.use_preset(panel.editor.words.presets()[5])
        QTest.keyClick(panel.editor.question, Qt.Key.Key_Return)
        await until(lambda: getattr(speaker.polls.model.followed(), "id", poll.id) != poll.id)
        second = speaker.polls.model.followed()
        assert second is not None
        await answer(people, second.id, [0] * 11 + [1] * 2 + [2] * 4 + [3] * 1 + [4] * 5)
        await until(lambda: sum(getattr(speaker.polls.model.followed(), "counts", ())) == 23)
        speaker.act("poll.stage")
        await until(lambda: getattr(speaker.polls.model.on_stage(), "id", "") == second.id)
        await asyncio.sleep(0.2)
        grab(speaker, "5-five-choices")
        # A pinned question above the result, and the stage at the fixed 1280x720 of a stream.
        await people[1].command(
            AskQuestion(id=people[1].new_id(), name="Eri", text="Rust は本番で使えますか？")
        )
        await until(lambda: bool(speaker.model.room.questions()))
        question = speaker.model.room.questions()[0].id
        await host.command(ModerateQuestion(id=host.new_id(), question=question, pinned=True))
        speaker.set_stage_size("1280x720")
        await until(lambda: speaker.stage.feed.pinned_text() != "")
        await asyncio.sleep(0.3)
        grab(speaker, "6-pinned-720p")
        speaker.quit()
        for person in people:
            await person.close()
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
