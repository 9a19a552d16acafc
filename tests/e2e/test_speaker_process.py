"""`kanpe speak` as a real process (Qt offscreen) joined to a relay: it reports its slide."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QApplication

from kanpe.core.model import Role
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.net.relay import Relay, RelayConfig
from kanpe.ui.speaker.deckgen import generate_deck
from tests.support.waiting import notice

RUNDOWN = Rundown(slots=(Slot(id="talk-1", title="Timers", duration=1200),))


@pytest.fixture
def deck(qapp: QApplication, tmp_path: Path) -> Path:
    del qapp  # QPdfWriter needs the application for its fonts
    return generate_deck(tmp_path / "talk.pdf", 6, title="E2E deck")


def speak_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


@pytest_asyncio.fixture
async def relay(tmp_path: Path) -> AsyncIterator[Relay]:
    async with Relay(RelayConfig(port=0, data_dir=tmp_path / "relay")) as running:
        yield running


@pytest.mark.asyncio
async def test_kanpe_speak_joins_the_hosts_relay_and_reports_its_slide(
    relay: Relay, deck: Path, tmp_path: Path
) -> None:
    invites = await relay.create_room(name="E2E", rundown=RUNDOWN)
    host = LinkClient(invites.host)
    await host.start()
    await host.ready()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kanpe",
        "speak",
        str(deck),
        "--join",
        invites.speakers["talk-1"],
        env=speak_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        await wait_for_state(
            host, lambda s: (s.slots["talk-1"].page, s.slots["talk-1"].pages) == (1, 6), within=30
        )
        presence = host.presence
        if not any(peer.role is Role.SPEAKER for peer in presence.peers):
            await notice(
                host,
                lambda n: any(p.role is Role.SPEAKER for p in getattr(n, "peers", ())),
                within=10,
            )
        assert proc.returncode is None  # still running
    finally:
        proc.terminate()
        _, err = await proc.communicate()
        await host.close()
    assert b"Traceback" not in err, err.decode()


def test_kanpe_speak_refuses_a_malformed_link(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kanpe", "speak", "deck.pdf", "--join", "not a link"],
        capture_output=True,
        text=True,
        env=speak_env(tmp_path),
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "invite link" in result.stderr and "Traceback" not in result.stderr


# Run in a fresh interpreter: what `kanpe speak` has loaded when the stage's first slide is on
# screen, and whether the console was built by then.
_FIRST_SLIDE_PROBE = """
import os, sys
import kanpe.cli
from kanpe.ui.speaker.app import SpeakerApp

shown = SpeakerApp.show

def show(self):
    def first_slide():
        loaded = sorted(m for m in WATCHED if m in sys.modules)
        print(self.deck.stage_view.painted_index(), self.has_private_windows, loaded, flush=True)
        os._exit(0)

    self.firstPainted.connect(first_slide)
    shown(self)

WATCHED = sys.argv[2:]
SpeakerApp.show = show
kanpe.cli.main(["speak", sys.argv[1], "--minutes", "5"])  # the command line's whole path
"""


def test_the_first_slide_does_not_wait_for_the_console_the_protocol_or_the_network(
    deck: Path, tmp_path: Path
) -> None:
    """The stage's first slide is painted before the console and overlay are built and before
    msgspec, the protocol, asyncio and the websockets client are imported: all of that loads
    after it (~100 ms of a ~300 ms start on this machine; BENCHMARKS.md)."""
    watched = [
        "kanpe.ui.speaker.console",
        "kanpe.ui.speaker.overlay",
        "kanpe.core.protocol",
        "msgspec",
        "asyncio",
        "qasync",
        "websockets",
    ]
    probe = subprocess.run(
        [sys.executable, "-c", _FIRST_SLIDE_PROBE, str(deck), *watched],
        env=speak_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert probe.stdout.strip() == "0 False []", probe.stderr


# In a fresh interpreter: whether the console has painted its slide when the network starts.
_CONSOLE_PROBE = """
import os, sys
import kanpe.app
import kanpe.cli

def solo_room(*args, **kwargs):
    speaker = SPEAKERS[0]
    print(speaker.deck.console_view.painted_index(), speaker.console_has_painted, flush=True)
    os._exit(0)

SPEAKERS = []
kanpe.app.solo_room = solo_room
from kanpe.ui.speaker.app import SpeakerApp

built = SpeakerApp.__init__

def init(self, *args, **kwargs):
    built(self, *args, **kwargs)
    SPEAKERS.append(self)

SpeakerApp.__init__ = init
kanpe.cli.main(["speak", sys.argv[1], "--minutes", "5"])
"""


def test_the_network_starts_once_the_console_has_painted_its_slide(
    deck: Path, tmp_path: Path
) -> None:
    """After the stage's first slide, the console's: the relay and the link (asyncio, websockets,
    SQLite) start once it is painted, not in the way of its first paint (BENCHMARKS.md)."""
    probe = subprocess.run(
        [sys.executable, "-c", _CONSOLE_PROBE, str(deck)],
        env=speak_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert probe.stdout.strip() == "0 True", probe.stderr
