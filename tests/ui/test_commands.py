"""The command sender against a real relay: refusals, commands made offline, slow answers."""

from __future__ import annotations

import asyncio

import pytest

from kanpe.core.model import CueKind
from kanpe.core.notices import AppNotice, Notices
from kanpe.core.protocol import ErrorCode, SendCue, StartTimer
from kanpe.net.link import CommandRefused, LinkStatus
from kanpe.net.relay import Relay, RoomInvites
from kanpe.ui.commands import CommandSender
from kanpe.ui.roommodel import RoomModel
from tests.support.faultproxy import FaultProxy
from tests.support.waiting import notice
from tests.ui.conftest import Clients, link_test

SLOT = "talk-1"


def codes(notices: Notices) -> list[str]:
    return [n.code for n in notices.shown]


async def changed(notices: Notices, check: object) -> None:
    """Wait until ``check()`` holds for the channel (checked at every change)."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def listener() -> None:
        if not done.done() and check():  # type: ignore[operator]
            done.set_result(None)

    notices.add_listener(listener)
    try:
        listener()
        await done
    finally:
        notices.remove_listener(listener)


@link_test
async def test_a_refusal_becomes_a_notice_by_its_code(
    invites: RoomInvites, clients: Clients
) -> None:
    speaker = await clients.join(invites.speakers[SLOT])
    notices = Notices()
    sender = CommandSender(RoomModel(speaker), notices)
    future = sender.send(StartTimer(id=sender.new_id(), slot=SLOT))  # the host runs this timer
    assert sender.pending() and not sender.unsent()
    with pytest.raises(CommandRefused):
        await future
    assert codes(notices) == [ErrorCode.FORBIDDEN]
    assert "timer" in notices.shown[0].detail  # the relay's words, kept for the log only
    assert sender.pending() == ()


@link_test
async def test_commands_made_offline_wait_and_go_when_the_link_is_back(
    relay: Relay, invites: RoomInvites, clients: Clients
) -> None:
    proxy = FaultProxy("127.0.0.1", relay.port)
    await proxy.start()
    try:
        host = await clients.join(invites.host, url=proxy.url())
        notices = Notices()
        room = RoomModel(host)
        sender = CommandSender(room, notices)
        offline = asyncio.ensure_future(notice(host, lambda n: host.status is LinkStatus.OFFLINE))
        proxy.cut(refuse=True)
        await offline
        command = SendCue(id=sender.new_id(), slot=SLOT, kind=CueKind.WRAP)
        future = sender.send(command)
        assert sender.unsent() == (command,)
        assert codes(notices) == [AppNotice.SENT_WHEN_ONLINE]
        proxy.restore()
        await future
        assert sender.unsent() == () and sender.pending() == ()
        assert codes(notices) == []
    finally:
        await proxy.stop()


@link_test
async def test_a_relay_that_stops_answering_is_noticed_and_the_notice_goes_with_the_answer(
    relay: Relay, invites: RoomInvites, clients: Clients
) -> None:
    proxy = FaultProxy("127.0.0.1", relay.port)
    await proxy.start()
    try:
        host = await clients.join(invites.host, url=proxy.url())
        notices = Notices()
        sender = CommandSender(RoomModel(host), notices, no_answer_ms=1)
        proxy.stall()  # a dead Wi-Fi: the link still looks online
        future = sender.send(SendCue(id=sender.new_id(), slot=SLOT, kind=CueKind.FLASH))
        await changed(notices, lambda: codes(notices) == [AppNotice.NO_ANSWER])
        proxy.restore()
        await future
        assert codes(notices) == []
    finally:
        await proxy.stop()
