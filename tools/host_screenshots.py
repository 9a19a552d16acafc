"""Screenshots of the host console through an evening, for a person to judge.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/host_screenshots.py
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/host_screenshots.py \
        --size 1366x768

A relay on the sample rundown, the console as host, and three speaker links (two reporting their
slides): idle, a talk running, a warning with a cue acknowledged, time up with a cue waiting, a
speaker who dropped, the relay gone (with a command not sent), and the shortcuts card.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import msgspec
import qasync

from kanpe.app import application
from kanpe.core.protocol import AckCue, ReportSlide
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.net.relay import Relay, RelayConfig
from kanpe.net.relayclock import RelayClock
from kanpe.storage.assets import sample_rundown_path
from kanpe.storage.hostsettings import host_settings_store
from kanpe.storage.rundown_file import load_rundown
from kanpe.ui.host.console import HostConsole
from kanpe.ui.roommodel import RoomModel

OUT = Path(tempfile.gettempdir()) / "kanpe-host-shots"


class Clock:
    """Monotonic time every link and the relay read: the evening moves when the script says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


CLOCK = Clock()


async def settle(seconds: float = 0.5) -> None:
    await asyncio.sleep(seconds)


def later(minutes: float) -> None:
    CLOCK.now += minutes * 60


async def main(size: tuple[int, int]) -> None:
    tmp = Path(tempfile.mkdtemp())
    rundown = load_rundown(sample_rundown_path())
    # The event starts at the next quarter hour, on a clock the script moves.
    wall = time.time()
    wall -= wall % 900
    rundown = msgspec.structs.replace(rundown, start=wall)
    relay_clock = RelayClock(wall=lambda: wall - 120, monotonic=CLOCK)
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=tmp / "relay")
    relay = Relay(config, clock=relay_clock)
    await relay.start()
    invites = await relay.create_room(name=rundown.title, rundown=rundown)
    host = LinkClient(invites.host, client="kanpe-host", clock=CLOCK)
    await host.start()
    room = RoomModel()
    console = HostConsole(
        room, settings=host_settings_store(tmp / "host.toml"), wall=relay_clock.now
    )
    console.window.resize(*size)
    console.show()
    room.attach(host)
    await host.ready()
    speakers = {}
    for slot in ("talk-1", "talk-2", "lt-1"):
        link = LinkClient(invites.speakers[slot], client="kanpe-speaker 0.4.0", clock=CLOCK)
        await link.start()
        await link.ready()
        speakers[slot] = link
    await speakers["talk-1"].command(ReportSlide(id="s1", page=1, pages=24))
    await speakers["talk-2"].command(ReportSlide(id="s2", page=1, pages=31))
    await settle(1.2)
    shot(console, "0-idle")

    later(5)
    console.actions.put_on_stage("talk-1")
    await wait_for_state(host, lambda s: s.current == "talk-1")
    console.actions.start("talk-1")
    await wait_for_state(host, lambda s: s.slots["talk-1"].timer.running)
    later(8)
    await speakers["talk-1"].command(ReportSlide(id="s3", page=7, pages=24))
    await settle(1.2)
    shot(console, "1-running")

    later(13 + 50 / 60)
    console.actions.send_cue("talk-1", "time", "5 minutes left", False)
    await wait_for_state(host, lambda s: s.slots["talk-1"].cue is not None)
    cue = host.state.slots["talk-1"].cue
    await speakers["talk-1"].command(AckCue(id="a1", cue=cue.id))
    await settle(1.2)
    shot(console, "2-warning")

    later(5 + 75 / 60)
    console.actions.send_cue("talk-1", "wrap", "Time is up", True)
    await settle(1.2)
    shot(console, "3-time-up")

    await speakers.pop("talk-2").close()
    await settle(1.5)
    shot(console, "4-speaker-offline")

    await relay.stop()
    await settle(1.5)
    later(0.75)
    console.actions.adjust("talk-1", 60)
    await settle(1.2)
    shot(console, "5-relay-down")

    console.window.help.toggle()
    await settle(0.3)
    shot(console, "6-help")
    console.window.help.toggle()
    console.quit()
    for link in speakers.values():
        await link.close()
    await host.close()


def shot(console: HostConsole, name: str) -> None:
    console.window.grab().save(str(OUT / f"{name}.png"))


def run() -> None:
    global OUT
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", default=str(OUT), help="folder for the PNGs")
    parser.add_argument("--size", default="1920x1080", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    OUT = Path(args.out) / f"{width}x{height}"
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()
    asyncio.run(main((width, height)), loop_factory=lambda: qasync.QEventLoop(app))
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    run()
