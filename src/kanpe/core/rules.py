"""Room rules: who may do what, and what each command does to a room.

``decide(state, who, command, now)`` returns the events a command causes, or a ``Refusal`` with a
reason; it never changes ``state`` itself (``events.evolve`` does, once the relay has committed the
events). Deny by default: a command is allowed only if its role's table below lists it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import msgspec

from kanpe.core import feedback
from kanpe.core.countdown import Countdown, TimerError, TimerStatus
from kanpe.core.events import (
    ChatPosted,
    LogEvent,
    PollChanged,
    Principal,
    QuestionChanged,
    Reacted,
    ReactionsCounted,
    RundownChanged,
    SlotChanged,
    evolve,
)
from kanpe.core.model import (
    REACTIONS,
    ChatMessage,
    Cue,
    CueKind,
    Poll,
    Question,
    ReportKind,
    Role,
    RoomState,
    SlotState,
)
from kanpe.core.names import imitates_role
from kanpe.core.protocol import (
    COMMAND_TYPES,
    AckCue,
    AdjustTimer,
    AllowSelfTimer,
    AnswerPoll,
    AskQuestion,
    ClearCue,
    ClosePoll,
    Command,
    CreateInvite,
    CreateRoom,
    DismissReport,
    ErrorCode,
    HideChat,
    ModerateQuestion,
    NextSlot,
    OpenPoll,
    PauseTimer,
    React,
    ReplaceInvite,
    ReportChat,
    ReportQuestion,
    ReportSlide,
    ResetTimer,
    SendChat,
    SendCue,
    SetAutoCues,
    SetCurrent,
    SetDuration,
    SetRundown,
    StartTimer,
    UnvoteQuestion,
    VoteQuestion,
    message_tag,
)
from kanpe.core.refusal import Refusal, Refused

__all__ = ["ALLOWED", "Refusal", "authorize", "decide", "initial_state"]
from kanpe.core.autocue import replanned, set_auto_cues
from kanpe.core.checkin import checked_on_ack, checked_on_send
from kanpe.core.rundown import Rundown, RundownError, check_rundown
from kanpe.core.stage import next_talk, set_current, timer_changed

#: Caps that keep a room's snapshot small however busy (or hostile) its audience is.
MAX_QUESTIONS = 500
MAX_POLLS = 50


TIMER_COMMANDS: frozenset[type] = frozenset({StartTimer, PauseTimer, ResetTimer, AdjustTimer})
REPORT_COMMANDS: frozenset[type] = frozenset((ReportChat, ReportQuestion))
AUDIENCE_COMMANDS: frozenset[type] = frozenset(
    {React, SendChat, AskQuestion, VoteQuestion, UnvoteQuestion, AnswerPoll} | REPORT_COMMANDS
)
SPEAKER_COMMANDS: frozenset[type] = frozenset(
    {AckCue, ReportSlide, SendChat} | TIMER_COMMANDS | REPORT_COMMANDS
)
# Hosts hide what they would report.
HOST_COMMANDS: frozenset[type] = (
    frozenset(COMMAND_TYPES) - {CreateRoom, AckCue, ReportSlide} - REPORT_COMMANDS
)
# Handled by the relay itself (they touch tokens, which rooms do not hold); still checked here.
RELAY_COMMANDS: frozenset[type] = frozenset({CreateRoom, CreateInvite, ReplaceInvite})

ALLOWED: dict[Role, frozenset[type]] = {
    Role.HOST: HOST_COMMANDS,
    Role.SPEAKER: SPEAKER_COMMANDS,
    Role.AUDIENCE: AUDIENCE_COMMANDS,
    Role.VIEWER: frozenset(),
    Role.ADMIN: frozenset({CreateRoom}),
}


def authorize(who: Principal, command: Command) -> Refusal | None:
    """The role check alone; ``decide`` also applies it."""
    if type(command) not in ALLOWED[who.role]:
        name = message_tag(type(command))
        article = "an" if who.role.value[0] in "aeiou" else "a"
        return Refusal(ErrorCode.FORBIDDEN, f"{article} {who.role.value} may not send {name}")
    return None


def decide(
    state: RoomState, who: Principal, command: Command, now: float
) -> list[LogEvent] | Refusal:
    """The events ``command`` from ``who`` causes at relay time ``now``, or why it is refused."""
    refusal = authorize(who, command)
    if refusal is not None:
        return refusal
    try:
        return _decide(state, who, command, now)
    except Refused as exc:
        return exc.refusal


def _slot(state: RoomState, slot_id: str) -> SlotState:
    slot = state.slots.get(slot_id)
    if slot is None:
        raise Refused(ErrorCode.NOT_FOUND, f"no slot {slot_id!r} in the rundown")
    return slot


def _next_id(state: RoomState, prefix: str) -> str:
    """Ids derive from the version that creates them, so replaying the log gives the same ids."""
    return f"{prefix}{state.version + 1}"


def _decide(state: RoomState, who: Principal, command: Command, now: float) -> list[LogEvent]:
    match command:
        case StartTimer() | PauseTimer() | ResetTimer() | AdjustTimer() | SetDuration():
            return _timer(state, who, command, now)
        case SetRundown(rundown=rundown):
            return _set_rundown(state, rundown, now)
        case SetCurrent(slot=slot_id):
            if slot_id is not None:
                _slot(state, slot_id)
            return set_current(state, slot_id, now)
        case NextSlot(start=start):
            return next_talk(state, start, now)
        case SetAutoCues():
            return set_auto_cues(state, command, now)
        case AllowSelfTimer(slot=slot_id, allowed=allowed):
            slot = _slot(state, slot_id)
            return _slot_event(slot, msgspec.structs.replace(slot, self_timer=allowed))
        case SendCue():
            return _send_cue(state, command, now)
        case ClearCue(slot=slot_id):
            slot = _slot(state, slot_id)
            return _slot_event(slot, msgspec.structs.replace(slot, cue=None))
        case AckCue(cue=cue_id):
            return _ack_cue(state, who, cue_id, now)
        case ReportSlide(page=page, pages=pages):
            if page > pages or (pages > 0 and page < 1):
                raise Refused(ErrorCode.REFUSED, f"slide {page} of {pages} does not exist")
            slot = _slot(state, who.slot or "")
            return _slot_event(slot, msgspec.structs.replace(slot, page=page, pages=pages))
        case React(emoji=emoji):
            if emoji not in REACTIONS:
                raise Refused(ErrorCode.REFUSED, f"reactions are {' '.join(REACTIONS)}")
            return [Reacted(emoji=emoji, slot=state.current, at=now)]
        case SendChat(text=text, name=name):
            message = ChatMessage(
                id=_next_id(state, "m"),
                name=_author_name(state, who, name),
                text=_clean_text(text),
                at=now,
                role=who.role,
            )
            return [ChatPosted(message=message)]
        case HideChat(message=message_id):
            message = feedback.find_chat(state, message_id)
            if message.hidden:
                return []
            hidden = [ChatPosted(message=msgspec.structs.replace(message, hidden=True))]
            return hidden + feedback.close_report(state, message.id)
        case AskQuestion(text=text, name=name):
            if len(state.questions) >= MAX_QUESTIONS:
                raise Refused(ErrorCode.REFUSED, "this room has taken all the questions it can")
            question = Question(
                id=_next_id(state, "q"),
                name=_author_name(state, who, name),
                text=_clean_text(text),
                at=now,
                slot=state.current,
                role=who.role,
            )
            return [QuestionChanged(question=question)]
        case VoteQuestion(question=question_id):
            return feedback.vote(state, who, question_id)
        case UnvoteQuestion(question=question_id):
            return feedback.unvote(state, who, question_id)
        case ReportChat(message=message_id):
            message = feedback.find_chat(state, message_id)
            return (
                [] if message.hidden else feedback.report(state, who, ReportKind.CHAT, message, now)
            )
        case ReportQuestion(question=question_id):
            question = feedback.find_question(state, question_id)
            if question.hidden:
                return []
            return feedback.report(state, who, ReportKind.QUESTION, question, now)
        case DismissReport(report=report_id):
            if report_id not in state.reports:
                raise Refused(ErrorCode.NOT_FOUND, f"no open report {report_id!r}")
            return feedback.close_report(state, report_id)
        case ModerateQuestion():
            return _moderate(state, command)
        case OpenPoll(question=text, options=options):
            if len(state.polls) >= MAX_POLLS:
                raise Refused(ErrorCode.REFUSED, f"a room holds at most {MAX_POLLS} polls")
            poll = Poll(
                id=_next_id(state, "p"),
                question=_clean_text(text),
                options=tuple(_clean_text(option) for option in options),
                counts=(0,) * len(options),
                at=now,
            )
            return [PollChanged(poll=poll)]
        case ClosePoll(poll=poll_id):
            poll = feedback.find_poll(state, poll_id)
            return (
                []
                if not poll.open
                else [PollChanged(poll=msgspec.structs.replace(poll, open=False))]
            )
        case AnswerPoll(poll=poll_id, option=option):
            return feedback.answer(state, who, poll_id, option)
        case _:
            raise Refused(ErrorCode.REFUSED, "this command is handled by the relay, not a room")


def count_reactions(state: RoomState, reactions: Iterable[Reacted]) -> list[LogEvent]:
    """The coalesced form of reactions ``decide`` accepted since the last count: one
    ReactionsCounted per talk, each with what was added and the talk's counts after it, emojis
    in the order of REACTIONS. Empty when there is nothing to count."""
    added: dict[str, dict[str, int]] = {}
    slots: dict[str, str | None] = {}
    for reaction in reactions:
        key = reaction.slot or ""
        slots[key] = reaction.slot
        tally = added.setdefault(key, {})
        tally[reaction.emoji] = tally.get(reaction.emoji, 0) + 1
    events: list[LogEvent] = []
    for key, tally in added.items():
        before = state.reactions.get(key, {})
        counts = {e: before.get(e, 0) + tally.get(e, 0) for e in REACTIONS}
        events.append(
            ReactionsCounted(
                slot=slots[key],
                added={e: tally[e] for e in REACTIONS if e in tally},
                counts={e: n for e, n in counts.items() if n},
            )
        )
    return events


def _slot_event(old: SlotState, new: SlotState) -> list[LogEvent]:
    return [] if new == old else [SlotChanged(slot=new)]


def _timer(
    state: RoomState,
    who: Principal,
    command: StartTimer | PauseTimer | ResetTimer | AdjustTimer | SetDuration,
    now: float,
) -> list[LogEvent]:
    if who.role is Role.SPEAKER and who.slot != command.slot:
        # Checked before the lookup, so a speaker learns nothing about other slot ids.
        raise Refused(ErrorCode.FORBIDDEN, "a speaker may run only their own timer")
    slot = _slot(state, command.slot)
    if who.role is Role.SPEAKER and not slot.self_timer:
        raise Refused(ErrorCode.FORBIDDEN, "the host runs this timer")
    timer: Countdown = slot.timer
    try:
        match command:
            case StartTimer():
                timer = timer.start(now)
            case PauseTimer():
                timer = timer.pause(now)
            case ResetTimer():
                timer = timer.reset()
            case AdjustTimer(seconds=seconds):
                timer = timer.adjust(seconds, now)
            case SetDuration(seconds=seconds):
                timer = timer.set_duration(seconds, now)
    except TimerError as exc:
        raise Refused(ErrorCode.REFUSED, str(exc)) from None
    return _slot_event(slot, timer_changed(state.rundown.slot(slot.id), slot, timer, now))


def initial_state(room_id: str, name: str, rundown: Rundown) -> RoomState:
    """A new room at version 1: its rundown set, every timer idle. Raises RundownError."""
    check_rundown(rundown)
    state = RoomState(id=room_id, name=name)
    for event in _set_rundown(state, rundown):
        evolve(state, event, state.version + 1)
    return state


def _set_rundown(state: RoomState, rundown: Rundown, now: float = 0.0) -> list[LogEvent]:
    try:
        check_rundown(rundown)
    except RundownError as exc:
        raise Refused(ErrorCode.REFUSED, str(exc)) from None
    slots: dict[str, SlotState] = {}
    for plan in rundown.slots:
        old = state.slots.get(plan.id)
        if old is None:
            slots[plan.id] = SlotState(id=plan.id, timer=Countdown.idle(plan.duration))
        elif old.timer.status is TimerStatus.IDLE:
            slots[plan.id] = msgspec.structs.replace(old, timer=Countdown.idle(plan.duration))
        else:
            # A timer in use keeps going (the host can reset it), its cues following the plan.
            slots[plan.id] = replanned(plan, old, now)
    return [RundownChanged(rundown=rundown, slots=slots)]


def _send_cue(state: RoomState, command: SendCue, now: float) -> list[LogEvent]:
    slot = _slot(state, command.slot)
    text = _clean_text(command.text, required=command.kind is CueKind.TEXT)
    cue = Cue(
        id=_next_id(state, "c"),
        slot=slot.id,
        kind=command.kind,
        text=text,
        flash=command.flash or command.kind is CueKind.FLASH,
        sent_at=now,
    )
    return [SlotChanged(slot=checked_on_send(msgspec.structs.replace(slot, cue=cue)))]


def _ack_cue(state: RoomState, who: Principal, cue_id: str, now: float) -> list[LogEvent]:
    slot = _slot(state, who.slot or "")
    if slot.cue is None or slot.cue.id != cue_id:
        raise Refused(ErrorCode.NOT_FOUND, f"cue {cue_id!r} is not this slot's current cue")
    if slot.cue.acked_at is not None:
        return []
    cue = msgspec.structs.replace(slot.cue, acked_at=now)
    return [SlotChanged(slot=checked_on_ack(msgspec.structs.replace(slot, cue=cue)))]


def _author_name(state: RoomState, who: Principal, name: str) -> str:
    """The cleaned display name. The audience may not pass for the host or a speaker; a speaker
    who gives none is signed with their name from the rundown."""
    cleaned = _clean_name(name)
    if who.role is Role.AUDIENCE and imitates_role(cleaned):
        raise Refused(ErrorCode.NAME_RESERVED, "this name is kept for the host and speakers")
    if who.role is Role.SPEAKER and not cleaned:
        plan = state.rundown.slot(who.slot or "")
        return plan.speaker if plan is not None else ""
    return cleaned


def _moderate(state: RoomState, command: ModerateQuestion) -> list[LogEvent]:
    question = feedback.find_question(state, command.question)
    changes = {
        name: value
        for name in ("pinned", "answered", "hidden")
        if (value := getattr(command, name)) is not None
    }
    updated = msgspec.structs.replace(question, **changes)
    # Hiding a question closes its report: the hosts have dealt with it.
    closed = (
        feedback.close_report(state, question.id) if updated.hidden and not question.hidden else []
    )
    if updated.pinned and not question.pinned:
        # One pinned question at a time: pinning a new one unpins the old.
        events: list[LogEvent] = [
            QuestionChanged(question=msgspec.structs.replace(other, pinned=False))
            for other in state.questions.values()
            if other.pinned and other.id != question.id
        ]
        return [*events, QuestionChanged(question=updated), *closed]
    return [] if updated == question else [QuestionChanged(question=updated), *closed]


# --- text from the network: plain, single line, no control or direction-override characters ----

_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Become spaces. U+2028 and U+2029 are not control characters, but Qt lays them out as line
# breaks, so kept as they are they would make "single-line" text span lines.
_BREAKS = frozenset("\t\r\n\u2028\u2029")


# Characters that show nothing by themselves (docs/protocol.md 7.2): besides whitespace and the
# format characters (Cf), variation selectors and the blank fillers of Hangul and Braille.
_BLANK = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")


def _shows_nothing(text: str) -> bool:
    return all(
        char.isspace()
        or char in _BLANK
        or unicodedata.category(char) == "Cf"
        or "\ufe00" <= char <= "\ufe0f"
        or "\U000e0100" <= char <= "\U000e01ef"
        for char in text
    )


def _clean(text: str) -> str:
    cleaned = "".join(
        " " if char in _BREAKS else char
        for char in text
        if char in _BREAKS or unicodedata.category(char) not in ("Cc", "Cs")
    )
    return _INVISIBLE.sub("", cleaned).strip()


def _clean_text(text: str, *, required: bool = True) -> str:
    cleaned = _clean(text)
    if required and _shows_nothing(cleaned):
        raise Refused(ErrorCode.REFUSED, "the text is empty")
    return cleaned


def _clean_name(name: str) -> str:
    """A display name: empty is anonymous; one that shows nothing is refused."""
    cleaned = _clean(name)
    if cleaned and _shows_nothing(cleaned):
        raise Refused(ErrorCode.REFUSED, "the name shows nothing")
    return cleaned
