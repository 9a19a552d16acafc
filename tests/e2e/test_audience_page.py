"""The audience and viewer pages in a real browser against a real relay.

Every test waits on page conditions (Playwright's expect and wait_for_*) or on relay state, never
on sleeps. Any script error, CSP violation or dialog in a page fails the test (see conftest).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from kanpe.core.countdown import display_seconds
from kanpe.core.links import parse_link
from kanpe.core.protocol import (
    AdjustTimer,
    AnswerPoll,
    AskQuestion,
    ClosePoll,
    HideChat,
    ModerateQuestion,
    OpenPoll,
    PauseTimer,
    React,
    ReportSlide,
    SendChat,
    SetCurrent,
    StartTimer,
    VoteQuestion,
)
from tests.e2e.conftest import DESKTOP, PHONE, Pages, Served

expect.set_options(timeout=10_000)


def token_of(link: str) -> str:
    return parse_link(link).token


def make_current(served: Served, slot: str = "talk-1") -> None:
    host = served.host()
    served.send(host, SetCurrent, slot=slot)


def test_joins_with_the_token_from_the_fragment_and_keeps_it_out_of_sight(
    served: Served, pages: Pages, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="websockets")
    link = served.invites.audience
    token = token_of(link)
    page = pages.open(link)

    expect(page.locator("#event-name")).to_have_text("Kanpe Meetup #12")
    expect(page.locator("#now-label")).to_have_text("Up next")
    expect(page.locator("#now-speaker")).to_have_text("Aiko Tanaka")
    # The token left the address bar at once, and lives on only in this tab's session storage.
    assert "#" not in page.url and token not in page.url
    assert page.url.endswith(f"/audience/{served.room}")
    assert token in page.evaluate("JSON.stringify(Object.values(sessionStorage))")

    # The relay knows this device by the id the page keeps in localStorage.
    client_id = page.evaluate("localStorage.getItem('kanpe.client')")
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", client_id)
    principals = [c.principal for c in served.live.rooms[served.room].connections()]
    assert [p.client for p in principals] == [client_id]

    # Live updates: the host puts the first talk on stage.
    make_current(served)
    expect(page.locator("#now-label")).to_have_text("Now speaking")
    expect(page.locator("#now-title")).to_have_text("Timers that never drift")

    # A reload still joins, from session storage, as the same device.
    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    assert page.evaluate("localStorage.getItem('kanpe.client')") == client_id

    # Nothing the relay logged (request lines and headers included, at debug level) has the token.
    # The relay drops websockets' debug dumps of requests and frames (hellos carry tokens)...
    assert "connection open" in caplog.text
    assert f"GET /audience/{served.room}" not in caplog.text
    assert '"type":"hello"' not in caplog.text
    assert token not in caplog.text


def test_reactions_reach_the_relay_and_the_page_throttles_itself(
    served: Served, pages: Pages
) -> None:
    make_current(served)
    host = served.host()
    page = pages.open(served.invites.audience)

    page.get_by_role("button", name="Applause").click()
    page.wait_for_selector(".sky .float", state="attached")
    served.mirror(host, lambda s: s.reactions.get("talk-1", {}).get("👏") == 1)
    expect(page.locator('.react[data-emoji="👏"] .tally')).to_have_text("1")
    # From the keyboard too: keys 1 to 5, when not typing.
    page.keyboard.press("1")
    served.mirror(host, lambda s: s.reactions.get("talk-1", {}).get("👏") == 2)

    # Someone else's reaction shows up in the tallies too.
    served.send(host, React, emoji="🎉")
    expect(page.locator('.react[data-emoji="🎉"] .tally')).to_have_text("1")

    # Forty taps at once: the page sends what the rate limit allows and says so, gently.
    page.evaluate(
        "() => { const b = document.querySelector('.react[data-emoji=\"😂\"]');"
        " for (let i = 0; i < 40; i++) b.click(); }"
    )
    expect(page.locator("#react-note")).to_contain_text("Easy there")
    served.until(lambda s: s.reactions.get("talk-1", {}).get("😂", 0) >= 5)
    laughs = served.state().reactions["talk-1"]["😂"]
    assert laughs <= 16, laughs
    # The relay never had to refuse anything: the connection is alive and a chat still gets in.
    page.fill("#chat-text", "still here")
    page.press("#chat-text", "Enter")
    served.mirror(host, lambda s: any(m.text == "still here" for m in s.chat))


def test_the_number_keys_can_be_switched_off_and_it_is_remembered(
    served: Served, pages: Pages
) -> None:
    """Single-key shortcuts must be possible to turn off (WCAG 2.1.4): speech input or a stray
    key would otherwise send reactions."""
    make_current(served)
    host = served.host()
    page = pages.open(served.invites.audience, viewport=DESKTOP)
    switch = page.locator("#react-keys")
    expect(switch).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("1")
    served.mirror(host, lambda s: s.reactions.get("talk-1", {}).get("👏") == 1)
    switch.click()
    expect(switch).to_have_text("Keys 1–5 react: off")
    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    expect(switch).to_have_attribute("aria-pressed", "false")  # remembered on this device
    page.keyboard.press("2")  # off: no laugh
    page.get_by_role("button", name="Applause").click()  # sent after the key press would be
    served.mirror(host, lambda s: s.reactions.get("talk-1", {}).get("👏") == 2)
    assert "😂" not in served.state().reactions.get("talk-1", {})


def test_chat_reaches_the_host_and_text_from_the_network_stays_text(
    served: Served, pages: Pages
) -> None:
    host = served.host()
    page = pages.open(served.invites.audience)

    page.fill("#chat-name", "Mika")
    page.fill("#chat-text", "hello from the web")
    page.press("#chat-text", "Enter")
    served.mirror(host, lambda s: any(m.text == "hello from the web" for m in s.chat))
    assert host.state is not None
    assert [m.name for m in host.state.chat] == ["Mika"]
    first = page.locator("#chat .message").first
    expect(first.locator(".who")).to_have_text("Mika")
    expect(first.locator(".text")).to_have_text("hello from the web")
    expect(first.locator(".report")).to_have_count(0)  # one's own message: nothing to report

    attack = "<img src=x onerror=alert(1)>"
    page.fill("#chat-text", attack)
    page.press("#chat-text", "Enter")
    served.send(host, SendChat, text="<b>bold</b>", name="<script>x()</script>")
    served.mirror(host, lambda s: len(s.chat) == 3)
    messages = page.locator("#chat .message:not(.pending)")
    expect(messages).to_have_count(3)
    expect(messages.nth(1).locator(".text")).to_have_text(attack)
    expect(messages.nth(2).locator(".who")).to_have_text("<script>x()</script>")
    expect(messages.nth(2).locator(".text")).to_have_text("<b>bold</b>")
    assert page.locator("#chat img, #chat b, #chat script").count() == 0

    # The host hides a message: it disappears from the page.
    assert host.state is not None
    hidden = host.state.chat[1].id
    served.send(host, HideChat, message=hidden)
    expect(messages).to_have_count(2)

    # The name is remembered on this device.
    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    expect(page.locator("#chat-name")).to_have_value("Mika")
    expect(page.locator("#ask-name")).to_have_value("Mika")


def question_id(served: Served, text: str) -> str:
    return next(q.id for q in served.state().questions.values() if q.text == text)


def question_texts(page: Page) -> list[str]:
    return page.locator("#questions .question-text").all_text_contents()


def test_questions_ask_vote_once_and_follow_moderation(served: Served, pages: Pages) -> None:
    make_current(served)
    host = served.host()
    for text in ("How do you test timers?", "Which clock do you trust?"):
        served.send(host, AskQuestion, text=text, name="Host")
    page = pages.open(served.invites.audience)
    # The phone's tabs work from the keyboard: focus the selected tab, arrow to the next.
    page.get_by_role("tab", name="Chat").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Questions")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tab", name="Questions")).to_be_focused()
    expect(page.locator("#panel-chat")).to_be_hidden()
    expect(page.locator("#questions .question")).to_have_count(2)

    page.fill("#ask-text", "Does it drift on a sleeping laptop?")
    page.fill("#ask-name", "Jun")
    page.press("#ask-text", "Enter")
    served.mirror(host, lambda s: len(s.questions) == 3)
    expect(page.locator("#questions .question")).to_have_count(3)
    expect(page.locator(".question.mine .question-text")).to_have_text(
        "Does it drift on a sleeping laptop?"
    )

    # Up-vote the second question: it moves to the top, counted once however often we try.
    second = page.locator(".question", has_text="Which clock do you trust?")
    second.get_by_role("button").click()
    expect(second.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    clock_q = question_id(served, "Which clock do you trust?")
    timers_q = question_id(served, "How do you test timers?")
    served.until(lambda s: s.questions[clock_q].votes == 1)
    expect(page.locator("#questions .question-text").first).to_have_text(
        "Which clock do you trust?"
    )
    # The vote button names its question, and a second press takes the vote back.
    vote = second.get_by_role("button", name=re.compile(r"^Take back your up-vote .*Which clock"))
    vote.click()
    served.until(lambda s: s.questions[clock_q].votes == 0)
    expect(
        second.get_by_role(
            "button", name=re.compile(r"^Up-vote \(0 votes\): Which clock do you trust\?$")
        )
    ).to_have_attribute("aria-pressed", "false")
    second.get_by_role("button").click()
    served.until(lambda s: s.questions[clock_q].votes == 1)

    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    page.get_by_role("tab", name="Questions").click()
    second = page.locator(".question", has_text="Which clock do you trust?")
    expect(second.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    # Even with this device's memory of votes wiped, the relay counts the device once.
    page.evaluate(f"localStorage.removeItem('kanpe.votes.{served.room}')")
    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    page.get_by_role("tab", name="Questions").click()
    second = page.locator(".question", has_text="Which clock do you trust?")
    expect(second.get_by_role("button")).to_have_attribute("aria-pressed", "false")
    second.get_by_role("button").click()
    expect(second.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    served.send(host, VoteQuestion, question=timers_q)  # a sync point
    assert served.state().questions[clock_q].votes == 1

    # Moderation: pinned goes on top, answered to the bottom, hidden disappears.
    served.send(host, ModerateQuestion, question=timers_q, pinned=True)
    served.send(host, ModerateQuestion, question=clock_q, answered=True)
    expect(page.locator("#questions .question").first).to_have_class(re.compile(r"\bpinned\b"))
    expect(page.locator("#questions .question").last).to_contain_text("Answered")
    assert question_texts(page) == [
        "How do you test timers?",
        "Does it drift on a sleeping laptop?",
        "Which clock do you trust?",
    ]
    mine = question_id(served, "Does it drift on a sleeping laptop?")
    served.send(host, ModerateQuestion, question=mine, hidden=True)
    expect(page.locator("#questions .question")).to_have_count(2)


def test_poll_one_tap_answer_then_results(served: Served, pages: Pages) -> None:
    host = served.host()
    page = pages.open(served.invites.audience)
    served.send(
        host,
        OpenPoll,
        question="Are you a freelance ML engineer?",
        options=("Yes", "No", "Sort of"),
    )
    poll = page.locator(".poll")
    expect(poll.locator(".poll-question")).to_have_text("Are you a freelance ML engineer?")
    expect(page.locator("#new-poll")).to_be_hidden()  # in sight: nothing to point at
    poll_id = next(iter(served.state().polls))
    poll.get_by_role("button", name="Sort of").click()
    served.mirror(host, lambda s: s.polls[poll_id].counts == (0, 0, 1))
    # On a phone an answered poll folds to a line, so the chat below stays near.
    expect(poll.locator(".poll-answer")).to_have_text("You answered “Sort of”")
    expect(poll.locator(".poll-option")).to_have_count(0)
    poll.get_by_role("button", name="Show results").click()
    expect(poll.locator(".result.chosen")).to_contain_text("Sort of")
    expect(poll.locator(".result.chosen .result-share")).to_have_text("100%")

    served.send(host, AnswerPoll, poll=poll_id, option=0)
    expect(poll.locator(".result.chosen .result-share")).to_have_text("50%")
    expect(poll.locator(".poll-foot")).to_contain_text("2 answers")

    # Changing one's mind moves the one vote.
    poll.get_by_role("button", name="Change answer").click()
    poll.get_by_role("button", name="No").click()
    served.mirror(host, lambda s: s.polls[poll_id].counts == (1, 1, 0))

    served.send(host, ClosePoll, poll=poll_id)
    expect(poll.locator(".eyebrow")).to_have_text("Poll closed · results")
    expect(poll.get_by_role("button", name="Change answer")).to_have_count(0)


def test_a_poll_answer_the_relay_refuses_is_not_shown_as_counted(
    served: Served, pages: Pages
) -> None:
    """A watch-only (viewer) link opened on the audience page: the relay refuses its answer,
    and the page must not keep showing it (and remembering it) as this device's."""
    host = served.host()
    served.send(host, OpenPoll, question="Coffee or tea?", options=("Coffee", "Tea"))
    token = served.invites.viewer.split("#")[1]
    page = pages.open(served.invites.audience.split("#")[0] + "#" + token)
    poll = page.locator(".poll")
    poll.get_by_role("button", name="Tea").click()
    expect(page.locator("#react-note")).to_have_text("This link can watch, not answer.")
    expect(poll.locator(".result.chosen")).to_have_count(0)
    expect(poll.get_by_role("button", name="Tea")).to_be_visible()  # still there to choose
    poll_id = next(iter(served.state().polls))
    assert served.state().polls[poll_id].counts == (0, 0)


