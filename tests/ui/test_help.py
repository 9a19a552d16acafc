"""The help card: one column while it reads, two side by side when one would be too small."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kanpe.ui.help import HelpLine, HelpOverlay, HelpSections


def sections(*sizes: int) -> HelpSections:
    return [
        (f"Part {n}", [HelpLine((f"K{n}{i}",), f"does {i}") for i in range(size)])
        for n, size in enumerate(sizes)
    ]


def overlay(qtbot: QtBot, height: int, parts: HelpSections) -> HelpOverlay:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1440, height)
    help_card = HelpOverlay(window, parts)
    help_card.toggle()
    return help_card


def test_a_short_table_is_one_column(qtbot: QtBot) -> None:
    parts = sections(6, 3, 3)
    assert overlay(qtbot, 860, parts).columns() == [parts]


def test_a_long_table_on_a_laptop_takes_two_balanced_columns_whole_sections(
    qtbot: QtBot,
) -> None:
    parts = sections(6, 3, 3, 7, 10)  # the speaker's table: 29 keys in 5 sections
    card = overlay(qtbot, 860, parts)
    left, right = card.columns()
    assert left + right == parts  # every section, in order, none cut in two
    assert [title for title, _ in left] == ["Part 0", "Part 1", "Part 2"]
    assert [title for title, _ in right] == ["Part 3", "Part 4"]
    card.grab()  # paints without error
    assert overlay(qtbot, 2000, parts).columns() == [parts]  # a tall screen: one column
