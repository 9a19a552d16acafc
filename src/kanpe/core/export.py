"""The record of an event as Markdown: planned against actual timings, the questions with their
votes and times, poll results and reactions. Pure: a room's state, relay time now and a time
zone in, text out; the host console and ``kanpe export`` both write it.

Everything that came from the network (titles, names, questions, poll options) is escaped, so a
question cannot turn into a link, a heading or markup in whatever renders the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo

from kanpe.core.model import REACTIONS, Poll, Question, RoomState
from kanpe.core.schedule import TalkProgress, TalkTimes, describe, schedule

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """``text`` as literal Markdown, on one line (it is single-line already, but be sure)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _clock(when: float | None, zone: tzinfo | None) -> str:
    return "—" if when is None else datetime.fromtimestamp(when, tz=zone).strftime("%H:%M")


def _length(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = round(seconds)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 60}:{abs(whole) % 60:02d}"


def _late(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    return "on time" if minutes == 0 else f"{minutes:+d} min"


def export_markdown(state: RoomState, now: float, zone: tzinfo | None = None) -> str:
    title = state.name or state.rundown.title or state.id
    parts = [f"# {escape(title)}\n"]
    parts.append(_timings(state, now, zone))
    parts.append(_questions(state, zone))
    titles = {plan.id: plan.title or plan.id for plan in state.rundown.slots}
    parts.append(_polls(state.polls.values(), titles))
    parts.append(_reactions(state))
    return "\n".join(parts)


def _timings(state: RoomState, now: float, zone: tzinfo | None) -> str:
    view = schedule(state, now)
    if not view.talks:
        return "## Timings\n\nThe rundown has no talks.\n"
    summary = ""
    if state.rundown.start is not None:
        summary = f"Planned start: {_clock(state.rundown.start, zone)}. "
    done = all(t.progress in (TalkProgress.DONE, TalkProgress.SKIPPED) for t in view.talks)
    if done and view.behind is not None:
        word = "after" if view.behind >= 0 else "before"
        summary += (
            f"The last talk ended at {_clock(view.expected_end, zone)}, "
            f"{abs(round(view.behind / 60))} min {word} the plan."
        )
    elif done:
        summary += f"The last talk ended at {_clock(view.expected_end, zone)}."
    else:
        summary += f"As of {_clock(now, zone)}: {describe(view, zone)}."
    lines = ["## Timings\n", summary, ""]
    lines.append(
        "| # | Talk | Speaker | Planned | Actual | Length planned | Length actual | Start |"
    )
    lines.append("|---|---|---|---|---|---|---|---|")
    plans = {plan.id: plan for plan in state.rundown.slots}
    for number, talk in enumerate(view.talks, start=1):
        plan = plans[talk.slot]
        lines.append(
            f"| {number} | {escape(plan.title or plan.id)} | {escape(plan.speaker)} "
            f"| {_span(talk.planned_start, talk.planned_end, zone)} | {_actual(talk, zone)} "
            f"| {_length(plan.duration)} | {_length(talk.actual_length)} | {_start(talk)} |"
        )
    return "\n".join(lines) + "\n"


def _span(start: float | None, end: float | None, zone: tzinfo | None) -> str:
    if start is None:
        return "—"
    return f"{_clock(start, zone)}–{_clock(end, zone)}"


def _actual(talk: TalkTimes, zone: tzinfo | None) -> str:
    match talk.progress:
        case TalkProgress.SKIPPED:
            return "skipped"
        case TalkProgress.TO_COME:
            return "not held"
        case TalkProgress.UNDER_WAY:
            return f"{_clock(talk.actual_start, zone)}– (under way)"
        case TalkProgress.DONE:
            return _span(talk.actual_start, talk.actual_end, zone)


def _start(talk: TalkTimes) -> str:
    if talk.progress in (TalkProgress.SKIPPED, TalkProgress.TO_COME):
        return "—"
    return _late(talk.late)


def export_talk_markdown(
    state: RoomState, slot: str, zone: tzinfo | None = None, *, timings: str = ""
) -> str:
    """One talk's record, for its speaker (``kanpe speak``): the questions asked during it with
    their votes and times, and its polls' results; then ``timings``, the slide timings against
    the rehearsal (``core.pace.pace_markdown``), when there are some."""
    plan = state.rundown.slot(slot)
    title = (plan.title if plan is not None else "") or slot
    heading = f"# {escape(title)}\n"
    if plan is not None and plan.speaker:
        heading += f"\n{escape(plan.speaker)}, {escape(state.name or state.rundown.title)}\n"
    questions = [q for q in state.questions.values() if q.slot == slot]
    polls = [p for p in state.polls.values() if p.slot == slot]
    parts = [heading, _questions(state, zone, questions, talk_column=False)]
    parts.append(_polls(polls))
    if timings:
        parts.append(timings)
    return "\n".join(parts)


def _questions(
    state: RoomState,
    zone: tzinfo | None,
    questions: list[Question] | None = None,
    *,
    talk_column: bool = True,
) -> str:
    asked = list(state.questions.values()) if questions is None else questions
    shown = [q for q in asked if not q.hidden]
    hidden = len(asked) - len(shown)
    lines = ["## Questions\n"]
    if not shown and not hidden:
        lines.append("No questions were asked.")
    elif shown:
        titles = {plan.id: plan.title or plan.id for plan in state.rundown.slots}
        talk_heading = " Talk |" if talk_column else ""
        lines.append(f"| Votes | Asked |{talk_heading} Question | By | Answered |")
        lines.append("|---|---|" + "---|" * (4 if talk_column else 3))
        for question in sorted(shown, key=_by_votes):
            talk = titles.get(question.slot or "", question.slot or "—")
            talk_cell = f" {escape(talk)} |" if talk_column else ""
            lines.append(
                f"| {question.votes} | {_clock(question.at, zone)} |{talk_cell} "
                f"{escape(question.text)} | {escape(question.name) or 'anonymous'} "
                f"| {'yes' if question.answered else 'no'} |"
            )
    if hidden:
        lines.append(f"\n{hidden} hidden question{'s' if hidden != 1 else ''} not listed.")
    return "\n".join(lines) + "\n"


def _by_votes(question: Question) -> tuple[int, float]:
    return (-question.votes, question.at)


def _polls(polls: Iterable[Poll], titles: Mapping[str, str] | None = None) -> str:
    """The polls' results, oldest first; with ``titles`` (slot -> talk title, the whole
    event's record) each says which talk it was held in."""
    held = sorted(polls, key=lambda p: p.at)
    if not held:
        return "## Polls\n\nNo polls were held.\n"
    lines = ["## Polls\n"]
    for poll in held:
        talk = None if titles is None else titles.get(poll.slot or "", poll.slot or "")
        lines.extend(_poll(poll, talk))
    return "\n".join(lines)


def _poll(poll: Poll, talk: str | None) -> list[str]:
    total = sum(poll.counts)
    status = "open" if poll.open else "closed"
    lines = [f"### {escape(poll.question)} ({status}, {total} answer{'s' if total != 1 else ''})\n"]
    if talk is not None:
        lines.append(f"During: {escape(talk)}\n" if talk else "Between talks\n")
    for option, count in zip(poll.options, poll.counts, strict=True):
        share = f"{round(100 * count / total)} %" if total else "0 %"
        lines.append(f"- {escape(option)}: {count} ({share})")
    lines.append("")
    return lines


def _reactions(state: RoomState) -> str:
    if not any(state.reactions.values()):
        return "## Reactions\n\nNo reactions.\n"
    titles = {plan.id: plan.title or plan.id for plan in state.rundown.slots}
    lines = ["## Reactions\n", "| Talk | " + " | ".join(REACTIONS) + " |"]
    lines.append("|---|" + "---|" * len(REACTIONS))
    for slot_id, tally in state.reactions.items():
        name = titles.get(slot_id, slot_id) if slot_id else "between talks"
        counts = " | ".join(str(tally.get(emoji, 0)) for emoji in REACTIONS)
        lines.append(f"| {escape(name)} | {counts} |")
    return "\n".join(lines) + "\n"
