"""The audience page within reach: the phone layout with an open poll, the offline shell after a
reload with the relay down, muting the chat's live region, reporting a message to the hosts, and
screenshots of a live room in Japanese and English for a person to judge."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page, expect

from kanpe.core.protocol import OpenPoll, React, SendChat, SetCurrent, SetRundown
from kanpe.core.rundown import Rundown
from tests.e2e.conftest import DESKTOP, PHONE, RUNDOWN, Pages, Served
from tests.e2e.test_audience_meetup import EVERY_POINT, open_page, say
from tests.e2e.test_audience_page import fill_a_lively_room

LONG_NAME = "Kanpe Meetup #12 — 東京 AI エンジニア夜の勉強会 in 渋谷 (Winter Special)"


def in_reach(page: Page, selector: str) -> bool:
    """``selector`` is on screen and nothing covers its middle."""
    result: bool = page.evaluate(
        """(selector) => {
            const node = document.querySelector(selector);
            const box = node.getBoundingClientRect();
            if (box.top < 0 || box.bottom > innerHeight || box.height === 0) return false;
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return node === hit || node.contains(hit);
        }""",
        selector,
    )
    return result


@EVERY_POINT
def test_the_chat_box_is_in_reach_past_an_open_poll_and_the_name_is_whole(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    host = served.host()
    served.send(host, SetCurrent, slot="talk-1")
    for n in range(12):
        served.send(host, SendChat, text=f"message {n}")
    served.send(
        host,
        OpenPoll,
        question="Which stack do you use for inference?",
        options=("PyTorch", "JAX", "ONNX Runtime", "llama.cpp", "Something else"),
    )
    served.send(host, SetRundown, rundown=Rundown(title=LONG_NAME, slots=RUNDOWN.slots))
    page = open_page(pages, served, viewport, locale)
    expect(page.locator(".poll-option")).to_have_count(5)
    expect(page.locator("#event-name")).to_have_text(LONG_NAME)
    # The event name is readable whole: it wraps rather than ending in "…".
    name = page.locator("#event-name")
    assert name.evaluate(
        "(n) => n.scrollWidth <= n.clientWidth && n.scrollHeight <= n.clientHeight + 1"
    )
    assert name.evaluate("(n) => getComputedStyle(n).textOverflow") != "ellipsis"
    # The chat box is there to type in, without scrolling past the open poll.
    page.evaluate("window.scrollTo(0, 0)")
    assert in_reach(page, "#chat-text")
    page.locator("#chat-text").fill("typed straight away")
    page.press("#chat-text", "Enter")
    served.until(lambda s: s.chat[-1].text == "typed straight away")
    # Once answered, on a phone the poll folds to a line.
    page.get_by_role("button", name="JAX").click()
    if viewport is PHONE:
        expect(page.locator(".poll.folded")).to_have_count(1)
        expect(page.locator(".poll-answer")).to_have_text(
            say(page, lang, "youAnswered", option="JAX")
        )


@EVERY_POINT
def test_floating_reactions_never_cover_the_talk_title(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    host = served.host()
    served.send(host, SetCurrent, slot="talk-1")
    page = open_page(pages, served, viewport, locale)
    page.get_by_role("button", name=say(page, lang, "reactApplause")).click()
    served.send(host, React, emoji="🎉")
    flying = page.locator(".sky .float")
    flying.first.wait_for(state="attached")
    # Put a reaction right over the title: the title still shows on top of it.
    covered = page.evaluate(
        """() => {
            const title = document.getElementById('now-title').getBoundingClientRect();
            const x = title.left + 20, y = title.top + title.height / 2;
            const float = document.querySelector('.sky .float');
            float.style.animation = 'none';
            float.style.setProperty('--x', `${x}px`);
            float.style.setProperty('--y', `${y - 10}px`);
            float.style.transform = 'none';
            const hit = document.elementFromPoint(x + 2, y);
            return hit.closest('.sky') !== null;
        }"""
    )
    assert not covered


@EVERY_POINT
def test_a_reload_with_the_relay_down_shows_the_page_and_its_outbox(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    host = served.host()
    served.send(host, SetCurrent, slot="talk-1")
    served.send(host, SendChat, text="hello before the outage")
    page = open_page(pages, served, viewport, locale)
    # The offline shell is installed and controls the page.
    page.evaluate(
        """() => navigator.serviceWorker.controller || new Promise((resolve) =>
            navigator.serviceWorker.addEventListener('controllerchange', resolve))"""
    )
    served.stop_relay()
    expect(page.locator("#status")).to_have_attribute("data-status", "offline")
    page.fill("#chat-text", "typed during the outage")
    page.press("#chat-text", "Enter")
    page.reload()  # the browser alone would show "can't be reached"
    expect(page.locator("#now-speaker")).to_have_text("Aiko Tanaka")  # the room as last seen
    expect(page.locator("#chat .message:not(.pending) .text")).to_have_text(
        ["hello before the outage"]
    )
    expect(page.locator("#offline")).to_be_visible()
    expect(page.locator("#status-text")).to_have_text(say(page, lang, "statusOffline"))
    expect(page.locator("#outbox-note")).to_have_text(say(page, lang, "outbox", n=1))
    pending = page.locator("#chat .message.pending")
    expect(pending.locator(".text")).to_have_text("typed during the outage")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if os.environ.get("KANPE_SCREENSHOTS"):
        page.screenshot(path=Path(os.environ["KANPE_SCREENSHOTS"]) / f"audience-{lang}-offline.png")

    served.start_relay()
    expect(page.locator("#status")).to_have_attribute("data-status", "online")
    expect(pending).to_have_count(0)
    expect(page.locator("#outbox-note")).to_have_text("")
    served.until(lambda s: [m.text for m in s.chat][-1:] == ["typed during the outage"])
    assert [m.text for m in served.state().chat].count("typed during the outage") == 1


@EVERY_POINT
def test_the_chat_can_be_silenced_and_a_message_reported_to_the_hosts(
    served: Served, pages: Pages, viewport: dict[str, int], locale: str, lang: str
) -> None:
    host = served.host()
    troll = served.join(served.invites.audience, client_id="troll")
    page = open_page(pages, served, viewport, locale)
    aloud = page.locator("#chat-aloud")
    expect(page.locator("#chat")).to_have_attribute("aria-live", "polite")
    aloud.click()
    expect(aloud).to_have_attribute("aria-pressed", "false")
    expect(aloud).to_have_text(say(page, lang, "readAloudOff"))
    expect(page.locator("#chat")).to_have_attribute("aria-live", "off")
    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    expect(page.locator("#chat")).to_have_attribute("aria-live", "off")  # remembered

    served.send(troll, SendChat, text="buy followers at spam.example", name="Bot")
    message = page.locator("#chat .message", has_text="buy followers")
    report = message.get_by_role(
        "button", name=say(page, lang, "reportLabel", text="Bot: buy followers at spam.example")
    )
    report.click()
    expect(page.locator("#chat-note")).to_have_text(say(page, lang, "reportThanks"))
    expect(message.locator(".report")).to_be_disabled()
    state = served.mirror(host, lambda s: len(s.reports) == 1)
    [entry] = state.reports.values()
    assert (entry.text, entry.count, entry.reporters) == ("buy followers at spam.example", 1, ())
    page.reload()  # remembered: it stays reported on this device
    page.wait_for_selector('#status[data-status="online"]')
    expect(
        page.locator("#chat .message", has_text="buy followers").locator(".report")
    ).to_be_disabled()


def test_screenshots_of_a_live_room_in_japanese_and_english(
    served: Served, pages: Pages, tmp_path: Path
) -> None:
    """For a person to judge (KANPE_SCREENSHOTS=dir keeps them): a live room with chat (the
    host's and a speaker's among it), questions, an open poll and reactions, at phone size."""
    out = Path(os.environ.get("KANPE_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    fill_a_lively_room(served)
    host = served.host()
    speaker = served.join(served.invites.speakers["talk-1"])
    served.send(host, SendChat, text="ようこそ！懇親会は20時からです 🍻")
    served.send(speaker, SendChat, text="スライドはこちら https://example.org/slides/kanpe-2026")
    for emoji in ("👏", "👏", "🎉"):
        served.send(host, React, emoji=emoji)
    for lang, locale in (("ja", "ja-JP"), ("en", "en-US")):
        for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page = open_page(pages, served, viewport, locale)
            expect(page.locator("#chat .message")).to_have_count(8)
            expect(page.locator(".poll-option")).to_have_count(3)
            page.screenshot(path=out / f"audience-{lang}-{size}.png")
            if size == "phone":
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.screenshot(path=out / f"audience-{lang}-phone-chat.png")
                page.get_by_role("tab", name=say(page, lang, "tabQuestions")).click()
                page.screenshot(path=out / f"audience-{lang}-phone-questions.png")
