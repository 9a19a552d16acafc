"""``kanpe --self-test``: does this installation of Kanpe really work?

Run by every build on its bundle, and by a user whose copy misbehaves. It runs headless (Qt's
offscreen platform, unless QT_QPA_PLATFORM asks for another one, e.g. ``xcb`` under Xvfb), prints
one line per check, ``ok   name: detail`` or ``FAIL name: reason``, and exits 0 only if every check
passed. A check that fails does not stop the others. Later features add their own checks to
``CHECKS``.

The bundle also carries a manifest written at build time (``kanpe-manifest.json`` in its assets
directory): the size and SHA-256 of every asset and the list of modules shipped, so a missing or
damaged file is named instead of failing somewhere later. ``bundle_main`` is the bundle's entry
point: it checks the assets against that manifest before anything else runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import json
import os
import pkgutil
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import kanpe
from kanpe.storage.assets import (
    ASSETS_ENV,
    EMOJI_FONT,
    JAPANESE_FONT,
    MissingAssetError,
    assets_dir,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QImage

MANIFEST_NAME = "kanpe-manifest.json"
MANIFEST_FORMAT = 1
#: Assets Kanpe loads by name: every install has them, with or without a manifest.
REQUIRED_ASSETS = (
    "icons/kanpe.svg",
    "icons/kanpe-256.png",
    "rundown-sample.toml",
    JAPANESE_FONT,
    EMOJI_FONT,
)
#: How TrueType and OpenType font files begin.
FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"true", b"OTTO")
#: Files in assets/ that are for building, not for running (they are baked into the executable).
BUILD_ONLY_SUFFIXES = (".ico", ".icns", ".ts")  # .ts: translation sources, shipped as .qm
#: ``python -m kanpe``'s module: importing it runs the command.
SKIP_MODULES = frozenset({"kanpe.__main__"})
RELAY_TIMEOUT = 20.0
WINDOW_TIMEOUT_MS = 5000
EXIT_BROKEN_INSTALL = 3


class CheckFailed(Exception):
    """A check's reason for failing, in one line."""


# --- the manifest ---------------------------------------------------------------------------


def shipped_assets(root: Path) -> list[str]:
    """The files under ``root`` that a bundle ships, as ``/``-separated names, sorted."""
    names = []
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        build_only = name.endswith(BUILD_ONLY_SUFFIXES) or name == MANIFEST_NAME
        if path.is_file() and not hidden and not build_only:
            names.append(name)
    return names


def build_manifest(root: Path, modules: Iterable[str], version: str) -> dict[str, Any]:
    """What a bundle must hold: written by packaging/kanpe.spec, read back by ``check_assets``."""
    return {
        "format": MANIFEST_FORMAT,
        "version": version,
        "modules": sorted(set(modules) - SKIP_MODULES),
        "assets": {name: _fingerprint(root / name) for name in shipped_assets(root)},
    }


def _fingerprint(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def load_manifest(root: Path) -> dict[str, Any] | None:
    """The manifest in the assets directory ``root``; None in a source checkout, which has none.

    Raises CheckFailed if it is there but unreadable: a bundle whose manifest is damaged cannot
    vouch for anything else.
    """
    path = root / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_bytes())
        if manifest.get("format") != MANIFEST_FORMAT or not isinstance(manifest["assets"], dict):
            raise CheckFailed(f"{MANIFEST_NAME}: not a format-{MANIFEST_FORMAT} manifest")
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise CheckFailed(f"{MANIFEST_NAME}: unreadable ({exc})") from None
    return dict(manifest)


# --- assets ---------------------------------------------------------------------------------

#: Checks of one file's content by its name; each returns a problem, or None if the file is fine.
type ContentCheck = Callable[[str, Path], str | None]


