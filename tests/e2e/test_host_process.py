"""`kanpe host` as a real process (Qt offscreen): it starts its relay, prints the event's links,
serves them, quits cleanly on Ctrl+C, and resumes the same event when started again."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kanpe.core.links import parse_link
from kanpe.core.model import Role
from kanpe.net.link import LinkClient

QUIT_WITHIN = 30.0


def host_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


async def start_host(tmp_path: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kanpe",
        "host",
        *args,
        env=host_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


async def read_links(proc: asyncio.subprocess.Process) -> dict[str, str]:
    """The links the host printed, by what they are for, up to the last speaker's."""
    assert proc.stdout is not None
    links: dict[str, str] = {}
    lines: list[str] = []
    while "speaker:lt-3" not in links:
        line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
        if not line:
            raise AssertionError("kanpe host ended before printing its links:\n" + "".join(lines))
        lines.append(line)
        if line.startswith("Host link"):
            links["host"] = line.split(": ", 1)[1].strip()
        elif line.startswith("Speaker link for "):
            slot = line.removeprefix("Speaker link for ").split()[0].rstrip(":")
            links[f"speaker:{slot}"] = line.split(": ", 1)[1].strip()
        elif line.startswith(("A new event", "Resuming")):
            links["first"] = line.strip()
    return links


async def quit_with_ctrl_c(proc: asyncio.subprocess.Process) -> bytes:
    proc.send_signal(signal.SIGINT)
    _, err = await asyncio.wait_for(proc.communicate(), QUIT_WITHIN)
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in err, err.decode()
    return err


@pytest.mark.asyncio
async def test_kanpe_host_serves_its_links_quits_on_ctrl_c_and_resumes(tmp_path: Path) -> None:
    data = tmp_path / "event"
    proc = await start_host(tmp_path, "--data", str(data), "--port", "0")
    try:
        links = await read_links(proc)
        assert links["first"].startswith("A new event")
        host = LinkClient(links["host"])
        await host.start()
        await host.ready()
        assert host.role is Role.HOST
        assert host.state is not None and host.state.rundown.slots  # the sample rundown
        await host.close()
    finally:
        if proc.returncode is None:
            await quit_with_ctrl_c(proc)
    again = await start_host(tmp_path, "--data", str(data), "--port", "0")
    try:
        relinks = await read_links(again)
        assert relinks["first"].startswith("Resuming")
        old, new = parse_link(links["host"]), parse_link(relinks["host"])
        assert (old.room, old.token) == (new.room, new.token)
    finally:
        if again.returncode is None:
            await quit_with_ctrl_c(again)


@pytest.mark.asyncio
async def test_kanpe_host_refuses_a_speaker_link_in_words(tmp_path: Path) -> None:
    speaker = "http://127.0.0.1:8765/speak/room1234#" + "a" * 32
    proc = await start_host(tmp_path, "--link", speaker)
    _, err = await asyncio.wait_for(proc.communicate(), QUIT_WITHIN)
    assert proc.returncode == 2
    assert b"speaker link, not a host link" in err
