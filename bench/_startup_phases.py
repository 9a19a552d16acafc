"""Where a start-up's time goes: ``kanpe demo`` or ``kanpe speak`` with a mark per phase.

    python -m bench._startup_phases demo|speak [...] [--runs N] [--src TREE ...] [--profile FILE]

Each run spawns a child (``--child``) under a private Xvfb display that runs the real command's
entry point (``kanpe.demo.run_demo`` or ``kanpe.app.run_speaker`` on the sample deck) with
marks taken from outside the product: the interpreter's first line, the imports, the
QApplication, the relay ready (demo), each top-level window's first show and first paint (an
application-wide event filter), and the moment every expected window has painted, after which
the child quits the app its own way (SIGINT). Times are milliseconds from spawning, read on the
system-wide monotonic clock. ``--profile`` writes a cProfile of the first run's child from its
first line to every window painted.

A diagnostic, not a figure: the figure is ``python -m bench host demo``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SPAWNED = "KANPE_PHASES_SPAWNED"
MODULES = "KANPE_PHASES_MODULES"
WINDOWS = {
    "demo": (
        "Kanpe host console",
        "Kanpe — Stage",
        "Kanpe — Presenter console",
        "Kanpe demo: join the audience",
    ),
    "speak": ("Kanpe — Stage", "Kanpe — Presenter console"),
}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return _child(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench._startup_phases")
    parser.add_argument("kinds", nargs="+", choices=sorted(WINDOWS))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--src",
        action="append",
        help="a source tree to run (its src/ on PYTHONPATH); several are run in turns",
    )
    parser.add_argument("--profile", help="a cProfile of the first run's child, to this file")
    args = parser.parse_args(argv)
    from bench.bench_bundle import Xvfb

    sources = args.src or [str(Path(__file__).resolve().parents[1])]
    cases = [(source, kind) for kind in args.kinds for source in sources]
    runs: dict[tuple[str, str], list[dict[str, float]]] = {case: [] for case in cases}
    xvfb = Xvfb()
    try:
        env = {**os.environ, "DISPLAY": xvfb.display, "QT_QPA_PLATFORM": "xcb", "LANG": "C.UTF-8"}
        for source, kind in cases:  # warm-up: the disk cache
            _one(kind, source, env, None)
        for n in range(args.runs):
            for source, kind in cases:  # in turns, so a change of load hits every case alike
                runs[source, kind].append(_one(kind, source, env, args.profile if n == 0 else None))
    finally:
        xvfb.stop()
    for (source, kind), found in runs.items():
        _print(f"{kind} from {source}", found)
    return 0


def _print(title: str, runs: list[dict[str, float]]) -> None:
    print(f"\n{title}: ms from spawning, median of {len(runs)} (min .. max)")
    names = list(runs[0])
    for run in runs[1:]:
        names += [name for name in run if name not in names]
    for name in sorted(names, key=lambda n: statistics.median(r.get(n, 0) for r in runs)):
        values = [r[name] for r in runs if name in r]
        median = statistics.median(values)
        print(f"  {median:7.0f}  ({min(values):5.0f} .. {max(values):5.0f})  {name}")


def _one(kind: str, source: str, env: dict[str, str], profile: str | None) -> dict[str, float]:
    home = tempfile.mkdtemp(prefix="kanpe-phases-home-")
    bench_root = str(Path(__file__).resolve().parents[1])
    run_env = {
        **env,
        "HOME": home,
        "XDG_CONFIG_HOME": f"{home}/config",
        "PYTHONPATH": os.pathsep.join([f"{source}/src", bench_root]),
    }
    command = [sys.executable, "-m", "bench._startup_phases", "--child", kind]
    if profile:
        command += ["--profile", profile]
    run_env[SPAWNED] = repr(time.monotonic())
    done = subprocess.run(
        command,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=bench_root,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("PHASES "):
            marks: dict[str, float] = json.loads(line.removeprefix("PHASES "))
            return marks
    raise RuntimeError(f"no phases from the child (rc {done.returncode}): {done.stderr[-2000:]}")


# --- the child -------------------------------------------------------------------------------


class _Marks:
    def __init__(self) -> None:
        self.spawned = float(os.environ[SPAWNED])
        self.marks: dict[str, float] = {}

    def mark(self, name: str) -> None:
        if name not in self.marks:
            self.marks[name] = (time.monotonic() - self.spawned) * 1000

    def timed(self, owner: Any, attribute: str, name: str) -> None:
        """Marks the start and the end of the first call of ``owner.attribute`` (if it has one:
        an older tree, run with ``--src``, may not)."""
        inner: Callable[..., Any] | None = getattr(owner, attribute, None)
        if inner is None:
            return

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.mark(f"{name} start")
            try:
                return inner(*args, **kwargs)
            finally:
                self.mark(f"{name} end")

        setattr(owner, attribute, wrapper)


def _child(argv: list[str]) -> int:
    marks = _Marks()
    marks.mark("python: first line")
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=sorted(WINDOWS))
    parser.add_argument("--profile")
    args = parser.parse_args(argv)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if args.kind == "demo":
        # kanpe.demo loads Qt only once its relay is starting: nothing here may load it first.
        import kanpe.demo

        marks.mark("import kanpe.demo")
        if hasattr(kanpe.demo, "_start_event"):
            # Timed through kanpe.demo: importing the relay's module here would load it
            # before the demo does, on this thread.
            marks.timed(kanpe.demo, "_start_event", "starter thread: rundown, relay, room")
        else:  # a tree from before the relay started ahead of Qt (2026-12-04)
            import kanpe.ui.host.session as session

            marks.timed(session.EmbeddedEvent, "start", "relay thread: EmbeddedEvent.start")
        windows = kanpe.demo._Windows
        build = windows.__init__

        def built(self: Any, qt: Any, *rest: Any) -> None:
            marks.mark("QApplication")
            _watch_paints(qt, marks, WINDOWS[args.kind], profiler)
            build(self, qt, *rest)

        windows.__init__ = built  # type: ignore[method-assign]
        marks.timed(windows, "__init__", "demo: windows built")
        marks.timed(windows, "wait_for", "demo: wait for the relay")
        marks.timed(windows, "run", "demo: run")
        marks.timed(kanpe.demo, "_network", "demo: network coroutine made")
    else:
        import kanpe.app

        marks.mark("import kanpe.app (PySide6)")
        make_app = kanpe.app.application

        def application() -> Any:
            qt = make_app()
            marks.mark("QApplication")
            _watch_paints(qt, marks, WINDOWS[args.kind], profiler)
            return qt

        kanpe.app.application = application  # type: ignore[assignment]
        marks.timed(kanpe.app, "run_app", "run_app (asyncio + qasync loop)")
    if args.kind == "demo":
        status = kanpe.demo.run_demo()
    else:
        from kanpe.storage.assets import asset_path

        deck = str(asset_path("decks", "sample.pdf"))
        import kanpe.app

        status = kanpe.app.run_speaker(deck, join=None, minutes=20.0)
    print("PHASES " + json.dumps(marks.marks), flush=True)
    return status


def _watch_paints(qt: Any, marks: _Marks, wanted: tuple[str, ...], profiler: Any) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    left = set(wanted)

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            kind = event.type()
            if kind in (QEvent.Type.Show, QEvent.Type.Paint) and isinstance(watched, QWidget):
                title = watched.window().windowTitle()
                if kind == QEvent.Type.Show and watched.isWindow():
                    marks.mark(f"shown: {title}")
                elif kind == QEvent.Type.Paint and title in left:
                    left.discard(title)
                    marks.mark(f"first paint: {title}")
                    if not left:
                        marks.mark("EVERY WINDOW PAINTED")
                        # CPU time of every thread so far: less at the mercy of other work.
                        marks.marks["(CPU ms of the process by then)"] = time.process_time() * 1000
                        if os.environ.get(MODULES):  # which modules the start loaded, to a file
                            Path(os.environ[MODULES]).write_text("\n".join(sorted(sys.modules)))
                        if profiler is not None:
                            profiler.disable()
                            profiler.dump_stats(sys.argv[sys.argv.index("--profile") + 1])
                        QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGINT))
            return False

    watcher = Watcher(qt)
    qt.installEventFilter(watcher)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
