"""Opening a deck: a PDF checked at the edge, or one DeckError that tells the speaker what to do.

Checks run cheapest first and before QtPdf reads anything: the file exists and is a regular file
(opening a named pipe would block), its size is under the cap (a 500 MB file is refused from its
size alone), it starts like a PDF. Only then does QPdfDocument load it, and its error codes are
turned into the same messages.
"""

from __future__ import annotations

import enum
import stat
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSizeF
from PySide6.QtPdf import QPdfDocument

from kanpe.storage.assets import asset_path

#: Decks are a few MB, rarely 50; a file this large is a mistake (a video exported as PDF).
MAX_DECK_BYTES = 200 * 1024 * 1024
_HEADER_WINDOW = 1024  # readers accept the %PDF- header anywhere in the first KiB
_MB = 1024 * 1024


class DeckErrorKind(enum.Enum):
    MISSING = "missing"
    NOT_PDF = "not-pdf"
    ENCRYPTED = "encrypted"
    EMPTY = "empty"
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"


class DeckError(Exception):
    """A deck that cannot be shown. ``str()`` is a translated message for the speaker."""

    def __init__(self, kind: DeckErrorKind, path: Path, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return self.message


#: Page sizes read when a deck opens; the rest are read when first needed.
EAGER_SIZES = 4


class DeckDocument:
    """An open deck: its QPdfDocument and its pages' sizes, each read once.

    Sizes are remembered because QtPdf serialises all PDFium calls behind one lock: asking the
    document for a size while a render thread draws a page waits for that page. Reading all of a
    200-page deck's sizes at open took ~35 ms before the first slide, so only the first few are
    read then; the rest come one at a time, when the render cache is about to request that page
    (its own renderer idle at that moment).
    """

    def __init__(self, path: Path, pdf: QPdfDocument) -> None:
        self.path = path
        self.pdf = pdf
        self._pages = pdf.pageCount()
        self._sizes: list[QSizeF | None] = [None] * self._pages
        for index in range(min(EAGER_SIZES, self._pages)):
            self.page_size(index)
        self.title = pdf.metaData(QPdfDocument.MetaDataField.Title) or path.stem

    @property
    def pages(self) -> int:
        return self._pages

    @property
    def page_sizes(self) -> tuple[QSizeF, ...]:
        """Every page's size (reads those not read yet)."""
        return tuple(self.page_size(index) for index in range(self._pages))

    def page_size(self, index: int) -> QSizeF:
        """The size in points of page ``index`` (0-based)."""
        size = self._sizes[index]
        if size is None:
            size = self._sizes[index] = self.pdf.pagePointSize(index)
        return size

    def close(self) -> None:
        """Release the file and PDFium's copy of the document. Renderers must have let go of
        ``pdf`` first (RenderCache.set_document does)."""
        self.pdf.close()


def open_deck(path: Path, *, max_bytes: int = MAX_DECK_BYTES) -> DeckDocument:
    """Open the PDF at ``path``, or raise DeckError saying why it cannot be shown.

    The QPdfDocument has no Qt parent: Python owns it, so it lives as long as anything (a
    SlideDeck, a RenderCache whose thread may be rendering from it) holds the DeckDocument.
    """
    _check_file(path, max_bytes)
    pdf = QPdfDocument()
    error = pdf.load(str(path))
    problem = _load_problem(path, error, pdf)
    if problem is not None:
        pdf.close()
        raise problem
    return DeckDocument(path, pdf)


def sample_deck_path() -> Path:
    """The shipped "Welcome to Kanpe" deck (made by tools/make_sample_deck.py)."""
    return asset_path("decks", "sample.pdf")


def _check_file(path: Path, max_bytes: int) -> None:
    name = path.name
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise DeckError(
            DeckErrorKind.NOT_PDF,
            path,
            QCoreApplication.translate(
                "DeckError", "“{name}” is a folder, not a PDF file. Choose the PDF of your slides."
            ).format(name=name),
        )
    if not stat.S_ISREG(info.st_mode):
        raise DeckError(
            DeckErrorKind.NOT_PDF,
            path,
            QCoreApplication.translate(
                "DeckError", "“{name}” is not a regular file. Choose the PDF of your slides."
            ).format(name=name),
        )
    if info.st_size > max_bytes:
        raise DeckError(
            DeckErrorKind.TOO_LARGE,
            path,
            QCoreApplication.translate(
                "DeckError",
                "“{name}” is {size} MB, too large for a slide deck (the limit is {limit} MB). "
                "Export it again with compressed images, or split it.",
            ).format(name=name, size=round(info.st_size / _MB), limit=max_bytes // _MB),
        )
    try:
        with path.open("rb") as file:
            head = file.read(_HEADER_WINDOW)
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if b"%PDF-" not in head:
        raise DeckError(
            DeckErrorKind.NOT_PDF,
            path,
            QCoreApplication.translate(
                "DeckError",
                "“{name}” is not a PDF file. Export your slides as PDF "
                "(in PowerPoint, Keynote or Google Slides: File > Export or Download > PDF) "
                "and open that file.",
            ).format(name=name),
        )


def _load_problem(path: Path, error: QPdfDocument.Error, pdf: QPdfDocument) -> DeckError | None:
    name = path.name
    match error:
        case QPdfDocument.Error.None_ if pdf.pageCount() == 0:
            # QtPdf reports no error for an empty page tree, only a status of Error.
            return DeckError(
                DeckErrorKind.EMPTY,
                path,
                QCoreApplication.translate(
                    "DeckError",
                    "“{name}” has no pages. Export your slides again and open the new file.",
                ).format(name=name),
            )
        case QPdfDocument.Error.None_ if pdf.status() == QPdfDocument.Status.Ready:
            return None
        case QPdfDocument.Error.IncorrectPassword:
            return DeckError(
                DeckErrorKind.ENCRYPTED,
                path,
                QCoreApplication.translate(
                    "DeckError",
                    "“{name}” is protected by a password. Save a copy without a password "
                    "and open that.",
                ).format(name=name),
            )
        case QPdfDocument.Error.UnsupportedSecurityScheme:
            return DeckError(
                DeckErrorKind.ENCRYPTED,
                path,
                QCoreApplication.translate(
                    "DeckError",
                    "“{name}” is encrypted in a way Kanpe cannot read. Save a copy without "
                    "protection and open that.",
                ).format(name=name),
            )
        case QPdfDocument.Error.FileNotFound:
            return _missing(path)
        case _:
            return DeckError(
                DeckErrorKind.UNREADABLE,
                path,
                QCoreApplication.translate(
                    "DeckError",
                    "“{name}” is damaged or incomplete and cannot be read. If it was downloaded "
                    "or copied, try again; otherwise export it again from your slide software.",
                ).format(name=name),
            )


def _missing(path: Path) -> DeckError:
    return DeckError(
        DeckErrorKind.MISSING,
        path,
        QCoreApplication.translate(
            "DeckError", "There is no file at {path}. It may have been moved, renamed or deleted."
        ).format(path=path),
    )


def _unreadable(path: Path, exc: OSError) -> DeckError:
    return DeckError(
        DeckErrorKind.UNREADABLE,
        path,
        QCoreApplication.translate("DeckError", "Kanpe cannot read “{name}”: {reason}.").format(
            name=path.name, reason=exc.strerror or exc
        ),
    )
