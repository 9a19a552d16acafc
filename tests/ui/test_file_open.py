"""The system's file-open events for Kanpe's whole life (kanpe.ui.fileopen): kept while nobody
handles them, handed to the app of the moment; with the speaker app open, joining another talk
keeps the deck; with the host console open, a deck opens the speaker app beside it. Synthetic
QFileOpenEvents go to the application, as macOS sends them; dialogs are the real ones, answered
by clicking their buttons."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from kanpe.ui.fileopen import FileOpens, OpenDeck, OpenLink, OpenRequest, file_opens
from kanpe.ui.speaker.fileopen import Question, ask_in_dialog
from tests.support import bad_decks

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support")

TOKEN = "AbCdEfGhIjKlMnOpQrStUv"
UNREACHABLE = f"http://127.0.0.1:9/speak/room-1#{TOKEN}"


def system_opens(target: Path | str) -> None:
    """What macOS does: a QFileOpenEvent sent to the application."""
    event = (
        QFileOpenEvent(str(target)) if isinstance(target, Path) else QFileOpenEvent(QUrl(target))
    )
    QApplication.sendEvent(QApplication.instance(), event)


class Dialogs:
    """Answers each modal message box that opens by clicking the button named ``answers[n]``,
    and keeps what it said."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.seen: list[tuple[str, str, str]] = []  # text, informative text, default button
        self._timer = QTimer()
        self._timer.timeout.connect(self._look)
        self._timer.start(10)

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not self.answers:
            return
        default = box.defaultButton()
        self.seen.append((box.text(), box.informativeText(), default.text() if default else ""))
        wanted = self.answers.pop(0)
        [button] = [b for b in box.buttons() if b.text().replace("&", "") == wanted]
        button.click()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def dialogs() -> Iterator[list[Dialogs]]:
    made: list[Dialogs] = []
    yield made
    for answering in made:
        answering.stop()


def test_the_application_turns_file_open_events_into_requests(qapp: QApplication) -> None:
    assert file_opens() is getattr(qapp, "file_opens", None)  # kanpe.ui.fileopen's application
    taken: list[OpenRequest] = []
    with file_opens().handled_by(taken.append):
        system_opens(Path("/decks/talk.pdf"))
        system_opens(f"kanpe:{UNREACHABLE}")
    assert taken == [OpenDeck(Path("/decks/talk.pdf")), OpenLink(f"kanpe:{UNREACHABLE}")]


def test_requests_with_nobody_to_take_them_wait_for_the_next_handler(qtbot: QtBot) -> None:
    opens = FileOpens()
    first: list[OpenRequest] = []
    with opens.handled_by(first.append):
        inner: list[OpenRequest] = []
        with opens.handled_by(inner.append):
            opens.request(OpenDeck(Path("a.pdf")))  # the latest handler takes it
        opens.request(OpenDeck(Path("b.pdf")))  # back to the outer one
    assert inner == [OpenDeck(Path("a.pdf"))] and first == [OpenDeck(Path("b.pdf"))]
    opens.request(OpenLink("kanpe:x"))  # between the start window and the app: kept
    assert opens.waiting == (OpenLink("kanpe:x"),)
    later: list[OpenRequest] = []
    with opens.handled_by(later.append):
        assert later == []  # handed over once the loop turns: the app's windows are up by then
        qtbot.waitUntil(lambda: later == [OpenLink("kanpe:x")])
    assert opens.waiting == ()


@pytest.mark.parametrize(("click", "answer"), [("Cancel", False), ("Switch deck", True)])
def test_the_question_is_a_dialog_whose_default_changes_nothing(
    qtbot: QtBot, dialogs: list[Dialogs], click: str, answer: bool
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answering = Dialogs(click)
    dialogs.append(answering)
    question = Question("Switch to b.pdf?", "b.pdf takes the place of a.pdf.", "Switch deck")
    assert ask_in_dialog(parent, question) is answer
    assert answering.seen == [("Switch to b.pdf?", "b.pdf takes the place of a.pdf.", "Cancel")]


@pytest.fixture
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_joining_another_talk_from_the_desktop_keeps_the_deck(
    qapp: QApplication, own_config: Path, dialogs: list[Dialogs], monkeypatch: pytest.MonkeyPatch
) -> None:
    """kanpe speak in a practice room; a kanpe: link comes; the speaker says Join: the practice
    room closes and the app joins that talk with the same deck."""
    from kanpe import app as app_module

    deck = app_module.sample_deck()
    runs: list[tuple[str | None, Path | None, bool]] = []
    real_connect = app_module.connect

    def link_comes() -> None:
        dialogs.append(Dialogs("Join the talk"))
        system_opens(f"kanpe:{UNREACHABLE}")

    async def watched(speaker: object, model: object, **kwargs: object) -> int:
        runs.append((kwargs["join"], speaker.deck.path, speaker.solo))  # type: ignore[attr-defined]
        if len(runs) == 1:  # the practice room, online: the system opens a kanpe: link
            model.statusChanged.connect(  # type: ignore[attr-defined]
                lambda *_: QTimer.singleShot(0, link_comes), Qt.ConnectionType.SingleShotConnection
            )
        else:  # the joined talk (its relay unreachable here): the speaker quits
            QTimer.singleShot(0, QApplication.quit)
        return await real_connect(speaker, model, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app_module, "connect", watched)
    assert app_module.run_speaker(str(deck), join=None, minutes=1) == 0
    assert runs == [(None, deck, True), (UNREACHABLE, deck, False)]
    [(question, text, default)] = dialogs[0].seen
    assert question == "Join this talk?" and "practice room" in text and default == "Cancel"


@pytest.mark.usefixtures("signal_handlers")
def test_a_deck_opened_while_hosting_opens_the_speaker_app_beside_the_console(
    qapp: QApplication, own_config: Path, dialogs: list[Dialogs], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the console is up a broken deck and then a good one are dropped on the icon: they
    wait; then the broken one is said in a dialog and the good one opens the speaker app beside
    the console, in a practice room; the host quitting closes it too."""
    from kanpe import app as app_module
    from kanpe import hosting

    deck = app_module.sample_deck()
    broken = bad_decks.write_truncated_pdf(own_config / "broken.pdf")
    started: list[object] = []
    real_start = hosting.SpeakerBeside._start

    def start(beside: hosting.SpeakerBeside, path: Path | None, *, join: str | None) -> None:
        real_start(beside, path, join=join)
        speaker = beside.speaker
        assert speaker is not None
        started.append((speaker, speaker.deck.path))
        speaker.model.statusChanged.connect(  # online in its practice room: the host quits
            lambda *_: QTimer.singleShot(0, QApplication.quit),
            Qt.ConnectionType.SingleShotConnection,
        )

    monkeypatch.setattr(hosting.SpeakerBeside, "_start", start)
    dialogs.append(Dialogs("OK"))
    system_opens(broken)
    system_opens(deck)
    event = str(own_config / "event")
    status = hosting.run_host(
        None, link=None, relay=None, data=event, public_url=None, port=0, problem=pytest.fail
    )
    assert status == 0
    [(title, text, _)] = dialogs[0].seen
    assert title == "Kanpe cannot open this deck" and "broken.pdf" in text
    [(speaker, opened)] = started
    assert opened == deck
    assert speaker.solo and speaker.is_finished  # type: ignore[attr-defined]
    assert file_opens().waiting == ()
