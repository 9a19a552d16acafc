"""Writing in the chat from the apps, on a real relay: the host's box and the speaker's console,
read on the speaker's stage and on a real audience page, each badged from the sender's token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kanpe.core.protocol import SendChat
from kanpe.net.link import CommandRefused
from kanpe.ui.host.audience import AudiencePanel
from tests.ui.host.conftest import BrowserThread, Night, host_test, until
from tests.ui.speaker.conftest import Speakers

SLOT = "talk-1"


async def panel_for(night: Night, qtbot: QtBot) -> AudiencePanel:
    console = await night.host()
    panel = AudiencePanel(console.room, console.commands)
    qtbot.addWidget(panel)
    panel.resize(700, 600)
    panel.show()
    return panel


@host_test
async def test_the_hosts_message_shows_on_the_speakers_stage_with_the_host_badge(
    night: Night, qtbot: QtBot, speakers: Speakers, deck_path: Path
) -> None:
    panel = await panel_for(night, qtbot)
    app = await speakers.start(night.invites.speakers[SLOT], deck=deck_path)
    mia = await night.audience("mia")
    await night.send(mia, SendChat, text="Loving it", name="Mia")
    panel.chatbox.send("Welcome! Drinks after the talks.")
    assert panel.chatbox.composer.line.text() == ""  # sent, so the line is free again

    feed = app.stage.feed.chat
    await until(lambda: len(feed.visible_messages()) == 2)
    mias, hosts = feed.visible_messages()
    assert hosts.text == "Welcome! Drinks after the talks."
    assert feed.badge(hosts) == "Host" and str(hosts.role) == "host"
    assert feed.badge(mias) == ""
    assert night.state().chat[-1].role.value == "host"  # set by the relay, from the token
    app.stage.resize(1280, 720)
    assert not app.stage.grab().toImage().isNull()  # the badge paints
    # The host sees their own line in the moderation list, badged there too.
    await until(lambda: len(panel.chat.rows()) == 2)
    heading = panel.chat.rows()[0].heading.text()
    assert heading.endswith("  [Host]") and "Anonymous" not in heading  # the host signs by badge


@host_test
async def test_an_audience_member_named_host_is_refused_and_never_badged(
    night: Night, qtbot: QtBot, speakers: Speakers
) -> None:
    app = await speakers.start(night.invites.speakers[SLOT])
    mia = await night.audience("mia")
    for name in ("Host", "ＨＯＳＴ", "主催", "Speaker"):
        with pytest.raises(CommandRefused) as refused:
            await night.send(mia, SendChat, text="The talk is cancelled", name=name)
        assert refused.value.code == "name_reserved"
    await night.send(mia, SendChat, text="See you all", name="Ghost")
    feed = app.stage.feed.chat
    await until(lambda: len(feed.visible_messages()) == 1)
    (only,) = feed.visible_messages()
    assert only.name == "Ghost" and feed.badge(only) == ""
    assert [m.text for m in night.state().chat] == ["See you all"]


@host_test
async def test_the_speakers_message_reaches_the_audience_page_badged_speaker(
    night: Night, qtbot: QtBot, speakers: Speakers, browser_thread: BrowserThread
) -> None:
    from playwright.sync_api import expect

    app = await speakers.start(night.invites.speakers[SLOT])
    page: Any = await browser_thread.open(night.invites.audience)
    composer = app.console.chat
    assert composer is not None
    composer.line.setText("Slides: https://example.org/slides")
    composer.button.click()

    def badge_and_name() -> tuple[str, str, str]:
        message = page.locator("#chat .message:not(.pending)")
        expect(message).to_have_count(1, timeout=10_000)
        return (
            message.locator(".role-badge").inner_text(),
            message.locator(".who").inner_text(),
            message.locator(".text").inner_text(),
        )

    assert await browser_thread.run(badge_and_name) == (
        "Speaker",
        "Aiko",  # signed from the rundown: the speaker types no name
        "Slides: https://example.org/slides",
    )
    await until(lambda: len(app.stage.feed.chat.visible_messages()) == 1)
    assert app.stage.feed.chat.badge(app.stage.feed.chat.visible_messages()[0]) == "Speaker"
    assert not await browser_thread.run(lambda: browser_thread.errors)
