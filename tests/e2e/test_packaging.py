"""Packaging: the PyInstaller spec, the icons, and the built bundle.

Macs and Windows runners are not available here, so the spec is executed with stand-ins for
PyInstaller's build steps as each system would see it (the installer scripts and the release
workflow are checked in test_release.py). The ``bundle`` tests run on a real bundle:
``make bundle`` (packaging/linux/build.sh) builds one and runs them with KANPE_BUNDLE set.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat
from PyInstaller.utils.hooks import qt as pyinstaller_qt

from kanpe.core.links import APP_SCHEME
from kanpe.selftest import load_manifest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "kanpe.spec"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


# --- the spec, as each system's PyInstaller would run it -----------------------------------


class Recorder:
    """Stands in for one of PyInstaller's build classes: records how the spec called it."""

    def __init__(self, kind: str, calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]):
        self.kind = kind
        self.calls = calls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append((self.kind, args, kwargs))
        if self.kind == "Analysis":
            return FakeAnalysis(kwargs)
        return object()


class FakeAnalysis:
    """What the spec prunes: a few files the PySide6 hooks really collect on each system."""

    def __init__(self, kwargs: dict[str, Any]) -> None:
        self.kwargs = kwargs
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        self.binaries = [(path, "src", "BINARY") for path in COLLECTED]
        self.datas = list(kwargs["datas"])


COLLECTED = [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
]


type Calls = list[tuple[str, tuple[Any, ...], dict[str, Any]]]


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Calls]]:
    """The spec run once as each system's PyInstaller would: its namespace and its build calls."""
    results = {}
    with pytest.MonkeyPatch.context() as patch:
        # The spec patches PyInstaller's plugin collection and sys.path: undo both afterwards.
        patch.setattr(
            pyinstaller_qt.QtLibraryInfo,
            "collect_plugins",
            pyinstaller_qt.QtLibraryInfo.collect_plugins,
        )
        patch.setattr(sys, "path", list(sys.path))
        for platform in ("linux", "darwin", "win32"):
            calls: Calls = []
            namespace: dict[str, Any] = {
                "SPECPATH": str(SPEC.parent),
                "workpath": str(tmp_path_factory.mktemp(f"work-{platform}")),
                "__file__": str(SPEC),
                **{
                    kind: Recorder(kind, calls)
                    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
                },
            }
            patch.setattr(sys, "platform", platform)
            try:
                exec(compile(SPEC.read_text(), str(SPEC), "exec"), namespace)
            finally:
                patch.setattr(sys, "platform", REAL_PLATFORM)
            results[platform] = (namespace, calls)
    return results


@pytest.fixture
def run_spec(specs: dict[str, tuple[dict[str, Any], Calls]]) -> Any:
    return specs.__getitem__


REAL_PLATFORM = sys.platform


def called(
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]], kind: str
) -> list[dict[str, Any]]:
    return [kwargs for k, _, kwargs in calls if k == kind]


