from __future__ import annotations

import pytest

from kanpe.core.model import CueKind, Role
from kanpe.core.protocol import SendCue, StartTimer
from kanpe.net.link import wait_for_state
from kanpe.net.relay import Relay, RoomInvites
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
async def test_readers_get_no_event_for_what_they_cannot_see(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    from kanpe.core.events import Principal, redact_state
    from kanpe.core.protocol import AckCue, SendChat
    from kanpe.net.link import Applied

    host = await links.join(invites.host)
    speaker = await links.join(invites.speakers["talk-1"])
    other = await links.join(invites.speakers["lt-1"])
    audience = await links.join(invites.audience)
    seen: dict[str, list[str]] = {"speaker": [], "other": [], "audience": []}
    for name, client in (("speaker", speaker), ("other", other), ("audience", audience)):
        client.add_listener(
            lambda n, name=name: (
                seen[name].append(type(n.event).__name__) if isinstance(n, Applied) else None
            )
        )
    cue = await host.command(SendCue(id="c1", slot="talk-1", kind=CueKind.WRAP))
    state = await wait_for_state(speaker, lambda s: s.slots["talk-1"].cue is not None)
    await speaker.command(AckCue(id="a1", cue=state.slots["talk-1"].cue.id))  # type: ignore[union-attr]
    # Something everybody sees, after the cue: once it arrives, the cue would have too.
    last = await host.command(SendChat(id="m1", text="after the cue"))
    for client in (other, audience):
        await wait_for_state(client, lambda s: s.version == last.version)
    assert seen["speaker"] == ["SlotChanged", "SlotChanged", "ChatPosted"]
    assert seen["other"] == ["ChatPosted"]
    assert seen["audience"] == ["ChatPosted"]
    assert cue.version < last.version
    # The mirrors still equal what each reader may see of the relay's state.
    room = relay.rooms[invites.room].state
    for client, principal in (
        (audience, Principal(role=Role.AUDIENCE, room=invites.room, client=audience.client_id)),
        (other, Principal(role=Role.SPEAKER, room=invites.room, slot="lt-1")),
    ):
        assert client.state == redact_state(room, principal)
