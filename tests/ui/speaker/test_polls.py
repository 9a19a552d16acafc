"""A show of hands: the presenter console's poll panel and the stage's bar chart, against a real
relay with real audience links."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kanpe.core.model import Poll
from kanpe.core.protocol import AnswerPoll, ClosePoll, OpenPoll
from kanpe.net.relay import RoomInvites
from kanpe.ui.pollpresets import PollPreset, PollPresets
from kanpe.ui.speaker.pollchart import PollChart
from kanpe.ui.speaker.pollpanel import PollPanel
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, Speakers, speaker_test

SLOT = "talk-1"


def a_poll(counts: tuple[int, ...] = (3, 12, 7), *, open: bool = True) -> Poll:
    options = ("Never", "Less than a year", "More")[: len(counts)]
    return Poll(
        id="p1", question="How long?", options=options, counts=counts, open=open, at=0.0
    )


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


def test_a_preset_fills_the_editor_and_selects_the_blank(qtbot: QtBot) -> None:
    panel = PollPanel()
    qtbot.addWidget(panel)
    panel.show()
    editor = panel.editor
    assert not editor.open_button.isEnabled()
    editor.use_preset(PollPreset("Who has used X?"))
    assert editor.yes_no.isChecked() and editor.question.selectedText() == "X"
    QTest.keyClicks(editor.question, "Rust")  # typing replaces the blank
    assert editor.question.text() == "Who has used Rust?"
    with qtbot.waitSignal(panel.openRequested) as opened:
        QTest.keyClick(editor.question, Qt.Key.Key_Return)
    assert opened.args == ["Who has used Rust?", ("Yes", "No")]
    assert editor.question.text() == ""


def test_choices_from_a_preset_or_typed_two_to_six(qtbot: QtBot) -> None:
    panel = PollPanel()
    qtbot.addWidget(panel)
    editor = panel.editor
    pace = PollPresets().presets()[-1]
    editor.use_preset(pace)
    assert editor.choices.isChecked()
    assert editor.options() == ("Too fast", "Just right", "Too slow")
    editor.choice_edits[1].clear()
    editor.choice_edits[2].clear()
    assert not editor.open_button.isEnabled()  # one choice is not a poll
    for edit, text in zip(editor.choice_edits, "ABCDEF", strict=True):
        edit.setText(text)
    with qtbot.waitSignal(panel.openRequested) as opened:
        editor.open_button.click()
    assert opened.args[1] == tuple("ABCDEF")


def test_every_preset_is_a_poll_the_relay_takes() -> None:
    for preset in PollPresets().presets():
        options = preset.options or PollPresets().yes_no()
        OpenPoll(id="x", question=preset.question, options=options)  # typed at the edge
        assert 2 <= len(options) <= 6
        assert preset.question.count("X") <= 1


@speaker_test
async def test_host_polls_fill_the_charts_from_the_rooms_state(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    host = await clients.join(invites.host)
    audience = [await clients.join(invites.audience) for _ in range(3)]
    app = await speakers.start(invites.speakers[SLOT])
    opened = await host.command(
        OpenPoll(id=host.new_id(), question="Who has used Rust?", options=("Yes", "No"))
    )
    poll_id = f"p{opened.version}"  # docs/protocol.md: the relay names a poll "p" + version
    for person, option in zip(audience, (0, 0, 1), strict=True):
        await person.command(AnswerPoll(id=person.new_id(), poll=poll_id, option=option))
    room = app.model.room
    await eventually(lambda: room.state is not None and sum(room.state.polls[poll_id].counts) == 3)
    poll = room.state.polls[poll_id] if room.state else None
    panel, chart = app.console.polls, app.stage.feed.poll
    panel.show_poll(poll)
    chart.show_poll(poll)
    assert [r.figures for r in chart.rows()] == ["2 · 67%", "1 · 33%"]
    assert [r.figures for r in panel.chart.rows()] == ["2 · 67%", "1 · 33%"]
    assert not panel.editing and panel.close_button.isEnabled()
    await host.command(ClosePoll(id=host.new_id(), poll=poll_id))
    await eventually(lambda: room.state is not None and not room.state.polls[poll_id].open)
    panel.show_poll(room.state.polls[poll_id] if room.state else None)
    assert not panel.close_button.isEnabled()
