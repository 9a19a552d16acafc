"""On a real relay: the role on a message comes from the token, speakers chat, a name that passes
for a role is refused, and reports reach the hosts and nobody else."""

from __future__ import annotations

import json

import pytest

from kanpe.core.model import MAX_REPORTS_PER_REPORTER, Role
from kanpe.core.protocol import (
    Ack,
    DismissReport,
    Error,
    ErrorCode,
    ReportChat,
    SendChat,
    UnvoteQuestion,
    VoteQuestion,
)
from kanpe.net.link import Applied, CommandRefused, wait_for_state
from kanpe.net.relay import Relay, RoomInvites
from tests.net.conftest import Links, next_reply, raw_join


@pytest.mark.asyncio
async def test_the_role_on_a_message_comes_from_the_token(
    invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    speaker = await links.join(invites.speakers["talk-1"])
    audience = await links.join(invites.audience)
    await host.command(SendChat(id=host.new_id(), text="Welcome, everyone"))
    await speaker.command(SendChat(id=speaker.new_id(), text="Slides: https://example.org"))
    last = await audience.command(SendChat(id=audience.new_id(), text="hi", name="Mika"))
    state = await wait_for_state(audience, lambda s: s.version >= last.version)
    assert [(m.role, m.name) for m in state.chat] == [
        (Role.HOST, ""),
        (Role.SPEAKER, "Aiko"),  # signed from the rundown
        (Role.AUDIENCE, "Mika"),
    ]
    with pytest.raises(CommandRefused) as refused:
        await audience.command(SendChat(id=audience.new_id(), text="Talk cancelled", name="主催"))
    assert refused.value.code is ErrorCode.NAME_RESERVED


@pytest.mark.asyncio
async def test_a_client_cannot_send_a_role(invites: RoomInvites) -> None:
    ws = await raw_join(invites.audience)
    try:
        frame = {"type": "chat.send", "id": "x1", "text": "hi", "role": "host"}
        await ws.send(json.dumps(frame))
        reply = await next_reply(ws)
        assert isinstance(reply, Error)
        assert (reply.code, reply.id) == (ErrorCode.BAD_MESSAGE, "x1")
    finally:
        await ws.close()


@pytest.mark.asyncio
async def test_a_report_reaches_the_hosts_and_nobody_else(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    audience = await links.join(invites.audience, client_id="reporter")
    other = await links.join(invites.audience, client_id="bystander")
    seen: list[str] = []
    other.add_listener(
        lambda n: seen.append(type(n.event).__name__) if isinstance(n, Applied) else None
    )
    spam = await other.command(SendChat(id=other.new_id(), text="buy followers"))
    message = f"m{spam.version}"
    ack = await audience.command(ReportChat(id=audience.new_id(), message=message))
    assert isinstance(ack, Ack)
    state = await wait_for_state(host, lambda s: message in s.reports)
    assert (state.reports[message].count, state.reports[message].reporters) == (1, ())
    assert state.reports[message].text == "buy followers"
    # A later event everybody sees: the report, had it been sent, would have arrived before it.
    last = await host.command(SendChat(id=host.new_id(), text="next talk in 5"))
    await wait_for_state(other, lambda s: s.version >= last.version)
    assert seen == ["ChatPosted", "ChatPosted"]
    assert audience.state is not None and audience.state.reports == {}
    assert other.state is not None and other.state.reports == {}
    await host.command(DismissReport(id=host.new_id(), report=message))
    await wait_for_state(host, lambda s: s.reports == {})
    assert relay.rooms[invites.room].state.reports == {}


@pytest.mark.asyncio
async def test_an_up_vote_taken_back_is_counted_off(invites: RoomInvites, links: Links) -> None:
    from kanpe.core.protocol import AskQuestion

    host = await links.join(invites.host)
    audience = await links.join(invites.audience)
    asked = await host.command(AskQuestion(id=host.new_id(), text="Which clock?"))
    question = f"q{asked.version}"
    await audience.command(VoteQuestion(id=audience.new_id(), question=question))
    await wait_for_state(host, lambda s: s.questions[question].votes == 1)
    await audience.command(UnvoteQuestion(id=audience.new_id(), question=question))
    await wait_for_state(host, lambda s: s.questions[question].votes == 0)


@pytest.mark.asyncio
async def test_one_reporter_cannot_fill_the_hosts_moderation_list(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    busy = await links.join(invites.audience, client_id="reports-everything")
    other = await links.join(invites.audience, client_id="bystander")
    chat = [
        await host.command(SendChat(id=host.new_id(), text=f"line {n}"))
        for n in range(MAX_REPORTS_PER_REPORTER + 1)
    ]
    messages = [f"m{ack.version}" for ack in chat]
    for message in messages[:MAX_REPORTS_PER_REPORTER]:
        assert isinstance(await busy.command(ReportChat(id=busy.new_id(), message=message)), Ack)
    with pytest.raises(CommandRefused) as refused:
        await busy.command(ReportChat(id=busy.new_id(), message=messages[-1]))
    assert refused.value.code is ErrorCode.REFUSED
    state = await wait_for_state(host, lambda s: len(s.reports) == MAX_REPORTS_PER_REPORTER)
    assert messages[-1] not in state.reports
    # Another reporter is heard all the same.
    assert isinstance(await other.command(ReportChat(id=other.new_id(), message=messages[-1])), Ack)
    await wait_for_state(host, lambda s: messages[-1] in s.reports)
    assert len(relay.rooms[invites.room].state.reports) == MAX_REPORTS_PER_REPORTER + 1
