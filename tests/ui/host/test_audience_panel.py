"""The host's audience panel on a real relay: it follows the room and sends the right commands."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kanpe.core.protocol import (
    AnswerPoll,
    AskQuestion,
    React,
    ReportChat,
    ReportQuestion,
    SendChat,
    SetCurrent,
    VoteQuestion,
)
from kanpe.ui.host.audience import AudiencePanel
from tests.ui.host.conftest import FakeClock, Night, host_test, until
from tests.ui.speaker.conftest import Speakers


async def panel_for(night: Night, qtbot: QtBot) -> AudiencePanel:
    console = await night.host()
    panel = AudiencePanel(console.room, console.commands)
    qtbot.addWidget(panel)
    panel.resize(700, 600)
    panel.show()
    return panel


@host_test
async def test_chat_lines_show_as_plain_text_and_hide_removes_them_everywhere(
    night: Night, qtbot: QtBot
) -> None:
    panel = await panel_for(night, qtbot)
    mia = await night.audience("mia-phone")
    speaker = await night.speaker("talk-1")
    await night.send(mia, SendChat, text="<b>Great</b> talk!", name="Mia")
    await night.send(mia, SendChat, text="buy followers at example.com", name="Spam")

    await until(lambda: len(panel.chat.rows()) == 2)
    newest, oldest = panel.chat.rows()
    assert newest.text.text() == "buy followers at example.com"
    assert "Spam" in newest.heading.text()
    # Network text never renders as markup: the tags stay as the person typed them.
    assert oldest.text.text() == "<b>Great</b> talk!"
    assert oldest.text.textFormat() == Qt.TextFormat.PlainText

    qtbot.mouseClick(newest.buttons["hide"], Qt.MouseButton.LeftButton)
    spam = next(m for m in night.state().chat if m.name == "Spam")
    await until(lambda: night.state().chat[-1].hidden)
    # Gone from the host's list, and blanked for the audience and the speaker's stage.
    await until(lambda: [r.text.text() for r in panel.chat.rows()] == ["<b>Great</b> talk!"])
    for reader in (mia, speaker):
        await until(lambda r=reader: r.state is not None and r.state.chat[-1].hidden)  # type: ignore[misc]
        assert reader.state is not None
        seen = next(m for m in reader.state.chat if m.id == spam.id)
        assert seen.text == "" and seen.name == ""


@host_test
async def test_questions_sort_by_votes_and_pin_answer_hide_reach_the_room(
    night: Night, qtbot: QtBot
) -> None:
    panel = await panel_for(night, qtbot)
    host = night.console
    assert host is not None
    await night.send(host.link, SetCurrent, slot="talk-1")
    people = [await night.audience(f"phone-{n}") for n in range(3)]
    for text in ("Does it drift?", "Which clock?", "Why PySide?"):
        await night.send(people[0], AskQuestion, text=text)
    ids = {q.text: q.id for q in night.state().questions.values()}
    for person in people:
        await night.send(person, VoteQuestion, question=ids["Which clock?"])
    await night.send(people[1], VoteQuestion, question=ids["Why PySide?"])

    def texts() -> list[str]:
        return [row.text.text() for row in panel.questions.rows()]

    await until(lambda: texts() == ["Which clock?", "Why PySide?", "Does it drift?"])
    top = panel.questions.rows()[0]
    assert top.heading.text().startswith("▲ 3")
    assert "Timers that never drift" in top.heading.text()  # the talk it was asked in
    assert panel.tabs.tabText(0) == "Questions (3)"

    # Pin to the speaker's stage: the audience sees it pinned, the host's row says so.
    top.buttons["pin"].click()
    await until(lambda: night.state().questions[ids["Which clock?"]].pinned)
    await until(
        lambda: (
            people[2].state is not None and people[2].state.questions[ids["Which clock?"]].pinned
        )
    )
    await until(lambda: panel.questions.rows()[0].buttons["pin"].text() == "Unpin")

    # Answered goes to the bottom; hidden leaves the list and is blanked for everyone else.
    panel.questions.row(ids["Which clock?"]).buttons["answered"].click()  # type: ignore[union-attr]
    await until(lambda: texts() == ["Why PySide?", "Does it drift?", "Which clock?"])
    panel.questions.row(ids["Does it drift?"]).buttons["hide"].click()  # type: ignore[union-attr]
    await until(lambda: texts() == ["Why PySide?", "Which clock?"])
    await until(
        lambda: (
            people[2].state is not None
            and people[2].state.questions[ids["Does it drift?"]].text == ""
        )
    )
    assert panel.tabs.tabText(0) == "Questions (1)"


@host_test
async def test_reports_list_for_moderation_keep_or_hide(night: Night, qtbot: QtBot) -> None:
    panel = await panel_for(night, qtbot)
    host = night.console
    assert host is not None
    mia, ken = await night.audience("mia"), await night.audience("ken")
    await night.send(mia, SendChat, text="rude words", name="Troll")
    await night.send(mia, AskQuestion, text="fine question")
    chat_id = night.state().chat[-1].id
    question_id = next(iter(night.state().questions))
    for person in (mia, ken):
        await night.send(person, ReportChat, message=chat_id)
    await night.send(ken, ReportQuestion, question=question_id)

    await until(lambda: [r.key for r in panel.reports.rows()] == [question_id, chat_id])
    assert "reported 2 times" in panel.reports.row(chat_id).heading.text()  # type: ignore[union-attr]
    assert panel.tabs.tabText(3) == "Reports (2)"

    panel.reports.row(question_id).buttons["keep"].click()  # type: ignore[union-attr]
    await until(lambda: [r.key for r in panel.reports.rows()] == [chat_id])
    assert not night.state().questions[question_id].hidden  # kept: the host judged it fine
    panel.reports.row(chat_id).buttons["hide"].click()  # type: ignore[union-attr]
    await until(lambda: panel.reports.rows() == [])
    assert night.state().chat[-1].hidden
    assert panel.tabs.tabText(3) == "Reports"


@host_test
async def test_polls_open_yes_no_and_choices_show_live_bars_and_close(
    night: Night, qtbot: QtBot
) -> None:
    panel = await panel_for(night, qtbot)
    editor = panel.polls.editor
    assert not editor.open_button.isEnabled()  # no question yet
    qtbot.keyClicks(editor.question, "Hands up if you freelance")
    assert editor.options() == ("Yes", "No")
    editor.open_button.click()
    await until(lambda: len(night.state().polls) == 1)
    yes_no = next(iter(night.state().polls.values()))
    assert yes_no.options == ("Yes", "No") and yes_no.open
    assert editor.question.text() == ""

    # Choices: up to six, empty ones left out, at least two needed.
    editor.choices.setChecked(True)
    qtbot.keyClicks(editor.question, "Which editor?")
    qtbot.keyClicks(editor.choice_edits[0], "Vim")
    assert not editor.open_button.isEnabled()
    qtbot.keyClicks(editor.choice_edits[3], "Emacs")
    qtbot.keyClicks(editor.choice_edits[5], "Zed")
    assert editor.options() == ("Vim", "Emacs", "Zed")
    qtbot.keyClick(editor.question, Qt.Key.Key_Return)
    await until(lambda: len(night.state().polls) == 2)

    people = [await night.audience(f"phone-{n}") for n in range(3)]
    for person, option in zip(people, (0, 0, 1), strict=True):
        await night.send(person, AnswerPoll, poll=yes_no.id, option=option)

    def bars() -> list[tuple[int, str]]:
        result = next((r for r in panel.polls.results() if r.key == yes_no.id), None)
        if result is None:  # not on the host's link yet
            return []
        return [(b.value(), f.text()) for b, f in zip(result.bars, result.figures, strict=True)]

    await until(lambda: bars() == [(2, "2 (67%)"), (1, "1 (33%)")])
    results = panel.polls.results()
    assert [r.poll.question for r in results] == ["Which editor?", "Hands up if you freelance"]
    assert panel.tabs.tabText(2) == "Polls (2)"

    closing = next(r for r in results if r.key == yes_no.id)
    closing.findChild(type(editor.open_button), "closePoll").click()
    await until(lambda: not night.state().polls[yes_no.id].open)
    await until(lambda: panel.tabs.tabText(2) == "Polls (1)")


@host_test
async def test_reactions_per_minute_count_the_last_minute(
    night: Night, qtbot: QtBot, clock: FakeClock
) -> None:
    console = await night.host(clock=clock)
    panel = AudiencePanel(console.room, console.commands)
    qtbot.addWidget(panel)
    mia = await night.audience("mia")
    await night.send(mia, React, emoji="👏")
    await night.send(mia, React, emoji="👏")
    await night.send(mia, React, emoji="🎉")
    rate = panel.reactions
    await until(lambda: rate.total.text() == "3 in the last minute")
    assert rate.counts["👏"].text() == "👏 2" and rate.counts["😂"].text() == "😂 0"

    clock.advance(30)
    await night.send(mia, React, emoji="😂")
    await until(lambda: rate.counts["😂"].text() == "😂 1")
    clock.advance(31)  # the first three are more than a minute old now
    rate.refresh()
    assert rate.total.text() == "1 in the last minute"
    assert rate.counts["👏"].text() == "👏 0"


@host_test
async def test_pin_and_hide_reach_the_speakers_stage(
    night: Night, qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    """The speaker's own app: a question pinned in the panel shows on the stage they share,
    a message hidden in the panel leaves it."""
    panel = await panel_for(night, qtbot)
    speakers = Speakers(night.clients, clock, tmp_path / "speaker.toml")
    app = await speakers.start(night.invites.speakers["talk-1"])
    mia = await night.audience("mia")
    await night.send(mia, SendChat, text="hello from the room", name="Mia")
    await night.send(mia, SendChat, text="buy followers", name="Spam")
    await night.send(mia, AskQuestion, text="Does it drift?", name="Mia")
    await until(lambda: app.chat.rowCount() == 2)
    await until(lambda: len(panel.questions.rows()) == 1)

    panel.questions.rows()[0].buttons["pin"].click()
    await until(lambda: app.stage.feed.pinned_text() == "Does it drift?")
    spam = next(row for row in panel.chat.rows() if row.text.text() == "buy followers")
    spam.buttons["hide"].click()
    await until(lambda: [m.text for m in app.chat.messages()] == ["hello from the room"])


@host_test
async def test_a_poll_shown_from_the_panel_reaches_its_talks_stage(
    night: Night, qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    """A show of hands the host runs for the talk on stage: opened from a preset, its result
    put up on that speaker's stage and taken down again from the panel."""
    panel = await panel_for(night, qtbot)
    assert night.console is not None
    await night.send(night.console.link, SetCurrent, slot="talk-1")
    speakers = Speakers(night.clients, clock, tmp_path / "speaker.toml")
    app = await speakers.start(night.invites.speakers["talk-1"])
    editor = panel.polls.editor
    editor.use_preset(editor.words.presets()[1])  # "Is this your first time at this meetup?"
    editor.open_button.click()
    await until(lambda: len(night.state().polls) == 1)
    poll = next(iter(night.state().polls.values()))
    assert poll.slot == "talk-1" and poll.options == ("Yes", "No")
    await until(lambda: len(panel.polls.results()) == 1)  # the console's mirror has it too
    result = panel.polls.results()[0]
    assert not result.stage.isHidden() and not result.stage.isChecked()
    result.stage.click()
    await until(lambda: app.stage.feed.poll.poll is not None)
    assert app.stage.feed.poll.poll.question == "Is this your first time at this meetup?"

    def on_stage() -> bool:
        return panel.polls.results()[0].stage.isChecked()

    await until(on_stage)  # the button follows the relay
    panel.polls.results()[0].stage.click()
    await until(app.stage.feed.poll.isHidden)
    await until(lambda: not on_stage())
