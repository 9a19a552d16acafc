"""The speaker app: the three windows wired to one slot model, one ticker, one deck, the settings.

This is the controller: it subscribes the views to the models, turns keys into actions, hands
the speaker's commands (start/pause in solo mode, cue acknowledgements, the slide number) to the
CommandSender, posts what the speaker should know to the notice channel, and keeps the speaker's
preferences. It keeps no time itself: every window paints the same CountdownTicker, which follows
the link's state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFileDialog

from kanpe.core.clockface import TimerStatus
from kanpe.core.gcpolicy import GcPolicy
from kanpe.core.notices import AppNotice, Notices, Severity
from kanpe.storage.settings import (
    MAX_FONT,
    MIN_FONT,
    STAGE_SIZES,
    OverlayGeometry,
    SettingsStore,
    SpeakerSettings,
)
from kanpe.ui.commands import CommandSender
from kanpe.ui.gcidle import IdleCollector
from kanpe.ui.speaker.deckhost import DeckHost
from kanpe.ui.speaker.feed import ChatListModel, ReactionBursts
from kanpe.ui.speaker.firstpaint import FirstPaint
from kanpe.ui.speaker.pollcontrol import PollControl
from kanpe.ui.speaker.preferences import SpeakerPreferences
from kanpe.ui.speaker.slidereport import SlideReporter
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel
from kanpe.ui.speaker.stage import StageWindow, slides_size
from kanpe.ui.theme import STYLE
from kanpe.ui.ticker import CountdownTicker, WallClock

if TYPE_CHECKING:
    # The protocol's messages (and msgspec's JSON) load with the link, after the first slide.
    from kanpe.core.model import Cue
    from kanpe.core.protocol import Command
    from kanpe.storage.rehearsals import RehearsalStore
    from kanpe.ui.cuecard import CueFlash
    from kanpe.ui.keys import KeyRouter
    from kanpe.ui.speaker.chimes import SoundOutput, ThresholdSounds
    from kanpe.ui.speaker.console import PresenterConsole
    from kanpe.ui.speaker.overlay import OverlayWindow
    from kanpe.ui.speaker.pacemeter import Microphone, PaceMeter
    from kanpe.ui.speaker.presenter import PresenterWindows

log = logging.getLogger("kanpe.ui")

STAGE_FIRST_LIMIT_MS = 1500  # the console shows by then even if the stage never painted


class SpeakerApp(QObject):
    """The speaker's app: owns the stage, the presenter console and the overlay, the deck, the
    notice channel (``notices``) and the command sender (``commands``) over one slot model.
    ``finished`` fires once when the speaker quits (``quit``), after the windows closed and the
    settings were saved.

    With ``stage_first`` (``kanpe speak``), the stage is built and shown on its own, and the
    console, the overlay and the key router are built once the stage's first slide is on
    screen: the window the speaker shares comes up first, without waiting for the others' code
    to load and their views to render. Otherwise all three are built at once. A ``deck`` given
    here opens before the stage is built, and its first page renders meanwhile.
    """

    finished = Signal()
    firstPainted = Signal()  # the stage's first frame, with its slide if there is one, is painted
    consolePainted = Signal()  # the console's first frame, with its slide if there is one

    # Built by build_private(): at once, or after the stage's first frame with stage_first.
    presenter: PresenterWindows
    router: KeyRouter
    sounds: ThresholdSounds
    meter: PaceMeter

    def __init__(
        self,
        model: SpeakerSlotModel,
        *,
        settings: SettingsStore[SpeakerSettings],
        solo: bool,
        wall: Callable[[], float] = time.time,
        stage_first: bool = False,
        questions_file: Path | None = None,
        rehearsals: RehearsalStore | None = None,
        rehearse: bool = False,
        deck: Path | None = None,
        sound_output: SoundOutput | None = None,
        microphone: Microphone | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``sound_output``: where the threshold chimes play (None: the default output device);
        ``microphone``: what the pace meter listens to (None: the default input device)."""
        super().__init__(parent)
        self._sound_output = sound_output
        self._microphone = microphone
        self.questions_file = questions_file  # kanpe speak --questions
        self.rehearsals = rehearsals  # where the deck's rehearsals are kept (None: nowhere)
        self.rehearse = rehearse  # kanpe speak --rehearse
        self.model = model
        self.solo = solo
        self._wall = wall
        self._stage_first = stage_first
        self._private = False
        self.notices = Notices()  # shown on the console, once it is built
        self.preferences = SpeakerPreferences(settings, self.notices, self)
        self.commands = CommandSender(model.room, self.notices, parent=self)
        self.ticker = CountdownTicker(model.relay_now, clock=model.clock, parent=self)
        self.wall_clock = WallClock(wall, parent=self)
        self.chat = ChatListModel(self)
        self.bursts = ReactionBursts(parent=self)
        self.reporter = SlideReporter(self.commands, self)
        self.deck = DeckHost(self)
        if stage_first:  # the stage's next pages render once the console has its own
            self.deck.stage_view.cache.hold_neighbours(True)
        if deck is not None:
            self._open_first(deck)
        self.stage = StageWindow(self.deck.stage_view, self.chat, self.bursts, self.ticker)
        self.stage.setStyleSheet(STYLE)
        self.polls = PollControl(model.room, self.commands, self.stage.feed.poll, self)
        self._first_paint = FirstPaint(
            (self.stage, self.deck.stage_view), self.deck.stage_view.is_waiting, self
        )
        self._first_paint.painted.connect(self.firstPainted)
        self._console_paint: FirstPaint | None = None  # once the console shows
        self._finished = False
        model.attached.connect(self._attached)
        self._wire_stage()
        if self.deck.path is not None:  # opened above, before anyone listened
            self._deck_changed()
        s = self.settings
        self.stage.set_split(s.split)
        self.stage.feed.set_font_size(s.feed_font)
        self.stage.set_badge_visible(s.stage_countdown)
        self._frame_stage(s.stage_size)
        if model.is_attached:  # else _attached follows it
            self.ticker.set_countdown(model.countdown(), model.thresholds())
        self.chat.reset_to(model.chat())
        self.stage.feed.pinned.show_question(model.pinned())
        if not stage_first:
            self.build_private()

    def _open_first(self, path: Path) -> None:
        """Open the deck before the stage is built, and start rendering its first page at the
        size the stage will give it, while the windows are built and mapped."""
        if self.deck.open(path) is not None:
            return  # the console says why, once it is built
        size = STAGE_SIZES.get(self.settings.stage_size)
        frame = None if size is None else QSize(*size)
        self.deck.stage_view.expect_size(slides_size(self.settings.split, frame))

    def build_private(self) -> None:
        """Build the console, the overlay and the key router (once), and bring them up to date."""
        if self._private:
            return
        # Imported here: ~25 ms of code the stage's first slide does not wait for.
        from kanpe.ui.keys import KeyRouter
        from kanpe.ui.speaker.presenter import PresenterWindows

        self.presenter = PresenterWindows(
            self.model,
            self.ticker,
            self.wall_clock,
            self.deck,
            self.notices,
            solo=self.solo,
            chat=self.commands,
            commands=self.commands,
            questions_file=self.questions_file,
            rehearsals=self.rehearsals,
            rehearse=self.rehearse,
            wall=self._wall,
            parent=self,  # so quit() stops its timers (the cue flash) with everyone else's
        )
        self.router = KeyRouter(self.handle_key, self)
        # The stage's contents are a window of their own while laid out at a fixed size.
        for watched in (self.stage, self.stage.contents, *self.presenter.windows()):
            self.router.watch(watched)
        self._private = True
        from kanpe.ui.speaker.chimes import MiniaudioOutput, ThresholdSounds

        output = self._sound_output
        self.sounds = ThresholdSounds(
            self.ticker,
            MiniaudioOutput(parent=self) if output is None else output,
            enabled=self.settings.threshold_sound,
            parent=self,
        )
        self._build_pace_meter()
        self.polls.attach_panel(
            self.console.polls, lambda on: self.console.set_checked("poll.stage", on)
        )
        self._wire_private()
        self.presenter.apply_settings(self.settings)
        self._follow_slot()
        self.presenter.follow_all()

    @property
    def console(self) -> PresenterConsole:
        """The presenter console (built by ``build_private``)."""
        return self.presenter.console

    @property
    def overlay(self) -> OverlayWindow:
        """The always-on-top overlay (built by ``build_private``)."""
        return self.presenter.overlay

    @property
    def flash(self) -> CueFlash:
        """One blink for console and overlay, in step."""
        return self.presenter.flash

    # --- wiring --------------------------------------------------------------------------------

    def _wire_stage(self) -> None:
        model = self.model
        model.chatPosted.connect(self.chat.append)
        model.chatReset.connect(lambda: self.chat.reset_to(self.model.chat()))
        model.reacted.connect(self.bursts.add)
        model.pinnedChanged.connect(
            lambda: self.stage.feed.pinned.show_question(self.model.pinned())
        )
        # The ticker (the stage's badge) follows the slot before the console exists too.
        model.slotChanged.connect(self._follow_slot)
        model.statusChanged.connect(self._follow_status)
        self.deck.pageChanged.connect(self._page_changed)
        self.deck.deckChanged.connect(self._deck_changed)
        self.stage.closing.connect(self.quit)
        self.stage.splitChanged.connect(self._split_changed)

    def _wire_private(self) -> None:
        model = self.model
        presenter = self.presenter
        model.cueChanged.connect(presenter.follow_cue)
        model.cueChanged.connect(self._answer_check)
        self.ticker.changed.connect(presenter.follow_ticker)
        self.wall_clock.changed.connect(presenter.follow_wall_clock)
        self.console.cue.acknowledge.connect(self.acknowledge_cue)
        self.console.openDeckRequested.connect(self.choose_deck)
        self.console.closing.connect(self.quit)
        self.overlay.geometryEdited.connect(self._overlay_moved)
        self.overlay.closedByUser.connect(lambda: self.set_overlay_visible(False))
        if presenter.questions is not None:
            presenter.questions.openChanged.connect(self._questions_opened)
        for name, action in self.console.menu_actions.items():
            if name.startswith("stage.size:"):  # one of the choices (kanpe.ui.menus.choice_name)
                size = name.removeprefix("stage.size:")
                action.triggered.connect(lambda _checked=False, s=size: self.set_stage_size(s))
                continue
            # Checkable items toggle, as their key does; the handler then ticks the item.
            action.triggered.connect(lambda _checked=False, name=name: self.act(name))

    @property
    def has_private_windows(self) -> bool:
        """Whether the console and the overlay are built (build_private)."""
        return self._private

    @property
    def console_has_painted(self) -> bool:
        """Whether ``consolePainted`` has been emitted already."""
        return self._console_paint is not None and self._console_paint.done

    @property
    def has_painted(self) -> bool:
        """Whether ``firstPainted`` has been emitted already."""
        return self._first_paint.done

    def show(self) -> None:
        """Show the windows: with ``stage_first``, the stage alone, and the console and overlay
        once its first slide is on screen (or after STAGE_FIRST_LIMIT_MS at the latest)."""
        self.stage.show()
        if self._stage_first and not self.has_painted:
            self.firstPainted.connect(self._show_private, Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(STAGE_FIRST_LIMIT_MS, self._show_private)
        else:
            self._show_private()

    def _show_private(self) -> None:
        if self._finished:
            return
        self.build_private()
        if self.console.isVisible():
            return
        # The router (an application-wide event filter) listens from now on: installed before
        # the first slide, the first event it saw for a Qt-internal object (the render thread
        # starting) made PySide create every Qt type not yet used, ~30 ms.
        self.router.install()
        view = self.deck.console_view
        self._console_paint = FirstPaint((self.console, view), view.is_waiting, self)
        self._console_paint.painted.connect(self.consolePainted)
        self.console.show()
        if self.settings.overlay_visible:
            self.overlay.show()
        self.console.raise_()
        self.console.activateWindow()
        # The stage's next pages render once the console's current one has (or now, if no
        # render is on its way to the console).
        console_cache = self.deck.console_view.cache
        if console_cache.is_busy():
            console_cache.pageReady.connect(
                self._release_stage_cache, Qt.ConnectionType.SingleShotConnection
            )
        else:
            self._release_stage_cache()

    def _release_stage_cache(self) -> None:
        self.deck.stage_view.cache.hold_neighbours(False)

    def _attached(self) -> None:
        self.chat.reset_to(self.model.chat())
        self.stage.feed.pinned.show_question(self.model.pinned())
        self._follow_slot()
        if self._private:
            self.presenter.follow_cue()
            self._follow_status()

    # --- following the models ------------------------------------------------------------------

    def _follow_slot(self) -> None:
        self.ticker.set_countdown(self.model.countdown(), self.model.thresholds())
        if self._private:
            self.presenter.follow_slot()

    def _follow_status(self) -> None:
        if self._private:
            self.presenter.follow_status()
        # A new clock estimate may move the next change by a few milliseconds.
        self.ticker.refresh()

    # --- deck ----------------------------------------------------------------------------------

    def open_deck(self, path: Path) -> bool:
        """Open the PDF at ``path`` in every slide view; False (and the console says why) when it
        cannot be opened."""
        error = self.deck.open(path)
        if self._private:
            self.console.set_deck_error(error or "")
        return error is None

    def choose_deck(self) -> None:
        """Ask the speaker for a PDF deck and open it."""
        path, _ = QFileDialog.getOpenFileName(
            self.console, self.tr("Open a PDF deck"), "", self.tr("PDF decks (*.pdf)")
        )
        if path:
            self.open_deck(Path(path))

    def _deck_changed(self) -> None:
        self._page_changed(self.deck.page, self.deck.pages)
        self.reporter.flush()

    def _page_changed(self, page: int, pages: int) -> None:
        self.reporter.page_changed(page, pages)
        if self._private:
            self.presenter.show_page(page, pages)

    # --- actions -------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """A key press in one of the speaker's windows: its binding's action (see
        ``kanpe.ui.keys.SPEAKER_BINDINGS``); whether the key was taken."""
        from kanpe.ui.keys import SPEAKER_KEYMAP

        binding = SPEAKER_KEYMAP.lookup(event.key(), event.modifiers())
        if event.isAutoRepeat() and binding is not None and binding.once:
            return True  # a held key toggles once
        if self.console.help.isVisible() and event.key() != Qt.Key.Key_Shift:
            self.console.help.hide()  # any key closes help, and does only that
            return True
        return binding is not None and self.act(binding.action)

    def act(self, action: str) -> bool:
        """Do ``action`` (a binding's name), from a key or a menu; whether it applied now."""
        return self._actions()[action]()

    def _actions(self) -> dict[str, Callable[[], bool]]:
        from kanpe.ui.speaker.keyactions import speaker_actions

        return speaker_actions(self)

    def toggle_blank(self) -> None:
        """Blank the stage's slide, or bring it back (the console keeps showing it)."""
        self.deck.set_blank(not self.deck.blank)
        self.console.set_checked("stage.blank", self.deck.blank)

    def start_pause(self) -> None:
        """Start or pause the speaker's own timer (solo, or when the host allows it); otherwise a
        notice says the host runs it."""
        slot_id = self.model.slot_id
        if slot_id is None:
            return
        if not self.model.self_timer():
            self.notices.post(AppNotice.HOST_RUNS_TIMER, Severity.INFO)
            return
        from kanpe.core.protocol import PauseTimer, StartTimer

        command: Command
        if self.ticker.status is TimerStatus.RUNNING:
            command = PauseTimer(id=self.commands.new_id(), slot=slot_id)
        else:
            command = StartTimer(id=self.commands.new_id(), slot=slot_id)
        self.commands.send(command)

    def acknowledge_cue(self) -> None:
        """Tell the host the speaker saw their latest cue (once per cue)."""
        cue: Cue | None = self.model.cue()
        if cue is None or cue.acked_at is not None:
            return
        from kanpe.core.protocol import AckCue

        self.commands.send(AckCue(id=self.commands.new_id(), cue=cue.id))

    def _answer_check(self) -> None:
        """A connection check is answered at once, with no key: the answer is the check."""
        cue: Cue | None = self.model.cue()
        if cue is not None and cue.kind == "check":  # CueKind.CHECK (a StrEnum), loaded late
            self.acknowledge_cue()

    # --- preferences ---------------------------------------------------------------------------

    @property
    def settings(self) -> SpeakerSettings:
        """The speaker's preferences as they are now."""
        return self.preferences.settings

    @settings.setter
    def settings(self, settings: SpeakerSettings) -> None:
        self.preferences.settings = settings

    def _change(self, **changes: object) -> None:
        self.preferences.change(**changes)

    def save_settings(self) -> None:
        """Write the preferences now (they are also written shortly after each change)."""
        self.preferences.save()

    def _split_changed(self, share: float) -> None:
        self._change(split=share)

    def set_feed_font(self, points: int) -> None:
        """The stage feed's text size, in points (kept within its range, remembered)."""
        points = max(MIN_FONT, min(MAX_FONT, points))
        self.stage.feed.set_font_size(points)
        self._change(feed_font=points)

    def set_stage_badge(self, on: bool) -> None:
        """Show or hide the countdown badge on the stage (remembered)."""
        self.stage.set_badge_visible(on)
        self.console.set_checked("stage.badge", on)
        self._change(stage_countdown=on)

    def set_stage_size(self, name: str) -> None:
        """Lay the stage out at a fixed size for streaming (a key of ``STAGE_SIZES``), or fit
        it to its window ("window"); remembered. An unknown name is ignored."""
        if name not in STAGE_SIZES:
            return
        self._frame_stage(name)
        if self._private:
            self.console.set_choice("stage.size", name)
        self._change(stage_size=name)

    def next_stage_size(self) -> None:
        """The next of ``STAGE_SIZES`` after the one chosen now (the key steps round them)."""
        names = list(STAGE_SIZES)
        index = names.index(self.settings.stage_size) if self.settings.stage_size in names else 0
        self.set_stage_size(names[(index + 1) % len(names)])

    def _frame_stage(self, name: str) -> None:
        size = STAGE_SIZES.get(name)
        self.stage.set_frame_size(None if size is None else QSize(*size))

    def set_overlay_visible(self, on: bool) -> None:
        """Show or hide the overlay (remembered)."""
        if on:
            self.overlay.show()
            self.overlay.raise_()
        else:
            self.overlay.hide()
        self.console.set_checked("overlay.show", on)
        self._change(overlay_visible=on)

    def set_threshold_sound(self, on: bool) -> None:
        """Chime in the console at each threshold and at time-up, or not (remembered)."""
        self.sounds.enabled = on
        self.console.set_checked("sound.thresholds", on)
        self._change(threshold_sound=on)

    def _build_pace_meter(self) -> None:
        from kanpe.ui.speaker.pacehint import PaceHint, PaceStatus
        from kanpe.ui.speaker.pacemeter import MiniaudioMicrophone, PaceMeter

        microphone = self._microphone or MiniaudioMicrophone()
        self.meter = PaceMeter(microphone, clock=self.model.clock, parent=self)
        self.console.statusBar().addWidget(PaceStatus(self.meter))
        PaceHint(self.meter, self.console.face)
        PaceHint(self.meter, self.overlay.face)
        # 'Fast' is against the speaker's own rate when a rehearsal of this deck heard it.
        pace, meter = self.presenter.pace, self.meter
        pace.speech_rate = meter.average_rate

        def follow_rehearsals(rehearsing: bool = False) -> None:
            if rehearsing:
                meter.restart_average()
            meter.set_reference(pace.rehearsed_rate)

        pace.rehearsingChanged.connect(follow_rehearsals)
        self.deck.deckChanged.connect(follow_rehearsals)
        follow_rehearsals()
        if self.settings.pace_meter:
            meter.set_enabled(True)

    def set_pace_meter(self, on: bool) -> None:
        """Listen to the microphone for the speaking rate, or stop (remembered). With no
        microphone the status bar says so and the choice stays off."""
        state = self.meter.set_enabled(on)
        listening = state.value == "listening"
        self.console.set_checked("pace.meter", listening)
        self._change(pace_meter=listening)

    def set_click_through(self, on: bool) -> None:
        """Let clicks through the overlay to the window below, or not (remembered)."""
        self.overlay.set_click_through(on)
        self.console.set_checked("overlay.click_through", on)
        self._change(overlay_click_through=on)

    def _questions_opened(self, on: bool) -> None:
        if on != self.settings.questions_open:
            self._change(questions_open=on)  # remembered, as the overlay's place is

    def _overlay_moved(self, rect: QRect) -> None:
        self._change(overlay=OverlayGeometry(rect.x(), rect.y(), rect.width(), rect.height()))

    def collect_garbage_when_idle(self, policy: GcPolicy) -> IdleCollector:
        """Own the process's garbage collection (``kanpe speak``; core/gcpolicy.py): what exists
        now is frozen, and full collections wait for a moment with no flip, key or chat line, away
        from the countdown's next repaint. Stopped when the speaker quits."""
        collector = IdleCollector(
            policy, next_paint=lambda: self.ticker.due, clock=self.model.clock, parent=self
        )
        collector.watch(
            self.deck.pageChanged, self.model.chatPosted, self.model.reacted, self.model.cueChanged
        )
        self.finished.connect(collector.stop)
        collector.start()
        return collector

    # --- quitting ------------------------------------------------------------------------------

    @property
    def is_finished(self) -> bool:
        """Whether the speaker has quit (``finished`` was emitted)."""
        return self._finished

    def quit(self) -> None:
        """Quit in order: save, stop sending, close the windows and the deck, then emit
        ``finished``. Called again: nothing."""
        if self._finished:
            return
        self._finished = True
        if self.preferences.unsaved:
            self.save_settings()
        if self._private:
            self.router.uninstall()
            self.sounds.output.close()
            self.meter.close()
            self.presenter.pace.keep()  # a rehearsal under way, as the speaker quits
            if self.presenter.questions is not None:
                self.presenter.questions.flush()  # the kept record, as the talk ends
        self.reporter.close()
        self.commands.close()
        for timer in self.findChildren(QTimer):
            timer.stop()  # nothing may wake up once the loop under the link has stopped
        windows = (self.overlay, self.stage, self.console) if self._private else (self.stage,)
        for window in windows:
            window.blockSignals(True)
            window.close()
        self.deck.close()
        self.model.close()
        self.finished.emit()
