"""The relay and the garbage collector (core/gcpolicy.py): handling frames makes no reference
cycles, so nothing but a full collection's schedule decides when one runs; a relay that owns its
process installs the policy at start, collects when quiet, and gives the process back at stop.

Nothing here is timed: the pauses are measured in bench/bench_storm.py.
"""

from __future__ import annotations

import asyncio
import gc
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.asyncio.client import ClientConnection

from kanpe.core.gcpolicy import NEVER, GcPolicy
from kanpe.core.protocol import Ack, SetCurrent, parse_server
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from tests.net.conftest import RUNDOWN, Links, raw_join
from tests.support.waiting import eventually

FRAMES = 300
EACH = 10  # frames per client: within the audience's burst of 20


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The automatic collector off for the test, so only an explicit collection finds cycles."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.set_debug(0)
        gc.garbage.clear()


async def all_acked(ws: ClientConnection, ids: set[str]) -> None:
    while ids:
        message = parse_server(await asyncio.wait_for(ws.recv(), 10))
        if isinstance(message, Ack):
            ids.discard(message.id)


def frame(command_id: str) -> str:
    """Reactions and chat, alternately (within the audience's rate)."""
    if int(command_id.rsplit("-", 1)[1]) % 2:
        return json.dumps({"type": "react", "id": command_id, "emoji": "👏"}, ensure_ascii=False)
    return json.dumps({"type": "chat.send", "id": command_id, "text": f"hi {command_id}"})


def kinds(objects: list[object]) -> Counter[str]:
    return Counter(type(o).__qualname__ for o in objects)


@pytest.mark.asyncio
@pytest.mark.usefixtures("collector_off")
async def test_audience_frames_leave_no_reference_cycles(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    await host.command(SetCurrent(id=host.new_id(), slot="talk-1"))
    crowd = [await raw_join(invites.audience) for _ in range(FRAMES // EACH)]
    gc.collect()  # what joining left
    gc.set_debug(gc.DEBUG_SAVEALL)
    waits = []
    for i, ws in enumerate(crowd):
        ids = {f"c{i}-{k}" for k in range(EACH)}
        for command_id in sorted(ids):
            await ws.send(frame(command_id))
        waits.append(all_acked(ws, ids))
    await asyncio.gather(*waits)
    found = gc.collect()
    garbage = kinds(gc.garbage)
    for ws in crowd:
        await ws.close()
    # Handling FRAMES frames (and the test's own client side of them) made no cycles that grow
    # with the frames: a full collection finds a handful (msgspec's one-time type lookups when
    # a message type is first encoded), not one per frame.
    assert found < FRAMES // 10, garbage.most_common(10)


@pytest.fixture
def owned(tmp_path: Path) -> Iterator[RelayConfig]:
    """A relay that owns the process's collector, quiet at once: a full collection is due as
    soon as it has read nothing for a moment."""
    before = gc.get_threshold()
    policy = GcPolicy(idle_after=0.0, min_interval=0.0, max_interval=3600.0)
    yield RelayConfig(port=0, data_dir=tmp_path / "relay", gc=policy)
    gc.set_threshold(*before)
    gc.unfreeze()


@pytest.mark.asyncio
async def test_a_relay_with_a_policy_freezes_start_up_and_takes_over_full_collections(
    owned: RelayConfig,
) -> None:
    before = gc.get_threshold()
    async with Relay(owned) as relay:
        assert relay.collector is not None
        assert gc.get_freeze_count() > 0  # start-up's objects: never walked again
        assert gc.get_threshold()[2] == NEVER  # no full collection but the relay's own
        await relay.create_room(name="Quiet", rundown=RUNDOWN)
        schedule = relay.collector.schedule
        await eventually(lambda: schedule.full_collections >= 1)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_relay_command_line_owns_its_process_collector() -> None:
    from kanpe.cli import build_parser  # the standalone relay, as `kanpe relay` runs it
    from kanpe.net.relay_main import config_from_args

    args = build_parser().parse_args(["relay"])
    assert config_from_args(args).gc is not None
