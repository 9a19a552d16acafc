"""Screenshots of the host console's side panels with a live room, for a person to judge.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/panel_screenshots.py
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/panel_screenshots.py \
        --size 1366x768
    LANGUAGE=ja xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/panel_screenshots.py

A relay with a four-talk room, the console as host with its panels, the first talk on stage and
running, the real speaker app for it and a bare link for the second talk (online, never
answering a check), and six audience links chatting (markup included), asking, voting, answering
two polls (one closed), reporting and reacting. Then "Check all", and one shot per panel.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import qasync

from kanpe.app import application
from kanpe.core.protocol import (
    AnswerPoll,
    AskQuestion,
    ClosePoll,
    Command,
    ModerateQuestion,
    OpenPoll,
    React,
    ReportChat,
    ReportQuestion,
    SendChat,
    SetCurrent,
    StartTimer,
    VoteQuestion,
)
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import LinkClient
from kanpe.net.relay import Relay, RelayConfig
from kanpe.storage.hostsettings import host_settings_store
from kanpe.storage.settings import SettingsStore
from kanpe.ui.host.panels import HostPanels, console_factory
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

OUT = Path(tempfile.gettempdir()) / "kanpe-panel-shots"
NIGHT = Rundown(
    title="Kanpe Meetup #12",
    slots=(
        Slot(id="talk-1", speaker="Aiko Tanaka", title="Timers that never drift", duration=1500),
        Slot(id="talk-2", speaker="Rafael Souza", title="Reading the room", duration=1500),
        Slot(id="talk-3", speaker="Chen Wei", title="Cue cards for remote talks", duration=1500),
        Slot(id="lt-1", speaker="Priya", title="Five slides", duration=300, warning=60, final=30),
    ),
)
CHAT = [
    ("Mia", "Great talk so far!"),
    ("Ken", "Can you share the slides afterwards?"),
    ("", "<b>is this bold?</b>"),
    ("Troll", "buy followers at example.com"),
    ("Sora", "タイマーのずれはどうやって測りましたか?"),
    ("Lee", "👏👏👏"),
]
QUESTIONS = [
    "Does it drift after an hour on a sleeping laptop?",
    "Which clock do you trust: wall or monotonic?",
    "Why PySide6 rather than a web app?",
    "How do speakers on bad Wi-Fi get their cues?",
]


async def until(check: Callable[[], bool]) -> None:
    """A script's wait on the room (several links' state, no one signal for it)."""
    while not check():  # noqa: ASYNC110
        await asyncio.sleep(0.05)


async def main(size: tuple[int, int], out: Path) -> None:
    data = Path(tempfile.mkdtemp(prefix="kanpe-panels-"))
    relay = Relay(RelayConfig(host="127.0.0.1", port=0, data_dir=data / "relay"))
    await relay.start()
    invites = await relay.create_room(name=NIGHT.title, rundown=NIGHT)
    links: list[LinkClient] = []

    async def join(link: str, **kwargs: Any) -> LinkClient:
        client = LinkClient(link, **kwargs)
        links.append(client)
        await client.start()
        await client.ready()
        return client

    async def send(client: LinkClient, kind: Callable[..., Command], **fields: Any) -> None:
        await client.command(kind(id=client.new_id(), **fields))

    host = await join(invites.host, client="kanpe-host")
    await send(host, SetCurrent, slot="talk-1")
    await send(host, StartTimer, slot="talk-1")
    people = [await join(invites.audience, client_id=f"phone{n:02d}" + "a" * 20) for n in range(6)]
    for person, (name, text) in zip(people, CHAT, strict=True):
        await send(person, SendChat, text=text, name=name)
    for person, text in zip(people, QUESTIONS, strict=False):
        await send(person, AskQuestion, text=text, name="Mia")
    assert host.state is not None
    ids = [q.id for q in host.state.questions.values()]
    for i, person in enumerate(people):
        for j, question in enumerate(ids):
            if (i + j) % 3 == 0 or j == 1:
                await send(person, VoteQuestion, question=question)
    await send(host, ModerateQuestion, question=ids[1], pinned=True)
    await send(host, ModerateQuestion, question=ids[3], answered=True)
    await send(host, OpenPoll, question="Are you a freelance ML engineer?", options=("Yes", "No"))
    await send(host, OpenPoll, question="Which editor?", options=("Vim", "Emacs", "VS Code"))
    polls = list(host.state.polls)
    for i, person in enumerate(people):
        await send(person, AnswerPoll, poll=polls[0], option=i % 2 if i < 5 else 0)
        await send(person, AnswerPoll, poll=polls[1], option=i % 3)
    await send(host, ClosePoll, poll=polls[1])
    troll = next(m.id for m in host.state.chat if m.name == "Troll")
    for person in people[:3]:
        await send(person, ReportChat, message=troll)
    await send(people[4], ReportQuestion, question=ids[2])

    aiko = await join(invites.speakers["talk-1"], client="kanpe-speaker")
    speaker = SpeakerApp(
        SpeakerSlotModel.following(aiko),
        settings=SettingsStore.for_speaker(data / "speaker.toml"),
        solo=False,
    )
    await join(invites.speakers["talk-2"], client="kanpe-speaker")  # never answers a check
    make = console_factory(host_settings_store(data / "host.toml"), invites.as_result())
    console = make()
    panels = console.findChild(HostPanels)
    assert panels is not None
    console.window.resize(*size)
    console.show()
    console.room.attach(host)
    checkin = panels.checkin
    await until(lambda: sum(s.readiness != "offline" for s in checkin.states()) == 2)
    for person in people:  # live reactions, after the panel opened
        await send(person, React, emoji="👏")
    await send(people[0], React, emoji="🎉")
    checkin.check_all()
    await until(lambda: checkin.states()[0].readiness == "ready")
    await asyncio.sleep(0.5)

    window, audience = console.window, panels.audience
    tag = f"{size[0]}x{size[1]}"
    for index, name in enumerate(["questions", "chat", "polls", "reports"]):
        window.tabs.setCurrentWidget(audience)
        audience.tabs.setCurrentIndex(index)
        await asyncio.sleep(0.3)
        window.grab().save(str(out / f"audience-{name}-{tag}.png"))
    for panel, name in ((panels.checkin, "checkin"), (panels.invites, "invites")):
        window.tabs.setCurrentWidget(panel)
        await asyncio.sleep(0.3)
        window.grab().save(str(out / f"{name}-{tag}.png"))
    print(f"screenshots in {out}")
    console.quit()
    speaker.quit()
    for client in links:
        await client.close()
    await relay.stop()


def run() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="1920x1080", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    qt = application()
    loop = qasync.QEventLoop(qt)
    with loop:
        loop.run_until_complete(main((width, height), args.out))


if __name__ == "__main__":
    run()
