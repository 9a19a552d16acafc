"""How fast the speaker talks: syllable nuclei per second from the microphone's energy envelope.

No model, no recording: samples come in, are reduced at once to one loudness figure per 10 ms
frame, and only those figures (the last ``WINDOW_SECONDS``) are kept. A syllable's vowel is a
peak of loudness; ``SpeechRate.rate`` counts the peaks that stand out from the dips on both
sides (by ``DIP_DB``) and are loud enough to be speech, and divides by the time spent speaking
(frames above the speech threshold), so pauses between sentences do not make a talk look slow.
Silence, or too little speech in the window, gives no rate at all.

``FastSpeech`` turns rates into the console's hint: on after ``FAST_SECONDS`` of fast speech
against the speaker's own rehearsed rate (or a general one), off again after a calmer stretch.
Pure Python (the standard library's ``array`` and ``math``): time is passed in.
"""

from __future__ import annotations

import math
from array import array
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

FRAME_SECONDS = 0.01
WINDOW_SECONDS = 8.0
#: How much quieter than both neighbouring peaks the dip between two syllables must be.
DIP_DB = 4.0
#: Below this (dB of the mean square of 16-bit samples) is silence whatever the room:
#: an RMS of 100 (-50 dBFS), a quiet room through a laptop microphone.
SILENCE_DB = 40.0
#: Speech is within this many dB of the loudest frames in the window.
SPEECH_RANGE_DB = 25.0
#: Two nuclei are at least this far apart (no one says more than ~12 syllables a second).
MIN_GAP_SECONDS = 0.08
#: Less speech than this in the window: no rate yet.
MIN_SPEECH_SECONDS = 2.0
#: Smoothing of the envelope, in frames (on each side).
SMOOTH_FRAMES = 2


class SpeechRate:
    """A rolling estimate of syllables per second of speech, fed with 16-bit mono samples."""

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._frame = max(1, round(sample_rate * FRAME_SECONDS))
        # Every other sample is enough for loudness, and halves the work in Python.
        self._step = 2 if sample_rate >= 16000 else 1
        self._pending: array[int] = array("h")
        self._levels: deque[float] = deque(maxlen=round(WINDOW_SECONDS / FRAME_SECONDS))

    def feed(self, samples: Sequence[int] | array[int]) -> None:
        """Add samples (signed 16-bit, mono) as they arrive, in chunks of any size."""
        self._pending.extend(samples)
        frame, pending = self._frame, self._pending
        whole = len(pending) // frame * frame
        for start in range(0, whole, frame):
            self._levels.append(_level(pending[start : start + frame : self._step]))
        del pending[:whole]

    def clear(self) -> None:
        """Forget what was heard (the meter turned off, a pause)."""
        self._pending = array("h")
        self._levels.clear()

    @property
    def heard_seconds(self) -> float:
        """How much audio the window holds now."""
        return len(self._levels) * FRAME_SECONDS

    def rate(self) -> float | None:
        """Syllables per second of speech over the window; None while there is too little."""
        nuclei, speech_frames = count_nuclei(list(self._levels))
        speech = speech_frames * FRAME_SECONDS
        if speech < MIN_SPEECH_SECONDS:
            return None
        return nuclei / speech


def _level(frame: Sequence[int]) -> float:
    """The frame's loudness in dB: 10 log10 of its variance (its power without the DC offset).
    Plain power follows the vowels, which carry most of it; weighting the highs (first
    differences) was tried and made fricatives count as syllables at a slow pace."""
    n = len(frame)
    if n == 0:
        return 0.0
    total = sum(frame)
    squares = sum(value * value for value in frame)
    return 10.0 * math.log10(max(0.0, squares / n - (total / n) ** 2) + 1.0)


def _smooth(levels: list[float]) -> list[float]:
    n, k = len(levels), SMOOTH_FRAMES
    out = []
    for i in range(n):
        window = levels[max(0, i - k) : i + k + 1]
        out.append(sum(window) / len(window))
    return out


def count_nuclei(levels: list[float]) -> tuple[int, int]:
    """(syllable nuclei, frames of speech) in a run of frame levels in dB."""
    if not levels:
        return 0, 0
    smooth = _smooth(levels)
    loud = sorted(smooth)[int(0.98 * (len(smooth) - 1))]
    floor = max(SILENCE_DB, loud - SPEECH_RANGE_DB)
    speech_frames = sum(1 for level in smooth if level > floor)
    if speech_frames == 0:
        return 0, 0
    min_gap = round(MIN_GAP_SECONDS / FRAME_SECONDS)
    peaks: list[int] = []  # frame indices of the nuclei kept so far
    dip = math.inf  # the lowest level since the last kept peak
    for i in range(1, len(smooth) - 1):
        level = smooth[i]
        dip = min(dip, level)
        if level <= floor or level < smooth[i - 1] or level < smooth[i + 1]:
            continue
        if peaks:
            last = smooth[peaks[-1]]
            separated = dip <= min(last, level) - DIP_DB and i - peaks[-1] >= min_gap
            if not separated:
                if level > last:  # the same syllable's higher top
                    peaks[-1] = i
                    dip = level
                continue
        peaks.append(i)
        dip = level
    return len(peaks), speech_frames


#: Fast: this much above the speaker's own rehearsed rate ...
FAST_RATIO = 1.2
#: ... or, with no rehearsal to compare with, above this many syllables a second.
FAST_RATE = 6.5
#: The hint shows after this long of fast speech (speech, not silence, counts), ...
FAST_SECONDS = 20.0
#: ... and goes after this long at a calmer pace.
CALM_SECONDS = 8.0


@dataclass(slots=True)
class FastSpeech:
    """Whether to show 'slow down': fed a rate (or None: no speech) every so often, with time."""

    reference: float | None = None  # the speaker's rehearsed rate, syllables per second
    showing: bool = False
    _fast_since: float | None = None
    _calm_since: float | None = None

    @property
    def limit(self) -> float:
        """The rate above which speech counts as fast."""
        return FAST_RATE if self.reference is None else self.reference * FAST_RATIO

    def follow(self, rate: float | None, now: float) -> bool:
        """The rate heard now (None: silence); whether the hint shows now."""
        if rate is None:  # a pause neither starts nor ends a fast stretch
            return self.showing
        if rate > self.limit:
            self._calm_since = None
            if self._fast_since is None:
                self._fast_since = now
            if now - self._fast_since >= FAST_SECONDS:
                self.showing = True
        else:
            self._fast_since = None
            if self._calm_since is None:
                self._calm_since = now
            if now - self._calm_since >= CALM_SECONDS:
                self.showing = False
        return self.showing
