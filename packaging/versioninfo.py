"""The version as each packaging format wants it, from pyproject.toml's one version string.

Windows' version fields (an .exe's VS_FIXEDFILEINFO, Inno Setup's VersionInfoVersion) take four
16-bit numbers and nothing else, so ``0.2.0rc1`` cannot go there as it is: those fields get the
release numbers padded to three, then the post-release number or 0 (``0.2.0rc1`` -> ``0.2.0.0``,
``1.4`` -> ``1.4.0.0``, ``1.4.2.post3`` -> ``1.4.2.3``). Every field that takes text (the product
version string, the installer's AppVersion, its file name, the About box) keeps the full string.

    python packaging/versioninfo.py            # prints "<full> <numeric>", e.g. "0.2.0rc1 0.2.0.0"

The spec (packaging/kanpe.spec) writes each Windows executable's version resource with
``windows_version_file``; packaging/windows/build.ps1 passes the numeric one to Inno Setup.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
FIELD_MAX = 0xFFFF  # each of the four numbers is a WORD


def project_version(root: Path = ROOT) -> str:
    return str(tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Four numbers for Windows' version fields; ValueError for what cannot be a version."""
    try:
        parsed = Version(version)
    except InvalidVersion:
        raise ValueError(f"{version!r} is not a PEP 440 version") from None
    if parsed.epoch or parsed.local:
        raise ValueError(f"{version!r}: an epoch or a local part cannot become a Windows version")
    release = (*parsed.release, 0, 0)[:3]
    if len(parsed.release) > 3:
        raise ValueError(f"{version!r}: more than three release numbers")
    numbers = (*release, parsed.post or 0)
    if any(n > FIELD_MAX for n in numbers):
        raise ValueError(f"{version!r}: each number must be at most {FIELD_MAX} on Windows")
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def dotted(numbers: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in numbers)


def windows_version_file(
    folder: Path, *, version: str, name: str, file_name: str, description: str
) -> Path:
    """Write the version resource of one Windows executable in PyInstaller's text format (what
    ``pyi-grab_version`` prints; ``EXE(version=path)`` reads it) and return its path. Text, not
    PyInstaller's VSVersionInfo objects: their module imports win32api, so it only loads on
    Windows, and the spec's Windows branch is tested here on Linux."""
    numbers = numeric_version(version)
    strings = {
        "CompanyName": "Kanpe contributors",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": Path(file_name).stem,
        "LegalCopyright": "MIT License",
        "OriginalFilename": file_name,
        "ProductName": name,
        "ProductVersion": version,
    }
    structs = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    text = f"""# UTF-8: the version resource of {file_name}, from pyproject.toml's {version}
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{structs},
        ],
      ),
    ]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])]),
  ],
)
"""
    path = folder / f"{Path(file_name).stem}-version.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


if __name__ == "__main__":
    full = project_version()
    try:
        print(full, dotted(numeric_version(full)))
    except ValueError as exc:
        print(f"pyproject.toml's version: {exc}", file=sys.stderr)
        sys.exit(1)
