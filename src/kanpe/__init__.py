"""Kanpe: a talk timer, presenter overlay and host cue cards for online meetups."""

from __future__ import annotations

_version: str | None = None


def __getattr__(name: str) -> str:
    # Looked up on first use, not at import: importlib.metadata costs tens of milliseconds,
    # which every start of the speaker app would otherwise pay before its first slide.
    global _version
    if name != "__version__":
        raise AttributeError(f"module 'kanpe' has no attribute {name!r}")
    if _version is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            _version = version("kanpe")
        except PackageNotFoundError:  # a source tree or a frozen bundle without metadata
            _version = "0.1.0"
    return _version
