"""The Japanese font Kanpe ships, so Japanese renders on every machine.

A fresh Debian or a minimal desktop has no Japanese font at all: without one, a Japanese desktop
shows Kanpe's menus, labels and cue cards, and the audience's Japanese chat on the shared stage,
as empty boxes. Kanpe carries BIZ UDPGothic (Morisawa's universal-design Gothic, SIL OFL 1.1,
licence beside it in assets/fonts/OFL.txt; taken unchanged from Debian's
fonts-morisawa-bizud-gothic 1.05-2) and registers it before any window is built.

Registered, it is a fallback twice over. On Linux, Qt asks fontconfig for the fonts to fall back
to, and fontconfig sees application fonts, so every font of every window reaches it. Everywhere,
it is also appended to the application font's families, which Qt tries glyph by glyph in order
before the platform's own fallbacks: the same Japanese glyphs on every machine whose interface
font has none of its own (a Japanese interface font is used first, as it should be).

Emoji: the stage's reaction chips (👏 😂 🤔 ❓ 🎉), its 📌 heading and the audience's chat are
shared with the audience, and a Linux machine with no emoji font (a fresh Debian, a minimal
desktop: the Linux tarball's users) drew them as boxes. Kanpe carries Noto Color Emoji (SIL OFL
1.1, licence in assets/fonts/NotoColorEmoji-OFL.txt; taken unchanged from Debian's
fonts-noto-color-emoji 2.042-0+deb12u1, about 10 MB: the whole set, since the chat may hold any
emoji) and makes it Qt's emoji font there (``QFontDatabase.addApplicationEmojiFontFamily``, so
emoji take it in colour while digits and Latin stay in the interface font). Registering costs
under a millisecond (Qt reads the file when a glyph is first needed); asking fontconfig whether
the machine has an emoji font would cost 40-90 ms before the first slide, so Linux always uses
the bundled one. macOS and Windows always have their own (Apple Color Emoji, Segoe UI Emoji),
which Kanpe leaves in charge.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QGuiApplication

from kanpe.storage.assets import EMOJI_FONT, JAPANESE_FONT, MissingAssetError, asset_path

log = logging.getLogger("kanpe.ui.fonts")

#: The bundled font files, under assets/.
BUNDLED_FONTS = (JAPANESE_FONT,)
#: Text whose every character the bundled fonts must draw (the self-test checks it).
JAPANESE_SAMPLE = "最高です、スライドの文字が小さい。カンペ：残り５分"
#: Emoji the stage itself shows (its reactions and the pinned question's heading).
EMOJI_SAMPLE = "👏😂🤔❓🎉📌"
#: Font files registered in this process, with their families.
_registered: dict[str, tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class BundledFonts:
    """What ``install_bundled_fonts`` registered: the Japanese families and the problems met
    with them; the emoji family (None where the system's emoji font is used) and its problems."""

    families: tuple[str, ...]
    problems: tuple[str, ...]
    emoji: str | None = None
    emoji_problems: tuple[str, ...] = ()


def bundles_emoji() -> bool:
    """Whether Kanpe's own emoji font is used here: not on macOS and Windows, which have one."""
    return sys.platform not in ("darwin", "win32")


def install_bundled_fonts() -> BundledFonts:
    """Register the bundled fonts and make them the application font's fallback families.

    Needs the QGuiApplication. A font that is missing or that Qt cannot load is a problem (said
    in the log and returned), never a reason not to start: the windows still work in Latin.
    Calling it again registers nothing twice.
    """
    families: list[str] = []
    problems: list[str] = []
    for name in BUNDLED_FONTS:
        loaded = _register(name, problems)
        families.extend(family for family in loaded if family not in families)
    for problem in problems:
        log.warning("Japanese text may show as boxes: %s", problem)
    _append_fallbacks(families)
    emoji_problems: list[str] = []
    emoji = _install_emoji(emoji_problems) if bundles_emoji() else None
    return BundledFonts(tuple(families), tuple(problems), emoji, tuple(emoji_problems))


def _register(name: str, problems: list[str]) -> tuple[str, ...]:
    """The families of the bundled font ``name``, registered once; () with a problem said."""
    try:
        path = asset_path(*name.split("/"))
    except MissingAssetError as exc:
        problems.append(str(exc))
        return ()
    loaded = _registered.get(str(path))
    if loaded is None:
        font_id = QFontDatabase.addApplicationFont(str(path))
        loaded = tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()
        if loaded:
            _registered[str(path)] = loaded
    if not loaded:
        problems.append(f"Qt could not load the font {path}")
    return loaded


def _install_emoji(problems: list[str]) -> str | None:
    """Make the bundled emoji font Qt's emoji font; its family, or None with a problem said."""
    loaded = _register(EMOJI_FONT, problems)
    for problem in problems:
        log.warning("Emoji may show as boxes: %s", problem)
    if not loaded:
        return None
    if loaded[0] not in QFontDatabase.applicationEmojiFontFamilies():
        QFontDatabase.addApplicationEmojiFontFamily(loaded[0])
    return loaded[0]


def _append_fallbacks(families: list[str]) -> None:
    """Append ``families`` to the application font's families, after the platform's own.

    The first family is the one Qt really draws the interface with: the platform may name a
    generic alias ("Sans Serif" on Linux) that Qt's own matching does not know, and with such a
    first name Qt would draw everything, Latin too, in the next family of the list.
    QGuiApplication.setFont, not QApplication.setFont: the latter would also drop the fonts the
    platform sets for particular kinds of widgets (menus, tooltips on macOS).
    """
    font = QGuiApplication.font()
    current = font.families() or [font.family()]
    missing = [family for family in families if family not in current]
    if missing:
        font.setFamilies([QFontInfo(font).family(), *current[1:], *missing])
        QGuiApplication.setFont(font)


def missing_glyphs(text: str, font: QFont | None = None) -> str:
    """The characters of ``text`` that ``font`` (default: the application's), with every font Qt
    falls back to, has no glyph for: what would show as a box. Spaces are not asked about."""
    metrics = QFontMetrics(QGuiApplication.font() if font is None else font)
    return "".join(
        c for c in dict.fromkeys(text) if not c.isspace() and not metrics.inFontUcs4(ord(c))
    )
