"""Atomic writes and capped reads, on real files in tmp_path."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kanpe.storage.atomic import (
    FileMissingError,
    FileTooLargeError,
    FileUnreadableError,
    NotAFileError,
    StorageError,
    read_limited,
    write_atomic,
)

ORIGINAL = b"original content\n\x00\xff"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
CAPS = "-dac_override,-dac_read_search"


def _permission_bits_apply() -> bool:
    return os.geteuid() != 0 or os.environ.get("KANPE_DAC_DROPPED") == "1"


def _rerun_without_root_override(request: pytest.FixtureRequest) -> None:
    """Root ignores permission bits, and CI runs as root: run this test again in a child that
    keeps uid 0 but has lost CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so the bits apply."""
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to test permissions as root"
    result = subprocess.run(
        [
            setpriv,
            f"--inh-caps={CAPS}",
            f"--bounding-set={CAPS}",
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            request.node.nodeid,
        ],
        env={**os.environ, "KANPE_DAC_DROPPED": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=request.config.rootpath,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout, result.stdout


def test_creates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    write_atomic(path, b"hello")
    assert path.read_bytes() == b"hello"
    assert os.listdir(tmp_path) == ["new.toml"]


def test_replaces_content_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    path.write_bytes(ORIGINAL)
    for text in ("first", "second, longer than the first", ""):
        write_atomic(path, text)
        assert path.read_text(encoding="utf-8") == text
    assert os.listdir(tmp_path) == ["rundown.toml"]


def test_str_is_written_as_utf8_without_newline_translation(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    write_atomic(path, "カンペ\r\nline\n")
    assert path.read_bytes() == "カンペ\r\nline\n".encode()


@posix_only
def test_keeps_the_permissions_of_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "private.toml"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@posix_only
def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o640


@posix_only
def test_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.toml"
    target.write_bytes(ORIGINAL)
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["link.toml", "real.toml"]


def test_text_that_cannot_be_encoded_leaves_the_original(tmp_path: Path) -> None:
    path = tmp_path / "rundown.toml"
    path.write_bytes(ORIGINAL)
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "lone surrogate \ud800")
    assert path.read_bytes() == ORIGINAL
    assert os.listdir(tmp_path) == ["rundown.toml"]


def test_a_directory_in_the_way_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(NotAFileError, match="is a directory"):
        write_atomic(tmp_path / "dir", b"x")
    assert os.listdir(tmp_path) == ["dir"]


def test_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "such" / "file", b"x")
    assert os.listdir(tmp_path) == []


@posix_only
def test_a_read_only_directory_leaves_the_original(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if not _permission_bits_apply():
        _rerun_without_root_override(request)
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "rundown.toml"
    path.write_bytes(ORIGINAL)
    folder.chmod(0o555)
    try:
        with pytest.raises(PermissionError):
            write_atomic(path, b"new")
        assert path.read_bytes() == ORIGINAL
        assert os.listdir(folder) == ["rundown.toml"]
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE and SIGXFSZ")
def test_a_failure_in_the_middle_of_writing_leaves_the_original(tmp_path: Path) -> None:
    # A real failure after the temp file exists: a child process with a 64 KiB file-size limit
    # writes 1 MiB, so write() fails with EFBIG half way (works as root too, unlike chmod).
    path = tmp_path / "rundown.toml"
    path.write_bytes(ORIGINAL)
    child = textwrap.dedent(f"""
        import errno, resource, signal, sys
        from pathlib import Path
        from kanpe.storage.atomic import write_atomic
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        try:
            write_atomic(Path({str(path)!r}), b"x" * (1 << 20))
        except OSError as exc:
            sys.exit(0 if exc.errno == errno.EFBIG else 2)
        sys.exit(1)
        """)
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == ORIGINAL
    assert os.listdir(tmp_path) == ["rundown.toml"]


# --- read_limited ---


def test_reads_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_limited(path, 5) == b"12345"
    with pytest.raises(FileTooLargeError, match=r"too large \(more than 4 bytes\)") as caught:
        read_limited(path, 4)
    assert caught.value.path == path
    assert str(path) in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(FileMissingError, match="no such file") as caught:
        read_limited(path, 100)
    assert isinstance(caught.value, FileNotFoundError)
    assert str(path) in str(caught.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError, match="is a directory, not a file"):
        read_limited(tmp_path, 100)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(NotAFileError, match="not a regular file"):
        read_limited(pipe, 100)


def test_a_path_through_a_file_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(FileUnreadableError, match="cannot read"):
        read_limited(tmp_path / "file" / "child", 100)


@posix_only
def test_no_read_permission_is_unreadable(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if not _permission_bits_apply():
        _rerun_without_root_override(request)
        return
    path = tmp_path / "secret"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(FileUnreadableError, match="cannot read"):
        read_limited(path, 100)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc")
def test_a_file_that_reports_size_zero_is_still_capped() -> None:
    # /proc files say st_size == 0 but have content: the cap must not trust stat alone.
    with pytest.raises(FileTooLargeError):
        read_limited(Path("/proc/self/status"), 10)


def test_errors_are_oserrors() -> None:
    for error in (FileMissingError, NotAFileError, FileTooLargeError, FileUnreadableError):
        assert issubclass(error, StorageError)
        assert issubclass(error, OSError)
