"""QR codes of invite links, drawn in memory (segno's matrix into a QImage): no file is written,
and the link, which holds a capability token, never leaves the process."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_image(text: str, *, size: int = 240) -> QImage:
    """A black-on-white QR code of ``text``, about ``size`` pixels wide, with its quiet zone;
    each module is a whole number of pixels so a phone's camera reads it cleanly."""
    import segno  # loaded when a code is first drawn, not when the console starts

    matrix = segno.make(text, error="m").matrix
    modules = len(matrix) + 2 * QUIET_ZONE
    image = QImage(modules, modules, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x + QUIET_ZONE, y + QUIET_ZONE, black)
    scale = max(1, size // modules)
    return image.scaled(
        modules * scale,
        modules * scale,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


def qr_pixmap(text: str, *, size: int = 240) -> QPixmap:
    return QPixmap.fromImage(qr_image(text, size=size))
