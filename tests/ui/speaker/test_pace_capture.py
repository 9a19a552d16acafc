"""The pace meter's capture path: miniaudio opens a real input device, a PulseAudio null sink's
monitor (a virtual microphone; a container has no sound card and no ALSA loopback module), and
espeak-ng's speech played into that sink reaches the meter through miniaudio's capture thread."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kanpe.core.speechrate import FAST_RATE
from kanpe.ui.speaker.pacemeter import MeterState, MiniaudioMicrophone, PaceMeter
from tests.support import pulse
from tests.support.speech import FAST_WPM, heard_rate, missing_tools, samples, speech_file


@pytest.fixture
def microphone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The virtual microphone's server (PULSE_SERVER set to it for the test)."""
    if missing := pulse.missing_tools():
        pytest.fail(f"the capture test needs {', '.join(missing)}: run `make system-deps`")
    with pulse.virtual_microphone(tmp_path / "server") as address:
        monkeypatch.setenv("PULSE_SERVER", address)
        yield address


@pytest.mark.slow
def test_speech_played_into_a_virtual_microphone_reaches_the_meter(
    qtbot: QtBot, microphone: str, tmp_path: Path
) -> None:
    if missing := missing_tools():
        pytest.fail(f"the pace meter's tests need {' and '.join(missing)}: run `make system-deps`")
    speech = speech_file(tmp_path, "en", FAST_WPM)
    padded = tmp_path / "padded.wav"  # half a second of silence after, for the capture's delay
    subprocess.run(["sox", str(speech), str(padded), "pad", "0", "0.5"], check=True)
    meter = PaceMeter(MiniaudioMicrophone(backends=("pulseaudio",)))
    try:
        assert meter.set_enabled(True) is MeterState.LISTENING, meter.problem
        meter.poll()
        assert meter.rate is None  # the sink is silent: nothing heard
        for _ in range(2):  # 16 s of fast speech: the meter's 8 s window full of it
            pulse.play(microphone, padded)
        meter.poll()
        heard = meter.rate
    finally:
        meter.close()
    from_file = heard_rate(samples(speech))
    assert heard is not None and from_file is not None
    assert heard > FAST_RATE
    assert abs(heard - from_file) < 0.25 * from_file, (heard, from_file)
