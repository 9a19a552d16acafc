"""The audience page for a Japanese meetup on phones: language, time, badges, text from the
network, the phone layout, the offline shell, and accessibility. Real relay, real Chromium.

Every point runs on a phone in Japanese and on a desktop in English (the language test on all
four); tests wait on page conditions or relay state, never on sleeps.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kanpe.core.protocol import (
    AskQuestion,
    PauseTimer,
    SendChat,
    SetCurrent,
    StartTimer,
)
from tests.e2e.conftest import DESKTOP, PHONE, Pages, Served
from tests.e2e.test_audience_page import assert_countdown_matches

expect.set_options(timeout=10_000)

#: (viewport, browser locale, the page's language)
PHONE_JA = (PHONE, "ja-JP", "ja")
DESKTOP_EN = (DESKTOP, "en-US", "en")
EVERY_POINT = pytest.mark.parametrize(
    ("viewport", "locale", "lang"), [PHONE_JA, DESKTOP_EN], ids=["phone-ja", "desktop-en"]
)


def strings(page: Page) -> dict[str, Any]:
    """The page's own string table (assets/web/i18n.js), both languages."""
    result: dict[str, Any] = page.evaluate(
        "async () => (await import(new URL('../static/i18n.js', location.href))).STRINGS"
    )
    return result


def say(page: Page, lang: str, key: str, **params: object) -> str:
    entry = strings(page)[lang][key]
    if isinstance(entry, dict):
        entry = entry.get("one" if params.get("n") == 1 else "other", entry["other"])
    return re.sub(r"\{(\w+)\}", lambda m: str(params.get(m.group(1), m.group(0))), entry)


def open_page(pages: Pages, served: Served, viewport: dict[str, int], locale: str) -> Page:
    return pages.open(served.invites.audience, viewport=viewport, locale=locale)


# --- language ----------------------------------------------------------------------------------


def test_both_languages_have_every_string(served: Served, pages: Pages) -> None:
    page = open_page(pages, served, PHONE, "en-US")
    table = strings(page)
    assert set(table["en"]) == set(table["ja"])
    for lang, entries in table.items():
        for key, value in entries.items():
            assert value, (lang, key)
    # Every key the HTML names exists.
    keys = page.evaluate(
        """() => [...document.querySelectorAll('[data-i18n],[data-i18n-label],[data-i18n-placeholder]')]
            .flatMap((n) => [n.dataset.i18n, n.dataset.i18nLabel, n.dataset.i18nPlaceholder])
            .filter(Boolean)"""
    )
    assert set(keys) <= set(table["en"])


