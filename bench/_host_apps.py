"""The Qt sides of ``bench/bench_host.py``, run as its children (Qt offscreen, a qasync loop).

``run_cues``: the host's console ("cue-host": clicks the cue presets) or the speaker's app
("cue-speaker": the time each new cue text is painted in its presenter console), each in a
process of its own; both print one JSON line of monotonic times, the same clock system-wide.

``run_console``: the host's console alone, with a 10 ms probe timer on its GUI thread; on stdin
lines "idle", "baseline", "load" and "end" it marks phases, and at "end" prints the lags of the
baseline phase (nothing happens, the probe runs: what the machine alone costs) and the load phase,
the RSS and the chat rows of its room model as one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

PROBE = 0.010
PRESETS = ("5 minutes left", "1 minute left")


def _qt() -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    return app


def _console(folder: Path) -> Any:
    from kanpe.storage.hostsettings import host_settings_store
    from kanpe.ui.host.console import HostConsole
    from kanpe.ui.roommodel import RoomModel

    console = HostConsole(RoomModel(), settings=host_settings_store(folder / "host.toml"))
    console.show()
    return console


async def _joined(link_text: str, client: str) -> Any:
    from kanpe.net.link import LinkClient

    link = LinkClient(link_text, client=client)
    await link.start()
    await link.ready()
    return link


def run_cues(args: argparse.Namespace) -> int:
    """``kind`` "cue-host": click the presets; "cue-speaker": report each new cue painted."""
    import qasync

    app = _qt()
    work = _cue_host(args) if args.kind == "cue-host" else _cue_speaker(args)
    profile = os.environ.get("KANPE_BENCH_PROFILE")  # cProfile stats as PROFILE.KIND, if set
    profiler = cProfile.Profile() if profile else None
    if profiler is not None:
        profiler.enable()
    result = asyncio.run(work, loop_factory=lambda: qasync.QEventLoop(app))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(f"{profile}.{args.kind}")
    print(json.dumps(result), flush=True)
    return 0


async def _cue_host(args: argparse.Namespace) -> dict[str, object]:
    """Clicks the two presets in turn, ``--cues`` times (and a few to warm up), 100 ms apart:
    far longer than a cue takes, so no cue waits behind another. Click times: monotonic."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    folder = Path(tempfile.mkdtemp(prefix="kanpe-bench-cue-"))
    link = await _joined(args.host, "bench-host")
    console = _console(folder)
    console.room.attach(link)
    await asyncio.sleep(1.0)  # the console's first layout and the link's clock samples
    console.select("talk-1")
    print(json.dumps({"ready": True}), flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)
    clicks: list[tuple[str, float]] = []
    for n in range(args.cues + 5):
        text = PRESETS[n % 2]
        button = console.window.cues.preset_button(text)
        assert button is not None, f"no preset {text!r}"
        clicks.append((text, time.monotonic()))
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)
    console.quit()
    await link.close()
    return {"clicks": clicks[5:]}


async def _cue_speaker(args: argparse.Namespace) -> dict[str, object]:
    """The speaker's app; each time its console's cue label has painted a new text, the time
    (monotonic, on the loop's turn after the paint event was handled)."""
    from PySide6.QtCore import QEvent, QObject

    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    folder = Path(tempfile.mkdtemp(prefix="kanpe-bench-cue-"))
    link = await _joined(args.speaker, "bench-speaker")
    speaker = SpeakerApp(
        SpeakerSlotModel.following(link),
        settings=SettingsStore.for_speaker(folder / "speaker.toml"),
        solo=False,
    )
    speaker.show()
    label = speaker.console.cue.text
    loop = asyncio.get_running_loop()
    painted: list[tuple[str, float]] = []
    last = [label.text()]

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and label.text() != last[0]:
                last[0] = text = label.text()
                loop.call_soon(lambda: painted.append((text, time.monotonic())))
            return False

    watch = PaintWatch()
    label.installEventFilter(watch)
    print(json.dumps({"ready": True}), flush=True)
    await loop.run_in_executor(None, sys.stdin.readline)
    label.removeEventFilter(watch)
    speaker.quit()
    await link.close()
    return {"painted": painted}


def run_console(args: argparse.Namespace) -> int:
    import qasync

    app = _qt()
    profile = os.environ.get("KANPE_BENCH_PROFILE")  # cProfile stats as PROFILE.console, if set
    profiler = cProfile.Profile() if profile else None
    if profiler is not None:
        profiler.enable()
    result = asyncio.run(_console_under_load(args), loop_factory=lambda: qasync.QEventLoop(app))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(f"{profile}.console")
    print(json.dumps(result), flush=True)
    return 0


async def _console_under_load(args: argparse.Namespace) -> dict[str, object]:
    from PySide6.QtCore import Qt, QTimer

    from kanpe.core.protocol import SetCurrent, StartTimer

    folder = Path(tempfile.mkdtemp(prefix="kanpe-bench-console-"))
    link = await _joined(args.host, "bench-host")
    console = _console(folder)
    console.room.attach(link)
    await link.command(SetCurrent(id=link.new_id(), slot="talk-1"))
    await link.command(StartTimer(id=link.new_id(), slot="talk-1"))
    lags: dict[str, list[float]] = {"baseline": [], "load": []}
    phase = ["start"]
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setSingleShot(True)
    due = [time.perf_counter() + PROBE]

    def tick() -> None:
        now = time.perf_counter()
        if phase[0] in lags:
            lags[phase[0]].append(max(0.0, now - due[0]))
        due[0] = now + PROBE
        timer.start(int(PROBE * 1000))

    timer.timeout.connect(tick)
    print(json.dumps({"ready": True}), flush=True)
    loop = asyncio.get_running_loop()
    while phase[0] != "end":
        line = await loop.run_in_executor(None, sys.stdin.readline)
        phase[0] = line.strip() or "end"
        if phase[0] in lags and not timer.isActive():
            # The probe runs only while lags are measured: in the idle phase its 100 wake-ups a
            # second would be work of its own in the CPU figure.
            due[0] = time.perf_counter() + PROBE
            timer.start(int(PROBE * 1000))
    timer.stop()
    result = {
        "lags": lags,
        "rss": psutil.Process().memory_info().rss,
        "chat": len(console.room.chat()),
    }
    console.quit()
    await link.close()
    return result