def asset_problems(
    root: Path, content_checks: Sequence[ContentCheck] = ()
) -> tuple[list[str], int]:
    """Problems with the assets in ``root`` (``"name: what is wrong"``) and how many were checked.

    With a manifest, every file it lists must be there with the same size and SHA-256; without
    one (a source checkout), every file present is checked for content. REQUIRED_ASSETS must
    exist either way. Only the standard library is used, so a broken Qt cannot hide a broken
    asset; ``content_checks`` add deeper checks (the self-test passes Qt-based ones).
    """
    try:
        manifest = load_manifest(root)
    except CheckFailed as exc:
        return [str(exc)], 1
    expected: dict[str, dict[str, Any]] = {}
    if manifest is not None:
        expected = manifest["assets"]
    elif root.is_dir():
        expected = {name: {} for name in shipped_assets(root)}
    names = sorted(set(expected) | set(REQUIRED_ASSETS))
    problems = []
    for name in names:
        problem = _asset_problem(root, name, expected.get(name, {}), content_checks)
        if problem:
            problems.append(f"{name}: {problem}")
    return problems, len(names)


def _asset_problem(
    root: Path, name: str, fingerprint: dict[str, Any], content_checks: Sequence[ContentCheck]
) -> str | None:
    path = root / name
    if not path.is_file():
        return f"missing (looked for {path})"
    if fingerprint:
        actual = _fingerprint(path)
        if actual["size"] != fingerprint.get("size"):
            return f"corrupt: {actual['size']} bytes, the build shipped {fingerprint.get('size')}"
        if actual["sha256"] != fingerprint.get("sha256"):
            return "corrupt: its content differs from what the build shipped (SHA-256)"
    for check in (_content_problem, *content_checks):
        problem = check(name, path)
        if problem:
            return f"corrupt: {problem}"
    return None


