"""core.pace: slide times, the pace against a rehearsal and the projection, the Markdown chart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanpe.core.pace import SlideRow, SlideTimes, compare, minutes_seconds, pace_at, pace_markdown


def test_slide_times_add_up_per_slide_and_count_a_revisit() -> None:
    times = SlideTimes(4)
    times.show(1, 0.0)
    times.show(2, 30.0)
    times.show(3, 90.0)
    times.show(2, 100.0)  # back to slide 2 for 15 s
    times.show(4, 115.0)
    assert times.times(140.0) == (30.0, 75.0, 10.0, 25.0)
    assert times.total == 140.0


def test_slide_times_ignore_time_going_back_and_pages_outside_the_deck() -> None:
    times = SlideTimes(2)
    times.show(1, 50.0)
    assert times.times(40.0) == (0.0, 0.0)  # an earlier elapsed (a timer set back) adds nothing
    times.show(7, 60.0)  # no such slide: nothing is timed until a real one is shown
    times.show(2, 90.0)
    assert times.times(100.0) == (10.0, 10.0)


@pytest.mark.parametrize(
    ("slide", "elapsed", "remaining", "ahead", "projected", "margin"),
    [
        (1, 0.0, 600.0, 0.0, 240.0, 360.0),  # the start: on pace, 6 min to spare
        (2, 100.0, 500.0, -40.0, 280.0, 320.0),  # reached slide 2 at 1:40, rehearsed at 1:00
        (3, 90.0, 510.0, 30.0, 210.0, 390.0),  # reached slide 3 at 1:30, rehearsed at 2:00
        (4, 500.0, 100.0, -320.0, 560.0, 40.0),
        (4, 500.0, None, -320.0, 560.0, None),  # no slot known: no projection against it
        (9, 300.0, 0.0, -60.0, 300.0, 0.0),  # past the rehearsal's last slide
    ],
)
def test_pace_at(
    slide: int,
    elapsed: float,
    remaining: float | None,
    ahead: float,
    projected: float,
    margin: float | None,
) -> None:
    pace = pace_at((60.0, 60.0, 60.0, 60.0), slide, elapsed, remaining)
    assert (pace.slide, pace.ahead, pace.projected, pace.margin) == (
        slide,
        ahead,
        projected,
        margin,
    )


seconds = st.floats(min_value=0, max_value=3600, allow_nan=False)


@given(st.lists(seconds, min_size=1, max_size=40), st.data())
def test_the_projection_is_elapsed_plus_what_the_rehearsal_has_left(
    plan: list[float], data: st.DataObject
) -> None:
    slide = data.draw(st.integers(min_value=1, max_value=len(plan)))
    elapsed = data.draw(seconds)
    slot_left = data.draw(seconds)
    pace = pace_at(plan, slide, elapsed, slot_left)
    # Ahead by x means the rehearsal got here x later: the projection is the rehearsal's
    # length less x; and the slot's end is elapsed + what is left of it.
    assert pace.projected == pytest.approx(sum(plan) - pace.ahead, abs=1e-6)
    assert pace.margin == pytest.approx(elapsed + slot_left - pace.projected, abs=1e-6)


@given(st.lists(st.tuples(st.integers(1, 12), seconds), max_size=30))
def test_slide_times_never_lose_or_invent_time(flips: list[tuple[int, float]]) -> None:
    times = SlideTimes(12)
    elapsed = 0.0
    times.show(1, 0.0)
    for page, step in flips:
        elapsed += step
        times.show(page, elapsed)
    assert sum(times.times(elapsed + 1)) == pytest.approx(elapsed + 1)


def test_compare_marks_slides_not_reached() -> None:
    assert compare((30.0, 40.0), (35.0, 0.0, 5.0)) == [
        SlideRow(1, 30.0, 35.0),
        SlideRow(2, 40.0, None),
        SlideRow(3, 0.0, 5.0),
    ]
    assert compare((30.0,), None) == [SlideRow(1, 30.0, None)]


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59.6, "1:00"), (-130, "2:10"), (3725, "62:05")]
)
def test_minutes_seconds(seconds: float, text: str) -> None:
    assert minutes_seconds(seconds) == text


def test_pace_markdown_has_a_table_and_a_chart() -> None:
    text = pace_markdown((60.0, 120.0), (90.0, 0.0), heading="Slide timings")
    assert text.startswith("## Slide timings\n")
    assert "Rehearsed 3:00, actual 1:30." in text
    assert "| 1 | 1:00 | 1:30 | +0:30 |" in text
    assert "| 2 | 2:00 | — | — |" in text
    chart = text.split("```")[1].splitlines()[1:]
    assert chart[0] == "  1 ▒ " + "▒" * 12 + " " * 12 + " 1:00"
    assert chart[1] == "    █ " + "█" * 18 + " " * 6 + " 1:30"
    assert chart[2] == "  2 ▒ " + "▒" * 24 + " 2:00"
    assert len(chart) == 3  # slide 2 was not reached: no actual bar
