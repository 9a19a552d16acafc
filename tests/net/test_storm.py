"""An applause storm on a real relay: reactions are counted, not broadcast one by one; a cue is
decided before the audience's backlog; a client within its rate is never refused.

Nothing here is timed: the figures are in bench/bench_storm.py.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection

from kanpe.core.events import ReactionsCounted, SlotChanged
from kanpe.core.model import CueKind
from kanpe.core.protocol import Ack, Error, EventMessage, SendCue, SetCurrent, parse_server
from kanpe.net.limits import Rate, TokenBucket
from kanpe.net.link import Applied, LinkClient
from kanpe.net.relay import Relay, RoomInvites
from tests.net.conftest import Links, raw_join
from tests.support.waiting import eventually, notice


def react(command_id: str, emoji: str = "👏") -> str:
    return json.dumps({"type": "react", "id": command_id, "emoji": emoji}, ensure_ascii=False)


async def read_until(ws: ClientConnection, done: Any) -> list[Any]:
    """Every message ``ws`` receives until ``done(messages)`` holds."""
    seen: list[Any] = []
    while not done(seen):
        seen.append(parse_server(await asyncio.wait_for(ws.recv(), 10)))
    return seen


def drop(sockets: list[ClientConnection]) -> None:
    """Hang up without a closing handshake: these clients stopped reading long ago."""
    for ws in sockets:
        ws.transport.abort()


def added(messages: list[Any]) -> int:
    return sum(
        sum(m.event.added.values())
        for m in messages
        if isinstance(m, EventMessage) and isinstance(m.event, ReactionsCounted)
    )


@pytest.mark.asyncio
async def test_reactions_are_counted_into_a_few_events_and_each_is_acked_after_them(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    await host.command(SetCurrent(id=host.new_id(), slot="talk-1"))
    clappers = [await raw_join(invites.audience) for _ in range(8)]
    watcher = await raw_join(invites.audience)
    for n, ws in enumerate(clappers):
        for i in range(10):
            await ws.send(react(f"r{n}-{i}", "👏" if i % 2 else "🎉"))
    seen = await read_until(watcher, lambda got: added(got) >= 80)
    counts = [m for m in seen if isinstance(m, EventMessage)]
    assert added(seen) == 80
    assert len(counts) < 80  # counted, not one event per tap
    assert counts[-1].event == ReactionsCounted(
        slot="talk-1", added=counts[-1].event.added, counts={"👏": 40, "🎉": 40}
    )
    assert relay.rooms[invites.room].state.reactions == {"talk-1": {"👏": 40, "🎉": 40}}
    for n, ws in enumerate(clappers):  # every reaction acked, after the event that counts it
        got = await read_until(ws, lambda m: sum(isinstance(x, Ack) for x in m) == 10)
        acks = [m for m in got if isinstance(m, Ack)]
        assert {a.id for a in acks} == {f"r{n}-{i}" for i in range(10)}
        versions = [m.version for m in got if isinstance(m, EventMessage)]
        assert all(a.version in versions for a in acks)
    # The same id again is a duplicate: acked, counted once.
    await clappers[0].send(react("r0-1"))
    again = await read_until(clappers[0], lambda m: any(isinstance(x, Ack) for x in m))
    assert [a.duplicate for a in again if isinstance(a, Ack)] == [True]
    assert relay.rooms[invites.room].state.reactions["talk-1"]["👏"] == 40
    drop([*clappers, watcher])


@pytest.mark.asyncio
async def test_the_speaker_app_sees_a_delta_of_n_claps_as_n(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    speaker = await links.join(invites.speakers["talk-1"])
    claps: list[int] = []

    def count(item: object) -> None:
        if isinstance(item, Applied) and isinstance(item.event, ReactionsCounted):
            claps.append(item.event.added.get("👏", 0))

    speaker.add_listener(count)
    phone = await raw_join(invites.audience)
    for i in range(15):
        await phone.send(react(f"c{i}"))
    await eventually(lambda: sum(claps) == 15)
    await phone.close()


@pytest.mark.asyncio
async def test_a_cue_is_decided_before_the_audience_backlog_is_worked_off(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    speaker = await links.join(invites.speakers["talk-1"])
    audience = [await raw_join(invites.audience) for _ in range(20)]
    got_cue = notice(
        speaker,
        lambda n: (
            isinstance(n, Applied)
            and isinstance(n.event, SlotChanged)
            and n.event.slot.cue is not None
        ),
    )
    waiting = asyncio.ensure_future(got_cue)
    # 20 x 20 chat messages (each audience member's whole burst) reach the relay, then a cue.
    # Nothing here yields to the loop until every frame is written, so the relay reads them
    # together: the cue must not wait for the 400 messages before it.
    for n, ws in enumerate(audience):
        for i in range(20):
            await ws.send(json.dumps({"type": "chat.send", "id": f"m{n}-{i}", "text": "👏👏"}))
    host.command(SendCue(id=host.new_id(), slot="talk-1", kind=CueKind.TEXT, text="Time's up"))
    cue = await waiting
    assert isinstance(cue, Applied)
    state = relay.rooms[invites.room].state
    await eventually(lambda: len([m for m in state.chat if m.text == "👏👏"]) == 200)
    assert relay.intake.busy_slices > 0  # the audience's frames did wait their turn
    # Chat ids derive from the version that made them: most chat came after the cue.
    later = [m for m in state.chat if int(m.id.removeprefix("m")) > cue.version]
    assert len(later) > 100
    drop(audience)


@pytest.mark.asyncio
async def test_a_client_within_its_rate_is_not_refused_while_others_flood(
    relay: Relay, invites: RoomInvites
) -> None:
    flooders = [await raw_join(invites.audience) for _ in range(6)]
    calm = await raw_join(invites.audience)
    for n, ws in enumerate(flooders):
        for i in range(150):
            await ws.send(json.dumps({"type": "chat.send", "id": f"f{n}-{i}", "text": "spam"}))
    for i in range(20):  # the whole documented burst, at once, in the middle of the flood
        await calm.send(json.dumps({"type": "chat.send", "id": f"c{i}", "text": "bravo"}))
    replies = await read_until(calm, lambda m: sum(isinstance(x, Ack | Error) for x in m) == 20)
    assert [x for x in replies if isinstance(x, Error)] == []
    flood = await read_until(flooders[0], lambda m: any(isinstance(x, Error) for x in m))
    assert any(isinstance(x, Error) and x.code == "rate_limited" for x in flood)
    drop([*flooders, calm])


# (frames read at these seconds, held seconds credited before the last, all taken?)
BUCKET: list[tuple[list[float], float, bool]] = [
    ([0.0] * 20, 0.0, True),  # the burst
    ([0.0] * 21, 0.0, False),  # one over it
    ([0.0] * 20 + [0.2], 0.0, True),  # the refill
    ([0.0] * 20 + [0.0] * 10, 2.0, True),  # held 2 s: what was sent meanwhile is not a burst
    ([0.0] * 20 + [0.0] * 11, 2.0, False),  # but only that much
]


@pytest.mark.parametrize(("reads", "held", "taken"), BUCKET)
def test_the_rate_is_weighed_when_read_and_held_time_is_credited(
    reads: list[float], held: float, taken: bool
) -> None:
    bucket = TokenBucket(Rate(per_second=5, burst=20), 0.0)
    results = [bucket.take(t) for t in reads[:20]]
    bucket.credit(held)
    results += [bucket.take(t) for t in reads[20:]]
    assert all(results) is taken
    assert all(results[:20])


@pytest.mark.asyncio
async def test_a_link_client_sees_reaction_counts_in_its_mirror(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    viewer: LinkClient = await links.join(invites.viewer)
    phone = await raw_join(invites.audience)
    for i in range(7):
        await phone.send(react(f"v{i}", "🤔"))
    await eventually(lambda: viewer.state is not None and viewer.state.reactions == {"": {"🤔": 7}})
    await phone.close()