def test_spec_builds_one_windowed_folder_named_from_pyproject(run_spec: Any) -> None:
    namespace, calls = run_spec("linux")
    (analysis,) = called(calls, "Analysis")
    (exe,) = called(calls, "EXE")
    (collect,) = called(calls, "COLLECT")
    assert exe["name"] == "kanpe" and exe["console"] is False and exe["exclude_binaries"]
    assert collect["name"] == "kanpe"
    assert not called(calls, "BUNDLE")
    assert {"kanpe.selftest", "kanpe.net.relay", "kanpe.net.link"} <= set(analysis["hiddenimports"])
    assert "kanpe.__main__" not in analysis["hiddenimports"]
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQuick", "PySide6.Qt3DCore"} <= set(
        analysis["excludes"]
    )
    snapshot = Path(namespace["workpath"]) / "assets"
    shipped = {
        (Path(src).relative_to(snapshot).as_posix(), dest)
        for src, dest in analysis["datas"]
        if Path(src).is_relative_to(snapshot)
    }
    assert ("rundown-sample.toml", "assets") in shipped
    assert ("icons/kanpe.svg", "assets/icons") in shipped
    assert ("kanpe-manifest.json", "assets") in shipped
    assert ("fonts/BIZUDPGothic-Regular.ttf", "assets/fonts") in shipped  # Japanese everywhere
    assert ("fonts/OFL.txt", "assets/fonts") in shipped  # with its licence
    assert ("fonts/NotoColorEmoji.ttf", "assets/fonts") in shipped  # emoji on a bare Linux
    assert ("fonts/NotoColorEmoji-OFL.txt", "assets/fonts") in shipped
    assert not any(name.endswith((".ico", ".icns")) for name, _ in shipped)
    manifest = load_manifest(snapshot)
    assert manifest is not None and manifest["version"] == VERSION
    assert "kanpe.selftest" in manifest["modules"]
    assert set(manifest["assets"]) == {name for name, _ in shipped} - {"kanpe-manifest.json"}
    # The pruning after analysis: the gtk3 theme and QtQuick go, what Kanpe needs stays.
    kept = {dest for dest, *_ in namespace["a"].binaries}
    assert kept == {"PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/plugins/platforms/libqxcb.so"}


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_every_bundle_ships_the_japanese_font_and_its_licence(run_spec: Any, platform: str) -> None:
    _, calls = run_spec(platform)
    (analysis,) = called(calls, "Analysis")
    shipped = {(Path(src).name, dest) for src, dest in analysis["datas"]}
    assert {("BIZUDPGothic-Regular.ttf", "assets/fonts"), ("OFL.txt", "assets/fonts")} <= shipped


def test_spec_makes_a_macos_app_with_its_info_plist(run_spec: Any) -> None:
    _, calls = run_spec("darwin")
    (bundle,) = called(calls, "BUNDLE")
    assert bundle["name"] == "Kanpe.app"
    assert bundle["bundle_identifier"] == "org.kanpe.Kanpe"
    assert bundle["version"] == VERSION
    assert bundle["icon"].endswith("assets/icons/kanpe.icns")
    plist = bundle["info_plist"]
    assert plist["NSHighResolutionCapable"] is True
    assert "relay" in plist["NSLocalNetworkUsageDescription"]
    assert plist["CFBundleShortVersionString"] == VERSION
    assert plist["LSMinimumSystemVersion"] == "14.0"
    (scheme,) = plist["CFBundleURLTypes"]
    assert scheme["CFBundleURLSchemes"] == [APP_SCHEME]  # kanpe: links open the app
    (pdf,) = plist["CFBundleDocumentTypes"]
    assert pdf["LSItemContentTypes"] == ["com.adobe.pdf"]
    assert pdf["LSHandlerRank"] == "Alternate"  # offered in Open With, never the default
    (exe,) = called(calls, "EXE")
    assert exe["console"] is False and exe["strip"] is False  # stripping breaks signatures


def test_spec_gives_windows_a_console_twin_for_printing(run_spec: Any) -> None:
    _, calls = run_spec("win32")
    exes = {exe["name"]: exe for exe in called(calls, "EXE")}
    assert exes["kanpe"]["console"] is False
    assert exes["kanpe-cli"]["console"] is True
    assert all(exe["icon"].endswith("kanpe.ico") for exe in exes.values())
    assert not called(calls, "BUNDLE")


def pyinstaller_version_loader() -> Any:
    """PyInstaller's reader of version files. Its module imports pefile and win32api, which
    exist on Windows only; the reader needs neither, so it runs here without them."""
    source = Path(pyinstaller_qt.__file__).parents[2] / "win32" / "versioninfo.py"
    text = source.read_text("utf-8")
    for windows_only in ("import pefile", "from PyInstaller.compat import win32api"):
        assert windows_only in text
        text = text.replace(windows_only, f"pass  # {windows_only}")
    namespace: dict[str, Any] = {"__name__": "versioninfo_without_windows"}
    exec(compile(text, str(source), "exec"), namespace)
    return namespace["load_version_info_from_text_file"]


