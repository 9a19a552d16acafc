"""What anyone holding the public audience link can make the relay do, and not do."""

from __future__ import annotations

import json

import pytest

from kanpe.core.model import MAX_TEXT
from kanpe.core.protocol import MAX_AUDIENCE_MESSAGE_BYTES, Ack, Error, ErrorCode
from kanpe.net.relay import Relay, RoomInvites
from tests.net.conftest import next_reply, raw_join


@pytest.mark.asyncio
async def test_an_audience_frame_over_8_kib_is_refused_unparsed_and_the_link_stays(
    relay: Relay, invites: RoomInvites
) -> None:
    audience = await raw_join(invites.audience)
    heavy = json.dumps({"type": "chat.send", "id": "c1", "text": "x", "pad": "y" * 9_000})
    assert len(heavy) > MAX_AUDIENCE_MESSAGE_BYTES
    await audience.send(heavy)
    refused = await next_reply(audience)
    assert isinstance(refused, Error) and refused.code is ErrorCode.TOO_LARGE
    # The biggest real audience message fits: 500 characters of text, every one escaped.
    text = "😀" * MAX_TEXT  # each escaped as \\ud83d\\ude00: 12 bytes
    biggest = json.dumps({"type": "question.ask", "id": "q1", "text": text, "name": "é" * 40})
    assert len(biggest) <= MAX_AUDIENCE_MESSAGE_BYTES
    await audience.send(biggest)
    reply = await next_reply(audience)
    while not isinstance(reply, Ack | Error):
        reply = await next_reply(audience)
    assert isinstance(reply, Ack) and reply.id == "q1"
    await audience.close()
