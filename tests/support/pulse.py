"""A private PulseAudio server with one null sink, whose monitor is the only input device: the
virtual microphone the pace meter's capture test and benchmark feed with espeak-ng's speech
(paplay into the sink). A container has no sound card, and no snd-aloop module to load."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

SINK = "kanpe_mic"
TOOLS = ("pulseaudio", "paplay", "pactl")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@contextlib.contextmanager
def virtual_microphone(folder: Path) -> Iterator[str]:
    """Run the server (its files in ``folder``) until the block ends; yields its address, for
    PULSE_SERVER (libpulse, so miniaudio's PulseAudio backend, reads it) and ``paplay -s``."""
    runtime = folder / "pulse"
    runtime.mkdir(parents=True, exist_ok=True)
    socket = runtime / "native"
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime),
        "PULSE_STATE_PATH": str(folder / "pulse-state"),
    }
    log_path = folder / "pulseaudio.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [
                "pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--use-pid-file=no",
                "--disable-shm=yes", "--log-target=stderr", "--log-level=error",
                f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
                f"--load=module-null-sink sink_name={SINK} rate=16000 channels=1",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )  # fmt: skip
        address = f"unix:{socket}"
        try:
            _wait_ready(server, address, log_path)
            yield address
        finally:
            server.terminate()
            server.wait(10)


def _wait_ready(server: subprocess.Popen[bytes], address: str, log_path: Path) -> None:
    """Until the server answers pactl (a condition, polled between probes of its socket)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        probe = subprocess.run(["pactl", "-s", address, "info"], capture_output=True, check=False)
        if probe.returncode == 0:
            return
        if server.poll() is not None:
            raise RuntimeError(f"pulseaudio did not start: {log_path.read_text()}")
        time.sleep(0.05)
    raise RuntimeError("pulseaudio did not answer")


def play(address: str, path: Path) -> None:
    """Play the WAV at ``path`` into the virtual microphone; returns when it has been played."""
    subprocess.run(["paplay", "-s", address, "-d", SINK, str(path)], check=True)
