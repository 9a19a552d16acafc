"""The host console's preferences (``host.toml``): the cue presets and how "Next talk" behaves.

Cue presets are remembered only once the host edits them: until then the console offers its
default presets in the desktop's language (a Japanese desktop gets Japanese presets), so ``None``
here means "the defaults", never an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kanpe.storage.settings import SettingsError, SettingsStore, default_config_dir

HOST_SETTINGS_FILE = "host.toml"
MAX_PRESETS = 20
MAX_PRESET_TEXT = 200
PRESET_KINDS = ("time", "wrap", "text")


@dataclass(frozen=True, slots=True)
class CuePreset:
    """One cue button: its words and the cue's kind (``time``, ``wrap`` or ``text``)."""

    text: str
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class HostSettings:
    presets: tuple[CuePreset, ...] | None = None  # None: the console's translated defaults
    flash: bool = False  # the cue panel's "flash" box
    next_starts: bool = True  # "Next talk" starts the next talk's timer
    splitter: tuple[int, ...] = ()  # the main window's column widths


class HostSettingsFormat:
    file_name = HOST_SETTINGS_FILE

    def default(self) -> HostSettings:
        return HostSettings()

    def parse(self, document: dict[str, Any]) -> HostSettings:
        cues = document.get("cues", {})
        window = document.get("window", {})
        if not isinstance(cues, dict) or not isinstance(window, dict):
            raise SettingsError("[cues] and [window] must be tables")
        presets = _presets(cues.get("presets"))
        flash = cues.get("flash", False)
        next_starts = window.get("next_starts", True)
        splitter = window.get("splitter", [])
        if not isinstance(flash, bool) or not isinstance(next_starts, bool):
            raise SettingsError("cues.flash and window.next_starts must be true or false")
        if not isinstance(splitter, list) or not all(
            isinstance(w, int) and 0 <= w <= 10_000 for w in splitter
        ):
            raise SettingsError("window.splitter must be a list of widths")
        return HostSettings(
            presets=presets, flash=flash, next_starts=next_starts, splitter=tuple(splitter[:8])
        )

    def dump(self, settings: HostSettings) -> dict[str, Any]:
        cues: dict[str, Any] = {"flash": settings.flash}
        if settings.presets is not None:
            cues["presets"] = [{"text": p.text, "kind": p.kind} for p in settings.presets]
        window = {"next_starts": settings.next_starts, "splitter": list(settings.splitter)}
        return {"cues": cues, "window": window}


def _presets(raw: object) -> tuple[CuePreset, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) > MAX_PRESETS:
        raise SettingsError(f"cues.presets must be a list of at most {MAX_PRESETS} presets")
    presets = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise SettingsError("each of cues.presets is a table with text and kind")
        text, kind = entry.get("text"), entry.get("kind", "text")
        if not isinstance(text, str) or not 0 < len(text.strip()) <= MAX_PRESET_TEXT:
            raise SettingsError(f"a cue preset's text is 1 to {MAX_PRESET_TEXT} characters")
        if kind not in PRESET_KINDS:
            raise SettingsError(f"a cue preset's kind is one of {', '.join(PRESET_KINDS)}")
        presets.append(CuePreset(text=text.strip(), kind=kind))
    return tuple(presets)


def host_settings_store(path: Path | None = None) -> SettingsStore[HostSettings]:
    """The host console's store; ``path`` None: ``host.toml`` in the per-user config directory."""
    form = HostSettingsFormat()
    return SettingsStore(form, path or default_config_dir() / form.file_name)
