"""The command pipeline and the fan-out, without websockets: a real store, plain connections
whose outlet records what it was given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from kanpe.core.events import Principal
from kanpe.core.model import CueKind, Role
from kanpe.core.protocol import (
    Ack,
    CloseCode,
    EventMessage,
    ProtocolError,
    SendChat,
    SendCue,
    parse_server,
)
from kanpe.core.rules import initial_state
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.fanout import PRESENCE_DELAY, Fanout
from kanpe.net.limits import Limits, Rate, TokenBucket
from kanpe.net.liveroom import Conn, LiveRoom
from kanpe.net.pipeline import run_command
from kanpe.net.store import Store

RUNDOWN = Rundown(slots=(Slot(id="talk-1", speaker="Aiko", title="Timers", duration=1500),))
HOST = Principal(role=Role.HOST, room="r1", client="host")
SPEAKER = Principal(role=Role.SPEAKER, room="r1", slot="talk-1", client="speaker-talk-1")
AUDIENCE = Principal(role=Role.AUDIENCE, room="r1", client="phone")


class RecordingOutlet:
    """An outlet that keeps what it was sent; ``stalled`` makes it stop taking data."""

    def __init__(self) -> None:
        self.frames: list[bytes] = []
        self.stalled = False
        self.pending = 0
        self.aborted = False

    def write(self, data: bytes) -> None:
        self.frames.append(data)
        if self.stalled:
            self.pending += len(data)

    def buffered(self) -> int:
        return self.pending

    def latency(self) -> float | None:
        return 0.004

    def fail(self, code: CloseCode, reason: str) -> None:
        self.aborted = True

    def abort(self) -> None:
        self.aborted = True

    def messages(self) -> list[object]:
        return [parse_server(frame.decode()) for frame in self.frames]


def conn(who: Principal) -> Conn:
    return Conn(RecordingOutlet(), who, TokenBucket(Rate(5, 20), 0.0))


def outlet(c: Conn) -> RecordingOutlet:
    assert isinstance(c.outlet, RecordingOutlet)
    return c.outlet


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "relay.sqlite3")
    made.create_room(initial_state("r1", "Night", RUNDOWN), [])
    return made


@pytest.fixture
def room(store: Store) -> LiveRoom:
    state = store.load_room("r1")
    assert state is not None
    return LiveRoom(state)


class Later:
    def __init__(self) -> None:
        self.calls: list[tuple[float, Callable[[], None]]] = []

    def __call__(self, delay: float, callback: Callable[[], None]) -> None:
        self.calls.append((delay, callback))

    def run(self) -> None:
        calls, self.calls = self.calls, []
        for _, callback in calls:
            callback()


def test_a_command_is_committed_then_returned_with_its_ack(store: Store, room: LiveRoom) -> None:
    cue = SendCue(id="c-1", slot="talk-1", kind=CueKind.TEXT, text="Wrap up")
    outcome = run_command(store, room, HOST, cue, now=100.0)
    assert outcome.ack == Ack(id="c-1", version=room.state.version)
    assert [p.version for p in outcome.published] == [room.state.version]
    loaded = store.load_room("r1")
    assert loaded is not None and loaded.version == room.state.version  # committed before
    again = run_command(store, room, HOST, cue, now=101.0)
    assert again.ack.duplicate and again.published == ()
    other = msgspec.structs.replace(cue, text="Something else")
    with pytest.raises(ProtocolError) as refused:
        run_command(store, room, HOST, other, now=102.0)
    assert refused.value.code == "id_reused"


def test_a_cue_reaches_the_host_and_its_speaker_and_not_the_audience(
    store: Store, room: LiveRoom
) -> None:
    later = Later()
    fanout = Fanout(Limits(), later)
    host, speaker, phone = conn(HOST), conn(SPEAKER), conn(AUDIENCE)
    for c in (phone, host, speaker):
        fanout.join(room, c)
    cue = SendCue(id="c-1", slot="talk-1", kind=CueKind.TEXT, text="Wrap up")
    for item in run_command(store, room, HOST, cue, now=100.0).published:
        fanout.publish(room, item.event, item.version, item.before)
    assert [type(m) for m in outlet(host).messages()] == [EventMessage]
    assert [type(m) for m in outlet(speaker).messages()] == [EventMessage]
    assert outlet(phone).frames == []
    chat = SendChat(id="m-1", text="hello")
    for item in run_command(store, room, AUDIENCE, chat, now=101.0).published:
        fanout.publish(room, item.event, item.version, item.before)
    assert len(outlet(phone).frames) == 1
    assert len(later.calls) == 1  # three joins, one presence message, batched
    assert later.calls[0][0] == PRESENCE_DELAY
    later.run()
    presence = outlet(host).messages()[-1]
    assert getattr(presence, "audience", None) == 1
    assert len(getattr(presence, "peers", ())) == 2
    assert getattr(outlet(phone).messages()[-1], "peers", None) == ()


def test_a_reader_that_stops_reading_is_dropped_and_leaves_the_room(room: LiveRoom) -> None:
    later = Later()
    fanout = Fanout(Limits(max_write_buffer=1000), later)
    slow, fine = conn(AUDIENCE), conn(Principal(role=Role.AUDIENCE, room="r1", client="b"))
    fanout.join(room, slow)
    fanout.join(room, fine)
    outlet(slow).stalled = True
    for _ in range(5):
        fanout.write([slow, fine], b'{"type":"presence","peers":[],"audience":2}' * 10)
    assert outlet(slow).aborted and slow.closing and slow.room is None
    assert not outlet(fine).aborted
    assert fanout.dropped_slow == 1
    assert room.groups["public"] == {fine}