def test_spec_stamps_both_windows_exes_with_the_pyproject_version(run_spec: Any) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    from versioninfo import numeric_version

    _, calls = run_spec("win32")
    numbers = numeric_version(VERSION)
    for exe in called(calls, "EXE"):
        text = Path(exe["version"]).read_text("utf-8")
        tree = ast.parse(text)  # PyInstaller evaluates it as a Python expression
        assert isinstance(tree.body[0], ast.Expr)
        assert f"filevers={numbers!r}" in text and f"prodvers={numbers!r}" in text
        assert f"StringStruct('ProductVersion', {VERSION!r})" in text
        assert f"StringStruct('FileVersion', {VERSION!r})" in text
        assert f"StringStruct('OriginalFilename', '{exe['name']}.exe')" in text
        info = pyinstaller_version_loader()(exe["version"])  # as EXE(version=...) reads it
        assert info.ffi.fileVersionMS == numbers[0] << 16 | numbers[1]
        assert info.toRaw()  # and packs it into the resource
    linux_exe, *_ = called(run_spec("linux")[1], "EXE")
    assert linux_exe["version"] is None


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/Qt/lib/libQt6QuickControls2.so.6", False),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
        ("PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", True),
        ("PySide6/Qt6WebEngineCore.dll", False),
        ("PySide6/opengl32sw.dll", False),
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qtdeclarative_ja.qm", False),
        ("PySide6/Qt/translations/qt_help_ja.qm", False),
        ("assets/web/audience.html", True),
    ],
)
def test_spec_keeps_only_what_kanpe_uses(run_spec: Any, dest: str, kept: bool) -> None:
    namespace, _ = run_spec("linux")
    assert namespace["keep"](dest) is kept


# --- icons ---------------------------------------------------------------------------------


