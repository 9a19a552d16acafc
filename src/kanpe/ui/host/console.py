"""HostConsole: the host's app, the controller between the room model and the main window.

It subscribes the window's parts to the ``RoomModel``, turns what the host does into commands
for the ``CommandSender``, keeps the host's preferences, and says what went wrong through the
notice channel. It sends nothing while the relay cannot be reached: a command made then would
arrive late and surprise a speaker (a "start" minutes after it was meant), so it is dropped and
listed in the window's banner instead, and the host does it again once the relay is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from kanpe.core.notices import AppNotice, Notices, Severity
from kanpe.storage.hostsettings import CuePreset, HostSettings
from kanpe.storage.settings import SettingsStore
from kanpe.ui.commands import CommandSender
from kanpe.ui.host.console_actions import ConsoleActions
from kanpe.ui.host.keys import HOST_KEYMAP
from kanpe.ui.host.window import HostWindow
from kanpe.ui.keys import KeyRouter
from kanpe.ui.notices import NoticeWords
from kanpe.ui.roommodel import RoomModel
from kanpe.ui.ticker import clock_text

if TYPE_CHECKING:
    import asyncio

    from kanpe.core.protocol import Ack, Command
    from kanpe.net.link import LinkClient

log = logging.getLogger("kanpe.ui")

TICK_MS = 1000  # "online for 3 min", the banner's age and the lateness strip move this often


class HostConsole(QObject):
    """The host console over one room model. ``finished`` fires once after ``quit``."""

    finished = Signal()

    def __init__(
        self,
        room: RoomModel,
        *,
        settings: SettingsStore[HostSettings],
        wall: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.room = room
        self.store = settings
        self.settings = settings.load()
        self._wall = wall
        self.notices = Notices()
        self.commands = CommandSender(room, self.notices, parent=self)
        self.window = HostWindow(self.notices, room.relay_now, room.clock)
        self.selected: str | None = None
        self.next_link: LinkClient | None = None  # the room the host chose to join instead
        # This console's room is the event this process serves (HostSession sets it): joining
        # another room stops it, which the join dialog says first.
        self.runs_own_event = False
        self.unsent: list[str] = []
        # slot: (online, since when by the local monotonic clock; None: since before we looked)
        self._seen: dict[str, tuple[bool, float | None]] = {}
        self._finished = False
        self.actions = ConsoleActions(self)
        self.router = KeyRouter(self.handle_key, self)
        self.router.watch(self.window)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._every_second)
        self._wire()
        self._apply_settings()
        if self.store.problem:
            self.notices.post(
                AppNotice.SETTINGS_UNREADABLE, Severity.ERROR, problem=self.store.problem
            )
        self.follow_all()
        self._tick.start()

    def _wire(self) -> None:
        room, window = self.room, self.window
        room.synced.connect(self.follow_all)
        room.rundownChanged.connect(self.follow_all)
        room.currentChanged.connect(self.follow_all)
        room.slotChanged.connect(self._slot_changed)
        room.presenceChanged.connect(self._follow_cards)
        room.statusChanged.connect(self._status_changed)
        room.attached.connect(self.follow_all)
        window.closing.connect(self.quit)
        window.rundown.selected.connect(self.select)
        window.cards.selected.connect(self.select)
        window.cues.target.currentIndexChanged.connect(
            lambda _: self.select(window.cues.slot() or "")
        )
        window.forget_unsent.clicked.connect(self._forget_unsent)
        window.cues.presetsEdited.connect(self._presets_edited)
        window.cues.flashChanged.connect(lambda on: self._change(flash=on))
        window.rundown.next_starts.toggled.connect(lambda on: self._change(next_starts=on))
        window.splitter.splitterMoved.connect(
            lambda *_: self._change(splitter=tuple(window.splitter.sizes()))
        )

    def _apply_settings(self) -> None:
        s = self.settings
        self.window.cues.set_presets(s.presets)
        self.window.cues.flash.setChecked(s.flash)
        self.window.rundown.next_starts.setChecked(s.next_starts)
        if len(s.splitter) == 3 and all(s.splitter):
            self.window.splitter.setSizes(list(s.splitter))

    def show(self) -> None:
        self.router.install()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def handle_key(self, event: QKeyEvent) -> bool:
        """A key pressed in the window: the table's action, if it is one of the table's keys."""
        binding = HOST_KEYMAP.lookup(event.key(), event.modifiers())
        help_card = self.window.help
        if help_card.isVisible() and event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_Control):
            help_card.hide()  # any key closes the card, and does nothing else
            return True
        if binding is None:
            return False
        if binding.once and event.isAutoRepeat():
            return True
        action = self.window.actions_by_id.get(binding.action)
        if action is not None and action.isEnabled():
            action.trigger()
        return True

    # --- sending ---------------------------------------------------------------------------------

    def send(self, command: Command, what: str) -> asyncio.Future[Ack] | None:
        """Send ``command`` (``what`` in the host's words) if the relay can be reached; else
        list it as not sent. Returns the relay's answer to come, or None when not sent."""
        from kanpe.net.linkstatus import LinkStatus

        if not self.room.is_attached or self.room.status is not LinkStatus.ONLINE:
            self.unsent.append(f"{clock_text(self._wall(), seconds=True)}  {what}")
            self.notices.post(AppNotice.NOT_SENT, Severity.INFO, what=what)
            self._follow_status()
            return None
        return self.commands.send(command)

    def new_id(self) -> str:
        return self.commands.new_id()

    def _forget_unsent(self) -> None:
        self.unsent.clear()
        self.notices.dismiss_code(AppNotice.NOT_SENT)
        self._follow_status()

    # --- following the room ----------------------------------------------------------------------

    def select(self, slot_id: str) -> None:
        state = self.room.state
        if not slot_id or state is None or state.rundown.slot(slot_id) is None:
            return
        self.selected = slot_id
        window = self.window
        window.rundown.select(slot_id)
        window.cues.choose(slot_id)
        for card_id, card in window.cards.cards.items():
            card.set_chosen(card_id == slot_id)

    def follow_all(self) -> None:
        window, state = self.window, self.room.state
        if state is None:
            window.event_title.setText(self.tr("Connecting to the relay…"))
            window.on_stage.setText("")
            self._follow_status()
            return
        rundown = state.rundown
        window.event_title.setText(rundown.title or state.name or self.tr("Untitled event"))
        window.rundown.table.set_rundown(rundown, state.current)
        ids = [slot.id for slot in rundown.slots]
        window.cards.set_slots(ids)
        window.cues.set_talks(
            [(s.id, _talk_label(s.speaker, s.title, s.id)) for s in rundown.slots]
        )
        if self.selected not in ids:
            self.selected = state.current if state.current in ids else (ids[0] if ids else None)
        if self.selected is not None:
            self.select(self.selected)
        self._follow_cards()
        self._follow_status()

    def _slot_changed(self, slot_id: str) -> None:
        self._follow_cards(only=slot_id)

    def _follow_cards(self, only: str | None = None) -> None:
        room, window = self.room, self.window
        state = room.state
        rows = room.roster()
        now_local = room.clock()
        current_row = None
        from kanpe.net.linkstatus import LinkStatus

        live = room.status is LinkStatus.ONLINE
        for row in rows:
            seen = self._seen.get(row.slot)
            if seen is None or seen[0] is not row.online:
                # What the first snapshot says has no known start; a change seen here has.
                seen = (row.online, None if seen is None else now_local)
                self._seen[row.slot] = seen
            since = seen[1]
            if row.current:
                current_row = row
            card = window.cards.cards.get(row.slot)
            if card is None or (only is not None and row.slot != only):
                continue
            card.show_row(
                row,
                None if state is None else state.slots.get(row.slot),
                room.thresholds(row.slot),
                None if since is None else now_local - since,
                lambda t: t,
                live=live,
            )
        if current_row is None:
            window.on_stage.setText(self.tr("No talk on stage"))
        else:
            window.on_stage.setText(
                self.tr("On stage: {talk}").format(
                    talk=_talk_label(current_row.speaker, current_row.title, current_row.slot)
                )
            )
        self._follow_schedule()

    def _follow_schedule(self) -> None:
        state, now = self.room.state, self.room.relay_now()
        window = self.window
        if state is None or now is None:
            window.lateness.show_view(None, lambda t: t)
            return
        from kanpe.core.schedule import schedule

        view = schedule(state, now)
        window.lateness.show_view(view, lambda t: t)
        online = {row.slot: row.online for row in self.room.roster()}
        window.rundown.table.set_schedule(view, online)

    def _status_changed(self) -> None:
        self._follow_status()
        self._follow_cards()  # presence is live only while the relay is reached

    def _follow_status(self) -> None:
        from kanpe.net.linkstatus import LinkStatus

        room, window = self.room, self.window
        status = room.status
        latency = room.latency_ms
        match status:
            case LinkStatus.ONLINE:
                text = self.tr("● Relay online")
                if latency is not None:
                    text += f" · {round(latency)} ms"
            case LinkStatus.CONNECTING:
                text = self.tr("◌ Connecting…")
            case LinkStatus.FAILED:
                text = self.tr("✕ Refused by the relay")
            case _:
                text = self.tr("✕ Relay unreachable")
        window.set_link(status.value, text)
        if status is LinkStatus.ONLINE and not self.unsent:
            window.hide_banner()
            return
        if status is LinkStatus.ONLINE:
            title = self.tr("The relay is back. The console shows the room as it is now.")
            window.show_banner(title, "", self.unsent)
            return
        window.show_banner(self._banner_title(status), self._banner_text(status), self.unsent)

    def _banner_title(self, status: object) -> str:
        from kanpe.net.linkstatus import LinkStatus

        if status is LinkStatus.FAILED:
            return self.tr("The relay refused this console's link: {reason}").format(
                reason=NoticeWords().refusal(self.room.failure_code, self.room.failure)
            )
        if status is LinkStatus.CONNECTING and self.room.state is None:
            return self.tr("Connecting to the relay…")
        since = self.room.offline_since
        age = "" if since is None else _age(self.room.clock() - since)
        return self.tr("The relay cannot be reached (for {age}). Trying again…").format(age=age)

    def _banner_text(self, status: object) -> str:
        if self.room.state is None:
            return self.tr("Nothing is shown until the relay answers.")
        since = self.room.offline_since
        age = "" if since is None else _age(self.room.clock() - since)
        return self.tr(
            "What you see is the room as it was {age} ago; timers keep counting from then. "
            "Nothing you do now is sent: it is listed here."
        ).format(age=age)

    def _every_second(self) -> None:
        self._follow_cards()
        self._follow_status()
        self.window.wall_clock.setText(clock_text(self._wall()))

    # --- preferences ------------------------------------------------------------------------------

    def _presets_edited(self, presets: tuple[CuePreset, ...] | None) -> None:
        self._change(presets=presets)

    def _change(self, **changes: object) -> None:
        changed = replace(self.settings, **changes)  # type: ignore[arg-type]
        if changed == self.settings:
            return  # applying the settings at start echoes them back: nothing to write
        self.settings = changed
        self.save_settings()

    def save_settings(self) -> None:
        try:
            self.store.save(self.settings)
        except OSError as exc:
            self.notices.post(AppNotice.SETTINGS_NOT_SAVED, Severity.WARNING, error=str(exc))

    def join_other(self) -> None:
        """Ask for another relay's host link; the console is replaced once it works."""
        from kanpe.ui.host.join import JoinDialog

        dialog = JoinDialog(self.window, own_event=self.room if self.runs_own_event else None)
        dialog.joined.connect(self.switch_to)
        dialog.open()
        self.join_dialog = dialog

    def switch_to(self, link: LinkClient) -> None:
        """Leave this room for ``link``'s (already welcomed as a host): this console quits and
        the session opens a new one on it."""
        self.next_link = link
        self.quit()

    # --- quitting ---------------------------------------------------------------------------------

    @property
    def is_finished(self) -> bool:
        return self._finished

    def quit(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._tick.stop()
        self.router.uninstall()
        self.commands.close()
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.window.blockSignals(True)
        self.window.help.hide()
        self.window.close()
        self.room.close()
        self.finished.emit()


def _talk_label(speaker: str, title: str, slot_id: str) -> str:
    if speaker and title:
        return f"{speaker} — {title}"
    return speaker or title or slot_id


def _age(seconds: float) -> str:
    from kanpe.ui.host.cards import elapsed_text

    return elapsed_text(seconds)
