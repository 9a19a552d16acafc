"""The console's export: Ctrl+E's save dialog writes the record of the event as Markdown."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kanpe.core.notices import AppNotice
from kanpe.core.protocol import (
    AnswerPoll,
    AskQuestion,
    PauseTimer,
    SetCurrent,
    StartTimer,
    VoteQuestion,
)
from kanpe.ui.host.panels import HostPanels
from kanpe.ui.host.rows import clock_text
from tests.ui.host.conftest import FakeClock, Hosts, Night, host_test, until


@host_test
async def test_export_holds_what_happened(
    night: Night, hosts: Hosts, qtbot: QtBot, clock: FakeClock, tmp_path: Path
) -> None:
    console = await hosts.start(night.invites.host)
    panels = HostPanels(console, night.invites.as_result())
    host = console.room.link
    await night.send(host, SetCurrent, slot="talk-1")
    await night.send(host, StartTimer, slot="talk-1")
    clock.advance(26 * 60)  # a minute over its 25
    await night.send(host, PauseTimer, slot="talk-1")
    people = [await night.audience(f"phone-{n}") for n in range(3)]
    await night.send(people[0], AskQuestion, text="Does it drift after an hour?", name="Mia")
    await night.send(people[1], AskQuestion, text="Which clock? *really*", name="Ken")
    asked = {q.text: q.id for q in night.state().questions.values()}
    for person in people:
        await night.send(person, VoteQuestion, question=asked["Which clock? *really*"])
    panels.audience.polls.editor.question.setText("Freelance?")
    panels.audience.polls.editor.open_button.click()
    await until(lambda: len(night.state().polls) == 1)
    poll = next(iter(night.state().polls))
    for person, option in zip(people, (0, 1, 1), strict=True):
        await night.send(person, AnswerPoll, poll=poll, option=option)
    await until(
        lambda: console.room.state is not None and sum(console.room.state.polls[poll].counts) == 3
    )

    console.window.actions_by_id["event.export"].trigger()
    dialog = panels.exporter.dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "meetup.md"
    with qtbot.waitSignal(panels.exporter.exported) as written:
        dialog.selectFile(str(target))
        dialog.accept()
    assert written.args == [target]
    await until(lambda: panels.exporter.dialog is None)  # closed and deleted
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Kanpe Meetup \\#12")
    assert "Timers that never drift" in text and "26:00" in text  # planned 25:00, ran 26:00
    # Questions with their votes (the most voted first) and times; network text escaped.
    asked_at = clock_text(night.state().questions[asked["Which clock? *really*"]].at)
    rows = [line for line in text.split("## Questions")[1].splitlines() if "| no |" in line]
    assert rows == [
        f"| 3 | {asked_at} | Timers that never drift | Which clock? \\*really\\* | Ken | no |",
        f"| 0 | {asked_at} | Timers that never drift | Does it drift after an hour? | Mia | no |",
    ]
    assert (
        "### Freelance? (open, 3 answers)\n\nDuring: Timers that never drift\n\n- Yes: 1 (33 %)"
        in text
    )
    assert next(n.code for n in console.notices.shown) == AppNotice.EXPORTED

    # A file that cannot be written: nothing is written, and the host is told why.
    assert not panels.exporter.export_to(tmp_path / "missing" / "folder" / "x.md")
    assert next(n.code for n in console.notices.shown) == AppNotice.EXPORT_FAILED
    assert not (tmp_path / "missing").exists()
