"""The demo's simulated audience: seeded, human-paced, and an ordinary audience on a real relay."""

from __future__ import annotations

import itertools
import random

import pytest

from kanpe.core.model import Poll, Question, RoomState
from kanpe.core.protocol import AnswerPoll, AskQuestion, React, SendChat, VoteQuestion
from kanpe.net.crowd import Crowd, Person
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.net.relay import RoomInvites


def room_with_a_question_and_a_poll() -> RoomState:
    return RoomState(
        id="room1234",
        questions={"q1": Question(id="q1", text="Why?", at=1.0)},
        polls={"p1": Poll(id="p1", question="Yes?", options=("yes", "no"), counts=(0, 0), at=1.0)},
    )


def actions(crowd: Crowd, turns: int) -> list[tuple[str, str]]:
    ids = (f"c-{n}" for n in itertools.count())
    state = room_with_a_question_and_a_poll()
    done = []
    for _ in range(turns):
        for person in crowd.people:
            command = person.next_command(state, lambda: next(ids))
            done.append((person.name, type(command).__name__))
    return done


def test_the_same_seed_gives_the_same_people_doing_the_same_things() -> None:
    link = "http://127.0.0.1:9/audience/room1234#" + "a" * 32
    first, again, other = Crowd(link, seed=7), Crowd(link, seed=7), Crowd(link, seed=8)
    assert [p.name for p in first.people] == [p.name for p in again.people]
    assert actions(first, 20) == actions(again, 20)
    assert actions(Crowd(link, seed=7), 20) != actions(other, 20)


def test_a_person_votes_and_answers_each_poll_once_and_asks_once() -> None:
    person = Person("Mika", random.Random(1))
    state = room_with_a_question_and_a_poll()
    ids = (f"c-{n}" for n in itertools.count())
    made = [person.next_command(state, lambda: next(ids)) for _ in range(400)]
    assert sum(isinstance(c, VoteQuestion) for c in made) == 1
    assert sum(isinstance(c, AnswerPoll) for c in made) == 1
    assert sum(isinstance(c, AskQuestion) for c in made) == 1
    assert any(isinstance(c, React) for c in made) and any(isinstance(c, SendChat) for c in made)


@pytest.mark.asyncio
async def test_the_crowd_reaches_the_room_as_its_audience(invites: RoomInvites) -> None:
    crowd = Crowd(invites.audience, size=4, seed=3, pace=0.05)
    host = LinkClient(invites.host, client="test-host")
    await host.start()
    try:
        await crowd.start()
        state = await wait_for_state(
            host, lambda s: len(s.chat) >= 2 and bool(s.reactions) and bool(s.questions), 30
        )
        assert {m.name for m in state.chat} <= {p.name for p in crowd.people}
        assert host.presence.audience == 4
    finally:
        await crowd.close()
        await host.close()
    assert crowd.links == [] and crowd.sent >= 4
