"""Why a link was refused, in the window's language.

core.links says what is wrong with a link in English (it is pure Python, without Qt's
translations); each of its messages is listed here for the translators, and ``link_reason``
looks the message up. A message not listed (a new one in core) is shown as it is, in English.
tests/ui/test_start.py checks that every refusal the parser makes is listed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kanpe.core.links import LinkError

CONTEXT = "LinkError"
REASONS = (
    QT_TRANSLATE_NOOP("LinkError", "a relay's address starts with http:// or https://"),
    QT_TRANSLATE_NOOP(
        "LinkError", "an invite link starts with http:// or https:// and names the relay"
    ),
    QT_TRANSLATE_NOOP("LinkError", "an invite link has no query string; the token goes after '#'"),
    QT_TRANSLATE_NOOP("LinkError", "an invite link looks like https://relay/speak/ROOM#TOKEN"),
    QT_TRANSLATE_NOOP("LinkError", "the room id in this link is malformed"),
    QT_TRANSLATE_NOOP("LinkError", "this link has no valid token after '#'; copy the whole link"),
    QT_TRANSLATE_NOOP("LinkError", "not a Kanpe link: it should start with kanpe:"),
    QT_TRANSLATE_NOOP("LinkError", "this Kanpe link is too long to be an invite"),
    QT_TRANSLATE_NOOP("LinkError", "this Kanpe link has spaces or control characters in it"),
    QT_TRANSLATE_NOOP(
        "LinkError",
        "this is an audience link, not a speaker's: Kanpe joins a talk with the speaker link "
        "from the host",
    ),
    QT_TRANSLATE_NOOP(
        "LinkError",
        "this is a host link, not a speaker's: Kanpe joins a talk with the speaker link from "
        "the host",
    ),
    QT_TRANSLATE_NOOP(
        "LinkError",
        "this is a view link, not a speaker's: Kanpe joins a talk with the speaker link from "
        "the host",
    ),
)


def link_reason(error: LinkError) -> str:
    """``error``'s message, translated when it is one of core.links' own."""
    return QCoreApplication.translate(CONTEXT, str(error))
