"""RenderCache: the pages around the current one are rendered off the GUI thread, the current page
first, memory stays under its cap on a long deck, and renders for an old size are dropped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QSizeF
from pytestqt.qtbot import QtBot

from kanpe.ui.speaker.slides import DeckDocument, RenderCache, open_deck
from kanpe.ui.speaker.slides.cache import device_box, fit_size
from tests.ui.conftest import MakeDeck

BOX = QSize(320, 240)


@pytest.fixture
def document(small_deck: Path) -> Iterator[DeckDocument]:
    opened = open_deck(small_deck)
    yield opened
    opened.close()


@pytest.fixture
def cache(qtbot: QtBot, document: DeckDocument) -> Iterator[RenderCache]:
    made = RenderCache()
    made.set_document(document)
    made.set_box(BOX)
    yield made
    made.set_document(None)  # lets go of the document before the fixture closes it


def settle(qtbot: QtBot, cache: RenderCache) -> None:
    qtbot.waitUntil(lambda: not cache.is_busy(), timeout=10_000)


@pytest.mark.parametrize(
    ("page", "box", "fitted"),
    [
        (QSizeF(960, 540), QSize(640, 480), QSize(640, 360)),  # bars above and below
        (QSizeF(960, 540), QSize(1000, 300), QSize(533, 300)),  # bars left and right
        (QSizeF(960, 540), QSize(1920, 1080), QSize(1920, 1080)),
        (QSizeF(595, 842), QSize(800, 600), QSize(424, 600)),  # A4 portrait
        (QSizeF(960, 540), QSize(0, 0), QSize(1, 1)),
    ],
)
def test_fit_size(page: QSizeF, box: QSize, fitted: QSize) -> None:
    assert fit_size(page, box) == fitted


@pytest.mark.parametrize(
    ("ratio", "box"), [(1.0, QSize(640, 480)), (2.0, QSize(1280, 960)), (1.5, QSize(960, 720))]
)
def test_device_box_follows_the_pixel_ratio(ratio: float, box: QSize) -> None:
    assert device_box(QSize(640, 480), ratio) == box


def test_current_page_and_neighbours_are_rendered(qtbot: QtBot, cache: RenderCache) -> None:
    ready: list[int] = []
    cache.pageReady.connect(ready.append)
    cache.set_current(5)
    settle(qtbot, cache)
    assert ready == [5, 6, 7, 4]  # the current page first, then next two, then previous one
    assert sorted(cache.cached_indices()) == [4, 5, 6, 7]
    for index in (4, 5, 6, 7):
        image = cache.image(index)
        assert image is not None
        assert image.size() == QSize(320, 180)
    assert cache.sync_renders == 0


def test_the_window_is_clipped_at_the_ends(qtbot: QtBot, cache: RenderCache) -> None:
    cache.set_current(0)
    settle(qtbot, cache)
    assert sorted(cache.cached_indices()) == [0, 1, 2]
    cache.set_current(11)
    settle(qtbot, cache)
    assert {10, 11} <= set(cache.cached_indices())
    assert 12 not in cache.cached_indices()


def test_cached_pages_are_not_rendered_again(qtbot: QtBot, cache: RenderCache) -> None:
    cache.set_current(3)
    settle(qtbot, cache)
    ready: list[int] = []
    cache.pageReady.connect(ready.append)
    cache.set_current(4)  # 3, 4, 5 are cached: only 6 is new
    settle(qtbot, cache)
    assert ready == [6]


def test_a_jump_puts_the_new_page_first(qtbot: QtBot, cache: RenderCache) -> None:
    ready: list[int] = []
    cache.pageReady.connect(ready.append)
    cache.set_current(0)  # page 0 is now rendering; 1, 2 wait
    cache.set_current(9)  # the speaker jumped: 1 and 2 are no longer wanted
    settle(qtbot, cache)
    assert ready[-4:] == [9, 10, 11, 8]
    assert ready[:-4] in ([], [0])  # the render already running may finish; nothing else
    assert 1 not in ready
    assert 2 not in ready


def test_memory_stays_under_the_cap_on_a_300_page_deck(qtbot: QtBot, long_deck: Path) -> None:
    document = open_deck(long_deck)
    cache = RenderCache(budget_pages=8)
    cache.set_document(document)
    cache.set_box(QSize(320, 180))  # 16:9 like the pages: the cap is exactly 8 images
    peak = 0

    def check(index: int) -> None:
        nonlocal peak
        peak = max(peak, cache.bytes_used)
        assert cache.bytes_used <= cache.max_bytes

    cache.pageReady.connect(check)
    try:
        for index in range(0, document.pages, 3):  # a fast walk: each step renders new pages
            cache.set_current(index)
            settle(qtbot, cache)
            assert len(cache.cached_indices()) <= 8
        cache.set_current(document.pages - 1)
        settle(qtbot, cache)
    finally:
        cache.set_document(None)
        document.close()
    assert cache.max_bytes == 8 * 320 * 180 * 4
    assert peak == cache.max_bytes  # the cap was reached, so eviction was exercised


def test_renders_for_an_old_size_are_dropped(qtbot: QtBot, cache: RenderCache) -> None:
    ready: list[int] = []
    cache.pageReady.connect(ready.append)
    cache.set_current(2)  # a render at 320x240 is now running
    cache.set_box(QSize(640, 480))  # the view was resized before it finished
    settle(qtbot, cache)
    assert cache.stale_dropped == 1
    assert ready == [2, 3, 4, 1]  # each delivered once, at the new size
    for index in (1, 2, 3, 4):
        image = cache.image(index)
        assert image is not None
        assert image.size() == QSize(640, 360)
    assert cache.bytes_used == 4 * 640 * 360 * 4  # nothing of the old size is left


def test_a_resize_keeps_the_current_image_to_scale(qtbot: QtBot, cache: RenderCache) -> None:
    cache.set_current(6)
    settle(qtbot, cache)
    cache.set_box(QSize(400, 300))
    assert cache.image(6) is None
    preview = cache.any_image(6)
    assert preview is not None
    assert preview.size() == QSize(320, 180)
    assert cache.any_image(7) is None  # only the page on show is kept
    settle(qtbot, cache)
    image = cache.image(6)
    assert image is not None
    assert image.size() == QSize(400, 225)


def test_render_now_is_the_counted_fallback(qtbot: QtBot, cache: RenderCache) -> None:
    image = cache.render_now(10)
    assert image.size() == QSize(320, 180)
    assert cache.sync_renders == 1
    assert cache.image(10) is image
    settle(qtbot, cache)


def test_switching_documents_mid_render_is_safe(
    qtbot: QtBot, cache: RenderCache, make_deck: MakeDeck
) -> None:
    other = open_deck(make_deck(4))
    ready: list[int] = []
    cache.pageReady.connect(ready.append)
    cache.set_current(8)  # renders of the 12-page deck are queued
    cache.set_document(other)  # the running render is waited for and its result ignored
    assert cache.cached_indices() == []
    cache.set_current(3)
    settle(qtbot, cache)
    assert ready == [3, 2]
    cache.set_document(None)
    other.close()


def test_no_document_or_no_size_renders_nothing(qtbot: QtBot, document: DeckDocument) -> None:
    cache = RenderCache()
    cache.set_current(0)
    assert not cache.is_busy()
    cache.set_document(document)
    cache.set_current(0)
    assert not cache.is_busy()  # no box yet: nothing to render for
    cache.set_box(BOX)
    assert cache.is_busy()
    settle(qtbot, cache)
    cache.set_document(None)


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="budget_pages"):
        RenderCache(budget_pages=0)