def test_icons_regenerate_from_the_svg_at_every_size(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_icons.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    committed = ROOT / "assets" / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        with (
            Image.open(tmp_path / f"kanpe-{size}.png") as fresh,
            Image.open(committed / f"kanpe-{size}.png") as old,
        ):
            assert fresh.size == old.size == (size, size)
            assert fresh.mode == "RGBA"
            # The committed PNGs were made from the current SVG (regenerate after editing it).
            diff = ImageStat.Stat(ImageChops.difference(fresh, old.convert("RGBA"))).mean
            assert max(diff) < 2.0, f"kanpe-{size}.png is stale: run tools/make_icons.py"
    for folder in (tmp_path, committed):
        with Image.open(folder / "kanpe.ico") as ico:
            assert {16, 24, 32, 48, 256} <= {w for w, _ in ico.info["sizes"]}
        with Image.open(folder / "kanpe.icns") as icns:
            assert {(512, 512, 2), (128, 128, 1), (16, 16, 2)} <= set(icns.info["sizes"])
        with Image.open(folder / "kanpe-16.png") as small:
            # A 16 px icon is drawn, not blank: the mark is visible at taskbar size.
            assert small.getextrema()[3][1] == 255


# --- a real bundle (make bundle sets KANPE_BUNDLE) -----------------------------------------


@pytest.fixture
def bundle() -> Path:
    # These run in `make bundle` (marker "bundle"), which builds the bundle first; the default
    # test run deselects them instead of skipping.
    path = os.environ.get("KANPE_BUNDLE")
    assert path, "run with -m bundle and KANPE_BUNDLE=dist/kanpe, as `make bundle` does"
    return Path(path)


@pytest.fixture
def damaged(bundle: Path) -> Iterator[Path]:
    """A copy of the bundle to break: hard links where possible (it is ~140 MB)."""
    copy = bundle.parent / f".damaged-{os.getpid()}"
    shutil.rmtree(copy, ignore_errors=True)

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(bundle, copy, symlinks=True, copy_function=link)
    yield copy
    shutil.rmtree(copy, ignore_errors=True)


def replace(path: Path, data: bytes | None) -> None:
    """Delete ``path`` (never write through it: it is a hard link to the real bundle)."""
    path.unlink()
    if data is not None:
        path.write_bytes(data)


def run_bundle(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KANPE_ASSETS", None)
    return subprocess.run(
        [str(folder / "kanpe"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.bundle
def test_bundle_reports_the_pyproject_version(bundle: Path) -> None:
    result = run_bundle(bundle, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"kanpe {VERSION}"


@pytest.mark.bundle
def test_bundle_with_a_missing_asset_names_it_and_exits_non_zero(damaged: Path) -> None:
    replace(damaged / "_internal" / "assets" / "rundown-sample.toml", None)
    started = run_bundle(damaged)
    assert started.returncode == 3
    assert "rundown-sample.toml: missing" in started.stderr
    assert "Traceback" not in started.stderr
    tested = run_bundle(damaged, "--self-test")
    assert tested.returncode == 1
    assert "FAIL assets: rundown-sample.toml: missing" in tested.stdout


@pytest.mark.bundle
def test_bundle_with_a_corrupt_asset_names_it_and_exits_non_zero(damaged: Path) -> None:
    svg = damaged / "_internal" / "assets" / "icons" / "kanpe.svg"
    data = bytearray(svg.read_bytes())
    data[len(data) // 2] ^= 0x20
    replace(svg, bytes(data))
    started = run_bundle(damaged, "relay", "--port", "0")
    assert started.returncode == 3
    assert "icons/kanpe.svg: corrupt" in started.stderr
    assert "Traceback" not in started.stderr
    tested = run_bundle(damaged, "--self-test")
    assert tested.returncode == 1
    assert "FAIL assets: icons/kanpe.svg: corrupt" in tested.stdout


@pytest.mark.bundle
def test_bundle_self_test_names_a_missing_qt_plugin_instead_of_aborting(damaged: Path) -> None:
    (plugin,) = (damaged / "_internal").rglob("platforms/libqoffscreen.so")
    replace(plugin, None)
    tested = run_bundle(damaged, "--self-test")
    assert tested.returncode == 1, tested.stderr
    assert "FAIL window: Qt platform plugin 'offscreen' is not in" in tested.stdout
    assert "ok   relay-link" in tested.stdout  # the other checks still ran


@pytest.mark.bundle
def test_bundle_self_test_names_a_missing_library(damaged: Path) -> None:
    (module,) = (damaged / "_internal" / "PySide6").glob("QtPdf.*")
    replace(module, None)
    tested = run_bundle(damaged, "--self-test")
    assert tested.returncode == 1
    assert "FAIL pdf-render: ModuleNotFoundError: No module named 'PySide6.QtPdf'" in tested.stdout


# What a double click does: the bundle with no arguments, on a real X server (Xvfb), until the
# start window is mapped; xwininfo (x11-utils) reads the window's title from the X server.
_SEE_START_WINDOW = r"""
"$KANPE" & app=$!
for _ in $(seq 1 600); do
    if ! kill -0 "$app" 2>/dev/null; then echo "kanpe exited"; wait "$app"; exit 1; fi
    if xwininfo -name "Welcome to Kanpe" 2>/dev/null | grep -q "Map State: IsViewable"; then
        xwininfo -name "Welcome to Kanpe" | grep -E "Width|Height"
        kill "$app"; wait "$app"; exit 0
    fi
    sleep 0.1
done
echo "no start window within 60 s"; kill "$app"; exit 1
"""


@pytest.mark.bundle
def test_bundle_with_no_arguments_shows_the_start_window(bundle: Path, tmp_path: Path) -> None:
    assert shutil.which("xvfb-run") and shutil.which("xwininfo"), "make runtime-deps installs them"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "KANPE_ASSETS")}
    env.update(
        KANPE=f"{bundle}/kanpe",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        LANG="C.UTF-8",
        LANGUAGE="en",
    )
    run = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "bash", "-c", _SEE_START_WINDOW],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    width = int(re.search(r"Width: (\d+)", run.stdout).group(1))  # type: ignore[union-attr]
    assert width >= 600, run.stdout
    assert "Traceback" not in run.stderr
