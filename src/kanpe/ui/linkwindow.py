"""What Kanpe prints for a terminal, also in a window: links with Copy and a QR code, problems.

A person who opened Kanpe by a double click has no terminal: the practice room's audience link,
the links of a hosted event and any error must reach them on screen too. ``LinkWindow`` shows
named links, each with Copy, and a QR code of the one picked (a phone in the audience scans it);
``show_problem`` shows an error in a dialog. Links are shown as plain text, never as rich text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import segno
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kanpe.ui.labels import plain_label

QR_QUIET_ZONE = 4  # modules of white around the code: scanners need it
QR_SIZE = 220  # pixels
CORNER_MARGIN = (40, 60)  # pixels from the screen's right and bottom: clear of a frame and a dock


@dataclass(frozen=True, slots=True)
class NamedLink:
    name: str  # "Audience", "Speaker: talk-1": already translated by the caller
    url: str


def qr_image(text: str, size: int = QR_SIZE) -> QImage:
    """``text`` as a QR code, black on white, about ``size`` pixels square, crisp modules."""
    code = segno.make(text, error="m")
    modules = int(code.symbol_size(border=QR_QUIET_ZONE)[0])
    scale = max(1, size // modules)
    image = QImage(modules * scale, modules * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for y, row in enumerate(code.matrix_iter(border=QR_QUIET_ZONE)):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, Qt.GlobalColor.black)
    painter.end()
    return image


class LinkWindow(QWidget):
    """A title, a sentence saying what the links are for, and the links themselves."""

    copied = Signal(str)  # the link put on the clipboard

    def __init__(
        self,
        title: str,
        explanation: str,
        links: list[NamedLink],
        *,
        qr_for: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        """``qr_for``: the link whose QR code shows first (the audience's, at an event)."""
        super().__init__(parent)
        self.setObjectName("linkWindow")
        self.setStyleSheet("QLabel#linkHeading { font-size: 20px; font-weight: bold; }")
        self.setWindowTitle(title)
        self.links = links
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        heading = plain_label(title)
        heading.setObjectName("linkHeading")
        left.addWidget(heading)
        left.addWidget(plain_label(explanation))
        rows = QGridLayout()
        self.fields: list[QLineEdit] = []
        self.copy_buttons: list[QPushButton] = []
        self.qr_buttons: list[QPushButton] = []
        for row, link in enumerate(links):
            rows.addWidget(plain_label(link.name), row, 0)
            field = QLineEdit(link.url)
            field.setReadOnly(True)
            field.setMinimumWidth(360)
            field.setCursorPosition(0)
            rows.addWidget(field, row, 1)
            copy = QPushButton(self.tr("Copy"))
            copy.clicked.connect(lambda _=False, url=link.url: self.copy(url))
            rows.addWidget(copy, row, 2)
            show = QPushButton(self.tr("QR code"))
            show.clicked.connect(lambda _=False, index=row: self.show_qr(index))
            rows.addWidget(show, row, 3)
            self.fields.append(field)
            self.copy_buttons.append(copy)
            self.qr_buttons.append(show)
        left.addLayout(rows)
        self.status = plain_label("")
        left.addWidget(self.status)
        left.addStretch(1)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        self.qr = QLabel()
        self.qr.setFixedSize(QSize(QR_SIZE, QR_SIZE))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        frame = QFrame()
        frame.setObjectName("qrFrame")
        framed = QVBoxLayout(frame)
        framed.addWidget(self.qr)
        self.qr_caption = plain_label("")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        framed.addWidget(self.qr_caption)
        right.addWidget(frame)
        right.addStretch(1)
        layout.addLayout(right)
        self.shown_qr = -1
        if links:
            self.show_qr(min(max(qr_for, 0), len(links) - 1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def copy(self, url: str) -> None:
        QGuiApplication.clipboard().setText(url)
        self.status.setText(self.tr("Copied to the clipboard."))
        self.copied.emit(url)

    def show_qr(self, index: int) -> None:
        self.shown_qr = index
        link = self.links[index]
        self.qr.setPixmap(QPixmap.fromImage(qr_image(link.url)))
        self.qr_caption.setText(self.tr("Scan: {name}").format(name=link.name))


def put_in_the_corner(window: QWidget) -> None:
    """Put ``window`` in the bottom right corner of the primary screen, clear of the speaker's
    stage and console, which open at the top left (with no window manager, as under Xvfb, every
    window opens at 0,0): a link window must never cover the slides the audience sees."""
    area = QGuiApplication.primaryScreen().availableGeometry()
    # A window never shown nor resized has no size of its own yet: its layout's is what shows.
    resized = window.testAttribute(Qt.WidgetAttribute.WA_Resized)
    size = window.size() if resized else window.sizeHint()
    window.move(
        max(area.left(), area.right() - size.width() - CORNER_MARGIN[0]),
        max(area.top(), area.bottom() - size.height() - CORNER_MARGIN[1]),
    )


def report_problem(title: str, text: str, parent: QWidget | None = None) -> None:
    """An error printed for a terminal and shown in a dialog for a person (nobody reads a
    terminal after a double click or a drop on the Dock icon)."""
    print(f"kanpe: {title}: {text}", file=sys.stderr or sys.__stderr__, flush=True)
    show_problem(title, text, parent)


def show_problem(title: str, text: str, parent: QWidget | None = None) -> None:
    """An error a person must see, in a dialog (it is printed for a terminal as well)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Kanpe", title, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the title is in the text: macOS shows no title
    box.setInformativeText(text[:1].upper() + text[1:])
    box.exec()
