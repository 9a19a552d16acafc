"""The retry-or-stop policy and the backoff between attempts, as plain tables."""

from __future__ import annotations

import random

import pytest

from kanpe.core.protocol import CloseCode, Error, ErrorCode
from kanpe.core.reconnect import Backoff, Fatal, Retry, Verdict, classify, jittered_backoff


def refusal(code: ErrorCode, message: str = "unknown token") -> Error:
    return Error(code=code, message=message)


CASES: list[tuple[str, dict[str, object], Verdict]] = [
    ("network error", {}, Retry("the connection failed")),
    ("origin refused", {"status": 403}, Fatal(403, "the relay answered 403")),
    ("no such relay path", {"status": 404}, Fatal(404, "the relay answered 404")),
    ("too many connections", {"status": 429}, Retry("the relay answered 429")),
    ("proxy down", {"status": 502}, Retry("the relay answered 502")),
    ("relay shutting down", {"close": CloseCode.GOING_AWAY}, Retry("closed with code 1001")),
    ("dropped, no close frame", {"close": 1006}, Retry("closed with code 1006")),
    ("keepalive timeout", {"close": CloseCode.INTERNAL}, Retry("closed with code 1011")),
    ("hello timeout", {"close": CloseCode.HELLO_TIMEOUT}, Retry("closed with code 4000")),
    ("flooding", {"close": CloseCode.FLOODING}, Retry("closed with code 4008")),
    ("slow consumer", {"close": CloseCode.SLOW_CONSUMER}, Retry("closed with code 4009")),
    ("unknown token", {"close": CloseCode.UNAUTHORIZED}, Fatal(4001, "closed with code 4001")),
    ("room closed", {"close": CloseCode.ROOM_CLOSED}, Fatal(4010, "closed with code 4010")),
    (
        "outdated client, with the relay's words",
        {
            "close": CloseCode.UNSUPPORTED_VERSION,
            "error": refusal(ErrorCode.UNSUPPORTED_VERSION, "this relay speaks 1"),
        },
        Fatal(4002, "this relay speaks 1"),
    ),
    (
        "broken hello",
        {"close": CloseCode.HELLO_REQUIRED, "error": refusal(ErrorCode.BAD_MESSAGE, "no")},
        Fatal(4003, "no"),
    ),
    (
        "unauthorized even when the close was lost",
        {"close": 1006, "error": refusal(ErrorCode.UNAUTHORIZED)},
        Fatal(ErrorCode.UNAUTHORIZED, "unknown token"),
    ),
    (
        "a passing error answering the hello",
        {"close": 1006, "error": refusal(ErrorCode.INTERNAL, "disk full")},
        Retry("internal: disk full"),
    ),
]


@pytest.mark.parametrize(("seen", "verdict"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_classify(seen: dict[str, object], verdict: Verdict) -> None:
    assert classify(**seen) == verdict  # type: ignore[arg-type]


def test_the_status_of_a_refused_upgrade_comes_before_anything_else() -> None:
    assert classify(status=503, close=CloseCode.UNAUTHORIZED) == Retry("the relay answered 503")


@pytest.mark.parametrize("attempt", range(12))
def test_jittered_backoff_stays_within_its_documented_bounds(attempt: int) -> None:
    random.seed(attempt)
    delays = [jittered_backoff(attempt) for _ in range(200)]
    ceiling = min(10.0, 0.25 * 2**attempt)
    assert all(0.125 <= delay <= ceiling for delay in delays)
    if attempt >= 6:
        assert max(delays) > 5  # it really grows towards the cap


def test_backoff_counts_failures_and_starts_over_after_a_session() -> None:
    backoff = Backoff(float)
    assert [backoff.next() for _ in range(4)] == [0.0, 1.0, 2.0, 3.0]
    assert backoff.attempt == 4
    backoff.reset()
    assert backoff.next() == 0.0
