"""Room rules for what the audience page shows and sends: role badges, names that pass for a role,
taking back an up-vote, and reports that reach the hosts' moderation list."""

from __future__ import annotations

import copy

import pytest

from kanpe.core.events import (
    ChatPosted,
    Principal,
    QuestionChanged,
    QuestionUnvoted,
    ReportChanged,
)
from kanpe.core.model import MAX_REPORTS, MAX_REPORTS_PER_REPORTER, ReportKind, Role, RoomState
from kanpe.core.names import imitates_role
from kanpe.core.protocol import (
    AskQuestion,
    DismissReport,
    ErrorCode,
    HideChat,
    ModerateQuestion,
    ReportChat,
    ReportQuestion,
    SendChat,
    UnvoteQuestion,
    VoteQuestion,
)
from kanpe.core.rules import initial_state
from tests.core.test_rules import (
    AUDIENCE_A,
    AUDIENCE_B,
    HOST,
    RUNDOWN,
    SPEAKER_1,
    T,
    act,
    busy_room,
    only,
    question_ids,
    refused,
)


@pytest.fixture
def busy() -> RoomState:
    return busy_room()


# --- who wrote it: set by the relay from the token ---------------------------------------------


@pytest.mark.parametrize(
    ("who", "role"), [(HOST, Role.HOST), (SPEAKER_1, Role.SPEAKER), (AUDIENCE_A, Role.AUDIENCE)]
)
def test_a_message_carries_its_senders_role(who: Principal, role: Role) -> None:
    state = initial_state("r1", "", RUNDOWN)
    posted = only(act(state, who, SendChat(id="c", text="hello", name="Ann")))
    assert isinstance(posted, ChatPosted)
    assert posted.message.role is role


def test_a_question_carries_its_askers_role() -> None:
    state = initial_state("r1", "", RUNDOWN)
    asked = only(act(state, HOST, AskQuestion(id="q", text="Anyone from Kyoto?")))
    assert isinstance(asked, QuestionChanged)
    assert asked.question.role is Role.HOST
    asked = only(act(state, AUDIENCE_A, AskQuestion(id="q", text="Does it drift?")))
    assert isinstance(asked, QuestionChanged)
    assert asked.question.role is Role.AUDIENCE


def test_a_speaker_who_gives_no_name_is_signed_from_the_rundown() -> None:
    state = initial_state("r1", "", RUNDOWN)
    posted = only(act(state, SPEAKER_1, SendChat(id="s", text="slides: https://x.test")))
    assert isinstance(posted, ChatPosted)
    assert (posted.message.name, posted.message.role) == ("Ann", Role.SPEAKER)
    posted = only(act(state, SPEAKER_1, SendChat(id="s2", text="thanks!", name="Ann T.")))
    assert isinstance(posted, ChatPosted)
    assert posted.message.name == "Ann T."


# --- names that pass for a role -----------------------------------------------------------------

IMITATIONS = [
    "Host", "host", "HOST", "主催", "主催者", "Speaker", "登壇者", "スピーカー", "ホスト",
    "ＨＯＳＴ", "ﾎｽﾄ", "ｓｐｅａｋｅｒ", "H.o.s.t", "[Host]", "H0st", "TheHost", "Host Aiko",
    "Ноst", "Hóst", "H\u200bost", "host\u0301", "Speaker 2", "運営スタッフ", "Moderator-chan",
]  # fmt: skip
FREE = ["Mika", "田中", "ミカ", "Ghost", "Hostetler", "Christopher", "ﾄﾞﾗｺﾞﾝ", "", "Ann T."]


@pytest.mark.parametrize("name", IMITATIONS)
def test_an_audience_name_that_passes_for_a_role_is_refused(name: str) -> None:
    assert imitates_role(name)
    state = initial_state("r1", "", RUNDOWN)
    for command in (
        SendChat(id="c", text="the talk is cancelled", name=name),
        AskQuestion(id="q", text="why?", name=name),
    ):
        refusal = refused(state, AUDIENCE_A, command, ErrorCode.NAME_RESERVED)
        assert "host" in refusal.reason


@pytest.mark.parametrize("name", FREE)
def test_ordinary_names_are_free(name: str) -> None:
    assert not imitates_role(name)
    state = initial_state("r1", "", RUNDOWN)
    act(state, AUDIENCE_A, SendChat(id="c", text="hi", name=name))


def test_the_host_and_speakers_may_call_themselves_what_they_are() -> None:
    state = initial_state("r1", "", RUNDOWN)
    act(state, HOST, SendChat(id="h", text="welcome!", name="Host"))
    act(state, SPEAKER_1, SendChat(id="s", text="hi", name="Speaker Ann"))
    assert [m.name for m in state.chat] == ["Host", "Speaker Ann"]


# --- taking back an up-vote ---------------------------------------------------------------------


