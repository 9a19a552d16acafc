"""The speaker app's models without a relay: feed batching and bursts, settings files."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kanpe.core.model import ChatMessage
from kanpe.storage.settings import OverlayGeometry, SettingsStore, SpeakerSettings
from kanpe.ui.speaker.feed import FADE, HOLD, MAX_ROWS, ChatListModel, ReactionBursts
from tests.ui.speaker.conftest import FakeClock


def message(n: int) -> ChatMessage:
    return ChatMessage(id=f"m{n}", name="A", text=f"line {n}", at=1.0)


def test_a_chat_flood_is_inserted_in_batches_and_stays_bounded(qtbot: QtBot) -> None:
    model = ChatListModel()
    inserts: list[int] = []
    model.rowsInserted.connect(lambda parent, first, last: inserts.append(last - first + 1))
    for n in range(1000):
        model.append(message(n))
    assert model.rowCount() == 0  # nothing until the batch is flushed, once per frame
    qtbot.waitUntil(lambda: model.rowCount() == MAX_ROWS)
    assert inserts == [MAX_ROWS]
    assert model.messages()[-1].text == "line 999" and model.messages()[0].text == "line 900"
    for n in range(1000, 1010):
        model.append(message(n))
    model.flush()
    assert model.rowCount() == MAX_ROWS and model.messages()[-1].text == "line 1009"


def test_reactions_aggregate_into_bursts_that_fade(qtbot: QtBot) -> None:
    clock = FakeClock()
    bursts = ReactionBursts(clock)
    for _ in range(12):
        bursts.add("👏")
    bursts.add("🎉")
    assert [(b.emoji, b.count, o) for b, o in bursts.bursts()] == [("👏", 12, 1.0), ("🎉", 1, 1.0)]
    clock.advance(HOLD + FADE / 2)
    assert [round(o, 2) for _, o in bursts.bursts()] == [0.5, 0.5]
    bursts.add("👏")  # a reaction while fading continues the burst
    assert [(b.emoji, b.count) for b, _ in bursts.bursts()] == [("🎉", 1), ("👏", 13)]
    clock.advance(HOLD + FADE)
    assert bursts.bursts() == []
    bursts.add("👏")  # a new burst starts from one
    assert [(b.emoji, b.count) for b, _ in bursts.bursts()] == [("👏", 1)]


def test_a_counted_delta_of_n_claps_shows_as_n_claps(qtbot: QtBot) -> None:
    """The relay counts reactions a few times a second: 12 in one count look like 12 taps."""
    one_by_one, counted = ReactionBursts(FakeClock()), ReactionBursts(FakeClock())
    for _ in range(12):
        one_by_one.add("👏")
    counted.add("👏", 5)
    counted.add("👏", 7)
    shown = [[(b.emoji, b.count, o) for b, o in x.bursts()] for x in (one_by_one, counted)]
    assert shown[0] == shown[1] == [("👏", 12, 1.0)]


def test_settings_round_trip_and_defaults(tmp_path: Path) -> None:
    store = SettingsStore.for_speaker(tmp_path / "dir" / "speaker.toml")
    assert store.load() == SpeakerSettings() and store.problem is None
    chosen = SpeakerSettings(
        split=0.5,
        feed_font=22,
        stage_countdown=True,
        overlay_visible=True,
        overlay=OverlayGeometry(10, 20, 300, 140),
        overlay_opacity=0.7,
        overlay_click_through=True,
        stage_size="1920x1080",
    )
    assert store.save(chosen)
    assert SettingsStore.for_speaker(store.path).load() == chosen


def test_an_unknown_stage_size_is_the_windows_own(tmp_path: Path) -> None:
    path = tmp_path / "speaker.toml"
    path.write_text('[stage]\nsize = "800x600"\n')
    assert SettingsStore.for_speaker(path).load().stage_size == "window"


@pytest.mark.parametrize(
    "text",
    [
        "[stage\nsplit = 0.5",
        "stage = 3",
        '[stage]\nsplit = "wide"',
        "[overlay]\ngeometry = [1, 2, 3]",
        "[overlay]\nclick_through = 1",
        "[stage]\nsize = 1280",
        "\udcff",
    ],
)
def test_a_bad_settings_file_is_reported_and_never_overwritten(tmp_path: Path, text: str) -> None:
    path = tmp_path / "speaker.toml"
    data = text.encode("utf-8", "surrogateescape")
    path.write_bytes(data)
    store = SettingsStore.for_speaker(path)
    assert store.load() == SpeakerSettings()
    assert store.problem is not None and str(path) in store.problem
    assert not store.save(SpeakerSettings(feed_font=30))
    assert path.read_bytes() == data


def test_out_of_range_values_are_clamped(tmp_path: Path) -> None:
    path = tmp_path / "speaker.toml"
    path.write_text("[stage]\nsplit = 5.0\nfeed_font = 2\n[overlay]\nopacity = -1\n")
    settings = SettingsStore.for_speaker(path).load()
    assert (settings.split, settings.feed_font, settings.overlay_opacity) == (0.9, 9, 0.3)


def test_a_new_flashing_cue_flashes_for_its_own_time(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QElapsedTimer

    from kanpe.core.model import Cue, CueKind
    from kanpe.ui import cuecard

    monkeypatch.setattr(cuecard, "FLASH_EVERY_MS", 20)
    monkeypatch.setattr(cuecard, "FLASH_FOR_MS", 1000)
    flash = cuecard.CueFlash()
    first = Cue(id="c1", slot="s", kind=CueKind.FLASH, flash=True, sent_at=1.0)
    flash.follow(first)
    since_first = QElapsedTimer()
    since_first.start()
    qtbot.waitUntil(lambda: since_first.elapsed() > 700, timeout=5000)
    assert flash.flashing
    # The host sends another flashing cue before the first was acknowledged.
    flash.follow(Cue(id="c2", slot="s", kind=CueKind.WRAP, flash=True, sent_at=2.0))
    since_second = QElapsedTimer()
    since_second.start()
    qtbot.waitUntil(lambda: not flash.flashing, timeout=5000)
    assert since_second.elapsed() >= 900  # not what was left of the first cue's time
    assert flash.lit  # and then it stays highlighted
