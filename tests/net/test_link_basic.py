from __future__ import annotations

import asyncio

import pytest

from kanpe.core.model import CueKind, Role
from kanpe.core.protocol import SendCue, StartTimer
from kanpe.net.link import wait_for_state
from kanpe.net.relay import RoomInvites
from tests.net.conftest import Links


@pytest.mark.asyncio
async def test_cue_reaches_its_speaker_and_not_the_audience(
    invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    speaker = await links.join(invites.speakers["talk-1"])
    other = await links.join(invites.speakers["lt-1"])
    audience = await links.join(invites.audience)
    assert (host.role, speaker.role, audience.role) == (Role.HOST, Role.SPEAKER, Role.AUDIENCE)

    ack = await host.command(
        SendCue(id=host.new_id(), slot="talk-1", kind=CueKind.WRAP, text="wrap up")
    )
    state = await wait_for_state(speaker, lambda s: s.slots["talk-1"].cue is not None)
    cue = state.slots["talk-1"].cue
    assert cue is not None and cue.text == "wrap up"
    assert ack.version == state.version
    await host.command(StartTimer(id=host.new_id(), slot="talk-1"))
    await wait_for_state(audience, lambda s: s.slots["talk-1"].timer.running)
    assert audience.state is not None and audience.state.slots["talk-1"].cue is None
    assert other.state is not None and other.state.slots["talk-1"].cue is None


@pytest.mark.asyncio
async def test_a_gap_in_versions_makes_the_link_resync(invites: RoomInvites, links: Links) -> None:
    from kanpe.core.events import CurrentChanged
    from kanpe.core.protocol import EventMessage, encode
    from kanpe.net.link import Synced
    from tests.support.waiting import notice

    speaker = await links.join(invites.speakers["talk-1"])
    assert speaker.state is not None
    version = speaker.state.version
    resynced = asyncio.ensure_future(notice(speaker, lambda n: isinstance(n, Synced)))
    # A frame that skips a version, as if one had been lost: the mirror must not apply it.
    speaker._on_frame(encode(EventMessage(version=version + 5, event=CurrentChanged(slot="lt-1"))))
    assert speaker.state.current is None
    await resynced
    assert speaker.reconnects == 1
    assert speaker.state is not None
    assert speaker.state.version == version
    assert speaker.state.current is None
