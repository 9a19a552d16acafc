"""Rehearse a real deck, then give the talk against the rehearsal: the console's pace, its
projection against the slot and its chart, the kept rehearsals and the talk's record. The relay
and the speaker share a fake clock: the talk's time moves only when the test moves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanpe.core.countdown import TimerStatus
from kanpe.core.protocol import StartTimer
from kanpe.net.relay import RoomInvites
from kanpe.storage.rehearsals import Rehearsal, RehearsalStore, deck_key
from kanpe.ui.speaker.app import SpeakerApp
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, FakeClock, Speakers, speaker_test

SLOT = "talk-1"  # 1500 s


async def start_talk(clients: Clients, invites: RoomInvites, app: SpeakerApp) -> None:
    host = await clients.join(invites.host)
    await host.command(StartTimer(id=host.new_id(), slot=SLOT))
    await eventually(lambda: app.ticker.status is TimerStatus.RUNNING)


def lines(app: SpeakerApp) -> tuple[str, str]:
    panel = app.console.pace
    return panel.pace.text(), panel.projection.text() if panel.projection.isVisibleTo(panel) else ""


@speaker_test
async def test_a_rehearsal_times_each_slide_and_is_kept_for_the_deck(
    invites: RoomInvites,
    clients: Clients,
    speakers: Speakers,
    clock: FakeClock,
    deck_path: Path,
    tmp_path: Path,
) -> None:
    store = RehearsalStore(tmp_path / "rehearsals")
    app = await speakers.start(
        invites.speakers[SLOT], deck=deck_path, rehearsals=store, rehearse=True
    )
    assert app.console.menu_actions["rehearse.toggle"].isChecked()
    await start_talk(clients, invites, app)
    for seconds in (30, 65, 20):
        clock.advance(seconds)
        assert app.act("slide.next")
    assert lines(app)[0] == "Rehearsing: 1:55 so far, at slide 4"
    app.act("slide.previous")  # back to slide 3 for 10 s more
    clock.advance(10)
    app.act("rehearse.toggle")  # Ctrl+R again: the rehearsal ends and is kept
    assert not app.console.menu_actions["rehearse.toggle"].isChecked()
    (kept,) = store.load(deck_key(deck_path))
    assert kept.slides == pytest.approx((30, 65, 30, 0, 0, 0, 0, 0))
    assert app.console.notices.texts() == ["Rehearsal kept (2:05): the talk is compared with it."]
    assert lines(app)[0] == "Rehearsal kept: 2:05"
    chart = app.console.pace.chart
    assert chart.isVisible() and [r.actual for r in chart.rows][:3] == pytest.approx([30, 65, 30])


@speaker_test
async def test_the_talk_is_paced_against_the_rehearsal_and_the_slot(
    invites: RoomInvites,
    clients: Clients,
    speakers: Speakers,
    clock: FakeClock,
    deck_path: Path,
    tmp_path: Path,
) -> None:
    store = RehearsalStore(tmp_path / "rehearsals")
    store.add(deck_key(deck_path), Rehearsal(at=1.0, slides=(60.0,) * 8))
    kept = tmp_path / "talk.md"
    app = await speakers.start(
        invites.speakers[SLOT], deck=deck_path, rehearsals=store, questions_file=kept
    )
    assert lines(app) == ("On pace at slide 1", "Projected to finish 17:00 before the slot ends")
    await start_talk(clients, invites, app)
    clock.advance(100)
    app.act("slide.next")  # slide 2 at 1:40, rehearsed at 1:00; 7 min left of 23:20
    assert lines(app) == (
        "0:40 behind at slide 2",
        "Projected to finish 16:20 before the slot ends",
    )
    clock.advance(10)
    app.act("slide.next")
    assert lines(app)[0] == "0:10 ahead at slide 3"
    clock.advance(1200)  # a long story on slide 3: at 21:50, rehearsed at 3:00; 3:10 left
    app.act("slide.next")
    assert lines(app) == (
        "18:50 behind at slide 4",
        "Projected to finish 1:50 after the slot ends",
    )
    rows = app.console.pace.chart.rows
    assert [r.actual for r in rows[:4]] == pytest.approx([100, 10, 1200, None])
    assert app.console.pace.chart.current == 4
    app.quit()  # the talk's record is written as the talk ends
    record = kept.read_text(encoding="utf-8")
    assert "## Slide timings" in record
    assert "| 3 | 1:00 | 20:00 | +19:00 |" in record


@speaker_test
async def test_unreadable_rehearsals_are_said_and_kept(
    invites: RoomInvites, speakers: Speakers, deck_path: Path, tmp_path: Path
) -> None:
    store = RehearsalStore(tmp_path / "rehearsals")
    store.folder.mkdir()
    broken = store.path(deck_key(deck_path))
    broken.write_text("{half a file", encoding="utf-8")
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path, rehearsals=store)
    (notice,) = app.console.notices.texts()
    assert notice.startswith("This deck's rehearsals cannot be read (")
    assert lines(app)[0] == "No rehearsal of this deck yet"
    assert broken.read_text(encoding="utf-8") == "{half a file"


@speaker_test
async def test_a_rehearsal_with_the_timer_never_started_keeps_nothing(
    invites: RoomInvites, speakers: Speakers, deck_path: Path, tmp_path: Path
) -> None:
    store = RehearsalStore(tmp_path / "rehearsals")
    app = await speakers.start(
        invites.speakers[SLOT], deck=deck_path, rehearsals=store, rehearse=True
    )
    app.act("slide.next")
    app.act("rehearse.toggle")
    assert store.load(deck_key(deck_path)) == []
    assert app.console.notices.texts() == [
        "Nothing to keep: the timer did not run. Press S to start it as you rehearse."
    ]


@speaker_test
async def test_the_speaker_chooses_which_rehearsal_to_pace_against(
    invites: RoomInvites,
    clients: Clients,
    speakers: Speakers,
    clock: FakeClock,
    deck_path: Path,
    tmp_path: Path,
) -> None:
    store = RehearsalStore(tmp_path / "rehearsals")
    key = deck_key(deck_path)
    store.add(key, Rehearsal(at=1.0, slides=(90.0,) * 8))  # the older, slower one
    store.add(key, Rehearsal(at=2.0, slides=(30.0,) * 8))
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path, rehearsals=store)
    await start_talk(clients, invites, app)
    clock.advance(60)
    app.act("slide.next")
    assert lines(app)[0] == "0:30 behind at slide 2"  # against the newest
    assert "(4:00, 1 of 2)" in app.console.pace.legend.text()
    app.act("rehearse.compare")  # Ctrl+Shift+R: the one before it
    assert lines(app)[0] == "0:30 ahead at slide 2"
    assert "(12:00, 2 of 2)" in app.console.pace.legend.text()
    assert [r.planned for r in app.console.pace.chart.rows] == [90.0] * 8
    app.act("rehearse.compare")  # round again to the newest
    assert lines(app)[0] == "0:30 behind at slide 2"


@speaker_test
async def test_quitting_keeps_the_rehearsal_under_way(
    invites: RoomInvites,
    clients: Clients,
    speakers: Speakers,
    clock: FakeClock,
    deck_path: Path,
    tmp_path: Path,
) -> None:
    store = RehearsalStore(tmp_path / "rehearsals")
    app = await speakers.start(
        invites.speakers[SLOT], deck=deck_path, rehearsals=store, rehearse=True
    )
    await start_talk(clients, invites, app)
    clock.advance(40)
    app.act("slide.next")
    clock.advance(25)
    app.quit()
    (kept,) = RehearsalStore(tmp_path / "rehearsals").load(deck_key(deck_path))
    assert kept.slides[:3] == pytest.approx((40, 25, 0))
