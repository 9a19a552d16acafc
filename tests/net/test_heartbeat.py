"""A speaker whose network dies silently shows as stalled to the hosts within a couple of
seconds (the relay's heartbeat), not after the 30 s keepalive; and comes back when it answers."""

from __future__ import annotations

import pytest

from kanpe.core.protocol import Presence
from kanpe.core.roster import roster
from kanpe.net.relay import Relay, RoomInvites
from tests.net.conftest import Links
from tests.support.faultproxy import FaultProxy
from tests.support.waiting import notice


def _speaker(presence: Presence) -> bool | None:
    """The talk-1 speaker's ``stalled``, or None when it is not in the presence at all."""
    found = [p for p in presence.peers if p.role == "speaker" and p.slot == "talk-1"]
    return found[0].stalled if found else None


@pytest.mark.asyncio
async def test_a_silent_drop_is_stalled_for_hosts_and_clears_when_it_answers(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    proxy = FaultProxy("127.0.0.1", relay.port)
    await proxy.start()
    try:
        host = await links.join(invites.host)
        await links.join(invites.speakers["talk-1"], url=proxy.url())
        await notice(host, lambda n: isinstance(n, Presence) and _speaker(n) is False)

        proxy.stall()  # a dead Wi-Fi: nothing arrives, nothing is closed
        stalled = await notice(host, lambda n: isinstance(n, Presence) and _speaker(n) is True)
        assert isinstance(stalled, Presence)
        assert host.state is not None
        row = next(r for r in roster(host.state, stalled, None) if r.slot == "talk-1")
        assert not row.online  # the host's card says offline, long before the keepalive's 30 s
        assert relay.rooms[invites.room].groups["speaker:talk-1"]  # the connection is kept

        proxy.stall(False)
        back = await notice(host, lambda n: isinstance(n, Presence) and _speaker(n) is False)
        assert isinstance(back, Presence)
        assert next(r for r in roster(host.state, back, None) if r.slot == "talk-1").online
    finally:
        await proxy.stop()


@pytest.mark.asyncio
async def test_hosts_see_a_round_trip_from_the_first_heartbeat(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    """The card's round trip comes with the first heartbeat, not the keepalive's first ping
    10 s after joining."""
    host = await links.join(invites.host)
    await links.join(invites.speakers["talk-1"])
    seen = await notice(
        host,
        lambda n: (
            isinstance(n, Presence)
            and any(p.slot == "talk-1" and p.latency_ms is not None for p in n.peers)
        ),
    )
    assert isinstance(seen, Presence)


def _clock_ms(presence: Presence) -> float | None:
    found = [p for p in presence.peers if p.role == "speaker" and p.slot == "talk-1"]
    return found[0].clock_ms if found else None


@pytest.mark.asyncio
async def test_hosts_see_how_far_a_speakers_wall_clock_is_off(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    """A laptop whose clock is five minutes slow, then stepped by two seconds mid-talk."""
    skew = [-300.0]
    host = await links.join(invites.host)
    await links.join(
        invites.speakers["talk-1"],
        time_sync_interval=0.05,
        wall=lambda: relay.clock.now() + skew[0],
    )
    seen = await notice(host, lambda n: isinstance(n, Presence) and _clock_ms(n) is not None)
    assert isinstance(seen, Presence)
    assert _clock_ms(seen) == pytest.approx(-300_000, abs=250)
    assert host.state is not None
    row = next(r for r in roster(host.state, seen, None) if r.slot == "talk-1")
    assert row.clock_ms == _clock_ms(seen)

    skew[0] = -298.0
    stepped = await notice(
        host, lambda n: isinstance(n, Presence) and (_clock_ms(n) or 0) > -299_000
    )
    assert isinstance(stepped, Presence)
    assert _clock_ms(stepped) == pytest.approx(-298_000, abs=250)
