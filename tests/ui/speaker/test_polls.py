"""A show of hands: the presenter console's poll panel and the stage's bar chart, against a real
relay with real audience links."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kanpe.core.model import Poll
from kanpe.core.protocol import AnswerPoll, OpenPoll, SetCurrent, ShowPoll
from kanpe.net.link import CommandRefused, wait_for_state
from kanpe.net.relay import RoomInvites
from kanpe.ui.polleditor import PollEditor
from kanpe.ui.pollpresets import PollPreset, PollPresets
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.pollchart import PollChart
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, Speakers, speaker_test

SLOT = "talk-1"


def a_poll(counts: tuple[int, ...] = (3, 12, 7), *, open: bool = True) -> Poll:
    options = ("Never", "Less than a year", "More")[: len(counts)]
    return Poll(id="p1", question="How long?", options=options, counts=counts, open=open, at=0.0)


def test_the_chart_writes_each_options_count_and_share_and_marks_the_lead(qtbot: QtBot) -> None:
    chart = PollChart()
    qtbot.addWidget(chart)
    assert chart.isHidden() and chart.rows() == []
    chart.show_poll(a_poll())
    rows = chart.rows()
    assert [r.option for r in rows] == ["Never", "Less than a year", "More"]
    assert [r.figures for r in rows] == ["3 · 14%", "12 · 55%", "7 · 32%"]
    assert [r.leading for r in rows] == [False, True, False]
    assert chart.heading() == "Poll open · Answers: 22"
    assert chart.accessibleName() == "Poll open · Answers: 22: How long?"
    assert chart.accessibleDescription().startswith("Never: 3 · 14%; Less than a year: 12")
    chart.show_poll(a_poll((0, 0, 0), open=False))
    assert [r.figures for r in chart.rows()] == ["0 · 0%"] * 3
    assert not any(r.leading for r in chart.rows())  # no answers: no lead
    assert chart.heading() == "Poll closed · Answers: 0"
    chart.show_poll(None)
    assert chart.isHidden()


def test_the_chart_is_as_tall_as_its_options_need(qtbot: QtBot) -> None:
    for compact in (False, True):
        chart = PollChart(compact=compact)
        qtbot.addWidget(chart)
        chart.set_font_size(20)
        chart.show_poll(a_poll((1, 2)))
        two = chart.heightForWidth(400)
        chart.show_poll(a_poll((1, 2, 3)))
        three = chart.heightForWidth(400)
        assert three - two >= 20  # a line of 20 px text and more per option
        chart.set_font_size(30)
        assert chart.heightForWidth(400) > three


class Submitted:
    """A poll editor's ``submit``: keeps what it was given, says it was sent or not."""

    def __init__(self, sent: bool = True) -> None:
        self.sent = sent
        self.polls: list[tuple[str, tuple[str, ...]]] = []

    def __call__(self, question: str, options: tuple[str, ...]) -> bool:
        self.polls.append((question, options))
        return self.sent


def test_a_preset_fills_the_editor_and_selects_the_blank(qtbot: QtBot) -> None:
    submitted = Submitted()
    editor = PollEditor(submitted)
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.open_button.isEnabled()
    editor.use_preset(PollPreset("Who has used X?"))
    assert editor.yes_no.isChecked() and editor.question.selectedText() == "X"
    QTest.keyClicks(editor.question, "Rust")  # typing replaces the blank
    assert editor.question.text() == "Who has used Rust?"
    QTest.keyClick(editor.question, Qt.Key.Key_Return)
    assert submitted.polls == [("Who has used Rust?", ("Yes", "No"))]
    assert editor.question.text() == ""
    # Keys as well as the mouse: ↓ in the question opens the presets, Enter picks one.
    QTest.keyClick(editor.question, Qt.Key.Key_Down)
    popup = editor.presets.view()
    assert popup.isVisible()
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert editor.question.text() == PollPresets().presets()[0].question
    assert editor.question.selectedText() == "X"