def _content_problem(name: str, path: Path) -> str | None:
    """Cheap, Qt-free checks that the file is what its name says."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if not data:
        return "empty file"
    try:
        if suffix == ".toml":
            tomllib.loads(data.decode("utf-8"))
        elif suffix == ".json":
            json.loads(data)
        elif suffix in (".html", ".js", ".css", ".svg", ".txt", ".md"):
            data.decode("utf-8")
    except (UnicodeDecodeError, ValueError) as exc:
        return f"not valid {suffix[1:].upper()} ({exc})"
    signatures = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<"}
    signature = signatures.get(suffix)
    if signature and not data.lstrip().startswith(signature):
        return f"not a {suffix[1:].upper()} file"
    if suffix in (".ttf", ".otf") and not data.startswith(FONT_SIGNATURES):
        return f"not a {suffix[1:].upper()} font"
    if name == "rundown-sample.toml":
        from kanpe.core.rundown import RundownError
        from kanpe.storage.rundown_file import load_rundown

        try:
            load_rundown(path)
        except RundownError as exc:
            return f"not a valid rundown ({exc})"
    return None


def _qt_content_problem(name: str, path: Path) -> str | None:
    """Decode images and PDFs with the same Qt code that will show them."""
    suffix = path.suffix.lower()
    if suffix in (".png", ".jpg", ".jpeg"):
        from PySide6.QtGui import QImage

        if QImage(str(path)).isNull():
            return "Qt cannot decode this image"
    elif suffix == ".svg":
        from PySide6.QtSvg import QSvgRenderer

        if not QSvgRenderer(str(path)).isValid():
            return "Qt cannot render this SVG"
    elif suffix == ".pdf":
        from PySide6.QtPdf import QPdfDocument

        document = QPdfDocument()
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
            return f"QtPdf cannot open it ({error.name})"
    return None


def check_assets() -> str:
    root, how = assets_dir()
    problems, count = asset_problems(root, (_qt_content_problem,))
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise CheckFailed("; ".join(problems[:3]) + more)
    return f"{count} files in {root} ({how})"


# --- modules --------------------------------------------------------------------------------


def kanpe_modules() -> set[str]:
    """Every module of the kanpe package that this installation has."""
    found = {"kanpe"}
    for info in pkgutil.walk_packages(kanpe.__path__, "kanpe."):
        found.add(info.name)
    return found - SKIP_MODULES


def check_imports() -> str:
    root, _ = assets_dir()
    try:
        manifest = load_manifest(root)
    except CheckFailed:
        manifest = None  # the assets check names it
    names = kanpe_modules() | set(manifest["modules"] if manifest else ())
    failures = []
    for name in sorted(names - SKIP_MODULES):
        try:
            importlib.import_module(name)
        except Exception as exc:  # any failure to import is what this check reports
            failures.append(f"{name} ({type(exc).__name__}: {exc})")
    if failures:
        raise CheckFailed(f"{len(failures)} of {len(names)} modules failed: " + "; ".join(failures))
    return f"{len(names)} modules"


def check_audio() -> str:
    """miniaudio's native part is in the bundle: its own null device opens, plays and closes
    (the machine that builds the bundle need not have a sound card)."""
    import miniaudio

    device = miniaudio.PlaybackDevice(nchannels=1, backends=[miniaudio.Backend.NULL])
    try:
        return f"miniaudio {miniaudio.__version__} ({device.backend} device)"
    finally:
        device.close()


# --- Qt: a window, a PDF --------------------------------------------------------------------


def _qt_app() -> Any:
    """The QApplication, made on first use; fails clearly if the platform plugin is not shipped."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    platform = os.environ["QT_QPA_PLATFORM"].split(":")[0]
    # Where Qt will look: QT_PLUGIN_PATH (set by PyInstaller's runtime hook), the plugin path of
    # the Qt build (qt.conf), and the executable's folder.
    folders = [Path(path) / "platforms" for path in QCoreApplication.libraryPaths()]
    if not any(platform in plugin.name for folder in folders for plugin in folder.glob("*")):
        # Without this Qt would abort the whole process with a message about "no platform plugin".
        where = ", ".join(str(folder) for folder in folders) or "(no plugin folders)"
        raise CheckFailed(f"Qt platform plugin {platform!r} is not in {where}")
    return QApplication([sys.argv[0] if sys.argv else "kanpe", "-platform", platform])


def _wait_until(condition: Callable[[], bool], timeout_ms: int) -> bool:
    """Run Qt's event loop until ``condition()`` holds or ``timeout_ms`` passes."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)

    def check() -> None:
        if condition():
            loop.quit()

    poll.timeout.connect(check)
    QTimer.singleShot(timeout_ms, loop.quit)
    poll.start()
    loop.exec()
    poll.stop()
    return condition()


def _on_white(image: QImage) -> QImage:
    """``image`` composed over white, as ARGB32: QtPdf leaves the page background transparent."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    flat = QImage(image.size(), QImage.Format.Format_ARGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat


