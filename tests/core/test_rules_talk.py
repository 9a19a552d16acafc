"""A speaker's questions and polls: pin, answer, hide, open, close and show them for their own
slot only (docs/protocol.md 5.2, note 2); the host for every slot; the audience never."""

from __future__ import annotations

import pytest

from kanpe.core.events import PollChanged, Principal, QuestionChanged, ReportChanged
from kanpe.core.model import Role, RoomState
from kanpe.core.protocol import (
    AnswerPoll,
    AskQuestion,
    ClosePoll,
    Command,
    ErrorCode,
    ModerateQuestion,
    OpenPoll,
    ReportQuestion,
    SetCurrent,
    ShowPoll,
)
from kanpe.core.rules import initial_state
from tests.core.test_rules import (
    AUDIENCE_A,
    AUDIENCE_B,
    HOST,
    RUNDOWN,
    SPEAKER_1,
    SPEAKER_2,
    act,
    newest,
    refused,
)

UNBOUND_SPEAKER = Principal(Role.SPEAKER, room="r1", slot=None, client="s?")


def two_talks() -> tuple[RoomState, str, str]:
    """A room where talk-1 got a question, then talk-2 (on stage now) got one: their ids."""
    state = initial_state("r1", "ML Meetup", RUNDOWN)
    act(state, HOST, SetCurrent(id="h1", slot="talk-1"))
    act(state, AUDIENCE_A, AskQuestion(id="a1", text="Does it scale?"))
    first = newest(state.questions)
    act(state, HOST, SetCurrent(id="h2", slot="talk-2"))
    act(state, AUDIENCE_B, AskQuestion(id="b1", text="Which GPU?"))
    return state, first, newest(state.questions)


def test_a_speaker_pins_answers_and_hides_its_own_questions() -> None:
    state, _first, mine = two_talks()
    pinned = act(state, SPEAKER_2, ModerateQuestion(id="s1", question=mine, pinned=True))
    assert [type(e) for e in pinned] == [QuestionChanged]
    assert state.questions[mine].pinned
    act(state, SPEAKER_2, ModerateQuestion(id="s2", question=mine, answered=True))
    assert state.questions[mine].answered
    act(state, AUDIENCE_A, ReportQuestion(id="a2", question=mine))
    hidden = act(state, SPEAKER_2, ModerateQuestion(id="s3", question=mine, hidden=True))
    # Hiding closes the report too, as when the host hides it.
    assert [type(e) for e in hidden] == [QuestionChanged, ReportChanged]
    assert state.questions[mine].hidden
    assert state.reports == {}


@pytest.mark.parametrize(
    "change",
    [{"pinned": True}, {"answered": True}, {"hidden": True}, {"pinned": False}],
)
def test_a_speaker_may_not_touch_another_talks_question(change: dict[str, bool]) -> None:
    state, first, mine = two_talks()
    refusal = refused(
        state, SPEAKER_2, ModerateQuestion(id="s1", question=first, **change), ErrorCode.FORBIDDEN
    )
    assert "own talk" in refusal.reason
    # ... and the other speaker may not touch talk-2's.
    refused(
        state, SPEAKER_1, ModerateQuestion(id="s2", question=mine, **change), ErrorCode.FORBIDDEN
    )


def test_a_question_asked_with_nothing_on_stage_is_the_hosts_alone() -> None:
    state = initial_state("r1", "ML Meetup", RUNDOWN)
    act(state, AUDIENCE_A, AskQuestion(id="a1", text="When does it start?"))
    question = newest(state.questions)
    assert state.questions[question].slot is None
    for speaker in (SPEAKER_1, UNBOUND_SPEAKER):
        refused(
            state, speaker, ModerateQuestion(id="s", question=question, pinned=True),
            ErrorCode.FORBIDDEN,
        )  # fmt: skip
    act(state, HOST, ModerateQuestion(id="h", question=question, pinned=True))


def test_an_unknown_question_or_poll_is_not_found_for_a_speaker_too() -> None:
    state, _first, _mine = two_talks()
    unknown: list[Command] = [
        ModerateQuestion(id="s1", question="q999", pinned=True),
        ClosePoll(id="s2", poll="p999"),
        ShowPoll(id="s3", poll="p999"),
    ]
    for command in unknown:
        refused(state, SPEAKER_2, command, ErrorCode.NOT_FOUND)


def test_a_speaker_may_not_undo_the_hosts_hiding() -> None:
    state, _first, mine = two_talks()
    act(state, HOST, ModerateQuestion(id="h", question=mine, hidden=True))
    refused(
        state, SPEAKER_2, ModerateQuestion(id="s1", question=mine, hidden=False),
        ErrorCode.FORBIDDEN,
    )  # fmt: skip
    refused(
        state, SPEAKER_2, ModerateQuestion(id="s2", question=mine, pinned=True),
        ErrorCode.FORBIDDEN,
    )  # fmt: skip
    # Answering it, or hiding it again, is harmless.
    act(state, SPEAKER_2, ModerateQuestion(id="s3", question=mine, answered=True))
    assert act(state, SPEAKER_2, ModerateQuestion(id="s4", question=mine, hidden=True)) == []
    act(state, HOST, ModerateQuestion(id="h2", question=mine, hidden=False))
    assert not state.questions[mine].hidden


