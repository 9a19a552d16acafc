"""SpeakerSlotModel: the room model narrowed to one speaker's slot, for the speaker's windows.

It follows a ``RoomModel`` and says what changed for this speaker: their slot (timer, title,
thresholds), their cue, the chat, the reactions, the pinned question, the link's status. It holds
no timing logic and no link of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kanpe.ui.roommodel import RoomModel

if TYPE_CHECKING:
    from kanpe.core.countdown import Countdown, Thresholds
    from kanpe.core.model import ChatMessage, Cue, Question, SlotState
    from kanpe.net.link import LinkClient, LinkStatus


class SpeakerSlotModel(QObject):
    """The slot the speaker's token is bound to, in its room. Built before the link exists
    (``room.attach`` comes later): until then there is no slot, and the link is connecting."""

    attached = Signal()  # the room's link is in place
    statusChanged = Signal()  # status, offline_since or latency changed
    slotChanged = Signal()  # this speaker's SlotState, thresholds or talk title changed
    cueChanged = Signal()  # the cue itself (a new one, acked, cleared)
    chatPosted = Signal(object)  # ChatMessage
    chatReset = Signal()  # the chat changed other than by one new line: re-read it
    reacted = Signal(str, int)  # emoji and how many, whichever talk they were for
    pinnedChanged = Signal()

    def __init__(self, room: RoomModel | None = None, parent: QObject | None = None) -> None:
        """``room`` None: a room model of its own, attached later through ``attach``."""
        super().__init__(parent)
        self.room = RoomModel(parent=self) if room is None else room
        self._slot: SlotState | None = None
        self._plan: tuple[Thresholds | None, str] = (None, "")
        self._pinned: Question | None = None
        room = self.room
        room.attached.connect(self.attached)
        room.statusChanged.connect(self.statusChanged)
        room.synced.connect(self._synced)
        room.rundownChanged.connect(self._follow_slot)
        room.slotChanged.connect(self._slot_changed)
        room.chatPosted.connect(self.chatPosted)
        room.chatReset.connect(self.chatReset)
        room.reacted.connect(lambda _slot, emoji, count: self.reacted.emit(emoji, count))
        room.questionChanged.connect(self._follow_pinned)
        if room.state is not None:
            self._follow_slot()
            self._follow_pinned()

    @classmethod
    def following(cls, link: LinkClient, parent: QObject | None = None) -> SpeakerSlotModel:
        """A model over a room model of its own, on ``link`` at once."""
        model = cls(parent=parent)
        model.attach(link)
        return model

    def attach(self, link: LinkClient) -> None:
        """Attach the room model to ``link`` (the app's link started after its first slide)."""
        self.room.attach(link)

    def close(self) -> None:
        """Stop following the link (the app is quitting)."""
        self.room.close()

    # --- what views read ----------------------------------------------------------------------

    @property
    def is_attached(self) -> bool:
        """Whether the room's link is in place."""
        return self.room.is_attached

    @property
    def clock(self) -> Callable[[], float]:
        """The local monotonic clock the link measures with (injectable in tests)."""
        return self.room.clock

    @property
    def status(self) -> LinkStatus:
        """Where the link stands (CONNECTING until it is attached)."""
        return self.room.status

    @property
    def offline_since(self) -> float | None:
        """Local monotonic time the link went down; None while it is up."""
        return self.room.offline_since

    @property
    def failure_code(self) -> int | str | None:
        return self.room.failure_code

    @property
    def failure(self) -> str:
        """The relay's reason for refusing the link itself, in its words."""
        return self.room.failure

    @property
    def latency_ms(self) -> float | None:
        """The link's round trip in milliseconds; None before it is measured."""
        return self.room.latency_ms

    @property
    def slot_id(self) -> str | None:
        """The slot the speaker's token is bound to; None before the first welcome."""
        return self.room.own_slot

    def relay_now(self) -> float | None:
        """Relay time now, by the link's estimate; None before it has one."""
        return self.room.relay_now()

    def slot(self) -> SlotState | None:
        """This speaker's slot as the relay last said; None before a welcome."""
        return self._slot

    def countdown(self) -> Countdown | None:
        """This speaker's timer; None before a welcome."""
        return None if self._slot is None else self._slot.timer

    def thresholds(self) -> Thresholds:
        """When this talk turns to warning and final (the defaults while unknown)."""
        slot_id = self.slot_id
        if slot_id is None:
            from kanpe.core.countdown import DEFAULT_THRESHOLDS

            return DEFAULT_THRESHOLDS
        return self.room.thresholds(slot_id)

    def cue(self) -> Cue | None:
        """The host's latest cue for this speaker, if any."""
        return None if self._slot is None else self._slot.cue

    def self_timer(self) -> bool:
        """Whether the host lets this speaker start and pause their own timer."""
        return self._slot is not None and self._slot.self_timer

    def talk_title(self) -> str:
        """This talk's title in the rundown ("" while unknown)."""
        slot_id = self.slot_id
        return "" if slot_id is None else self.room.talk_title(slot_id)

    def chat(self) -> list[ChatMessage]:
        """The chat as the stage shows it: hidden lines left out, oldest first."""
        return self.room.chat()

    def pinned(self) -> Question | None:
        """The question the host pinned, while neither hidden nor answered."""
        return self._pinned

    # --- following the room -------------------------------------------------------------------

    def _synced(self) -> None:
        self._follow_slot()
        self._follow_pinned()
        self.chatReset.emit()

    def _slot_changed(self, slot_id: str) -> None:
        if slot_id == self.slot_id:
            self._follow_slot()

    def _follow_slot(self) -> None:
        slot_id = self.slot_id
        slot = None if slot_id is None else self.room.slot(slot_id)
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

    def _follow_pinned(self, _question: object = None) -> None:
        pinned = self.room.pinned()
        if pinned != self._pinned:
            self._pinned = pinned
            self.pinnedChanged.emit()
