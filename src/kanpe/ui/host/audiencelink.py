"""A small window that hands out the audience link: the whole link, Copy, Open in the browser,
and a QR code for a phone. ``kanpe demo`` shows it beside the host's console and the speaker's
windows, so the newcomer joins their own demo's audience in one step.

The audience link is public by design (anyone with it joins as audience), so unlike a speaker's
or the host's link it is shown whole.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kanpe.ui.host.qr import qr_pixmap
from kanpe.ui.labels import plain_label

QR_SIZE = 240


class AudienceLinkWindow(QWidget):
    """The audience link with Copy, Open and its QR code. ``closed`` when the person closes it."""

    closed = Signal()

    def __init__(self, link: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.setWindowTitle(self.tr("Kanpe demo: join the audience"))
        title = plain_label(self.tr("Join the audience"))
        title.setObjectName("title")
        intro = plain_label(
            self.tr(
                "Open this link in a browser, or scan the code with a phone on the same network: "
                "react, chat, ask and vote, and watch it reach the speaker's stage and the "
                "host's console. A few simulated people are already there."
            )
        )
        intro.setWordWrap(True)
        self.field = QLineEdit(link)
        self.field.setReadOnly(True)
        self.field.setCursorPosition(0)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.open_button = QPushButton(self.tr("Open in browser"))
        self.open_button.clicked.connect(self.open_in_browser)
        self.status = plain_label("")
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setPixmap(qr_pixmap(link, size=QR_SIZE))
        self.qr.setAccessibleName(self.tr("QR code of the audience link"))

        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.qr, 1)
        self.setStyleSheet("QLabel#title { font-size: 18px; font-weight: 700; }")
        self.resize(520, 460)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.link)
        self.status.setText(self.tr("Copied the audience link."))

    def open_in_browser(self) -> None:
        if not QDesktopServices.openUrl(QUrl(self.link)):
            self.status.setText(self.tr("No browser could be opened: copy the link instead."))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
