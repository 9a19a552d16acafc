"""Speaker app: start to first slide, flip latency, idle CPU, RSS and a chat flood, under Xvfb.

    python -m bench speaker [--quick] [--pages 200] [--runs 3] [--idle 60]

Anchors, on the same decks in the same run: pdfpc (Debian's pdf-presenter-console) and
pympress (``make bench-deps`` installs them). The start is measured on two decks
(bench/_speaker_decks.py: a generated 169-page deck with pictures, and the shipped sample
deck); the rest on the generated one. Every app is measured the same external way: the
benchmark watches the screen and sends real X key events with xdotool (XTest). It starts Xvfb
with ``-fbdir``, so the screen is a memory-mapped file it reads without asking the X server
(an X grab of the whole screen costs ~11 ms of Xvfb's time, which the apps under test would
wait for); under another X server it falls back to grabs. Each page of the generated deck has
its own title-bar colour, so "page n is painted" is "a patch of page n's colour is on screen":

- start to first slide: from spawning the process to the first look at the screen (every
  10th pixel each way, every millisecond) that finds page 1's title bar; each start waits
  until the previous app's page 1 is off the screen. Kanpe's start is also broken down into
  phases from inside the process (bench/_start_phases.py), printed beside the figures;
- flip, external: from starting ``xdotool key Next`` to the first look at a 12x12 patch of the
  largest view's title bar that shows the next page's colour. It includes xdotool's own
  start-up, printed as "a no-op xdotool call takes": an upper bound, the same for every app;
- flip, Kanpe internal: a key event delivered to the console to the last of the three slide views
  (stage, console current and next) painting its new page, timed inside the process;
- idle CPU: user+system CPU of the process over the idle window with its countdown running;
- RSS: resident memory after the deck is loaded and the first slides are rendered;
- feed burst: 200 chat messages a second for 10 s into a joined speaker app: lateness of a 10 ms
  probe timer on its GUI thread (event-loop lag), chat rows kept and RSS before and after;
- GC pauses (bench/_speaker_gc.py): the worst garbage-collector pause inside the app during 200
  flips, a 25-minute countdown on a simulated clock and a burst of 400 chat lines, with a live
  audience, under the collection policy kanpe speak installs and under the interpreter's default.

Kanpe runs from its compiled bytecode, as an installed Kanpe does (compile_kanpe); the anchors
are Debian's installed packages.

Never a test: figures are printed with their targets, nothing asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import mmap
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psutil
from numpy.typing import NDArray

from bench._speaker_decks import (
    GENERATED_PAGES,
    BenchDeck,
    bench_decks,
    kanpe_env,
    print_phases,
    start_phases,
)
from bench._support import Figure, Summary, print_figures, print_header

SCREEN = (1920, 1080)
FBDIR_ENV = "KANPE_BENCH_FBDIR"  # set when the benchmark starts Xvfb itself
# Seconds between looks at the screen: the figures' resolution, without the watching taking
# one of the two cores from the app under test.
POLL = 0.001
STEP = 10  # first-paint scans look at every 10th pixel each way: 192x108
TOLERANCE = 28
TIMEOUT = 30.0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.child:
        return _child(args)
    if not os.environ.get("DISPLAY"):
        return _under_xvfb(argv)
    print_header("Speaker app: first slide, flips, idle CPU, memory, chat flood")
    figures = run(args)
    print("\n-- summary --")
    print_figures(figures)
    print("\n-- BENCHMARKS.md rows --")
    for figure in figures:
        target = "-" if figure.target is None else f"<= {figure.target:g} {figure.unit}"
        ratio = "-" if figure.ratio is None else f"{figure.ratio:.2f}"
        print(f"| {figure.name} | {target} | {figure.measured:.2f} {figure.unit} | {ratio} |")
    return 0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench speaker")
    parser.add_argument("--quick", action="store_true", help="1 run, 15 s idle, 15 flips")
    parser.add_argument("--pages", type=int, default=GENERATED_PAGES, help="generated deck's")
    parser.add_argument("--phases", type=int, default=3, help="Kanpe starts broken down per deck")
    parser.add_argument("--runs", type=int, default=3, help="starts per app (median kept)")
    parser.add_argument("--idle", type=float, default=60.0, help="idle CPU window, seconds")
    parser.add_argument("--flips", type=int, default=30)
    parser.add_argument("--app", action="append", help="measure only these apps (Kanpe, ...)")
    parser.add_argument(
        "--only",
        choices=("apps", "internal", "feed", "gc"),
        action="append",
        help="run only these",
    )
    parser.add_argument("--child", choices=("flips", "feed"), help=argparse.SUPPRESS)
    parser.add_argument("--deck", help=argparse.SUPPRESS)
    parser.add_argument("--link", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.idle, args.flips, args.phases = 1, 15.0, 15, 1
    return args


def _under_xvfb(argv: list[str]) -> int:
    if shutil.which("xvfb-run") is None:
        print("bench speaker: needs xvfb-run (apt-get install xvfb)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="kanpe-bench-fb-") as folder:
        server = f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24 -fbdir {folder}"
        command = ["xvfb-run", "-a", "-s", server, sys.executable, "-m", "bench", "speaker", *argv]
        return subprocess.call(command, env={**os.environ, FBDIR_ENV: folder})


# --- the screen ---------------------------------------------------------------------------------


def _qt() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


class _Framebuffer:
    """Xvfb's screen memory, shared through ``Xvfb -fbdir`` as an XWD file: reading it sends no
    X request, so watching the screen neither loads the X server the apps draw through nor
    waits for it (a 1920x1080 grab over X costs ~11 ms; this read, well under one)."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        header = struct.unpack(">25I", self._map[:100])
        size, width, height, order, bpp, stride, ncolors = (
            header[0],
            header[4],
            header[5],
            header[7],
            header[11],
            header[12],
            header[19],
        )
        if bpp != 32 or order != 0:  # 0: LSBFirst, so each pixel is B, G, R, x in memory
            raise ValueError(f"{path}: {bpp} bits per pixel, byte order {order}: not BGRx")
        offset = size + ncolors * 12  # header, then XWDColor entries of 12 bytes
        data = np.frombuffer(self._map, np.uint8, count=height * stride, offset=offset)
        self.pixels = data.reshape(height, stride // 4, 4)[:, :width]


_framebuffers: list[_Framebuffer] = []


def _framebuffer() -> _Framebuffer | None:
    folder = os.environ.get(FBDIR_ENV)
    if not folder:
        return None
    if not _framebuffers:
        _framebuffers.append(_Framebuffer(Path(folder) / "Xvfb_screen0"))
    return _framebuffers[0]


def _grab(x: int, y: int, w: int, h: int, step: int = 1) -> NDArray[Any]:
    """A screen area as an (h, w, 3) array of RGB, every ``step``-th pixel each way (from
    Xvfb's shared framebuffer when the benchmark started Xvfb, else grabbed over X and scaled
    down by Qt, with the nearest pixel so that flat colours stay exact)."""
    framebuffer = _framebuffer()
    if framebuffer is not None:
        return framebuffer.pixels[y : y + h : step, x : x + w : step, 2::-1].copy()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage

    screen = QGuiApplication.primaryScreen()
    image = screen.grabWindow(0, x, y, w, h).toImage()
    if step > 1:
        image = image.scaled(w // step, h // step, Qt.AspectRatioMode.IgnoreAspectRatio)
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    stride = image.bytesPerLine() // 4
    bgra = np.frombuffer(bytes(image.constBits()), np.uint8)  # type: ignore[call-overload]
    bgra = bgra.reshape(image.height(), stride, 4)[:, : image.width()]
    return bgra[:, :, 2::-1]  # B, G, R, A -> R, G, B


def _mask(rgb_pixels: NDArray[Any], rgb: tuple[int, int, int]) -> set[tuple[int, int]]:
    """The (x, y) of every pixel within TOLERANCE of ``rgb`` on each channel."""
    diff = np.abs(rgb_pixels.astype(np.int16) - np.array(rgb, np.int16))
    ys, xs = np.nonzero((diff <= TOLERANCE).all(axis=2))
    return set(zip(xs.tolist(), ys.tolist(), strict=True))


def _largest_patch(mask: set[tuple[int, int]]) -> set[tuple[int, int]]:
    best: set[tuple[int, int]] = set()
    left = set(mask)
    while left:
        seed = left.pop()
        patch, todo = {seed}, [seed]
        while todo:
            x, y = todo.pop()
            for near in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if near in left:
                    left.remove(near)
                    patch.add(near)
                    todo.append(near)
        if len(patch) > len(best):
            best = patch
    return best


@dataclass
class Probe:
    """A small screen patch inside the largest view's title bar."""

    x: int
    y: int
    size: int = 12

    def shows(self, rgb: tuple[int, int, int]) -> bool:
        hits = len(_mask(_grab(self.x, self.y, self.size, self.size), rgb))
        return hits >= self.size * self.size // 2


def _grab_screen(path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))


def find_probe(rgb: tuple[int, int, int]) -> Probe | None:
    """A probe on the largest patch of a title bar's colour ``rgb`` on screen, if any."""
    mask = _mask(_grab(0, 0, *SCREEN, step=STEP), rgb)
    if len(mask) < 12:
        return None
    patch = _largest_patch(mask)
    xs = [x for x, _ in patch]
    ys = [y for _, y in patch]
    sx = sy = STEP
    # Near the right end of the title bar, clear of the title's text.
    x = int((max(xs) - (max(xs) - min(xs)) * 0.08) * sx)
    y = int((min(ys) + max(ys)) / 2 * sy)
    return Probe(x - 6, y - 6)


def wait_first_slide(proc: subprocess.Popen[bytes], started: float, deck: BenchDeck) -> float:
    """Seconds from ``started`` to page 1 of ``deck`` on screen."""
    rgb = deck.accent(1)
    while time.monotonic() - started < TIMEOUT:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode} before painting")
        if find_probe(rgb) is not None:
            return time.monotonic() - started
        time.sleep(POLL)
    raise TimeoutError("no first slide on screen")


