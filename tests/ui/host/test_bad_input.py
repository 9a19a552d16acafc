"""Bad input and faults: each gives a clear message in the console and changes nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kanpe.net.link import LinkClient
from kanpe.net.relay import Relay, RelayConfig
from kanpe.net.relayclock import RelayClock
from kanpe.storage.hostsettings import host_settings_store
from kanpe.ui.host.console import HostConsole
from kanpe.ui.host.session import HostLinkError, check_host_link
from kanpe.ui.roommodel import RoomModel
from tests.net.conftest import fast_backoff
from tests.support.waiting import eventually
from tests.ui.conftest import CLEANUPS, FakeClock, _call
from tests.ui.host.conftest import NIGHT, Hosts, Night, host_test

GOOD = b'title = "Night"\n[[slot]]\nid = "a"\nduration = "5m"\n'

BAD_RUNDOWNS = {
    "broken TOML": (b'title = "Night\n[[slot]]\n', "line 1"),
    "not UTF-8": ('title = "Nuit à Paris"\n'.encode("latin-1"), "UTF-8"),
    "too large": (b"# " + b"x" * (2 * 1024 * 1024) + b"\n", "at most 1 MB"),
    "bad length": (b'[[slot]]\nid = "a"\nduration = "soon"\n', "duration"),
    "final above warning": (
        b'[[slot]]\nid = "a"\nduration = "5m"\nwarning = "1m"\nfinal = "2m"\n',
        "final",
    ),
    "missing file": (None, "missing.toml"),
}


@pytest.mark.parametrize("case", BAD_RUNDOWNS)
@host_test
async def test_a_bad_rundown_file_changes_nothing(
    case: str, night: Night, hosts: Hosts, tmp_path: Path
) -> None:
    data, where = BAD_RUNDOWNS[case]
    path = tmp_path / ("missing.toml" if data is None else "rundown.toml")
    if data is not None:
        path.write_bytes(data)
    console = await hosts.start(night.invites.host)
    before = console.room.rundown()
    assert not console.actions.load_rundown(path)
    texts = console.window.notices.texts()
    assert any("The rundown was not changed" in t and where in t for t in texts), texts
    assert console.room.rundown() == before
    if data is not None:
        assert path.read_bytes() == data  # never overwritten
    # A good file after a bad one is taken.
    path.write_bytes(GOOD)
    assert console.actions.load_rundown(path)
    await eventually(lambda: [s.id for s in console.room.rundown().slots] == ["a"])  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("http://127.0.0.1:8765/speak/room1234#" + "a" * 32, "speaker link, not a host link"),
        ("http://127.0.0.1:8765/audience/room1234#" + "a" * 32, "audience link"),
        ("127.0.0.1:8765/host/room1234", "http"),
        ("http://127.0.0.1:8765/host/room1234?token=" + "a" * 32, "query"),
        ("", "http"),
    ],
)
def test_a_link_that_is_not_a_host_link_is_refused_in_words(link: str, says: str) -> None:
    with pytest.raises(HostLinkError, match=says):
        check_host_link(link)


@host_test
async def test_a_relay_that_does_not_answer_is_said_in_the_window(tmp_path: Path) -> None:
    # A port nothing listens on: connection refused at once, again and again.
    link = LinkClient(
        "http://127.0.0.1:9/host/room1234#" + "a" * 32, backoff=fast_backoff, connect_timeout=1
    )
    await link.start()
    CLEANUPS.append(link.close)
    console = HostConsole(RoomModel(link), settings=host_settings_store(tmp_path / "h.toml"))
    CLEANUPS.append(lambda: _call(console.quit))
    window = console.window
    await eventually(lambda: window.link_pill.property("state") == "offline")
    console._follow_status()
    assert window.banner.isVisibleTo(window)
    assert "cannot be reached" in window.banner_title.text()
    assert "Nothing is shown until the relay answers" in window.banner_text.text()
    console.actions.start("talk-1")  # nothing to send it to: listed, not queued
    assert console.commands.pending() == ()
    assert "Start talk-1’s timer" in window.banner_unsent.text()


@host_test
async def test_the_relay_dying_keeps_the_last_state_says_what_was_not_sent_and_resyncs(
    tmp_path: Path, clock: FakeClock, hosts: Hosts
) -> None:
    relay_clock = RelayClock(wall=lambda: 1_750_000_000.0, monotonic=clock)
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path / "relay")
    relay = Relay(config, clock=relay_clock)
    await relay.start()
    invites = await relay.create_room(name="Night", rundown=NIGHT)
    console = await hosts.start(invites.host)
    window = console.window
    console.actions.put_on_stage("talk-1")
    await eventually(lambda: console.room.current() == "talk-1")
    port = relay.port
    await relay.stop()
    await eventually(lambda: window.link_pill.property("state") == "offline")
    clock.advance(42)
    console._follow_status()
    assert "for 42 s" in window.banner_title.text()
    assert "as it was 42 s ago" in window.banner_text.text()
    assert console.room.current() == "talk-1"  # the last state, still shown
    assert window.cards.cards["talk-1"].presence.text().startswith("?")
    console.actions.adjust("talk-1", 60)
    assert console.commands.pending() == ()
    assert "+1 min for Aiko" in window.banner_unsent.text()
    # The relay comes back on the same address: the console resyncs and says so.
    again = Relay(dataclasses.replace(config, port=port), clock=relay_clock)
    await again.start()
    CLEANUPS.append(again.stop)
    await eventually(lambda: window.link_pill.property("state") == "online", within=20)
    assert "The relay is back" in window.banner_title.text()
    assert console.room.current() == "talk-1"
    window.forget_unsent.click()
    assert not window.banner.isVisibleTo(window)


BAD_TIMETABLES = {
    "missing column": (b"title,speaker\nTimers,Aiko\n", "minutes"),
    "not a number": (b"title,speaker,minutes\nTimers,Aiko,soon\n", "line 2"),
    "not UTF-8": ("title,speaker,minutes\nCaf\u00e9,Aiko,5\n".encode("latin-1"), "UTF-8"),
}


@pytest.mark.parametrize("case", BAD_TIMETABLES)
@host_test
async def test_a_bad_csv_timetable_changes_nothing(
    case: str, night: Night, hosts: Hosts, tmp_path: Path
) -> None:
    data, where = BAD_TIMETABLES[case]
    path = tmp_path / "timetable.csv"
    path.write_bytes(data)
    console = await hosts.start(night.invites.host)
    before = console.room.rundown()
    assert not console.actions.load_rundown(path, timetable=True)
    texts = console.window.notices.texts()
    assert any("The rundown was not changed" in t and where in t for t in texts), texts
    assert console.room.rundown() == before
    path.write_bytes(b"title,speaker,minutes\nTimers,Aiko,20\nLightning,Priya,5\n")
    assert console.actions.load_rundown(path, timetable=True)
    await eventually(
        lambda: (
            [(s.speaker, s.duration) for s in console.room.rundown().slots]  # type: ignore[union-attr]
            == [("Aiko", 1200), ("Priya", 300)]
        )
    )
