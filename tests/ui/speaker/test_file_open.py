"""A deck dropped on the Dock icon, or a ``kanpe:`` link opened, while the speaker app runs: the
speaker is asked before the talk changes; a deck or link that cannot be used is said and nothing
changes. Synthetic QFileOpenEvents go to the application, as macOS sends them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from kanpe.core.links import make_app_link
from kanpe.net.link import wait_for_state
from kanpe.net.relay import RoomInvites
from kanpe.storage.settings import SettingsStore
from kanpe.ui.fileopen import file_opens
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.ui.speaker.deckgen import generate_deck
from kanpe.ui.speaker.fileopen import Question, SpeakerOpens
from tests.support import bad_decks
from tests.support.waiting import eventually
from tests.ui.speaker.conftest import Clients, Speakers, speaker_test

SLOT = "talk-1"


class Speaker:
    """What the speaker was asked and told, and how they answer."""

    def __init__(self, app: SpeakerApp, *, joined: str | None, answer: bool = True) -> None:
        self.app = app
        self.answer = answer
        self.asked: list[Question] = []
        self.told: list[tuple[str, str]] = []
        self.switched: list[str] = []
        self.parents: list[QWidget | None] = []
        self.opens = SpeakerOpens(
            app, joined=joined, switch_talk=self.switched.append, ask=self._ask, tell=self._tell
        )

    def _ask(self, parent: QWidget, question: Question) -> bool:
        self.parents.append(parent)
        self.asked.append(question)
        return self.answer

    def _tell(self, parent: QWidget | None, title: str, text: str) -> None:
        self.parents.append(parent)
        self.told.append((title, text))


def system_opens(target: Path | str) -> None:
    """What macOS does: a QFileOpenEvent sent to the application."""
    event = (
        QFileOpenEvent(str(target)) if isinstance(target, Path) else QFileOpenEvent(QUrl(target))
    )
    QApplication.sendEvent(QApplication.instance(), event)


@speaker_test
async def test_a_deck_dropped_mid_talk_is_opened_only_when_the_speaker_says_so(
    invites: RoomInvites, clients: Clients, speakers: Speakers, deck_path: Path, tmp_path: Path
) -> None:
    host = await clients.join(invites.host)
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    speaker = Speaker(app, joined=invites.speakers[SLOT], answer=False)
    other = generate_deck(tmp_path / "other.pdf", 3, title="Other deck")
    with file_opens().handled_by(speaker.opens):
        system_opens(other)
        [question] = speaker.asked
        assert "other.pdf" in question.title and "deck.pdf" in question.text
        assert question.yes == "Switch deck"
        assert app.deck.path == deck_path  # said no: the talk goes on with its deck
        speaker.answer = True
        system_opens(other)
    assert app.deck.path == other and app.deck.page == 1
    assert speaker.parents == [app.console, app.console]  # the private window, never the stage
    await wait_for_state(host, lambda s: (s.slots[SLOT].page, s.slots[SLOT].pages) == (1, 3))
    recent = SettingsStore.for_speaker(speakers.settings_path).load().recent_decks
    assert recent[0] == str(other.resolve())


@speaker_test
async def test_a_deck_with_none_open_is_opened_at_once_and_the_same_deck_asks_nothing(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT])
    speaker = Speaker(app, joined=None)
    with file_opens().handled_by(speaker.opens):
        system_opens(deck_path)
        assert app.deck.path == deck_path
        system_opens(deck_path)  # dropped again: it is already on stage
    assert speaker.asked == [] and speaker.told == []


@speaker_test
async def test_a_missing_or_broken_deck_is_said_and_nothing_changes(
    invites: RoomInvites, speakers: Speakers, deck_path: Path, tmp_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    app.deck.go(3)
    speaker = Speaker(app, joined=invites.speakers[SLOT])
    broken = bad_decks.write_truncated_pdf(tmp_path / "broken.pdf")
    not_pdf = bad_decks.write_not_pdf(tmp_path / "notes.pdf")
    with file_opens().handled_by(speaker.opens):
        for path in (tmp_path / "gone.pdf", broken, not_pdf):
            system_opens(path)
    assert speaker.asked == []  # nothing to decide: it cannot be shown
    assert [title for title, _ in speaker.told] == ["Kanpe cannot open this deck"] * 3
    assert all(text for _, text in speaker.told)
    assert "gone.pdf" in speaker.told[0][1]
    assert (app.deck.path, app.deck.page) == (deck_path, 3)
    assert app.deck.error == "" and app.console.deck_message == ""


@speaker_test
async def test_a_kanpe_link_to_another_talk_is_joined_only_when_the_speaker_says_so(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    app = await speakers.start(invites.speakers[SLOT], deck=deck_path)
    speaker = Speaker(app, joined=None, answer=False)  # practising alone
    link = invites.speakers[SLOT]
    with file_opens().handled_by(speaker.opens):
        system_opens(make_app_link(link))
        assert speaker.switched == []
        speaker.answer = True
        system_opens(make_app_link(link))
    assert speaker.switched == [link]
    first, second = speaker.asked
    assert first == second and first.title == "Join this talk?"
    assert "practice room" in first.text and first.yes == "Join the talk"


@speaker_test
async def test_the_link_of_the_talk_already_joined_asks_nothing(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    link = invites.speakers[SLOT]
    app = await speakers.start(link, deck=deck_path)
    speaker = Speaker(app, joined=f"  {link} ")  # as typed after kanpe speak --join
    with file_opens().handled_by(speaker.opens):
        system_opens(make_app_link(link))
    assert speaker.asked == [] and speaker.switched == [] and speaker.told == []


@speaker_test
async def test_a_broken_or_foreign_link_is_said_and_nothing_changes(
    invites: RoomInvites, speakers: Speakers, deck_path: Path
) -> None:
    link = invites.speakers[SLOT]
    app = await speakers.start(link, deck=deck_path)
    speaker = Speaker(app, joined=link)
    audience = invites.audience
    with file_opens().handled_by(speaker.opens):
        system_opens("kanpe:https://relay.example.org/speak/room-1")  # no token
        system_opens(f"kanpe:{audience}")
    assert speaker.asked == [] and speaker.switched == []
    titles = {title for title, _ in speaker.told}
    assert titles == {"Kanpe cannot open this link"} and len(speaker.told) == 2
    assert "audience link" in speaker.told[1][1]
    assert app.deck.path == deck_path and not app.is_finished
    await eventually(lambda: app.model.is_attached)
