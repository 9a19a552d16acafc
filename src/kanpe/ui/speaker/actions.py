"""The speaker app's actions in words: what help says each does, and its menus.

The keys are in ``kanpe.ui.keys.SPEAKER_BINDINGS``; what each action does is ``SpeakerApp``'s.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kanpe.storage.settings import STAGE_SIZES
from kanpe.ui.menus import SEPARATOR, MenuChoices, MenuItem, MenuSpec


class SpeakerActions(QObject):
    """The words of the speaker's actions, in the speaker's language."""

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Help's headings, each with (action, what it does) in order."""
        return [
            (
                self.tr("Slides"),
                [
                    ("slide.next", self.tr("Next slide")),
                    ("slide.previous", self.tr("Previous slide")),
                    ("slide.first", self.tr("First slide")),
                    ("slide.last", self.tr("Last slide")),
                    ("stage.blank", self.tr("Blank the stage")),
                    ("deck.open", self.tr("Open another deck")),
                ],
            ),
            (
                self.tr("Timer and cues"),
                [
                    ("timer.start_pause", self.tr("Start / pause the countdown (solo)")),
                    ("rehearse.toggle", self.tr("Rehearse: time each slide / end and keep it")),
                    ("rehearse.compare", self.tr("Pace against the next kept rehearsal")),
                    ("cue.ack", self.tr("Got it: acknowledge the cue")),
                    ("chat.focus", self.tr("Write in the chat (Esc leaves it)")),
                    ("sound.thresholds", self.tr("Chime at each threshold and at time-up")),
                    ("pace.meter", self.tr("Pace meter: listen for speaking too fast")),
                ],
            ),
            (
                self.tr("Poll"),
                [
                    ("poll.new", self.tr("New poll: write its question (Esc leaves it)")),
                    ("poll.stage", self.tr("Show / hide the poll's result on the stage")),
                    ("poll.close", self.tr("Close the poll")),
                ],
            ),
            (
                self.tr("Questions"),
                [
                    ("questions.toggle", self.tr("Open / fold the question queue")),
                    ("questions.next", self.tr("Next question")),
                    ("questions.previous", self.tr("Previous question")),
                    ("question.pin", self.tr("Pin the question to the stage / unpin it")),
                    ("question.answer", self.tr("Mark the question answered")),
                    ("question.hide", self.tr("Hide the question")),
                    ("questions.export", self.tr("Export the questions as Markdown")),
                ],
            ),
            (
                self.tr("Windows"),
                [
                    ("stage.full_screen", self.tr("Stage full screen")),
                    ("stage.leave_full_screen", self.tr("Leave full screen")),
                    ("overlay.show", self.tr("Show / hide the overlay")),
                    ("overlay.click_through", self.tr("Overlay click-through on / off")),
                    ("stage.badge", self.tr("Countdown badge on stage")),
                    ("stage.size", self.tr("Stage size: the window's or fixed, for streaming")),
                    ("feed.larger", self.tr("Larger feed text")),
                    ("feed.smaller", self.tr("Smaller feed text")),
                    ("help", self.tr("Show these shortcuts")),
                    ("quit", self.tr("Quit")),
                ],
            ),
        ]

    def stage_sizes(self) -> tuple[tuple[str, str], ...]:
        """Each of ``STAGE_SIZES`` with its words, in order."""
        words = {
            "window": self.tr("Fit the window"),
            "1280x720": self.tr("1280 × 720 (HD), for streaming"),
            "1920x1080": self.tr("1920 × 1080 (Full HD), for streaming"),
        }
        return tuple((name, words[name]) for name in STAGE_SIZES)

    def menus(self) -> MenuSpec:
        """The presenter console's menus, for the mouse."""
        return [
            (
                self.tr("&Deck"),
                [MenuItem("deck.open", self.tr("Open deck…")), MenuItem("quit", self.tr("Quit"))],
            ),
            (
                self.tr("&Timer"),
                [
                    MenuItem("timer.start_pause", self.tr("Start / pause")),
                    MenuItem("rehearse.toggle", self.tr("Rehearse"), checkable=True),
                    MenuItem("rehearse.compare", self.tr("Compare with another rehearsal")),
                    MenuItem("cue.ack", self.tr("Got it")),
                    SEPARATOR,
                    MenuItem(
                        "sound.thresholds",
                        self.tr("Chime at thresholds (console only)"),
                        checkable=True,
                    ),
                    MenuItem(
                        "pace.meter",
                        self.tr("Pace meter (microphone, never recorded)"),
                        checkable=True,
                    ),
                ],
            ),
            (
                self.tr("&Poll"),
                [
                    MenuItem("poll.new", self.tr("New poll…")),
                    MenuItem("poll.stage", self.tr("Result on stage"), checkable=True),
                    MenuItem("poll.close", self.tr("Close poll")),
                ],
            ),
            (
                self.tr("&Questions"),
                [
                    MenuItem("questions.toggle", self.tr("Question queue"), checkable=True),
                    MenuItem("questions.next", self.tr("Next question")),
                    MenuItem("questions.previous", self.tr("Previous question")),
                    SEPARATOR,
                    MenuItem("question.pin", self.tr("Pin to stage / unpin")),
                    MenuItem("question.answer", self.tr("Answered")),
                    MenuItem("question.hide", self.tr("Hide")),
                    SEPARATOR,
                    MenuItem("questions.export", self.tr("Export the questions…")),
                ],
            ),
            (
                self.tr("&View"),
                [
                    MenuItem("stage.full_screen", self.tr("Stage full screen")),
                    MenuItem("stage.blank", self.tr("Blank the stage"), checkable=True),
                    MenuItem("stage.badge", self.tr("Countdown on stage"), checkable=True),
                    MenuChoices("stage.size", self.tr("Stage size"), self.stage_sizes()),
                    SEPARATOR,
                    MenuItem("overlay.show", self.tr("Overlay"), checkable=True),
                    MenuItem(
                        "overlay.click_through", self.tr("Overlay click-through"), checkable=True
                    ),
                    SEPARATOR,
                    MenuItem("chat.focus", self.tr("Write in the chat")),
                    MenuItem("help", self.tr("Keyboard shortcuts")),
                ],
            ),
        ]
