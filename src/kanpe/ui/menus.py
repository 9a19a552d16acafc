"""Menus from an app's key bindings: each item's words come from the app, its key from the table.

The key is written after a tab, outside the translatable words, so a shortcut is never part of a
translation and never written in two places.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenuBar

from kanpe.ui.keys import Keymap


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One menu entry for ``action`` (an action of the app's binding table)."""

    action: str
    text: str
    checkable: bool = False


#: Between two items: a separator line.
SEPARATOR = None

type MenuSpec = list[tuple[str, list[MenuItem | None]]]


def build_menus(bar: QMenuBar, keymap: Keymap, menus: MenuSpec) -> dict[str, QAction]:
    """Add ``menus`` (title, items) to ``bar``; returns the QActions by action name. The keys
    shown beside each item are the table's; the app's key router handles them, not Qt."""
    actions: dict[str, QAction] = {}
    for title, items in menus:
        menu = bar.addMenu(title)
        for item in items:
            if item is None:
                menu.addSeparator()
                continue
            action = menu.addAction(f"{item.text}\t{keymap.label(item.action)}")
            action.setCheckable(item.checkable)
            actions[item.action] = action
    return actions
