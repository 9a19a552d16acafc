"""A deck or a ``kanpe:`` link opened from the desktop while the speaker app runs.

A speaker mid-talk (or mid-rehearsal) who drops a deck on the Dock icon, or clicks "Open in
Kanpe" on a speaker page, is asked first: the running talk is never replaced silently. A deck
that cannot be shown, or a link that cannot be used, is said in a dialog and nothing changes:
the deck on stage, the room and the timer stay as they were. Every dialog belongs to the
presenter console, the speaker's private window, never to the stage the audience sees.

- A deck, with no deck open: opened. With one open: "Switch to this deck?"; yes opens it from
  its first slide in the same room, with the same timer.
- A ``kanpe:`` link to the talk the app is in: the console comes to the front. Another talk:
  "Join this talk?"; yes hands the link to ``switch_talk`` (the composition root leaves the
  room and joins the new one with the deck that is open).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from kanpe.ui.fileopen import OpenDeck, OpenLink, OpenRequest
from kanpe.ui.speaker.slides import DeckError, open_deck

if TYPE_CHECKING:
    # The links (and with them msgspec) load when a link comes: kanpe speak builds this
    # before its first slide, which waits for nothing it does not need (BENCHMARKS.md).
    from kanpe.core.links import LinkError
    from kanpe.ui.speaker.app import SpeakerApp


@dataclass(frozen=True, slots=True)
class Question:
    """A yes-or-no question for the speaker: ``yes`` names what answering yes does."""

    title: str
    text: str
    yes: str


type Ask = Callable[[QWidget, Question], bool]
type Tell = Callable[[QWidget | None, str, str], None]  # parent, title, text


def ask_in_dialog(parent: QWidget, question: Question) -> bool:
    """The question in a modal dialog; No (Esc) is the default, as nothing then changes."""
    box = QMessageBox(QMessageBox.Icon.Question, "Kanpe", question.title, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names are shown as they are
    box.setInformativeText(question.text)
    yes = box.addButton(question.yes, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def tell_in_dialog(parent: QWidget | None, title: str, text: str) -> None:
    from kanpe.ui.linkwindow import report_problem

    report_problem(title, text, parent)


class SpeakerOpens(QObject):
    """Handles OpenRequests for one speaker app (see the module's docstring)."""

    def __init__(
        self,
        speaker: SpeakerApp,
        *,
        joined: str | None,
        switch_talk: Callable[[str], None],
        ask: Ask = ask_in_dialog,
        tell: Tell = tell_in_dialog,
    ) -> None:
        """``joined``: the speaker link of the talk the app is in (None: a practice room)."""
        super().__init__(speaker)
        self.speaker = speaker
        self.joined = joined
        self._switch_talk = switch_talk
        self._ask = ask
        self._tell = tell

    def __call__(self, request: OpenRequest) -> None:
        if self.speaker.is_finished:
            return
        self.speaker.build_private()  # the console the dialogs belong to
        match request:
            case OpenDeck(path=path):
                self.open_deck(path)
            case OpenLink(text=text):
                self.open_link(text)

    def open_deck(self, path: Path) -> None:
        refusal = deck_refusal(path)  # checked before anything is asked or changes
        if refusal is not None:
            self._tell(self.speaker.console, *refusal)
            return
        current = self.speaker.deck.path
        if current is not None and current.resolve() == path.resolve():
            self._to_front()
            return
        if current is not None and not self._ask(
            self.speaker.console,
            Question(
                self.tr("Switch to “{deck}”?").format(deck=path.name),
                self.tr(
                    "“{deck}” takes the place of “{current}” on your stage, from its first slide. "
                    "The talk's timer and room stay as they are."
                ).format(deck=path.name, current=current.name),
                self.tr("Switch deck"),
            ),
        ):
            return
        if self.speaker.open_deck(path):
            remember_deck(self.speaker, path)
        self._to_front()

    def open_link(self, text: str) -> None:
        from kanpe.core.links import LinkError, parse_app_link

        try:
            invite = parse_app_link(text)
        except LinkError as exc:
            self._tell(self.speaker.console, *link_refusal(exc))
            return
        if invite.link == _as_given(self.joined):
            self._to_front()
            return
        if self.joined is None:
            text = self.tr(
                "You leave the practice room and join the talk of this speaker link, on "
                "{relay}. Your deck stays open."
            )
        else:
            text = self.tr(
                "You leave the talk you are in now and join the talk of this speaker link, on "
                "{relay}. Your deck stays open."
            )
        question = Question(
            self.tr("Join this talk?"), text.format(relay=invite.base), self.tr("Join the talk")
        )
        if self._ask(self.speaker.console, question):
            self._switch_talk(invite.link)

    def _to_front(self) -> None:
        console = self.speaker.console
        console.show()
        console.raise_()
        console.activateWindow()


def remember_deck(speaker: SpeakerApp, deck: Path) -> None:
    """The deck at the top of the start window's recent decks (through the speaker's own copy
    of the settings, which it saves again later)."""
    speaker.settings = speaker.settings.with_recent_deck(str(deck.resolve()))
    speaker.save_settings()


def deck_refusal(path: Path) -> tuple[str, str] | None:
    """Why the deck at ``path`` cannot be shown (a title and a sentence), or None: it can."""
    try:
        open_deck(path).close()
    except DeckError as exc:
        return QCoreApplication.translate("SpeakerOpens", "Kanpe cannot open this deck"), str(exc)
    return None


def link_refusal(error: LinkError) -> tuple[str, str]:
    """Why a ``kanpe:`` link cannot be used: a title and a sentence."""
    from kanpe.ui.linkreasons import link_reason

    return QCoreApplication.translate("Desktop", "Kanpe cannot open this link"), link_reason(error)


def request_refusal(request: OpenRequest) -> tuple[str, str] | None:
    """Why ``request`` cannot be opened (a title and a sentence), or None: it can."""
    match request:
        case OpenDeck(path=path):
            return deck_refusal(path)
        case OpenLink(text=text):
            from kanpe.core.links import LinkError, parse_app_link

            try:
                parse_app_link(text)
            except LinkError as exc:
                return link_refusal(exc)
    return None


def _as_given(link: str | None) -> str | None:
    """``link`` as a parsed invite spells it (``kanpe speak --join`` takes it as typed)."""
    from kanpe.core.links import LinkError, parse_link

    if link is None:
        return None
    try:
        return parse_link(link).link
    except LinkError:
        return link