def test_a_page_that_cannot_get_through_says_so_and_tries_again_on_request(
    served: Served, pages: Pages
) -> None:
    """A venue network that blocks websockets, or a relay refusing this address (HTTP 403 or
    429, which a page cannot see): after a few failed tries the page says it cannot reach the
    event instead of spinning on "Connecting…", and "Try now" tries at once."""
    blocked = {"on": True}

    def path(ws: WebSocketRoute) -> None:
        if blocked["on"]:
            ws.close(code=1006)
        else:
            ws.connect_to_server()

    page = pages.open(served.invites.audience, wait=False)
    page.route_web_socket("**/ws", path)
    page.reload()  # the token is kept for the tab: the page starts again, now behind the block
    expect(page.locator("#offline-title")).to_have_text("Can’t reach the event.")
    expect(page.locator("#offline")).to_be_visible()
    blocked["on"] = False
    page.get_by_role("button", name="Try now").click()
    expect(page.locator('#status[data-status="online"]')).to_be_attached()
    expect(page.locator("#offline")).to_be_hidden()


def test_a_message_typed_offline_survives_a_reload(served: Served, pages: Pages) -> None:
    """A phone that drops the background tab, or someone reloading a page that looks stuck:
    what they sent while offline is kept for the tab and goes out, once, after the reload."""
    blocked = {"on": False}
    routes: list[WebSocketRoute] = []

    def path(ws: WebSocketRoute) -> None:
        if blocked["on"]:
            ws.close(code=1006)
            return
        routes.append(ws)
        ws.connect_to_server()

    page = pages.open(served.invites.audience, wait=False)
    page.route_web_socket("**/ws", path)
    page.reload()
    page.wait_for_selector('#status[data-status="online"]')
    blocked["on"] = True
    for route in routes:
        route.close(code=1006)
    expect(page.locator("#status")).to_have_attribute("data-status", "offline")
    page.fill("#chat-text", "typed in the tunnel")
    page.press("#chat-text", "Enter")
    page.reload()
    blocked["on"] = False
    page.wait_for_selector('#status[data-status="online"]')
    expect(page.locator("#chat .message .text")).to_have_text(["typed in the tunnel"])
    served.mirror(served.host(), lambda s: [m.text for m in s.chat] == ["typed in the tunnel"])
    page.reload()  # sent and acknowledged: nothing is left to send again
    page.wait_for_selector('#status[data-status="online"]')
    expect(page.locator("#chat .message .text")).to_have_text(["typed in the tunnel"])
    assert [m.text for m in served.state().chat] == ["typed in the tunnel"]


