"""Ready-made polls for a show of hands, in the person's language.

A speaker opening a poll in the middle of a talk has no time to type six options: a preset fills
the question and the options, and the editor then selects the ``X`` in a question such as "Who
has used X?" so that typing the tool's name replaces it. A preset with no options is a yes / no
poll. Both apps' poll editors read this one list.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

# The word a preset's question leaves for the speaker to fill in (kept as it is in every
# language, so the editor can find and select it).
BLANK = "X"


@dataclass(frozen=True, slots=True)
class PollPreset:
    """A question and its options (``()``: yes / no)."""

    question: str
    options: tuple[str, ...] = ()

    @property
    def yes_no(self) -> bool:
        return not self.options

    def blank_at(self) -> int:
        """Where the word to fill in (``BLANK``) starts in the question; -1 if it has none."""
        for index, char in enumerate(self.question):
            before = self.question[index - 1] if index else " "
            after = self.question[index + 1 : index + 2] or " "
            if char == BLANK and not before.isalnum() and not after.isalnum():
                return index
        return -1


class PollPresets(QObject):
    """The presets, translated when asked (the language may be set after start-up)."""

    def presets(self) -> list[PollPreset]:
        """Every preset, the most asked first."""
        return [
            PollPreset(self.tr("Who has used X?")),
            PollPreset(self.tr("Is this your first time at this meetup?")),
            PollPreset(self.tr("Can you read the text on the slides?")),
            PollPreset(
                self.tr("How long have you used X?"),
                (
                    self.tr("Never"),
                    self.tr("Less than a year"),
                    self.tr("1 to 3 years"),
                    self.tr("More than 3 years"),
                ),
            ),
            PollPreset(
                self.tr("Where do you use X?"),
                (self.tr("At work"), self.tr("In a side project"), self.tr("Not yet")),
            ),
            PollPreset(
                self.tr("What do you do?"),
                (
                    self.tr("Developer"),
                    self.tr("Researcher"),
                    self.tr("Student"),
                    self.tr("Manager"),
                    self.tr("Something else"),
                ),
            ),
            PollPreset(
                self.tr("How is the pace of this talk?"),
                (self.tr("Too fast"), self.tr("Just right"), self.tr("Too slow")),
            ),
        ]

    def yes_no(self) -> tuple[str, str]:
        """A yes / no poll's two options."""
        return (self.tr("Yes"), self.tr("No"))
