"""The stage's feed as the audience sees it: one even background behind the chat."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kanpe.core.model import ChatMessage
from kanpe.ui.speaker.feed import ChatListModel, ReactionBursts
from kanpe.ui.speaker.feedpane import FEED_BACKGROUND
from kanpe.ui.speaker.stage import StageWindow
from kanpe.ui.theme import STYLE
from kanpe.ui.ticker import CountdownTicker


@pytest.mark.qt_log_ignore(r"This plugin does not support")
def test_the_chats_top_fade_blends_into_the_feeds_background(qtbot: QtBot) -> None:
    chat = ChatListModel()
    window = StageWindow(QWidget(), chat, ReactionBursts(), CountdownTicker(lambda: None))
    window.setStyleSheet(STYLE)
    qtbot.addWidget(window)
    chat.reset_to([ChatMessage(id="m1", name="Aiko", text="最高です", at=0.0)])
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    feed, feed_chat = window.feed, window.feed.chat
    qtbot.waitUntil(feed_chat.isVisible)
    image = window.grab().toImage()  # the window's: a widget's own grab paints its backdrop
    # The fade's band (the top 48 px of the chat, empty of messages here) and the feed's margin
    # beside it are the same colour, the feed's: no lighter band across the stage.
    top = feed_chat.mapTo(window, QPoint(feed_chat.width() // 2, 20))
    margin = feed.mapTo(window, QPoint(4, feed_chat.mapTo(feed, QPoint(0, 20)).y()))
    assert image.pixelColor(top).name() == FEED_BACKGROUND.name()
    assert image.pixelColor(margin).name() == FEED_BACKGROUND.name()