def test_a_poll_opened_out_of_sight_on_a_phone_is_pointed_at(served: Served, pages: Pages) -> None:
    """Someone on a phone reading the chat, far below the stage: a new poll opens above, out of
    sight; a "New poll" pill in the reaction bar takes them to it. With the poll in sight, no
    pill (test_poll_one_tap_answer_then_results opens one in view)."""
    host = served.host()
    for n in range(30):
        served.send(host, SendChat, text=f"line {n}", name="Host")
    page = pages.open(served.invites.audience, viewport={"width": 360, "height": 640})
    expect(page.locator("#chat .message")).to_have_count(30)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # down at the chat
    pill = page.get_by_role("button", name="New poll ↑")
    expect(pill).to_be_hidden()
    served.send(host, OpenPoll, question="Tabs or spaces?", options=("Tabs", "Spaces"))
    expect(pill).to_be_visible()
    pill.click()
    expect(page.locator(".poll")).to_be_in_viewport()
    expect(pill).to_be_hidden()


@pytest.mark.parametrize("fault", ["relay restart", "network cut"])
def test_reconnects_after_a_fault_and_sends_what_was_queued_once(
    served: Served, pages: Pages, fault: str
) -> None:
    make_current(served)
    link = served.invites.audience
    proxy = None
    if fault == "network cut":
        proxy = served.proxy()
        link = link.replace(served.base, f"http://127.0.0.1:{proxy.port}")
    page = pages.open(link)
    expect(page.locator("#now-speaker")).to_have_text("Aiko Tanaka")

    if proxy is None:
        served.stop_relay()
    else:
        served.call(lambda: proxy.cut(refuse=True))  # no close frame: the path just dies
    expect(page.locator("#status")).to_have_attribute("data-status", "offline")
    expect(page.locator("#offline")).to_be_visible()
    expect(page.locator("#offline")).to_contain_text("Reconnecting")
    expect(page.locator("#offline-detail")).to_contain_text("Offline since")  # protocol 10.5
    page.fill("#chat-text", "typed while offline")
    page.press("#chat-text", "Enter")
    expect(page.locator(".message.pending")).to_contain_text("waiting for connection")

    if proxy is None:
        served.start_relay()
    else:
        served.call(proxy.restore)
    expect(page.locator("#status")).to_have_attribute("data-status", "online")
    expect(page.locator("#offline")).to_be_hidden()
    expect(page.locator(".message.pending")).to_have_count(0)
    expect(page.locator("#chat .message .text")).to_have_text(["typed while offline"])
    assert [m.text for m in served.state().chat] == ["typed while offline"]

    # Resynced from the new welcome, and live again.
    host = served.host()
    served.send(host, SetCurrent, slot="talk-2")
    expect(page.locator("#now-speaker")).to_have_text("Rafael Souza")


