"""Menus from an app's key bindings: each item's words come from the app, its key from the table.

The key is written after a tab, outside the translatable words, so a shortcut is never part of a
translation and never written in two places.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenuBar

from kanpe.ui.keys import Keymap


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One menu entry for ``action`` (an action of the app's binding table)."""

    action: str
    text: str
    checkable: bool = False


@dataclass(frozen=True, slots=True)
class MenuChoices:
    """A submenu titled ``text`` of ``options`` ((value, words) pairs), one of them ticked. Its
    items are named ``choice_name(action, value)``; ``action``'s key steps through them."""

    action: str
    text: str
    options: tuple[tuple[str, str], ...]


def choice_name(action: str, value: str) -> str:
    """The name of the menu item that chooses ``value`` for ``action``."""
    return f"{action}:{value}"


#: Between two items: a separator line.
SEPARATOR = None

type MenuSpec = list[tuple[str, list[MenuItem | MenuChoices | None]]]


def build_menus(bar: QMenuBar, keymap: Keymap, menus: MenuSpec) -> dict[str, QAction]:
    """Add ``menus`` (title, items) to ``bar``; returns the QActions by action name (a choice's
    by ``choice_name``). The keys shown beside each item are the table's; the app's key router
    handles them, not Qt."""
    actions: dict[str, QAction] = {}
    for title, items in menus:
        menu = bar.addMenu(title)
        for item in items:
            if item is None:
                menu.addSeparator()
                continue
            if isinstance(item, MenuChoices):
                submenu = menu.addMenu(item.text)
                group = QActionGroup(submenu)  # exclusive: one ticked at a time
                for value, words in item.options:
                    action = submenu.addAction(words)
                    action.setCheckable(True)
                    group.addAction(action)
                    actions[choice_name(item.action, value)] = action
                continue
            action = menu.addAction(f"{item.text}\t{keymap.label(item.action)}")
            action.setCheckable(item.checkable)
            actions[item.action] = action
    return actions
