"""The event's record as Markdown, from plain room state and a fixed time zone."""

from __future__ import annotations

from datetime import UTC

from kanpe.core.events import Principal, evolve
from kanpe.core.export import escape, export_markdown, export_talk_markdown
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import (
    AnswerPoll,
    AskQuestion,
    ClosePoll,
    Command,
    ModerateQuestion,
    NextSlot,
    OpenPoll,
    PauseTimer,
    React,
    VoteQuestion,
)
from kanpe.core.rules import Refusal, decide, initial_state
from kanpe.core.rundown import Rundown, Slot

HOST = Principal(role=Role.HOST, room="r", client="host")
START = 1_796_410_800.0  # 2026-12-04 19:00 UTC
MIN = 60.0
RUNDOWN = Rundown(
    title="Meetup #12",
    start=START,
    slots=(
        Slot(id="talk-1", speaker="Aiko", title="Timers that never drift", duration=1500),
        Slot(
            id="lt-1", speaker="Ben", title="Lightning | fast", duration=300, warning=60, final=30
        ),
    ),
)


def audience(n: int) -> Principal:
    return Principal(role=Role.AUDIENCE, room="r", client=f"phone-{n}")


def run(state: RoomState, who: Principal, command: Command, now: float) -> None:
    events = decide(state, who, command, now)
    assert not isinstance(events, Refusal), events
    for event in events:
        evolve(state, event, state.version + 1)


def night() -> RoomState:
    state = initial_state("r", "Meetup #12", RUNDOWN)
    run(state, HOST, NextSlot(id="1", start=True), START + 2 * MIN)
    run(
        state,
        audience(1),
        AskQuestion(id="q1", text="Does it *drift* after an hour?", name="Mia"),
        START + 5 * MIN,
    )
    run(
        state,
        audience(2),
        AskQuestion(id="q2", text="[click](http://x) me", name=""),
        START + 6 * MIN,
    )
    run(state, audience(3), AskQuestion(id="q3", text="spam", name="bot"), START + 7 * MIN)
    q1, q2, q3 = sorted(state.questions, key=lambda k: state.questions[k].at)
    for n in (2, 3):
        run(state, audience(n), VoteQuestion(id=f"v{n}", question=q1), START + 8 * MIN)
    run(state, audience(1), VoteQuestion(id="v1", question=q2), START + 8 * MIN)
    run(state, HOST, ModerateQuestion(id="m", question=q3, hidden=True), START + 9 * MIN)
    run(state, HOST, ModerateQuestion(id="a", question=q1, answered=True), START + 20 * MIN)
    run(
        state,
        HOST,
        OpenPoll(id="p", question="Freelance?", options=("Yes", "No")),
        START + 10 * MIN,
    )
    poll = next(iter(state.polls))
    for n, option in ((1, 0), (2, 1), (3, 1)):
        run(state, audience(n), AnswerPoll(id=f"a{n}", poll=poll, option=option), START + 11 * MIN)
    run(state, HOST, ClosePoll(id="c", poll=poll), START + 12 * MIN)
    run(state, audience(1), React(id="r1", emoji="👏"), START + 13 * MIN)
    run(state, HOST, NextSlot(id="2", start=True), START + 29 * MIN)  # talk-1 ran 27 min
    run(state, HOST, PauseTimer(id="3", slot="lt-1"), START + 34 * MIN)
    return state


def test_the_whole_record() -> None:
    text = export_markdown(night(), START + 40 * MIN, UTC)
    assert text.startswith("# Meetup \\#12\n")
    assert "Planned start: 19:00. The last talk ended at 19:34, 4 min after the plan." in text
    assert (
        "| 1 | Timers that never drift | Aiko | 19:00–19:25 | 19:02–19:29 | 25:00 | 27:00 | +2 min |"
        in text
    )
    assert (
        "| 2 | Lightning \\| fast | Ben | 19:25–19:30 | 19:29–19:34 | 5:00 | 5:00 | +4 min |"
        in text
    )
    # Questions by votes, escaped, the hidden one left out and counted.
    assert text.index("Does it \\*drift\\* after an hour?") < text.index(
        "\\[click\\]\\(http://x\\) me"
    )
    assert (
        "| 2 | 19:05 | Timers that never drift | Does it \\*drift\\* after an hour? | Mia | yes |"
        in text
    )
    assert "| anonymous | no |" in text
    assert "spam" not in text and "1 hidden question not listed." in text
    assert "### Freelance? (closed, 3 answers)\n\nDuring: Timers that never drift\n" in text
    assert "- Yes: 1 (33 %)\n- No: 2 (67 %)" in text
    assert "| Timers that never drift | 1 | 0 | 0 | 0 | 0 |" in text


def test_during_the_event_it_says_how_late_it_runs() -> None:
    state = initial_state("r", "", RUNDOWN)
    run(state, HOST, NextSlot(id="1", start=True), START + 3 * MIN)
    text = export_markdown(state, START + 10 * MIN, UTC)
    assert "As of 19:10: running 3 min behind; the last talk ends at 19:33." in text
    assert "| 19:03– (under way) |" in text
    assert "| not held |" in text
    assert "No questions were asked." in text and "No polls were held." in text


def test_an_empty_room() -> None:
    text = export_markdown(initial_state("r", "", Rundown()), START, UTC)
    assert text.startswith("# r\n") and "The rundown has no talks." in text


def test_escape_leaves_nothing_active() -> None:
    assert escape("<script>alert(1)</script>") == "\\<script\\>alert\\(1\\)\\</script\\>"
    assert escape("a\nb") == "a b"


def test_a_talks_record_for_its_speaker() -> None:
    state = night()
    speaker = Principal(role=Role.SPEAKER, room="r", slot="lt-1", client="ben")
    run(state, audience(1), AskQuestion(id="q9", text="Slides online?"), START + 33 * MIN)
    run(state, speaker, OpenPoll(id="p2", question="Tried it?", options=("Yes", "No")), START)
    text = export_talk_markdown(state, "lt-1", UTC)
    assert text.startswith("# Lightning \\| fast\n\nBen, Meetup \\#12\n")
    assert "| Votes | Asked | Question | By | Answered |" in text
    assert "| 0 | 19:33 | Slides online? | anonymous | no |" in text
    # Only this talk's: talk-1's questions and poll are another speaker's record.
    assert "drift" not in text and "Freelance" not in text
    assert "### Tried it? (open, 0 answers)" in text
    talk = export_talk_markdown(state, "talk-1", UTC)
    assert "| 2 | 19:05 | Does it \\*drift\\* after an hour? | Mia | yes |" in talk
    assert "1 hidden question not listed." in talk and "Slides online" not in talk
    assert "### Freelance? (closed, 3 answers)" in talk


def test_a_talk_with_nothing_asked() -> None:
    text = export_talk_markdown(initial_state("r", "", RUNDOWN), "lt-1", UTC)
    assert "No questions were asked." in text and "No polls were held." in text
