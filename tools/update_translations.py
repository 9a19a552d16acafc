"""Refresh assets/translations/*.ts from the sources and compile each to the .qm Kanpe loads.

    .venv/bin/python tools/update_translations.py

pyside6-lupdate collects every string passed to ``self.tr`` or ``QCoreApplication.translate`` in
src/kanpe (without file locations, so the .ts changes only when the strings do); translate the new
entries (Qt Linguist: ``pyside6-linguist assets/translations/kanpe_ja.ts``, or by hand), then run
this again: pyside6-lrelease writes the .qm files, which are committed with their .ts.
tests/ui/test_translations.py fails while a string is untranslated or a .qm is stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "assets" / "translations"
LANGUAGES = {"ja": "ja_JP"}


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src" / "kanpe").rglob("*.py"))


def update_ts(ts: Path, language: str) -> None:
    command = [tool("lupdate"), *sources(), "-ts", str(ts), "-locations", "none"]
    command += ["-no-obsolete", "-target-language", language, "-silent"]
    subprocess.run(command, cwd=ROOT, check=True)


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for short, language in LANGUAGES.items():
        ts = FOLDER / f"kanpe_{short}.ts"
        update_ts(ts, language)
        release(ts, ts.with_suffix(".qm"))
        unfinished = ts.read_text(encoding="utf-8").count('type="unfinished"')
        print(f"{ts.relative_to(ROOT)}: {unfinished} untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
