"""On a real relay: a speaker pins, answers and hides its own talk's questions and opens, closes and
shows its own talk's polls; another talk's are refused with ``forbidden``, and the audience may
do none of it (docs/protocol.md 5.2, note 2)."""

from __future__ import annotations

import pytest

from kanpe.core.protocol import (
    AnswerPoll,
    AskQuestion,
    ClosePoll,
    ErrorCode,
    ModerateQuestion,
    OpenPoll,
    SetCurrent,
    ShowPoll,
)
from kanpe.net.link import CommandRefused, LinkClient, wait_for_state
from kanpe.net.relay import RoomInvites
from tests.net.conftest import Links


async def _ask(audience: LinkClient, text: str) -> str:
    ack = await audience.command(AskQuestion(id=audience.new_id(), text=text))
    return f"q{ack.version}"


@pytest.mark.asyncio
async def test_a_speaker_handles_its_own_questions_only(invites: RoomInvites, links: Links) -> None:
    host = await links.join(invites.host)
    talk = await links.join(invites.speakers["talk-1"])
    lightning = await links.join(invites.speakers["lt-1"])
    audience = await links.join(invites.audience)
    await host.command(SetCurrent(id=host.new_id(), slot="talk-1"))
    mine = await _ask(audience, "Does the countdown drift?")
    pinned = await talk.command(ModerateQuestion(id=talk.new_id(), question=mine, pinned=True))
    state = await wait_for_state(audience, lambda s: s.version >= pinned.version)
    assert state.questions[mine].pinned
    assert state.questions[mine].slot == "talk-1"
    with pytest.raises(CommandRefused) as refused:
        await lightning.command(ModerateQuestion(id=lightning.new_id(), question=mine, hidden=True))
    assert refused.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(CommandRefused) as refused:
        await audience.command(ModerateQuestion(id=audience.new_id(), question=mine, hidden=True))
    assert refused.value.code is ErrorCode.FORBIDDEN
    answered = await talk.command(
        ModerateQuestion(id=talk.new_id(), question=mine, answered=True, pinned=False)
    )
    state = await wait_for_state(host, lambda s: s.version >= answered.version)
    question = state.questions[mine]
    assert (question.answered, question.pinned, question.hidden) == (True, False, False)


@pytest.mark.asyncio
async def test_a_speaker_runs_its_own_poll_and_the_audience_sees_it(
    invites: RoomInvites, links: Links
) -> None:
    talk = await links.join(invites.speakers["talk-1"])
    lightning = await links.join(invites.speakers["lt-1"])
    audience = await links.join(invites.audience)
    opened = await talk.command(
        OpenPoll(id=talk.new_id(), question="Who has used JAX?", options=("Yes", "No"))
    )
    poll_id = f"p{opened.version}"
    state = await wait_for_state(audience, lambda s: poll_id in s.polls)
    assert (state.polls[poll_id].slot, state.polls[poll_id].open) == ("talk-1", True)
    await audience.command(AnswerPoll(id=audience.new_id(), poll=poll_id, option=0))
    for command in (
        ShowPoll(id=lightning.new_id(), poll=poll_id),
        ClosePoll(id=lightning.new_id(), poll=poll_id),
    ):
        with pytest.raises(CommandRefused) as refused:
            await lightning.command(command)
        assert refused.value.code is ErrorCode.FORBIDDEN
    await talk.command(ShowPoll(id=talk.new_id(), poll=poll_id))
    closed = await talk.command(ClosePoll(id=talk.new_id(), poll=poll_id))
    state = await wait_for_state(audience, lambda s: s.version >= closed.version)
    poll = state.polls[poll_id]
    assert (poll.open, poll.shown, poll.counts) == (False, True, (1, 0))
