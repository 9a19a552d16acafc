"""The Japanese translation: complete, current with the sources, compiled, and used.

tools/update_translations.py refreshes assets/translations/kanpe_ja.ts from the sources and
compiles it to kanpe_ja.qm; both are committed. These tests fail when a new string has no
translation yet, when a .qm is stale, or when a translation drops a ``{placeholder}`` that
``str.format`` fills in at run time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "assets" / "translations" / "kanpe_ja.ts"
QM = TS.with_suffix(".qm")
sys.path.insert(0, str(ROOT / "tools"))
import update_translations  # noqa: E402


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name", ""), message.findtext("source", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_string_in_the_sources_is_in_the_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "kanpe_ja.ts"
    shutil.copy(TS, fresh)
    update_translations.update_ts(fresh, "ja_JP")
    added = {(c, s) for c, s, _ in messages(fresh)} - {(c, s) for c, s, _ in messages(TS)}
    assert not added, f"run tools/update_translations.py and translate: {sorted(added)}"
    assert fresh.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), (
        "assets/translations/kanpe_ja.ts is not what lupdate makes of the sources: "
        "run tools/update_translations.py"
    )


def test_every_string_is_translated_and_keeps_its_placeholders() -> None:
    found = messages(TS)
    assert len(found) > 80
    for context, source, message in found:
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)
        text = translation.text or ""
        assert text.strip(), (context, source)
        placeholders = re.compile(r"\{\w*\}")
        assert sorted(placeholders.findall(text)) == sorted(placeholders.findall(source)), (
            context,
            source,
            text,
        )
        assert source.count("\t") == text.count("\t"), (context, source)  # menu shortcuts


def test_the_compiled_translation_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "kanpe_ja.qm"
    update_translations.release(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run tools/update_translations.py"


_JAPANESE_WINDOWS = """
from kanpe.app import application
from kanpe.storage.settings import SettingsStore
from kanpe.ui.speaker.slotmodel import SpeakerSlotModel
from kanpe.ui.speaker.app import SpeakerApp
from kanpe.core.countdown import Phase
from kanpe.ui.phases import phase_label

application()
app = SpeakerApp(SpeakerSlotModel(), settings=SettingsStore.for_speaker(), solo=True)
print(app.stage.windowTitle())
print(app.console.mode.text())
print(app.deck.stage_view.message())
print(phase_label(Phase.OVERTIME))
app.notices.post("forbidden", detail="a speaker may not send timer.start")
print(app.console.notices.texts()[0])
"""


def test_the_language_is_the_first_preferred_one_kanpe_speaks() -> None:
    from kanpe.app import ui_language

    shipped = {"ja"}
    assert ui_language(["ja-JP", "en-US"], shipped) == "ja"
    assert ui_language(["ja"], shipped) == "ja"
    assert ui_language(["en-US", "ja-JP"], shipped) is None  # English first: English
    assert ui_language(["fr-FR", "ja-JP"], shipped) == "ja"  # no French: the next one
    assert ui_language(["fr-FR", "de-DE"], shipped) is None
    assert ui_language(["C"], shipped) is None
    assert ui_language(["pt-BR", "ja-JP"], {"pt_BR", "ja"}) == "pt_BR"
    assert ui_language(["pt-PT"], {"pt"}) == "pt"


def _windows_in(tmp_path: Path, **language: str) -> list[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    env.update(language, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return subprocess.run(
        [sys.executable, "-c", _JAPANESE_WINDOWS],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()


def test_english_first_then_japanese_gets_english(tmp_path: Path) -> None:
    shown = _windows_in(tmp_path, LANG="en_US.UTF-8", LANGUAGE="en_US:ja")
    assert shown[0] == "Kanpe — Stage"


@pytest.mark.parametrize("variable", ["LANG", "LC_ALL"])
def test_a_japanese_desktop_gets_kanpe_in_japanese(tmp_path: Path, variable: str) -> None:
    shown = _windows_in(tmp_path, **{variable: "ja_JP.UTF-8"})
    assert shown == [
        "Kanpe — ステージ",
        "練習モード: S で開始 / 一時停止",
        "スライドが開かれていません。スライドの PDF を開くと、ここに表示されます。",
        "時間超過",
        "あなたの招待ではその操作はできません。",  # the relay's English reason never shows
    ]


_AUTO_CUE = """
from kanpe.app import application
from kanpe.core.model import Cue, CueKind
from kanpe.ui.cuecard import cue_text
application()
for words in ("5 min left", "1:30 left", "45 s left", "Time is up", "Please slow down"):
    print(cue_text(Cue(id="c", slot="s", kind=CueKind.TIME, text=words, sent_at=0.0)))
"""


def test_an_automatic_cue_speaks_the_speakers_language(tmp_path: Path) -> None:
    """The relay words automatic cues in English; a Japanese speaker reads them in Japanese,
    and a host's own words stay as the host wrote them."""
    env = {**os.environ, "LANGUAGE": "ja", "LANG": "ja_JP.UTF-8", "LC_ALL": "ja_JP.UTF-8"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run(
        [sys.executable, "-c", _AUTO_CUE], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["残り 5 分", "残り 1:30", "残り 45 秒", "時間です", "Please slow down"]
