"""Events: the versioned deltas of a room, how they change state, and who may see what.

Every event carries whole records (a slot, a question, a poll, a talk's reaction counts) rather
than bare differences, so applying one is a replacement; a mirror applies each version once, in
order, and skips any event at or below the version it already has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

import msgspec

from kanpe.core.model import (
    MAX_CHAT_KEPT,
    ChatMessage,
    Poll,
    Question,
    Report,
    Role,
    RoomState,
    SlotState,
)
from kanpe.core.rundown import Rundown


class _Event(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="type"
):
    pass


class RundownChanged(_Event, frozen=True, kw_only=True, tag="rundown"):
    rundown: Rundown
    slots: dict[str, SlotState]


class SlotChanged(_Event, frozen=True, kw_only=True, tag="slot"):
    slot: SlotState


class CurrentChanged(_Event, frozen=True, kw_only=True, tag="current"):
    slot: str | None


class ChatPosted(_Event, frozen=True, kw_only=True, tag="chat"):
    message: ChatMessage


class QuestionChanged(_Event, frozen=True, kw_only=True, tag="question"):
    question: Question


class PollChanged(_Event, frozen=True, kw_only=True, tag="poll"):
    poll: Poll


class ReactionsCounted(_Event, frozen=True, kw_only=True, tag="reactions"):
    """One talk's reactions since its previous ReactionsCounted (``added``: what to animate) and
    its counts after them (``counts``: what to show). The relay coalesces reactions into these,
    a few a second, instead of one event per tap."""

    slot: str | None = None
    added: dict[str, int]
    counts: dict[str, int]


class Reacted(_Event, frozen=True, kw_only=True, tag="reaction"):
    """One accepted reaction: what ``decide`` makes of a ``react``. Never sent: the relay counts
    these into a ReactionsCounted. Logs written before reactions were coalesced hold them, so
    they are still applied when such a log is replayed."""

    emoji: str
    slot: str | None = None
    at: float


class ReportChanged(_Event, frozen=True, kw_only=True, tag="report"):
    """A report was made, or closed (``count`` 0). Sent to hosts only (``visible_to``)."""

    report: Report


type Event = (
    RundownChanged
    | SlotChanged
    | CurrentChanged
    | ChatPosted
    | QuestionChanged
    | PollChanged
    | ReactionsCounted
    | ReportChanged
)

#: Every event class sent on the wire, in the order of the union above.
EVENT_TYPES: tuple[type[_Event], ...] = get_args(Event.__value__)


class PollAnswered(_Event, frozen=True, kw_only=True, tag="poll.answered"):
    """Logged, never sent: one person's answer (``who`` is their principal key). A poll's
    answers grow with the audience, so logging the whole poll for each answer made the log grow
    with the square of the answers (5,000 answers: ~310 MB); this grows by a line each. Readers
    are sent the poll it leads to, as a PollChanged (``published``)."""

    poll: str
    who: str
    option: int


class QuestionVoted(_Event, frozen=True, kw_only=True, tag="question.voted"):
    """Logged, never sent: one up-vote, for the same reason; readers get a QuestionChanged."""

    question: str
    who: str


class QuestionUnvoted(_Event, frozen=True, kw_only=True, tag="question.unvoted"):
    """Logged, never sent: one up-vote taken back; readers get a QuestionChanged."""

    question: str
    who: str


#: What the relay logs and applies: the events on the wire, and the compact ones above.
type LogEvent = Event | PollAnswered | QuestionVoted | QuestionUnvoted | Reacted


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is acting: the role from their token, the slot a speaker token is bound to, and a
    stable client id (per device for the audience, per slot for speakers)."""

    role: Role
    room: str = ""
    slot: str | None = None
    client: str = ""

    @property
    def key(self) -> str:
        """Identity under which command ids are remembered, so retries are applied once."""
        if self.role is Role.SPEAKER:
            return f"speaker:{self.slot}"
        if self.role in (Role.HOST, Role.ADMIN):
            return self.role.value
        return f"{self.role.value}:{self.client}"


def evolve(state: RoomState, event: LogEvent, version: int) -> None:
    """Apply ``event`` to ``state`` in place and set its version."""
    match event:
        case RundownChanged(rundown=rundown, slots=slots):
            state.rundown = rundown
            state.slots = dict(slots)
            if state.current is not None and state.current not in slots:
                state.current = None
        case SlotChanged(slot=slot):
            state.slots[slot.id] = slot
        case CurrentChanged(slot=slot_id):
            state.current = slot_id
        case ChatPosted(message=message):
            _upsert_chat(state, message)
        case QuestionChanged(question=question):
            state.questions[question.id] = question
        case PollChanged(poll=poll):
            state.polls[poll.id] = poll
        case ReactionsCounted(slot=slot_id, counts=totals):
            state.reactions[slot_id or ""] = dict(totals)
        case Reacted(emoji=emoji, slot=slot_id):
            tally = state.reactions.setdefault(slot_id or "", {})
            tally[emoji] = tally.get(emoji, 0) + 1
        case PollAnswered(poll=poll_id, who=who, option=option):
            poll = state.polls[poll_id]
            counts = list(poll.counts)
            previous = poll.answers.get(who)
            if previous is not None:
                counts[previous] -= 1
            counts[option] += 1
            answers = {**poll.answers, who: option}
            state.polls[poll_id] = msgspec.structs.replace(
                poll, answers=answers, counts=tuple(counts)
            )
        case QuestionVoted(question=question_id, who=who):
            question = state.questions[question_id]
            if who not in question.voters:
                voters = (*question.voters, who)
                state.questions[question_id] = msgspec.structs.replace(
                    question, voters=voters, votes=len(voters)
                )
        case QuestionUnvoted(question=question_id, who=who):
            question = state.questions[question_id]
            voters = tuple(voter for voter in question.voters if voter != who)
            state.questions[question_id] = msgspec.structs.replace(
                question, voters=voters, votes=len(voters)
            )
        case ReportChanged(report=report):
            if report.count > 0:
                state.reports[report.id] = report
            else:
                state.reports.pop(report.id, None)
    state.version = version


