"""Clock offset estimation from simulated request/response exchanges with known truth."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from kanpe.core.clock import ClockOffsetEstimator, Estimate, Sample

# The client's monotonic clock reads about 5000 s; relay time is seconds since the epoch.
# Both are multiples of a power of two, so symmetric exchanges below are exact in binary.
CLIENT_T = 5000.0
TRUTH = 1_750_000_000.0 - CLIENT_T  # relay time = client time + TRUTH


def exchange(
    t0: float, up: float, down: float, serve: float = 0.0, truth: float = TRUTH
) -> tuple[float, float, float, float]:
    """The four timestamps of one exchange: ``up`` and ``down`` are the one-way delays."""
    t1 = t0 + up + truth
    t2 = t1 + serve
    t3 = t0 + up + serve + down
    return t0, t1, t2, t3


def test_symmetric_delays_give_the_exact_offset() -> None:
    estimator = ClockOffsetEstimator()
    sample = estimator.add(*exchange(CLIENT_T, up=0.0625, down=0.0625, serve=2**-9))
    assert sample == Sample(offset=TRUTH, round_trip=0.125, received=CLIENT_T + 0.125 + 2**-9)
    assert estimator.estimate() == Estimate(offset=TRUTH, round_trip=0.125, samples=1)


def test_a_negative_offset_is_exact_too() -> None:
    estimator = ClockOffsetEstimator()
    estimator.add(*exchange(CLIENT_T, up=0.25, down=0.25, truth=-4096.0))
    estimate = estimator.estimate()
    assert estimate is not None
    assert estimate.offset == -4096.0


def test_an_asymmetric_path_errs_by_half_the_asymmetry() -> None:
    estimator = ClockOffsetEstimator()
    sample = estimator.add(*exchange(CLIENT_T, up=0.125, down=0.375))
    assert sample is not None
    assert sample.offset == TRUTH - 0.125
    assert sample.round_trip == 0.5


def test_the_fastest_samples_win_over_slow_asymmetric_ones() -> None:
    estimator = ClockOffsetEstimator(window=16)
    t = CLIENT_T
    for index in range(16):
        if index % 4 == 0:
            estimator.add(*exchange(t, up=0.0078125, down=0.0078125))
        else:  # queued behind a large download: slow and lopsided
            estimator.add(*exchange(t, up=0.01, down=0.2 + index / 100))
        t += 2
    estimate = estimator.estimate()
    assert estimate is not None
    assert estimate.offset == TRUTH
    assert estimate.round_trip == 0.015625
    assert estimate.samples == 16


def _jittery_estimate(seed: int, exchanges: int = 40) -> tuple[float, list[float]]:
    """Error of the estimate, and of every single sample, with 40 +- 20 ms each way."""
    rng = random.Random(seed)
    estimator = ClockOffsetEstimator()
    single: list[float] = []
    t = CLIENT_T
    for _ in range(exchanges):
        stamps = exchange(
            t, up=rng.uniform(0.02, 0.06), down=rng.uniform(0.02, 0.06), serve=rng.uniform(0, 2e-3)
        )
        sample = estimator.add(*stamps)
        assert sample is not None
        single.append(abs(sample.offset - TRUTH))
        t += rng.uniform(1, 3)
    estimate = estimator.estimate()
    assert estimate is not None
    return abs(estimate.offset - TRUTH), single


def test_random_symmetric_jitter_is_averaged_out() -> None:
    results = [_jittery_estimate(seed) for seed in range(50)]
    errors = [error for error, _ in results]
    singles = [error for _, sample_errors in results for error in sample_errors]
    assert max(errors) < 0.010, "never off by more than half the jitter"
    assert statistics.median(errors) < 0.003, "typically within a few ms"
    assert statistics.median(errors) < statistics.median(singles) / 2, "better than one sample"


def test_huge_outliers_do_not_move_the_estimate() -> None:
    rng = random.Random(11)
    clean = ClockOffsetEstimator()
    noisy = ClockOffsetEstimator()
    t = CLIENT_T
    for index in range(16):
        if index in (3, 8, 13):
            # A stalled packet each way: seconds of delay, wildly lopsided.
            noisy.add(
                *exchange(t, up=5.0 if index != 8 else 0.03, down=0.03 if index != 8 else 9.0)
            )
        else:
            stamps = exchange(t, up=rng.uniform(0.02, 0.06), down=rng.uniform(0.02, 0.06))
            clean.add(*stamps)
            noisy.add(*stamps)
        t += 2
    with_outliers, without = noisy.estimate(), clean.estimate()
    assert with_outliers is not None
    assert without is not None
    assert with_outliers.offset == without.offset
    assert with_outliers.round_trip == without.round_trip
    assert abs(with_outliers.offset - TRUTH) < 0.01


def test_the_window_keeps_the_newest_samples() -> None:
    estimator = ClockOffsetEstimator(window=4)
    estimator.add(*exchange(CLIENT_T, up=0.001, down=0.001, truth=100.0))  # fast but old
    for index in range(4):
        estimator.add(*exchange(CLIENT_T + 1 + index, up=0.05, down=0.05))
    estimate = estimator.estimate()
    assert estimate is not None
    assert len(estimator) == 4
    assert estimate.offset == pytest.approx(TRUTH, abs=1e-6), "the relay restarted: old is gone"


IMPOSSIBLE = [
    ("received before sent", (CLIENT_T, TRUTH + CLIENT_T, TRUTH + CLIENT_T, CLIENT_T - 0.1)),
    (
        "answered before received",
        (CLIENT_T, TRUTH + CLIENT_T + 0.1, TRUTH + CLIENT_T, CLIENT_T + 1),
    ),
    ("relay took longer than the round trip", (CLIENT_T, 0.0, 10.0, CLIENT_T + 1)),
    ("NaN sent", (math.nan, 0.0, 0.0, CLIENT_T)),
    ("NaN relay time", (CLIENT_T, math.nan, math.nan, CLIENT_T + 0.1)),
    ("NaN received", (CLIENT_T, 0.0, 0.0, math.nan)),
    ("sent at minus infinity", (-math.inf, 0.0, 0.0, CLIENT_T)),
    ("relay time infinite", (CLIENT_T, math.inf, math.inf, CLIENT_T + 0.1)),
    ("received at infinity", (CLIENT_T, 0.0, 0.0, math.inf)),
]


@pytest.mark.parametrize("stamps", [s for _, s in IMPOSSIBLE], ids=[n for n, _ in IMPOSSIBLE])
def test_impossible_samples_are_rejected(stamps: tuple[float, float, float, float]) -> None:
    estimator = ClockOffsetEstimator()
    estimator.add(*exchange(CLIENT_T, up=0.0625, down=0.0625))
    before = estimator.estimate()
    assert estimator.add(*stamps) is None
    assert len(estimator) == 1
    assert estimator.estimate() == before


def test_zero_round_trip_is_possible() -> None:
    estimator = ClockOffsetEstimator()
    sample = estimator.add(*exchange(CLIENT_T, up=0.0, down=0.0))
    assert sample is not None
    assert sample.round_trip == 0
    assert sample.offset == TRUTH


def test_clear_forgets_everything() -> None:
    estimator = ClockOffsetEstimator()
    for index in range(5):
        estimator.add(*exchange(CLIENT_T + index, up=0.0625, down=0.0625))
    assert len(estimator) == 5
    estimator.clear()
    assert len(estimator) == 0
    assert estimator.estimate() is None
    estimator.add(*exchange(CLIENT_T + 10, up=0.0625, down=0.0625, truth=-1024.0))
    assert estimator.estimate() == Estimate(offset=-1024.0, round_trip=0.125, samples=1)


def test_empty_estimator_has_no_estimate() -> None:
    assert ClockOffsetEstimator().estimate() is None
    assert len(ClockOffsetEstimator()) == 0


@pytest.mark.parametrize("window", [0, -1])
def test_a_window_without_samples_is_refused(window: int) -> None:
    with pytest.raises(ValueError, match="at least one sample"):
        ClockOffsetEstimator(window=window)


def test_bounds_keep_the_estimate_within_5_ms_under_40_pm_20_ms_jitter() -> None:
    import random

    from kanpe.core.clock import ClockOffsetEstimator

    errors = []
    for seed in range(200):
        rng = random.Random(seed)
        estimator = ClockOffsetEstimator()
        truth = rng.uniform(-1e6, 1e6)
        t = 1000.0
        for _ in range(32):
            up, down, work = rng.uniform(0.02, 0.06), rng.uniform(0.02, 0.06), 0.0002
            estimator.add(t, t + up + truth, t + up + work + truth, t + up + work + down)
            t += 2.0
        estimate = estimator.estimate()
        assert estimate is not None
        errors.append(abs(estimate.offset - truth))
    errors.sort()
    assert errors[int(len(errors) * 0.99)] < 0.005


def test_after_a_clock_step_the_estimate_follows_the_newest_samples() -> None:
    from kanpe.core.clock import ClockOffsetEstimator

    estimator = ClockOffsetEstimator(window=8)
    for i in range(4):  # offset 0 with 10 ms each way
        estimator.add(i, i + 0.010, i + 0.010, i + 0.020)
    for i in range(4, 8):  # the relay's clock stepped by +1 s: the intervals no longer meet
        estimator.add(i, i + 1.010, i + 1.010, i + 0.020)
    estimate = estimator.estimate()
    assert estimate is not None
    # Not the meaningless middle of contradictory bounds: the clock as it is now.
    assert estimate.offset == pytest.approx(1.0, abs=1e-9)
