"""The decks the speaker benchmark starts every app on, and Kanpe's start phase by phase.

Two decks, each in the same run for every app: a generated 169-page deck (a long meetup talk;
every page has a title bar in its own colour, body text, a gradient, vector shapes and a
960x540 picture, ~10 MB, as real decks with photos are) and the sample deck Kanpe ships.
A deck knows the title-bar colour of each of its pages, which is how the benchmark sees a
page on screen.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATED_PAGES = 169
PICTURE = (960, 540)  # each generated page's raster image, in pixels


@dataclass(frozen=True)
class BenchDeck:
    """A deck to start the apps on: ``hues[n]`` is page n+1's title-bar hue."""

    name: str
    path: Path
    hues: tuple[int, ...]

    @property
    def pages(self) -> int:
        return len(self.hues)

    def accent(self, page: int) -> tuple[int, int, int]:
        """The title-bar colour of ``page`` (1-based), as kanpe.ui.speaker.deckgen paints it."""
        from PySide6.QtGui import QColor

        colour = QColor.fromHsv(self.hues[page - 1], 170, 200)
        return colour.red(), colour.green(), colour.blue()


def generated_deck(folder: Path, pages: int = GENERATED_PAGES) -> BenchDeck:
    """A generated deck of ``pages`` pages in ``folder`` (made once, reused)."""
    from kanpe.ui.speaker.deckgen import generate_deck

    path = folder / f"deck-{pages}.pdf"
    if not path.exists():
        generate_deck(path, pages, title="Benchmark deck", image_size=PICTURE)
    hues = tuple((index * 47) % 360 for index in range(pages))
    return BenchDeck(f"{pages}-page deck", path, hues)


def sample_deck() -> BenchDeck:
    """The shipped sample deck (assets/decks/sample.pdf), its hues from the tool that made it."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from make_sample_deck import TARGET, sample_slides
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return BenchDeck("sample deck", TARGET, tuple(slide.hue for slide in sample_slides()))


def bench_decks(folder: Path, pages: int) -> list[BenchDeck]:
    return [generated_deck(folder, pages), sample_deck()]


# --- Kanpe's start, phase by phase -----------------------------------------------------------


def start_phases(deck: BenchDeck, env: dict[str, str], runs: int) -> dict[str, list[float]]:
    """``runs`` starts of ``kanpe speak`` on ``deck`` with bench._start_phases' marks (ms from
    the spawn), each mark's values in run order."""
    marks: dict[str, list[float]] = {}
    gc_ms: list[float] = []
    for _ in range(runs):
        spawned = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "bench._start_phases", str(deck.path)],
            env={**env, "KANPE_BENCH_SPAWNED": repr(spawned)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=ROOT,
        )
        lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
        if not lines:
            print(f"  phases: no marks (rc {result.returncode}): {result.stderr[-300:]}")
            continue
        found = json.loads(lines[-1])
        for name, at in found["marks"].items():
            marks.setdefault(name, []).append(at)
        gc_ms.append(sum(ms for _, ms in found["gc"]))
    if gc_ms:
        marks["(garbage collection until the console's slide, total)"] = gc_ms
    return marks


def print_phases(deck: BenchDeck, marks: dict[str, list[float]]) -> None:
    """Medians of each mark, in the order they come, with the step from the previous one."""
    print(f"  Kanpe's start on the {deck.name}, in-process marks (median ms from the spawn):")
    before = 0.0
    timed = {name: statistics.median(values) for name, values in marks.items()}
    for name, at in sorted(timed.items(), key=lambda item: item[1]):
        if name.startswith("("):
            continue
        print(f"    {at:7.0f}  (+{at - before:5.0f})  {name}")
        before = at
    for name, at in timed.items():
        if name.startswith("("):
            print(f"    {at:7.1f}  {name}")


def kanpe_env(env: dict[str, str]) -> dict[str, str]:
    """The environment Kanpe's phase runs need: bench importable from the checkout."""
    path = [str(ROOT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    return {**env, "PYTHONPATH": os.pathsep.join(path)}