def published(state: RoomState, event: LogEvent) -> Event:
    """The event readers are sent for ``event``, once it has been applied to ``state``."""
    match event:
        case PollAnswered(poll=poll_id):
            return PollChanged(poll=state.polls[poll_id])
        case QuestionVoted(question=question_id) | QuestionUnvoted(question=question_id):
            return QuestionChanged(question=state.questions[question_id])
        case Reacted(emoji=emoji, slot=slot_id):
            counts = state.reactions.get(slot_id or "", {})
            return ReactionsCounted(slot=slot_id, added={emoji: 1}, counts=dict(counts))
        case _:
            return event


def _upsert_chat(state: RoomState, message: ChatMessage) -> None:
    for index, existing in enumerate(state.chat):
        if existing.id == message.id:
            state.chat[index] = message
            return
    state.chat.append(message)
    if len(state.chat) > MAX_CHAT_KEPT:
        del state.chat[: len(state.chat) - MAX_CHAT_KEPT]


# --- redaction: what each reader may see -------------------------------------------------------


def _sees_cue(reader: Principal, slot_id: str) -> bool:
    return reader.role is Role.HOST or (reader.role is Role.SPEAKER and reader.slot == slot_id)


def redact_slot(slot: SlotState, reader: Principal) -> SlotState:
    """Cues, which automatic cues fired, and connection checks are for the host and the slot's
    own speaker."""
    hidden = slot.cue is None and not slot.auto_cues.fired and slot.check is None
    if hidden or _sees_cue(reader, slot.id):
        return slot
    auto_cues = msgspec.structs.replace(slot.auto_cues, fired=())
    return msgspec.structs.replace(slot, cue=None, auto_cues=auto_cues, check=None)


def redact_question(question: Question, reader: Principal) -> Question:
    if reader.role is Role.HOST:
        return msgspec.structs.replace(question, voters=())
    if question.hidden:
        return msgspec.structs.replace(question, text="", name="", voters=())
    return msgspec.structs.replace(question, voters=())


def redact_poll(poll: Poll, reader: Principal) -> Poll:
    return msgspec.structs.replace(poll, answers={})


def redact_chat(message: ChatMessage, reader: Principal) -> ChatMessage:
    if message.hidden and reader.role is not Role.HOST:
        return msgspec.structs.replace(message, text="", name="")
    return message


def visible_to(event: Event, reader: Principal) -> bool:
    """Whether ``reader`` is sent ``event`` at all: reports reach hosts only, so nobody else
    learns that (or when) something was reported, and 300 phones are not sent a no-op."""
    return reader.role is Role.HOST or not isinstance(event, ReportChanged)


def redact_report(report: Report) -> Report:
    return msgspec.structs.replace(report, reporters=())


def redact(event: Event, reader: Principal) -> Event:
    """The form of ``event`` that ``reader`` may receive."""
    match event:
        case RundownChanged(rundown=rundown, slots=slots):
            return RundownChanged(
                rundown=rundown, slots={k: redact_slot(v, reader) for k, v in slots.items()}
            )
        case SlotChanged(slot=slot):
            return SlotChanged(slot=redact_slot(slot, reader))
        case ChatPosted(message=message):
            return ChatPosted(message=redact_chat(message, reader))
        case QuestionChanged(question=question):
            return QuestionChanged(question=redact_question(question, reader))
        case PollChanged(poll=poll):
            return PollChanged(poll=redact_poll(poll, reader))
        case ReportChanged(report=report):
            return ReportChanged(report=redact_report(report))
        case _:
            return event


def redact_state(state: RoomState, reader: Principal) -> RoomState:
    """A copy of ``state`` for ``reader``: the snapshot sent on join."""
    return RoomState(
        id=state.id,
        name=state.name,
        version=state.version,
        rundown=state.rundown,
        slots={k: redact_slot(v, reader) for k, v in state.slots.items()},
        current=state.current,
        chat=[redact_chat(m, reader) for m in state.chat],
        questions={k: redact_question(v, reader) for k, v in state.questions.items()},
        polls={k: redact_poll(v, reader) for k, v in state.polls.items()},
        reactions={k: dict(v) for k, v in state.reactions.items()},
        reports=(
            {k: redact_report(v) for k, v in state.reports.items()}
            if reader.role is Role.HOST
            else {}
        ),
    )
