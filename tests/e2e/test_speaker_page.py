"""The relay's speaker page: a speaker who opens their link in a browser gets "Open in Kanpe"
(a ``kanpe:`` link the desktop app turns into a join) and where to get the app."""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

from kanpe.core.links import parse_app_link, parse_link
from tests.e2e.conftest import DESKTOP, Pages, Served

SHOTS = os.environ.get("KANPE_SCREENSHOTS")  # a folder: the pages are saved there to look at


def test_the_speaker_link_opens_a_page_that_hands_it_to_the_app(
    served: Served, pages: Pages
) -> None:
    speaker = served.invites.speakers["talk-1"]
    page = pages.open(speaker, viewport=DESKTOP, wait=False)
    open_in_kanpe = page.get_by_role("link", name="Open in Kanpe")
    href = open_in_kanpe.get_attribute("href")
    assert href == f"kanpe:{speaker}"
    invite = parse_app_link(href)  # what the app will make of it
    assert invite.link == speaker and invite.token == parse_link(speaker).token
    assert page.locator("#link").input_value() == speaker
    assert page.get_by_role("heading", name="Get Kanpe").is_visible()
    assert "KanpeSetup-<version>.exe" in page.locator(".downloads").inner_text()
    assert page.locator("#no-token").is_hidden()
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / "speaker-page.png"))
    assert pages.problems == []


def test_a_speaker_link_without_its_token_says_so_and_offers_no_button(
    served: Served, pages: Pages
) -> None:
    speaker = served.invites.speakers["talk-1"].split("#", 1)[0]
    page = pages.open(speaker, viewport=DESKTOP, wait=False)
    assert page.locator("#no-token").is_visible()
    assert page.locator("#open").get_attribute("href") is None
    assert pages.problems == []


def test_the_page_itself_never_carries_the_token(served: Served) -> None:
    """The server sees the path only: the page is the same static file for every speaker."""
    speaker = served.invites.speakers["talk-1"]
    token = parse_link(speaker).token
    with urllib.request.urlopen(speaker.split("#", 1)[0], timeout=10) as response:
        body = response.read().decode("utf-8")
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Open in Kanpe" in body and token not in body
