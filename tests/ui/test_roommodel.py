"""The room model over a real relay: what each change of the room signals, and the roster it reads."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import SignalInstance

from kanpe.core.model import CueKind, Role
from kanpe.core.protocol import (
    AskQuestion,
    ModerateQuestion,
    React,
    SendChat,
    SendCue,
    SetCurrent,
    StartTimer,
)
from kanpe.core.roster import CueState, TalkStatus
from kanpe.net.link import LinkStatus
from kanpe.net.relay import RoomInvites
from kanpe.ui.roommodel import RoomModel
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel
from tests.ui.conftest import Clients, FakeClock, link_test

SLOT = "talk-1"


def when(
    signal: SignalInstance, check: Callable[..., bool] = lambda *_: True
) -> asyncio.Future[tuple[object, ...]]:
    """A future resolved by the first emission of ``signal`` whose arguments pass ``check``."""
    future: asyncio.Future[tuple[object, ...]] = asyncio.get_running_loop().create_future()

    def emitted(*args: object) -> None:
        if not future.done() and check(*args):
            future.set_result(args)

    signal.connect(emitted)
    return future


@link_test
async def test_an_empty_model_reads_as_a_room_still_connecting() -> None:
    model = RoomModel()
    assert not model.is_attached and model.status is LinkStatus.CONNECTING
    assert model.state is None and model.roster() == () and model.chat() == []
    assert model.current() is None and model.pinned() is None and model.latency_ms is None


@link_test
async def test_the_host_sees_every_change_of_the_room_as_its_own_signal(
    invites: RoomInvites, clients: Clients, clock: FakeClock
) -> None:
    host = await clients.join(invites.host, clock=clock)
    model = RoomModel(host)
    assert model.role is Role.HOST and model.status is LinkStatus.ONLINE
    assert [r.slot for r in model.roster()] == [SLOT]
    assert not model.roster()[0].online

    presence = when(model.presenceChanged, lambda: model.roster()[0].online)
    await clients.join(invites.speakers[SLOT], clock=clock, client="kanpe-speaker")
    await presence
    assert model.roster()[0].client  # the id presence gives the speaker's app

    slot = when(model.slotChanged)
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    assert await slot == (SLOT,)
    assert model.roster()[0].status is TalkStatus.LIVE

    cue = when(model.slotChanged, lambda _: model.roster()[0].cue is not None)
    await host.command(SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.WRAP))
    await cue
    assert model.roster()[0].cue_state is CueState.WAITING

    current = when(model.currentChanged)
    await host.command(SetCurrent(id=host.new_id(), slot=SLOT))
    await current
    assert model.current() == SLOT and model.roster()[0].current

    audience = await clients.join(invites.audience, clock=clock)
    chat = when(model.chatPosted)
    await audience.command(SendChat(id=audience.new_id(), text="hello room"))
    (message,) = await chat
    assert model.chat() == [message]

    reacted = when(model.reacted)
    await audience.command(React(id=audience.new_id(), emoji="👏"))
    assert await reacted == (SLOT, "👏", 1)  # counted for the current talk

    asked = when(model.questionChanged)
    await audience.command(AskQuestion(id=audience.new_id(), text="Does it drift?"))
    (question,) = await asked
    pinned = when(model.questionChanged, lambda q: q.pinned)
    await host.command(ModerateQuestion(id=host.new_id(), question=question.id, pinned=True))
    await pinned
    assert model.pinned() is not None and model.pinned().text == "Does it drift?"


@link_test
async def test_the_speaker_model_follows_its_own_slot_from_the_room(
    invites: RoomInvites, clients: Clients, clock: FakeClock
) -> None:
    model = SpeakerSlotModel()
    assert model.slot_id is None and model.countdown() is None and not model.self_timer()
    attached = when(model.attached)
    model.attach(await clients.join(invites.speakers[SLOT], clock=clock))
    await attached
    assert model.slot_id == SLOT and model.talk_title() == "Timers that never drift"
    assert model.room.own_slot == SLOT and model.status is LinkStatus.ONLINE

    host = await clients.join(invites.host, clock=clock)
    changed = when(model.slotChanged)
    cue = when(model.cueChanged)
    await host.command(SendCue(id=host.new_id(), slot=SLOT, kind=CueKind.TEXT, text="slow"))
    await changed
    await cue
    got = model.cue()
    assert got is not None and got.text == "slow"
