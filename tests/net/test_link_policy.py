"""LinkClient's retry-or-stop policy on real sockets: refusals stop it, drops do not."""

from __future__ import annotations

import asyncio

import pytest

from kanpe.core.links import parse_link
from kanpe.net.link import LinkClient, LinkNotice, LinkStatus, StatusChanged, Synced
from kanpe.net.relay import Relay, RoomInvites
from tests.net.conftest import Links, fast_backoff
from tests.support.faultproxy import FaultProxy
from tests.support.waiting import eventually, notice


def _statuses(client: LinkClient) -> list[StatusChanged]:
    seen: list[StatusChanged] = []

    def listen(item: LinkNotice) -> None:
        if isinstance(item, StatusChanged):
            seen.append(item)

    client.add_listener(listen)
    return seen


async def _refused(client: LinkClient) -> list[StatusChanged]:
    seen = _statuses(client)
    await client.start()
    try:
        with pytest.raises(ConnectionError) as raised:
            await client.ready()
        assert str(raised.value) == client.failure
    finally:
        await client.close()
    return seen


@pytest.mark.asyncio
async def test_an_unknown_token_fails_for_good_with_the_relays_words(
    invites: RoomInvites,
) -> None:
    invite = parse_link(invites.host)
    wrong = invites.host.replace(invite.token, "x" * len(invite.token))
    tries: list[int] = []

    def backoff(attempt: int) -> float:
        tries.append(attempt)
        return 0.01

    client = LinkClient(wrong, backoff=backoff)
    seen = await _refused(client)
    assert client.failure == "this link is not valid for this room"
    assert [s.status for s in seen] == [LinkStatus.FAILED, LinkStatus.CLOSED]
    assert seen[0].reason == client.failure
    assert tries == []  # never retried


@pytest.mark.asyncio
async def test_a_404_at_the_upgrade_fails_for_good(relay: Relay, invites: RoomInvites) -> None:
    client = LinkClient(invites.host, url=f"ws://127.0.0.1:{relay.port}/nothing-here")
    seen = await _refused(client)
    assert client.failure == "the relay answered 404"
    assert seen[0].status is LinkStatus.FAILED


@pytest.mark.asyncio
async def test_the_backoff_starts_over_after_a_session_that_joined(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    proxy = FaultProxy("127.0.0.1", relay.port)
    await proxy.start()
    tries: list[int] = []

    def backoff(attempt: int) -> float:
        tries.append(attempt)
        return fast_backoff(attempt)

    try:
        speaker = LinkClient(invites.speakers["talk-1"], url=proxy.url(), backoff=backoff)
        links.clients.append(speaker)
        await speaker.start()
        await speaker.ready()
        for _ in range(2):
            first = len(tries)
            proxy.cut(refuse=True)
            await eventually(lambda first=first: len(tries) >= first + 3)  # type: ignore[misc]
            synced = asyncio.ensure_future(notice(speaker, lambda n: isinstance(n, Synced)))
            proxy.restore()
            await synced
            assert tries[first : first + 3] == [0, 1, 2]
        assert speaker.status is LinkStatus.ONLINE and speaker.reconnects == 2
    finally:
        await proxy.stop()
