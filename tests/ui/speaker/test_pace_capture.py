"""The pace meter's capture path: miniaudio opens a real input device, a PulseAudio null sink's
monitor (a virtual microphone; a container has no sound card and no ALSA loopback module), and
espeak-ng's speech played into that sink reaches the meter through miniaudio's capture thread."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kanpe.core.speechrate import FAST_RATE
from kanpe.ui.speaker.pacemeter import MeterState, MiniaudioMicrophone, PaceMeter
from tests.support.speech import FAST_WPM, heard_rate, missing_tools, samples, speech_file

SINK = "kanpe_mic"


@pytest.fixture
def virtual_microphone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private PulseAudio server with one null sink; its monitor is the only input device.
    Yields the server's address (PULSE_SERVER is set to it for the test)."""
    if missing := [t for t in ("pulseaudio", "paplay", "pactl") if shutil.which(t) is None]:
        pytest.fail(f"the capture test needs {', '.join(missing)}: run `make system-deps`")
    socket = tmp_path / "pulse" / "native"
    socket.parent.mkdir()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path / "pulse"),
        "PULSE_RUNTIME_PATH": str(tmp_path / "pulse"),
        "PULSE_STATE_PATH": str(tmp_path / "pulse-state"),
    }
    log_path = tmp_path / "pulseaudio.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [
            "pulseaudio",
            "--daemonize=no",
            "-n",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--disable-shm=yes",
            "--log-target=stderr",
            "--log-level=error",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            f"--load=module-null-sink sink_name={SINK} rate=16000 channels=1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    address = f"unix:{socket}"
    try:
        # Ready when it answers (a condition, polled; pactl itself waits for the socket).
        for _ in range(200):
            ok = subprocess.run(["pactl", "-s", address, "info"], capture_output=True, check=False)
            if ok.returncode == 0:
                break
            if server.poll() is not None:
                pytest.fail(f"pulseaudio did not start: {log_path.read_text()}")
            subprocess.run(["sleep", "0.05"], check=True)  # between two probes of its socket
        else:
            pytest.fail("pulseaudio did not answer")
        monkeypatch.setenv("PULSE_SERVER", address)
        yield address
    finally:
        server.terminate()
        server.wait(10)
        log.close()


@pytest.mark.slow
def test_speech_played_into_a_virtual_microphone_reaches_the_meter(
    qtbot: QtBot, virtual_microphone: str, tmp_path: Path
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
            subprocess.run(
                ["paplay", "-s", virtual_microphone, "-d", SINK, str(padded)], check=True
            )
        meter.poll()
        heard = meter.rate
    finally:
        meter.close()
    from_file = heard_rate(samples(speech))
    assert heard is not None and from_file is not None
    assert heard > FAST_RATE
    assert abs(heard - from_file) < 0.25 * from_file, (heard, from_file)
