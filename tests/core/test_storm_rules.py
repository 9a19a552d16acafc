"""Coalesced reaction counts, text that shows nothing, and ids on parse errors: plain data."""

from __future__ import annotations

import pytest

from kanpe.core.events import Principal, Reacted, ReactionsCounted, evolve
from kanpe.core.model import CueKind, Role
from kanpe.core.protocol import (
    ID_LOOKUP_CHARS,
    MAX_MESSAGE_BYTES,
    AskQuestion,
    Command,
    ErrorCode,
    OpenPoll,
    ProtocolError,
    SendChat,
    SendCue,
    parse_client,
)
from kanpe.core.rules import Refusal, count_reactions, decide, initial_state
from kanpe.core.rundown import Rundown, Slot

T = 1_750_000_000.0
RUNDOWN = Rundown(slots=(Slot(id="talk-1", duration=1500), Slot(id="talk-2", duration=1500)))
HOST = Principal(Role.HOST, room="r1", client="host")
AUDIENCE = Principal(Role.AUDIENCE, room="r1", client="phone")


def clap(emoji: str, slot: str | None = "talk-1") -> Reacted:
    return Reacted(emoji=emoji, slot=slot, at=T)


# --- counting reactions ---------------------------------------------------------------------------

# (tally before, reactions since the last count, events expected)
COUNTS: list[tuple[dict[str, dict[str, int]], list[Reacted], list[ReactionsCounted]]] = [
    ({}, [], []),
    (
        {},
        [clap("👏"), clap("👏"), clap("🎉"), clap("👏")],
        [ReactionsCounted(slot="talk-1", added={"👏": 3, "🎉": 1}, counts={"👏": 3, "🎉": 1})],
    ),
    (
        {"talk-1": {"👏": 40, "🤔": 2}},
        [clap("🎉"), clap("👏")],
        [
            ReactionsCounted(
                slot="talk-1", added={"👏": 1, "🎉": 1}, counts={"👏": 41, "🤔": 2, "🎉": 1}
            )
        ],
    ),
    (  # counts are per talk: the talk on stage when each reaction was accepted
        {"talk-1": {"👏": 9}},
        [clap("👏"), clap("😂", "talk-2"), clap("❓", None)],
        [
            ReactionsCounted(slot="talk-1", added={"👏": 1}, counts={"👏": 10}),
            ReactionsCounted(slot="talk-2", added={"😂": 1}, counts={"😂": 1}),
            ReactionsCounted(slot=None, added={"❓": 1}, counts={"❓": 1}),
        ],
    ),
]


@pytest.mark.parametrize(("before", "reactions", "expected"), COUNTS)
def test_reactions_are_counted_per_talk(
    before: dict[str, dict[str, int]], reactions: list[Reacted], expected: list[ReactionsCounted]
) -> None:
    state = initial_state("r1", "", RUNDOWN)
    state.reactions = {k: dict(v) for k, v in before.items()}
    events = count_reactions(state, reactions)
    assert events == expected
    assert state.reactions == before  # counting decides; it changes nothing


def test_a_delta_of_n_reactions_is_n_reactions_in_the_counts() -> None:
    state = initial_state("r1", "", RUNDOWN)
    for batch in ([clap("👏")] * 37, [clap("👏")] * 5 + [clap("🎉")] * 2):
        for event in count_reactions(state, batch):
            evolve(state, event, state.version + 1)
    assert state.reactions == {"talk-1": {"👏": 42, "🎉": 2}}


def test_decide_accepts_a_reaction_as_one_reacted_for_the_talk_on_stage() -> None:
    from kanpe.core.protocol import React, SetCurrent

    state = initial_state("r1", "", RUNDOWN)
    for event in decide(state, HOST, SetCurrent(id="h1", slot="talk-2"), T):  # type: ignore[union-attr]
        evolve(state, event, state.version + 1)
    assert decide(state, AUDIENCE, React(id="a1", emoji="😂"), T) == [
        Reacted(emoji="😂", slot="talk-2", at=T)
    ]


# --- text that shows nothing ----------------------------------------------------------------------

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200b\u200c\u200d",  # zero-width space, non-joiner, joiner
    " \u2060 \ufeff ",  # word joiner, byte order mark, spaces
    "\u00ad",  # soft hyphen
    "\u3164\u3164",  # Hangul filler
    "\u2800",  # Braille blank
    "\ufe0f\u034f",  # variation selector, combining grapheme joiner
    "\u2063\u2064",  # invisible separator, invisible plus
    "\u3000",  # ideographic space
]


