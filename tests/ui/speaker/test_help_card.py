"""The speaker's help card fits its window: every line whole, in English and in Japanese, from
1280x720 up (the Japanese stage-size line was cut at the card's right edge)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QPointF, QTranslator
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kanpe.storage.assets import asset_path
from kanpe.ui.helpcard import keycaps
from kanpe.ui.speaker.console import PresenterConsole
from kanpe.ui.ticker import CountdownTicker


@pytest.fixture(params=["en", "ja"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator()
    if request.param == "ja":
        assert translator.load("kanpe_ja", str(asset_path("translations")))
        app.installTranslator(translator)
    yield str(request.param)
    app.removeTranslator(translator)


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080), (2560, 1440)])
def test_every_line_of_help_is_whole_on_the_card_and_the_card_on_the_window(
    qtbot: QtBot, language: str, size: tuple[int, int]
) -> None:
    console = PresenterConsole(QWidget(), QWidget(), CountdownTicker(lambda: None))
    qtbot.addWidget(console)
    console.resize(*size)
    console.show()
    qtbot.waitUntil(lambda: console.help.host.width() > size[0] // 2)
    console.help.toggle()
    help_ = console.help
    assert help_.geometry() == help_.host.rect()
    card = help_.layout_card()
    if language == "ja":
        assert "ステージのサイズ: ウィンドウに合わせるか固定 (配信用)" in {
            item.text for item in card.items
        }
    assert help_.rect().toRectF().contains(card.rect)
    texts = [item for item in card.items if item.kind != "keys"]
    assert len(texts) == len(help_.lines()) + len(help_.sections) + 2  # + title and hint
    for item in card.items:
        assert card.rect.contains(item.rect), item.text
        if item.keys:
            caps = keycaps(item.keys, item.font, QPointF(item.rect.topLeft()), item.rect.height())
            assert caps[-1].right() <= item.rect.right(), item.keys
        else:
            width = QFontMetricsF(item.font).horizontalAdvance(item.text)
            assert width <= item.rect.width(), item.text
    # Legible: no smaller than the body text of the console at 1280x720 (13 px).
    body = min(item.font.pixelSize() for item in card.items if item.kind == "text")
    assert body >= 13, (card.columns, card.scale)
    # Nothing overlaps (edges that touch may differ in the last bits of a float).
    rects = [
        item.rect.adjusted(0.01, 0.01, -0.01, -0.01)
        for item in card.items
        if item.kind in ("text", "keys", "heading")
    ]
    for n, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[n + 1 :])
