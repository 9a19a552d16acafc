"""The pace meter's estimate, on real speech (espeak-ng) and on silence; the 'slow down' rule."""

from __future__ import annotations

import math
import random
from array import array
from pathlib import Path

import pytest

from kanpe.core.speechrate import (
    CALM_SECONDS,
    FAST_RATE,
    FAST_RATIO,
    FAST_SECONDS,
    FastSpeech,
    SpeechRate,
)
from tests.support.speech import FAST_WPM, RATE, SLOW_WPM, heard_rate, missing_tools, speech_file
from tests.support.speech import samples as load


@pytest.fixture(scope="module")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if missing := missing_tools():
        pytest.fail(f"the pace meter's tests need {' and '.join(missing)}: run `make system-deps`")
    return tmp_path_factory.mktemp("speech")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_same_text_said_fast_gives_a_clearly_higher_rate(
    speech_dir: Path, language: str
) -> None:
    slow = heard_rate(load(speech_file(speech_dir, language, SLOW_WPM)))
    fast = heard_rate(load(speech_file(speech_dir, language, FAST_WPM)))
    assert slow is not None and fast is not None
    assert fast >= 1.5 * slow, (slow, fast)
    # Plausible syllable rates: a calm talk, and one the hint is for.
    assert 3.0 < slow < FAST_RATE < fast < 12.0


def test_silence_and_a_quiet_room_give_no_rate() -> None:
    assert heard_rate(array("h", bytes(2 * RATE * 10))) is None
    noise = random.Random(14)
    hiss = array("h", (round(noise.gauss(0, 30)) for _ in range(RATE * 10)))
    assert heard_rate(hiss) is None


def test_a_steady_tone_is_not_speech() -> None:
    # A fan or a hum: loud, but with no syllables in it.
    tone = array(
        "h", (round(8000 * math.sin(2 * math.pi * 120 * n / RATE)) for n in range(RATE * 6))
    )
    rate = heard_rate(tone)
    assert rate is None or rate < 1.0


def test_samples_arrive_in_chunks_of_any_size() -> None:
    meter = SpeechRate(RATE)
    meter.feed(array("h", [0] * 7))
    meter.feed(array("h", [0] * 160))
    assert meter.heard_seconds == pytest.approx(0.01)


def feed_rates(watch: FastSpeech, rates: list[float | None], start: float = 0.0) -> list[bool]:
    return [watch.follow(rate, start + second) for second, rate in enumerate(rates)]


def test_slow_down_shows_after_twenty_seconds_of_fast_speech_and_goes_when_calm() -> None:
    watch = FastSpeech()
    fast, calm = FAST_RATE + 1, FAST_RATE - 1
    shown = feed_rates(watch, [fast] * 25)
    assert shown.index(True) == FAST_SECONDS
    calm_shown = feed_rates(watch, [calm] * 12, start=25)
    assert calm_shown.index(False) == CALM_SECONDS


def test_a_short_burst_or_a_pause_does_not_show_it() -> None:
    watch = FastSpeech()
    fast, calm = FAST_RATE + 1, FAST_RATE - 1
    assert not any(feed_rates(watch, [fast] * 15 + [calm] + [fast] * 15))
    # Pauses (None) neither count as calm nor as fast.
    watch = FastSpeech()
    assert feed_rates(watch, [fast] * 10 + [None] * 5 + [fast] * 11)[-1]


def test_the_speakers_own_rehearsed_rate_sets_what_is_fast() -> None:
    watch = FastSpeech(reference=4.0)
    assert watch.limit == pytest.approx(4.0 * FAST_RATIO)
    assert feed_rates(watch, [5.0] * 21)[-1]  # fast for them, though not in general
    assert not feed_rates(FastSpeech(reference=7.0), [7.5] * 30)[-1]
