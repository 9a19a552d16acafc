"""A live room around the speaker app while it flips (issue 13's flip benchmark): the console's
question queue open with the audience's questions, and a poll the speaker opened, its counts
moving while the speaker flips.

An audience of real ``LinkClient``s on the same relay: each asks a question at the start; then,
all through the flips, one of them a few times a second up-votes a question, answers the poll,
or asks another question, so the queue and the poll's counts repaint in the console between
and during flips, as on the night.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator
from typing import Any

AUDIENCE = 24
QUESTIONS = 30  # a full queue: more than the console shows at once
PACE = 0.15  # seconds between two audience actions during the flips
POLL = ("Who has used QtPdf before?", ("Yes, at work", "Yes, for fun", "Not yet"))


@contextlib.asynccontextmanager
async def live_room(speaker: Any, audience_link: str) -> AsyncIterator[dict[str, int]]:
    """Open the queue and a poll in ``speaker`` (a SpeakerApp joined to the room), fill them from
    an audience on ``audience_link``, and keep them moving until the block ends; yields counts
    of what the audience did."""
    from kanpe.core.protocol import AnswerPoll, AskQuestion, VoteQuestion
    from kanpe.net.link import LinkClient, wait_for_state

    clients = [LinkClient(audience_link, client="bench-audience") for _ in range(AUDIENCE)]
    await asyncio.gather(*(client.start() for client in clients))
    await asyncio.gather(*(client.ready() for client in clients))
    for number in range(QUESTIONS):
        client = clients[number % AUDIENCE]
        await client.command(AskQuestion(id=client.new_id(), text=f"Question {number + 1}?"))
    assert speaker.polls.open_poll(POLL[0], POLL[1])
    state = await wait_for_state(
        clients[0],
        lambda s: len(s.questions) >= QUESTIONS and any(p.open for p in s.polls.values()),
    )
    poll = next(p.id for p in state.polls.values() if p.open)
    questions = speaker.presenter.questions
    assert questions is not None
    questions.set_open(True)
    done = {"votes": 0, "answers": 0, "questions": 0}
    rng = random.Random(13)
    unanswered = list(clients)

    async def keep_moving() -> None:
        while True:
            await asyncio.sleep(PACE)
            client = rng.choice(clients)
            roll = rng.random()
            if roll < 0.4 and unanswered:
                voter = unanswered.pop()
                option = rng.randrange(len(POLL[1]))
                await voter.command(AnswerPoll(id=voter.new_id(), poll=poll, option=option))
                done["answers"] += 1
            elif roll < 0.85 and client.state is not None:
                asked = rng.choice(list(client.state.questions))
                await client.command(VoteQuestion(id=client.new_id(), question=asked))
                done["votes"] += 1
            else:
                text = f"Question {QUESTIONS + done['questions'] + 1}?"
                await client.command(AskQuestion(id=client.new_id(), text=text))
                done["questions"] += 1

    mover = asyncio.create_task(keep_moving())
    try:
        yield done
    finally:
        mover.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await mover
        await asyncio.gather(*(client.close() for client in clients))
