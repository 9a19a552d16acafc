"""Japanese renders with the fonts Kanpe ships, whatever fonts the machine has.

The speaker app runs in a process of its own (japanese_probe.py) with a Japanese desktop and a
fontconfig of the test's making that sees one Latin font and nothing else: the state of a fresh
Debian with no Japanese font. Kanpe's bundled font reaches Qt only through Kanpe's own
registration at start-up, as on macOS and Windows, where there is no fontconfig. Every text of
the stage, the console and the overlay, with the Japanese translation loaded, must have a glyph
for every character, and the stage's emoji (its reactions, the pinned question's 📌) are drawn in
colour from the bundled emoji font. The same run without the bundled fonts must not: that proves
the machine's own Japanese and emoji fonts (this one has some) were out of reach.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kanpe.core.model import REACTIONS
from kanpe.storage.assets import ASSETS_ENV, EMOJI_FONT, JAPANESE_FONT
from tests.ui.japanese_probe import QUESTION, SAMPLE

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("japanese_probe.py")
#: One Latin font, where Debian's fonts-dejavu-core puts it (the Makefile installs it).
LATIN_FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),)

pytestmark = pytest.mark.skipif(
    not all(path.is_file() for path in LATIN_FONTS), reason="needs fonts-dejavu-core"
)


def isolated_fontconfig(folder: Path, *, bundled: bool) -> Path:
    """A fonts.conf that sees only the Latin font (copied into a folder of its own) and, with
    ``bundled``, the folder of the fonts Kanpe ships too."""
    latin = folder / "latin"
    latin.mkdir(parents=True)
    for path in LATIN_FONTS:
        shutil.copyfile(path, latin / path.name)
    folders = [latin, (ROOT / "assets" / JAPANESE_FONT).parent] if bundled else [latin]
    dirs = "".join(f"  <dir>{path}</dir>\n" for path in folders)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"{dirs}  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        "utf-8",
    )
    return conf


def probe(folder: Path, assets: Path | None = None, *, bundled: bool = False) -> dict[str, Any]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LC_", "LANG", "FONTCONFIG", "QT_QPA_FONTDIR"))
    }
    env.update(
        FONTCONFIG_FILE=str(isolated_fontconfig(folder, bundled=bundled)),
        LANG="ja_JP.UTF-8",
        LANGUAGE="ja",
        QT_QPA_PLATFORM="offscreen",
        HOME=str(folder / "home"),  # no ~/.fonts, no settings of this machine's
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_DATA_HOME=str(folder / "data"),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    if assets is not None:
        env[ASSETS_ENV] = str(assets)
    result = subprocess.run(
        [sys.executable, str(PROBE)],
        capture_output=True,
        text=True,
        timeout=50,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout.splitlines()[-1]))


def boxes(report: dict[str, Any]) -> dict[str, str]:
    """ "window/where: text" -> the characters drawn as boxes; emoji aside (``report["emoji"]``
    has the stage's)."""
    found = {}
    for window, items in report["windows"].items():
        for item in items:
            missing = "".join(c for c in item["missing"] if unicodedata.category(c) != "So")
            if missing:
                found[f"{window}/{item['where']}: {item['text']}"] = missing
    return found


@pytest.mark.slow
@pytest.mark.parametrize("bundled_dir_in_fontconfig", [False, True])
def test_japanese_chat_cue_and_interface_have_a_glyph_for_every_character(
    tmp_path: Path, bundled_dir_in_fontconfig: bool
) -> None:
    """Without the bundled folder in fontconfig, only Kanpe's registration can bring the font
    (as on macOS and Windows); with it, as a Linux package that installs it would."""
    report = probe(tmp_path, bundled=bundled_dir_in_fontconfig)
    assert report["chat"] == [SAMPLE]
    assert report["cue"] == SAMPLE
    shown = {
        (window, item["where"], item["text"])
        for window, items in report["windows"].items()
        for item in items
    }
    # The stage's feed, the console's cue card and the overlay's cue say it; the console speaks
    # Japanese (its translation is loaded).
    assert ("stage", "chat", SAMPLE) in shown
    assert ("console", "cueText", SAMPLE) in shown
    assert ("overlay", "overlayCue", SAMPLE) in shown
    assert ("console", "sectionHeading", "次のスライド") in shown
    others = {f for f in report["families"] if f.startswith(("Noto", "Droid", "IPA"))}
    assert others <= {
        "Noto Color Emoji"
    }  # Kanpe's own: the next test shows it is not the machine's
    assert boxes(report) == {}
    # The stage's emoji, every reaction and the pinned question's 📌, drawn in colour.
    assert report["pinned"] == QUESTION
    emoji = {item["text"]: item for item in report["emoji"]}
    assert sorted(text.split()[0] for text in emoji) == sorted([*REACTIONS, "📌"])
    for text, item in emoji.items():
        assert item["missing"] == "", text
        assert item["coloured"] > 100, text  # not a box, not a monochrome glyph


@pytest.mark.slow
def test_without_the_bundled_font_the_same_windows_show_boxes(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    shutil.copytree(
        ROOT / "assets",
        assets,
        ignore=shutil.ignore_patterns(Path(JAPANESE_FONT).name, Path(EMOJI_FONT).name),
    )
    report = probe(tmp_path / "run", assets)
    found = boxes(report)
    assert report["chat"] == [SAMPLE]
    assert found[f"stage/chat: {SAMPLE}"]
    assert found[f"console/cueText: {SAMPLE}"]
    assert found["console/sectionHeading: 次のスライド"]
    # Nor does the machine's emoji font reach the stage: no colour, and boxes for most.
    assert all(item["coloured"] == 0 for item in report["emoji"])
    assert "👏" in next(item["missing"] for item in report["emoji"] if "👏" in item["text"])
