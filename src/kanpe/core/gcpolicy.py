"""When Python's cyclic garbage collector may stop a process that has a frame budget: the relay,
whose one event loop must not hold a cue, and the speaker app, whose flips and countdown must not
stutter on a shared screen.

CPython collects the young generations after so many net allocations (a few milliseconds: they
hold only what was made since) and, on its own, a full collection whenever a quarter more objects
have survived into the old generation. A full collection walks every object the process holds:
in the relay ~110 per connection (websockets' and asyncio's), so 30-140 ms with 1,000 audience
connections, and it came every 20-30 s in an applause storm, because every frame read leaves a
few short-lived objects (the next read's coroutine and future) that outlive two young
collections and count as survivors, though they die a second later. The relay makes no cycles
per frame; what a full collection finds is what closed connections left (~54 objects each).

So, in one place for every process:

1. ``install`` freezes what start-up made (``gc.freeze``): it lives as long as the process, and
   no collection walks it again.
2. Young collections stay automatic: they are short and bounded by what is young.
3. The interpreter never starts a full collection itself (its threshold is out of reach). The
   owner asks ``due`` at its own moments and runs ``collect``: a full collection once the
   process has been quiet for ``idle_after`` and ``min_interval`` has passed since the last one,
   or whatever the activity once ``max_interval`` has passed, so cyclic garbage stays bounded
   even in a storm that never ends. At a quiet moment that is not due for a full collection, the
   young generations are collected if they hold ``young_at_idle`` objects, so the automatic one
   is less likely to land in the middle of a frame.

On an incremental collector (CPython 3.14's design: it scans the old generation a little at each
young collection) only the young threshold is set; the rest still holds. The scheduling (an
asyncio task in the relay, a Qt timer in the speaker app) lives with each owner; this module
holds no clock: time is passed in. ``GcPauses`` measures what the collector did (count, worst
and p99 pause per generation) for the benchmarks.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from dataclasses import dataclass, field

#: A full-collection threshold the interpreter never reaches (it counts young collections).
NEVER = 1 << 30

FULL = 2
YOUNG = 1


@dataclass(frozen=True, slots=True)
class GcPolicy:
    """Thresholds and the schedule of full collections; times in seconds."""

    #: Net allocations of tracked objects before a generation-0 collection (CPython: 700).
    young: int = 700
    #: Generation-0 collections per generation-1 collection (CPython: 10).
    middle: int = 10
    #: Quiet this long (no frame, no input) before a full collection may run.
    idle_after: float = 1.0
    min_interval: float = 60.0
    max_interval: float = 600.0
    #: At a quiet moment, collect the young generations when they count this many objects.
    young_at_idle: int = 350


#: The relay: a full collection only after a second with no frame read, at most once a minute;
#: in a storm that never stops, every ten minutes. Young collections come more often and
#: generation 1 after every second one: each frame read leaves a few objects that live until the
#: connection's next frame, so what a young collection walks grows with the time between them
#: (in an applause of 1,000 connections, 10 generations 0 per generation 1 walked up to 23,000
#: objects, 15 ms; 400 and 2 walked up to 12,000). Promoting sooner costs nothing here: the relay
#: makes no cycles per frame, and what dies in the old generation is freed by its reference count.
RELAY_GC = GcPolicy(young=400, middle=2)

#: The speaker app: quiet means no flip or key for two seconds (its countdown repaints once a
#: second and a full collection of what is not frozen takes a few milliseconds).
SPEAKER_GC = GcPolicy(idle_after=2.0, min_interval=30.0, max_interval=300.0)


class GcSchedule:
    """One process's collection policy, installed once; ``due`` and ``collect`` are asked by its
    owner at quiet moments (see the module docstring)."""

    def __init__(self, policy: GcPolicy, now: float) -> None:
        self.policy = policy
        self.last_full = now
        self.full_collections = 0
        self.young_collections = 0
        self._before: tuple[int, int, int] | None = None

    @property
    def installed(self) -> bool:
        return self._before is not None

    def install(self, *, collect_first: bool = True) -> None:
        """Freeze what start-up made and take over full collections. ``collect_first`` collects
        once before freezing, so start-up's garbage is freed rather than kept frozen."""
        if self._before is None:
            self._before = gc.get_threshold()
        if collect_first:
            gc.collect()
        gc.freeze()
        gc.set_threshold(self.policy.young, self.policy.middle, NEVER)
        if gc.get_threshold()[2] != NEVER:
            # An incremental collector (CPython 3.14's design) has no third threshold and reads
            # the second as how slowly it scans the old generation, a little each time: its
            # pauses are short by design, so it keeps its own pace; only the young one is ours.
            gc.set_threshold(self.policy.young, self._before[1])

    def uninstall(self) -> None:
        """Give the interpreter its thresholds back; what was frozen is collectable again."""
        if self._before is None:
            return
        gc.set_threshold(*self._before)
        self._before = None
        gc.unfreeze()

    def due(self, now: float, quiet_since: float) -> int | None:
        """What to collect at ``now`` if the process has had no work since ``quiet_since``:
        FULL, YOUNG or None."""
        policy = self.policy
        since_full = now - self.last_full
        quiet = now - quiet_since >= policy.idle_after
        if since_full >= policy.max_interval or (quiet and since_full >= policy.min_interval):
            return FULL
        if quiet and gc.get_count()[0] >= policy.young_at_idle:
            return YOUNG
        return None

    def collect(self, generation: int, now: float) -> int:
        """Run a collection of ``generation`` (as ``due`` said); the objects it found."""
        found = gc.collect(generation)
        if generation == FULL:
            self.last_full = now
            self.full_collections += 1
        else:
            self.young_collections += 1
        return found

    def step(self, now: float, quiet_since: float) -> int | None:
        """``due``, then ``collect`` what is due; the generation collected, or None."""
        generation = self.due(now, quiet_since)
        if generation is not None:
            self.collect(generation, now)
        return generation


@dataclass(slots=True)
class PauseSummary:
    count: int
    max: float
    p99: float
    total: float


@dataclass(slots=True)
class GcPauses:
    """How long each collection stopped the process, per generation, from ``gc.callbacks``.
    ``clock`` is a seconds clock: ``time.perf_counter`` for the pause as the process felt it,
    ``time.thread_time`` for the collector's own work (what a loaded machine cannot inflate)."""

    clock: Callable[[], float]
    pauses: dict[int, list[float]] = field(default_factory=lambda: {0: [], 1: [], 2: []})
    _started: float = 0.0

    def start(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def stop(self) -> None:
        if self._callback in gc.callbacks:
            gc.callbacks.remove(self._callback)

    def clear(self) -> None:
        for values in self.pauses.values():
            values.clear()

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = self.clock()
        else:
            self.pauses[info["generation"]].append(self.clock() - self._started)

    def summary(self) -> dict[int, PauseSummary]:
        return {gen: _summary(values) for gen, values in self.pauses.items()}

    def worst(self) -> float:
        return max((max(values, default=0.0) for values in self.pauses.values()), default=0.0)


def _summary(values: list[float]) -> PauseSummary:
    ordered = sorted(values)
    if not ordered:
        return PauseSummary(0, 0.0, 0.0, 0.0)
    rank = max(0, math.ceil(0.99 * len(ordered)) - 1)
    return PauseSummary(len(ordered), ordered[-1], ordered[rank], sum(ordered))
