"""docs/protocol.md is normative, and says every JSON example in it was checked against the code:
this is that check. Unmarked ```json blocks are client messages and must parse with
``parse_client``; ``<!-- server -->`` blocks must parse with ``parse_server`` and re-encode to the
same JSON; ``<!-- refused: CODE -->`` blocks must be refused with that code; ``<!-- record: NAME
-->`` blocks must decode as that record and re-encode to the same JSON. Every command type and
every event type must be shown at least once."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from kanpe.core import model
from kanpe.core.countdown import Countdown
from kanpe.core.events import EVENT_TYPES
from kanpe.core.protocol import (
    COMMAND_TYPES,
    EventMessage,
    ProtocolError,
    encode,
    message_tag,
    parse_client,
    parse_server,
)
from kanpe.core.rundown import Rundown

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"
_BLOCK = re.compile(r"(?:<!-- ([^>]*?) -->\n)?```json\n(.*?)\n```", re.DOTALL)

_RECORDS: dict[str, Any] = {
    "Rundown": Rundown,
    "SlotState": model.SlotState,
    "Countdown": Countdown,
    "Cue": model.Cue,
    "ChatMessage": model.ChatMessage,
    "Question": model.Question,
    "Poll": model.Poll,
    "Report": model.Report,
    "reactions": dict[str, dict[str, int]],
    "AutoCues": model.AutoCues,
    "Check": model.Check,
}


def _blocks() -> list[tuple[str, str, int]]:
    text = DOC.read_text("utf-8")
    return [
        (match.group(1) or "client", match.group(2), text.count("\n", 0, match.start()) + 1)
        for match in _BLOCK.finditer(text)
    ]


BLOCKS = _blocks()


def _same_json(a: str | bytes, b: str | bytes) -> None:
    assert json.loads(a) == json.loads(b)


@pytest.mark.parametrize(("mark", "body", "line"), BLOCKS, ids=[f"L{b[2]}" for b in BLOCKS])
def test_example_matches_the_code(mark: str, body: str, line: int) -> None:
    if mark == "client":
        parse_client(body)
    elif mark == "server":
        message = parse_server(body)
        _same_json(encode(message), body)
    elif mark.startswith("refused: "):
        with pytest.raises(ProtocolError) as refused:
            parse_client(body)
        assert refused.value.code.value == mark.removeprefix("refused: ")
    elif mark.startswith("record: "):
        kind = _RECORDS[mark.removeprefix("record: ")]
        value = msgspec.json.decode(body, type=kind, strict=True)
        _same_json(msgspec.json.encode(value), body)
    else:
        pytest.fail(f"unknown example mark {mark!r}")


def test_every_command_and_event_is_shown() -> None:
    shown_commands = set()
    shown_events = set()
    for mark, body, _line in BLOCKS:
        if mark == "client":
            shown_commands.add(json.loads(body)["type"])
        elif mark == "server":
            message = parse_server(body)
            if isinstance(message, EventMessage):
                shown_events.add(message_tag(type(message.event)))
    assert {message_tag(t) for t in COMMAND_TYPES} <= shown_commands
    assert {message_tag(t) for t in EVENT_TYPES} <= shown_events | _EVENTS_NOT_SHOWN


#: Event types with no example of their own (none so far).
_EVENTS_NOT_SHOWN: frozenset[str] = frozenset()
