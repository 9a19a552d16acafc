"""Where ``kanpe speak DECK`` spends its start, phase by phase, from inside the real start.

    python -m bench._start_phases DECK            # under X (or Xvfb); prints one JSON line

Runs the real ``kanpe speak`` (``kanpe.cli.main``) with marks added around its steps, by
wrapping them, not by copying them: the interpreter's start (from the parent's spawn, passed in
``KANPE_BENCH_SPAWNED`` as a ``time.monotonic()`` reading, one clock system-wide), Qt's and
Kanpe's imports, the QApplication, the speaker app's build, the deck's opening, the stage's
first slide painted, the console's pages rendered and its first paint with its slide, and when
the network's modules load (asyncio with qasync, the solo relay). It quits once the console has
painted. Each mark is milliseconds since the spawn.
"""

from __future__ import annotations

import time

FIRST_LINE = time.monotonic()

import gc  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

SPAWNED_ENV = "KANPE_BENCH_SPAWNED"


def main(deck: str) -> int:
    spawned = float(os.environ.get(SPAWNED_ENV, FIRST_LINE))
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, (time.monotonic() - spawned) * 1000)
        if os.environ.get("KANPE_BENCH_VERBOSE"):
            print(name, marks[name], file=sys.stderr, flush=True)

    mark("python: first line")
    cpu = time.process_time()
    # (generation, CPU ms of this thread: robust to a loaded machine) until the console's paint
    collections: list[tuple[int, float]] = []
    started: list[float] = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.thread_time()
        elif "console: slide painted" not in marks:
            collections.append((info["generation"], (time.thread_time() - started[0]) * 1000))

    gc.callbacks.append(on_gc)

    def on_app_module(module: Any) -> None:
        mark("import kanpe.app")
        original_app = module.application

        def application() -> Any:
            made = original_app()
            mark("QApplication made (style, translations)")
            return made

        module.application = application

    def on_speaker_module(module: Any) -> None:
        mark("import kanpe.ui.speaker.app (the stage's modules)")
        wrap_speaker(module.SpeakerApp)

    def wrap_speaker(speaker_class: Any) -> None:
        wrap(speaker_class, "__init__", lambda: mark("speaker app: build starts"), None)
        wrap(speaker_class, "open_deck", None, lambda: mark("deck opened"))
        wrap(speaker_class, "show", None, lambda: mark("stage shown (show() returned)"))

        def built(speaker: Any) -> None:
            mark("speaker app: stage built")
            speaker.firstPainted.connect(lambda: on_first_paint(speaker))
            view = speaker.deck.stage_view
            view.cache.pageReady.connect(lambda index: mark(f"stage: page {index + 1} rendered"))
            from PySide6.QtCore import QEvent, QObject

            names = {
                QEvent.Type.Resize: "stage view: first resize (render box known)",
                QEvent.Type.Paint: "stage view: first paint event",
            }
            stage_names = {QEvent.Type.Expose: "stage window: first expose"}

            class Spy(QObject):
                def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                    table = names if watched is view else stage_names
                    if event.type() in table:
                        mark(table[event.type()])
                    return False

            spy = Spy(speaker)
            view.installEventFilter(spy)
            speaker.stage.installEventFilter(spy)

        wrap(speaker_class, "__init__", None, None, after_self=built)

        def on_first_paint(speaker: Any) -> None:
            mark("stage: first slide painted")
            from PySide6.QtCore import QEvent, QObject, QTimer

            class ConsolePaint(QObject):
                def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                    if event.type() == QEvent.Type.Paint:
                        QTimer.singleShot(0, settled)  # once the paint is done
                    return False

            def settled() -> None:
                if "console: slide painted" in marks or speaker.deck.console_view.is_waiting():
                    return
                mark("console: slide painted")
                QTimer.singleShot(300, speaker.quit)

            spy = ConsolePaint(speaker)
            speaker.deck.console_view.installEventFilter(spy)
            speaker.deck.console_view.cache.pageReady.connect(
                lambda index: mark(f"console: page {index + 1} rendered")
            )

    # Nothing is imported here before kanpe.cli.main: the modules are wrapped as they load,
    # so the start runs in its own order (and with its own garbage-collection setting).
    loaded: dict[str, Callable[[Any], None]] = {
        "PySide6.QtWidgets": lambda _: mark("import PySide6 (QtCore, QtGui, QtWidgets)"),
        "kanpe.app": on_app_module,
        "kanpe.ui.speaker.app": on_speaker_module,
        "qasync": lambda _: mark("import asyncio, qasync (the network's loop)"),
        "kanpe.net.relay": lambda _: mark("import kanpe.net.relay (solo: its relay starts)"),
    }
    sys.meta_path.insert(0, _Watcher(loaded))
    import kanpe.cli

    status = kanpe.cli.main(["speak", deck, "--minutes", "20"])
    cpu_ms = (time.process_time() - cpu) * 1000  # the whole run
    print(json.dumps({"marks": marks, "gc": collections, "cpu": cpu_ms}), flush=True)
    return status


def wrap(
    cls: Any,
    name: str,
    before: Callable[[], None] | None,
    after: Callable[[], None] | None,
    *,
    after_self: Callable[[Any], None] | None = None,
) -> None:
    """Call ``before`` and ``after`` around ``cls.name``."""
    original = getattr(cls, name)

    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        if before is not None:
            before()
        result = original(self, *args, **kwargs)
        if after is not None:
            after()
        if after_self is not None:
            after_self(self)
        return result

    setattr(cls, name, wrapped)


class _Watcher(importlib.abc.MetaPathFinder):
    """Calls ``loaded[name](module)`` once the module ``name`` has been executed."""

    def __init__(self, loaded: dict[str, Callable[[Any], None]]) -> None:
        self.loaded = loaded

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in self.loaded:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader, after = spec.loader, self.loaded.pop(name)
        exec_module = loader.exec_module

        def run(module: Any) -> None:
            exec_module(module)
            after(module)

        loader.exec_module = run  # type: ignore[method-assign]
        return spec


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
