"""Each app's preferences: a small TOML file per app in the per-user config directory.

``SettingsStore`` keeps any app's settings, given its ``SettingsFormat`` (file name, defaults,
how to read and write them); the speaker's are ``SpeakerSettings`` (``SettingsStore.for_speaker``).
Written atomically; read with a size cap. A file that cannot be read or parsed is never
overwritten: ``load`` reports the problem, and the store refuses to save until the user has
fixed or removed the file, so nothing they wrote by hand is lost to a default.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import platformdirs
import tomli_w

from kanpe.storage.atomic import StorageError, read_limited, write_atomic

SETTINGS_FILE = "speaker.toml"
MAX_SETTINGS_BYTES = 64 * 1024

MIN_SPLIT, MAX_SPLIT = 0.3, 0.9
MIN_FONT, MAX_FONT = 9, 48
MIN_OPACITY, MAX_OPACITY = 0.3, 1.0
MAX_RECENT_DECKS = 8
MIN_MINUTES, MAX_MINUTES = 1.0, 24 * 60.0
#: What the start window offers; the last one taken is remembered and offered first next time.
START_CHOICES = ("present", "join", "host", "demo")
#: The stage's frame: "window" follows the window's size; the others are fixed frames in pixels,
#: so a window capture for a stream gets the same frame every time (the window scales it to fit).
STAGE_SIZES: dict[str, tuple[int, int] | None] = {
    "window": None,
    "1280x720": (1280, 720),
    "1920x1080": (1920, 1080),
}


def default_config_dir() -> Path:
    return Path(platformdirs.user_config_dir("kanpe", appauthor=False))


@dataclass(frozen=True, slots=True)
class OverlayGeometry:
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class SpeakerSettings:
    """What the speaker chose. Values outside their ranges are clamped when read."""

    split: float = 0.72  # share of the stage's width given to the slides
    feed_font: int = 15  # points
    stage_countdown: bool = False  # the small badge on stage; off: the audience need not see it
    stage_size: str = "window"  # a key of STAGE_SIZES
    overlay_visible: bool = False
    overlay: OverlayGeometry | None = None
    overlay_opacity: float = 0.88
    overlay_click_through: bool = False
    questions_open: bool = True  # the console's question queue open, or folded to its edge
    threshold_sound: bool = False  # the console's chime at each threshold and at time-up
    pace_meter: bool = False  # listen to the microphone for the speaking rate (never recorded)
    # The start window (kanpe with nothing to do): decks opened, newest first; the last choice;
    # the practice talk's length.
    recent_decks: tuple[str, ...] = ()
    start_choice: str = "present"
    practice_minutes: float = 20.0

    def clamped(self) -> SpeakerSettings:
        return replace(
            self,
            split=_clamp(self.split, MIN_SPLIT, MAX_SPLIT, 0.72),
            feed_font=int(_clamp(self.feed_font, MIN_FONT, MAX_FONT, 15)),
            stage_size=self.stage_size if self.stage_size in STAGE_SIZES else "window",
            overlay_opacity=_clamp(self.overlay_opacity, MIN_OPACITY, MAX_OPACITY, 0.88),
            recent_decks=tuple(dict.fromkeys(self.recent_decks))[:MAX_RECENT_DECKS],
            start_choice=self.start_choice if self.start_choice in START_CHOICES else "present",
            practice_minutes=_clamp(self.practice_minutes, MIN_MINUTES, MAX_MINUTES, 20.0),
        )

    def with_recent_deck(self, path: str) -> SpeakerSettings:
        """``path`` first among the recent decks (moved there if it was already listed)."""
        return replace(self, recent_decks=(path, *self.recent_decks)).clamped()


def _clamp(value: float, low: float, high: float, default: float) -> float:
    if not math.isfinite(value):
        return default
    return min(high, max(low, value))


class SettingsError(ValueError):
    """The settings file exists but is not usable; it is kept as it is."""


class SettingsFormat[T](Protocol):
    """How one app's settings live in their file."""

    @property
    def file_name(self) -> str:
        """The file's name in the per-user config directory."""
        ...

    def default(self) -> T:
        """The settings of someone who never chose anything."""
        ...

    def parse(self, document: dict[str, Any]) -> T:
        """Settings from a parsed TOML document; raises SettingsError naming the bad key."""
        ...

    def dump(self, settings: T) -> dict[str, Any]:
        """The TOML document for ``settings``."""
        ...


