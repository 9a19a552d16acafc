"""RoomModel: a link's mirror of the whole room as Qt signals, for every window of either app.

It turns ``LinkClient`` notices (plain callbacks on the asyncio loop, which under qasync is the
Qt thread) into signals that say what changed: the rundown, one slot, the current talk, who is
connected, the chat, a question, a poll, a reaction, the link's status. Views and narrower models
(the speaker's ``SpeakerSlotModel``, the host's console) subscribe and read back what they need;
the roster (``kanpe.core.roster``) gives one row per talk. It keeps no time: ``relay_now`` is
the link's own estimate of relay time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    # Only for annotations: the protocol's messages (msgspec) and the websockets client load
    # with the link, after the speaker's first slide is on screen.
    from kanpe.core.countdown import Thresholds
    from kanpe.core.model import ChatMessage, Poll, Question, Report, Role, RoomState, SlotState
    from kanpe.core.protocol import Presence
    from kanpe.core.roster import TalkRow
    from kanpe.core.rundown import Rundown
    from kanpe.net.link import LinkClient, LinkNotice, LinkStatus


class RoomModel(QObject):
    """One link's view of its room. The link may come later (``attach``): the speaker's app
    paints its first slide while its link, and in solo mode the relay, are still starting;
    until then the model reads as an empty room whose link is connecting.

    Signals carry no state the model does not also answer when asked; a view reads what it
    shows from the model in its slot.
    """

    attached = Signal()  # the link client is in place (see ``attach``)
    statusChanged = Signal()  # status, offline_since, failure or latency changed
    synced = Signal()  # a snapshot replaced the whole room: re-read everything
    rundownChanged = Signal()  # a new rundown, and with it every slot's live state
    slotChanged = Signal(str)  # one slot's live state (timer, slide, cue), by slot id
    currentChanged = Signal()  # the host moved the current talk
    presenceChanged = Signal()  # who is connected (and their latency), the audience count
    chatPosted = Signal(object)  # a visible ChatMessage, new
    chatReset = Signal()  # the visible chat changed other than by one new line: re-read it
    questionChanged = Signal(object)  # Question, new or changed
    pollChanged = Signal(object)  # Poll, new or changed
    reacted = Signal(str, str, int)  # slot id ("" for the room), emoji, how many
    reportChanged = Signal()  # the hosts' moderation list changed (hosts only receive reports)

    def __init__(self, link: LinkClient | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._link: LinkClient | None = None
        if link is not None:
            self.attach(link)

    def attach(self, link: LinkClient) -> None:
        """Follow ``link`` from now on (once): it tells every window what it already has."""
        assert self._link is None, "a RoomModel follows one link"
        self._link = link
        link.add_listener(self._on_notice)
        if link.state is not None:
            self.synced.emit()
        self.statusChanged.emit()
        self.attached.emit()

    def close(self) -> None:
        """Stop listening to the link (the app is quitting)."""
        if self._link is not None:
            self._link.remove_listener(self._on_notice)

    @property
    def link(self) -> LinkClient:
        """The link client; only once attached."""
        assert self._link is not None, "no link attached yet"
        return self._link

    @property
    def is_attached(self) -> bool:
        """Whether the link is in place (``attach`` was called)."""
        return self._link is not None

    # --- the link --------------------------------------------------------------------------------

    @property
    def clock(self) -> Callable[[], float]:
        """The local monotonic clock the link measures with (injectable in tests)."""
        return time.monotonic if self._link is None else self._link.clock

    @property
    def status(self) -> LinkStatus:
        """Where the link stands; CONNECTING until a link is attached."""
        from kanpe.net.linkstatus import LinkStatus

        return LinkStatus.CONNECTING if self._link is None else self._link.status

    @property
    def offline_since(self) -> float | None:
        """Local monotonic time the link went down; None while it is up (or never was)."""
        return None if self._link is None else self._link.offline_since

    @property
    def failure_code(self) -> int | str | None:
        """What decided a refused link (see ``LinkClient.failure_code``), or None."""
        return None if self._link is None else self._link.failure_code

    @property
    def failure(self) -> str:
        """The relay's reason for refusing the link itself (status FAILED), in its words."""
        return "" if self._link is None else self._link.failure

    @property
    def latency_ms(self) -> float | None:
        """The round trip of the best clock sample, in milliseconds; None before the first."""
        round_trip = None if self._link is None else self._link.round_trip
        return None if round_trip is None else round_trip * 1000.0

    @property
    def role(self) -> Role | None:
        """The role the relay gave this link's token; None before the first welcome."""
        return None if self._link is None else self._link.role

    @property
    def own_slot(self) -> str | None:
        """The slot a speaker's token is bound to; None for other roles, or before a welcome."""
        return None if self._link is None else self._link.slot

    def relay_now(self) -> float | None:
        """Relay time now, by the link's estimate; None before it has one."""
        return None if self._link is None else self._link.relay_now()

    # --- the room ---------------------------------------------------------------------------------

    @property
    def state(self) -> RoomState | None:
        """The link's mirror of the room (read it, never change it); None before a welcome."""
        return None if self._link is None else self._link.state

    @property
    def presence(self) -> Presence | None:
        """Who is connected, as the relay last said; None before a link is attached."""
        return None if self._link is None else self._link.presence

    def rundown(self) -> Rundown | None:
        """The room's rundown; None before a welcome."""
        state = self.state
        return None if state is None else state.rundown

    def current(self) -> str | None:
        """The slot the host marked as the current talk."""
        state = self.state
        return None if state is None else state.current

    def slot(self, slot_id: str) -> SlotState | None:
        """One slot's live state: timer, slide, latest cue."""
        state = self.state
        return None if state is None else state.slots.get(slot_id)

    def thresholds(self, slot_id: str) -> Thresholds:
        """The warning and final thresholds of ``slot_id``; the defaults while unknown."""
        state = self.state
        if state is None:
            from kanpe.core.countdown import DEFAULT_THRESHOLDS

            return DEFAULT_THRESHOLDS
        return state.thresholds(slot_id)

    def talk_title(self, slot_id: str) -> str:
        """The title of ``slot_id``'s talk, as the rundown says ("" while unknown)."""
        state = self.state
        plan = None if state is None else state.slot_rules(slot_id)
        return "" if plan is None else plan.title

    def chat(self) -> list[ChatMessage]:
        """The chat as shown: hidden lines left out, oldest first."""
        state = self.state
        return [] if state is None else [m for m in state.chat if not m.hidden and m.text]

    def questions(self) -> list[Question]:
        """Every question the link may see (hidden ones redacted), in the relay's order."""
        state = self.state
        return [] if state is None else list(state.questions.values())

    def pinned(self) -> Question | None:
        """The question the host pinned, while it is neither hidden nor answered."""
        for question in self.questions():
            if question.pinned and not question.hidden and not question.answered:
                return question
        return None

    def polls(self) -> list[Poll]:
        """Every poll, open or closed."""
        state = self.state
        return [] if state is None else list(state.polls.values())

    def reports(self) -> list[Report]:
        """The open reports (hosts only; empty for everyone else), newest first."""
        state = self.state
        found = [] if state is None else list(reversed(state.reports.values()))
        return sorted(found, key=lambda report: report.at, reverse=True)  # stable: ties newest

    def roster(self) -> tuple[TalkRow, ...]:
        """One row per talk, read at relay time now (see ``kanpe.core.roster``)."""
        state, presence = self.state, self.presence
        if state is None or presence is None:
            return ()
        from kanpe.core.roster import roster

        return roster(state, presence, self.relay_now())

    # --- notices ------------------------------------------------------------------------------

    def _on_notice(self, notice: LinkNotice) -> None:
        from kanpe.core.clock import Estimate
        from kanpe.core.protocol import Presence
        from kanpe.net.link import Applied, StatusChanged, Synced

        match notice:
            case StatusChanged() | Estimate():  # an estimate moves the latency
                self.statusChanged.emit()
            case Synced():
                self.synced.emit()
            case Applied(event=event):
                self._on_event(event)
            case Presence():
                self.presenceChanged.emit()

    def _on_event(self, event: object) -> None:
        from kanpe.core.events import (
            ChatPosted,
            CurrentChanged,
            PollChanged,
            QuestionChanged,
            ReactionsCounted,
            ReportChanged,
            RundownChanged,
            SlotChanged,
        )

        match event:
            case SlotChanged(slot=slot):
                self.slotChanged.emit(slot.id)
            case RundownChanged():
                self.rundownChanged.emit()
            case CurrentChanged():
                self.currentChanged.emit()
            case ChatPosted(message=message):
                if not message.hidden and message.text:
                    self.chatPosted.emit(message)
                else:
                    self.chatReset.emit()  # a moderator hid a line already shown
            case QuestionChanged(question=question):
                self.questionChanged.emit(question)
            case PollChanged(poll=poll):
                self.pollChanged.emit(poll)
            case ReactionsCounted():
                self._on_reactions(event)
            case ReportChanged():
                self.reportChanged.emit()

    def _on_reactions(self, event: object) -> None:
        """The one place reactions arrive: the relay counts them a few times a second, and each
        emoji's count since the last one comes as one ``reacted`` (a delta of n claps: n)."""
        from kanpe.core.events import ReactionsCounted

        if isinstance(event, ReactionsCounted):
            for emoji, count in event.added.items():
                self.reacted.emit(event.slot or "", emoji, count)
