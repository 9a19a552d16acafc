"""The question queue in the speaker's console, against a real relay with real audience links:
this talk's questions by votes, new ones marked, the count on the edge while folded; pin (to the
stage), answered and hide by key and by mouse; the queue stays after the talk; the export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kanpe.core.protocol import AskQuestion, ModerateQuestion, SetCurrent, VoteQuestion
from kanpe.net.link import LinkClient, wait_for_state
from kanpe.net.relay import RoomInvites
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.questions import SpeakerQuestions
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, Speakers, speaker_test

SLOT = "talk-1"


async def ask(person: LinkClient, text: str, name: str = "") -> str:
    ack = await person.command(AskQuestion(id=person.new_id(), text=text, name=name))
    return f"q{ack.version}"


async def vote(people: list[LinkClient], question: str) -> None:
    for person in people:
        await person.command(VoteQuestion(id=person.new_id(), question=question))


def queue_of(app: SpeakerApp) -> SpeakerQuestions:
    questions = app.presenter.questions
    assert questions is not None
    return questions


async def a_talk_with_questions(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> tuple[SpeakerApp, LinkClient, list[LinkClient], list[str]]:
    """On stage, three questions: the second with two votes, the third with one."""
    host = await clients.join(invites.host)
    people = [await clients.join(invites.audience, client_id=f"phone-{n}") for n in range(3)]
    before = await ask(people[0], "Asked before the talk: not this talk's")
    await host.command(SetCurrent(id=host.new_id(), slot=SLOT))
    app = await speakers.start(invites.speakers[SLOT])
    asked = [
        await ask(people[0], "Does it drift after an hour?", "Mia"),
        await ask(people[1], "スライドはどこで公開されますか？"),
        await ask(people[2], "Is the relay <b>open</b> source?", "Raj"),
    ]
    await vote(people[:2], asked[1])
    await vote(people[:1], asked[2])
    await eventually(lambda: [q.votes for q in queue_of(app).queue] == [2, 1, 0])
    assert before not in app.console.questions.row_ids()
    return app, host, people, asked


@speaker_test
async def test_the_queue_lists_this_talks_questions_by_votes_with_new_ones_marked(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    app, _host, people, asked = await a_talk_with_questions(invites, clients, speakers)
    view = app.console.questions
    await eventually(lambda: view.row_ids() == [asked[1], asked[2], asked[0]])
    rows = [view.rows[qid] for qid in view.row_ids()]
    assert rows[0].votes.text() == "▲ 2"
    assert rows[1].text.text() == "Is the relay <b>open</b> source?"  # plain text, never markup
    assert rows[1].text.textFormat() == Qt.TextFormat.PlainText
    assert all(row.property("state") == "new" for row in rows)
    assert "New" in rows[2].meta.text() and "Mia" in rows[2].meta.text()
    assert view.count.text() == "3 · 3 new"
    assert view.isVisible() and not app.console.queue_edge.isVisible()
    # A vote moves a question up.
    await vote(people, asked[0])
    await eventually(lambda: view.row_ids() == [asked[0], asked[1], asked[2]])


@speaker_test
async def test_folded_the_count_stays_on_the_edge_and_what_was_listed_is_seen(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    app, _host, people, asked = await a_talk_with_questions(invites, clients, speakers)
    questions, edge = queue_of(app), app.console.queue_edge
    QTest.keyClick(app.console, Qt.Key.Key_Q)  # fold
    assert not app.console.questions.isVisible() and edge.isVisible()
    assert (edge.new, edge.total) == (0, 3)  # folded after being listed: seen
    assert not app.console.menu_actions["questions.toggle"].isChecked()
    await ask(people[2], "What about daylight saving time?")
    await eventually(lambda: (edge.new, edge.total) == (1, 4))
    assert questions.new_count == 1
    # The overlay, over whatever app the speaker shares, says it too.
    assert app.overlay.questions_badge.text() == "❓ 1 new"
    assert not app.overlay.questions_badge.isHidden()
    edge.clicked.emit()  # the mouse opens it again
    assert app.console.questions.isVisible() and not edge.isVisible()
    new_rows = [qid for qid in app.console.questions.row_ids() if questions.seen.is_new(
        next(q for q in questions.queue if q.id == qid))]  # fmt: skip
    assert len(new_rows) == 1 and new_rows[0] not in asked


@speaker_test
async def test_keys_pin_to_the_stage_mark_answered_and_hide(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    app, host, _people, asked = await a_talk_with_questions(invites, clients, speakers)
    questions, console = queue_of(app), app.console
    assert questions.current == asked[1]  # the top question, ready to pin
    QTest.keyClick(console, Qt.Key.Key_J)
    assert questions.current == asked[2]
    QTest.keyClick(console, Qt.Key.Key_K)
    assert questions.current == asked[1]
    assert [questions.seen.is_new(q) for q in questions.queue] == [False, False, True]
    QTest.keyClick(console, Qt.Key.Key_P)
    await eventually(lambda: app.stage.feed.pinned_text() == "スライドはどこで公開されますか？")
    await eventually(lambda: console.questions.rows[asked[1]].property("state") == "pinned")
    assert console.questions.buttons["pin"].text().startswith("Unpin")
    # Larger than any chat line: the audience and the recording read it.
    assert app.stage.feed.pinned.text.font().pixelSize() > app.stage.feed.chat.font().pixelSize()
    # Answered: off the stage, to the bottom of the queue, and the selection moves on.
    QTest.keyClick(console, Qt.Key.Key_A)
    await eventually(lambda: console.questions.row_ids()[-1] == asked[1])
    await eventually(lambda: not app.stage.feed.pinned.isVisible())
    state = await wait_for_state(host, lambda s: s.questions[asked[1]].answered)
    assert not state.questions[asked[1]].pinned
    assert questions.current == asked[2]
    assert console.questions.rows[asked[1]].property("state") == "answered"
    QTest.keyClick(console, Qt.Key.Key_K)  # up: stays on the top one
    assert questions.current == asked[2]
    QTest.keyClick(console, Qt.Key.Key_H)
    await eventually(lambda: asked[2] not in console.questions.row_ids())
    state = await wait_for_state(host, lambda s: s.questions[asked[2]].hidden)
    assert questions.current == asked[0]


@speaker_test
async def test_the_mouse_does_what_the_keys_do(
    invites: RoomInvites, clients: Clients, speakers: Speakers
) -> None:
    app, host, _people, asked = await a_talk_with_questions(invites, clients, speakers)
    view = app.console.questions
    QTest.mouseClick(view.rows[asked[0]], Qt.MouseButton.LeftButton)
    assert queue_of(app).current == asked[0]
    assert view.rows[asked[0]].property("selected") is True
    QTest.mouseClick(view.buttons["pin"], Qt.MouseButton.LeftButton)
    await wait_for_state(host, lambda s: s.questions[asked[0]].pinned)
    await eventually(lambda: app.stage.feed.pinned_text() == "Does it drift after an hour?")
    await eventually(lambda: view.rows[asked[0]].property("state") == "pinned")
    app.console.menu_actions["question.answer"].trigger()
    await wait_for_state(host, lambda s: s.questions[asked[0]].answered)


@speaker_test
async def test_after_the_talk_the_queue_stays_and_exports_as_markdown(
    invites: RoomInvites, clients: Clients, speakers: Speakers, tmp_path: Path
) -> None:
    app, host, _people, asked = await a_talk_with_questions(invites, clients, speakers)
    await host.command(ModerateQuestion(id=host.new_id(), question=asked[0], answered=True))
    await host.command(SetCurrent(id=host.new_id(), slot=None))  # the talk is over
    await eventually(lambda: queue_of(app).queue[-1].answered)
    assert app.console.questions.row_ids() == [asked[1], asked[2], asked[0]]
    target = tmp_path / "questions.md"
    assert queue_of(app).export_to(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Timers that never drift\n")
    assert "| 2 |" in text and "スライドはどこで公開されますか？" in text
    assert "Is the relay \\<b\\>open\\</b\\> source?" in text  # escaped, not markup
    assert "| Mia | yes |" in text
    assert "Asked before the talk" not in text
    # Ctrl+E asks where to save.
    QTest.keyClick(app.console, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = queue_of(app).exporter.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    await eventually(lambda: queue_of(app).exporter.dialog is None)


@speaker_test
async def test_kanpe_speak_keeps_the_talks_questions_in_a_file(
    invites: RoomInvites, clients: Clients, speakers: Speakers, tmp_path: Path
) -> None:
    """``kanpe speak --questions FILE``: the file follows the questions, and is written once
    more as the app quits (a solo room's relay forgets them then)."""
    host = await clients.join(invites.host)
    person = await clients.join(invites.audience)
    await host.command(SetCurrent(id=host.new_id(), slot=SLOT))
    kept = tmp_path / "talk.md"
    app = await speakers.start(invites.speakers[SLOT], questions_file=kept)
    await ask(person, "Does it drift after an hour?", "Mia")
    await eventually(lambda: kept.exists() and "drift" in kept.read_text(encoding="utf-8"))
    last = await ask(person, "Asked in the last second")
    await eventually(lambda: any(q.id == last for q in queue_of(app).queue))
    app.quit()
    text = kept.read_text(encoding="utf-8")
    assert "Asked in the last second" in text and "| Mia | no |" in text


@speaker_test
async def test_a_folded_queue_is_remembered(
    invites: RoomInvites, speakers: Speakers, settings_path: Path
) -> None:
    from kanpe.storage.settings import SettingsStore

    app = await speakers.start(invites.speakers[SLOT])
    assert queue_of(app).is_open  # open at first
    QTest.keyClick(app.console, Qt.Key.Key_Q)
    app.save_settings()
    assert not SettingsStore.for_speaker(settings_path).load().questions_open
    app.quit()
    again = await speakers.start(invites.speakers[SLOT])
    assert not queue_of(again).is_open
    assert again.console.queue_edge.isVisible() and not again.console.questions.isVisible()
    assert not again.console.menu_actions["questions.toggle"].isChecked()
