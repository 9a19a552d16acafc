"""Room rules: who may do what, and what each command does to a room.

``decide(state, who, command, now)`` returns the events a command causes, or a ``Refusal`` with a
reason; it never changes ``state`` itself (``events.evolve`` does, once the relay has committed the
events). Deny by default: a command is allowed only if its role's table below lists it.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from kanpe.core import feedback, moderation
from kanpe.core.countdown import Countdown, TimerError, TimerStatus
from kanpe.core.events import (
    ChatPosted,
    LogEvent,
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
    ShowPoll,
    StartTimer,
    UnvoteQuestion,
    VoteQuestion,
    message_tag,
)
from kanpe.core.refusal import Refusal, Refused, found, slot_named

__all__ = ["ALLOWED", "Refusal", "authorize", "decide", "initial_state"]
from kanpe.core.autocue import replanned, set_auto_cues
from kanpe.core.checkin import checked_on_ack, checked_on_send
from kanpe.core.cleaning import clean_name, clean_text
from kanpe.core.rundown import Rundown, RundownError, check_rundown
from kanpe.core.stage import next_talk, set_current, timer_changed

#: Caps that keep a room's snapshot small however busy (or hostile) its audience is.
MAX_QUESTIONS = 500


TIMER_COMMANDS: frozenset[type] = frozenset({StartTimer, PauseTimer, ResetTimer, AdjustTimer})
REPORT_COMMANDS: frozenset[type] = frozenset((ReportChat, ReportQuestion))
AUDIENCE_COMMANDS: frozenset[type] = frozenset(
    {React, SendChat, AskQuestion, VoteQuestion, UnvoteQuestion, AnswerPoll} | REPORT_COMMANDS
)
# Questions and polls of the speaker's own slot only (core/moderation.py checks the slot).
TALK_COMMANDS: frozenset[type] = frozenset({ModerateQuestion, OpenPoll, ClosePoll, ShowPoll})
SPEAKER_COMMANDS: frozenset[type] = frozenset(
    {AckCue, ReportSlide, SendChat} | TIMER_COMMANDS | REPORT_COMMANDS | TALK_COMMANDS
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
    return found(state.slots.get(slot_id), slot_named(slot_id))


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
                text=clean_text(text),
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
                text=clean_text(text),
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
            found(state.reports.get(report_id), f"open report {report_id!r}")
            return feedback.close_report(state, report_id)
        case ModerateQuestion():
            return moderation.moderate_question(state, who, command)
        case OpenPoll():
            return moderation.open_poll(state, who, command, now)
        case ClosePoll(poll=poll_id):
            return moderation.close_poll(state, who, poll_id)
        case ShowPoll():
            return moderation.show_poll(state, who, command)
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
    text = clean_text(command.text, required=command.kind is CueKind.TEXT)
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
    cleaned = clean_name(name)
    if who.role is Role.AUDIENCE and imitates_role(cleaned):
        raise Refused(ErrorCode.NAME_RESERVED, "this name is kept for the host and speakers")
    if who.role is Role.SPEAKER and not cleaned:
        plan = state.rundown.slot(who.slot or "")
        return plan.speaker if plan is not None else ""
    return cleaned
