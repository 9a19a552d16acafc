"""A private X server (Xvfb) for tests that need real X11 windows, and a look at its windows."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path


class Xvfb:
    """Xvfb on a display number of its own (well above the :0, :99... other tools pick)."""

    def __init__(self, size: str = "1920x1080x24") -> None:
        if not (shutil.which("Xvfb") and shutil.which("xdotool")):
            raise RuntimeError("these tests need Xvfb and xdotool: run `make system-deps`")
        number = 400 + os.getpid() % 500
        while Path(f"/tmp/.X{number}-lock").exists():
            number += 1
        self.display = f":{number}"
        self.proc = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", size, "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket.exists():  # the server says nothing when it is ready but this
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"Xvfb {self.display} did not start")
            time.sleep(0.02)

    def env(self) -> dict[str, str]:
        """The environment of a Qt app on this display."""
        env = {
            k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
        }
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb")
        return env

    def visible_windows(self, pid: int) -> list[str]:
        """The names of the visible windows of process ``pid``."""
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "."],
            capture_output=True,
            text=True,
            env=self.env(),
            check=False,
        )
        names = []
        for window in found.stdout.split():
            named = subprocess.run(
                ["xdotool", "getwindowname", window],
                capture_output=True,
                text=True,
                env=self.env(),
                check=False,
            )
            names.append(named.stdout.strip())
        return names

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
