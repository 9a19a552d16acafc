"""``kanpe export`` on a real relay's data directory: read-only, with the relay running or
stopped, and clear words for a directory with no rooms, several rooms, or no relay data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kanpe.cli import main
from kanpe.core.protocol import AskQuestion, NextSlot
from kanpe.net.export_main import ExportError, export_room
from kanpe.net.link import LinkClient
from kanpe.net.relay import Relay, RelayConfig
from tests.net.conftest import RUNDOWN, fast_backoff


async def _night(relay: Relay) -> str:
    invites = await relay.create_room(name="Test night", rundown=RUNDOWN)
    host = LinkClient(invites.host, backoff=fast_backoff)
    audience = LinkClient(invites.audience, backoff=fast_backoff)
    for client in (host, audience):
        await client.start()
        await client.ready()
    await host.command(NextSlot(id=host.new_id(), start=True))
    await audience.command(AskQuestion(id=audience.new_id(), text="Does it drift?", name="Mia"))
    await host.close()
    await audience.close()
    return invites.room


def _files(folder: Path) -> dict[str, int]:
    return {
        name: os.stat(folder / name).st_mtime_ns
        for name in os.listdir(folder)
        if not name.endswith(("-wal", "-shm"))
    }


@pytest.mark.asyncio
async def test_export_while_the_relay_runs_and_after(tmp_path: Path) -> None:
    data = tmp_path / "host"
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=data / "relay")  # as kanpe host
    async with Relay(config) as relay:
        room = await _night(relay)
        live = export_room(data, None)
        assert "Does it drift?" in live and "(under way)" in live
    before = _files(data / "relay")
    text = export_room(data / "relay", room)
    assert text.startswith("# Test night\n") and "| Timers | Aiko |" in text
    assert _files(data / "relay") == before  # read, never written


@pytest.mark.asyncio
async def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    async with Relay(RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path)) as relay:
        first = await _night(relay)
    assert main(["export", "--data", str(tmp_path)]) == 0
    assert "Does it drift?" in capsys.readouterr().out
    async with Relay(RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path)) as relay:
        await relay.create_room(name="Second night", rundown=RUNDOWN)
    assert main(["export", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "holds 2 rooms; choose one with --room" in err
    assert first in err and "Second night" in err
    out = tmp_path / "night.md"
    assert main(["export", "--data", str(tmp_path), "--room", first, "--out", str(out)]) == 0
    assert out.read_text("utf-8").startswith("# Test night")
    assert main(["export", "--data", str(tmp_path), "--room", "nope"]) == 1
    assert "there is no room 'nope'" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_no_rooms_and_no_relay_data(tmp_path: Path) -> None:
    async with Relay(RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path / "empty")):
        pass
    with pytest.raises(ExportError, match="holds no rooms yet"):
        export_room(tmp_path / "empty", None)
    with pytest.raises(ExportError, match="no relay data in"):
        export_room(tmp_path / "nothing-here", None)
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "relay.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(ExportError, match="cannot read the relay database"):
        export_room(tmp_path / "odd", None)
