"""The host's embedded relay on its own thread, and the host's event kept across restarts."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from kanpe.core.links import parse_link
from kanpe.core.protocol import StartTimer
from kanpe.net.embedded import RelayThread, lan_address, open_event
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.net.relay import Relay, RelayConfig
from kanpe.storage.atomic import StorageError
from kanpe.storage.hostevent import EVENT_FILE, load_event
from tests.net.conftest import RUNDOWN, fast_backoff


def _thread(folder: Path, **kwargs: object) -> RelayThread:
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=folder / "relay")
    return RelayThread(config, **kwargs)  # type: ignore[arg-type]


async def _event(relay: RelayThread, folder: Path) -> dict[str, str]:
    invites = await relay.run(lambda r: open_event(r, folder, name="Night", rundown=RUNDOWN))
    return invites.as_result()


@pytest.mark.asyncio
async def test_the_relay_runs_on_a_loop_and_thread_of_its_own(tmp_path: Path) -> None:
    relay = _thread(tmp_path)
    relay.start()
    try:

        async def where(_: Relay) -> tuple[asyncio.AbstractEventLoop, threading.Thread]:
            return asyncio.get_running_loop(), threading.current_thread()

        loop, thread = await relay.run(where)
        assert loop is not asyncio.get_running_loop()
        assert thread is not threading.current_thread()
        assert thread.name == "kanpe-relay"
    finally:
        relay.stop()
    assert not relay.running
    relay.stop()  # a second stop is harmless


def test_the_relay_answers_while_the_windows_thread_is_blocked(tmp_path: Path) -> None:
    """A client on a third thread is welcomed while this thread (the GUI's, in the app) waits
    on an event that only that welcome sets: the relay does not need this thread to run."""
    relay = _thread(tmp_path)
    relay.start()
    welcomed = threading.Event()
    try:
        host = relay.call(lambda r: r.create_room(name="Night", rundown=RUNDOWN)).result(10).host

        async def join() -> None:
            client = LinkClient(host, backoff=fast_backoff)
            await client.start()
            await client.ready()
            welcomed.set()
            await client.close()

        client_thread = threading.Thread(target=lambda: asyncio.run(join()))
        client_thread.start()
        assert welcomed.wait(10)
        client_thread.join(10)
    finally:
        relay.stop()


def test_a_port_in_use_is_reported_by_start(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = RelayConfig(host="127.0.0.1", port=port, data_dir=tmp_path / "relay")
        relay = RelayThread(config)
        with pytest.raises(OSError, match=r"[Aa]ddress already in use"):
            relay.start()
        assert not relay.running


@pytest.mark.asyncio
async def test_reopening_the_data_folder_resumes_the_event_with_the_same_links(
    tmp_path: Path,
) -> None:
    first = _thread(tmp_path)
    first.start()
    try:
        links = await _event(first, tmp_path)
        host = LinkClient(links["host"], backoff=fast_backoff)
        await host.start()
        await host.ready()
        await host.command(StartTimer(id=host.new_id(), slot="talk-1"))
        await host.close()
    finally:
        first.stop()
    saved = tmp_path / EVENT_FILE
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # it holds every token of the event

    second = _thread(tmp_path)
    second.start()
    try:
        again = await _event(second, tmp_path)
        base = second.url
        assert {k: parse_link(v).token for k, v in again.items() if k != "room"} == {
            k: parse_link(v).token for k, v in links.items() if k != "room"
        }
        assert again["room"] == links["room"]
        assert all(v.startswith(base) for k, v in again.items() if k != "room")
        host = LinkClient(again["host"], backoff=fast_backoff)
        await host.start()
        await host.ready()
        state = await wait_for_state(host, lambda s: s.slots["talk-1"].timer.running)
        assert state.slots["talk-1"].timer.running  # the timer kept running across the restart
        await host.close()
    finally:
        second.stop()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe", b'{"format": 99}', b'{"format": 1, "invites": {"room": 3}}'],
    ids=["broken JSON", "not UTF-8", "another version", "malformed invites"],
)
@pytest.mark.asyncio
async def test_a_damaged_event_file_is_reported_and_kept(tmp_path: Path, content: bytes) -> None:
    (tmp_path / EVENT_FILE).write_bytes(content)
    relay = _thread(tmp_path)
    relay.start()
    try:
        with pytest.raises(StorageError, match="kept as it is"):
            await _event(relay, tmp_path)
        assert (tmp_path / EVENT_FILE).read_bytes() == content
        assert await relay.run(_room_count) == 0  # no room was made either
    finally:
        relay.stop()


async def _room_count(relay: Relay) -> int:
    return len(relay.rooms)


@pytest.mark.asyncio
async def test_an_event_whose_room_is_gone_starts_a_new_one(tmp_path: Path) -> None:
    relay = _thread(tmp_path)
    relay.start()
    try:
        old = await _event(relay, tmp_path)
    finally:
        relay.stop()
    for name in os.listdir(tmp_path / "relay"):
        (tmp_path / "relay" / name).unlink()  # the relay's data was deleted, the event file not
    relay = _thread(tmp_path)
    relay.start()
    try:
        new = await _event(relay, tmp_path)
    finally:
        relay.stop()
    assert new["room"] != old["room"]
    assert load_event(tmp_path) == new


@pytest.mark.asyncio
async def test_lan_links_name_this_machines_address_and_its_port(tmp_path: Path) -> None:
    config = RelayConfig(host="0.0.0.0", port=0, data_dir=tmp_path / "relay")
    relay = RelayThread(config, lan_links=True)
    relay.start()
    try:
        links = await _event(relay, tmp_path)
        assert relay.url == f"http://{lan_address()}:{relay.port}"
        assert parse_link(links["host"]).base == relay.url
        saved = json.loads((tmp_path / EVENT_FILE).read_text("utf-8"))
        assert saved["invites"] == links
    finally:
        relay.stop()


@pytest.mark.asyncio
async def test_saved_links_follow_the_relays_new_address(tmp_path: Path) -> None:
    """A laptop's LAN address changes between the rehearsal and the night: same tokens, new base."""
    relay = _thread(tmp_path)
    relay.start()
    try:
        links = await _event(relay, tmp_path)
        path = tmp_path / EVENT_FILE
        old_base = relay.url
        path.write_text(path.read_text("utf-8").replace(old_base, "http://192.0.2.7:9999"), "utf-8")
        again = await _event(relay, tmp_path)
    finally:
        relay.stop()
    assert again == links
    assert load_event(tmp_path) == links
