from kanpe.core.countdown import Countdown


def test_countdown_runs_from_a_deadline() -> None:
    timer = Countdown.idle(1500).start(now=100.0)
    assert timer.text_at(100.0) == "25:00"
    assert timer.text_at(100.0 + 1500.5) == "00:00"
