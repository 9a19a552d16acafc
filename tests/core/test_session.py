"""The client session, fed hand-written frames and a fake clock: no socket anywhere."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from kanpe.core.clock import Estimate
from kanpe.core.events import ChatPosted, CurrentChanged
from kanpe.core.model import ChatMessage, Role
from kanpe.core.protocol import (
    ErrorCode,
    Hello,
    Peer,
    Presence,
    SendChat,
    StartTimer,
    TimeRequest,
    parse_client,
)
from kanpe.core.session import (
    BURST_GAP,
    BURST_SAMPLES,
    Acked,
    Applied,
    ClientSession,
    Ignored,
    Refused,
    Rejected,
    RelayError,
    Retrying,
    Synced,
)

T0 = 1000.0  # the client's monotonic clock
RELAY = 1_767_259_700.0  # relay time at T0


def welcome(version: int = 3, client_id: str = "dev-1", time: float = RELAY + 0.01) -> str:
    return json.dumps(
        {
            "type": "welcome",
            "protocol": 1,
            "role": "speaker",
            "room": "r1",
            "slot": "talk-1",
            "client_id": client_id,
            "time": time,
            "state": {"id": "r1", "name": "Meetup", "version": version},
        }
    )


def event(version: int, slot: str | None) -> str:
    return json.dumps(
        {"type": "event", "version": version, "event": {"type": "current", "slot": slot}}
    )


def ack(command_id: str, version: int = 4) -> str:
    return json.dumps({"type": "ack", "id": command_id, "version": version})


def error(code: str, command_id: str | None = None, message: str = "no") -> str:
    return json.dumps({"type": "error", "code": code, "message": message, "id": command_id})


def sent(session: ClientSession) -> list[Any]:
    """What the session queued, parsed as the relay would."""
    return [parse_client(frame.decode()) for frame in session.frames_to_send()]


def joined(**kwargs: Any) -> ClientSession:
    """A session past its first welcome at T0, with its first frames drained."""
    session = ClientSession("r1", "t" * 32, client="test", **kwargs)
    session.hello(T0 - 0.02)
    assert session.receive(welcome(), T0) == [Synced(session.state)]  # type: ignore[arg-type]
    session.frames_to_send()
    return session


def chat(n: int) -> SendChat:
    return SendChat(id=f"m{n}", text=f"hi {n}")


def test_hello_then_welcome_syncs_the_mirror() -> None:
    session = ClientSession("r1", "t" * 32, client="test")
    session.hello(T0 - 0.02)
    assert sent(session) == [Hello(protocol=1, room="r1", token="t" * 32, client="test")]
    was_joined = session.joined
    [synced] = session.receive(welcome(version=3), T0)
    assert isinstance(synced, Synced) and synced.state is session.state
    assert (was_joined, session.joined) == (False, True)
    assert session.state is not None
    assert (session.state.name, session.state.version) == ("Meetup", 3)
    assert (session.role, session.slot, session.client_id) == (Role.SPEAKER, "talk-1", "dev-1")
    # The welcome is the first clock sample: hello at T0-0.02, relay stamp, read at T0.
    estimate = session.estimator.estimate()
    assert estimate is not None and estimate.round_trip == pytest.approx(0.02)
    assert session.relay_time(T0) == pytest.approx(RELAY)
    assert session.reconnects == 0


def test_a_given_client_id_is_kept_and_sent() -> None:
    session = ClientSession("r1", "t" * 32, client_id="mine")
    session.hello(T0)
    session.receive(welcome(client_id="relays"), T0)
    assert session.client_id == "mine"
    session.hello(T0 + 5)
    assert [m.client_id for m in sent(session)] == ["mine"]


def test_events_are_applied_once_in_version_order_and_may_skip() -> None:
    session = joined()
    assert session.receive(event(4, "talk-1"), T0) == [Applied(CurrentChanged(slot="talk-1"), 4)]
    assert session.receive(event(4, "talk-2"), T0) == []  # a repeat
    assert session.receive(event(2, "talk-2"), T0) == []  # already in the snapshot
    assert session.receive(event(9, None), T0) == [Applied(CurrentChanged(slot=None), 9)]
    assert session.state is not None
    assert (session.state.current, session.state.version) == (None, 9)
    chat_event = {"type": "chat", "message": {"id": "m1", "text": "hi", "at": RELAY}}
    frame = json.dumps({"type": "event", "version": 10, "event": chat_event})
    [applied] = session.receive(frame, T0)
    assert applied == Applied(ChatPosted(message=ChatMessage(id="m1", text="hi", at=RELAY)), 10)
    assert [m.text for m in session.state.chat] == ["hi"]


def test_commands_wait_for_the_welcome_then_go_at_once() -> None:
    session = ClientSession("r1", "t" * 32)
    session.command(chat(1))
    session.hello(T0)
    session.command(chat(2))
    assert [type(m) for m in sent(session)] == [Hello]
    session.receive(welcome(), T0)
    assert sent(session) == [chat(1), chat(2)]
    session.command(chat(3))
    assert sent(session) == [chat(3)]
    assert session.pending == ("m1", "m2", "m3")


def test_acks_and_refusals_settle_their_own_command() -> None:
    session = joined()
    for n in range(1, 5):
        session.command(chat(n))
    [acked] = session.receive(ack("m2", version=7), T0)
    assert isinstance(acked, Acked) and (acked.ack.id, acked.ack.version) == ("m2", 7)
    assert session.receive(ack("m2"), T0) == []  # answered already
    assert session.receive(ack("nobody"), T0) == []
    [refused] = session.receive(error("forbidden", "m3", "not yours"), T0)
    assert isinstance(refused, Refused) and refused.command_id == "m3"
    assert (refused.error.code, refused.error.message) == (ErrorCode.FORBIDDEN, "not yours")
    # An error naming no pending command settles nothing.
    [other] = session.receive(error("bad_json", None), T0)
    assert isinstance(other, RelayError) and other.error.code is ErrorCode.BAD_JSON
    assert isinstance(session.receive(error("not_found", "m9"), T0)[0], RelayError)
    assert session.pending == ("m1", "m4")


def test_a_reconnect_resends_every_unanswered_command_in_order() -> None:
    session = joined()
    for n in range(1, 6):
        session.command(chat(n))
    session.frames_to_send()
    session.receive(ack("m2"), T0)
    session.receive(error("refused", "m4"), T0)
    session.connection_lost()
    session.command(chat(6))  # given while offline
    assert not session.joined and session.frames_to_send() == []
    session.hello(T0 + 10)
    assert [type(m) for m in sent(session)] == [Hello]
    [synced] = session.receive(welcome(version=8, client_id="other"), T0 + 10.01)
    assert isinstance(synced, Synced) and synced.state.version == 8
    assert [m.id for m in sent(session)] == ["m1", "m3", "m5", "m6"]
    assert session.reconnects == 1
    assert session.client_id == "dev-1"  # the first identity, so the relay counts retries once


def test_the_reconnect_hello_carries_the_identity_from_the_first_welcome() -> None:
    session = joined()
    session.connection_lost()
    session.hello(T0 + 3)
    [hello] = sent(session)
    assert isinstance(hello, Hello) and hello.client_id == "dev-1"


def test_rate_limited_commands_go_again_when_due() -> None:
    session = joined(rate_limit_retry=1.0)
    session.command(chat(1))
    session.command(chat(2))
    session.frames_to_send()
    next_sample = session.next_due()
    [retry] = session.receive(error("rate_limited", "m2"), T0 + 0.1)
    assert retry == Retrying(("m2",), T0 + 1.1)
    session.advance(T0 + 0.02)  # the clock burst is due first
    session.frames_to_send()
    assert next_sample is not None
    session.advance(T0 + 1.0)
    assert not any(isinstance(m, SendChat) for m in sent(session))
    session.advance(T0 + 1.1)
    assert [m for m in sent(session) if isinstance(m, SendChat)] == [chat(2)]
    # Not again: it waits for its answer now.
    session.advance(T0 + 5)
    assert not any(isinstance(m, SendChat) for m in sent(session))


def test_a_rate_limit_naming_no_pending_command_resends_all_of_them_in_order() -> None:
    session = joined(rate_limit_retry=0.5, time_sync_interval=100.0)
    for n in range(1, 4):
        session.command(chat(n))
    session.frames_to_send()
    assert session.receive(error("rate_limited", None), T0) == [
        Retrying(("m1", "m2", "m3"), T0 + 0.5)
    ]
    assert session.receive(error("rate_limited", "gone"), T0 + 0.1) == [
        Retrying(("m1", "m2", "m3"), T0 + 0.6)
    ]
    session.receive(ack("m2"), T0 + 0.2)  # answered meanwhile: not resent
    session.advance(T0 + 0.6)
    assert [m.id for m in sent(session) if isinstance(m, SendChat)] == ["m1", "m3"]


def test_a_lost_connection_drops_rate_limit_retries() -> None:
    session = joined(time_sync_interval=100.0)
    session.command(chat(1))
    session.receive(error("rate_limited", "m1"), T0)
    session.connection_lost()
    assert session.next_due() is None
    session.advance(T0 + 5)
    assert session.frames_to_send() == []


def test_clock_samples_come_in_a_burst_then_at_the_interval() -> None:
    session = joined(time_sync_interval=5.0)
    times: list[float] = []
    now = T0
    for _ in range(BURST_SAMPLES + 3):
        due = session.next_due()
        assert due is not None
        session.advance(due - 0.001)  # not yet
        assert session.frames_to_send() == []
        now = due
        session.advance(now)
        [request] = sent(session)
        assert isinstance(request, TimeRequest) and request.t0 == now
        times.append(now)
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(times)]
    assert gaps == [BURST_GAP] * (BURST_SAMPLES - 1) + [5.0] * 3


def test_time_replies_refine_the_estimate() -> None:
    session = joined()
    offset = RELAY - T0
    reply = {"type": "time", "t0": T0 + 1, "t1": T0 + 1.002 + offset, "t2": T0 + 1.002 + offset}
    [estimate] = session.receive(json.dumps(reply), T0 + 1.004)
    assert isinstance(estimate, Estimate)
    assert estimate.samples == 2 and estimate.round_trip == pytest.approx(0.004)
    assert session.relay_time(T0 + 2) == pytest.approx(RELAY + 2, abs=1e-6)
    impossible = {"type": "time", "t0": T0 + 9, "t1": RELAY, "t2": RELAY}
    session.receive(json.dumps(impossible), T0 + 8)  # answered before asked: dropped
    assert len(session.estimator) == 2


def test_a_new_connection_starts_the_clock_samples_afresh() -> None:
    session = joined()
    session.connection_lost()
    assert session.next_due() is None
    session.hello(T0 + 50)
    session.receive(welcome(time=RELAY + 60), T0 + 50.01)
    assert len(session.estimator) == 1  # the old relay's samples are gone
    assert session.next_due() == T0 + 50.01


def test_presence_is_kept_and_told() -> None:
    session = joined()
    frame = json.dumps(
        {"type": "presence", "peers": [{"role": "host", "latency_ms": 12.5}], "audience": 40}
    )
    expected = Presence(peers=(Peer(role=Role.HOST, latency_ms=12.5),), audience=40)
    assert session.receive(frame, T0) == [expected]
    assert session.presence == expected


MALFORMED = [
    pytest.param("not json", id="not-json"),
    pytest.param(b'{"type":"ack","id":"m1","version":1}', id="binary"),
    pytest.param('{"type":"teleport"}', id="unknown-type"),
    pytest.param('{"type":"ack","id":"m1"}', id="missing-field"),
    pytest.param('{"type":"event","version":"x","event":{"type":"current"}}', id="bad-field"),
    pytest.param("[1, 2]", id="not-an-object"),
]


@pytest.mark.parametrize("frame", MALFORMED)
def test_malformed_frames_are_ignored_once_joined(frame: str | bytes) -> None:
    session = joined()
    session.command(chat(1))
    before = session.state
    [ignored] = session.receive(frame, T0)
    assert isinstance(ignored, Ignored) and "malformed" in ignored.reason
    assert session.state == before and session.pending == ("m1",) and session.joined


@pytest.mark.parametrize("frame", MALFORMED)
def test_a_malformed_answer_to_the_hello_rejects_the_connection(frame: str | bytes) -> None:
    session = ClientSession("r1", "t" * 32)
    session.hello(T0)
    [rejected] = session.receive(frame, T0)
    assert isinstance(rejected, Rejected) and not rejected.from_relay
    assert not session.joined and session.state is None


def test_an_error_answering_the_hello_is_the_relays_refusal() -> None:
    session = ClientSession("r1", "t" * 32)
    session.hello(T0)
    [rejected] = session.receive(error("unauthorized", None, "unknown token"), T0)
    assert isinstance(rejected, Rejected) and rejected.from_relay
    assert (rejected.error.code, rejected.error.message) == (
        ErrorCode.UNAUTHORIZED,
        "unknown token",
    )


def test_anything_but_a_welcome_first_rejects_the_connection() -> None:
    session = ClientSession("r1", "t" * 32)
    session.hello(T0)
    [rejected] = session.receive(ack("m1"), T0)
    assert isinstance(rejected, Rejected) and rejected.error.code is ErrorCode.BAD_MESSAGE


def test_a_second_welcome_is_ignored() -> None:
    session = joined()
    session.receive(event(4, "talk-1"), T0)
    [ignored] = session.receive(welcome(version=1, client_id="other"), T0 + 1)
    assert ignored == Ignored("a second welcome")
    assert session.state is not None and session.state.version == 4
    assert session.client_id == "dev-1" and session.reconnects == 0


def test_a_forgotten_command_is_not_resent_and_its_late_answer_is_ignored() -> None:
    session = joined()
    session.command(chat(1))
    session.command(StartTimer(id="s1", slot="talk-1"))
    session.forget("m1")
    assert session.receive(ack("m1"), T0) == []
    session.connection_lost()
    session.hello(T0 + 1)
    session.receive(welcome(), T0 + 1)
    assert [m.id for m in sent(session) if not isinstance(m, Hello | TimeRequest)] == ["s1"]


def test_abandon_returns_the_pending_ids_and_forgets_them() -> None:
    session = joined()
    session.command(chat(1))
    session.command(chat(2))
    assert session.abandon() == ["m1", "m2"]
    assert session.pending == ()


def test_each_clock_sample_carries_the_wall_clock_when_one_is_given() -> None:
    walls = iter([1_767_260_400.5, 1_767_260_401.0])
    session = joined(wall=lambda: next(walls))
    due = session.next_due()
    assert due is not None
    session.advance(due)
    [request] = sent(session)
    assert isinstance(request, TimeRequest) and request.wall == 1_767_260_400.5
    quiet = joined()  # no wall clock given: the request says nothing of it
    due = quiet.next_due()
    assert due is not None
    quiet.advance(due)
    [request] = sent(quiet)
    assert isinstance(request, TimeRequest) and request.wall is None
