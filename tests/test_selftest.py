"""``kanpe --self-test`` and the bundle's startup check of its assets.

The whole self-test runs in a subprocess (it makes its own QApplication); the asset checks are
also called directly, on a copy of assets/ broken in one way per case.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kanpe
from kanpe import selftest
from kanpe.selftest import (
    MANIFEST_NAME,
    Check,
    CheckFailed,
    asset_problems,
    build_manifest,
    bundle_main,
    run_self_test,
)
from kanpe.storage.assets import ASSETS_ENV, EMOJI_FONT, JAPANESE_FONT, MissingAssetError

ROOT = Path(__file__).resolve().parents[1]
CHECK_NAMES = [
    "imports",
    "assets",
    "window",
    "pdf-render",
    "japanese-font",
    "emoji-font",
    "relay-link",
    "audio",
]


def self_test(env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kanpe", "--self-test"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    """A private copy of the repository's assets/, to break."""
    copy = tmp_path / "assets"
    shutil.copytree(ROOT / "assets", copy)
    return copy


def test_self_test_passes_and_prints_one_line_per_check() -> None:
    result = self_test()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [f"ok   {n}" for n in CHECK_NAMES]
    assert lines[-1].startswith(f"self-test passed: {len(CHECK_NAMES)} checks")


def test_self_test_names_a_missing_asset(assets: Path) -> None:
    (assets / "rundown-sample.toml").unlink()
    result = self_test({ASSETS_ENV: str(assets)})
    assert result.returncode == 1
    assert "FAIL assets: rundown-sample.toml: missing" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == f"self-test FAILED: assets (1 of {len(CHECK_NAMES)})"


def test_self_test_fails_without_the_japanese_font(assets: Path) -> None:
    (assets / JAPANESE_FONT).unlink()
    result = self_test({ASSETS_ENV: str(assets)})
    assert result.returncode == 1
    assert f"FAIL assets: {JAPANESE_FONT}: missing" in result.stdout
    assert f"FAIL japanese-font: Kanpe's asset '{JAPANESE_FONT}' is missing" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_self_test_fails_without_the_emoji_font(assets: Path) -> None:
    (assets / EMOJI_FONT).unlink()
    result = self_test({ASSETS_ENV: str(assets)})
    assert result.returncode == 1
    assert f"FAIL assets: {EMOJI_FONT}: missing" in result.stdout
    assert f"FAIL emoji-font: Kanpe's asset '{EMOJI_FONT}' is missing" in result.stdout
    assert "ok   japanese-font" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_self_test_names_an_image_qt_cannot_decode(assets: Path) -> None:
    png = assets / "icons" / "kanpe-256.png"
    png.write_bytes(png.read_bytes()[:200])  # the PNG signature survives, the pixels do not
    assert asset_problems(assets)[0] == []  # only Qt can tell
    result = self_test({ASSETS_ENV: str(assets)})
    assert result.returncode == 1
    assert "FAIL assets: icons/kanpe-256.png: corrupt: Qt cannot decode this image" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("rundown-sample.toml", b"[[slot]\nid = ", "corrupt: not valid TOML"),
        ("rundown-sample.toml", b'[[slot]]\nid = "talk-1"\n', "corrupt: not a valid rundown"),
        ("rundown-sample.toml", b"\xff\xfe not text", "corrupt: not valid TOML"),
        ("icons/kanpe.svg", b"", "corrupt: empty file"),
        ("icons/kanpe.svg", b"\x89PNG not an svg", "corrupt: not valid SVG"),
        ("icons/kanpe-256.png", b"GIF89a", "corrupt: not a PNG file"),
        ("decks/talk.pdf", b"<html>", "corrupt: not a PDF file"),
        ("web/data.json", b"{", "corrupt: not valid JSON"),
        ("fonts/BIZUDPGothic-Regular.ttf", b"<html>", "corrupt: not a TTF font"),
    ],
)
def test_asset_problems_name_the_file_and_the_fault(
    assets: Path, name: str, content: bytes, problem: str
) -> None:
    (assets / name).parent.mkdir(parents=True, exist_ok=True)
    (assets / name).write_bytes(content)
    problems, _ = asset_problems(assets)
    assert len(problems) == 1
    assert problems[0].startswith(f"{name}: {problem}")


def test_the_source_assets_are_sound() -> None:
    problems, count = asset_problems(ROOT / "assets")
    assert problems == []
    assert count >= len(selftest.REQUIRED_ASSETS)


def test_required_assets_are_checked_even_when_the_directory_is_gone(tmp_path: Path) -> None:
    problems, _ = asset_problems(tmp_path / "nowhere")
    assert sorted(p.split(":")[0] for p in problems) == sorted(selftest.REQUIRED_ASSETS)


def write_manifest(assets: Path) -> dict[str, object]:
    manifest = build_manifest(assets, ["kanpe", "kanpe.cli", "kanpe.__main__"], "9.9.9")
    (assets / MANIFEST_NAME).write_text(json.dumps(manifest))
    return manifest


def test_manifest_lists_runtime_assets_not_build_only_ones(assets: Path) -> None:
    manifest = write_manifest(assets)
    names = set(manifest["assets"])  # type: ignore[call-overload]
    assert {"icons/kanpe.svg", "icons/kanpe-256.png", "rundown-sample.toml"} <= names
    assert not any(n.endswith((".ico", ".icns")) or n == MANIFEST_NAME for n in names)
    assert manifest["modules"] == ["kanpe", "kanpe.cli"]
    assert asset_problems(assets)[0] == []


