"""SpeakerPace: rehearse a deck, then see the pace against the rehearsal while giving the talk.

Times are the countdown's elapsed time at each flip (``Countdown.elapsed_at`` at relay time), so
a paused timer adds nothing and nothing counts ticks. While rehearsing (``kanpe speak --rehearse``
or Timer > Rehearse) the seconds per slide are recorded, and kept per deck
(``storage.rehearsals``) when the rehearsal ends or the speaker quits. Otherwise each flip
compares the talk with the newest rehearsal (``core.pace.pace_at``) and projects the finish
against what is left of the slot; the chart shows every slide, rehearsed against actual.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kanpe.core.notices import AppNotice, Notices, Severity
from kanpe.core.pace import SlideTimes, compare, minutes_seconds, pace_at, pace_markdown
from kanpe.storage.rehearsals import Rehearsal, RehearsalsError, RehearsalStore, deck_key

if TYPE_CHECKING:
    from kanpe.ui.speaker.deckhost import DeckHost
    from kanpe.ui.speaker.pacepanel import PacePanel
    from kanpe.ui.ticker import CountdownTicker

# Within this many seconds of the rehearsal counts as on pace.
ON_PACE = 5.0


class SpeakerPace(QObject):
    """The pace's controller (see the module's docstring); ``view`` only paints."""

    rehearsingChanged = Signal(bool)

    def __init__(
        self,
        deck: DeckHost,
        ticker: CountdownTicker,
        relay_now: Callable[[], float | None],
        notices: Notices,
        view: PacePanel,
        *,
        store: RehearsalStore | None,
        rehearse: bool = False,
        wall: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        """``store``: where rehearsals are kept (None: nowhere, and the console says so)."""
        super().__init__(parent)
        self.deck = deck
        self.ticker = ticker
        self.relay_now = relay_now
        self.notices = notices
        self.view = view
        self.store = store
        self.rehearsing = rehearse
        self._wall = wall
        self.key: str | None = None
        self.rehearsals: list[Rehearsal] = []
        self.chosen = 0  # which of them the talk is compared with: the newest first
        self.times = SlideTimes(0)
        # Just after a rehearsal was kept: (the rehearsal before it, or itself; it).
        self.review: tuple[tuple[float, ...], tuple[float, ...]] | None = None
        # The speaking rate heard during the rehearsal under way (the pace meter's; None: none).
        self.speech_rate: Callable[[], float | None] = lambda: None
        deck.deckChanged.connect(self._deck_changed)
        deck.pageChanged.connect(self._page_changed)
        self._deck_changed()

    # --- following the deck --------------------------------------------------------------------

    @property
    def plan(self) -> tuple[float, ...] | None:
        """The rehearsal the talk is compared with (the newest kept one, unless the speaker
        chose another)."""
        return self.rehearsals[self.chosen].slides if self.rehearsals else None

    def compare_next(self) -> None:
        """Compare the talk with the next kept rehearsal (after the oldest: the newest)."""
        if self.rehearsals:
            self.chosen = (self.chosen + 1) % len(self.rehearsals)
            self.review = None
            self.repaint(self.elapsed())

    @property
    def rehearsed_rate(self) -> float | None:
        """The speaking rate of the newest rehearsal the pace meter heard (None: none did)."""
        return next((r.speech_rate for r in self.rehearsals if r.speech_rate is not None), None)

    def elapsed(self) -> float:
        """Seconds of talking so far (0 before the timer starts)."""
        countdown, now = self.ticker.countdown, self.relay_now()
        if countdown is None or now is None:
            return 0.0
        return max(0.0, countdown.elapsed_at(now))

    def _deck_changed(self) -> None:
        self.key, self.rehearsals, self.chosen = None, [], 0
        path = self.deck.path
        self.times = SlideTimes(self.deck.pages)
        if path is not None and self.store is not None:
            try:
                self.key = deck_key(path)
                self.rehearsals = self.store.load(self.key)
            except (OSError, RehearsalsError) as error:
                self.notices.post(
                    AppNotice.REHEARSALS_UNREADABLE, Severity.WARNING, problem=str(error)
                )
        self._page_changed(self.deck.page, self.deck.pages)

    def _page_changed(self, page: int, pages: int) -> None:
        elapsed = self.elapsed()
        if page:
            self.times.show(page, elapsed)
        self.review = None
        self.repaint(elapsed)

    # --- rehearsing ----------------------------------------------------------------------------

    def toggle(self) -> None:
        """Start a rehearsal, or end the one under way and keep it."""
        self.set_rehearsing(not self.rehearsing)

    def set_rehearsing(self, on: bool) -> None:
        if on == self.rehearsing:
            return
        if on:  # from this slide on, as things stand now
            self.times = SlideTimes(self.deck.pages)
            if self.deck.page:
                self.times.show(self.deck.page, self.elapsed())
        else:
            self.keep()
        self.rehearsing = on
        self.rehearsingChanged.emit(on)
        self.repaint(self.elapsed())

    def keep(self) -> bool:
        """Keep the rehearsal under way (if one is, and it timed anything); whether it was."""
        if not self.rehearsing:
            return False
        slides = self.times.times(self.elapsed())
        if sum(slides) <= 0:
            self.notices.post(AppNotice.REHEARSAL_EMPTY, Severity.INFO)
            return False
        rehearsal = Rehearsal(at=self._wall(), slides=slides, speech_rate=self.speech_rate())
        problem, before = None, self.plan
        if self.store is None:
            problem = self.tr("rehearsals are not kept in this session")
        elif self.key is None:
            problem = self.tr("no deck is open")
        else:
            name = self.deck.path.name if self.deck.path is not None else ""
            try:
                self.rehearsals = self.store.add(self.key, rehearsal, deck_name=name)
                self.chosen = 0
            except (OSError, RehearsalsError) as error:
                problem = str(error)
        if problem is not None:
            self.notices.post(AppNotice.REHEARSAL_NOT_SAVED, Severity.WARNING, problem=problem)
            return False
        self.notices.post(
            AppNotice.REHEARSAL_SAVED, Severity.INFO, length=minutes_seconds(rehearsal.total)
        )
        # The chart shows this run against the one before it until the next flip; the talk's
        # own timing starts afresh.
        self.review = (before or slides, slides)
        self.times = SlideTimes(self.deck.pages)
        self.rehearsing = False
        return True

    # --- what the console shows ----------------------------------------------------------------

    def repaint(self, elapsed: float) -> None:
        page, plan = self.deck.page, self.plan
        actual = self.times.times(elapsed)
        if self.review is not None:
            before, run = self.review
            self.view.show_lines(
                self.tr("Rehearsal kept: {time}").format(time=minutes_seconds(sum(run))),
                self.tr("The next talk on this deck is compared with it"),
            )
            self.view.show_chart(compare(before, run), 0)
            return
        if self.rehearsing:
            pace = self.tr("Rehearsing: {time} so far, at slide {slide}").format(
                time=minutes_seconds(self.times.total), slide=page
            )
            ends = self.tr("Timer > Rehearse again (Ctrl+R) ends it and keeps it")
            self.view.show_lines(pace, ends)
        elif plan is None:
            self.view.show_lines(
                self.tr("No rehearsal of this deck yet"),
                self.tr("Timer > Rehearse (Ctrl+R) times each slide as you practise"),
            )
        else:
            countdown, now = self.ticker.countdown, self.relay_now()
            remaining = None if countdown is None or now is None else countdown.remaining_at(now)
            self.view.show_lines(*self._pace_words(plan, page, elapsed, remaining))
        self.view.show_chart(
            compare(plan or (), actual if sum(actual) else None), page, self._which()
        )

    def _which(self) -> str:
        """The chosen rehearsal in the chart's legend: when, how long, which of how many."""
        if not self.rehearsals:
            return ""
        chosen = self.rehearsals[self.chosen]
        return self.tr("rehearsal of {when} ({length}, {n} of {count})").format(
            when=time.strftime("%Y-%m-%d %H:%M", time.localtime(chosen.at)),
            length=minutes_seconds(chosen.total),
            n=self.chosen + 1,
            count=len(self.rehearsals),
        )

    def _pace_words(
        self, plan: tuple[float, ...], page: int, elapsed: float, remaining: float | None
    ) -> tuple[str, str, str]:
        """The pace line, the projection and the line's state (ahead, behind or "")."""
        pace = pace_at(plan, max(1, page), elapsed, remaining)
        time_text = minutes_seconds(pace.ahead)
        state = ""
        if abs(pace.ahead) < ON_PACE:
            line = self.tr("On pace at slide {slide}").format(slide=pace.slide)
        elif pace.ahead > 0:
            line = self.tr("{time} ahead at slide {slide}").format(time=time_text, slide=pace.slide)
            state = "ahead"
        else:
            line = self.tr("{time} behind at slide {slide}").format(
                time=time_text, slide=pace.slide
            )
            state = "behind"
        if pace.margin is None:
            return line, "", state
        margin = minutes_seconds(pace.margin)
        if abs(pace.margin) < ON_PACE:
            projection = self.tr("Projected to finish right at the slot's end")
        elif pace.margin > 0:
            projection = self.tr("Projected to finish {time} before the slot ends").format(
                time=margin
            )
        else:
            projection = self.tr("Projected to finish {time} after the slot ends").format(
                time=margin
            )
        return line, projection, state

    def record(self) -> str:
        """The slide timings as Markdown for the talk's record ("" when there is nothing)."""
        actual = self.times.times(self.elapsed())
        if self.plan is None and not sum(actual):
            return ""
        return pace_markdown(self.plan or (), actual, heading="Slide timings")
