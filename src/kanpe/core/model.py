"""A room's state as plain typed values: the relay holds it, every client mirrors it.

The same structs travel on the wire: a snapshot is a ``RoomState`` redacted for its reader, and a
delta is an ``Event`` (see ``events.py``) that ``evolve`` applies to any copy of the state.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from kanpe.core.countdown import Countdown, Thresholds
from kanpe.core.rundown import Rundown, Slot

MAX_TEXT = 500
MAX_NAME = 40
MAX_CHAT_KEPT = 200
MAX_POLL_OPTIONS = 6
MAX_REPORTS = 300
#: Open reports one identity may have opened: one reporter cannot fill the hosts' list.
MAX_REPORTS_PER_REPORTER = 10
REACTIONS = ("👏", "😂", "🤔", "❓", "🎉")

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TEXT)]
PersonName = Annotated[str, msgspec.Meta(max_length=MAX_NAME)]
Ident = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_.:-]{1,64}\Z")]
Time = Annotated[float, msgspec.Meta(ge=0, le=1e11)]


class Role(StrEnum):
    HOST = "host"
    SPEAKER = "speaker"
    AUDIENCE = "audience"
    VIEWER = "viewer"
    ADMIN = "admin"


class CueKind(StrEnum):
    TIME = "time"  # "5 min left"
    WRAP = "wrap"  # "wrap up"
    TEXT = "text"  # free text
    FLASH = "flash"  # just get their attention
    CHECK = "check"  # a connection check: the speaker's app acknowledges it at once


class Cue(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Ident
    slot: str
    kind: CueKind
    text: Annotated[str, msgspec.Meta(max_length=MAX_TEXT)] = ""
    flash: bool = False
    sent_at: Time
    acked_at: Time | None = None


class Threshold(StrEnum):
    """The moments of a talk that can send an automatic cue."""

    WARNING = "warning"  # remaining reaches the slot's warning threshold
    FINAL = "final"  # remaining reaches the slot's final threshold
    TIME_UP = "time_up"  # remaining reaches zero


class AutoCues(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Which thresholds send a cue by themselves (all, by default), and which already did.

    ``fired`` lists the thresholds whose moment has passed since the timer was last re-armed
    (core/autocue.py), in Threshold order; it is hidden, like the cue, from those who cannot see
    the slot's cue."""

    warning: bool = True
    final: bool = True
    time_up: bool = True
    fired: tuple[Threshold, ...] = ()


class Check(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The latest connection check of a slot: a ``check`` cue, and when its speaker answered.
    The talk is ready once ``acked_at`` is set; ``round_trip`` is ``acked_at - sent_at``, the
    time from the host's check reaching the relay to the speaker's answer reaching it."""

    cue: Ident
    sent_at: Time
    acked_at: Time | None = None
    round_trip: float | None = None


class SlotState(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Everything live about one slot: its timer, its speaker's slide and the latest cue.

    ``started`` and ``ended`` are when the talk actually began and finished (relay time), kept
    through a reset once the talk has ended, so planned and actual times can be compared.
    """

    id: str
    timer: Countdown
    self_timer: bool = False
    page: int = 0
    pages: int = 0
    cue: Cue | None = None
    started: Time | None = None
    ended: Time | None = None
    auto_cues: AutoCues = msgspec.field(default_factory=AutoCues)
    check: Check | None = None


class ChatMessage(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Ident
    name: str = ""
    text: str
    at: Time
    hidden: bool = False
    #: The sender's role, set by the relay from their token (never sent by a client): what the
    #: pages' "Host" and "Speaker" badges are drawn from, so nobody can fake one by their name.
    role: Role = Role.AUDIENCE


class Question(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Ident
    name: str = ""
    text: str
    at: Time
    slot: str | None = None
    votes: int = 0
    pinned: bool = False
    answered: bool = False
    hidden: bool = False
    # Who voted, by client id. Kept by the relay to count each person once; redacted on the wire.
    voters: tuple[str, ...] = ()
    role: Role = Role.AUDIENCE  # the asker's role, as for ChatMessage


class ReportKind(StrEnum):
    CHAT = "chat"
    QUESTION = "question"


class Report(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """People reported a chat message or question to the hosts: one entry of the hosts'
    moderation list. Only hosts are sent reports; ``count`` 0 means the entry was closed."""

    id: Ident  # the reported message's or question's id
    kind: ReportKind
    name: str = ""  # the reported record's name and text, as they were when first reported
    text: str
    count: int
    at: Time  # relay time of the latest report
    # Who reported, by principal key, to count each once. Kept by the relay; redacted on the wire.
    reporters: tuple[str, ...] = ()


class Poll(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Ident
    question: str
    options: tuple[str, ...]
    counts: tuple[int, ...]
    open: bool = True
    #: Its result is shown on the stage (a bar chart); at most one poll is shown at a time.
    shown: bool = False
    at: Time
    #: The talk it belongs to: a speaker's own slot, or the slot on stage when a host opened it.
    slot: str | None = None
    # client id -> option index. Kept by the relay so a changed answer moves one vote; redacted.
    answers: dict[str, int] = msgspec.field(default_factory=dict)


class RoomState(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A room. The relay holds the authoritative copy; clients hold redacted mirrors."""

    id: str
    name: str = ""
    version: int = 0
    rundown: Rundown = msgspec.field(default_factory=Rundown)
    slots: dict[str, SlotState] = msgspec.field(default_factory=dict)
    current: str | None = None
    chat: list[ChatMessage] = msgspec.field(default_factory=list)
    questions: dict[str, Question] = msgspec.field(default_factory=dict)
    polls: dict[str, Poll] = msgspec.field(default_factory=dict)
    reactions: dict[str, dict[str, int]] = msgspec.field(default_factory=dict)
    #: Open reports, by reported id: the hosts' moderation list. ``{}`` for everyone else.
    reports: dict[str, Report] = msgspec.field(default_factory=dict)

    def slot_rules(self, slot_id: str) -> Slot | None:
        return self.rundown.slot(slot_id)

    def thresholds(self, slot_id: str) -> Thresholds:
        slot = self.rundown.slot(slot_id)
        if slot is None:
            return Thresholds()
        return Thresholds(warning=slot.warning, final=slot.final)
