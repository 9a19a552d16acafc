"""Room rules for what the audience gives back: up-votes and their taking back, poll answers,
and reports to the hosts. Each is counted once per identity (docs/protocol.md 5.1), and each
grows with the audience, so the log gets a small event per act (``QuestionVoted``,
``PollAnswered``), never the whole record.
"""

from __future__ import annotations

import msgspec

from kanpe.core.events import (
    LogEvent,
    PollAnswered,
    Principal,
    QuestionUnvoted,
    QuestionVoted,
    ReportChanged,
)
from kanpe.core.model import (
    MAX_REPORTS,
    MAX_REPORTS_PER_REPORTER,
    ChatMessage,
    Poll,
    Question,
    Report,
    ReportKind,
    RoomState,
)
from kanpe.core.protocol import ErrorCode
from kanpe.core.refusal import Refused, found


def find_question(state: RoomState, question_id: str, *, hidden: bool = True) -> Question:
    """The question ``question_id``; with ``hidden=False``, one hidden by a host is not found
    (the audience may not vote on what it cannot see)."""
    question = state.questions.get(question_id)
    if question is not None and question.hidden and not hidden:
        question = None
    return found(question, f"question {question_id!r}")


def find_chat(state: RoomState, message_id: str) -> ChatMessage:
    message = next((m for m in state.chat if m.id == message_id), None)
    return found(message, f"chat message {message_id!r}")


def report(
    state: RoomState,
    who: Principal,
    kind: ReportKind,
    reported: ChatMessage | Question,
    now: float,
) -> list[LogEvent]:
    open_report = state.reports.get(reported.id)
    if open_report is None:
        if len(state.reports) >= MAX_REPORTS:
            raise Refused(ErrorCode.REFUSED, f"the hosts have {MAX_REPORTS} reports to read")
        if opened_by(state, who.key) >= MAX_REPORTS_PER_REPORTER:
            raise Refused(
                ErrorCode.REFUSED,
                f"you have {MAX_REPORTS_PER_REPORTER} reports open; the hosts will read them first",
            )
        open_report = Report(
            id=reported.id, kind=kind, name=reported.name, text=reported.text, count=0, at=now
        )
    elif who.key in open_report.reporters:
        return []  # counted once per identity, as votes are
    report = msgspec.structs.replace(
        open_report,
        count=open_report.count + 1,
        at=now,
        reporters=(*open_report.reporters, who.key),
    )
    return [ReportChanged(report=report)]


def opened_by(state: RoomState, key: str) -> int:
    """Open reports that identity ``key`` opened (reporters are kept in order, first the one
    who opened it): what the per-reporter cap counts."""
    return sum(1 for r in state.reports.values() if r.reporters and r.reporters[0] == key)


def close_report(state: RoomState, reported_id: str) -> list[LogEvent]:
    """Close the open report on ``reported_id``, if any: dismissed, or its record hidden."""
    report = state.reports.get(reported_id)
    if report is None:
        return []
    return [ReportChanged(report=msgspec.structs.replace(report, count=0, reporters=()))]


def unvote(state: RoomState, who: Principal, question_id: str) -> list[LogEvent]:
    question = find_question(state, question_id, hidden=False)
    if who.key not in question.voters:
        return []
    return [QuestionUnvoted(question=question.id, who=who.key)]


def vote(state: RoomState, who: Principal, question_id: str) -> list[LogEvent]:
    question = find_question(state, question_id, hidden=False)
    if who.key in question.voters:
        return []
    return [QuestionVoted(question=question.id, who=who.key)]


def find_poll(state: RoomState, poll_id: str) -> Poll:
    return found(state.polls.get(poll_id), f"poll {poll_id!r}")


def answer(state: RoomState, who: Principal, poll_id: str, option: int) -> list[LogEvent]:
    poll = find_poll(state, poll_id)
    if not poll.open:
        raise Refused(ErrorCode.REFUSED, "this poll is closed")
    if option >= len(poll.options):
        raise Refused(ErrorCode.REFUSED, f"this poll has {len(poll.options)} options")
    if poll.answers.get(who.key) == option:
        return []
    return [PollAnswered(poll=poll.id, who=who.key, option=option)]
