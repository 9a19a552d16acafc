"""Invite links and the relay's websocket address, as tables of inputs."""

from __future__ import annotations

import pytest

from kanpe.core.links import LinkError, make_link, parse_link, websocket_url
from kanpe.core.model import Role

TOKEN = "A" * 22


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("http://127.0.0.1:8765", "ws://127.0.0.1:8765/ws"),
        ("http://127.0.0.1:8765/", "ws://127.0.0.1:8765/ws"),
        ("https://kanpe.example", "wss://kanpe.example/ws"),
        ("https://example.org/kanpe/", "wss://example.org/kanpe/ws"),
        (" https://kanpe.example ", "wss://kanpe.example/ws"),
    ],
)
def test_websocket_url(base: str, url: str) -> None:
    assert websocket_url(base) == url


@pytest.mark.parametrize("base", ["ws://kanpe.example", "kanpe.example", "https://", ""])
def test_websocket_url_needs_an_http_address(base: str) -> None:
    with pytest.raises(LinkError):
        websocket_url(base)


def test_an_invite_goes_to_its_relays_websocket() -> None:
    link = make_link("https://example.org/kanpe", Role.SPEAKER, "room1", TOKEN)
    assert link == f"https://example.org/kanpe/speak/room1#{TOKEN}"
    invite = parse_link(link)
    assert (invite.kind, invite.room, invite.token) == ("speak", "room1", TOKEN)
    assert invite.websocket_url == "wss://example.org/kanpe/ws"
