"""A small simulated audience for ``kanpe demo``: a handful of people on the audience link who
clap, chat, ask and up-vote questions and answer polls at a human pace, so a newcomer sees the
stage's feed and the host's audience panel come alive without a second device.

Each person is an ordinary ``LinkClient`` with the audience link: the same protocol and the same
limits as a browser. What they do is drawn from a seeded ``random.Random``, so a given seed gives
the same people, lines and order of actions; only the timing depends on the machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from kanpe.core.model import REACTIONS, RoomState
from kanpe.core.protocol import AnswerPoll, AskQuestion, Command, React, SendChat, VoteQuestion
from kanpe.net.link import LinkClient

log = logging.getLogger("kanpe.crowd")

PEOPLE = ("Mika", "Tom", "Sara", "Kenji", "Lea", "Omar", "Yui", "Ben")
CHAT = (
    "Hello from Osaka! 👋",
    "Great talk so far",
    "Can you share the slides later?",
    "That drift bug bit us last month 😅",
    "音声きれいに聞こえてます",
    "The timeline slide is really clear",
    "+1 to the previous question",
    "なるほど、勉強になります",
    "Joining late, what did I miss?",
    "Love the demo",
)
QUESTIONS = (
    "How do you keep clocks in sync across speakers?",
    "Does this work behind a corporate proxy?",
    "What happens if the host's laptop goes to sleep?",
    "オフラインのときはどうなりますか？",
    "Can the audience page run on a projector?",
    "How many people can one relay take?",
)
#: What a person does next, and how often, out of the weights' sum.
ACTIONS = (("react", 55), ("chat", 20), ("vote", 12), ("ask", 6), ("poll", 7))


@dataclass(slots=True)
class Person:
    """One simulated member of the audience: a name, their own random stream, what they did."""

    name: str
    rng: random.Random
    voted: set[str] = field(default_factory=set)
    answered: set[str] = field(default_factory=set)
    asked: int = 0

    def next_command(self, state: RoomState, new_id: Callable[[], str]) -> Command | None:
        """What this person does now, given the room; None: nothing worth doing this time."""
        kinds = [kind for kind, _ in ACTIONS]
        weights = [weight for _, weight in ACTIONS]
        kind = self.rng.choices(kinds, weights)[0]
        if kind == "react":
            return React(id=new_id(), emoji=self.rng.choices(REACTIONS, (6, 3, 2, 1, 2))[0])
        if kind == "chat":
            return SendChat(id=new_id(), name=self.name, text=self.rng.choice(CHAT))
        if kind == "ask" and self.asked < 1:
            self.asked += 1
            return AskQuestion(id=new_id(), name=self.name, text=self.rng.choice(QUESTIONS))
        if kind == "vote":
            open_ones = sorted(
                q.id
                for q in state.questions.values()
                if not q.hidden and not q.answered and q.id not in self.voted
            )
            if open_ones:
                question = self.rng.choice(open_ones)
                self.voted.add(question)
                return VoteQuestion(id=new_id(), question=question)
        if kind == "poll":
            polls = sorted(
                p.id for p in state.polls.values() if p.open and p.id not in self.answered
            )
            if polls:
                poll = state.polls[polls[0]]
                self.answered.add(poll.id)
                option = self.rng.randrange(len(poll.options))
                return AnswerPoll(id=new_id(), poll=poll.id, option=option)
        return None


class Crowd:
    """``size`` people on ``audience_link``, each acting every ``pace`` seconds on average."""

    def __init__(
        self,
        audience_link: str,
        *,
        size: int = 5,
        seed: int = 12,
        pace: float = 6.0,
        client: Callable[[str, str], LinkClient] | None = None,
    ) -> None:
        self.link = audience_link
        self.pace = pace
        master = random.Random(seed)
        names = master.sample(PEOPLE, k=min(size, len(PEOPLE)))
        self.people = [Person(name, random.Random(master.getrandbits(64))) for name in names]
        self._client = client or (
            lambda link, cid: LinkClient(link, client="kanpe-demo-crowd", client_id=cid)
        )
        self.links: list[LinkClient] = []
        self._tasks: list[asyncio.Task[None]] = []
        self.sent = 0

    async def start(self) -> None:
        """Connect everyone (without waiting for their welcome) and let them act."""
        for index, person in enumerate(self.people):
            link = self._client(self.link, f"demo-{index}-{person.name.lower()}")
            self.links.append(link)
            await link.start()
            self._tasks.append(
                asyncio.create_task(self._live(person, link), name=f"crowd-{person.name}")
            )

    async def close(self) -> None:
        """Everyone leaves: their tasks stop, their links close."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        for link in self.links:
            await link.close()
        self.links.clear()

    async def _live(self, person: Person, link: LinkClient) -> None:
        try:
            await link.ready()
        except ConnectionError as exc:
            log.warning("%s could not join the audience: %s", person.name, exc)
            return
        # People arrive over the first few seconds, not all at once.
        await asyncio.sleep(person.rng.uniform(0.5, self.pace))
        while True:
            state = link.state
            command = person.next_command(state, link.new_id) if state is not None else None
            if command is not None:
                self._send(link, command)
                if isinstance(command, React) and person.rng.random() < 0.3:
                    # A clap comes in twos and threes.
                    for _ in range(person.rng.randint(1, 2)):
                        await asyncio.sleep(person.rng.uniform(0.15, 0.5))
                        self._send(link, React(id=link.new_id(), emoji=command.emoji))
            # A human pace: seconds apart, unevenly.
            await asyncio.sleep(person.rng.uniform(0.4, 1.6) * self.pace)

    def _send(self, link: LinkClient, command: Command) -> None:
        future = link.command(command)
        self.sent += 1
        # A refusal (a poll closed meanwhile) or a dropped link is nothing a demo must report.
        future.add_done_callback(lambda f: None if f.cancelled() else f.exception())
