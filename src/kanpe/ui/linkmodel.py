"""LinkModel: the speaker's link as Qt signals, for views that only subscribe.

It turns ``LinkClient`` notices (plain callbacks on the asyncio loop, which under qasync is the
Qt thread) into signals that say what changed for this speaker: their slot, their cue, the chat,
reactions, the pinned question, the link status. It holds no timing logic; ``relay_now`` is the
link's own estimate of relay time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    import asyncio  # only for annotations: importing it costs ~80 ms before the first slide

    from kanpe.core.countdown import Countdown, Thresholds
    from kanpe.core.model import ChatMessage, Cue, Question, SlotState
    from kanpe.core.protocol import Ack, Command

    # Imported when a link is attached, not before: the websockets client is tens of
    # milliseconds the first slide need not wait for.
    from kanpe.net.link import LinkClient, LinkNotice


class LinkModel(QObject):
    attached = Signal()  # the link client is in place (see ``attach``)
    statusChanged = Signal()  # status, offline_since or latency changed
    slotChanged = Signal()  # this speaker's SlotState, thresholds or talk title changed
    cueChanged = Signal()  # the cue itself (a new one, acked, cleared)
    chatPosted = Signal(object)  # ChatMessage
    chatReset = Signal()  # a snapshot replaced the chat
    reacted = Signal(str)  # emoji
    pinnedChanged = Signal()

    def __init__(self, link: LinkClient | None = None, parent: QObject | None = None) -> None:
        """``link`` may come later (``attach``): the app paints its first slide while the
        link, and in solo mode the relay, are still starting."""
        super().__init__(parent)
        self._link: LinkClient | None = None
        self._slot: SlotState | None = None
        self._plan: tuple[Thresholds | None, str] = (None, "")
        self._pinned: Question | None = None
        if link is not None:
            self.attach(link)

    def attach(self, link: LinkClient) -> None:
        assert self._link is None, "a LinkModel follows one link"
        self._link = link
        link.add_listener(self._on_notice)
        if link.state is not None:
            self._resync()
        self.statusChanged.emit()
        self.attached.emit()

    @property
    def link(self) -> LinkClient:
        assert self._link is not None, "no link attached yet"
        return self._link

    @property
    def is_attached(self) -> bool:
        return self._link is not None

    # --- what views read ----------------------------------------------------------------------

    @property
    def clock(self) -> Callable[[], float]:
        """The local monotonic clock the link measures with (injectable in tests)."""
        return time.monotonic if self._link is None else self._link.clock

    @property
    def status(self) -> str:
        """A ``LinkStatus`` (a str enum); "connecting" until a link is attached."""
        return "connecting" if self._link is None else self._link.status

    @property
    def offline_since(self) -> float | None:
        return None if self._link is None else self._link.offline_since

    @property
    def failure(self) -> str:
        return "" if self._link is None else self._link.failure

    @property
    def latency_ms(self) -> float | None:
        round_trip = None if self._link is None else self._link.round_trip
        return None if round_trip is None else round_trip * 1000.0

    @property
    def slot_id(self) -> str | None:
        return None if self._link is None else self._link.slot

    def slot(self) -> SlotState | None:
        return self._slot

    def countdown(self) -> Countdown | None:
        return None if self._slot is None else self._slot.timer

    def thresholds(self) -> Thresholds:
        from kanpe.core.countdown import DEFAULT_THRESHOLDS

        if self._link is None:
            return DEFAULT_THRESHOLDS
        state, slot_id = self._link.state, self._link.slot
        if state is None or slot_id is None:
            return DEFAULT_THRESHOLDS
        return state.thresholds(slot_id)

    def cue(self) -> Cue | None:
        return None if self._slot is None else self._slot.cue

    def self_timer(self) -> bool:
        return self._slot is not None and self._slot.self_timer

    def talk_title(self) -> str:
        if self._link is None:
            return ""
        state, slot_id = self._link.state, self._link.slot
        plan = None if state is None or slot_id is None else state.slot_rules(slot_id)
        return "" if plan is None else plan.title

    def chat(self) -> list[ChatMessage]:
        state = None if self._link is None else self._link.state
        return [] if state is None else [m for m in state.chat if not m.hidden and m.text]

    def pinned(self) -> Question | None:
        return self._pinned

    def relay_now(self) -> float | None:
        return None if self._link is None else self._link.relay_now()

    def command(self, command: Command) -> asyncio.Future[Ack]:
        return self.link.command(command)

    def new_id(self) -> str:
        return self.link.new_id()

    def close(self) -> None:
        if self._link is not None:
            self._link.remove_listener(self._on_notice)

    # --- notices ------------------------------------------------------------------------------

    def _on_notice(self, notice: LinkNotice) -> None:
        from kanpe.core.clock import Estimate
        from kanpe.core.protocol import Presence
        from kanpe.net.link import Applied, StatusChanged, Synced

        match notice:
            case StatusChanged():
                self.statusChanged.emit()
            case Estimate():
                self.statusChanged.emit()  # latency
            case Synced():
                self._resync()
                self.chatReset.emit()
            case Applied(event=event):
                self._on_event(event)
            case Presence():
                pass

    def _resync(self) -> None:
        self._set_slot(self._my_slot())
        self._set_pinned(self._find_pinned())

    def _on_event(self, event: object) -> None:
        from kanpe.core.events import (
            ChatPosted,
            QuestionChanged,
            Reacted,
            RundownChanged,
            SlotChanged,
        )

        match event:
            case SlotChanged() | RundownChanged():
                self._set_slot(self._my_slot())
            case ChatPosted(message=message):
                if not message.hidden and message.text:
                    self.chatPosted.emit(message)
                else:
                    self.chatReset.emit()  # a moderator hid a line already shown
            case Reacted(emoji=emoji):
                self.reacted.emit(emoji)
            case QuestionChanged():
                self._set_pinned(self._find_pinned())

    def _my_slot(self) -> SlotState | None:
        if self._link is None:
            return None
        state, slot_id = self._link.state, self._link.slot
        if state is None or slot_id is None:
            return None
        return state.slots.get(slot_id)

    def _set_slot(self, slot: SlotState | None) -> None:
        # A new rundown may keep a running slot's state as it is and still move its thresholds
        # (so the phase) or its title: those are news to the views too.
        plan = (self.thresholds(), self.talk_title())
        if slot == self._slot and plan == self._plan:
            return
        old_cue = None if self._slot is None else self._slot.cue
        self._slot = slot
        self._plan = plan
        self.slotChanged.emit()
        if (None if slot is None else slot.cue) != old_cue:
            self.cueChanged.emit()

    def _find_pinned(self) -> Question | None:
        state = None if self._link is None else self._link.state
        if state is None:
            return None
        for question in state.questions.values():
            if question.pinned and not question.hidden and not question.answered:
                return question
        return None

    def _set_pinned(self, question: Question | None) -> None:
        if question != self._pinned:
            self._pinned = question
            self.pinnedChanged.emit()