def test_manifest_catches_a_changed_byte_and_a_truncated_file(assets: Path) -> None:
    write_manifest(assets)
    svg = assets / "icons" / "kanpe.svg"
    data = bytearray(svg.read_bytes())
    data[-10] ^= 0x01  # same size, still valid-looking XML
    svg.write_bytes(bytes(data))
    toml = assets / "rundown-sample.toml"
    toml.write_bytes(toml.read_bytes()[:-20])
    problems, _ = asset_problems(assets)
    assert problems == [
        "icons/kanpe.svg: corrupt: its content differs from what the build shipped (SHA-256)",
        f"rundown-sample.toml: corrupt: {toml.stat().st_size} bytes, the build shipped "
        f"{toml.stat().st_size + 20}",
    ]


def test_manifest_catches_a_file_the_build_shipped_that_is_gone(assets: Path) -> None:
    (assets / "extra.txt").write_text("shipped")
    write_manifest(assets)
    (assets / "extra.txt").unlink()
    problems, _ = asset_problems(assets)
    assert [p.split(" (")[0] for p in problems] == ["extra.txt: missing"]


def test_a_damaged_manifest_is_named(assets: Path) -> None:
    (assets / MANIFEST_NAME).write_text("{not json")
    problems, _ = asset_problems(assets)
    assert len(problems) == 1
    assert problems[0].startswith(f"{MANIFEST_NAME}: unreadable")


def test_bundle_main_refuses_to_start_with_a_broken_asset(
    assets: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ASSETS_ENV, str(assets))
    write_manifest(assets)
    (assets / "icons" / "kanpe.svg").unlink()
    assert bundle_main(["relay", "--port", "0"]) == selftest.EXIT_BROKEN_INSTALL
    err = capsys.readouterr().err
    assert "Kanpe cannot start: this installation is damaged." in err
    assert "icons/kanpe.svg: missing" in err


def test_bundle_main_turns_a_missing_asset_at_run_time_into_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def main(argv: list[str]) -> int:
        raise MissingAssetError("Kanpe's asset 'web/audience.html' is missing", "web/audience.html")

    monkeypatch.setattr("kanpe.cli.main", main)
    assert bundle_main(["relay"]) == selftest.EXIT_BROKEN_INSTALL
    assert "'web/audience.html' is missing" in capsys.readouterr().err


def test_bundle_main_runs_the_command_when_the_install_is_sound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr("kanpe.cli.main", lambda argv: seen.append(argv) or 0)
    assert bundle_main(["room", "create"]) == 0
    assert seen == [["room", "create"]]


def test_a_failing_check_is_named_and_the_others_still_run() -> None:
    def crash() -> str:
        raise RuntimeError("boom")

    def refuse() -> str:
        raise CheckFailed("no fonts")

    out = io.StringIO()
    checks = [Check("first", crash), Check("second", refuse), Check("third", lambda: "fine")]
    assert run_self_test(checks, out=out) == 1
    assert out.getvalue().splitlines() == [
        "FAIL first: RuntimeError: boom",
        "FAIL second: no fonts",
        "ok   third: fine",
        "self-test FAILED: first, second (2 of 3)",
    ]


def test_relay_link_check_says_when_the_net_layer_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "kanpe.net.relay", None)
    out = io.StringIO()
    assert run_self_test([Check("relay-link", selftest.check_relay_link)], out=out) == 1
    assert out.getvalue().startswith("FAIL relay-link: module missing: ")


def test_self_test_imports_every_module_of_the_package() -> None:
    modules = selftest.kanpe_modules()
    on_disk = {
        "kanpe." + ".".join(p.relative_to(ROOT / "src" / "kanpe").with_suffix("").parts)
        for p in (ROOT / "src" / "kanpe").rglob("*.py")
    }
    on_disk = {m.removesuffix(".__init__") for m in on_disk} - {"kanpe.__main__"}
    assert modules == on_disk


def test_self_test_fails_when_qt_finds_no_font(tmp_path: Path) -> None:
    """fontconfig with no fonts still lists its "Sans Serif" aliases, and Qt then draws boxes
    that the ink check alone would count as text (as Windows' offscreen platform did)."""
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n")
    result = self_test({"FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert "FAIL window: Qt found no font family" in result.stdout


def test_self_test_names_the_font_it_drew_with() -> None:
    result = self_test()
    (window,) = [line for line in result.stdout.splitlines() if line.startswith("ok   window")]
    assert re.fullmatch(r"ok   window: shown on offscreen, text painted in \S.*", window)


def test_self_test_report_file_gets_the_lines_without_a_stdout(tmp_path: Path) -> None:
    """The windowed Windows exe has no stdout (sys.stdout is None): the report file is how
    build.ps1 reads its self-test on the windows platform."""
    report = tmp_path / "report.txt"
    checks = [Check("first", lambda: "fine"), Check("second", lambda: "fine too")]
    assert run_self_test(checks, out=None, report=report) == 0
    assert report.read_text("utf-8").splitlines() == [
        "ok   first: fine",
        "ok   second: fine too",
        "self-test passed: 2 checks, kanpe " + kanpe.__version__,
    ]


def test_the_report_option_reaches_the_self_test(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    result = subprocess.run(
        [sys.executable, "-m", "kanpe", "--self-test", "--report", str(report)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert report.read_text("utf-8") == result.stdout
