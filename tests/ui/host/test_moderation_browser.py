"""Moderation from the host's panel hides items on a real audience page (Chromium)."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kanpe.core.protocol import AskQuestion, SetCurrent
from kanpe.ui.host.audience import AudiencePanel
from tests.ui.host.conftest import BrowserThread, Night, host_test, until

pytestmark = pytest.mark.slow


@host_test
async def test_hiding_in_the_panel_removes_chat_and_questions_from_the_audience_page(
    night: Night, qtbot: QtBot, browser_thread: BrowserThread
) -> None:
    from playwright.sync_api import expect

    console = await night.host()
    panel = AudiencePanel(console.room, console.commands)
    qtbot.addWidget(panel)
    panel.show()
    await night.send(console.link, SetCurrent, slot="talk-1")
    mia = await night.audience("mia")
    for text in ("How do you test timers?", "spam spam spam"):
        await night.send(mia, AskQuestion, text=text, name="Mia")
    page: Any = await browser_thread.open(night.invites.audience)

    def chat_from_the_page() -> None:
        for text in ("hello from the web", "buy followers at example.com"):
            page.fill("#chat-text", text)
            page.press("#chat-text", "Enter")
        expect(page.locator("#chat .message:not(.pending)")).to_have_count(2, timeout=10_000)

    await browser_thread.run(chat_from_the_page)
    await until(lambda: len(panel.chat.rows()) == 2)
    spam = panel.chat.rows()[0]
    assert spam.text.text() == "buy followers at example.com"
    spam.buttons["hide"].click()

    def chat_is_one_line() -> list[str]:
        messages = page.locator("#chat .message:not(.pending) .text")
        expect(messages).to_have_count(1, timeout=10_000)
        return list(messages.all_text_contents())

    assert await browser_thread.run(chat_is_one_line) == ["hello from the web"]

    await until(lambda: len(panel.questions.rows()) == 2)
    panel.questions.row(  # type: ignore[union-attr]
        next(q.id for q in night.state().questions.values() if q.text == "spam spam spam")
    ).buttons["hide"].click()

    def questions_left() -> list[str]:
        questions = page.locator("#questions .question-text")
        expect(questions).to_have_count(1, timeout=10_000)
        return list(questions.all_text_contents())

    assert await browser_thread.run(questions_left) == ["How do you test timers?"]
    assert not await browser_thread.run(lambda: browser_thread.errors)
