"""Garbage-collector pauses as a benchmark reports them, measured inside the process under test
with ``kanpe.core.gcpolicy.GcPauses`` (``gc.callbacks``): per generation the count, the worst and
the p99 pause as the process felt it (wall time), and the worst of the collector's own work
(thread CPU time, which a loaded machine does not inflate).

``--before TREE`` runs another checkout's relay, which may not have the policy module: then this
tree's (a pure file) is loaded by path, so the measure is the same on both sides.
"""

from __future__ import annotations

import gc
import importlib.util
import time
from pathlib import Path
from types import ModuleType
from typing import Any

_SOURCE = Path(__file__).resolve().parent.parent / "src" / "kanpe" / "core" / "gcpolicy.py"
MS = 1000.0


def _policy_module() -> ModuleType:
    try:
        from kanpe.core import gcpolicy
    except ImportError:
        spec = importlib.util.spec_from_file_location("_bench_gcpolicy", _SOURCE)
        assert spec is not None
        assert spec.loader is not None
        gcpolicy = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gcpolicy)
    return gcpolicy


class PauseWatch:
    """Both clocks at once; ``take`` returns the figures so far and starts a new phase."""

    def __init__(self) -> None:
        module = _policy_module()
        self.wall = module.GcPauses(time.perf_counter).start()
        self.cpu = module.GcPauses(time.thread_time).start()

    def take(self) -> dict[str, Any]:
        wall, cpu = self.wall.summary(), self.cpu.summary()
        figures: dict[str, Any] = {
            f"gen{gen}": {
                "count": wall[gen].count,
                "max_ms": wall[gen].max * MS,
                "p99_ms": wall[gen].p99 * MS,
                "cpu_max_ms": cpu[gen].max * MS,
                "total_ms": wall[gen].total * MS,
            }
            for gen in sorted(wall)
        }
        figures["worst_ms"] = self.wall.worst() * MS
        figures["worst_cpu_ms"] = self.cpu.worst() * MS
        figures["tracked"] = self.tracked()
        figures["frozen"] = gc.get_freeze_count()
        self.wall.clear()
        self.cpu.clear()
        return figures

    @staticmethod
    def tracked() -> int:
        """Objects a full collection walks (frozen ones are not among them)."""
        return len(gc.get_objects())

    def stop(self) -> dict[str, Any]:
        figures = self.take()
        self.wall.stop()
        self.cpu.stop()
        return figures


def pause_line(figures: dict[str, Any]) -> str:
    """One line: the worst pause, then count / worst / p99 per generation."""
    parts = [
        f"gen{gen} {g['count']}x max {g['max_ms']:.1f} (cpu {g['cpu_max_ms']:.1f}) "
        f"p99 {g['p99_ms']:.1f}"
        for gen in range(3)
        if (g := figures.get(f"gen{gen}"))
    ]
    if not parts:
        return "not measured"
    return f"worst {figures['worst_ms']:.1f} ms; " + ", ".join(parts)
