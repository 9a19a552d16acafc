"""The overlay is translucent on a real X server with a compositing manager (Xvfb + xcompmgr)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).with_name("overlay_probe.py")


def test_the_overlay_shows_the_window_below_through_it(tmp_path: Path) -> None:
    assert shutil.which("xvfb-run") and shutil.which("xcompmgr"), "make test installs them"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    run = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1024x768x24", sys.executable, str(PROBE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    blue, red = seen["blue"], seen["red"]
    # Outside the rounded panel the overlay is fully transparent: the window below shows as is.
    assert blue["corner"] == [0, 0, 255] and red["corner"] == [255, 0, 0], seen
    # The panel itself (at 60 % opacity) lets the colour below through: it tints with it.
    assert blue["panel"][2] > red["panel"][2] + 60, seen
    assert red["panel"][0] > blue["panel"][0] + 60, seen
