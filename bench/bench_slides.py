"""Slide benchmarks (issue 4): flip latency, first slide, memory, on a generated 200-page deck.

    python -m bench slides [--flips N] [--pages N] [--size WxH]
    (or .venv/bin/python bench/bench_slides.py ...)

A SlideView of the stage's full-screen size (1920x1080 by default) shows the deck; key presses
are posted to it through the event loop as a clicker's would be, and a flip's latency runs from
posting PageDown (or PageUp) to the end of the paintEvent that painted the new page (the view's
painted_index(), not the page it was asked for). Under Xvfb
(DISPLAY set) the time to push the frame to the X server comes after that and is not included;
offscreen there is no such step.

Runs, each over N flips bouncing between the deck's ends:
- paced: the next key comes once the cache is idle, as when a speaker talks over each slide;
- rapid: the next key comes as soon as the page is painted (a clicker hammered);
- no prefetch: a cache that renders nothing ahead, so every flip waits for its page to be
  rendered (on the render thread; the view keeps the old page meanwhile): what rendering on
  demand costs, the baseline the cache is there to beat.

Also: open to first slide painted (the first page is rendered on the GUI thread), the render
thread's effect on the GUI thread (largest gap of a 1 ms timer during the paced run), and this
process's RSS after loading and after the walk. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench._support import Figure, Summary, print_figures, print_header, rss_bytes
from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.slides import SlideDeck, SlideView

FLIP_TARGET_MS = 16.0
RSS_TARGET_MB = 250.0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench slides", description="Slide flip benchmarks")
    parser.add_argument("--flips", type=int, default=200)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--size", default="1920x1080", help="view size in pixels, WxH")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(["bench-slides"])
    width, height = (int(part) for part in args.size.split("x"))
    print_header("Slides: flip latency, first slide, memory")
    print(f"platform: {app.platformName()}; view {width}x{height}; {args.pages} pages")
    with tempfile.TemporaryDirectory(prefix="kanpe-bench-") as folder:
        figures = run(Path(folder), args, (width, height))
    print("\n-- summary --")
    print_figures(figures)
    print("\n-- BENCHMARKS.md rows --")
    for figure in figures:
        if figure.target is not None:
            print(
                f"| {figure.name} | <= {figure.target:g} {figure.unit} | "
                f"{figure.measured:.2f} {figure.unit} | {figure.ratio:.2f} |"
            )
    return 0


def run(folder: Path, args: argparse.Namespace, size: tuple[int, int]) -> list[Figure]:
    started = time.perf_counter()
    deck_path = generate_deck(folder / "bench.pdf", args.pages, title="Bench deck")
    print(
        f"deck: {deck_path.stat().st_size / 2**20:.1f} MB, written in "
        f"{time.perf_counter() - started:.1f} s"
    )
    figures: list[Figure] = []
    rss_before = rss_bytes(os.getpid())

    driver = Driver(deck_path, size)
    first = driver.open_and_paint()
    rss_loaded = rss_bytes(os.getpid())
    print(f"\nopen to first slide painted: {first * 1000:.1f} ms")
    figures.append(Figure("open deck to first slide painted", first * 1000, "ms"))

    for mode in ("paced", "rapid"):
        latencies, gap = driver.flips(args.flips, paced=mode == "paced")
        summary = Summary.of(latencies)
        print(f"{mode}: {summary.line()}; sync renders {driver.sync_renders()}")
        figures.append(
            Figure(
                f"flip p95, {mode}",
                summary.p95 * 1000,
                "ms",
                FLIP_TARGET_MS if mode == "paced" else None,
                note=f"p50 {summary.p50 * 1000:.2f} ms, max {summary.max * 1000:.2f} ms",
            )
        )
        if mode == "paced":
            figures.append(Figure("GUI timer gap max, paced flips", gap * 1000, "ms"))
    rss_walked = rss_bytes(os.getpid())
    driver.close()

    baseline = Driver(deck_path, size, prefetch=False)
    baseline.open_and_paint()
    latencies, _ = baseline.flips(args.flips, paced=True)
    summary = Summary.of(latencies)
    print(f"no prefetch: {summary.line()}; sync renders {baseline.sync_renders()}")
    figures.append(
        Figure(
            "flip p95, no prefetch (render on demand)",
            summary.p95 * 1000,
            "ms",
            note=f"p50 {summary.p50 * 1000:.2f} ms",
        )
    )
    baseline.close()

    figures.append(
        Figure(
            "RSS after loading the deck",
            rss_loaded / 2**20,
            "MB",
            RSS_TARGET_MB,
            note=f"{rss_before / 2**20:.0f} MB before opening it",
        )
    )
    figures.append(Figure("RSS after the flips", rss_walked / 2**20, "MB", RSS_TARGET_MB))
    return figures


class TimedView(SlideView):
    """A SlideView that reports when each paint ends, and moves its deck on key presses."""

    painted = Signal(int, float)  # page index painted (-1 for none), time.perf_counter()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        index = self.painted_index()  # not page_index(): a page still rendering is not shown
        self.painted.emit(-1 if index is None else index, time.perf_counter())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.deck.handle_key(event):
            super().keyPressEvent(event)


class Driver:
    """One deck in one shown view, driven by posted key presses."""

    def __init__(self, path: Path, size: tuple[int, int], *, prefetch: bool = True) -> None:
        self.path = path
        self.deck = SlideDeck()
        ahead, behind = (2, 1) if prefetch else (0, 0)
        self.view = TimedView(self.deck, ahead=ahead, behind=behind)
        self.view.resize(*size)
        self.view.show()
        QTest.qWaitForWindowExposed(self.view)
        self.last_paint: tuple[int, float] = (-1, 0.0)
        self.view.painted.connect(self._on_painted)

    def _on_painted(self, index: int, when: float) -> None:
        self.last_paint = (index, when)

    def sync_renders(self) -> int:
        return self.view.cache.sync_renders

    def wait(self, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the view did not get there")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)

    def open_and_paint(self) -> float:
        """Seconds from opening the deck to the end of the first page's paint."""
        started = time.perf_counter()
        self.deck.open(self.path)
        self.wait(lambda: self.last_paint[0] == 0 and self.last_paint[1] > started)
        return self.last_paint[1] - started

    def flips(self, count: int, *, paced: bool) -> tuple[list[float], float]:
        """Latency of ``count`` flips in seconds, and the largest gap of a 1 ms GUI timer."""
        gaps = [0.0, time.perf_counter()]  # largest gap, last tick

        def tick() -> None:
            now = time.perf_counter()
            gaps[0] = max(gaps[0], now - gaps[1])
            gaps[1] = now

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(1)
        timer.timeout.connect(tick)
        latencies: list[float] = []
        step = 1
        for _ in range(count):
            if paced:
                self.wait(lambda: not self.view.cache.is_busy())
                if not timer.isActive():
                    gaps[1] = time.perf_counter()
                    timer.start()
            page = self.deck.page
            if not 1 <= page + step <= self.deck.pages:
                step = -step
            key = Qt.Key.Key_PageDown if step > 0 else Qt.Key.Key_PageUp
            want = page + step - 1
            started = time.perf_counter()
            event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
            QCoreApplication.postEvent(self.view, event)
            self.wait(
                lambda want=want, t=started: self.last_paint[0] == want and self.last_paint[1] > t
            )
            latencies.append(self.last_paint[1] - started)
        timer.stop()
        return latencies, gaps[0]

    def close(self) -> None:
        self.deck.close()
        self.view.close()
        self.view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
