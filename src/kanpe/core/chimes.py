"""When the speaker's console sounds a chime: as a running countdown reaches a threshold.

A chime for the warning threshold, one for the final threshold, one at time-up. Each sounds once
as the countdown crosses into its phase while it runs; it sounds again only if the countdown
goes back before that threshold (time added, a restart) and crosses it again. Opening the
console, joining a talk already in its final minutes or pausing sounds nothing: the speaker did
not cross anything. Pure: the phase and status come in, the chime to play (or None) goes out.
"""

from __future__ import annotations

import math
from array import array
from enum import StrEnum

from kanpe.core.clockface import Phase, TimerStatus


class Chime(StrEnum):
    WARNING = "warning"
    FINAL = "final"
    TIME_UP = "time_up"


_ORDER = (Phase.NORMAL, Phase.WARNING, Phase.FINAL, Phase.OVERTIME)
_CHIME = {Phase.WARNING: Chime.WARNING, Phase.FINAL: Chime.FINAL, Phase.OVERTIME: Chime.TIME_UP}


class ThresholdChimes:
    """Follows the shown phase; ``follow`` says which chime is due now, once per crossing."""

    def __init__(self) -> None:
        self._phase: Phase | None = None  # None: nothing seen yet

    def follow(self, phase: Phase, status: TimerStatus) -> Chime | None:
        """The phase shown now and the timer's status; the chime to sound now, if any. A jump
        over several thresholds at once (the host took time away) sounds the latest one."""
        before, self._phase = self._phase, phase
        if before is None or status is not TimerStatus.RUNNING:
            return None
        if _ORDER.index(phase) <= _ORDER.index(before):
            return None
        return _CHIME[phase]


#: Each chime's notes: (frequency in Hz, seconds), a short gap between them. Soft bell-like tones,
#: one for the warning, two for the final minutes, three falling at time-up: told apart by ear.
NOTES: dict[Chime, tuple[tuple[float, float], ...]] = {
    Chime.WARNING: ((880.0, 0.22),),
    Chime.FINAL: ((880.0, 0.18), (880.0, 0.18)),
    Chime.TIME_UP: ((988.0, 0.2), (784.0, 0.2), (659.0, 0.35)),
}
GAP_SECONDS = 0.08
LEVEL = 0.35  # of full scale: a cue, not an alarm


def chime_samples(chime: Chime, rate: int) -> array[int]:
    """The chime as signed 16-bit mono samples at ``rate`` Hz, with a fade in and a decay."""
    out: array[int] = array("h")
    gap = [0] * round(GAP_SECONDS * rate)
    for index, (frequency, seconds) in enumerate(NOTES[chime]):
        if index:
            out.extend(gap)
        count = round(seconds * rate)
        attack = max(1, round(0.01 * rate))
        for n in range(count):
            envelope = min(1.0, n / attack) * math.exp(-4.0 * n / count)
            value = LEVEL * envelope * math.sin(2 * math.pi * frequency * n / rate)
            out.append(round(32767 * value))
    return out


def chime_seconds(chime: Chime) -> float:
    """How long ``chime`` sounds."""
    notes = NOTES[chime]
    return sum(seconds for _, seconds in notes) + GAP_SECONDS * (len(notes) - 1)