@pytest.mark.parametrize("fragment", ["#" + "A" * 32, ""], ids=["wrong token", "no token"])
def test_a_bad_link_says_it_is_not_valid(served: Served, pages: Pages, fragment: str) -> None:
    link = served.invites.audience.split("#")[0] + fragment
    page = pages.open(link, wait=False)
    expect(page.locator("#fatal")).to_be_visible()
    expect(page.locator("#fatal-title")).to_have_text("This link is not valid")
    expect(page.locator("#main")).to_be_hidden()
    assert "#" not in page.url
    # One try with a token the relay refuses; none at all without a token.
    assert len(pages.sockets[page]) == (1 if fragment else 0)


def test_a_link_with_a_query_string_is_not_valid(served: Served, pages: Pages) -> None:
    base, token = served.invites.audience.split("#")
    page = pages.open(f"{base}?utm_source=chat#{token}", wait=False)
    expect(page.locator("#fatal-title")).to_have_text("This link is not valid")
    assert len(pages.sockets[page]) == 0  # the token never went anywhere


def test_a_corrected_link_pasted_into_the_same_tab_joins(served: Served, pages: Pages) -> None:
    good = served.invites.audience
    page = pages.open(good.split("#")[0] + "#" + "A" * 32, wait=False)
    expect(page.locator("#fatal")).to_be_visible()
    page.goto(good)  # only the fragment differs: the browser alone would not reload
    expect(page.locator('#status[data-status="online"]')).to_be_attached()
    expect(page.locator("#fatal")).to_be_hidden()
    assert "#" not in page.url


