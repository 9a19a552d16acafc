"""The countdown as data: a fake clock is just a number passed in, so every test is exact."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanpe.core.countdown import (
    DEFAULT_THRESHOLDS,
    MAX_DURATION,
    Countdown,
    Phase,
    Thresholds,
    TimerError,
    TimerStatus,
    display_seconds,
    format_remaining,
    phase_for,
)
from kanpe.core.model import RoomState
from kanpe.core.rundown import Rundown, Slot

# Relay time is seconds since the epoch, so deadlines are large floats: test with those.
T0 = 1_750_000_000.25


def running(duration: float = 1500, at: float = T0) -> Countdown:
    return Countdown.idle(duration).start(at)


def paused(duration: float = 1500, ran: float = 100, at: float = T0) -> Countdown:
    return running(duration, at).pause(at + ran)


# --- the lifecycle -----------------------------------------------------------------------------


def test_idle_timer_shows_its_full_duration_and_does_not_move() -> None:
    timer = Countdown.idle(1500)
    assert timer.status is TimerStatus.IDLE
    assert not timer.running
    for now in (0.0, T0, T0 + 10_000):
        assert timer.remaining_at(now) == 1500
        assert timer.text_at(now) == "25:00"
        assert timer.elapsed_at(now) == 0
        assert timer.next_change(now) is None
    assert timer.deadline is None
    assert timer.started_at is None


def test_start_sets_a_deadline_and_counts_down() -> None:
    timer = running(1500)
    assert timer.status is TimerStatus.RUNNING
    assert timer.running
    assert timer.deadline == T0 + 1500
    assert timer.started_at == T0
    assert timer.remaining_at(T0 + 60) == 1440
    assert timer.elapsed_at(T0 + 60) == 60
    assert timer.text_at(T0 + 60) == "24:00"
    assert timer.text_at(T0 + 1500.5) == "00:00"
    assert timer.text_at(T0 + 1501) == "-00:01"


def test_pause_keeps_remaining_however_long_the_pause() -> None:
    timer = running(1500).pause(T0 + 100.5)
    assert timer.status is TimerStatus.PAUSED
    assert timer.deadline is None
    for now in (T0 + 100.5, T0 + 200, T0 + 86_400 * 3):
        assert timer.remaining_at(now) == 1399.5
        assert timer.elapsed_at(now) == 100.5
        assert timer.next_change(now) is None


def test_resume_continues_from_the_paused_remaining() -> None:
    timer = running(1500).pause(T0 + 100).start(T0 + 5000)
    assert timer.status is TimerStatus.RUNNING
    assert timer.deadline == T0 + 5000 + 1400
    assert timer.remaining_at(T0 + 5000) == 1400
    assert timer.remaining_at(T0 + 5100) == 1300
    assert timer.started_at == T0, "resuming keeps the first start time"


def test_many_pauses_lose_no_time() -> None:
    rng = random.Random(7)
    timer = Countdown.idle(1500)
    now = T0
    spent = 0.0
    for _ in range(200):
        timer = timer.start(now)
        run = rng.uniform(0.01, 5)
        now += run
        spent += run
        timer = timer.pause(now)
        now += rng.uniform(0, 60)
        assert timer.remaining_at(now) == pytest.approx(1500 - spent, abs=1e-6)
    assert timer.elapsed_at(now) == pytest.approx(spent, abs=1e-6)


@pytest.mark.parametrize(
    "timer",
    [Countdown.idle(300), running(300), paused(300), running(300).adjust(60, T0 + 1)],
    ids=["idle", "running", "paused", "adjusted"],
)
def test_reset_returns_to_a_fresh_idle_timer(timer: Countdown) -> None:
    assert timer.reset() == Countdown.idle(300)


def test_no_drift_over_25_minutes_of_irregular_queries() -> None:
    """Remaining is deadline - now at every query, however often or rarely it is asked."""
    rng = random.Random(2024)
    duration = 1500
    timer = Countdown.idle(duration).start(T0)
    reference_deadline = T0 + float(duration)  # computed here, not read from the timer
    now = T0
    queries = 0
    while now < T0 + duration + 30:
        now += rng.choice([0.001, 0.016, 0.25, 0.999, 1.0, 1.001, 3.7, 17.0]) * rng.random()
        assert timer.remaining_at(now) == reference_deadline - now
        shown = math.ceil(reference_deadline - now) if reference_deadline > now else 0
        if reference_deadline - now <= -1:
            shown = -math.floor(now - reference_deadline)
        assert display_seconds(timer.remaining_at(now)) == shown
        queries += 1
    assert queries > 1000
    assert timer.text_at(reference_deadline - 1500) == "25:00"
    assert timer.text_at(reference_deadline) == "00:00"
    assert timer.text_at(reference_deadline + 83) == "-01:23"


# --- invalid transitions and values ------------------------------------------------------------

BAD_OPERATIONS: list[tuple[str, Callable[[], object]]] = [
    ("pause idle", lambda: Countdown.idle(60).pause(T0)),
    ("pause paused", lambda: paused().pause(T0 + 200)),
    ("start running", lambda: running().start(T0 + 1)),
    ("zero duration", lambda: Countdown.idle(0)),
    ("negative duration", lambda: Countdown.idle(-60)),
    ("NaN duration", lambda: Countdown.idle(math.nan)),
    ("infinite duration", lambda: Countdown.idle(math.inf)),
    ("duration over 24 h", lambda: Countdown.idle(MAX_DURATION + 1)),
    ("adjust by NaN", lambda: running().adjust(math.nan, T0)),
    ("adjust by infinity", lambda: Countdown.idle(60).adjust(-math.inf, T0)),
    ("adjust over 24 h", lambda: paused().adjust(MAX_DURATION + 1, T0)),
    ("adjust under -24 h", lambda: running().adjust(-MAX_DURATION - 1, T0)),
    ("set zero duration idle", lambda: Countdown.idle(60).set_duration(0, T0)),
    ("set negative duration running", lambda: running().set_duration(-1, T0)),
    ("set NaN duration paused", lambda: paused().set_duration(math.nan, T0)),
    ("set duration over 24 h", lambda: running().set_duration(MAX_DURATION + 1, T0)),
]


@pytest.mark.parametrize(
    "operation", [op for _, op in BAD_OPERATIONS], ids=[n for n, _ in BAD_OPERATIONS]
)
def test_invalid_operation_raises_timer_error(operation: Callable[[], object]) -> None:
    with pytest.raises(TimerError):
        operation()


def test_limits_are_inclusive() -> None:
    assert Countdown.idle(MAX_DURATION).remaining == MAX_DURATION
    assert running().adjust(MAX_DURATION, T0).remaining_at(T0) == 1500 + MAX_DURATION
    assert running().adjust(-MAX_DURATION, T0).remaining_at(T0) == 1500 - MAX_DURATION


def test_timer_error_is_a_value_error() -> None:
    assert issubclass(TimerError, ValueError)


# --- adjust and set_duration -------------------------------------------------------------------


def test_adjust_while_running_moves_the_deadline_not_the_time_spent() -> None:
    timer = running(300).adjust(60, T0 + 100)
    assert timer.remaining_at(T0 + 100) == 260
    assert timer.elapsed_at(T0 + 100) == 100
    assert timer.allotted == 360
    assert timer.duration == 300
    shortened = timer.adjust(-120, T0 + 100)
    assert shortened.remaining_at(T0 + 100) == 140
    assert shortened.elapsed_at(T0 + 100) == 100


def test_adjust_during_overtime_can_bring_the_talk_back_in_time() -> None:
    timer = running(300)
    late = T0 + 400
    assert timer.text_at(late) == "-01:40"
    assert timer.phase_at(late) is Phase.OVERTIME
    rescued = timer.adjust(120, late)
    assert rescued.remaining_at(late) == 20
    assert rescued.text_at(late) == "00:20"
    assert rescued.phase_at(late) is Phase.FINAL
    assert rescued.elapsed_at(late) == 400
    deeper = timer.adjust(-60, late)
    assert deeper.text_at(late) == "-02:40"
    assert deeper.elapsed_at(late) == 400


@pytest.mark.parametrize(
    "timer", [Countdown.idle(300), paused(300, ran=100)], ids=["idle", "paused"]
)
def test_adjust_while_stopped_changes_the_remaining(timer: Countdown) -> None:
    before = timer.remaining_at(T0)
    adjusted = timer.adjust(-30, T0)
    assert adjusted.status is timer.status
    assert adjusted.remaining_at(T0 + 999) == before - 30
    assert adjusted.allotted == timer.allotted - 30
    assert adjusted.elapsed_at(T0) == timer.elapsed_at(T0)


def test_set_duration_while_running_keeps_time_spent() -> None:
    timer = running(1500).adjust(60, T0 + 10)
    now = T0 + 600
    changed = timer.set_duration(1200, now)
    assert changed.status is TimerStatus.RUNNING
    assert changed.duration == 1200
    assert changed.elapsed_at(now) == 600
    assert changed.remaining_at(now) == 1200 + 60 - 600, "the earlier adjustment stays"
    assert changed.started_at == T0


def test_set_duration_while_paused_keeps_time_spent() -> None:
    timer = paused(1500, ran=600)
    changed = timer.set_duration(1800, T0 + 9999)
    assert changed.status is TimerStatus.PAUSED
    assert changed.duration == 1800
    assert changed.remaining_at(T0 + 10_000) == 1200
    assert changed.elapsed_at(T0 + 10_000) == 600


def test_set_duration_shorter_than_time_spent_goes_into_overtime() -> None:
    changed = running(1500).set_duration(300, T0 + 600)
    assert changed.remaining_at(T0 + 600) == -300
    assert changed.phase_at(T0 + 600) is Phase.OVERTIME


def test_set_duration_while_idle_gives_a_fresh_timer() -> None:
    assert Countdown.idle(1500).set_duration(300, T0) == Countdown.idle(300)
    assert Countdown.idle(1500).set_duration(300, T0).reset() == Countdown.idle(300)


# --- display text and phases -------------------------------------------------------------------

DISPLAY = [
    (1500, "25:00"),
    (1499.01, "25:00"),
    (1499, "24:59"),
    (60, "01:00"),
    (59.5, "01:00"),
    (1, "00:01"),
    (0.2, "00:01"),
    (1e-9, "00:01"),
    (0, "00:00"),
    (-0.0, "00:00"),
    (-0.5, "00:00"),
    (-0.999, "00:00"),
    (-1, "-00:01"),
    (-83, "-01:23"),
    (-83.9, "-01:23"),
    (3599.5, "1:00:00"),
    (3600, "1:00:00"),
    (5400.5, "1:30:01"),
    (-3725, "-1:02:05"),
    (MAX_DURATION, "24:00:00"),
]


@pytest.mark.parametrize(("remaining", "text"), DISPLAY)
def test_display_text(remaining: float, text: str) -> None:
    assert format_remaining(remaining) == text


PHASES_DEFAULT = [
    (1500, Phase.NORMAL),
    (300.5, Phase.NORMAL),  # shows 05:01
    (300, Phase.WARNING),
    (299.5, Phase.WARNING),
    (60.5, Phase.WARNING),  # shows 01:01
    (60, Phase.FINAL),
    (0.01, Phase.FINAL),
    (0, Phase.OVERTIME),
    (-0.5, Phase.OVERTIME),
    (-3600, Phase.OVERTIME),
]
LIGHTNING = Thresholds(warning=60, final=30)
PHASES_LIGHTNING = [
    (300, Phase.NORMAL),
    (60.001, Phase.NORMAL),
    (60, Phase.WARNING),
    (30.5, Phase.WARNING),
    (30, Phase.FINAL),
    (0.5, Phase.FINAL),
    (0, Phase.OVERTIME),
    (-10, Phase.OVERTIME),
]


@pytest.mark.parametrize(("remaining", "phase"), PHASES_DEFAULT)
def test_phase_with_default_thresholds(remaining: float, phase: Phase) -> None:
    assert phase_for(remaining) is phase
    assert phase_for(remaining, DEFAULT_THRESHOLDS) is phase
    assert running(1500).phase_at(T0 + 1500 - remaining) is phase


@pytest.mark.parametrize(("remaining", "phase"), PHASES_LIGHTNING)
def test_phase_of_a_lightning_talk(remaining: float, phase: Phase) -> None:
    assert phase_for(remaining, LIGHTNING) is phase
    timer = running(300)
    assert timer.phase_at(T0 + 300 - remaining, LIGHTNING) is phase


def test_lightning_thresholds_come_from_the_rundown_slot() -> None:
    slot = Slot(id="lt-1", duration=300, warning=60, final=30)
    state = RoomState(id="r", rundown=Rundown(slots=(slot,)))
    assert state.thresholds("lt-1") == LIGHTNING
    assert state.thresholds("missing") == DEFAULT_THRESHOLDS
    timer = running(300)
    assert timer.phase_at(T0 + 239, state.thresholds("lt-1")) is Phase.NORMAL
    assert timer.phase_at(T0 + 240, state.thresholds("lt-1")) is Phase.WARNING
    assert timer.phase_at(T0 + 240) is Phase.FINAL  # the default would already say "final"


def test_zero_thresholds_never_warn() -> None:
    none = Thresholds(warning=0, final=0)
    assert phase_for(0.1, none) is Phase.NORMAL
    assert phase_for(0, none) is Phase.OVERTIME


# --- next_change -------------------------------------------------------------------------------


def test_next_change_examples() -> None:
    timer = running(300)
    assert timer.next_change(T0) == T0 + 1  # 05:00 -> 04:59
    assert timer.next_change(T0 + 0.25) == T0 + 1
    assert timer.next_change(T0 + 299.5) == T0 + 300  # 00:01 -> 00:00
    assert timer.next_change(T0 + 300) == T0 + 301  # 00:00 -> -00:01
    assert timer.next_change(T0 + 300.5) == T0 + 301
    assert paused().next_change(T0) is None


starts = st.floats(min_value=0, max_value=4e9, allow_nan=False, allow_infinity=False)
durations = st.integers(min_value=1, max_value=MAX_DURATION) | st.floats(
    min_value=0.001, max_value=MAX_DURATION
)
adjustments = st.integers(min_value=-MAX_DURATION, max_value=MAX_DURATION) | st.floats(
    min_value=-MAX_DURATION, max_value=MAX_DURATION
)


@settings(max_examples=500, deadline=None)
@given(
    start=starts,
    duration=durations,
    adjustment=adjustments,
    into=st.floats(min_value=0, max_value=2 * MAX_DURATION),
)
def test_next_change_is_exactly_when_the_text_changes(
    start: float, duration: float, adjustment: float, into: float
) -> None:
    timer = Countdown.idle(duration).start(start).adjust(adjustment, start)
    now = start + into
    at = timer.next_change(now)
    assert at is not None
    assert at > now
    before = max(now, math.nextafter(at, -math.inf))  # the float just before, not 1 ms before
    text = timer.text_at(now)
    assert timer.text_at(before) == text, "changed before the time next_change gave"
    assert timer.phase_at(before) is timer.phase_at(now)
    assert timer.text_at(at) != text, "next_change gave a time at which nothing changes"
    assert display_seconds(timer.remaining_at(at)) == display_seconds(timer.remaining_at(now)) - 1


# --- the encoded form is what the relay stores and sends ---------------------------------------

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["start", "pause", "reset", "adjust", "duration", "wait"]),
        st.integers(min_value=-MAX_DURATION, max_value=MAX_DURATION),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(ops=OPERATIONS)
def test_every_reachable_timer_survives_encoding(ops: list[tuple[str, int]]) -> None:
    """Whatever a host does, the timer can be stored and read back (the relay depends on it)."""
    timer = Countdown.idle(1500)
    now = T0
    for name, value in ops:
        try:
            match name:
                case "start":
                    timer = timer.start(now)
                case "pause":
                    timer = timer.pause(now)
                case "reset":
                    timer = timer.reset()
                case "adjust":
                    timer = timer.adjust(value, now)
                case "duration":
                    timer = timer.set_duration(abs(value), now)
                case _:
                    now += abs(value) / 100
        except TimerError:
            continue
        decoded = msgspec.json.decode(msgspec.json.encode(timer), type=Countdown)
        assert decoded == timer


def test_endless_adjustments_are_refused_before_the_timer_cannot_be_stored() -> None:
    timer = running(1500)
    with pytest.raises(TimerError):
        for _ in range(20):
            timer = timer.adjust(MAX_DURATION, T0)
            msgspec.json.decode(msgspec.json.encode(timer), type=Countdown)
    msgspec.json.decode(msgspec.json.encode(timer), type=Countdown)


def test_pausing_ten_days_into_overtime_stays_encodable() -> None:
    import msgspec

    from kanpe.core.countdown import Countdown

    timer = Countdown.idle(60).start(0.0).pause(60.0 + 11 * 86400)
    decoded = msgspec.json.decode(msgspec.json.encode(timer), type=Countdown)
    assert decoded == timer
    assert timer.remaining == -10 * 86400


def test_a_running_timer_cannot_be_pushed_past_the_stored_limit() -> None:
    from kanpe.core.countdown import Countdown, TimerError

    timer = Countdown.idle(60).start(0.0)
    # 9 days into overtime; taking another 2 days would leave a deadline 11 days ago.
    late = 60.0 + 9 * 86400
    with pytest.raises(TimerError):
        timer.adjust(-2 * 86400, late).adjust(-86400, late)
