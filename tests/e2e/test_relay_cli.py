"""The `kanpe relay` and `kanpe room create` commands as real processes."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kanpe.core.model import CueKind, Role
from kanpe.core.protocol import SendCue
from kanpe.net.link import LinkClient, wait_for_state

LINK = re.compile(r"^\s+(host|speaker|audience|viewer)\s+(\S+)", re.MULTILINE)


@pytest.fixture
def relay_process(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    data = tmp_path / "relay-data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kanpe", "relay", "--port", "0", "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    match = re.search(r"Kanpe relay on (http://\S+)", first)
    assert match, first
    try:
        yield match.group(1), data
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
        _, err = proc.communicate()
        assert "Traceback" not in err


def room_create(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kanpe", "room", "create", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_room_create_prints_working_links_per_role(relay_process: tuple[str, Path]) -> None:
    url, data = relay_process
    result = room_create("--relay", url, "--data", str(data), "--name", "CLI night")
    assert result.returncode == 0, result.stderr
    links = LINK.findall(result.stdout)
    roles = [role for role, _ in links]
    assert roles.count("host") == 1
    assert roles.count("audience") == 1
    assert roles.count("speaker") == 7  # the sample rundown: 4 talks, 3 lightning talks
    for _, link in links:
        assert "?" not in link
        assert "#" in link
    host_link = next(link for role, link in links if role == "host")
    speaker_link = next(link for role, link in links if role == "speaker")

    async def cue_round_trip() -> None:
        host = LinkClient(host_link)
        speaker = LinkClient(speaker_link)
        for client in (host, speaker):
            await client.start()
            await client.ready()
        try:
            assert (host.role, speaker.role) == (Role.HOST, Role.SPEAKER)
            slot = speaker.slot
            assert slot is not None
            await host.command(SendCue(id="cue-1", slot=slot, kind=CueKind.WRAP))
            await wait_for_state(speaker, lambda s: s.slots[slot].cue is not None)
        finally:
            await host.close()
            await speaker.close()

    asyncio.run(cue_round_trip())


def test_room_create_without_the_secret_says_what_to_do(
    relay_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = relay_process
    result = room_create("--relay", url, "--data", str(tmp_path / "elsewhere"))
    assert result.returncode == 1
    assert "admin secret" in result.stderr
    assert "--data" in result.stderr
    assert "Traceback" not in result.stderr


def test_room_create_with_a_wrong_secret_is_refused(
    relay_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = relay_process
    secret = tmp_path / "secret"
    secret.write_text("x" * 43)
    result = room_create("--relay", url, "--admin-secret-file", str(secret))
    assert result.returncode == 1
    assert "refused" in result.stderr
    assert "Traceback" not in result.stderr


def test_room_create_with_a_bad_rundown_names_the_line(
    relay_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, data = relay_process
    bad = tmp_path / "bad.toml"
    bad.write_text('[[slot]]\nid = "a"\nduration = "0m"\n')
    result = room_create("--relay", url, "--data", str(data), "--rundown", str(bad))
    assert result.returncode == 1
    assert "line 3" in result.stderr
    assert "duration" in result.stderr


def test_relay_refuses_a_busy_port(relay_process: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = relay_process
    port = url.rsplit(":", 1)[1]
    result = subprocess.run(
        [sys.executable, "-m", "kanpe", "relay", "--port", port, "--data", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1
    assert "cannot listen" in result.stderr