def test_choices_from_a_preset_or_typed_two_to_six(qtbot: QtBot) -> None:
    submitted = Submitted(sent=False)
    editor = PollEditor(submitted)
    qtbot.addWidget(editor)
    pace = PollPresets().presets()[-1]
    editor.use_preset(pace)
    assert editor.choices.isChecked()
    assert editor.options() == ("Too fast", "Just right", "Too slow")
    editor.choice_edits[1].clear()
    editor.choice_edits[2].clear()
    assert not editor.open_button.isEnabled()  # one choice is not a poll
    for edit, text in zip(editor.choice_edits, "ABCDEF", strict=True):
        edit.setText(text)
    editor.open_button.click()
    assert submitted.polls == [(pace.question, tuple("ABCDEF"))]
    assert editor.choice_edits[5].text() == "F"  # not sent: the words stay for another try


def test_every_preset_is_a_poll_the_relay_takes() -> None:
    for preset in PollPresets().presets():
        options = preset.options or PollPresets().yes_no()
        OpenPoll(id="x", question=preset.question, options=options)  # typed at the edge
        assert 2 <= len(options) <= 6
        assert preset.question.count("X") <= 1


def answered(app: SpeakerApp, total: int) -> Callable[[], bool]:
    def check() -> bool:
        poll = app.polls.model.followed()
        return poll is not None and sum(poll.counts) == total

    return check


@speaker_test
async def test_the_speaker_opens_a_poll_sees_live_counts_shows_and_closes_it(
    invites: RoomInvites, clients: Clients, speakers: Speakers, tmp_path: Path
) -> None:
    audience = [await clients.join(invites.audience) for _ in range(3)]
    app = await speakers.start(invites.speakers[SLOT])
    panel, stage_chart = app.console.polls, app.stage.feed.poll
    assert panel.editing and stage_chart.isHidden()
    QTest.keyClick(app.console, Qt.Key.Key_N)  # N: the cursor in the poll's question
    assert app.console.focusWidget() is panel.editor.question
    assert panel.editor.question.text() == ""  # the N is not typed into it
    QTest.keyClicks(panel.editor.question, "Who has used Rust?")
    QTest.keyClick(panel.editor.question, Qt.Key.Key_Return)
    await eventually(lambda: app.polls.model.followed() is not None)
    poll = app.polls.model.followed()
    assert poll is not None and poll.slot == SLOT and poll.options == ("Yes", "No")
    assert not panel.editing and panel.chart.poll == poll
    # The audience sees it at once (their snapshot and events) and answers.
    for person in audience:
        await wait_for_state(person, lambda s: poll.id in s.polls)
    for person, option in zip(audience, (0, 0, 1), strict=True):
        await person.command(AnswerPoll(id=person.new_id(), poll=poll.id, option=option))
    await eventually(answered(app, 3))
    assert [r.figures for r in panel.chart.rows()] == ["2 · 67%", "1 · 33%"]
    assert stage_chart.isHidden()  # the stage shows a result only when the speaker says so
    QTest.keyClick(app.console, Qt.Key.Key_R)
    await eventually(lambda: app.polls.model.on_stage() is not None)
    assert stage_chart.isVisibleTo(app.stage)
    assert [r.figures for r in stage_chart.rows()] == ["2 · 67%", "1 · 33%"]
    assert panel.stage_button.isChecked()
    assert app.console.menu_actions["poll.stage"].isChecked()
    QTest.keyClick(app.console, Qt.Key.Key_X)  # X: close; the result stays, on stage too
    await eventually(lambda: stage_chart.poll is not None and not stage_chart.poll.open)
    assert stage_chart.heading() == "Poll closed · Answers: 3"
    assert not panel.close_button.isEnabled() and not panel.editing
    with pytest.raises(CommandRefused):  # closed: no more answers
        await audience[0].command(AnswerPoll(id=audience[0].new_id(), poll=poll.id, option=1))
    # The result stays in the talk's record, as the speaker exports it.
    assert app.presenter.questions is not None
    record = tmp_path / "talk.md"
    assert app.presenter.questions.export_to(record)
    text = record.read_text(encoding="utf-8")
    assert "### Who has used Rust? (closed, 3 answers)" in text
    assert "- Yes: 2 (67 %)" in text and "- No: 1 (33 %)" in text
    panel.stage_button.click()  # the mouse takes it down again
    await eventually(lambda: app.polls.model.on_stage() is None)
    assert stage_chart.isHidden() and not panel.stage_button.isChecked()


