"""`kanpe demo` as a real process on a real X server (Xvfb): every window comes up, the speaker
is on stage as the first talk, the simulated audience talks, and Ctrl+C ends it all cleanly."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kanpe.core.model import Role
from kanpe.net.link import LinkClient, wait_for_state
from tests.support.waiting import eventually
from tests.support.xserver import Xvfb

QUIT_WITHIN = 30.0
#: The windows of the demo: the host's console, the speaker's stage and presenter console (the
#: overlay waits until the speaker asks for it), the audience link's.
WINDOWS = {
    "Kanpe host console",
    "Kanpe — Stage",
    "Kanpe — Presenter console",
    "Kanpe demo: join the audience",
}


@pytest.fixture
def xvfb() -> Iterator[Xvfb]:
    server = Xvfb()
    try:
        yield server
    finally:
        server.stop()


async def read_audience_link(proc: asyncio.subprocess.Process) -> str:
    assert proc.stdout is not None
    lines: list[str] = []
    while True:
        line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
        if not line:
            raise AssertionError("kanpe demo ended before printing its links:\n" + "".join(lines))
        lines.append(line)
        found = re.search(r"https?://\S+/audience/\S+", line)
        if found:
            return found.group(0)


@pytest.mark.asyncio
@pytest.mark.timeout(180)
async def test_kanpe_demo_starts_every_window_and_quits_cleanly_on_ctrl_c(
    xvfb: Xvfb, tmp_path: Path
) -> None:
    env = xvfb.env()
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), LANG="C.UTF-8")
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kanpe",
        "demo",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        audience_link = await read_audience_link(proc)
        await eventually(lambda: set(xvfb.visible_windows(proc.pid)) >= WINDOWS, within=60)

        # The room as the audience sees it: the first talk on stage, its speaker's app and the
        # host's console online, the simulated people chatting.
        link = LinkClient(audience_link, client="e2e-audience")
        await link.start()
        try:
            await link.ready()
            assert link.role is Role.AUDIENCE
            state = await wait_for_state(
                link, lambda s: s.current == s.rundown.slots[0].id and len(s.chat) >= 1, 60
            )
            assert state.rundown.title.startswith("Kanpe Meetup")
        finally:
            await link.close()
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
        _, err = await asyncio.wait_for(proc.communicate(), QUIT_WITHIN)
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in err and b"ERROR" not in err, err.decode()