@dataclass(slots=True)
class SettingsStore[T]:
    """Loads and saves one app's settings (``format`` says which) at ``path``.

    ``problem`` is set when the file was present but unreadable or corrupt; then ``save`` does
    nothing (and returns False) so the file is kept for the user to repair.
    """

    format: SettingsFormat[T]
    path: Path
    problem: str | None = field(default=None)

    @classmethod
    def for_speaker(cls, path: Path | None = None) -> SettingsStore[SpeakerSettings]:
        """The speaker app's store; ``path`` None: its file in the per-user config directory."""
        form = SpeakerSettingsFormat()
        return SettingsStore(form, path or default_config_dir() / form.file_name)

    def load(self) -> T:
        """The settings on disk; the defaults (and ``problem`` set) when they cannot be read."""
        try:
            data = read_limited(self.path, MAX_SETTINGS_BYTES)
        except FileNotFoundError:
            self.problem = None
            return self.format.default()
        except StorageError as exc:
            self.problem = str(exc)
            return self.format.default()
        try:
            settings = self.format.parse(tomllib.loads(data.decode("utf-8")))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, SettingsError) as exc:
            self.problem = f"{self.path}: {exc}"
            return self.format.default()
        self.problem = None
        return settings

    def save(self, settings: T) -> bool:
        """Write ``settings``; False (and nothing written) while the file on disk is corrupt."""
        if self.problem is not None:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, tomli_w.dumps(self.format.dump(settings)))
        return True


class SpeakerSettingsFormat:
    """``SpeakerSettings`` in ``speaker.toml``: a [stage] and an [overlay] table."""

    file_name = SETTINGS_FILE

    def default(self) -> SpeakerSettings:
        return SpeakerSettings()

    def parse(self, document: dict[str, Any]) -> SpeakerSettings:
        return _parse(document)

    def dump(self, settings: SpeakerSettings) -> dict[str, Any]:
        return _to_dict(settings)


def _to_dict(settings: SpeakerSettings) -> dict[str, Any]:
    stage: dict[str, Any] = {"split": round(settings.split, 4), "feed_font": settings.feed_font}
    stage["countdown"] = settings.stage_countdown
    stage["size"] = settings.stage_size
    overlay: dict[str, Any] = {
        "visible": settings.overlay_visible,
        "opacity": round(settings.overlay_opacity, 3),
        "click_through": settings.overlay_click_through,
    }
    if settings.overlay is not None:
        geometry = settings.overlay
        overlay["geometry"] = [geometry.x, geometry.y, geometry.width, geometry.height]
    start = {
        "choice": settings.start_choice,
        "practice_minutes": round(settings.practice_minutes, 2),
        "recent_decks": list(settings.recent_decks),
    }
    console = {
        "questions": settings.questions_open,
        "sound": settings.threshold_sound,
        "pace_meter": settings.pace_meter,
    }
    return {"stage": stage, "overlay": overlay, "console": console, "start": start}


def _parse(doc: dict[str, Any]) -> SpeakerSettings:
    stage = _table(doc, "stage")
    overlay = _table(doc, "overlay")
    geometry = overlay.get("geometry")
    parsed_geometry: OverlayGeometry | None = None
    if geometry is not None:
        if (
            not isinstance(geometry, list)
            or len(geometry) != 4
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in geometry)
            or geometry[2] <= 0
            or geometry[3] <= 0
        ):
            raise SettingsError("overlay.geometry must be [x, y, width, height] in pixels")
        parsed_geometry = OverlayGeometry(*geometry)
    console = _table(doc, "console")
    start = _table(doc, "start")
    recent = start.get("recent_decks", [])
    if not isinstance(recent, list) or not all(isinstance(path, str) for path in recent):
        raise SettingsError("start.recent_decks must be a list of file paths")
    choice = start.get("choice", "present")
    if not isinstance(choice, str):
        raise SettingsError("start.choice must be text")
    size = stage.get("size", "window")
    if not isinstance(size, str):
        raise SettingsError(f"stage.size must be one of {', '.join(STAGE_SIZES)}")
    defaults = SpeakerSettings()
    return SpeakerSettings(
        split=_number(stage, "split", defaults.split, "stage"),
        feed_font=int(_number(stage, "feed_font", defaults.feed_font, "stage")),
        stage_countdown=_bool(stage, "countdown", defaults.stage_countdown, "stage"),
        stage_size=size,
        overlay_visible=_bool(overlay, "visible", defaults.overlay_visible, "overlay"),
        overlay=parsed_geometry,
        overlay_opacity=_number(overlay, "opacity", defaults.overlay_opacity, "overlay"),
        overlay_click_through=_bool(
            overlay, "click_through", defaults.overlay_click_through, "overlay"
        ),
        questions_open=_bool(console, "questions", defaults.questions_open, "console"),
        threshold_sound=_bool(console, "sound", defaults.threshold_sound, "console"),
        pace_meter=_bool(console, "pace_meter", defaults.pace_meter, "console"),
        recent_decks=tuple(recent),
        start_choice=choice,
        practice_minutes=_number(start, "practice_minutes", defaults.practice_minutes, "start"),
    ).clamped()


def _table(doc: dict[str, Any], name: str) -> dict[str, Any]:
    table = doc.get(name, {})
    if not isinstance(table, dict):
        raise SettingsError(f"[{name}] must be a table")
    return table


def _number(table: dict[str, Any], key: str, default: float, where: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingsError(f"{where}.{key} must be a number")
    return float(value)


def _bool(table: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise SettingsError(f"{where}.{key} must be true or false")
    return value