def wait_clean_screen(deck: BenchDeck) -> None:
    """Until page 1 of ``deck`` is off the screen: an app just ended may leave its windows up
    for a moment, and the next start would find them."""
    deadline = time.monotonic() + 10
    while find_probe(deck.accent(1)) is not None and time.monotonic() < deadline:
        time.sleep(0.02)


# --- the apps -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class App:
    name: str
    command: Callable[[Path], list[str]]
    next_key: str
    start_timer: str | None  # key that starts the countdown; None: the first flip starts it

    def available(self) -> bool:
        return shutil.which(self.command(Path("x"))[0]) is not None


def _kanpe(deck: Path) -> list[str]:
    return [sys.executable, "-m", "kanpe", "speak", str(deck), "--minutes", "20"]


APPS = (
    App("Kanpe", _kanpe, "Next", "s"),
    App("pdfpc", lambda d: ["pdfpc", "-g", "-w", "both", "-d", "20", str(d)], "Next", None),
    App("pympress", lambda d: ["pympress", str(d)], "Next", None),
)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Kanpe runs from its compiled bytecode, as every installed Kanpe does (pip compiles at
    # install, the bundle ships .pyc files, a checkout writes __pycache__ on its first run).
    # With PYTHONDONTWRITEBYTECODE set in the benchmark's environment, each start would
    # compile Kanpe's ~60 modules from source again (~50 ms) instead. See compile_kanpe().
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("QT_QPA_PLATFORM", None)  # a real X window
    env["XDG_CONFIG_HOME"] = str(home / "config")  # nobody's real preferences
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["HOME"] = str(home)
    env["NO_AT_BRIDGE"] = "1"
    return env


@contextlib.contextmanager
def launched(app: App, deck: Path, home: Path) -> Iterator[tuple[subprocess.Popen[bytes], float]]:
    started = time.monotonic()
    proc = subprocess.Popen(
        app.command(deck),
        env=_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield proc, started
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _xdotool(*args: str) -> str:
    return subprocess.run(
        ["xdotool", *args], capture_output=True, text=True, check=False, timeout=10
    ).stdout


def focus(pid: int) -> None:
    """Give the keyboard to the app's presenter window. There is no window manager under Xvfb,
    and GTK apps only take keys after a click, so click a corner clear of any slide."""
    windows: list[str] = []
    deadline = time.monotonic() + 10
    while not windows and time.monotonic() < deadline:
        windows = _xdotool("search", "--onlyvisible", "--pid", str(pid)).split()
    if not windows:
        return
    names = {w: _xdotool("getwindowname", w).strip().lower() for w in windows}
    chosen = next((w for w in windows if "presenter" in names[w]), windows[-1])
    height = int(_xdotool("getwindowgeometry", "--shell", chosen).split("HEIGHT=")[1].split()[0])
    _xdotool("windowfocus", "--sync", chosen)
    _xdotool("mousemove", "--window", chosen, "30", str(height - 8), "click", "1")
    time.sleep(0.5)


def flips_external(probe: Probe, app: App, count: int, deck: BenchDeck) -> list[float]:
    latencies = []
    for page in range(2, count + 2):
        rgb = deck.accent(page)
        # From before xdotool starts: an upper bound (xdotool's own start-up is in it, see
        # xdotool_cost), since an app may paint before xdotool has even exited.
        sent = time.monotonic()
        _xdotool("key", app.next_key)
        while not probe.shows(rgb):
            if time.monotonic() - sent > 5:
                raise TimeoutError(f"{app.name}: page {page} never showed")
            time.sleep(POLL)
        latencies.append(time.monotonic() - sent)
        time.sleep(0.4)  # a speaker's pace; lets every app pre-render
    return latencies


def xdotool_cost(runs: int = 15) -> float:
    """Median wall time of a no-op xdotool call: the share of a flip figure that is xdotool."""
    times = []
    for _ in range(runs):
        started = time.monotonic()
        _xdotool("getmouselocation")
        times.append(time.monotonic() - started)
    return statistics.median(times)


def idle_cpu(pid: int, seconds: float) -> float:
    process = psutil.Process(pid)
    children = process.children(recursive=True)

    def busy() -> float:
        total = 0.0
        for p in (process, *children):
            with contextlib.suppress(psutil.Error):
                times = p.cpu_times()
                total += times.user + times.system
        return total

    before, started = busy(), time.monotonic()
    time.sleep(seconds)
    return (busy() - before) / (time.monotonic() - started)


def tree_rss(pid: int) -> int:
    process = psutil.Process(pid)
    total = 0
    for p in (process, *process.children(recursive=True)):
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


@dataclass
class Measured:
    starts: list[float]
    flips: list[float]
    idle: float | None
    rss: int


def interleaved_starts(
    apps: list[App], decks: list[BenchDeck], runs: int, work: Path
) -> dict[tuple[str, str], list[float]]:
    """Start to first slide on each deck, (deck name, app name): the apps and decks taking
    turns run by run, so that a change in the load of this shared machine during the benchmark
    weighs on every app alike."""
    starts: dict[tuple[str, str], list[float]] = {}
    for run in range(runs):
        for deck in decks:
            for app in apps:
                home = work / f"{app.name}-start-{run}"
                home.mkdir(parents=True, exist_ok=True)
                wait_clean_screen(deck)
                with launched(app, deck.path, home) as (proc, started):
                    seconds = wait_first_slide(proc, started, deck)
                starts.setdefault((deck.name, app.name), []).append(seconds)
                print(
                    f"  {app.name}, {deck.name}: first slide after {seconds * 1000:.0f} ms",
                    flush=True,
                )
    return starts


def hide_practice_window(pid: int) -> None:
    """Kanpe's practice room window (the audience link) opens once its relay is up, over the
    console's corner: unmapped, so that it covers no slide the benchmark watches."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = _xdotool(
            "search", "--all", "--onlyvisible", "--pid", str(pid), "--name", "Practice"
        )
        if found.split():
            for window in found.split():
                _xdotool("windowunmap", "--sync", window)
            return
        time.sleep(0.05)


def measure(app: App, bench_deck: BenchDeck, args: argparse.Namespace, work: Path) -> Measured:
    """Flips, idle CPU and memory, from one more start of ``app``."""
    flips: list[float] = []
    idle: float | None = None
    rss = 0
    for run in range(1):
        home = work / f"{app.name}-{run}"
        home.mkdir(parents=True, exist_ok=True)
        wait_clean_screen(bench_deck)
        with launched(app, bench_deck.path, home) as (proc, started):
            wait_first_slide(proc, started, bench_deck)
            if run == 0:
                time.sleep(2.0)  # let it settle: pre-rendering, the relay, the link
                if app.name == "Kanpe":
                    hide_practice_window(proc.pid)
                rss = tree_rss(proc.pid)
                focus(proc.pid)
                # Windows may have opened over the first view seen (Kanpe's console comes up
                # after its stage): probe the largest view of page 1 as the screen is now.
                probe = find_probe(bench_deck.accent(1)) or Probe(0, 0)
                try:
                    flips = flips_external(probe, app, args.flips, bench_deck)
                except TimeoutError as exc:
                    shot = work / f"{app.name}-flip-timeout.png"
                    _grab_screen(shot)
                    print(f"  {app.name}: {exc} (screen saved to {shot})", flush=True)
                if app.start_timer:
                    _xdotool("key", app.start_timer)
                time.sleep(1.0)
                idle = idle_cpu(proc.pid, args.idle)
                print(f"  {app.name}: idle CPU {idle * 100:.2f} % of a core", flush=True)
    return Measured([], flips, idle, rss)


# --- Kanpe from the inside ------------------------------------------------------------------------


def _child_flips(args: argparse.Namespace) -> int:
    """Key event to the console -> every slide view painted its new page, timed in-process."""
    import qasync
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from bench._live_room import live_room
    from kanpe.app import solo_room
    from kanpe.net.link import LinkClient
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    painted: dict[int, float] = {}
    waiting: list[asyncio.Future[None]] = []

    def _finish() -> None:
        if waiting and not waiting[0].done():
            waiting[0].set_result(None)

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted[id(watched)] = time.perf_counter()
                if len(painted) == 3 and waiting and not waiting[0].done():
                    # Set from the loop once this paint event has been handled.
                    asyncio.get_running_loop().call_soon(_finish)
            return False

    async def go() -> list[float]:
        async with solo_room(20, title="bench") as room:
            link = LinkClient(room.speaker_link)
            await link.start()
            await link.ready()
            speaker = SpeakerApp(
                SpeakerSlotModel.following(link),
                settings=SettingsStore.for_speaker(Path(args.link) / "s.toml"),
                solo=True,
            )
            speaker.open_deck(Path(args.deck))
            speaker.show()
            # The question queue open and full, and a poll whose counts move during the flips.
            async with live_room(speaker, room.invites.audience) as moved:
                views = speaker.deck.views()
                spy = Painted()
                for view in views:
                    view.installEventFilter(spy)
                await asyncio.sleep(2.0)
                latencies = []
                for _ in range(args.flips):
                    painted.clear()
                    waiting[:] = [asyncio.get_running_loop().create_future()]
                    target = speaker.deck.page + 1
                    sent = time.perf_counter()
                    press = QKeyEvent(
                        QEvent.Type.KeyPress, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier
                    )
                    QApplication.sendEvent(speaker.console, press)
                    assert speaker.deck.page == target
                    await asyncio.wait_for(waiting[0], 5)
                    # Resumed after the last paint event was handled: its end, not its start.
                    latencies.append(time.perf_counter() - sent)
                    await asyncio.sleep(0.4)
                activity.update(moved)
            speaker.quit()
            await link.close()
            return latencies

    activity: dict[str, int] = {}  # what the audience did during the flips
    latencies = asyncio.run(go(), loop_factory=lambda: qasync.QEventLoop(app))
    print(json.dumps({"flips": latencies, "audience": activity}), flush=True)
    return 0


def _child_feed(args: argparse.Namespace) -> int:
    """A joined speaker app with a 10 ms probe timer; reports lag when stdin closes."""
    import qasync
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from kanpe.net.link import LinkClient
    from kanpe.storage.settings import SettingsStore
    from kanpe.ui.speaker.app import SpeakerApp
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    lags: deque[tuple[float, float]] = deque()
    interval = 0.010

    async def go() -> dict[str, object]:
        link = LinkClient(args.link)
        await link.start()
        await link.ready()
        folder = Path(tempfile.mkdtemp(prefix="kanpe-bench-"))
        speaker = SpeakerApp(
            SpeakerSlotModel.following(link),
            settings=SettingsStore.for_speaker(folder / "s.toml"),
            solo=False,
        )
        speaker.open_deck(Path(args.deck))
        speaker.show()
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setSingleShot(True)
        due = [time.perf_counter() + interval]

        def tick() -> None:
            now = time.perf_counter()
            lags.append((now, max(0.0, now - due[0])))
            due[0] = now + interval
            timer.start(int(interval * 1000))

        timer.timeout.connect(tick)
        timer.start(int(interval * 1000))
        await asyncio.sleep(2.0)
        rss_before = psutil.Process().memory_info().rss
        print(json.dumps({"ready": time.monotonic()}), flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)
        timer.stop()
        result = {
            "lags": list(lags),
            "rss_before": rss_before,
            "rss_after": psutil.Process().memory_info().rss,
            "rows": speaker.chat.rowCount(),
            "received": speaker.chat.received,
        }
        speaker.quit()
        await link.close()
        return result

    profile = os.environ.get("KANPE_BENCH_PROFILE")
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    result = asyncio.run(go(), loop_factory=lambda: qasync.QEventLoop(app))
    if profile:
        profiler.disable()
        profiler.dump_stats(profile)
    print(json.dumps(result), flush=True)
    return 0


def _child(args: argparse.Namespace) -> int:
    return _child_flips(args) if args.child == "flips" else _child_feed(args)


def kanpe_internal_flips(deck: Path, args: argparse.Namespace, work: Path) -> list[float]:
    env = _env(work / "internal")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "speaker",
            "--child",
            "flips",
            "--deck",
            str(deck),
            "--link",
            str(work),
            "--flips",
            str(args.flips),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"  during Kanpe's internal flips the audience did: {found['audience']}", flush=True)
    return list(found["flips"])


async def feed_burst(
    deck: Path, work: Path, rate: int = 200, seconds: float = 10.0
) -> dict[str, object]:
    from kanpe.core.model import Role
    from kanpe.core.protocol import SendChat
    from kanpe.core.rundown import Rundown, Slot
    from kanpe.net.limits import Limits, Rate
    from kanpe.net.link import LinkClient
    from kanpe.net.relay import Relay, RelayConfig

    rates = dict(Limits().rates)
    rates[Role.AUDIENCE] = Rate(per_second=rate * 2, burst=rate * 2)
    config = RelayConfig(port=0, data_dir=work / "feed-relay", limits=Limits(rates=rates))
    async with Relay(config) as relay:
        rundown = Rundown(slots=(Slot(id="talk", title="bench", duration=1200),))
        invites = await relay.create_room(name="bench", rundown=rundown)
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench",
            "speaker",
            "--child",
            "feed",
            "--deck",
            str(deck),
            "--link",
            invites.speakers["talk"],
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env=_env(work / "feed"),
        )
        assert child.stdout is not None
        assert child.stdin is not None
        json.loads(await child.stdout.readline())
        audience = LinkClient(invites.audience)
        await audience.start()
        await audience.ready()
        pending = []
        started = time.monotonic()
        burst_start = time.perf_counter()
        sent = 0
        while sent < rate * seconds:
            due = started + sent / rate
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            pending.append(
                audience.command(
                    SendChat(
                        id=audience.new_id(), name="bench", text=f"message {sent} from the flood"
                    )
                )
            )
            sent += 1
        await asyncio.gather(*pending)
        burst_end = time.perf_counter()
        await asyncio.sleep(1.0)
        child.stdin.close()
        result = json.loads((await child.stdout.read()).decode().strip().splitlines()[-1])
        await child.wait()
        await audience.close()
        result["burst"] = (burst_start, burst_end)
        return result


def compile_kanpe() -> None:
    """Write the bytecode of Kanpe's own modules, as installing Kanpe does; the pdfpc and
    pympress under test are installed packages too (Debian ships pympress's bytecode)."""
    import compileall

    import kanpe

    folder = Path(kanpe.__file__).parent
    if not compileall.compile_dir(str(folder), quiet=1):
        raise SystemExit(f"could not compile {folder}")


def run(args: argparse.Namespace) -> list[Figure]:
    _qt()
    compile_kanpe()
    if os.environ.get(FBDIR_ENV) and shutil.which("xset"):
        # On the benchmark's own Xvfb only: no key auto-repeat. On a loaded machine xdotool's
        # release can come late enough for the X server to repeat a Next, and an app then
        # skips the page the flip waits for.
        subprocess.run(["xset", "r", "off"], check=False)
    work = Path(tempfile.mkdtemp(prefix="kanpe-bench-speaker-"))
    decks = bench_decks(work, args.pages)
    generated = decks[0]
    deck = generated.path
    for each in decks:
        size = each.path.stat().st_size / 2**20
        print(f"deck: {each.name}, {each.pages} pages, {size:.1f} MB")
    print(f"screen {SCREEN}")
    only = set(args.only or ("apps", "internal", "feed", "gc"))
    results: dict[str, Measured] = {}
    apps: list[App] = []
    for app in APPS if "apps" in only else ():
        if args.app and app.name not in args.app:
            continue
        if not app.available():
            print(f"  {app.name}: not installed (make bench-deps); skipped")
            continue
        apps.append(app)
    starts = interleaved_starts(apps, decks, args.runs, work)
    if any(app.name == "Kanpe" for app in apps) and args.phases > 0:
        for each in decks:
            home = work / f"phases-{each.pages}"
            home.mkdir(parents=True, exist_ok=True)
            print_phases(each, start_phases(each, kanpe_env(_env(home)), args.phases))
    for app in apps:
        results[app.name] = measure(app, generated, args, work)
        results[app.name].starts = starts[generated.name, app.name]
    figures = start_figures(starts, decks, apps)
    if results:
        print(f"  a no-op xdotool call takes {xdotool_cost() * 1000:.1f} ms (median)")
    kanpe, pdfpc = results.get("Kanpe"), results.get("pdfpc")
    for name, measured in results.items():
        flips = Summary.of(measured.flips)
        figures.append(
            Figure(
                f"{name}: flip, external, p95",
                flips.p95 * 1000,
                "ms",
                None,  # xdotool's start-up is inside it; the target is on the internal figure
                note=f"p50 {flips.p50 * 1000:.1f} ms, n={flips.n}",
            )
        )
        if measured.idle is not None:
            figures.append(Figure(f"{name}: idle CPU, countdown running", measured.idle * 100, "%"))
        figures.append(
            Figure(
                f"{name}: RSS after loading",
                measured.rss / 2**20,
                "MB",
                250.0 if name == "Kanpe" else None,
            )
        )
    if kanpe and pdfpc and kanpe.idle is not None and pdfpc.idle:
        figures.append(Figure("Kanpe / pdfpc: idle CPU", kanpe.idle / pdfpc.idle, "x", 0.5))
    if "internal" in only:
        internal = Summary.of(kanpe_internal_flips(deck, args, work))
        figures.append(
            Figure(
                "Kanpe: flip, internal (30 questions queued, a live poll), key to last view "
                "painted, p95",
                internal.p95 * 1000,
                "ms",
                12.0,  # issue 13: with the question queue open and a live poll
                note=f"p50 {internal.p50 * 1000:.1f} ms, max {internal.max * 1000:.1f} ms",
            )
        )
    if "feed" in only:
        figures += feed_figures(deck, work)
    if "gc" in only:
        figures += gc_figures(deck, work, quick=args.quick)
    return figures


#: Kanpe's start to first slide against pdfpc's, on every deck (issue 13).
START_TARGET = 0.6


def start_figures(
    starts: dict[tuple[str, str], list[float]], decks: list[BenchDeck], apps: list[App]
) -> list[Figure]:
    """Each app's median start per deck, and Kanpe's against pdfpc's on each deck."""
    figures = []
    for deck in decks:
        for app in apps:
            runs = starts[deck.name, app.name]
            figures.append(
                Figure(
                    f"{app.name}: start to first slide, {deck.name} (median)",
                    statistics.median(runs) * 1000,
                    "ms",
                    note=f"runs: {', '.join(f'{s * 1000:.0f}' for s in runs)} ms",
                )
            )
        kanpe, pdfpc = starts.get((deck.name, "Kanpe")), starts.get((deck.name, "pdfpc"))
        if kanpe and pdfpc:
            ratio = statistics.median(kanpe) / statistics.median(pdfpc)
            name = f"Kanpe / pdfpc: start to first slide, {deck.name}"
            figures.append(Figure(name, ratio, "x", START_TARGET))
    return figures


def feed_figures(deck: Path, work: Path) -> list[Figure]:
    figures = []
    feed = asyncio.run(feed_burst(deck, work))
    start, end = feed["burst"]  # type: ignore[misc]
    lags = [lag for at, lag in feed["lags"] if start <= at <= end]  # type: ignore[union-attr]
    lag = Summary.of(lags)
    figures.append(
        Figure(
            "Kanpe: feed burst 200 msg/s x 10 s, GUI lag p99",
            lag.p99 * 1000,
            "ms",
            16.0,
            note=f"p50 {lag.p50 * 1000:.2f} ms, max {lag.max * 1000:.1f} ms, n={lag.n}",
        )
    )
    grown = (int(feed["rss_after"]) - int(feed["rss_before"])) / 2**20  # type: ignore[call-overload]
    figures.append(
        Figure(
            "Kanpe: feed burst, RSS growth",
            grown,
            "MB",
            note=f"{feed['received']} messages received, {feed['rows']} rows kept",
        )
    )
    return figures


def gc_figures(deck: Path, work: Path, *, quick: bool) -> list[Figure]:
    """The worst GC pause of each phase, under the policy (target 10 ms) and the default."""
    from bench._gcpauses import pause_line

    figures = []
    plan = ["--flips", "30", "--minutes", "3"] if quick else []
    for policy in ("policy", "default"):
        result = subprocess.run(
            [sys.executable, "-m", "bench._speaker_gc", "--deck", str(deck), "--gc", policy, *plan],
            capture_output=True,
            text=True,
            env=_env(work / f"gc-{policy}"),
            timeout=900,
            check=True,
        )
        found = json.loads(result.stdout.strip().splitlines()[-1])
        for phase in ("flips", "countdown", "burst"):
            print(f"  GC, {policy}, {phase}: {pause_line(found[phase])}")
        worst = max(found[phase]["worst_ms"] for phase in ("flips", "countdown", "burst"))
        collections = (
            f"; {found['full_collections']} full collections at quiet moments"
            if policy == "policy"
            else ""
        )
        figures.append(
            Figure(
                f"Kanpe: worst GC pause, flips + countdown + burst ({policy})",
                worst,
                "ms",
                10.0 if policy == "policy" else None,
                note=f"a full collection at the end: {found['full_collect_ms']:.1f} ms (cpu "
                f"{found['full_collect_cpu_ms']:.1f}), {found['burst']['tracked']} objects walked, "
                f"{found['burst']['frozen']} frozen{collections}",
            )
        )
    return figures