def commands_with_text(text: str) -> list[tuple[Principal, Command]]:
    return [
        (AUDIENCE, SendChat(id="a", text=text)),
        (AUDIENCE, AskQuestion(id="b", text=text)),
        (HOST, SendCue(id="c", slot="talk-1", kind=CueKind.TEXT, text=text)),
        (HOST, OpenPoll(id="d", question=text, options=("yes", "no"))),
        (HOST, OpenPoll(id="e", question="ok?", options=("yes", text))),
    ]


@pytest.mark.parametrize("text", INVISIBLE)
def test_text_made_only_of_invisible_characters_is_refused_like_empty_text(text: str) -> None:
    state = initial_state("r1", "", RUNDOWN)
    for who, command in commands_with_text(text):
        outcome = decide(state, who, command, T)
        assert isinstance(outcome, Refusal), command
        assert outcome.code is ErrorCode.REFUSED
        assert outcome.reason == "the text is empty"


@pytest.mark.parametrize("name", [text for text in INVISIBLE if text.strip()])
def test_a_name_made_only_of_invisible_characters_is_refused(name: str) -> None:
    """Whitespace alone strips to an empty name (anonymous, as before); the rest is refused."""
    state = initial_state("r1", "", RUNDOWN)
    for command in (
        SendChat(id="a", text="hi", name=name),
        AskQuestion(id="b", text="hi", name=name),
    ):
        outcome = decide(state, AUDIENCE, command, T)
        assert outcome == Refusal(ErrorCode.REFUSED, "the name shows nothing")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("👩\u200d💻", "👩\u200d💻"),  # a joiner inside something visible stays
        ("\u200bhi\u200b", "\u200bhi\u200b"),
        ("أهلا\u200c", "أهلا\u200c"),
    ],
)
def test_invisible_characters_inside_visible_text_are_kept(text: str, kept: str) -> None:
    state = initial_state("r1", "", RUNDOWN)
    events = decide(state, AUDIENCE, SendChat(id="a", text=text, name=""), T)
    assert not isinstance(events, Refusal)
    assert events[0].message.text == kept  # type: ignore[union-attr]


# --- parse errors name their command when its id can be read ----------------------------------------

HUGE = "x" * MAX_MESSAGE_BYTES
# (frame, code, id the error carries)
PARSE_ERRORS: list[tuple[str, ErrorCode, str | None]] = [
    ('{"type":"chat.send","id":"a-1","text":"' + HUGE + '"}', ErrorCode.TOO_LARGE, "a-1"),
    ('{"type":"chat.send","text":"' + HUGE + '","id":"a-1"}', ErrorCode.TOO_LARGE, None),
    ('{"type":"react","id":"a-2","emoji":"👏"', ErrorCode.BAD_JSON, "a-2"),
    ('{"type":"react","id":"a-3","id":"a-4","emoji":"👏"}', ErrorCode.DUPLICATE_KEY, "a-3"),
    ('{"type":"timer.adjust","id":"h-5","slot":"talk-1","seconds":1e999}', ErrorCode.BAD_NUMBER, "h-5"),
    ('{"type":"chat.send","id":"a-6","text":"\\ud800"}', ErrorCode.BAD_ENCODING, "a-6"),
    ('{"type":"chat.send","id":"a-7","text":' + "[" * 40 + "]" * 40 + "}", ErrorCode.TOO_DEEP, "a-7"),
    ('{"type":"timer.explode","id":"h-8","slot":"talk-1"}', ErrorCode.UNKNOWN_TYPE, "h-8"),
    ('{"type":"timer.explode","id":"not an ident!"}', ErrorCode.UNKNOWN_TYPE, None),
    ('{"type":"react","id":"a-9","emoji":5}', ErrorCode.BAD_MESSAGE, "a-9"),
    ('{"type":"react","emoji":"👏"}', ErrorCode.BAD_MESSAGE, None),
    ("not json at all", ErrorCode.BAD_JSON, None),
    ('{"type":"chat.send","text":"' + "y" * ID_LOOKUP_CHARS + '","id":"a-10"', ErrorCode.BAD_JSON, None),
]  # fmt: skip


@pytest.mark.parametrize(("frame", "code", "command_id"), PARSE_ERRORS)
def test_a_parse_error_carries_the_command_id_when_it_can_be_read(
    frame: str, code: ErrorCode, command_id: str | None
) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_client(frame)
    assert caught.value.code is code
    assert caught.value.command_id == command_id
