"""Labels for text that may come from the network (chat, cue cards, a relay's reason).

Such text is shown as plain text, always: a QLabel left to guess would render a chat line that
looks like HTML as markup (DESIGN.md: no rich-text rendering of anything from the network).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapping label that shows ``text`` as plain text and cannot be selected."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label
