"""A venue where everyone shares one public address: when the relay turns the page away with HTTP
429, the page says so, in the browser's language, and gets in once a place frees up."""

from __future__ import annotations

from dataclasses import replace

from playwright.sync_api import expect

from kanpe.net.limits import Limits
from tests.e2e.conftest import PHONE, Pages, Served


def test_a_page_turned_away_for_its_address_says_so_and_joins_when_a_place_frees(
    served: Served, pages: Pages
) -> None:
    served.stop_relay()
    served.config = replace(served.config, limits=Limits(max_connections_per_address=1))
    served.start_relay()
    taken = served.join(served.invites.viewer)  # the one place this address has
    page = pages.open(served.invites.audience, wait=False)
    expect(page.locator("#offline")).to_be_visible()
    expect(page.locator("#offline-title")).to_have_text("Too many people joined from this network.")
    expect(page.locator("#offline-detail")).to_contain_text("tell the organisers")
    context = pages.browser.new_context(viewport=PHONE, locale="ja-JP")  # type: ignore[arg-type]
    pages.contexts.append(context)
    japanese = context.new_page()
    pages.watch(japanese)
    japanese.goto(served.invites.audience)
    expect(japanese.locator("#offline-title")).to_have_text(
        "このネットワークからの接続が満員です。"
    )
    context.close()  # else the Japanese page may take the place that frees up
    pages.contexts.remove(context)
    served.run(taken.close())
    # It keeps trying (with backoff, at most 10 s apart) and gets in once the place is free.
    page.wait_for_selector('#status[data-status="online"]', timeout=30_000)
    expect(page.locator("#offline")).to_be_hidden()
