"""A speaker's show of hands on the audience page, in a real browser against a real relay.

The speaker's link sends what the presenter console's poll panel sends (poll.open, poll.show,
poll.close with the speaker's token); the page must show the poll at once, take the answers, and
keep the result once the speaker closes it. Pages in Japanese, as the meetups it is for.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import expect

from kanpe.core.protocol import ClosePoll, OpenPoll, SetCurrent, ShowPoll
from tests.e2e.conftest import DESKTOP, PHONE, Pages, Served

expect.set_options(timeout=10_000)
SLOT = "talk-1"


def test_a_speakers_poll_shows_at_once_takes_answers_and_keeps_its_result(
    served: Served, pages: Pages
) -> None:
    host = served.host()
    served.send(host, SetCurrent, slot=SLOT)
    speaker = served.join(served.invites.speakers[SLOT], client="kanpe-speaker")
    phone = pages.open(served.invites.audience, viewport=PHONE, locale="ja-JP")
    desktop = pages.open(served.invites.audience, viewport=DESKTOP, locale="ja-JP")
    opened = served.send(
        speaker, OpenPoll, question="Rust を使ったことがある人？", options=("はい", "いいえ")
    )
    poll_id = f"p{opened.version}"
    assert served.state().polls[poll_id].slot == SLOT  # the speaker's own talk
    for page in (phone, desktop):
        card = page.locator(".poll")
        expect(card.locator(".poll-question")).to_have_text("Rust を使ったことがある人？")
    phone.locator(".poll").get_by_role("button", name="はい").click()
    desktop.locator(".poll").get_by_role("button", name="いいえ").click()
    served.until(lambda s: s.polls[poll_id].counts == (1, 1))
    served.send(speaker, ShowPoll, poll=poll_id, shown=True)
    served.send(speaker, ClosePoll, poll=poll_id)
    served.until(lambda s: not s.polls[poll_id].open and s.polls[poll_id].shown)
    card = desktop.locator(".poll")
    expect(card.locator(".result")).to_have_count(2)
    expect(card.locator(".result.chosen")).to_contain_text("いいえ")
    expect(card.locator(".result.chosen .result-share")).to_have_text("50%")
    expect(card.get_by_role("button", name="はい")).to_have_count(0)  # closed: no answering
    folder = os.environ.get("KANPE_SHOTS")  # a person's look: KANPE_SHOTS=/tmp/shots pytest …
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        desktop.screenshot(path=str(Path(folder) / "audience-speaker-poll-desktop.png"))
        phone.screenshot(path=str(Path(folder) / "audience-speaker-poll-phone.png"))
