"""Room rules for what a talk does with its questions and polls: pin, answer and hide questions;
open, close and show polls. Hosts may do it for every talk, a speaker for their own slot only
(docs/protocol.md 5.2): a question or poll belongs to the slot in its ``slot`` field.
"""

from __future__ import annotations

import msgspec

from kanpe.core import feedback
from kanpe.core.cleaning import clean_text
from kanpe.core.events import LogEvent, PollChanged, Principal, QuestionChanged
from kanpe.core.model import Poll, Question, Role, RoomState
from kanpe.core.protocol import ErrorCode, ModerateQuestion, OpenPoll, ShowPoll
from kanpe.core.refusal import Refused

#: A room holds at most this many polls, closed ones included, so its snapshot stays small.
MAX_POLLS = 50


def _check_owner(who: Principal, record: Question | Poll, what: str) -> None:
    """A speaker acts only on their own talk's records; a host on any."""
    if who.role is Role.SPEAKER and (who.slot is None or record.slot != who.slot):
        raise Refused(ErrorCode.FORBIDDEN, f"a speaker may act only on their own talk's {what}")


def moderate_question(
    state: RoomState, who: Principal, command: ModerateQuestion
) -> list[LogEvent]:
    question = feedback.find_question(state, command.question)
    _check_owner(who, question, "questions")
    if who.role is Role.SPEAKER and question.hidden:
        # Hiding is the hosts' moderation: a speaker (who sees it blanked) cannot undo it.
        if command.hidden is False:
            raise Refused(ErrorCode.FORBIDDEN, "only the host can show a hidden question again")
        if command.pinned:
            raise Refused(ErrorCode.FORBIDDEN, "only the host can pin a hidden question")
    changes = {
        name: value
        for name in ("pinned", "answered", "hidden")
        if (value := getattr(command, name)) is not None
    }
    updated = msgspec.structs.replace(question, **changes)
    # Hiding a question closes its report: the hosts (or its speaker) have dealt with it.
    closed = (
        feedback.close_report(state, question.id) if updated.hidden and not question.hidden else []
    )
    if updated.pinned and not question.pinned:
        # One pinned question at a time, whichever talk it belongs to: the stage shows one.
        events: list[LogEvent] = [
            QuestionChanged(question=msgspec.structs.replace(other, pinned=False))
            for other in state.questions.values()
            if other.pinned and other.id != question.id
        ]
        return [*events, QuestionChanged(question=updated), *closed]
    return [] if updated == question else [QuestionChanged(question=updated), *closed]


def open_poll(state: RoomState, who: Principal, command: OpenPoll, now: float) -> list[LogEvent]:
    if len(state.polls) >= MAX_POLLS:
        raise Refused(ErrorCode.REFUSED, f"a room holds at most {MAX_POLLS} polls")
    slot: str | None = state.current
    if who.role is Role.SPEAKER:
        if who.slot is None or who.slot not in state.slots:
            raise Refused(ErrorCode.NOT_FOUND, "this speaker's slot is not in the rundown")
        slot = who.slot
    poll = Poll(
        id=f"p{state.version + 1}",
        question=clean_text(command.question),
        options=tuple(clean_text(option) for option in command.options),
        counts=(0,) * len(command.options),
        at=now,
        slot=slot,
    )
    return [PollChanged(poll=poll)]


def _own_poll(state: RoomState, who: Principal, poll_id: str) -> Poll:
    poll = feedback.find_poll(state, poll_id)
    _check_owner(who, poll, "polls")
    return poll


def close_poll(state: RoomState, who: Principal, poll_id: str) -> list[LogEvent]:
    poll = _own_poll(state, who, poll_id)
    return [PollChanged(poll=msgspec.structs.replace(poll, open=False))] if poll.open else []


def show_poll(state: RoomState, who: Principal, command: ShowPoll) -> list[LogEvent]:
    poll = _own_poll(state, who, command.poll)
    if poll.shown == command.shown:
        return []
    events: list[LogEvent] = []
    if command.shown:
        # One poll's result on the stage at a time, as for the pinned question.
        events = [
            PollChanged(poll=msgspec.structs.replace(other, shown=False))
            for other in state.polls.values()
            if other.shown and other.id != poll.id
        ]
    return [*events, PollChanged(poll=msgspec.structs.replace(poll, shown=command.shown))]
