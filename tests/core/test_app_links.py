"""``kanpe:`` links: the relay's speaker page hands a speaker link to the desktop app.

A table of what a browser, the OS or a person may hand over, and what the parser makes of it.
"""

from __future__ import annotations

import pytest

from kanpe.core.links import (
    MAX_APP_LINK,
    LinkError,
    is_app_link,
    make_app_link,
    parse_app_link,
    speaker_link_from,
)

TOKEN = "AbCdEfGhIjKlMnOpQrStUv"  # 22 characters: 128+ bits in base64url
SPEAKER = f"https://relay.example.org/speak/room-1#{TOKEN}"


@pytest.mark.parametrize(
    ("text", "base", "room"),
    [
        (f"kanpe:{SPEAKER}", "https://relay.example.org", "room-1"),
        (f"KANPE:{SPEAKER}", "https://relay.example.org", "room-1"),  # schemes are case-blind
        (f"  kanpe:{SPEAKER}\n", "https://relay.example.org", "room-1"),  # pasted with spaces
        (f"kanpe://{SPEAKER}", "https://relay.example.org", "room-1"),  # a handler added //
        (f"kanpe:http://127.0.0.1:8765/speak/abcd#{TOKEN}", "http://127.0.0.1:8765", "abcd"),
        (
            f"kanpe:https://example.org/kanpe/speak/room-1#{TOKEN}",  # behind a path prefix
            "https://example.org/kanpe",
            "room-1",
        ),
    ],
)
def test_a_kanpe_link_becomes_the_speaker_invite_inside(text: str, base: str, room: str) -> None:
    invite = parse_app_link(text)
    assert (invite.base, invite.kind, invite.room, invite.token) == (base, "speak", room, TOKEN)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SPEAKER, "not a Kanpe link: it should start with kanpe:"),
        (f"zoommtg:{SPEAKER}", "not a Kanpe link"),
        (f"kanpex:{SPEAKER}", "not a Kanpe link"),
        ("", "not a Kanpe link"),
        (f"kanpe:{SPEAKER}" + "x" * MAX_APP_LINK, "too long"),
        (f"kanpe:{SPEAKER} extra", "spaces or control characters"),
        (f"kanpe:https://relay.example.org/speak/room-1#{TOKEN[:10]}\x00{TOKEN}", "control"),
        ("kanpe:", "starts with http:// or https://"),
        ("kanpe:javascript:alert(1)", "starts with http:// or https://"),
        (f"kanpe:ftp://relay.example.org/speak/room-1#{TOKEN}", "starts with http://"),
        (f"kanpe:https://relay.example.org/speak/room-1?token={TOKEN}", "no query string"),
        (f"kanpe:https://relay.example.org/speak/room-1?x=1#{TOKEN}", "no query string"),
        ("kanpe:https://relay.example.org/speak/room-1", "no valid token"),
        ("kanpe:https://relay.example.org/speak/room-1#short", "no valid token"),
        (f"kanpe:https://relay.example.org/speak/r#{TOKEN}", "room id in this link is malformed"),
        (f"kanpe:https://relay.example.org/talk/room-1#{TOKEN}", "looks like https://relay/speak"),
        (f"kanpe:https://relay.example.org/audience/room-1#{TOKEN}", "an audience link, not a"),
        (f"kanpe:https://relay.example.org/host/room-1#{TOKEN}", "a host link, not a speaker's"),
        (f"kanpe:https://relay.example.org/view/room-1#{TOKEN}", "a view link"),
    ],
)
def test_a_malformed_or_foreign_link_is_refused_with_a_clear_message(
    text: str, message: str
) -> None:
    with pytest.raises(LinkError, match=message.replace("?", r"\?")):
        parse_app_link(text)


def test_make_app_link_round_trips_and_keeps_the_token_in_the_fragment() -> None:
    link = make_app_link(SPEAKER)
    assert link == f"kanpe:{SPEAKER}"
    assert "?" not in link and link.endswith(f"#{TOKEN}")
    assert parse_app_link(link).link == SPEAKER


def test_a_refusal_never_repeats_the_token() -> None:
    """Messages may end up in a log or a screenshot: none of them carries the capability."""
    for text in (
        f"kanpe:https://relay.example.org/audience/room-1#{TOKEN}",
        f"kanpe:https://relay.example.org/speak/room-1?t={TOKEN}",
        f"kanpe:{SPEAKER} x",
    ):
        with pytest.raises(LinkError) as refused:
            parse_app_link(text)
        assert TOKEN not in str(refused.value)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        (SPEAKER, True),
        (f"kanpe:{SPEAKER}", True),
        (f"https://relay.example.org/audience/room-1#{TOKEN}", False),
        ("hello", False),
    ],
)
def test_a_pasted_link_may_be_plain_or_kanpe(text: str, ok: bool) -> None:
    if ok:
        assert speaker_link_from(text).token == TOKEN
    else:
        with pytest.raises(LinkError):
            speaker_link_from(text)


def test_is_app_link_looks_at_the_scheme_only() -> None:
    assert is_app_link("kanpe:anything") and is_app_link(" Kanpe:x")
    assert not is_app_link(SPEAKER) and not is_app_link("kanpe") and not is_app_link("")