def test_a_link_with_a_trailing_slash_still_joins(served: Served, pages: Pages) -> None:
    base, token = served.invites.audience.split("#")
    page = pages.open(f"{base}/#{token}", wait=False)  # the relay redirects; the token stays
    expect(page.locator('#status[data-status="online"]')).to_be_attached()
    assert not page.url.endswith("/")


def remaining_on_relay(served: Served, lag: float = 0.0) -> float:
    timer = served.state().slots["talk-1"].timer
    return timer.remaining_at(served.live.clock.now() - lag)


def shown_seconds(page: Page) -> int:
    text = page.locator("#remaining").text_content() or ""
    sign = -1 if text.startswith("-") else 1
    minutes, seconds = text.lstrip("-").split(":")
    return sign * (int(minutes) * 60 + int(seconds))


def assert_countdown_matches(served: Served, page: Page) -> None:
    # The page repaints just after each second boundary; allow it 50 ms to catch up.
    before = display_seconds(remaining_on_relay(served, lag=0.05))
    shown = shown_seconds(page)
    after = display_seconds(remaining_on_relay(served))
    assert after <= shown <= before, (after, shown, before)


def test_viewer_shows_the_countdown_of_the_relay(served: Served, pages: Pages) -> None:
    host = served.host()
    served.send(host, SetCurrent, slot="talk-1")
    page = pages.open(served.invites.viewer)
    expect(page.locator("#now-speaker")).to_have_text("Aiko Tanaka")
    expect(page.locator("#phase-label")).to_have_text("Not started")
    expect(page.locator("#remaining")).to_have_text("25:00")

    served.send(host, StartTimer, slot="talk-1")
    expect(page.locator("#main")).to_have_attribute("data-phase", "normal")
    expect(page.locator("#phase-label")).to_have_text("On time")
    # Let it tick over one second boundary and compare, on the relay's (skewed) clock.
    expect(page.locator("#remaining")).to_have_text("24:58")
    assert_countdown_matches(served, page)

    served.send(host, PauseTimer, slot="talk-1")
    served.send(host, AdjustTimer, slot="talk-1", seconds=-1455)
    expect(page.locator("#phase-label")).to_have_text("Paused")
    paused = display_seconds(remaining_on_relay(served))
    expect(page.locator("#remaining")).to_have_text(f"00:{paused:02d}")

    served.send(host, StartTimer, slot="talk-1")
    expect(page.locator("#main")).to_have_attribute("data-phase", "final")
    expect(page.locator("#phase-label")).to_have_text("Final minute")
    assert_countdown_matches(served, page)

    served.send(host, AdjustTimer, slot="talk-1", seconds=-60)
    expect(page.locator("#main")).to_have_attribute("data-phase", "overtime")
    expect(page.locator("#phase-label")).to_have_text("Over time")
    expect(page.locator("#remaining")).to_have_text(re.compile(r"^-00:1\d$"))
    assert_countdown_matches(served, page)
    expect(page.locator("#next")).to_contain_text("Rafael Souza")