@speaker_test
async def test_another_talks_poll_is_not_the_speakers(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT])
    # With no talk on stage, the host's poll belongs to none: not this speaker's to follow.
    await host.command(OpenPoll(id=host.new_id(), question="Pizza?", options=("Yes", "No")))
    await wait_for_state(host, lambda s: len(s.polls) == 1)
    await eventually(lambda: len(app.model.room.polls()) == 1)
    assert app.polls.model.followed() is None and app.console.polls.editing
    # With the talk on stage, the host's poll is the talk's: the speaker follows it.
    await host.command(SetCurrent(id=host.new_id(), slot=SLOT))
    opened = await host.command(
        OpenPoll(id=host.new_id(), question="Who has used Rust?", options=("Yes", "No"))
    )
    await eventually(lambda: app.polls.model.followed() is not None)
    followed = app.polls.model.followed()
    assert followed is not None and followed.id == f"p{opened.version}"


@speaker_test
async def test_help_and_menus_list_the_poll_keys(invites: RoomInvites, speakers: Speakers) -> None:
    app = await speakers.start(invites.speakers[SLOT])
    menu = app.console.menu_actions
    assert menu["poll.new"].text().endswith("\tN")
    assert menu["poll.stage"].text().endswith("\tR")
    assert menu["poll.close"].text().endswith("\tX")
    # X and R with no poll are not taken: nothing to close or show.
    assert not app.act("poll.close") and not app.act("poll.stage")


@speaker_test
async def test_a_refused_poll_says_why_and_changes_nothing(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    for n in range(50):  # a room holds 50 polls, closed ones included
        await host.command(OpenPoll(id=host.new_id(), question=f"Q{n}", options=("A", "B")))
    app = await speakers.start(invites.speakers[SLOT])
    await eventually(lambda: len(app.model.room.polls()) == 50)
    panel = app.console.polls
    panel.editor.use_preset(PollPresets().presets()[1])
    panel.editor.open_poll()
    await eventually(lambda: [n.code for n in app.notices.shown] == ["refused"])
    assert app.polls.model.followed() is None and panel.editing


@speaker_test
async def test_the_stage_shows_the_talks_result_before_the_console_is_built(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    await host.command(SetCurrent(id=host.new_id(), slot=SLOT))
    opened = await host.command(
        OpenPoll(id=host.new_id(), question="Who has used Rust?", options=("Yes", "No"))
    )
    await host.command(ShowPoll(id=host.new_id(), poll=f"p{opened.version}"))
    app = await speakers.start(invites.speakers[SLOT], show=False, stage_first=True)
    assert not app.has_private_windows
    await eventually(lambda: app.stage.feed.poll.poll is not None)
    assert app.stage.feed.poll.heading() == "Poll open · Answers: 0"
    app.build_private()  # and the console follows the same poll at once
    assert app.console.polls.chart.poll == app.stage.feed.poll.poll
    assert app.console.polls.stage_button.isChecked()


@speaker_test
async def test_a_poll_opened_by_the_host_does_not_take_the_editor_from_the_speaker(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    await host.command(SetCurrent(id=host.new_id(), slot=SLOT))
    app = await speakers.start(invites.speakers[SLOT])
    panel = app.console.polls
    QTest.keyClick(app.console, Qt.Key.Key_N)
    QTest.keyClicks(panel.editor.question, "Who has used")
    await host.command(OpenPoll(id=host.new_id(), question="Pizza?", options=("Yes", "No")))
    await eventually(lambda: app.polls.model.followed() is not None)
    assert panel.editing and panel.editor.question.text() == "Who has used"
    QTest.keyClicks(panel.editor.question, " Rust?")
    QTest.keyClick(panel.editor.question, Qt.Key.Key_Return)  # sent: the new one's bars
    await eventually(lambda: getattr(app.polls.model.followed(), "question", "") != "Pizza?")
    assert not panel.editing and panel.chart.poll is not None
    assert panel.chart.poll.question == "Who has used Rust?"
    assert panel.back_button.isHidden()
    # N by mistake: Esc in the empty question (or "Back to the poll") returns to the bars.
    QTest.keyClick(app.console, Qt.Key.Key_N)
    assert panel.editing and not panel.back_button.isHidden()
    QTest.keyClick(panel.editor.question, Qt.Key.Key_Escape)
    assert not panel.editing and panel.back_button.isHidden()
    QTest.keyClick(app.console, Qt.Key.Key_N)
    QTest.keyClicks(panel.editor.question, "Next one")
    panel.back_button.click()
    assert not panel.editing and panel.editor.question.text() == "Next one"
