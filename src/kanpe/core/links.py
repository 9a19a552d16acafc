"""Invite links: ``http(s)://relay/<kind>/<room>#<token>``.

The token travels in the URL fragment, which browsers never send to a server, so it stays out of
access logs and Referer headers; clients send it in their first websocket message instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from kanpe.core.model import Role

ROOM_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{4,64}\Z")
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22,128}\Z")

#: Path segment per role; the token, not the path, decides the role.
LINK_KINDS: dict[Role, str] = {
    Role.HOST: "host",
    Role.SPEAKER: "speak",
    Role.AUDIENCE: "audience",
    Role.VIEWER: "view",
}


class LinkError(ValueError):
    """An invite link that cannot be used, with a message for the person who pasted it."""


@dataclass(frozen=True, slots=True)
class Invite:
    """An invite link taken apart: the relay's address, the link's kind, the room, the token."""

    base: str  # e.g. "http://127.0.0.1:8765"
    kind: str
    room: str
    token: str

    @property
    def websocket_url(self) -> str:
        """The relay's websocket endpoint, where this link's hello goes."""
        return websocket_url(self.base)

    @property
    def link(self) -> str:
        """The invite link as the person was given it."""
        return f"{self.base.rstrip('/')}/{self.kind}/{self.room}#{self.token}"


def websocket_url(base: str) -> str:
    """The websocket endpoint of the relay at ``base`` (http -> ws, https -> wss, path + /ws).

    LinkError if ``base`` is not an http:// or https:// address.
    """
    parts = urlsplit(base.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LinkError("a relay's address starts with http:// or https://")
    scheme = "wss" if parts.scheme == "https" else "ws"
    path = parts.path.rstrip("/") + "/ws"
    return urlunsplit((scheme, parts.netloc, path, "", ""))


def make_link(base: str, role: Role, room: str, token: str) -> str:
    """The invite link to ``room`` on the relay at ``base`` for ``role``, with ``token``."""
    return Invite(base=base.rstrip("/"), kind=LINK_KINDS[role], room=room, token=token).link


def parse_link(link: str) -> Invite:
    """Split an invite link into relay, room and token; LinkError says what is wrong."""
    parts = urlsplit(link.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LinkError("an invite link starts with http:// or https:// and names the relay")
    if parts.query:
        raise LinkError("an invite link has no query string; the token goes after '#'")
    segments = parts.path.rstrip("/").split("/")
    if len(segments) < 3 or segments[-2] not in LINK_KINDS.values():
        raise LinkError("an invite link looks like https://relay/speak/ROOM#TOKEN")
    kind, room = segments[-2], segments[-1]
    if not ROOM_ID_PATTERN.match(room):
        raise LinkError("the room id in this link is malformed")
    if not TOKEN_PATTERN.match(parts.fragment):
        raise LinkError("this link has no valid token after '#'; copy the whole link")
    prefix = "/".join(segments[:-2])
    base = urlunsplit((parts.scheme, parts.netloc, prefix, "", ""))
    return Invite(base=base, kind=kind, room=room, token=parts.fragment)


# --- kanpe: links: an invite link handed to the desktop app -------------------------------------

#: The URL scheme the app registers (Info.plist, the Windows installer, the Linux .desktop file).
APP_SCHEME = "kanpe"
#: Longer than any invite link: a relay URL, a room id and a token fit in a few hundred characters.
MAX_APP_LINK = 2048


def make_app_link(link: str) -> str:
    """``kanpe:`` + a speaker's invite link: what the relay's speaker page opens to hand the link
    to the app. The token stays in the fragment, as in the link itself."""
    return f"{APP_SCHEME}:{parse_link(link).link}"


def is_app_link(text: str) -> bool:
    """Whether ``text`` is meant for the app (starts with ``kanpe:``), valid or not."""
    return text.strip()[: len(APP_SCHEME) + 1].lower() == f"{APP_SCHEME}:"


def parse_app_link(text: str) -> Invite:
    """The speaker invite inside a ``kanpe:`` link (``kanpe:https://relay/speak/ROOM#TOKEN``).

    Refuses, with a LinkError saying what is wrong: another scheme, anything over
    MAX_APP_LINK characters or with spaces or control characters, an invite that is not a
    speaker's (the app joins talks; audience and viewer links are for a browser), and every way
    ``parse_link`` refuses an invite (a query string, a missing token...).
    """
    text = text.strip()
    if not is_app_link(text):
        raise LinkError(f"not a Kanpe link: it should start with {APP_SCHEME}:")
    if len(text) > MAX_APP_LINK:
        raise LinkError("this Kanpe link is too long to be an invite")
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise LinkError("this Kanpe link has spaces or control characters in it")
    inner = text[len(APP_SCHEME) + 1 :]
    if inner.lower().startswith(("//http:", "//https:")):
        inner = inner[2:]  # kanpe://https://...: some handlers add the slashes
    return _speaker_only(parse_link(inner))


def speaker_link_from(text: str) -> Invite:
    """A speaker invite from what a person pasted or dropped: a ``kanpe:`` link or the plain
    https link. LinkError says what is wrong."""
    if is_app_link(text):
        return parse_app_link(text)
    return _speaker_only(parse_link(text))


def _speaker_only(invite: Invite) -> Invite:
    if invite.kind != LINK_KINDS[Role.SPEAKER]:
        article = "an" if invite.kind[0] in "aeiou" else "a"
        raise LinkError(
            f"this is {article} {invite.kind} link, not a speaker's: Kanpe joins a talk with "
            "the speaker link from the host"
        )
    return invite