def fill_a_lively_room(served: Served) -> None:
    host = served.host()
    speaker = served.join(served.invites.speakers["talk-1"])
    served.send(host, SetCurrent, slot="talk-1")
    served.send(host, StartTimer, slot="talk-1")
    served.send(speaker, ReportSlide, page=12, pages=30)
    people = [served.join(served.invites.audience, client_id=f"guest-{n}") for n in range(4)]
    chat = [
        ("Mika", "Hello from Osaka! 👋"),
        ("Tom", "The drift demo was great"),
        ("", "Can you share the slides afterwards?"),
        ("Priya", "+1, what clock source do you use on Windows?"),
        ("Ana", "This is exactly the bug we had last year 😂"),
        ("Jun", "Is the relay open source?"),
    ]
    for n, (name, text) in enumerate(chat):
        served.send(people[n % 4], SendChat, text=text, name=name)
    questions = [
        ("Ana", "How do you keep the countdown right when the laptop sleeps?"),
        ("", "Would this work for in-person events with a projector?"),
        ("Tom", "What happens if the host loses their connection mid-talk?"),
    ]
    for n, (name, text) in enumerate(questions):
        served.send(people[n], AskQuestion, text=text, name=name)
    question_ids = sorted(served.state().questions, key=lambda q: served.state().questions[q].at)
    for voter in people[:3]:
        served.send(voter, VoteQuestion, question=question_ids[0])
    served.send(people[3], VoteQuestion, question=question_ids[2])
    served.send(host, ModerateQuestion, question=question_ids[1], answered=True)
    served.send(
        host,
        OpenPoll,
        question="Hands up: are you a freelance ML engineer?",
        options=("Yes", "No", "Used to be"),
    )
    poll = next(iter(served.state().polls))
    for n, voter in enumerate(people):
        served.send(voter, AnswerPoll, poll=poll, option=n % 3)
    for emoji in ("👏", "👏", "👏", "🎉", "😂"):
        served.send(host, React, emoji=emoji)


SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")


def test_pages_fit_phone_and_desktop_in_light_and_dark(
    served: Served, pages: Pages, tmp_path: Path
) -> None:
    """Screenshots for a human to judge (set KANPE_SCREENSHOTS=dir to keep them), and the layout
    checks a machine can make: nothing wider than the screen, every control big enough to tap."""
    out = Path(os.environ.get("KANPE_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    fill_a_lively_room(served)
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = pages.open(served.invites.audience, viewport=viewport)
        expect(page.locator("#chat .message")).to_have_count(6)
        expect(page.locator(".poll-option")).to_have_count(3)
        expect(page.locator("#now-slide")).to_have_text("Slide 12 of 30")
        expect(page.locator("#people")).to_be_visible()
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            name = f"{size}-{scheme}"
            if scheme == "dark":  # the other look of a poll: answered, with results
                page.get_by_role("button", name="Used to be").click()
                if size == "phone":  # folded once answered: the results are a tap away
                    page.get_by_role("button", name="Show results").click()
                expect(page.locator(".poll-results")).to_be_visible()
            check_layout(page, name)
            page.screenshot(path=out / f"audience-{name}.png")
            if size == "phone":
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.screenshot(path=out / f"audience-{name}-chat.png")
                page.get_by_role("tab", name="Questions").click()
                page.locator("#questions").scroll_into_view_if_needed()
                page.screenshot(path=out / f"audience-{name}-questions.png")
                page.get_by_role("tab", name="Chat").click()
                page.evaluate("window.scrollTo(0, 0)")
        viewer = pages.open(served.invites.viewer, viewport=viewport)
        expect(viewer.locator("#phase-label")).to_have_text("On time")
        for look in SCHEMES:
            viewer.emulate_media(color_scheme=look)
            viewer.screenshot(path=out / f"viewer-{size}-{look}.png")


def check_layout(page: Page, name: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), name
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, input, textarea')]
            .filter((e) => e.offsetParent && e.getBoundingClientRect().height < 36
                           && !e.classList.contains('link-button'))
            .map((e) => e.id || e.className || e.textContent)"""
    )
    assert small == [], (name, small)
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('button, input, textarea')]
            .filter((e) => e.offsetParent && !(e.labels?.length || e.getAttribute('aria-label')
                                               || e.textContent.trim()))
            .map((e) => e.outerHTML)"""
    )
    assert unnamed == [], (name, unnamed)