def test_an_up_vote_can_be_taken_back_and_given_again(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    _, voted, hidden = question_ids(state)
    assert state.questions[voted].voters == ("audience:phone-a",)
    taken = only(act(state, AUDIENCE_A, UnvoteQuestion(id="u1", question=voted)))
    assert taken == QuestionUnvoted(question=voted, who="audience:phone-a")
    assert (state.questions[voted].votes, state.questions[voted].voters) == (0, ())
    # Taking back what one has not given changes nothing.
    assert act(state, AUDIENCE_A, UnvoteQuestion(id="u2", question=voted)) == []
    assert act(state, AUDIENCE_B, UnvoteQuestion(id="u3", question=voted)) == []
    act(state, AUDIENCE_A, VoteQuestion(id="v", question=voted))
    assert state.questions[voted].votes == 1
    refused(state, AUDIENCE_A, UnvoteQuestion(id="u4", question=hidden), ErrorCode.NOT_FOUND)
    refused(state, AUDIENCE_A, UnvoteQuestion(id="u5", question="q999"), ErrorCode.NOT_FOUND)


# --- reports ------------------------------------------------------------------------------------


def test_a_report_counts_each_person_once_and_keeps_what_was_said(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    message = state.chat[0]
    first = only(act(state, AUDIENCE_B, ReportChat(id="r1", message=message.id), T + 9))
    assert isinstance(first, ReportChanged)
    report = state.reports[message.id]
    assert (report.kind, report.name, report.text, report.count, report.at) == (
        ReportKind.CHAT,
        message.name,
        message.text,
        1,
        T + 9,
    )
    assert act(state, AUDIENCE_B, ReportChat(id="r2", message=message.id)) == []
    act(state, SPEAKER_1, ReportChat(id="r3", message=message.id), T + 10)
    assert (state.reports[message.id].count, state.reports[message.id].at) == (2, T + 10)
    pinned, _, _ = question_ids(state)
    act(state, AUDIENCE_A, ReportQuestion(id="r4", question=pinned))
    assert state.reports[pinned].kind is ReportKind.QUESTION
    refused(state, AUDIENCE_A, ReportChat(id="r5", message="m999"), ErrorCode.NOT_FOUND)
    refused(state, AUDIENCE_A, ReportQuestion(id="r6", question="q999"), ErrorCode.NOT_FOUND)


def test_hiding_what_was_reported_closes_the_report(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    message = state.chat[0]
    pinned, _, hidden = question_ids(state)
    act(state, AUDIENCE_B, ReportChat(id="r1", message=message.id))
    act(state, AUDIENCE_B, ReportQuestion(id="r2", question=pinned))
    events = act(state, HOST, HideChat(id="h", message=message.id))
    assert [type(e) for e in events] == [ChatPosted, ReportChanged]
    events = act(state, HOST, ModerateQuestion(id="m", question=pinned, hidden=True))
    assert [type(e) for e in events] == [QuestionChanged, ReportChanged]
    assert state.reports == {}
    # What is hidden already needs no report: acknowledged, nothing recorded.
    assert act(state, AUDIENCE_A, ReportChat(id="r3", message=message.id)) == []
    assert act(state, AUDIENCE_A, ReportQuestion(id="r4", question=hidden)) == []
    assert state.reports == {}


def test_a_host_dismisses_a_report_and_the_message_stays(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    message = state.chat[0]
    act(state, AUDIENCE_B, ReportChat(id="r1", message=message.id))
    only(act(state, HOST, DismissReport(id="d", report=message.id)))
    assert state.reports == {}
    assert not state.chat[0].hidden
    refused(state, HOST, DismissReport(id="d2", report=message.id), ErrorCode.NOT_FOUND)
    # A later report opens it again, counted afresh.
    act(state, AUDIENCE_B, ReportChat(id="r2", message=message.id))
    assert state.reports[message.id].count == 1


def reporter(n: int) -> Principal:
    return Principal(Role.AUDIENCE, room="r1", client=f"reporter-{n}")


def test_open_reports_are_capped() -> None:
    state = initial_state("r1", "", RUNDOWN)
    for n in range(MAX_REPORTS + 1):
        act(state, AUDIENCE_A, AskQuestion(id=f"q{n}", text=f"spam {n}"))
    ids = list(state.questions)
    for n, question in enumerate(ids[:MAX_REPORTS]):
        act(
            state,
            reporter(n // MAX_REPORTS_PER_REPORTER),
            ReportQuestion(id=f"r{n}", question=question),
        )
    refused(state, AUDIENCE_B, ReportQuestion(id="more", question=ids[-1]), ErrorCode.REFUSED)


def test_one_reporter_cannot_fill_the_moderation_list() -> None:
    state = initial_state("r1", "", RUNDOWN)
    for n in range(MAX_REPORTS_PER_REPORTER + 2):
        act(state, AUDIENCE_A, AskQuestion(id=f"q{n}", text=f"question {n}"))
    ids = list(state.questions)
    for n, question in enumerate(ids[:MAX_REPORTS_PER_REPORTER]):
        act(state, AUDIENCE_B, ReportQuestion(id=f"r{n}", question=question))
    one_more = ReportQuestion(id="more", question=ids[MAX_REPORTS_PER_REPORTER])
    refusal = refused(state, AUDIENCE_B, one_more, ErrorCode.REFUSED)
    assert str(MAX_REPORTS_PER_REPORTER) in refusal.reason
    # Someone else still may; and the busy reporter may add theirs to a report someone opened.
    act(state, reporter(1), ReportQuestion(id="other", question=ids[MAX_REPORTS_PER_REPORTER]))
    act(state, AUDIENCE_B, one_more)
    assert state.reports[ids[MAX_REPORTS_PER_REPORTER]].count == 2
    # A report the hosts dealt with no longer counts against the one who opened it.
    act(state, HOST, DismissReport(id="d", report=ids[0]))
    act(state, AUDIENCE_B, ReportQuestion(id="again", question=ids[-1]))
    assert len(state.reports) == MAX_REPORTS_PER_REPORTER + 1
