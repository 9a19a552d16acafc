"""Per-slide timing: what a rehearsal records, and where a talk stands against it.

Pure: times are seconds of talking (the countdown's elapsed time, so a paused timer adds nothing),
passed in. ``SlideTimes`` records how long each slide was shown; ``pace_at`` compares the moment
a slide was reached with when the chosen rehearsal reached it, and projects the finish from the
rehearsal's time for the slides still to come, against what is left of the slot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class SlideTimes:
    """Seconds spent on each slide of a deck of ``pages``; a slide shown twice adds up."""

    def __init__(self, pages: int) -> None:
        self.seconds = [0.0] * max(0, pages)
        self.page: int | None = None  # 1-based; None before the first slide is shown
        self._since = 0.0

    def show(self, page: int, elapsed: float) -> None:
        """Slide ``page`` is shown from ``elapsed`` seconds into the talk on."""
        self._close(elapsed)
        self.page = page if 1 <= page <= len(self.seconds) else None
        self._since = elapsed

    def times(self, elapsed: float) -> tuple[float, ...]:
        """The seconds per slide at ``elapsed``, the slide shown now counting up to it."""
        self._close(elapsed)
        return tuple(self.seconds)

    @property
    def total(self) -> float:
        return sum(self.seconds)

    def _close(self, elapsed: float) -> None:
        if self.page is not None and elapsed > self._since:
            self.seconds[self.page - 1] += elapsed - self._since
        self._since = max(self._since, elapsed)


@dataclass(frozen=True, slots=True)
class Pace:
    """Where the talk stands on reaching ``slide``.

    ``ahead``: seconds ahead of the rehearsal (negative: behind). ``projected``: the talk's
    projected length (elapsed + the rehearsal's time for this slide and the ones after it).
    ``margin``: seconds the talk is projected to end before the slot does (negative: after);
    None when the slot's remaining time is not known.
    """

    slide: int
    ahead: float
    projected: float
    margin: float | None


def pace_at(
    plan: Sequence[float], slide: int, elapsed: float, remaining: float | None = None
) -> Pace:
    """The pace on reaching ``slide`` (1-based) ``elapsed`` seconds into the talk, against the
    rehearsal's seconds per slide ``plan``, with ``remaining`` seconds left in the slot."""
    index = max(0, min(slide - 1, len(plan)))
    planned_arrival = sum(plan[:index])
    still = sum(plan[index:])
    margin = None if remaining is None else remaining - still
    return Pace(slide, ahead=planned_arrival - elapsed, projected=elapsed + still, margin=margin)


def minutes_seconds(seconds: float) -> str:
    """``seconds`` as m:ss, unsigned (the sign is said in words)."""
    whole = round(abs(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True, slots=True)
class SlideRow:
    """One slide of the chart: the rehearsal's seconds, and the talk's (None: not reached)."""

    slide: int
    planned: float
    actual: float | None


def compare(plan: Sequence[float], actual: Sequence[float] | None) -> list[SlideRow]:
    """A row for every slide of either: planned against actual (0 s on a slide never shown
    counts as not reached)."""
    count = max(len(plan), len(actual or ()))
    rows = []
    for index in range(count):
        planned = plan[index] if index < len(plan) else 0.0
        spent = actual[index] if actual is not None and index < len(actual) else 0.0
        rows.append(SlideRow(index + 1, planned, spent if spent > 0 else None))
    return rows


BAR_WIDTH = 24


def pace_markdown(plan: Sequence[float], actual: Sequence[float], *, heading: str) -> str:
    """The talk's slide timings as Markdown: a table, and the same as a text chart (▒ rehearsed,
    █ actual) in a code block, which every Markdown renderer shows as it is."""
    rows = compare(plan, actual)
    lines = [f"## {heading}\n"]
    if not rows:
        return "\n".join([*lines, "No slide timings.\n"])
    total_plan, total_actual = sum(plan), sum(actual)
    lines.append(
        f"Rehearsed {minutes_seconds(total_plan)}, actual {minutes_seconds(total_actual)}.\n"
    )
    lines.append("| Slide | Rehearsed | Actual | Difference |")
    lines.append("|---|---|---|---|")
    for row in rows:
        lines.append(
            f"| {row.slide} | {minutes_seconds(row.planned)} | {_or_dash(row.actual)} "
            f"| {_difference(row)} |"
        )
    lines.append("")
    longest = max(max(r.planned, r.actual or 0.0) for r in rows) or 1.0
    chart = ["```"]
    for row in rows:
        rehearsed = _bar(row.planned, longest, "▒")
        chart.append(f"{row.slide:>3} ▒ {rehearsed} {minutes_seconds(row.planned)}")
        if row.actual is not None:
            spent = _bar(row.actual, longest, "█")
            chart.append(f"    █ {spent} {minutes_seconds(row.actual)}")
    chart.append("```")
    chart.append("▒ rehearsed, █ actual\n")
    return "\n".join(lines + chart)


def _bar(seconds: float, longest: float, fill: str) -> str:
    return (fill * round(BAR_WIDTH * seconds / longest)).ljust(BAR_WIDTH)


def _or_dash(seconds: float | None) -> str:
    return "—" if seconds is None else minutes_seconds(seconds)


def _difference(row: SlideRow) -> str:
    if row.actual is None:
        return "—"
    delta = round(row.actual - row.planned)
    if delta == 0:
        return "same"
    return f"{'+' if delta > 0 else '−'}{minutes_seconds(delta)}"