def _ink_fraction(image: QImage, left: float = 0.0, right: float = 1.0) -> float:
    """The share of pixels between ``left`` and ``right`` (fractions of the width) that are
    darker than light grey once composed over white: 0.0 for a blank image."""
    flat = _on_white(image)
    width, height = flat.width(), flat.height()
    pixels = memoryview(flat.constBits()).cast("I")  # native-endian 0xAARRGGBB per pixel
    columns = range(int(width * left), int(width * right))
    if not columns or height == 0:
        return 0.0
    inked = 0
    for y in range(height):
        row = y * (flat.bytesPerLine() // 4)
        for x in columns:
            pixel = pixels[row + x]
            if ((pixel >> 16) & 0xFF) + ((pixel >> 8) & 0xFF) + (pixel & 0xFF) < 3 * 0xC0:
                inked += 1
    return inked / (len(columns) * height)


def _font_family(font: QFont) -> str:
    """The family Qt really draws ``font`` with; fails when there is none. Without fonts every
    glyph is drawn as a box, which the ink check alone would count as painted text (Windows'
    offscreen platform without QT_QPA_FONTDIR; fontconfig with no fonts, which still lists its
    "Sans Serif" aliases)."""
    from PySide6.QtGui import QFontDatabase, QRawFont

    family = QRawFont.fromFont(font).familyName()
    if not QFontDatabase.families() or not family:
        raise CheckFailed("Qt found no font family: every text would be drawn as boxes")
    return family


def check_window() -> str:
    """Open a window with Kanpe's icon on the chosen platform and check it was painted."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QLabel

    from kanpe.storage.assets import asset_path

    app = _qt_app()
    icon = QIcon(str(asset_path("icons", "kanpe.svg")))
    if icon.pixmap(64, 64).isNull():
        raise CheckFailed("the SVG icon engine cannot draw icons/kanpe.svg")
    app.setWindowIcon(icon)
    window = QLabel("Kanpe self-test")
    window.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setStyleSheet("background: white; color: black; font-size: 24px;")
    window.resize(320, 120)
    window.show()
    try:
        exposed = _wait_until(
            lambda: window.windowHandle() is not None and window.windowHandle().isExposed(),
            WINDOW_TIMEOUT_MS,
        )
        if not exposed:
            raise CheckFailed(f"the window was not shown within {WINDOW_TIMEOUT_MS} ms")
        ink = _ink_fraction(window.grab().toImage())
        family = _font_family(window.font())
    finally:
        window.close()
        window.deleteLater()
    if ink < 0.005:
        raise CheckFailed("the window was shown but nothing was painted in it (no fonts?)")
    return f"shown on {app.platformName()}, text painted in {family}"


def check_pdf_render() -> str:
    """Write a one-page PDF with QPdfWriter, render it with QtPdf, and look at the pixels."""
    from PySide6.QtCore import QMarginsF, QRect, QSize, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
    from PySide6.QtPdf import QPdfDocument

    _qt_app()
    with tempfile.TemporaryDirectory(prefix="kanpe-selftest-") as tmp:
        path = Path(tmp) / "page.pdf"
        writer = QPdfWriter(str(path))
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A5),
                QPageLayout.Orientation.Landscape,
                QMarginsF(0, 0, 0, 0),
            )
        )
        painter = QPainter(writer)
        width, height = writer.width(), writer.height()
        # Left half: a solid block of colour. Right half: large text, so fonts are exercised.
        painter.fillRect(QRect(0, 0, width // 2, height), QColor("#16324f"))
        font = QFont()
        font.setPixelSize(height // 2)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(
            QRect(width // 2, 0, width // 2, height), Qt.AlignmentFlag.AlignCenter, "K"
        )
        painter.end()
        document = QPdfDocument()
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise CheckFailed(f"QtPdf could not open the PDF QPdfWriter wrote ({error.name})")
        pages = document.pageCount()
        image = document.render(0, QSize(210, 148))
        document.close()
    if image.isNull():
        raise CheckFailed("QtPdf rendered a null image")
    block = _on_white(image).pixelColor(image.width() // 4, image.height() // 2)
    if block.name() != "#16324f":
        raise CheckFailed(f"the solid block rendered as {block.name()}, not #16324f")
    text = _ink_fraction(image, 0.5, 1.0)
    if text < 0.01:
        raise CheckFailed("the text on the page rendered blank (fonts missing?)")
    return f"page 1 of {pages} rendered at {image.width()}x{image.height()}, text {text:.0%} inked"


def check_japanese_font() -> str:
    """Register the bundled Japanese font as the app does, and check that it alone, with no
    font of the machine's to fall back to, draws Japanese."""
    from PySide6.QtGui import QFont

    from kanpe.ui.fonts import JAPANESE_SAMPLE, install_bundled_fonts, missing_glyphs

    _qt_app()
    fonts = install_bundled_fonts()
    if fonts.problems:
        raise CheckFailed("; ".join(fonts.problems))
    for family in fonts.families:
        alone = QFont(family)
        alone.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
        missing = missing_glyphs(JAPANESE_SAMPLE, alone)
        if missing:
            raise CheckFailed(f"{family} has no glyph for {missing!r}")
    return f"{', '.join(fonts.families)} loaded, draws Japanese"


def check_emoji_font() -> str:
    """The stage's emoji (reactions, the pinned heading) have glyphs: from the bundled colour
    emoji font alone on Linux, where a machine may have none; macOS and Windows use their own."""
    from PySide6.QtGui import QFont

    from kanpe.ui.fonts import EMOJI_SAMPLE, bundles_emoji, install_bundled_fonts, missing_glyphs

    _qt_app()
    fonts = install_bundled_fonts()
    if not bundles_emoji():
        return "the system's emoji font"
    if fonts.emoji is None:
        raise CheckFailed("; ".join(fonts.emoji_problems) or "no emoji font loaded")
    alone = QFont(fonts.emoji)
    alone.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    missing = missing_glyphs(EMOJI_SAMPLE, alone)
    if missing:
        raise CheckFailed(f"{fonts.emoji} has no glyph for {missing!r}")
    return f"{fonts.emoji} loaded, draws the stage's emoji"


# --- the relay and the link -----------------------------------------------------------------


async def _cue_round_trip(data_dir: Path) -> str:
    from kanpe.core.model import CueKind
    from kanpe.core.protocol import SendCue
    from kanpe.core.rundown import Rundown, Slot
    from kanpe.net.link import LinkClient, wait_for_state
    from kanpe.net.relay import Relay, RelayConfig

    relay = Relay(RelayConfig(host="127.0.0.1", port=0, data_dir=data_dir))
    await relay.start()
    clients: list[LinkClient] = []
    try:
        rundown = Rundown(slots=(Slot(id="talk-1", duration=600),))
        invites = await relay.create_room(name="Self-test", rundown=rundown)
        host = LinkClient(invites.host, client="kanpe-selftest")
        speaker = LinkClient(invites.speakers["talk-1"], client="kanpe-selftest")
        clients += [host, speaker]
        for client in clients:
            await client.start()
            await client.ready()
        started = time.perf_counter()
        ack = await host.command(
            SendCue(id=host.new_id(), slot="talk-1", kind=CueKind.TEXT, text="wrap up")
        )
        state = await wait_for_state(
            speaker, lambda s: s.slots["talk-1"].cue is not None, within=RELAY_TIMEOUT
        )
        elapsed = time.perf_counter() - started
        cue = state.slots["talk-1"].cue
        if cue is None or cue.text != "wrap up" or state.version < ack.version:
            raise CheckFailed(f"the speaker got {cue!r} at version {state.version}")
        return f"cue host -> relay :{relay.port} -> speaker in {elapsed * 1000:.0f} ms"
    finally:
        for client in clients:
            await client.close()
        await relay.stop()


def check_relay_link() -> str:
    try:
        importlib.import_module("kanpe.net.relay")
        importlib.import_module("kanpe.net.link")
    except ImportError as exc:
        raise CheckFailed(f"module missing: {exc}") from None
    with tempfile.TemporaryDirectory(prefix="kanpe-selftest-") as tmp:
        try:
            return asyncio.run(asyncio.wait_for(_cue_round_trip(Path(tmp)), RELAY_TIMEOUT))
        except TimeoutError:
            raise CheckFailed(f"no round trip within {RELAY_TIMEOUT:.0f} s") from None


# --- running the checks ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    run: Callable[[], str]  # returns a one-line detail; raises CheckFailed (or anything) to fail


CHECKS: tuple[Check, ...] = (
    Check("imports", check_imports),
    Check("assets", check_assets),
    Check("window", check_window),
    Check("pdf-render", check_pdf_render),
    Check("japanese-font", check_japanese_font),
    Check("emoji-font", check_emoji_font),
    Check("relay-link", check_relay_link),
    Check("audio", check_audio),
)


def run_self_test(
    checks: Sequence[Check] = CHECKS, out: Any = None, report: Path | None = None
) -> int:
    """Run every check, print one line each, and return the exit code (0: all passed).

    ``report``: also write the lines to this file, for the windowed Windows executable, which
    has no stdout (packaging/windows/build.ps1 runs its self-test that way).
    """
    if report is not None:
        with report.open("w", encoding="utf-8") as file:
            return run_self_test(checks, _Tee(out if out is not None else sys.stdout, file))
    stream = out if out is not None else sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _offscreen_fonts_on_windows()
    failed = []
    for check in checks:
        try:
            line = f"ok   {check.name}: {check.run()}"
        except CheckFailed as exc:
            line = f"FAIL {check.name}: {exc}"
            failed.append(check.name)
        except Exception as exc:  # a check that crashes has failed; say how, in one line
            line = f"FAIL {check.name}: {type(exc).__name__}: {exc}"
            failed.append(check.name)
        _say(line, stream)
    if failed:
        _say(f"self-test FAILED: {', '.join(failed)} ({len(failed)} of {len(checks)})", stream)
        return 1
    _say(f"self-test passed: {len(checks)} checks, kanpe {kanpe.__version__}", stream)
    return 0


def _say(line: str, stream: Any) -> None:
    if stream is not None:  # a windowed Windows executable has no stdout at all
        print(line, file=stream, flush=True)


@dataclass(frozen=True, slots=True)
class _Tee:
    """Writes to a stream (None: none) and a report file."""

    stream: Any
    file: Any

    def write(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(text)
        self.file.write(text)

    def flush(self) -> None:
        if self.stream is not None:
            self.stream.flush()
        self.file.flush()


def _offscreen_fonts_on_windows() -> None:
    """Qt's offscreen platform reads fonts with FreeType from QT_QPA_FONTDIR, which Windows does
    not set: point it at Windows' own fonts, so the headless self-test draws real glyphs."""
    if os.name != "nt" or not os.environ["QT_QPA_PLATFORM"].startswith("offscreen"):
        return
    fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    if fonts.is_dir():
        os.environ.setdefault("QT_QPA_FONTDIR", str(fonts))


# --- the bundle's entry point ---------------------------------------------------------------


def bundle_main(argv: Sequence[str] | None = None) -> int:
    """Check the bundle's assets, then run the ``kanpe`` command; a broken install gets a
    message naming the file and exit code 3, never a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" not in args:  # the self-test reports assets itself, with the rest
        root, _ = assets_dir()
        problems, _count = asset_problems(root)
        if problems:
            return _broken_install(problems, args)
    from kanpe.cli import main

    try:
        return main(args)
    except MissingAssetError as exc:
        return _broken_install([str(exc)], args)


def _broken_install(problems: list[str], args: Sequence[str]) -> int:
    text = "\n".join(
        [
            "Kanpe cannot start: this installation is damaged.",
            *(f"  {problem}" for problem in problems),
            f"Reinstall Kanpe (or set {ASSETS_ENV} to a complete assets directory).",
        ]
    )
    if sys.stderr is not None:
        print(text, file=sys.stderr, flush=True)
    if not args and _launched_from_desktop():
        _show_error_dialog(text)
    return EXIT_BROKEN_INSTALL


def _launched_from_desktop() -> bool:
    """Started by a double click (no terminal to print to) on a platform that can show a dialog."""
    interactive = sys.stderr is not None and sys.stderr.isatty()
    headless = os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal"))
    return not interactive and not headless


def _show_error_dialog(text: str) -> None:
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication([])
        QMessageBox.critical(None, "Kanpe", text)
    except Exception:  # noqa: S110 - the message was printed; a dialog is a courtesy
        pass
