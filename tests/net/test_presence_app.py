"""Presence names each host's and speaker's app as its hello did, so a host sees which app and
version every speaker runs; the audience sees no peers at all."""

from __future__ import annotations

import pytest

from kanpe.core.model import Role
from kanpe.core.protocol import Presence
from kanpe.net.relay import RoomInvites
from tests.net.conftest import Links
from tests.support.waiting import notice


@pytest.mark.asyncio
async def test_presence_carries_each_peers_app(invites: RoomInvites, links: Links) -> None:
    host = await links.join(invites.host, client="kanpe-host 0.4.0")
    slot = next(iter(invites.speakers))
    await links.join(invites.speakers[slot], client="kanpe-speaker 0.4.0")

    def both(item: object) -> bool:
        return isinstance(item, Presence) and len(item.peers) == 2

    presence = host.presence if both(host.presence) else await notice(host, both)
    assert isinstance(presence, Presence)
    apps = {peer.role: peer.app for peer in presence.peers}
    assert apps == {Role.HOST: "kanpe-host 0.4.0", Role.SPEAKER: "kanpe-speaker 0.4.0"}
    audience = await links.join(invites.audience, client="browser")
    assert audience.presence.peers == ()
