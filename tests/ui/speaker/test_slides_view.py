"""SlideView: the right page, letterboxed in black, from the cache; blank and message states; a bad
deck leaves it usable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from kanpe.ui.speaker.slides import DeckError, SlideDeck, SlideView
from tests.support import bad_decks as deckgen
from tests.ui.conftest import MakeDeck

BLACK = QColor("black").rgb()


def shot(view: SlideView) -> QImage:
    """The view as it paints now (a page still rendering leaves the background)."""
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def page_shot(qtbot: QtBot, view: SlideView) -> QImage:
    """The view once its page has arrived from the render thread."""
    image = shot(view)
    if not view.is_waiting():
        return image
    index = view.page_index()
    assert index is not None
    qtbot.waitUntil(lambda: view.cache.image(index) is not None, timeout=10_000)
    image = shot(view)
    assert not view.is_waiting()
    return image


def reference(deck: Path, index: int, size: QSize) -> QImage:
    """Page ``index`` rendered straight by QtPdf, on white, as the view should show it."""
    document = QPdfDocument()
    document.load(str(deck))
    page = document.render(index, size)
    out = QImage(size, QImage.Format.Format_RGB32)
    out.fill(Qt.GlobalColor.white)
    painter = QPainter(out)
    painter.drawImage(0, 0, page)
    painter.end()
    document.close()
    return out


def colours(image: QImage, area: QRect, step: int = 3) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(area.left(), area.right() + 1, step)
        for y in range(area.top(), area.bottom() + 1, step)
    }


def same_picture(shown: QImage, area: QRect, expected: QImage, tolerance: int = 3) -> bool:
    """Whether ``area`` of ``shown`` matches ``expected`` at a grid of sample points."""
    assert area.size() == expected.size()
    for x in range(0, expected.width(), 7):
        for y in range(0, expected.height(), 7):
            a = shown.pixelColor(area.left() + x, area.top() + y)
            b = expected.pixelColor(x, y)
            if max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > (
                tolerance
            ):
                return False
    return True


def settle(qtbot: QtBot, view: SlideView) -> None:
    qtbot.waitUntil(lambda: not view.cache.is_busy(), timeout=10_000)


# 640x480 view, 16:9 page: a 640x360 page between two 60-pixel bars.
PAGE_AREA = QRect(0, 60, 640, 360)
TOP_BAR = QRect(0, 0, 640, 60)
BOTTOM_BAR = QRect(0, 420, 640, 60)


def test_the_right_page_is_painted_letterboxed(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    slide_view.set_page(4)
    image = page_shot(qtbot, slide_view)
    assert colours(image, TOP_BAR, 1) == {BLACK}
    assert colours(image, BOTTOM_BAR, 1) == {BLACK}
    assert len(colours(image, PAGE_AREA)) > 200  # text, shapes, gradient, picture
    assert same_picture(image, PAGE_AREA, reference(small_deck, 3, QSize(640, 360)))
    assert not same_picture(image, PAGE_AREA, reference(small_deck, 4, QSize(640, 360)))


def test_a_wide_view_has_bars_at_the_sides(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    slide_view.resize(800, 300)  # the page is 533x300, centred
    image = page_shot(qtbot, slide_view)
    assert colours(image, QRect(0, 0, 133, 300), 1) == {BLACK}
    assert colours(image, QRect(667, 0, 133, 300), 1) == {BLACK}
    assert same_picture(image, QRect(134, 0, 533, 300), reference(small_deck, 0, QSize(533, 300)))


def test_a_flip_to_a_cached_page_paints_from_the_cache(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    # The first paint has nothing ready: the background, while the render thread has the page.
    assert colours(shot(slide_view), QRect(0, 0, 640, 480)) == {BLACK}
    assert slide_view.is_waiting()
    settle(qtbot, slide_view)
    for page in (2, 3, 4, 5):
        assert slide_view.deck.next()
        assert slide_view.cache.image(page - 1) is not None  # already there when asked
        image = shot(slide_view)
        assert same_picture(image, PAGE_AREA, reference(small_deck, page - 1, QSize(640, 360)))
        settle(qtbot, slide_view)
    assert slide_view.cache.sync_renders == 0  # nothing rendered on the GUI thread


def test_a_jump_keeps_the_page_on_show_until_the_new_one_arrives(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    shot(slide_view)
    settle(qtbot, slide_view)
    with qtbot.waitSignal(slide_view.cache.pageReady) as ready:
        slide_view.deck.last()  # End: page 12 is not cached; it goes to the render thread
        waiting = shot(slide_view)
    assert same_picture(waiting, PAGE_AREA, reference(small_deck, 0, QSize(640, 360)))
    assert ready.args == [11]
    arrived = shot(slide_view)
    assert same_picture(arrived, PAGE_AREA, reference(small_deck, 11, QSize(640, 360)))
    assert slide_view.cache.sync_renders == 0  # not even the deck's first page


def test_flips_faster_than_renders_render_each_page_once(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    """Hammering the clicker: every page painted comes from the render thread, none twice."""
    slide_view.deck.open(small_deck)
    shot(slide_view)
    ready: list[int] = []
    slide_view.cache.pageReady.connect(ready.append)
    for _ in range(6):
        slide_view.deck.next()
        shot(slide_view)
    settle(qtbot, slide_view)
    assert slide_view.cache.sync_renders == 0
    assert len(ready) == len(set(ready))
    assert same_picture(shot(slide_view), PAGE_AREA, reference(small_deck, 6, QSize(640, 360)))


def test_pages_render_ahead_while_the_view_is_hidden(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.hide()  # no paint can ask for a page before the renderer delivers it
    with qtbot.waitSignal(slide_view.cache.pageReady) as ready:
        slide_view.deck.open(small_deck)
    assert ready.args == [0]
    shot(slide_view)
    assert slide_view.cache.sync_renders == 0


def test_blank_shows_only_black_and_keeps_the_page(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    slide_view.set_page(3)
    slide_view.set_blank(True)
    assert slide_view.is_blank()
    assert colours(shot(slide_view), QRect(0, 0, 640, 480)) == {BLACK}
    slide_view.set_blank(False)
    assert same_picture(
        page_shot(qtbot, slide_view), PAGE_AREA, reference(small_deck, 2, QSize(640, 360))
    )


def test_without_a_deck_a_placeholder_is_shown(qtbot: QtBot, slide_view: SlideView) -> None:
    message = slide_view.message()
    assert message is not None
    assert "No deck open" in message
    image = shot(slide_view)
    assert len(colours(image, QRect(0, 0, 640, 480), 1)) > 1  # the text is painted
    assert colours(image, TOP_BAR, 1) == {BLACK}  # and nothing else


@pytest.mark.parametrize(
    "make",
    [
        deckgen.write_not_pdf,
        deckgen.write_truncated_pdf,
        deckgen.write_zero_page_pdf,
        deckgen.write_encrypted_pdf,
        lambda path: deckgen.write_oversized_pdf(path, 500 * 1024 * 1024),
        lambda path: path,  # missing
    ],
    ids=["not-pdf", "truncated", "zero-pages", "encrypted", "500-mb", "missing"],
)
def test_a_bad_deck_shows_its_message_and_the_view_stays_usable(
    qtbot: QtBot,
    slide_view: SlideView,
    small_deck: Path,
    tmp_path: Path,
    make: Callable[[Path], Path],
) -> None:
    with pytest.raises(DeckError) as caught:
        slide_view.deck.open(make(tmp_path / "bad.pdf"))
    slide_view.show_message(str(caught.value))
    assert slide_view.message() == str(caught.value)
    assert len(colours(shot(slide_view), QRect(0, 0, 640, 480), 1)) > 1
    slide_view.deck.open(small_deck)  # the speaker picks another file
    assert slide_view.message() is None
    assert same_picture(
        page_shot(qtbot, slide_view), PAGE_AREA, reference(small_deck, 0, QSize(640, 360))
    )


def test_a_message_over_an_open_deck_can_be_cleared(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    slide_view.show_message("Could not open talk.pdf")
    assert colours(shot(slide_view), TOP_BAR, 1) == {BLACK}
    image = shot(slide_view)
    lit = [
        (x, y) for x in range(0, 640, 4) for y in range(60, 420, 4) if image.pixel(x, y) != BLACK
    ]
    assert 0 < len(lit) < 0.1 * 160 * 90  # a line of text on black, no page
    slide_view.clear_message()
    assert same_picture(
        page_shot(qtbot, slide_view), PAGE_AREA, reference(small_deck, 0, QSize(640, 360))
    )


def test_closing_the_deck_shows_the_placeholder(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    shot(slide_view)
    slide_view.deck.close()
    assert slide_view.cache.document is None
    assert "No deck open" in (slide_view.message() or "")
    shot(slide_view)


def test_view_reports_and_sets_the_page(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    seen: list[tuple[int, int]] = []
    slide_view.pageChanged.connect(lambda page, pages: seen.append((page, pages)))
    slide_view.deck.open(small_deck)
    assert seen == [(1, 12)]  # once per change
    with qtbot.waitSignal(slide_view.pageChanged) as changed:
        slide_view.set_page(7)
    assert changed.args == [7, 12]
    assert slide_view.deck.page == 7


def test_a_next_slide_view_follows_with_an_offset(
    qtbot: QtBot, slide_deck: SlideDeck, small_deck: Path
) -> None:
    upcoming = SlideView(slide_deck, offset=1)
    qtbot.addWidget(upcoming)
    upcoming.resize(640, 480)
    slide_deck.open(small_deck)
    slide_deck.go_to(3)
    assert upcoming.page_index() == 3
    assert same_picture(
        page_shot(qtbot, upcoming), PAGE_AREA, reference(small_deck, 3, QSize(640, 360))
    )
    with qtbot.waitSignal(upcoming.pageChanged) as changed:
        slide_deck.last()
    assert changed.args == [0, 12]
    assert upcoming.message() == "End of the deck"


def test_a_resize_paints_the_old_image_scaled_then_the_sharp_one(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    shot(slide_view)
    settle(qtbot, slide_view)
    with qtbot.waitSignal(slide_view.cache.pageReady) as ready:
        slide_view.resize(960, 720)
        scaled = shot(slide_view)  # no render on the GUI thread for a resize
    assert slide_view.cache.sync_renders == 0
    assert not slide_view.is_waiting()  # the old image, scaled
    assert colours(scaled, QRect(0, 0, 960, 90), 1) == {BLACK}
    assert len(colours(scaled, QRect(0, 90, 960, 540))) > 100
    assert ready.args == [0]
    sharp = shot(slide_view)
    assert same_picture(sharp, QRect(0, 90, 960, 540), reference(small_deck, 0, QSize(960, 540)))


def test_destroying_a_view_mid_render_is_safe(qtbot: QtBot, small_deck: Path) -> None:
    deck = SlideDeck()
    view = SlideView(deck)
    view.resize(640, 480)
    view.show()
    deck.open(small_deck)
    deck.go_to(6)  # a render is running on the render thread
    assert view.cache.is_busy()
    with qtbot.waitSignal(view.destroyed):
        view.deleteLater()
    deck.go_to(2)  # the model carries on without the view
    deck.close()
    assert deck.pages == 0


def test_painted_index_lags_until_the_page_arrives(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    slide_view.deck.open(small_deck)
    shot(slide_view)
    assert slide_view.painted_index() is None  # the background while page 1 renders
    page_shot(qtbot, slide_view)
    assert slide_view.painted_index() == 0
    settle(qtbot, slide_view)
    slide_view.deck.go_to(9)
    shot(slide_view)
    assert (slide_view.page_index(), slide_view.painted_index()) == (8, 0)
    qtbot.waitUntil(lambda: slide_view.painted_index() == 8)


def test_a_big_shrink_never_leaves_the_stage_blank(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path
) -> None:
    """Leaving full screen on a 4K monitor: the old image is over the new budget and dropped,
    and the page is not on screen again until it renders. The shared stage must not go black
    meanwhile: the page is rendered on the GUI thread, as for any page with nothing to show."""
    slide_view.deck.open(small_deck)
    slide_view.resize(3840, 2160)
    page_shot(qtbot, slide_view)
    settle(qtbot, slide_view)
    slide_view.resize(1000, 560)
    image = shot(slide_view)
    assert not slide_view.is_waiting()
    assert len(colours(image, QRect(0, 0, 1000, 560), 7)) > 100


def test_a_new_deck_mid_talk_never_leaves_the_stage_blank(
    qtbot: QtBot, slide_view: SlideView, small_deck: Path, make_deck: MakeDeck
) -> None:
    slide_view.deck.open(small_deck)
    page_shot(qtbot, slide_view)  # the view's first page may wait for the render thread
    settle(qtbot, slide_view)
    slide_view.deck.open(make_deck(5))  # the speaker switches decks on stage
    image = shot(slide_view)  # at once: no background-only frame
    assert not slide_view.is_waiting()
    assert len(colours(image, PAGE_AREA)) > 200
