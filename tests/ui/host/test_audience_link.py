"""The demo's audience link window: the whole link, Copy to the clipboard, a QR code."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from kanpe.ui.host.audiencelink import AudienceLinkWindow

LINK = "http://127.0.0.1:8765/audience/room1234#" + "a" * 32


def test_copy_puts_the_whole_link_on_the_clipboard_and_the_qr_code_is_drawn(qtbot: QtBot) -> None:
    window = AudienceLinkWindow(LINK)
    qtbot.addWidget(window)
    window.show()
    assert window.field.text() == LINK and window.field.isReadOnly()
    window.copy_button.click()
    assert QGuiApplication.clipboard().text() == LINK
    assert window.status.text() == "Copied the audience link."
    pixmap = window.qr.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 200
