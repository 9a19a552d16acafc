"""Faults on real processes and sockets: kill -9 of the relay, slow readers, a lossy path."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
import pytest_asyncio

from kanpe.core.events import Principal, redact_state
from kanpe.core.model import CueKind, Role
from kanpe.core.protocol import SendChat, SendCue, StartTimer
from kanpe.net.link import LinkClient, LinkStatus, StatusChanged, Synced, wait_for_state
from kanpe.net.relay import Relay, RoomInvites
from tests.net.conftest import Links, fast_backoff
from tests.support.faultproxy import FaultProxy
from tests.support.waiting import eventually, notice

REPO = Path(__file__).resolve().parents[2]


class RelayProcess:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.proc: asyncio.subprocess.Process | None = None
        self.port = 0
        self.info: dict[str, Any] = {}

    async def start(self, *, create: bool = False) -> dict[str, Any]:
        args = [
            "-m",
            "tests.support.relay_process",
            "--data",
            str(self.data),
            "--port",
            str(self.port),
        ]
        if create:
            args.append("--create")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, *args, cwd=REPO, stdout=asyncio.subprocess.PIPE
        )
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), 30)
        self.info = json.loads(line)
        self.port = self.info["port"]
        return self.info

    async def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        await self.proc.wait()

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            await self.kill()


@pytest_asyncio.fixture
async def relay_process(tmp_path: Path) -> AsyncIterator[RelayProcess]:
    process = RelayProcess(tmp_path / "relay")
    yield process
    await process.stop()


def went(status: LinkStatus) -> Any:
    return lambda n: isinstance(n, StatusChanged) and n.status is status


@pytest.mark.asyncio
async def test_kill_9_mid_countdown_loses_nothing_acknowledged(
    relay_process: RelayProcess, links: Links
) -> None:
    info = await relay_process.start(create=True)
    invites = RoomInvites.from_result(info["invites"])
    host = await links.join(invites.host)
    speaker = await links.join(invites.speakers["talk-1"])
    audience = await links.join(invites.audience, client_id="aud-1")

    await host.command(StartTimer(id=host.new_id(), slot="talk-1"))
    acked = [await audience.command(SendChat(id=f"chat-{i}", text=f"line {i}")) for i in range(15)]
    await host.command(SendCue(id=host.new_id(), slot="talk-1", kind=CueKind.WRAP))
    await wait_for_state(speaker, lambda s: s.slots["talk-1"].cue is not None)
    assert host.state is not None
    before = msgspec.json.encode(host.state)

    timer = speaker.state.slots["talk-1"].timer if speaker.state else None
    assert timer is not None and timer.running
    now0, mono0 = speaker.relay_now(), speaker.clock()
    assert now0 is not None
    remaining0 = timer.remaining_at(now0)

    offline = asyncio.ensure_future(notice(speaker, went(LinkStatus.OFFLINE)))
    await relay_process.kill()
    await offline
    # Offline, the countdown keeps going from the last deadline and the link says since when.
    assert speaker.offline_since is not None
    offline_now = speaker.relay_now()
    assert offline_now is not None
    assert speaker.state.slots["talk-1"].timer.remaining_at(offline_now) < remaining0
    # A command sent while offline is queued and applied once when the relay is back.
    queued = audience.command(SendChat(id="chat-offline", text="sent while offline"))

    synced = [
        asyncio.ensure_future(notice(c, lambda n: isinstance(n, Synced))) for c in (host, speaker)
    ]
    await relay_process.start()
    await asyncio.gather(*synced)
    ack = await queued
    assert not ack.duplicate

    await wait_for_state(host, lambda s: s.version == ack.version)
    after = host.state
    assert after is not None
    restored = msgspec.json.decode(before)
    assert restored["version"] + 1 == after.version
    after_json = msgspec.json.decode(msgspec.json.encode(after))
    assert after_json["chat"][:-1] == restored["chat"]
    for key in ("rundown", "slots", "questions", "polls", "current"):
        assert after_json[key] == restored[key], key
    assert [m.id for m in after.chat] == [f"m{a.version}" for a in acked] + [f"m{ack.version}"]

    now1, mono1 = speaker.relay_now(), speaker.clock()
    assert now1 is not None
    remaining1 = speaker.state.slots["talk-1"].timer.remaining_at(now1)
    outage = mono1 - mono0
    jump = (remaining0 - remaining1) - outage
    assert abs(jump) < 0.05, f"the countdown jumped by {jump:.3f} s beyond the outage"


@pytest.mark.asyncio
async def test_a_client_that_stops_reading_is_dropped_and_memory_stays_bounded(
    tmp_path: Path,
) -> None:
    from kanpe.net.limits import Limits, Rate
    from kanpe.net.relay import RelayConfig
    from tests.net.conftest import RUNDOWN, raw_join

    rates = {role: Rate(per_second=100_000, burst=100_000) for role in Role}
    limits = Limits(max_write_buffer=64 * 1024, rates=rates)
    async with Relay(RelayConfig(data_dir=tmp_path, limits=limits)) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        stuck = await raw_join(invites.audience)
        stuck.transport.pause_reading()  # a client that stopped reading
        reader = await raw_join(invites.audience)
        chats_read = 0

        async def keep_reading() -> None:
            nonlocal chats_read
            async for frame in reader:
                chats_read += '"type":"chat"' in str(frame)

        reading = asyncio.create_task(keep_reading())
        host = LinkClient(invites.host, backoff=fast_backoff)
        try:
            await host.start()
            await host.ready()
            peak = sent = 0
            while relay.dropped_slow == 0:
                sent += 1
                await host.command(SendChat(id=f"c{sent}", text="x" * 480))
                buffered = max(c.outlet.buffered() for c in relay.rooms[invites.room].connections())
                peak = max(peak, buffered)
                assert sent < 100_000, "the stuck client was never dropped"
            # No connection's unsent data ever passed the cap by more than one message.
            assert peak <= limits.max_write_buffer + 1024
            assert relay.dropped_slow == 1
            # The reader kept up: still connected, and it got every message.
            assert len(relay.rooms[invites.room].groups["public"]) == 1
            await eventually(lambda: chats_read == sent)
        finally:
            await host.close()
            await reader.close()
            reading.cancel()
            stuck.transport.abort()


@pytest.mark.asyncio
async def test_jittery_path_keeps_the_clock_estimate_close(
    relay: Relay, invites: RoomInvites
) -> None:
    proxy = FaultProxy("127.0.0.1", relay.port, seed=7)
    await proxy.start()
    proxy.faults.delay, proxy.faults.jitter = 0.040, 0.020
    client = LinkClient(
        invites.speakers["talk-1"], url=proxy.url(), backoff=fast_backoff, time_sync_interval=0.05
    )
    try:
        await client.start()
        await client.ready()
        await notice(client, lambda n: len(client.estimator) >= 16, within=20)
        estimate = client.estimator.estimate()
        assert estimate is not None
        error = abs(estimate.offset - relay.clock.offset_from_monotonic())
        assert error < 0.010, f"offset error {error * 1000:.1f} ms through a 40 +- 20 ms path"
        assert 0.040 < estimate.round_trip < 0.200
    finally:
        await client.close()
        await proxy.stop()


@pytest.mark.asyncio
async def test_cut_link_goes_offline_queues_and_resyncs(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    proxy = FaultProxy("127.0.0.1", relay.port)
    await proxy.start()
    try:
        speaker = await links.join(invites.speakers["talk-1"], url=proxy.url())
        host = await links.join(invites.host)
        offline = asyncio.ensure_future(notice(speaker, went(LinkStatus.OFFLINE)))
        proxy.cut(refuse=True)
        await offline
        # While the speaker is away the host changes things; the speaker's ack waits for the link.
        await host.command(StartTimer(id=host.new_id(), slot="talk-1"))
        cue = await host.command(
            SendCue(id=host.new_id(), slot="talk-1", kind=CueKind.TIME, text="5 min")
        )
        assert speaker.state is not None and speaker.state.slots["talk-1"].cue is None
        synced = asyncio.ensure_future(notice(speaker, lambda n: isinstance(n, Synced)))
        proxy.restore()
        await synced
        state = speaker.state
        assert state is not None and state.version >= cue.version
        principal = Principal(
            role=Role.SPEAKER, room=invites.room, slot="talk-1", client="speaker-talk-1"
        )
        expected = redact_state(relay.rooms[invites.room].state, principal)
        got, want = msgspec.json.encode(state), msgspec.json.encode(expected)
        assert got == want, (got[300:420], want[300:420])
        assert speaker.reconnects == 1
    finally:
        await proxy.stop()
