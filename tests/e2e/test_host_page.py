"""The host's phone page (assets/web/host.*) in a real browser at phone size against a real relay.

Each control is tapped and the relay's own state is waited on, then the page is waited on to
follow; a speaker's or the audience's link opened at /host/ is refused. Waits are conditions,
never sleeps; any script error, CSP violation or dialog fails the test (see conftest).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kanpe.core.links import parse_link
from kanpe.core.model import CueKind
from kanpe.core.protocol import AckCue, ReportSlide
from kanpe.storage.assets import asset_path
from kanpe.ui.host.cues import default_presets
from tests.e2e.conftest import PHONE, Pages, Served

expect.set_options(timeout=10_000)


def strings(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        "async () => (await import(new URL('../static/i18n.js', location.href))).STRINGS"
    )
    return result


def open_host(pages: Pages, served: Served, locale: str = "en-US") -> Page:
    page = pages.open(served.invites.host, viewport=PHONE, locale=locale)
    expect(page.locator("#event-name")).to_have_text("Kanpe Meetup #12")
    return page


def slot(served: Served, slot_id: str = "talk-1") -> Any:
    return served.state().slots[slot_id]


def test_each_control_sends_its_command_and_the_page_follows(served: Served, pages: Pages) -> None:
    page = open_host(pages, served)
    token = parse_link(served.invites.host).token
    assert token not in page.url  # the fragment left the address bar
    assert pages.sockets[page] == [served.base.replace("http", "ws", 1) + "/ws"]
    toggle, plus, minus, nxt = (page.locator(f"#{n}") for n in ("toggle", "plus", "minus", "next"))
    expect(toggle).to_be_disabled()  # no talk on stage yet
    expect(nxt).to_have_text("Put the first talk on stage: Aiko Tanaka")

    nxt.click()
    served.until(lambda s: s.current == "talk-1")
    expect(page.locator("#now-label")).to_have_text("Now speaking")
    expect(page.locator("#now-speaker")).to_have_text("Aiko Tanaka")
    expect(page.locator("#remaining")).to_have_text("25:00")
    expect(toggle).to_have_text("Start")

    toggle.click()
    served.until(lambda s: s.slots["talk-1"].timer.status == "running")
    expect(toggle).to_have_text("Pause")
    expect(page.locator("#phase-label")).to_have_text("On time")
    expect(page.locator("#remaining")).to_have_text(re.compile(r"^2[45]:\d\d$"))

    plus.click()
    served.until(lambda s: s.slots["talk-1"].timer.allotted == 1560)
    expect(page.locator("#remaining")).to_have_text(re.compile(r"^2[56]:\d\d$"))
    minus.click()
    minus.click()
    served.until(lambda s: s.slots["talk-1"].timer.allotted == 1440)
    expect(page.locator("#remaining")).to_have_text(re.compile(r"^2[34]:\d\d$"))

    toggle.click()
    served.until(lambda s: s.slots["talk-1"].timer.status == "paused")
    expect(toggle).to_have_text("Resume")
    expect(page.locator("#phase-label")).to_have_text("Paused")
    toggle.click()
    served.until(lambda s: s.slots["talk-1"].timer.status == "running")
    expect(toggle).to_have_text("Pause")

    # Every cue card, as the console's presets say, reaches the talk on stage.
    speaker = served.join(served.invites.speakers["talk-1"], client="test-speaker")
    for preset in default_presets():
        page.locator(".cue", has_text=preset.text).click()
        served.until(
            lambda s, p=preset: (
                s.slots["talk-1"].cue is not None
                and s.slots["talk-1"].cue.text == p.text
                and s.slots["talk-1"].cue.kind == CueKind(p.kind)
            )
        )
        expect(page.locator("#cue-state")).to_have_text(f"Card shown: “{preset.text}”")
    # "Got it" from the speaker's app comes back to the phone.
    cue = slot(served).cue
    served.send(speaker, AckCue, cue=cue.id)
    expect(page.locator("#cue-state")).to_have_text(
        re.compile(r"^Card shown: “Questions now” · Got it at \d\d:\d\d$")
    )
    served.send(speaker, ReportSlide, page=3, pages=12)
    expect(page.locator("#slide")).to_have_text(" · Slide 3 of 12")

    # Who is online: the speaker of talk 1 (with a round trip once measured), nobody else.
    expect(page.locator('.person[data-slot="talk-1"]')).to_have_class(re.compile(r"\bon\b"))
    expect(page.locator('.person[data-slot="talk-2"] .state')).to_have_text("Offline")
    expect(page.locator("#audience-count")).to_have_text(
        "1 host console · 0 people in the audience"
    )

    # Next talk ends a talk under way: it takes a second tap.
    expect(nxt).to_have_text("Next talk: Rafael Souza")
    nxt.click()
    expect(nxt).to_have_text("Tap again to end this talk and move on")
    assert served.state().current == "talk-1"
    nxt.click()
    served.until(lambda s: s.current == "talk-2")
    expect(page.locator("#now-speaker")).to_have_text("Rafael Souza")
    expect(toggle).to_have_text("Start")
    assert slot(served).timer.status == "paused" and slot(served).ended is not None

    served.run(speaker.close())
    expect(page.locator('.person[data-slot="talk-1"] .state')).to_have_text("Offline")


@pytest.mark.parametrize("kind", ["speaker", "audience", "viewer"])
def test_a_link_that_is_not_the_hosts_is_refused_at_host(
    served: Served, pages: Pages, kind: str
) -> None:
    link = {
        "speaker": served.invites.speakers["talk-1"],
        "audience": served.invites.audience,
        "viewer": served.invites.viewer,
    }[kind]
    token = parse_link(link).token
    page = pages.open(f"{served.base}/host/{served.room}#{token}", viewport=PHONE, wait=False)
    expect(page.locator("#fatal-title")).to_have_text("This is not a host link")
    expect(page.locator("#fatal-detail")).to_contain_text("only for the host")
    expect(page.locator("#main")).to_be_hidden()
    # The page let go of the connection: the relay counts nobody in the room.
    served.until(lambda s: not list(served.live.rooms[served.room].connections()))
    assert served.state().current is None


def test_a_broken_host_link_says_so(served: Served, pages: Pages) -> None:
    page = pages.open(f"{served.base}/host/{served.room}#{'x' * 32}", viewport=PHONE, wait=False)
    expect(page.locator("#fatal-title")).to_have_text("This link is not valid")
    expect(page.locator("#fatal-detail")).to_contain_text("host link")


def test_presets_are_the_consoles_in_both_languages(served: Served, pages: Pages) -> None:
    page = open_host(pages, served)
    table = strings(page)
    presets = page.evaluate(
        "async () => (await import(new URL('../static/hoststrings.js', location.href))).CUE_PRESETS"
    )
    assert [(table["en"][key], kind) for key, kind in presets] == [
        (p.text, p.kind) for p in default_presets()
    ]
    ts = ET.parse(asset_path("translations", "kanpe_ja.ts"))
    japanese = {m.findtext("source"): m.findtext("translation") for m in ts.iter("message")}
    assert [table["ja"][key] for key, _ in presets] == [japanese[p.text] for p in default_presets()]
    assert set(table["en"]) == set(table["ja"])


def test_japanese_and_english_with_screenshots(
    served: Served, pages: Pages, tmp_path: Path
) -> None:
    """For a person to judge (KANPE_SCREENSHOTS=dir keeps them): a talk running with a card
    acknowledged, at phone size, in both languages; nothing wider than the screen, every control
    big enough to tap."""
    out = Path(os.environ.get("KANPE_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    speaker = served.join(served.invites.speakers["talk-1"], client="test-speaker")
    served.send(speaker, ReportSlide, page=7, pages=24)
    page = open_host(pages, served, locale="ja-JP")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.locator("#next").click()
    served.until(lambda s: s.current == "talk-1")
    page.locator("#toggle").click()
    served.until(lambda s: s.slots["talk-1"].timer.status == "running")
    expect(page.locator("#toggle")).to_have_text("一時停止")
    page.locator(".cue", has_text="まとめに入ってください").click()
    served.until(lambda s: s.slots["talk-1"].cue is not None)
    assert slot(served).cue.text == "まとめに入ってください"
    served.send(speaker, AckCue, cue=slot(served).cue.id)
    expect(page.locator("#cue-state")).to_contain_text("了解")
    expect(page.locator('.person[data-slot="talk-1"] .state')).to_contain_text("接続中")
    page.screenshot(path=out / "host-phone-ja.png", full_page=True)
    fits(page)

    page.locator("#language").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#toggle")).to_have_text("Pause")
    expect(page.locator(".cue").first).to_have_text("5 minutes left")
    expect(page.locator("#cue-state")).to_contain_text("Got it")
    page.screenshot(path=out / "host-phone-en.png", full_page=True)
    fits(page)
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=out / "host-phone-en-dark.png", full_page=True)


def fits(page: Page) -> None:
    problems = page.evaluate(
        """() => {
            const out = [];
            if (document.documentElement.scrollWidth > innerWidth) out.push('page wider than screen');
            for (const b of document.querySelectorAll('button')) {
                const r = b.getBoundingClientRect();
                if (r.width && (r.height < 44 || r.width < 44)) out.push(`${b.id || b.textContent}: ${r.width}x${r.height}`);
            }
            return out;
        }"""
    )
    assert problems == [], problems
