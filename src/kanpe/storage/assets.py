"""Where Kanpe's shipped files (icons, fonts, the audience page, the sample rundown) live.

In order: the directory named by ``KANPE_ASSETS``; ``assets/`` inside a PyInstaller bundle
(``sys._MEIPASS``); ``assets/`` at the root of a source checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import kanpe

ASSETS_ENV = "KANPE_ASSETS"
#: The Japanese font every window falls back to (kanpe.ui.fonts), with its licence beside it.
JAPANESE_FONT = "fonts/BIZUDPGothic-Regular.ttf"
#: The colour emoji font for machines with none (kanpe.ui.fonts), with its licence beside it.
EMOJI_FONT = "fonts/NotoColorEmoji.ttf"


class MissingAssetError(FileNotFoundError):
    """A file Kanpe ships with is not where it should be: a broken install or checkout."""

    def __init__(self, message: str, asset: str) -> None:
        super().__init__(message)
        self.asset = asset

    def __str__(self) -> str:
        return str(self.args[0])


def assets_dir() -> tuple[Path, str]:
    """The assets directory, and how it was chosen (for error messages)."""
    override = os.environ.get(ASSETS_ENV)
    if override:
        return Path(override), f"from {ASSETS_ENV}"
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets", "in the application bundle"
    # src/kanpe/__init__.py -> the repository root.
    return Path(kanpe.__file__).resolve().parents[2] / "assets", "in the source checkout"


def asset_path(*parts: str) -> Path:
    """The path of the asset ``parts`` (e.g. ``"web", "audience.html"``), which must exist.

    Raises MissingAssetError naming the asset when it is absent, and ValueError for parts that
    would lead outside the assets directory (``..``, absolute paths): callers may pass names that
    came from a request.
    """
    name = "/".join(parts)
    if not parts or any(not part or Path(part).is_absolute() for part in parts):
        raise ValueError(f"not an asset name: {name!r}")
    root, how = assets_dir()
    path = root.joinpath(*parts)
    if not path.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"not an asset name: {name!r}")
    if not path.exists():
        raise MissingAssetError(
            f"Kanpe's asset {name!r} is missing: looked for {path} ({how}). "
            f"Reinstall Kanpe, or set {ASSETS_ENV} to its assets directory.",
            name,
        )
    return path


def web_root() -> Path | None:
    """The audience page's folder, for a relay to serve; None when this install lacks it (the
    relay then serves no page, and says so on its own)."""
    try:
        return asset_path("web")
    except MissingAssetError:
        return None


def sample_rundown_path() -> Path:
    """The sample event's rundown file, used when the host has not chosen one."""
    return asset_path("rundown-sample.toml")
