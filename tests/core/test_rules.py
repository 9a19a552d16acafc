"""Room rules: who may send what, and exactly what each command does to a room.

``decide`` must never change the state it reads, so every test that calls it compares an encoded
copy of the room before and after.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanpe.core.countdown import MAX_DURATION, Countdown, TimerStatus
from kanpe.core.events import (
    ChatPosted,
    CurrentChanged,
    Event,
    LogEvent,
    PollAnswered,
    PollChanged,
    Principal,
    QuestionChanged,
    QuestionVoted,
    Reacted,
    ReportChanged,
    RundownChanged,
    SlotChanged,
    evolve,
    published,
)
from kanpe.core.model import REACTIONS, CueKind, Poll, Question, Role, RoomState
from kanpe.core.moderation import MAX_POLLS
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
)
from kanpe.core.rules import MAX_QUESTIONS, Refusal, decide, initial_state
from kanpe.core.rundown import Rundown, RundownError, Slot

T = 1_750_000_000.0

RUNDOWN = Rundown(
    title="Meetup #12",
    slots=(
        Slot(id="talk-1", speaker="Ann", duration=1500),
        Slot(id="talk-2", speaker="Bo", duration=1500),
        Slot(id="lt-1", speaker="Cy", duration=300, warning=60, final=30),
    ),
)

HOST = Principal(Role.HOST, room="r1", client="host-app")
SPEAKER_1 = Principal(Role.SPEAKER, room="r1", slot="talk-1", client="s1")
SPEAKER_2 = Principal(Role.SPEAKER, room="r1", slot="talk-2", client="s2")
AUDIENCE_A = Principal(Role.AUDIENCE, room="r1", client="phone-a")
AUDIENCE_B = Principal(Role.AUDIENCE, room="r1", client="phone-b")
VIEWER = Principal(Role.VIEWER, room="r1", client="v")
ADMIN = Principal(Role.ADMIN, client="admin")
BY_ROLE = {
    Role.HOST: HOST,
    Role.SPEAKER: SPEAKER_2,
    Role.AUDIENCE: AUDIENCE_A,
    Role.VIEWER: VIEWER,
    Role.ADMIN: ADMIN,
}


def encoded(state: RoomState) -> bytes:
    return msgspec.json.encode(state)


@contextmanager
def unchanged(state: RoomState) -> Iterator[None]:
    """The block must leave ``state`` exactly as it was."""
    before, deep = encoded(state), copy.deepcopy(state)
    yield
    assert encoded(state) == before
    assert state == deep


def refused(state: RoomState, who: Principal, command: Command, code: ErrorCode) -> Refusal:
    """``command`` is refused with ``code`` and changes nothing."""
    with unchanged(state):
        outcome = decide(state, who, command, T + 5000)
    assert isinstance(outcome, Refusal), outcome
    assert outcome.code is code, outcome.reason
    assert outcome.reason
    return outcome


def act(state: RoomState, who: Principal, command: Command, now: float = T) -> list[LogEvent]:
    """Decide (which must not touch the state), then apply the events as the relay does."""
    with unchanged(state):
        outcome = decide(state, who, command, now)
    assert not isinstance(outcome, Refusal), outcome
    first = state.version + 1
    for offset, event in enumerate(outcome):
        evolve(state, event, first + offset)
    # Whatever a command does, the room can still be stored and sent.
    assert msgspec.json.decode(encoded(state), type=RoomState) == state
    return outcome


def only(events: list[Event]) -> Event:
    assert len(events) == 1, events
    return events[0]


def busy_room() -> RoomState:
    """A room mid-meetup, built from real commands.

    talk-1 running (host-run, a cue acknowledged), talk-2 paused and self-timed with an open cue,
    lt-1 idle; chat with one hidden message; a pinned, a voted and a hidden question; an open and
    a closed poll; some reactions.
    """
    state = initial_state("r1", "ML Meetup", RUNDOWN)
    act(state, HOST, SetCurrent(id="h1", slot="talk-1"))
    act(state, HOST, StartTimer(id="h2", slot="talk-1"), T)
    act(state, HOST, SendCue(id="h3", slot="talk-1", kind=CueKind.TIME, text="5 min"), T + 1200)
    first_cue = state.slots["talk-1"].cue
    assert first_cue is not None
    act(state, SPEAKER_1, AckCue(id="s1", cue=first_cue.id), T + 1201)
    act(state, HOST, AllowSelfTimer(id="h4", slot="talk-2", allowed=True))
    act(state, SPEAKER_2, StartTimer(id="s2", slot="talk-2"), T + 10)
    act(state, SPEAKER_2, PauseTimer(id="s3", slot="talk-2"), T + 70)
    act(state, HOST, SendCue(id="h5", slot="talk-2", kind=CueKind.WRAP), T + 80)
    act(state, AUDIENCE_A, SendChat(id="a1", text="hello from Osaka", name="A"))
    act(state, AUDIENCE_B, SendChat(id="b1", text="buy followers", name="B"))
    act(state, HOST, HideChat(id="h6", message=last_chat(state)))
    act(state, AUDIENCE_A, AskQuestion(id="a2", text="Does it scale?"))
    act(state, HOST, ModerateQuestion(id="h7", question=newest(state.questions), pinned=True))
    act(state, AUDIENCE_B, AskQuestion(id="b2", text="Which GPU?"))
    act(state, AUDIENCE_A, VoteQuestion(id="a3", question=newest(state.questions)))
    act(state, AUDIENCE_B, AskQuestion(id="b3", text="off-topic rant"))
    act(state, HOST, ModerateQuestion(id="h8", question=newest(state.questions), hidden=True))
    act(state, HOST, OpenPoll(id="h9", question="Old poll?", options=("a", "b")))
    act(state, AUDIENCE_A, AnswerPoll(id="a4", poll=newest(state.polls), option=0))
    act(state, HOST, ClosePoll(id="h10", poll=newest(state.polls)))
    act(state, HOST, OpenPoll(id="h11", question="Freelance?", options=("yes", "no")))
    act(state, AUDIENCE_B, AnswerPoll(id="b4", poll=newest(state.polls), option=0))
    act(state, AUDIENCE_A, React(id="a5", emoji="👏"))
    return state


def newest(records: dict[str, Question] | dict[str, Poll]) -> str:
    return list(records)[-1]


def last_chat(state: RoomState) -> str:
    return state.chat[-1].id


def question_ids(state: RoomState) -> tuple[str, str, str]:
    """(pinned, voted, hidden) question ids of the busy room."""
    pinned, voted, hidden = state.questions
    return pinned, voted, hidden


def test_busy_room_is_what_it_says() -> None:
    state = busy_room()
    assert state.slots["talk-1"].timer.status is TimerStatus.RUNNING
    assert state.slots["talk-2"].timer.status is TimerStatus.PAUSED
    assert state.slots["lt-1"].timer.status is TimerStatus.IDLE
    assert state.slots["talk-2"].self_timer
    assert not state.slots["talk-1"].self_timer
    cue_1, cue_2 = state.slots["talk-1"].cue, state.slots["talk-2"].cue
    assert cue_1 is not None
    assert cue_1.acked_at == T + 1201
    assert cue_2 is not None
    assert cue_2.acked_at is None
    assert [m.hidden for m in state.chat] == [False, True]
    pinned, voted, hidden = (state.questions[q] for q in question_ids(state))
    assert (pinned.pinned, voted.votes, hidden.hidden) == (True, 1, True)
    old, current = state.polls.values()
    assert (old.open, old.counts) == (False, (1, 0))
    assert (current.open, current.counts) == (True, (1, 0))
    assert state.reactions == {"talk-1": {"👏": 1}}


# --- the role x command table ------------------------------------------------------------------

# Written out here rather than read from rules.ALLOWED, so a change there has to change this too.
# fmt: off
EXPECTED_ALLOWED: dict[Role, set[type]] = {
    Role.HOST: {
        SetRundown, StartTimer, PauseTimer, ResetTimer, AdjustTimer, SetDuration, SetCurrent,
        AllowSelfTimer, NextSlot, SetAutoCues, SendCue, ClearCue, HideChat, ModerateQuestion,
        OpenPoll, ClosePoll, React, SendChat, AskQuestion, VoteQuestion, UnvoteQuestion,
        AnswerPoll, CreateInvite, ReplaceInvite, DismissReport, ShowPoll,
    },
    Role.SPEAKER: {
        AckCue, ReportSlide, StartTimer, PauseTimer, ResetTimer, AdjustTimer, SendChat,
        ReportChat, ReportQuestion, ModerateQuestion, OpenPoll, ClosePoll, ShowPoll,
    },
    Role.AUDIENCE: {
        React, SendChat, AskQuestion, VoteQuestion, UnvoteQuestion, AnswerPoll, ReportChat,
        ReportQuestion,
    },
    Role.VIEWER: set(),
    Role.ADMIN: {CreateRoom},
}
# fmt: on

NEW_RUNDOWN = Rundown(slots=(Slot(id="talk-1", duration=1200), Slot(id="talk-3", duration=600)))


def sample(kind: type, state: RoomState) -> tuple[Command, list[type] | ErrorCode]:
    """A command of ``kind`` that makes sense in the busy room, and what it should cause there
    for any role allowed to send it (a speaker is SPEAKER_2, on the self-timed talk-2)."""
    pinned, voted, hidden = question_ids(state)
    old_poll, poll = state.polls
    cue = state.slots["talk-2"].cue
    assert cue is not None
    table: dict[type, tuple[Command, list[type] | ErrorCode]] = {
        SetRundown: (SetRundown(id="x", rundown=NEW_RUNDOWN), [RundownChanged]),
        StartTimer: (StartTimer(id="x", slot="talk-2"), [SlotChanged]),
        PauseTimer: (PauseTimer(id="x", slot="talk-2"), ErrorCode.REFUSED),  # already paused
        ResetTimer: (ResetTimer(id="x", slot="talk-2"), [SlotChanged]),
        AdjustTimer: (AdjustTimer(id="x", slot="talk-2", seconds=30), [SlotChanged]),
        SetDuration: (SetDuration(id="x", slot="talk-2", seconds=600), [SlotChanged]),
        # talk-1, on stage and running, ends as it leaves the stage (docs/protocol.md 6.3.1)
        SetCurrent: (SetCurrent(id="x", slot="lt-1"), [SlotChanged, CurrentChanged]),
        NextSlot: (NextSlot(id="x", start=True), [SlotChanged, CurrentChanged, SlotChanged]),
        SetAutoCues: (SetAutoCues(id="x", slot="talk-2", final=False), [SlotChanged]),
        AllowSelfTimer: (AllowSelfTimer(id="x", slot="talk-1", allowed=True), [SlotChanged]),
        SendCue: (SendCue(id="x", slot="talk-2", kind=CueKind.FLASH), [SlotChanged]),
        ClearCue: (ClearCue(id="x", slot="talk-2"), [SlotChanged]),
        AckCue: (AckCue(id="x", cue=cue.id), [SlotChanged]),
        ReportSlide: (ReportSlide(id="x", page=4, pages=20), [SlotChanged]),
        React: (React(id="x", emoji="🎉"), [Reacted]),
        SendChat: (SendChat(id="x", text="great talk"), [ChatPosted]),
        HideChat: (HideChat(id="x", message=state.chat[0].id), [ChatPosted]),
        AskQuestion: (AskQuestion(id="x", text="And on CPUs?"), [QuestionChanged]),
        VoteQuestion: (VoteQuestion(id="x", question=pinned), [QuestionVoted]),
        UnvoteQuestion: (UnvoteQuestion(id="x", question=pinned), []),  # nobody voted for it
        ReportChat: (ReportChat(id="x", message=state.chat[0].id), [ReportChanged]),
        ReportQuestion: (ReportQuestion(id="x", question=pinned), [ReportChanged]),
        DismissReport: (DismissReport(id="x", report=pinned), ErrorCode.NOT_FOUND),  # none open
        ModerateQuestion: (
            ModerateQuestion(id="x", question=voted, pinned=True),
            [QuestionChanged, QuestionChanged],  # unpins the old one too
        ),
        OpenPoll: (OpenPoll(id="x", question="Tabs?", options=("yes", "no")), [PollChanged]),
        ClosePoll: (ClosePoll(id="x", poll=poll), [PollChanged]),
        ShowPoll: (ShowPoll(id="x", poll=old_poll), [PollChanged]),
        AnswerPoll: (AnswerPoll(id="x", poll=poll, option=1), [PollAnswered]),
        CreateRoom: (CreateRoom(id="x", name="Other"), ErrorCode.REFUSED),  # the relay's job
        CreateInvite: (CreateInvite(id="x", role=Role.AUDIENCE), ErrorCode.REFUSED),  # same
        ReplaceInvite: (ReplaceInvite(id="x", slot="talk-1"), ErrorCode.REFUSED),  # same
    }
    assert set(table) == set(COMMAND_TYPES)
    del hidden
    return table[kind]


# The busy room's questions and polls are talk-1's: SPEAKER_2 (talk-2) may not touch them
# (tests/core/test_rules_talk.py has a speaker acting on its own).
OTHER_TALKS = {ModerateQuestion, ClosePoll, ShowPoll}


ROLE_COMMAND_PAIRS = [(role, kind) for role in Role for kind in COMMAND_TYPES]


@pytest.fixture(scope="module")
def busy() -> RoomState:
    return busy_room()


@pytest.mark.parametrize(
    ("role", "kind"),
    ROLE_COMMAND_PAIRS,
    ids=[f"{role.value}-{kind.__name__}" for role, kind in ROLE_COMMAND_PAIRS],
)
def test_role_and_command(busy: RoomState, role: Role, kind: type) -> None:
    state = copy.deepcopy(busy)
    who = BY_ROLE[role]
    command, expected = sample(kind, state)
    if kind not in EXPECTED_ALLOWED[role]:
        refusal = refused(state, who, command, ErrorCode.FORBIDDEN)
        assert role.value in refusal.reason
        return
    if role is Role.SPEAKER and kind in OTHER_TALKS:
        expected = ErrorCode.FORBIDDEN
    if isinstance(expected, ErrorCode):
        refused(state, who, command, expected)
        return
    events = act(state, who, command, T + 5000)
    assert [type(event) for event in events] == expected
    assert state.version == busy.version + len(events)


def test_every_role_is_in_the_table() -> None:
    assert set(EXPECTED_ALLOWED) == set(Role)
    assert set(BY_ROLE) == set(Role)


# --- timers ------------------------------------------------------------------------------------


def test_host_runs_a_timer_through_its_life() -> None:
    state = initial_state("r1", "", RUNDOWN)
    started = only(act(state, HOST, StartTimer(id="1", slot="lt-1"), T))
    assert isinstance(started, SlotChanged)
    assert started.slot.timer == Countdown.idle(300).start(T)
    act(state, HOST, AdjustTimer(id="2", slot="lt-1", seconds=-60), T + 10)
    assert state.slots["lt-1"].timer.remaining_at(T + 10) == 230
    act(state, HOST, PauseTimer(id="3", slot="lt-1"), T + 20)
    assert state.slots["lt-1"].timer.remaining == 220
    act(state, HOST, SetDuration(id="4", slot="lt-1", seconds=600), T + 30)
    timer = state.slots["lt-1"].timer
    assert (timer.duration, timer.remaining, timer.elapsed_at(T + 30)) == (600, 520, 20)
    act(state, HOST, StartTimer(id="5", slot="lt-1"), T + 40)
    assert state.slots["lt-1"].timer.remaining_at(T + 50) == 510
    act(state, HOST, ResetTimer(id="6", slot="lt-1"), T + 60)
    assert state.slots["lt-1"].timer == Countdown.idle(600)


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (PauseTimer(id="x", slot="lt-1"), ErrorCode.REFUSED),  # idle
        (StartTimer(id="x", slot="talk-1"), ErrorCode.REFUSED),  # running
        (StartTimer(id="x", slot="talk-9"), ErrorCode.NOT_FOUND),
        (AdjustTimer(id="x", slot="nope", seconds=1), ErrorCode.NOT_FOUND),
        (SetCurrent(id="x", slot="talk-9"), ErrorCode.NOT_FOUND),
        (AllowSelfTimer(id="x", slot="talk-9", allowed=True), ErrorCode.NOT_FOUND),
        (SendCue(id="x", slot="talk-9", kind=CueKind.WRAP), ErrorCode.NOT_FOUND),
        (ClearCue(id="x", slot="talk-9"), ErrorCode.NOT_FOUND),
    ],
    ids=lambda value: getattr(value, "slot", value),
)
def test_impossible_timer_and_slot_commands(
    busy: RoomState, command: Command, code: ErrorCode
) -> None:
    refused(busy, HOST, command, code)


def test_adjusting_past_what_a_timer_can_hold_is_refused() -> None:
    state = initial_state("r1", "", RUNDOWN)
    act(state, HOST, StartTimer(id="s", slot="talk-1"))
    for index in range(9):
        act(state, HOST, AdjustTimer(id=f"a{index}", slot="talk-1", seconds=MAX_DURATION))
    refused(
        state, HOST, AdjustTimer(id="over", slot="talk-1", seconds=MAX_DURATION), ErrorCode.REFUSED
    )


def test_speaker_runs_only_its_own_timer_and_only_when_allowed() -> None:
    state = initial_state("r1", "", RUNDOWN)
    own = StartTimer(id="s1", slot="talk-1")
    refused(state, SPEAKER_1, own, ErrorCode.FORBIDDEN)  # the host has not allowed it
    act(state, HOST, AllowSelfTimer(id="h1", slot="talk-1", allowed=True))
    assert only(act(state, SPEAKER_1, own, T))
    for command in (
        StartTimer(id="s2", slot="talk-2"),
        PauseTimer(id="s2", slot="talk-2"),
        ResetTimer(id="s2", slot="talk-2"),
        AdjustTimer(id="s2", slot="talk-2", seconds=60),
    ):
        refused(state, SPEAKER_1, command, ErrorCode.FORBIDDEN)  # someone else's slot
    act(state, HOST, AllowSelfTimer(id="h2", slot="talk-2", allowed=True))
    refused(state, SPEAKER_1, StartTimer(id="s3", slot="talk-2"), ErrorCode.FORBIDDEN)
    act(state, SPEAKER_1, AdjustTimer(id="s4", slot="talk-1", seconds=60), T + 1)
    act(state, SPEAKER_1, PauseTimer(id="s5", slot="talk-1"), T + 2)
    assert state.slots["talk-1"].timer.remaining == 1558
    refused(state, SPEAKER_1, SetDuration(id="s6", slot="talk-1", seconds=60), ErrorCode.FORBIDDEN)
    act(state, HOST, AllowSelfTimer(id="h3", slot="talk-1", allowed=False))
    refused(state, SPEAKER_1, StartTimer(id="s7", slot="talk-1"), ErrorCode.FORBIDDEN)
    refused(state, SPEAKER_1, ResetTimer(id="s8", slot="talk-1"), ErrorCode.FORBIDDEN)


def test_repeating_a_setting_changes_nothing(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    assert act(state, HOST, SetCurrent(id="x", slot="talk-1")) == []
    assert act(state, HOST, AllowSelfTimer(id="x", slot="talk-2", allowed=True)) == []
    assert act(state, HOST, ClearCue(id="x", slot="lt-1")) == []
    assert act(state, HOST, AdjustTimer(id="x", slot="talk-2", seconds=0)) == []
    assert act(state, HOST, ResetTimer(id="x", slot="lt-1")) == []
    assert state.version == busy.version


def test_set_current_to_none_clears_it(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    events = act(state, HOST, SetCurrent(id="x", slot=None))
    assert events[-1] == CurrentChanged(slot=None)
    assert state.current is None
    act(state, AUDIENCE_A, React(id="r", emoji="😂"))
    act(state, AUDIENCE_A, AskQuestion(id="q", text="Off-stage?"))
    assert state.reactions[""] == {"😂": 1}
    assert state.questions[newest(state.questions)].slot is None


# --- cues --------------------------------------------------------------------------------------


def test_cue_goes_to_its_speaker_and_is_acknowledged_once() -> None:
    state = initial_state("r1", "", RUNDOWN)
    sent = only(
        act(state, HOST, SendCue(id="c", slot="talk-1", kind=CueKind.TIME, text=" 5 min "), T)
    )
    assert isinstance(sent, SlotChanged)
    cue = sent.slot.cue
    assert cue is not None
    assert (cue.id, cue.slot, cue.kind, cue.text, cue.flash) == (
        "c2",
        "talk-1",
        CueKind.TIME,
        "5 min",
        False,
    )
    assert (cue.sent_at, cue.acked_at) == (T, None)
    refused(state, SPEAKER_2, AckCue(id="a", cue=cue.id), ErrorCode.NOT_FOUND)  # not its slot
    refused(state, AUDIENCE_A, AckCue(id="a", cue=cue.id), ErrorCode.FORBIDDEN)
    refused(state, HOST, AckCue(id="a", cue=cue.id), ErrorCode.FORBIDDEN)
    refused(state, SPEAKER_1, AckCue(id="a", cue="c999"), ErrorCode.NOT_FOUND)
    acked = only(act(state, SPEAKER_1, AckCue(id="a", cue=cue.id), T + 3))
    assert isinstance(acked, SlotChanged)
    assert acked.slot.cue == msgspec.structs.replace(cue, acked_at=T + 3)
    assert act(state, SPEAKER_1, AckCue(id="a2", cue=cue.id), T + 9) == []
    assert state.slots["talk-1"].cue is not None
    assert state.slots["talk-1"].cue.acked_at == T + 3


def test_a_new_cue_replaces_the_old_and_the_old_cannot_be_acked() -> None:
    state = initial_state("r1", "", RUNDOWN)
    act(state, HOST, SendCue(id="c1", slot="talk-1", kind=CueKind.WRAP))
    old = state.slots["talk-1"].cue
    act(state, HOST, SendCue(id="c2", slot="talk-1", kind=CueKind.FLASH))
    new = state.slots["talk-1"].cue
    assert old is not None
    assert new is not None
    assert new.id != old.id
    assert new.flash, "a flash cue flashes"
    refused(state, SPEAKER_1, AckCue(id="a", cue=old.id), ErrorCode.NOT_FOUND)
    act(state, HOST, ClearCue(id="c3", slot="talk-1"))
    assert state.slots["talk-1"].cue is None
    refused(state, SPEAKER_1, AckCue(id="a", cue=new.id), ErrorCode.NOT_FOUND)


def test_text_cue_needs_text_other_cues_do_not() -> None:
    state = initial_state("r1", "", RUNDOWN)
    refused(state, HOST, SendCue(id="c", slot="talk-1", kind=CueKind.TEXT), ErrorCode.REFUSED)
    refused(
        state,
        HOST,
        SendCue(id="c", slot="talk-1", kind=CueKind.TEXT, text=" \u202e\n"),
        ErrorCode.REFUSED,
    )
    for kind in (CueKind.TIME, CueKind.WRAP, CueKind.FLASH):
        act(state, HOST, SendCue(id=f"c-{kind}", slot="talk-1", kind=kind))
    act(state, HOST, SendCue(id="c-text", slot="talk-1", kind=CueKind.TEXT, text="slow\u202e down"))
    cue = state.slots["talk-1"].cue
    assert cue is not None
    assert cue.text == "slow down"


# --- slides and reactions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "pages", "ok"),
    [(0, 0, True), (1, 1, True), (5, 20, True), (20, 20, True), (0, 5, False), (21, 20, False),
     (1, 0, False)],
)  # fmt: skip
def test_report_slide(page: int, pages: int, ok: bool) -> None:
    state = initial_state("r1", "", RUNDOWN)
    command = ReportSlide(id="s", page=page, pages=pages)
    if not ok:
        refused(state, SPEAKER_1, command, ErrorCode.REFUSED)
        return
    act(state, SPEAKER_1, command)
    slot = state.slots["talk-1"]
    assert (slot.page, slot.pages) == (page, pages)
    assert state.slots["talk-2"].pages == 0, "only the speaker's own slot"


def test_a_speaker_bound_to_no_slot_cannot_report_or_ack() -> None:
    state = initial_state("r1", "", RUNDOWN)
    lost = Principal(Role.SPEAKER, room="r1", slot="gone", client="s")
    refused(state, lost, ReportSlide(id="s", page=1, pages=2), ErrorCode.NOT_FOUND)
    refused(state, lost, AckCue(id="a", cue="c1"), ErrorCode.NOT_FOUND)


@pytest.mark.parametrize("emoji", REACTIONS)
def test_every_reaction_counts_for_the_current_slot(emoji: str, busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    event = only(act(state, AUDIENCE_B, React(id="r", emoji=emoji), T + 9))
    assert event == Reacted(emoji=emoji, slot="talk-1", at=T + 9)
    assert state.reactions["talk-1"][emoji] == busy.reactions["talk-1"].get(emoji, 0) + 1


@pytest.mark.parametrize("emoji", ["💩", "", "👏👏", "x", "\u202e"])
def test_other_reactions_are_refused(emoji: str, busy: RoomState) -> None:
    refused(busy, AUDIENCE_A, React(id="r", emoji=emoji), ErrorCode.REFUSED)


# --- questions and votes -----------------------------------------------------------------------


def test_votes_count_once_per_principal_key(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    _, voted, _ = question_ids(state)
    assert state.questions[voted].votes == 1
    assert act(state, AUDIENCE_A, VoteQuestion(id="v1", question=voted)) == []
    same_device = Principal(Role.AUDIENCE, room="r1", client="phone-a")
    assert act(state, same_device, VoteQuestion(id="v2", question=voted)) == []
    act(state, AUDIENCE_B, VoteQuestion(id="v3", question=voted))
    act(state, HOST, VoteQuestion(id="v4", question=voted))
    question = state.questions[voted]
    assert question.votes == 3
    assert question.voters == ("audience:phone-a", "audience:phone-b", "host")
    assert act(state, HOST, VoteQuestion(id="v5", question=voted)) == []


def test_hidden_or_missing_questions_cannot_be_voted_on(busy: RoomState) -> None:
    _, _, hidden = question_ids(busy)
    refused(busy, AUDIENCE_A, VoteQuestion(id="v", question=hidden), ErrorCode.NOT_FOUND)
    refused(busy, AUDIENCE_A, VoteQuestion(id="v", question="q999"), ErrorCode.NOT_FOUND)
    refused(busy, HOST, ModerateQuestion(id="m", question="q999", pinned=True), ErrorCode.NOT_FOUND)


def test_pinning_one_question_unpins_the_other(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    pinned, voted, _ = question_ids(state)
    events = act(state, HOST, ModerateQuestion(id="m1", question=voted, pinned=True))
    assert events == [
        QuestionChanged(question=msgspec.structs.replace(busy.questions[pinned], pinned=False)),
        QuestionChanged(question=msgspec.structs.replace(busy.questions[voted], pinned=True)),
    ]
    assert [q.id for q in state.questions.values() if q.pinned] == [voted]
    assert act(state, HOST, ModerateQuestion(id="m2", question=voted, pinned=True)) == []
    unpin = only(act(state, HOST, ModerateQuestion(id="m3", question=voted, pinned=False)))
    assert isinstance(unpin, QuestionChanged)
    assert not any(q.pinned for q in state.questions.values())


def test_moderation_changes_only_the_named_flags(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    pinned, _, _ = question_ids(state)
    act(state, HOST, ModerateQuestion(id="m", question=pinned, answered=True))
    after = state.questions[pinned]
    assert after == msgspec.structs.replace(busy.questions[pinned], answered=True)
    assert act(state, HOST, ModerateQuestion(id="m2", question=pinned)) == []


# --- polls -------------------------------------------------------------------------------------


def test_poll_answers_change_counts_correctly() -> None:
    state = initial_state("r1", "", RUNDOWN)
    opened = only(
        act(state, HOST, OpenPoll(id="p", question=" Tabs? ", options=("yes", "no", "both")))
    )
    assert isinstance(opened, PollChanged)
    poll_id = opened.poll.id
    assert (opened.poll.question, opened.poll.counts, opened.poll.open) == (
        "Tabs?",
        (0, 0, 0),
        True,
    )

    def counts() -> tuple[int, ...]:
        return state.polls[poll_id].counts

    act(state, AUDIENCE_A, AnswerPoll(id="1", poll=poll_id, option=0))
    assert counts() == (1, 0, 0)
    act(state, AUDIENCE_B, AnswerPoll(id="2", poll=poll_id, option=0))
    assert counts() == (2, 0, 0)
    act(state, AUDIENCE_A, AnswerPoll(id="3", poll=poll_id, option=2))
    assert counts() == (1, 0, 1), "a changed answer moves one vote"
    assert act(state, AUDIENCE_A, AnswerPoll(id="4", poll=poll_id, option=2)) == []
    act(state, HOST, AnswerPoll(id="5", poll=poll_id, option=1))
    assert counts() == (1, 1, 1)
    refused(state, AUDIENCE_B, AnswerPoll(id="6", poll=poll_id, option=3), ErrorCode.REFUSED)
    refused(state, AUDIENCE_B, AnswerPoll(id="7", poll="p999", option=0), ErrorCode.NOT_FOUND)
    act(state, HOST, ClosePoll(id="8", poll=poll_id))
    assert not state.polls[poll_id].open
    assert act(state, HOST, ClosePoll(id="9", poll=poll_id)) == []
    refused(state, AUDIENCE_B, AnswerPoll(id="10", poll=poll_id, option=1), ErrorCode.REFUSED)
    refused(state, HOST, ClosePoll(id="11", poll="p999"), ErrorCode.NOT_FOUND)
    assert counts() == (1, 1, 1)


def test_poll_text_is_cleaned_and_must_not_end_up_empty() -> None:
    state = initial_state("r1", "", RUNDOWN)
    refused(
        state, HOST, OpenPoll(id="p", question="ok?", options=("yes", "\u202e")), ErrorCode.REFUSED
    )
    refused(state, HOST, OpenPoll(id="p", question="\x00", options=("a", "b")), ErrorCode.REFUSED)
    act(state, HOST, OpenPoll(id="p", question="ok?", options=("\tyes\n", "n\u200fo")))
    assert state.polls[newest(state.polls)].options == ("yes", "no")


# --- chat --------------------------------------------------------------------------------------

# (sent, shown)
CLEANING = [
    ("plain", "plain"),
    ("  padded  ", "padded"),
    ("null\x00byte", "nullbyte"),
    ("bell\x07 escape\x1b[31m", "bell escape[31m"),
    ("del\x7f c1\x85\x9b", "del c1"),
    ("tab\there", "tab here"),
    ("two\nlines\r\nthree", "two lines  three"),
    ("line\u2028separator", "line separator"),
    ("para\u2029graph", "para graph"),
    ("form\x0cfeed, vertical\x0btab", "formfeed, verticaltab"),  # other controls go
    ("right-to-left \u202eoverride\u202c end", "right-to-left override end"),
    ("\u202aembed\u202b\u202d", "embed"),
    ("isolates \u2066\u2067\u2068x\u2069", "isolates x"),
    ("marks \u200e\u200f\u061c", "marks"),
    ("日本語 と emoji 🎉", "日本語 と emoji 🎉"),
    ("arabic مرحبا", "arabic مرحبا"),
    ("<b>not html</b>", "<b>not html</b>"),
]
EMPTY_AFTER_CLEANING = ["\x00", " ", "\n\t\r", "\u202e", "\u2066\u2069", "\x1b\x07"]


@pytest.mark.parametrize(("sent", "shown"), CLEANING)
def test_chat_text_is_cleaned(sent: str, shown: str) -> None:
    state = initial_state("r1", "", RUNDOWN)
    event = only(act(state, AUDIENCE_A, SendChat(id="c", text=sent, name=sent[:40]), T))
    assert isinstance(event, ChatPosted)
    assert event.message.text == shown
    assert event.message.name == shown
    assert event.message.at == T
    question = only(act(state, AUDIENCE_A, AskQuestion(id="q", text=sent)))
    assert isinstance(question, QuestionChanged)
    assert question.question.text == shown


@pytest.mark.parametrize("sent", EMPTY_AFTER_CLEANING)
def test_text_that_cleans_to_nothing_is_refused(sent: str) -> None:
    state = initial_state("r1", "", RUNDOWN)
    refused(state, AUDIENCE_A, SendChat(id="c", text=sent), ErrorCode.REFUSED)
    refused(state, AUDIENCE_A, AskQuestion(id="q", text=sent), ErrorCode.REFUSED)


def test_a_name_may_clean_to_nothing() -> None:
    state = initial_state("r1", "", RUNDOWN)
    event = only(act(state, AUDIENCE_A, SendChat(id="c", text="hi", name="\u202e\n")))
    assert isinstance(event, ChatPosted)
    assert event.message.name == ""


def test_hiding_chat(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    visible, hidden = state.chat
    event = only(act(state, HOST, HideChat(id="h", message=visible.id)))
    assert event == ChatPosted(message=msgspec.structs.replace(visible, hidden=True))
    assert [m.id for m in state.chat] == [visible.id, hidden.id], "hidden in place, not moved"
    assert act(state, HOST, HideChat(id="h2", message=hidden.id)) == []
    refused(state, HOST, HideChat(id="h3", message="m999"), ErrorCode.NOT_FOUND)


# --- rundown -----------------------------------------------------------------------------------


def test_rundown_set_keeps_running_timers_and_resets_idle_ones(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    act(state, HOST, AdjustTimer(id="x", slot="lt-1", seconds=60))  # idle, but adjusted
    new = Rundown(
        title="Changed",
        slots=(
            Slot(id="talk-1", duration=600),  # running: keeps going as it was
            Slot(id="talk-2", duration=900),  # paused: keeps its time too
            Slot(id="lt-1", duration=420, warning=60, final=30),  # idle: takes the new length
            Slot(id="lt-2", duration=300),  # new: idle
        ),
    )
    event = only(act(state, HOST, SetRundown(id="r", rundown=new)))
    assert isinstance(event, RundownChanged)
    assert state.rundown == new
    assert list(state.slots) == ["talk-1", "talk-2", "lt-1", "lt-2"]
    assert state.slots["talk-1"] == busy.slots["talk-1"]
    assert state.slots["talk-2"] == busy.slots["talk-2"]
    assert state.slots["lt-1"].timer == Countdown.idle(420)
    assert state.slots["lt-2"].timer == Countdown.idle(300)
    assert state.current == "talk-1"


def test_rundown_set_drops_removed_slots_and_the_current_one(busy: RoomState) -> None:
    state = copy.deepcopy(busy)
    act(state, HOST, SetRundown(id="r", rundown=Rundown(slots=(Slot(id="lt-1", duration=300),))))
    assert list(state.slots) == ["lt-1"]
    assert state.current is None
    refused(state, HOST, StartTimer(id="s", slot="talk-1"), ErrorCode.NOT_FOUND)


@pytest.mark.parametrize(
    "rundown",
    [
        Rundown(slots=(Slot(id="a", duration=60), Slot(id="a", duration=120))),
        Rundown(slots=(Slot(id="a", duration=600, warning=60, final=120),)),
        Rundown(slots=tuple(Slot(id=f"s{i}", duration=60) for i in range(201))),
    ],
    ids=["duplicate id", "final above warning", "201 slots"],
)
def test_invalid_rundown_is_refused(busy: RoomState, rundown: Rundown) -> None:
    refused(busy, HOST, SetRundown(id="r", rundown=rundown), ErrorCode.REFUSED)
    with pytest.raises(RundownError):
        initial_state("r2", "", rundown)


def test_initial_state() -> None:
    state = initial_state("r1", "Meetup", RUNDOWN)
    assert (state.id, state.name, state.version, state.current) == ("r1", "Meetup", 1, None)
    assert state.rundown == RUNDOWN
    assert {k: v.timer for k, v in state.slots.items()} == {
        "talk-1": Countdown.idle(1500),
        "talk-2": Countdown.idle(1500),
        "lt-1": Countdown.idle(300),
    }
    assert not any(s.self_timer or s.cue for s in state.slots.values())


# --- ids ---------------------------------------------------------------------------------------


def test_ids_come_from_the_version_that_creates_them() -> None:
    state = initial_state("r1", "", RUNDOWN)
    assert state.version == 1
    chat = only(act(state, AUDIENCE_A, SendChat(id="x", text="hi")))
    question = only(act(state, AUDIENCE_A, AskQuestion(id="x", text="q?")))
    poll = only(act(state, HOST, OpenPoll(id="x", question="p?", options=("a", "b"))))
    cue = only(act(state, HOST, SendCue(id="x", slot="talk-1", kind=CueKind.WRAP)))
    assert isinstance(chat, ChatPosted)
    assert isinstance(question, QuestionChanged)
    assert isinstance(poll, PollChanged)
    assert isinstance(cue, SlotChanged)
    assert cue.slot.cue is not None
    assert (chat.message.id, question.question.id, poll.poll.id, cue.slot.cue.id) == (
        "m2",
        "q3",
        "p4",
        "c5",
    )


def test_the_same_commands_give_the_same_room() -> None:
    first, second = busy_room(), busy_room()
    assert encoded(first) == encoded(second)


def test_questions_and_polls_are_capped_so_snapshots_stay_small() -> None:
    state = initial_state("r1", "", Rundown())
    for index in range(MAX_QUESTIONS):
        decided = decide(state, AUDIENCE_A, AskQuestion(id=f"q{index}", text="why?"), T)
        assert isinstance(decided, list)
        for event in decided:
            evolve(state, event, state.version + 1)
    refused(state, AUDIENCE_A, AskQuestion(id="one-more", text="why?"), ErrorCode.REFUSED)
    for index in range(MAX_POLLS):
        decided = decide(state, HOST, OpenPoll(id=f"p{index}", question="?", options=("a", "b")), T)
        assert isinstance(decided, list)
        for event in decided:
            evolve(state, event, state.version + 1)
    refused(state, HOST, OpenPoll(id="p-more", question="?", options=("a", "b")), ErrorCode.REFUSED)
    assert (len(state.questions), len(state.polls)) == (MAX_QUESTIONS, MAX_POLLS)


# --- any sequence of commands ------------------------------------------------------------------

PRINCIPALS = [HOST, SPEAKER_1, SPEAKER_2, AUDIENCE_A, AUDIENCE_B, VIEWER, ADMIN]
slot_ids = st.sampled_from(["talk-1", "talk-2", "lt-1", "nope"])
record_ids = st.sampled_from([f"{p}{n}" for p in "mqpc" for n in range(1, 40)])
texts = st.sampled_from(["hi", " ", "\u202e", "a\nb", "ok"])
commands = st.one_of(
    st.builds(StartTimer, id=st.just("x"), slot=slot_ids),
    st.builds(PauseTimer, id=st.just("x"), slot=slot_ids),
    st.builds(ResetTimer, id=st.just("x"), slot=slot_ids),
    st.builds(
        AdjustTimer,
        id=st.just("x"),
        slot=slot_ids,
        seconds=st.integers(-MAX_DURATION, MAX_DURATION),
    ),
    st.builds(SetDuration, id=st.just("x"), slot=slot_ids, seconds=st.integers(1, MAX_DURATION)),
    st.builds(SetCurrent, id=st.just("x"), slot=slot_ids | st.none()),
    st.builds(AllowSelfTimer, id=st.just("x"), slot=slot_ids, allowed=st.booleans()),
    st.builds(SendCue, id=st.just("x"), slot=slot_ids, kind=st.sampled_from(CueKind), text=texts),
    st.builds(ClearCue, id=st.just("x"), slot=slot_ids),
    st.builds(AckCue, id=st.just("x"), cue=record_ids),
    st.builds(ReportSlide, id=st.just("x"), page=st.integers(0, 5), pages=st.integers(0, 5)),
    st.builds(React, id=st.just("x"), emoji=st.sampled_from([*REACTIONS, "x"])),
    st.builds(SendChat, id=st.just("x"), text=texts, name=texts),
    st.builds(HideChat, id=st.just("x"), message=record_ids),
    st.builds(AskQuestion, id=st.just("x"), text=texts),
    st.builds(VoteQuestion, id=st.just("x"), question=record_ids),
    st.builds(UnvoteQuestion, id=st.just("x"), question=record_ids),
    st.builds(ReportChat, id=st.just("x"), message=record_ids),
    st.builds(ReportQuestion, id=st.just("x"), question=record_ids),
    st.builds(DismissReport, id=st.just("x"), report=record_ids),
    st.builds(
        ModerateQuestion,
        id=st.just("x"),
        question=record_ids,
        pinned=st.none() | st.booleans(),
        answered=st.none() | st.booleans(),
        hidden=st.none() | st.booleans(),
    ),
    st.builds(OpenPoll, id=st.just("x"), question=texts, options=st.just(("a", "b", "c"))),
    st.builds(ClosePoll, id=st.just("x"), poll=record_ids),
    st.builds(AnswerPoll, id=st.just("x"), poll=record_ids, option=st.integers(0, 5)),
    st.builds(SetRundown, id=st.just("x"), rundown=st.sampled_from([RUNDOWN, NEW_RUNDOWN])),
)


@settings(max_examples=150, deadline=None)
@given(
    steps=st.lists(st.tuples(st.sampled_from(PRINCIPALS), commands, st.floats(0, 600)), max_size=40)
)
def test_any_sequence_keeps_the_room_consistent(
    steps: list[tuple[Principal, Command, float]],
) -> None:
    state = initial_state("r1", "", RUNDOWN)
    now = T
    for who, command, wait in steps:
        now += wait
        with unchanged(state):
            outcome = decide(state, who, command, now)
        if isinstance(outcome, Refusal):
            continue
        version = state.version
        for offset, event in enumerate(outcome):
            evolve(state, event, version + 1 + offset)
        assert state.version == version + len(outcome)
        assert sum(q.pinned for q in state.questions.values()) <= 1
        for question in state.questions.values():
            assert question.votes == len(question.voters) == len(set(question.voters))
        for report in state.reports.values():
            assert report.count == len(report.reporters) == len(set(report.reporters)) > 0
        for poll in state.polls.values():
            tally = [list(poll.answers.values()).count(i) for i in range(len(poll.options))]
            assert list(poll.counts) == tally
        for slot_id, slot in state.slots.items():
            assert slot.id == slot_id
            assert slot.cue is None or slot.cue.slot == slot_id
        assert set(state.slots) == {s.id for s in state.rundown.slots}
        assert state.current is None or state.current in state.slots
    assert msgspec.json.decode(encoded(state), type=RoomState) == state


def test_an_answer_or_a_vote_is_logged_as_a_line_however_big_the_audience() -> None:
    """The log gets one small event per answer and per vote, not the whole poll or question
    (whose answers and voters grow with the audience: 5,000 answers logged ~310 MB). Readers
    are still sent the poll and the question they lead to, with their counts."""
    state = initial_state("room", "", RUNDOWN)
    host = Principal(role=Role.HOST, room="room")
    act(state, host, OpenPoll(id="p", question="Tabs?", options=("yes", "no")))
    act(state, host, AskQuestion(id="q", text="And on CPUs?"))
    poll_id, question_id = next(iter(state.polls)), next(iter(state.questions))
    who = host
    for n in range(2_000):
        who = Principal(role=Role.AUDIENCE, room="room", client=f"device{n:05d}")
        [answered] = act(state, who, AnswerPoll(id=f"a{n}", poll=poll_id, option=n % 2))
        [voted] = act(state, who, VoteQuestion(id=f"v{n}", question=question_id))
        assert len(msgspec.json.encode(answered)) < 200 and len(msgspec.json.encode(voted)) < 200
    assert state.polls[poll_id].counts == (1_000, 1_000)
    assert state.questions[question_id].votes == 2_000
    sent = published(state, voted)
    assert isinstance(sent, QuestionChanged) and sent.question.votes == 2_000
    [changed] = act(state, who, AnswerPoll(id="again", poll=poll_id, option=0))
    assert state.polls[poll_id].counts == (1_001, 999)  # a changed answer moves one vote
    assert published(state, changed) == PollChanged(poll=state.polls[poll_id])
