"""The words of an automatic cue, written by the relay in English and read back by each app.

The relay words an automatic cue once, in English ("5 min left", "Time is up"), since it does not
know each speaker's language. ``read_auto_words`` recognises exactly those words again, so a
speaker's app can say the same thing in the speaker's own language. Only the standard library:
the cue card loads this without the protocol's code.
"""

from __future__ import annotations

import re

TIME_IS_UP = "Time is up"
_MINUTES = re.compile(r"^(\d{1,4}) min left\Z")
_SECONDS = re.compile(r"^(\d{1,2}) s left\Z")
_MIXED = re.compile(r"^(\d{1,4}):([0-5]\d) left\Z")


def auto_words(seconds_left: int) -> str:
    """What an automatic cue says with ``seconds_left`` (0: time is up)."""
    if seconds_left <= 0:
        return TIME_IS_UP
    if seconds_left % 60 == 0:
        return f"{seconds_left // 60} min left"
    if seconds_left < 60:
        return f"{seconds_left} s left"
    return f"{seconds_left // 60}:{seconds_left % 60:02d} left"


def read_auto_words(text: str) -> int | None:
    """The seconds left that ``auto_words`` wrote as ``text`` (0 for "Time is up"), or None
    when ``text`` is anything else, such as a host's own words."""
    if text == TIME_IS_UP:
        return 0
    if match := _MINUTES.match(text):
        return int(match[1]) * 60
    if (match := _SECONDS.match(text)) and 0 < int(match[1]) < 60:
        return int(match[1])
    if match := _MIXED.match(text):
        return int(match[1]) * 60 + int(match[2])
    return None
