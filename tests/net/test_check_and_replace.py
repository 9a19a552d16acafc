"""On a real relay: a connection check answered by the speaker marks the talk ready for the
host; a replaced speaker link is refused afterwards, its open connection is closed with 4001,
the new link works, and the revocation survives a restart of the relay."""

from __future__ import annotations

from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from kanpe.core.model import CueKind
from kanpe.core.protocol import AckCue, CloseCode, Error, ErrorCode, ReplaceInvite, SendCue
from kanpe.core.protocol import parse_server as parse
from kanpe.net.link import LinkClient, LinkStatus, wait_for_state
from kanpe.net.relay import Relay, RelayConfig, RoomInvites
from kanpe.net.rooms import REVOKED
from tests.net.conftest import Links, fast_backoff, hello_for, raw_connect, raw_join


@pytest.mark.asyncio
async def test_an_answered_check_marks_the_talk_ready(invites: RoomInvites, links: Links) -> None:
    host = await links.join(invites.host)
    speaker = await links.join(invites.speakers["talk-1"])
    await host.command(SendCue(id=host.new_id(), slot="talk-1", kind=CueKind.CHECK))
    state = await wait_for_state(speaker, lambda s: s.slots["talk-1"].check is not None)
    check = state.slots["talk-1"].check
    assert check is not None and check.acked_at is None
    await speaker.command(AckCue(id=speaker.new_id(), cue=check.cue))
    state = await wait_for_state(host, lambda s: s.slots["talk-1"].check.acked_at is not None)  # type: ignore[union-attr]
    answered = state.slots["talk-1"].check
    assert answered is not None and answered.round_trip is not None
    assert answered.round_trip == pytest.approx(answered.acked_at - answered.sent_at)  # type: ignore[operator]
    assert state.slots["lt-1"].check is None


async def _refused(link: str) -> tuple[Error, int | None]:
    ws = await raw_connect(link)
    await ws.send(hello_for(link))
    error = parse(await ws.recv())
    with pytest.raises(ConnectionClosed):
        await ws.recv()
    assert isinstance(error, Error)
    return error, ws.close_code


@pytest.mark.asyncio
async def test_a_replaced_link_is_revoked_and_its_connection_closed(tmp_path: Path) -> None:
    config = RelayConfig(host="127.0.0.1", port=0, data_dir=tmp_path)
    async with Relay(config) as relay:
        invites = await relay.create_room(name="Night", rundown=_rundown())
        old = invites.speakers["talk-1"]
        other = invites.speakers["lt-1"]
        host = LinkClient(invites.host, backoff=fast_backoff)
        await host.start()
        await host.ready()
        connected = await raw_join(old)
        bystander = await raw_join(other)

        ack = await host.command(ReplaceInvite(id=host.new_id(), slot="talk-1"))
        new = ack.result["link"]
        assert new != old and new.startswith(relay.url + "/speak/")

        # The open connection is told why, then closed with 4001.
        told = None
        with pytest.raises(ConnectionClosed):
            while True:
                message = parse(await connected.recv())
                if isinstance(message, Error):
                    told = message
        assert told is not None and told.code is ErrorCode.UNAUTHORIZED and told.id is None
        assert told.message == REVOKED  # as docs/protocol.md shows it
        assert connected.close_code == CloseCode.UNAUTHORIZED
        # The old link is refused; the new one and the other slot's link work.
        error, code = await _refused(old)
        assert (error.code, code) == (ErrorCode.UNAUTHORIZED, CloseCode.UNAUTHORIZED)
        speaker = LinkClient(new, backoff=fast_backoff)
        await speaker.start()
        await speaker.ready()
        assert speaker.slot == "talk-1"
        await bystander.ping()
        assert bystander.close_code is None
        await speaker.close()
        await host.close()
        await bystander.close()
        first_url = relay.url
    async with Relay(config) as again:
        error, code = await _refused(old.replace(first_url, again.url))
        assert (error.code, code) == (ErrorCode.UNAUTHORIZED, CloseCode.UNAUTHORIZED)
        speaker = LinkClient(new.replace(first_url, again.url), backoff=fast_backoff)
        await speaker.start()
        await speaker.ready()
        assert speaker.status is LinkStatus.ONLINE
        await speaker.close()


@pytest.mark.asyncio
async def test_only_a_host_replaces_and_only_a_slot_of_the_rundown(
    invites: RoomInvites, links: Links
) -> None:
    from kanpe.net.link import CommandRefused

    host = await links.join(invites.host)
    speaker = await links.join(invites.speakers["lt-1"])
    with pytest.raises(CommandRefused) as refused:
        await host.command(ReplaceInvite(id=host.new_id(), slot="nope"))
    assert refused.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(CommandRefused) as refused:
        await speaker.command(ReplaceInvite(id=speaker.new_id(), slot="lt-1"))
    assert refused.value.code is ErrorCode.FORBIDDEN


def _rundown() -> object:
    from tests.net.conftest import RUNDOWN

    return RUNDOWN
