"""Files that are either wholly old or wholly new: atomic replace on write, a size cap on read."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path


class StorageError(OSError):
    """A file that could not be read or written; the message names the path and says why."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


class FileMissingError(StorageError, FileNotFoundError):
    """There is no file at the path."""


class NotAFileError(StorageError):
    """The path is a directory, or a pipe or device rather than a regular file."""


class FileTooLargeError(StorageError):
    """The file is larger than the caller is willing to read."""


class FileUnreadableError(StorageError):
    """The file exists but cannot be read (permissions, I/O error)."""


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The contents of the regular file at ``path``, refusing files over ``max_bytes``."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileMissingError(f"{path}: no such file", path) from None
    except OSError as exc:
        raise FileUnreadableError(f"cannot read {path}: {exc.strerror or exc}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(f"{path} is a directory, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        # Opening a named pipe would block until someone writes to it.
        raise NotAFileError(f"{path} is not a regular file", path)
    if info.st_size > max_bytes:
        raise FileTooLargeError(_too_large(path, max_bytes), path)
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # the size may have changed since stat
    except FileNotFoundError:
        raise FileMissingError(f"{path}: no such file", path) from None
    except OSError as exc:
        raise FileUnreadableError(f"cannot read {path}: {exc.strerror or exc}", path) from None
    if len(data) > max_bytes:
        raise FileTooLargeError(_too_large(path, max_bytes), path)
    return data


def _too_large(path: Path, max_bytes: int) -> str:
    return f"{path} is too large (more than {max_bytes} bytes)"


def write_atomic(path: Path, data: bytes | str, *, private: bool = False) -> None:
    """Replace the file at ``path`` with ``data`` (str is written as UTF-8), all or nothing.

    The data goes to a temporary file in the same directory, is flushed to disk, and then
    replaces ``path`` in one rename, so a crash or a full disk leaves either the old file or the
    new one, never a mix. An existing file keeps its permission bits; a symlink keeps pointing
    where it did and its target is replaced. On any failure the temporary file is removed and
    the original is untouched. ``private`` files (they hold secrets, such as invite tokens)
    are readable by their owner only, from the moment the temporary file exists.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    target = Path(os.path.realpath(path))
    mode = _existing_mode(target)
    # os.urandom, not secrets: importing secrets loads OpenSSL (~5 ms) before the first slide.
    temp = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # 0o666 so a new file gets the user's usual permissions (the umask applies), as open() would.
    fd = os.open(temp, flags, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        if private:
            os.chmod(temp, 0o600)
        elif mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_directory(target.parent)


def _existing_mode(path: Path) -> int | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(f"{path} is a directory, not a file", path)
    return stat.S_IMODE(info.st_mode)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable. POSIX only: Windows cannot open a directory this way."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (certain network and FUSE mounts) cannot sync a directory; the
        # file's own data is already synced, so that is no reason to report a failed write.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)