def test_a_speakers_pin_replaces_any_pinned_question() -> None:
    """The stage shows one pinned question: pinning one's own unpins the previous talk's."""
    state, first, mine = two_talks()
    act(state, HOST, ModerateQuestion(id="h", question=first, pinned=True))
    events = act(state, SPEAKER_2, ModerateQuestion(id="s", question=mine, pinned=True))
    assert [e.question.id for e in events if isinstance(e, QuestionChanged)] == [first, mine]
    assert [q.id for q in state.questions.values() if q.pinned] == [mine]


def test_a_speaker_opens_closes_and_shows_its_own_poll() -> None:
    state, _first, _mine = two_talks()
    act(state, HOST, SetCurrent(id="h", slot="lt-1"))  # whatever is on stage
    act(state, SPEAKER_2, OpenPoll(id="s1", question="Used JAX?", options=("yes", "no")))
    poll = newest(state.polls)
    assert (state.polls[poll].slot, state.polls[poll].open) == ("talk-2", True)
    assert not state.polls[poll].shown
    act(state, AUDIENCE_A, AnswerPoll(id="a", poll=poll, option=0))
    events = act(state, SPEAKER_2, ShowPoll(id="s2", poll=poll))
    assert [type(e) for e in events] == [PollChanged]
    assert state.polls[poll].shown
    act(state, SPEAKER_2, ClosePoll(id="s3", poll=poll))
    closed = state.polls[poll]
    assert (closed.open, closed.shown, closed.counts) == (False, True, (1, 0))
    assert act(state, SPEAKER_2, ShowPoll(id="s4", poll=poll, shown=True)) == []
    act(state, SPEAKER_2, ShowPoll(id="s5", poll=poll, shown=False))
    assert not state.polls[poll].shown


def test_a_hosts_poll_belongs_to_the_talk_on_stage() -> None:
    state, _first, _mine = two_talks()
    act(state, HOST, OpenPoll(id="h1", question="Tabs?", options=("yes", "no")))
    poll = newest(state.polls)
    assert state.polls[poll].slot == "talk-2"
    act(state, SPEAKER_2, ClosePoll(id="s", poll=poll))  # so it is talk-2's speaker's too
    refused(state, SPEAKER_1, ShowPoll(id="s1", poll=poll), ErrorCode.FORBIDDEN)


def test_a_speaker_may_not_close_or_show_another_talks_poll() -> None:
    state, _first, _mine = two_talks()
    act(state, SPEAKER_1, OpenPoll(id="s1", question="Rust?", options=("yes", "no")))
    poll = newest(state.polls)
    assert state.polls[poll].slot == "talk-1"
    for command in (ClosePoll(id="s2", poll=poll), ShowPoll(id="s3", poll=poll)):
        refusal = refused(state, SPEAKER_2, command, ErrorCode.FORBIDDEN)
        assert "own talk's polls" in refusal.reason
    # The host may.
    act(state, HOST, ShowPoll(id="h1", poll=poll))
    act(state, HOST, ClosePoll(id="h2", poll=poll))


def test_showing_a_poll_stops_showing_the_other() -> None:
    state, _first, _mine = two_talks()
    act(state, SPEAKER_1, OpenPoll(id="s1", question="Rust?", options=("yes", "no")))
    old = newest(state.polls)
    act(state, SPEAKER_1, ShowPoll(id="s2", poll=old))
    act(state, SPEAKER_2, OpenPoll(id="s3", question="Go?", options=("yes", "no")))
    new = newest(state.polls)
    events = act(state, SPEAKER_2, ShowPoll(id="s4", poll=new))
    assert [e.poll.id for e in events if isinstance(e, PollChanged)] == [old, new]
    assert [p.id for p in state.polls.values() if p.shown] == [new]


def test_a_speaker_without_a_slot_in_the_rundown_cannot_open_a_poll() -> None:
    state, _first, _mine = two_talks()
    gone = Principal(Role.SPEAKER, room="r1", slot="talk-9", client="s9")
    for speaker in (gone, UNBOUND_SPEAKER):
        refused(
            state, speaker, OpenPoll(id="s", question="Rust?", options=("a", "b")),
            ErrorCode.NOT_FOUND,
        )  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [
        ModerateQuestion(id="a", question="q3", pinned=True),
        OpenPoll(id="a", question="Rust?", options=("yes", "no")),
        ClosePoll(id="a", poll="p9"),
        ShowPoll(id="a", poll="p9"),
    ],
    ids=lambda command: type(command).__name__,
)
def test_the_audience_still_may_not(command: Command) -> None:
    state, _first, _mine = two_talks()
    refusal = refused(state, AUDIENCE_A, command, ErrorCode.FORBIDDEN)
    assert "audience" in refusal.reason
