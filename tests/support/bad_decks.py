"""Bad decks that the slide view must refuse with a clear message: not a PDF, truncated, zero
pages, password-protected, too large. Test fixtures: they live with the tests, not in the product."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from pathlib import Path

from kanpe.ui.speaker.deckgen import deck_bytes, generate_deck, write_deck

__all__ = [
    "deck_bytes",
    "generate_deck",
    "write_deck",
    "write_encrypted_pdf",
    "write_not_pdf",
    "write_oversized_pdf",
    "write_truncated_pdf",
    "write_zero_page_pdf",
]


def write_not_pdf(path: Path) -> Path:
    """A text file saved with a .pdf name, as happens when a download fails."""
    path.write_text("<html><body>404 Not Found</body></html>\n", encoding="utf-8")
    return path


def write_truncated_pdf(path: Path, *, keep: float = 0.4) -> Path:
    """The first ``keep`` share of a valid deck: a download or a copy that stopped half way.

    QPdfWriter writes the page tree at the end, so the cut loses it and the file cannot be read.
    """
    data = deck_bytes(3)
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def write_zero_page_pdf(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty (QPdfWriter always writes at least one page)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    path.write_bytes(_assemble_pdf(objects, root=1))
    return path


def write_encrypted_pdf(path: Path, user_password: str = "kanpe") -> Path:
    """A one-page PDF that opens only with ``user_password``.

    It uses the PDF standard security handler, revision 2 (40-bit RC4, PDF 1.1 and later; ISO
    32000-1, 7.6.3), which any reader supports. QPdfWriter cannot encrypt, and this keeps the
    tests free of a qpdf dependency. The content stream really is encrypted: the right password
    opens the page, so a test can tell this file from a merely corrupt one.
    """
    file_id = hashlib.md5(str(path).encode(), usedforsecurity=False).digest()
    permissions = -4  # every permission bit set
    owner_key = _md5(_pad(user_password + "-owner"))[:5]
    owner_entry = _rc4(owner_key, _pad(user_password))
    key = _md5(_pad(user_password) + owner_entry + struct.pack("<i", permissions) + file_id)[:5]
    user_entry = _rc4(key, _PASSWORD_PAD)

    content = b"0.15 0.35 0.75 rg 96 96 768 348 re f\n1 1 1 rg 380 200 200 140 re f\n"
    content_object = 4
    object_key = _md5(key + struct.pack("<i", content_object)[:3] + b"\x00\x00")[:10]
    stream = _rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + owner_entry.hex().encode()
        + b"> /U <"
        + user_entry.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    hex_id = file_id.hex().encode()
    trailer = b"/Encrypt 5 0 R /ID [<" + hex_id + b"> <" + hex_id + b">]"
    path.write_bytes(_assemble_pdf(objects, root=1, trailer=trailer))
    return path


def write_oversized_pdf(path: Path, size_bytes: int) -> Path:
    """A file of ``size_bytes`` that starts like a PDF; sparse, so it costs no disk space."""
    with path.open("wb") as file:
        file.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        file.truncate(size_bytes)
    return path


_PASSWORD_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _pad(password: str) -> bytes:
    return (password.encode("latin-1") + _PASSWORD_PAD)[:32]


def _md5(data: bytes) -> bytes:
    return hashlib.md5(data, usedforsecurity=False).digest()


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _assemble_pdf(objects: Sequence[bytes], *, root: int, trailer: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root) + trailer + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