@pytest.mark.parametrize(
    ("viewport", "locale", "lang"),
    [
        (PHONE, "ja-JP", "ja"),
        (PHONE, "en-US", "en"),
        (DESKTOP, "ja", "ja"),
        (DESKTOP, "en-GB", "en"),
    ],
    ids=["phone-ja", "phone-en", "desktop-ja", "desktop-en"],
)
def test_the_page_speaks_the_browsers_language_and_a_switch_is_remembered(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    page = open_page(pages, served, viewport, locale)
    other = "en" if lang == "ja" else "ja"
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_speaks(page, lang)
    expect(page.locator("#now-label")).to_have_text(say(page, lang, "upNext"))
    expect(page.locator("#status-text")).to_have_text(say(page, lang, "statusOnline"))

    page.locator("#language").click()
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert_speaks(page, other)
    expect(page.locator("#now-label")).to_have_text(say(page, other, "upNext"))
    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    expect(page.locator("html")).to_have_attribute("lang", other)  # remembered on this device
    assert_speaks(page, other)
    expect(page.locator("#language")).to_have_text(say(page, lang, "languageName"))


def assert_speaks(page: Page, lang: str) -> None:
    """Every static string (text, aria-label, placeholder) is the table's, in ``lang``."""
    wrong = page.evaluate(
        """async (lang) => {
            const { STRINGS } = await import(new URL('../static/i18n.js', location.href));
            const table = STRINGS[lang], out = [];
            for (const n of document.querySelectorAll('[data-i18n]'))
                if (n.textContent !== table[n.dataset.i18n]) out.push([n.dataset.i18n, n.textContent]);
            for (const n of document.querySelectorAll('[data-i18n-label]'))
                if (n.getAttribute('aria-label') !== table[n.dataset.i18nLabel]) out.push([n.dataset.i18nLabel]);
            for (const n of document.querySelectorAll('[data-i18n-placeholder]'))
                if (n.placeholder !== table[n.dataset.i18nPlaceholder]) out.push([n.dataset.i18nPlaceholder]);
            return out;
        }""",
        lang,
    )
    assert wrong == [], wrong


# --- the time ----------------------------------------------------------------------------------


@EVERY_POINT
def test_the_talks_countdown_and_the_agenda_follow_the_room(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    host = served.host()
    served.send(host, SetCurrent, slot="talk-1")
    page = open_page(pages, served, viewport, locale)
    expect(page.locator("#phase-label")).to_have_text(say(page, lang, "phaseIdle"))
    expect(page.locator("#remaining")).to_have_text("25:00")
    agenda = page.locator("#agenda")
    expect(agenda.locator("summary")).to_contain_text("Rafael Souza")

    served.send(host, StartTimer, slot="talk-1")
    expect(page.locator("#phase-label")).to_have_text(say(page, lang, "phaseNormal"))
    # It ticks, on the relay's clock (a loaded machine may skip a second: any later one will do).
    expect(page.locator("#remaining")).to_have_text(re.compile(r"^24:5[0-8]$"))
    assert_countdown_matches(served, page)
    # The next talk, and about when on this device's clock (the relay's runs 3 h ahead).
    expect(agenda.locator("summary")).to_contain_text(re.compile(r"Rafael Souza · .*\d\d:\d\d"))
    page.locator("#agenda summary").click()
    items = agenda.locator(".agenda-item")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_have_class(re.compile(r"\bis-now\b"))
    expect(items.nth(1)).to_have_class(re.compile(r"\bis-next\b"))
    expect(items.nth(2).locator(".agenda-when")).to_contain_text(re.compile(r"\d\d:\d\d"))

    # The viewer page speaks the same language, from the same table.
    viewer = pages.open(served.invites.viewer, viewport=viewport, locale=locale)
    expect(viewer.locator("html")).to_have_attribute("lang", lang)
    expect(viewer.locator("#phase-label")).to_have_text(say(page, lang, "phaseNormal"))
    expect(viewer.locator("#next")).to_contain_text(say(page, lang, "minutes", n=25))

    served.send(host, PauseTimer, slot="talk-1")
    expect(page.locator("#phase-label")).to_have_text(say(page, lang, "phasePaused"))
    expect(viewer.locator("#phase-label")).to_have_text(say(page, lang, "phasePaused"))
    served.send(host, SetCurrent, slot="talk-2")  # live: the next talk is on
    expect(page.locator("#now-speaker")).to_have_text("Rafael Souza")
    expect(items.nth(0)).to_have_class(re.compile(r"\bis-done\b"))
    expect(items.nth(1)).to_have_class(re.compile(r"\bis-now\b"))
    expect(agenda.locator("summary")).to_contain_text("Priya")


# --- who wrote it --------------------------------------------------------------------------------


@EVERY_POINT
def test_host_and_speaker_messages_carry_a_badge_a_name_cannot_fake(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    host = served.host()
    speaker = served.join(served.invites.speakers["talk-1"])
    page = open_page(pages, served, viewport, locale)
    served.send(host, SendChat, text="Welcome! Drinks after the talks.")
    served.send(speaker, SendChat, text="Slides: https://example.org/slides")
    served.send(host, AskQuestion, text="Who came from Osaka? Map: https://example.org/map")
    messages = page.locator("#chat .message")
    expect(messages).to_have_count(2)
    expect(messages.nth(0).locator(".role-badge")).to_have_text(say(page, lang, "badgeHost"))
    expect(messages.nth(1).locator(".role-badge")).to_have_text(say(page, lang, "badgeSpeaker"))
    expect(messages.nth(1).locator(".who")).to_have_text("Aiko Tanaka")  # from the rundown
    expect(messages.locator(".report")).to_have_count(0)  # the hosts' own words: not reported

    # Someone in the audience calls themselves the host: refused, in the page's language, and
    # what they typed stays for them to send under another name.
    for name in ("主催", "ＨＯＳＴ"):
        page.fill("#chat-name", name)
        page.fill("#chat-text", "The talk is cancelled")
        page.press("#chat-text", "Enter")
        expect(page.locator("#chat-note")).to_have_text(say(page, lang, "nameReserved"))
        expect(page.locator("#chat-text")).to_have_value("The talk is cancelled")
        expect(page.locator("#chat .message.pending")).to_have_count(0)
    page.fill("#chat-name", "Mika")
    page.press("#chat-text", "Enter")
    served.until(lambda s: [m.name for m in s.chat][-1:] == ["Mika"])
    assert [m.role.value for m in served.state().chat] == ["host", "speaker", "audience"]
    expect(messages).to_have_count(3)
    expect(messages.nth(2).locator(".role-badge")).to_have_count(0)
    if viewport is PHONE:
        page.get_by_role("tab", name=say(page, lang, "tabQuestions")).click()
    expect(page.locator(".question .role-badge")).to_have_text(say(page, lang, "badgeHost"))
    link = page.locator(".question .question-text a")  # links in questions too
    expect(link).to_have_attribute("href", "https://example.org/map")
    expect(link).to_have_attribute("rel", "noopener noreferrer")


# --- text from the network -----------------------------------------------------------------------

ZALGO = "Z" + "\u0336\u0337\u0338\u0335\u034f\u0353\u0354\u0355\u0356" * 6 + "algo"
LONG_WORD = "https://example.org/" + "a" * 300
LONG_MESSAGE = "This talk was fantastic and I have a lot to say about it. " * 7


@EVERY_POINT
def test_links_long_words_long_messages_and_combining_marks(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    someone = served.join(served.invites.audience, client_id="someone")
    page = open_page(pages, served, viewport, locale)
    link_text = "see https://example.org/a?b=1, or http://例え.jp/パス. Not javascript:alert(1)"
    for text in (link_text, "x" * 400, LONG_MESSAGE, ZALGO, "after"):
        served.send(someone, SendChat, text=text, name="Ken")
    messages = page.locator("#chat .message")
    expect(messages).to_have_count(5)

    links = messages.nth(0).locator("a")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_text("https://example.org/a?b=1")
    expect(links.nth(0)).to_have_attribute("href", "https://example.org/a?b=1")
    expect(links.nth(1)).to_have_text("http://例え.jp/パス")
    for n in range(2):
        expect(links.nth(n)).to_have_attribute("rel", "noopener noreferrer")
        expect(links.nth(n)).to_have_attribute("target", "_blank")
    assert page.locator("#chat a[href^='javascript']").count() == 0

    # A 400-character word wraps inside its bubble; nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert messages.nth(1).evaluate("(n) => n.scrollWidth <= n.clientWidth")

    # A long message is clamped, and "more" shows it whole.
    long = messages.nth(2)
    clamped = long.locator(".text").evaluate("(n) => n.getBoundingClientRect().height")
    more = long.get_by_role("button", name=say(page, lang, "more"))
    expect(more).to_have_attribute("aria-expanded", "false")
    more.click()
    expect(long.get_by_role("button", name=say(page, lang, "less"))).to_have_attribute(
        "aria-expanded", "true"
    )
    assert long.locator(".text").evaluate("(n) => n.getBoundingClientRect().height") > clamped

    # Combining marks stay in their bubble: cut to three per letter, and the bubble clips.
    zalgo = messages.nth(3)
    shown = zalgo.locator(".text").text_content() or ""
    assert not re.search(r"[\u0300-\u036f]{4}", shown), shown
    assert zalgo.evaluate("(n) => getComputedStyle(n).overflowY") == "clip"
    boxes = [messages.nth(n).bounding_box() for n in (2, 3, 4)]
    assert all(box is not None for box in boxes)
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"]  # type: ignore[index]
    assert boxes[1]["y"] + boxes[1]["height"] <= boxes[2]["y"]  # type: ignore[index]
