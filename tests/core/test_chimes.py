from kanpe.core.chimes import Chime, ThresholdChimes
from kanpe.core.clockface import Phase, TimerStatus

RUN, PAUSE = TimerStatus.RUNNING, TimerStatus.PAUSED


def run(steps: list[tuple[Phase, TimerStatus]]) -> list[Chime | None]:
    chimes = ThresholdChimes()
    return [chimes.follow(phase, status) for phase, status in steps]


def test_each_threshold_sounds_once_as_a_running_countdown_crosses_it() -> None:
    phases = [Phase.NORMAL] * 3 + [Phase.WARNING] * 3 + [Phase.FINAL] * 3 + [Phase.OVERTIME] * 3
    heard = [c for c in run([(p, RUN) for p in phases]) if c is not None]
    assert heard == [Chime.WARNING, Chime.FINAL, Chime.TIME_UP]


def test_the_first_phase_seen_sounds_nothing() -> None:
    assert run([(Phase.FINAL, RUN), (Phase.FINAL, RUN)]) == [None, None]


def test_a_crossing_while_paused_or_idle_sounds_nothing() -> None:
    steps = [(Phase.NORMAL, RUN), (Phase.WARNING, PAUSE), (Phase.WARNING, RUN)]
    assert run(steps) == [None, None, None]
    assert run([(Phase.NORMAL, TimerStatus.IDLE), (Phase.OVERTIME, TimerStatus.IDLE)]) == [None] * 2


def test_time_added_then_crossing_again_sounds_again() -> None:
    steps = [(Phase.NORMAL, RUN), (Phase.WARNING, RUN), (Phase.NORMAL, RUN), (Phase.WARNING, RUN)]
    assert run(steps) == [None, Chime.WARNING, None, Chime.WARNING]


def test_a_jump_over_thresholds_sounds_the_latest() -> None:
    assert run([(Phase.NORMAL, RUN), (Phase.FINAL, RUN)]) == [None, Chime.FINAL]


def test_each_chime_is_a_short_sound_of_its_own_within_full_scale() -> None:
    from kanpe.core.chimes import chime_samples, chime_seconds

    sounds = {chime: chime_samples(chime, 16000) for chime in Chime}
    for chime, samples in sounds.items():
        assert len(samples) == round(chime_seconds(chime) * 16000)
        assert 0 < max(abs(v) for v in samples) < 32767
        assert chime_seconds(chime) < 1.0
    assert len({bytes(s) for s in sounds.values()}) == 3
