"""Durations as people write them (``"25m"``, ``"1h30m"``, ``"90s"``), as whole seconds."""

from __future__ import annotations

import re

_DURATION = re.compile(
    r"""
    (?P<sign>-)?\s*
    (?=\d)                        # at least one part
    (?:(?P<h>\d+)\s*h\s*)?
    (?:(?P<m>\d+)\s*m\s*)?
    (?:(?P<s>\d+)\s*s)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
# More digits than this is far past any sensible duration; refusing it also keeps int() cheap.
_MAX_DIGITS = 12


class DurationError(ValueError):
    """Text that is not a duration; the message says what is expected."""


def parse_duration(text: str) -> int:
    """Whole seconds for ``text`` such as ``"25m"``, ``"1h30m"``, ``"90s"`` or ``"4m30s"``.

    Units are h, m and s, in that order, each at most once; spaces between parts are allowed and
    case does not matter. A leading minus gives a negative number, so that a caller can say
    "must be more than 0" rather than "malformed". Ranges are the caller's business.
    """
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise DurationError(
            'must be a number with a unit h, m or s, such as "25m", "1h30m" or "4m30s"'
        )
    seconds = 0
    for unit, scale in (("h", 3600), ("m", 60), ("s", 1)):
        digits = match.group(unit)
        if digits is None:
            continue
        if len(digits.lstrip("0")) > _MAX_DIGITS:
            raise DurationError("is far too long")
        seconds += int(digits) * scale
    return -seconds if match.group("sign") else seconds


def format_duration(seconds: int) -> str:
    """The shortest text parse_duration reads back as ``seconds``: 90 gives ``"1m30s"``."""
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value
    ]
    return sign + ("".join(parts) or "0s")
