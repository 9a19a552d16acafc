"""Text from the network: plain, single line, no control or direction-override characters
(docs/protocol.md 7.2). Every text and name a command carries is cleaned here before a room
keeps it."""

from __future__ import annotations

import re
import unicodedata

from kanpe.core.protocol import ErrorCode
from kanpe.core.refusal import Refused

_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Become spaces. U+2028 and U+2029 are not control characters, but Qt lays them out as line
# breaks, so kept as they are they would make "single-line" text span lines.
_BREAKS = frozenset("\t\r\n\u2028\u2029")


# Characters that show nothing by themselves (docs/protocol.md 7.2): besides whitespace and the
# format characters (Cf), variation selectors and the blank fillers of Hangul and Braille.
_BLANK = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")


def _shows_nothing(text: str) -> bool:
    return all(
        char.isspace()
        or char in _BLANK
        or unicodedata.category(char) == "Cf"
        or "\ufe00" <= char <= "\ufe0f"
        or "\U000e0100" <= char <= "\U000e01ef"
        for char in text
    )


def _clean(text: str) -> str:
    cleaned = "".join(
        " " if char in _BREAKS else char
        for char in text
        if char in _BREAKS or unicodedata.category(char) not in ("Cc", "Cs")
    )
    return _INVISIBLE.sub("", cleaned).strip()


def clean_text(text: str, *, required: bool = True) -> str:
    cleaned = _clean(text)
    if required and _shows_nothing(cleaned):
        raise Refused(ErrorCode.REFUSED, "the text is empty")
    return cleaned


def clean_name(name: str) -> str:
    """A display name: empty is anonymous; one that shows nothing is refused."""
    cleaned = _clean(name)
    if cleaned and _shows_nothing(cleaned):
        raise Refused(ErrorCode.REFUSED, "the name shows nothing")
    return cleaned
