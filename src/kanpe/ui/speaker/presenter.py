"""The speaker's private windows: the presenter console and the overlay, and what they show.

Never shared: the host's cue cards, the link's status, the planned end time and the hints for
the speaker live here, not on the stage. ``SpeakerApp`` builds these windows after the stage's
first slide (``kanpe speak``) or with it, connects the models to the ``follow_*`` methods and
keeps the actions (keys, menus, preferences) to itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect

from kanpe.core.clockface import TimerStatus
from kanpe.ui.chatcompose import ChatComposer, ChatSender
from kanpe.ui.cuecard import CueFlash
from kanpe.ui.keys import SPEAKER_KEYMAP
from kanpe.ui.notices import NoticeWords
from kanpe.ui.speaker.console import PresenterConsole
from kanpe.ui.speaker.overlay import OverlayWindow
from kanpe.ui.speaker.pace import SpeakerPace
from kanpe.ui.speaker.questions import SpeakerQuestions
from kanpe.ui.theme import STYLE
from kanpe.ui.ticker import CountdownTicker, WallClock, clock_text

if TYPE_CHECKING:
    from kanpe.core.notices import Notices
    from kanpe.storage.rehearsals import RehearsalStore
    from kanpe.storage.settings import SpeakerSettings
    from kanpe.ui.commands import CommandSender
    from kanpe.ui.speaker.deckhost import DeckHost
    from kanpe.ui.speaker.slotmodel import SpeakerSlotModel


class PresenterWindows(QObject):
    """The console and the overlay, blinking in step on one ``CueFlash``."""

    def __init__(
        self,
        model: SpeakerSlotModel,
        ticker: CountdownTicker,
        wall_clock: WallClock,
        deck: DeckHost,
        notices: Notices,
        *,
        solo: bool,
        chat: ChatSender | None = None,
        commands: CommandSender | None = None,
        questions_file: Path | None = None,
        rehearsals: RehearsalStore | None = None,
        rehearse: bool = False,
        wall: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        """``commands``: what sends the speaker's question actions (None: the queue stays
        empty, as in a console with no room); ``questions_file``: where the talk's questions
        are kept as Markdown (``kanpe speak --questions``); ``rehearsals``: where the deck's
        rehearsals are kept (None: nowhere); ``rehearse``: start rehearsing (``--rehearse``)."""
        super().__init__(parent)
        self._model = model
        self._ticker = ticker
        self._wall_clock = wall_clock
        self._wall = wall
        self.flash = CueFlash(self)
        composer = None
        if chat is not None:
            keys = SPEAKER_KEYMAP.label("chat.focus")
            composer = ChatComposer(
                chat, self.tr("Write to the audience ({key}), Esc to leave").format(key=keys)
            )
        self.console = PresenterConsole(
            deck.console_view,
            deck.next_view,
            ticker,
            notices=notices,
            flash=self.flash,
            chat=composer,
        )
        self.overlay = OverlayWindow(ticker, flash=self.flash)
        self.console.setStyleSheet(STYLE)
        self.overlay.setStyleSheet(STYLE)
        self.console.mode.setText(
            self.tr("Solo practice: S starts and pauses")
            if solo
            else self.tr("Joined: the host runs the timer")
        )
        self.console.set_deck_error(deck.error)
        self.show_page(deck.page, deck.pages)
        self.pace = SpeakerPace(
            deck,
            ticker,
            model.relay_now,
            notices,
            self.console.pace,
            store=rehearsals,
            rehearse=rehearse,
            wall=wall,
            parent=self,
        )
        self.pace.rehearsingChanged.connect(
            lambda on: self.console.set_checked("rehearse.toggle", on)
        )
        self.console.set_checked("rehearse.toggle", rehearse)
        self.questions: SpeakerQuestions | None = None
        if commands is not None:
            self.questions = SpeakerQuestions(
                model,
                commands,
                notices,
                view=self.console.questions,
                edge=self.console.queue_edge,
                window=self.console,
                parent=self,
            )
            self.questions.changed.connect(self._follow_questions)
            self.questions.timings = self.pace.record
            if questions_file is not None:
                self.questions.keep_in(questions_file)
            self._follow_questions()

    def _follow_questions(self) -> None:
        if self.questions is not None:
            self.console.set_checked("questions.toggle", self.questions.is_open)
            self.overlay.show_new_questions(self.questions.new_count)

    def windows(self) -> tuple[PresenterConsole, OverlayWindow]:
        """The console and the overlay, for the key router to watch."""
        return (self.console, self.overlay)

    # --- following the models ------------------------------------------------------------------

    def follow_all(self) -> None:
        """Bring every view up to date (after the windows are built)."""
        self.follow_slot()
        self.follow_cue()
        self.follow_status()
        self.follow_wall_clock()

    def follow_slot(self) -> None:
        """The talk's title, and the hints that depend on who runs the timer."""
        self.console.title.setText(self._model.talk_title())
        self.follow_ticker()

    def follow_cue(self) -> None:
        """Show the host's latest cue on the console's card and the overlay."""
        cue = self._model.cue()
        self.console.cue.show_cue(cue)
        self.overlay.show_cue(cue)

    def follow_ticker(self) -> None:
        """The hint under the countdown, the elapsed time and the planned end."""
        ticker, model = self._ticker, self._model
        status = ticker.status
        if status is TimerStatus.IDLE:
            hint = (
                self.tr("Press S to start")
                if model.self_timer()
                else self.tr("Waiting for the host to start")
            )
        elif status is TimerStatus.PAUSED and model.self_timer():
            hint = self.tr("Paused: press S to resume")
        else:
            hint = ""
        self.console.face.set_hint(hint)
        self.console.info.set_value("elapsed", ticker.elapsed_text)
        self._follow_end_time()

    def follow_wall_clock(self) -> None:
        """The clock and the planned end, as the minute turns."""
        self.console.info.set_value("clock", self._wall_clock.text)
        self._follow_end_time()

    def _follow_end_time(self) -> None:
        remaining = self._ticker.remaining
        if remaining is None:
            self.console.info.set_value("ends", "--:--")
            return
        end = self._wall() + remaining  # in overtime: when the slot ended
        self.console.info.set_value("ends", clock_text(end))

    def follow_status(self) -> None:
        """The link's status in the console's status bar, and 'Offline' on both faces."""
        model = self._model
        if not model.is_attached:
            # The link starts after the first slide: say so without loading its code (~130 ms
            # of websockets and msgspec the console need not wait for).
            self._show_status("connecting", self.tr("○ Connecting…"))
            return
        from kanpe.net.link import LinkStatus  # loaded with the link already

        match model.status:
            case LinkStatus.ONLINE:
                latency = model.latency_ms
                text = (
                    self.tr("● Online · {ms} ms").format(ms=round(latency))
                    if latency is not None
                    else self.tr("● Online")
                )
                state = "online"
            case LinkStatus.OFFLINE:
                since = model.offline_since
                if since is None:
                    text = self.tr("▲ Offline: reconnecting…")
                else:
                    wall_since = self._wall() - (model.clock() - since)
                    text = self.tr("▲ Offline since {time}: still counting, reconnecting…").format(
                        time=clock_text(wall_since, seconds=True)
                    )
                state = "offline"
            case LinkStatus.CONNECTING:
                text, state = self.tr("○ Connecting…"), "connecting"
            case LinkStatus.FAILED:
                text = self.tr("✕ The relay refused this link: {reason}").format(
                    reason=NoticeWords().refusal(model.failure_code, model.failure)
                )
                state = "failed"
            case _:  # closed
                text, state = self.tr("○ Closed"), "failed"
        self._show_status(state, text)

    def _show_status(self, state: str, text: str) -> None:
        self.console.set_link_status(state, text)
        alert = self.tr("Offline") if state == "offline" else ""
        self.console.face.set_alert(alert)
        self.overlay.face.set_alert(alert)

    def show_page(self, page: int, pages: int) -> None:
        """The slide number, and whether a next slide follows."""
        text = self.tr("Slide {page} / {pages}").format(page=page, pages=pages) if pages else ""
        self.console.slide_number.setText(text)
        self.console.next_caption.setText(
            self.tr("Next") if page < pages or not pages else self.tr("Next: end of deck")
        )

    # --- preferences ---------------------------------------------------------------------------

    def apply_settings(self, settings: SpeakerSettings) -> None:
        """The remembered overlay, and the menus' check marks."""
        s = settings
        self.console.set_checked("stage.badge", s.stage_countdown)
        self.console.set_checked("sound.thresholds", s.threshold_sound)
        self.console.set_checked("pace.meter", s.pace_meter)
        self.console.set_choice("stage.size", s.stage_size)
        self.overlay.set_opacity(s.overlay_opacity)
        if s.overlay is not None:
            g = s.overlay
            self.overlay.restore_geometry(QRect(g.x, g.y, g.width, g.height))
        self.overlay.set_click_through(s.overlay_click_through)
        self.console.set_checked("overlay.click_through", s.overlay_click_through)
        self.console.set_checked("overlay.show", s.overlay_visible)
        if self.questions is not None:
            self.questions.set_open(s.questions_open)
