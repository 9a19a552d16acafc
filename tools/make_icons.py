"""Render Kanpe's app icon from its one source, assets/icons/kanpe.svg.

    .venv/bin/python tools/make_icons.py            # rewrite the committed icons
    .venv/bin/python tools/make_icons.py --out DIR  # write them somewhere else (the tests do)

Qt's SVG renderer (QtSvg, part of PySide6-Essentials) draws every size from the vector source, so
small sizes are rendered, not scaled down from a big bitmap; Pillow packs those PNGs into the
Windows .ico and the macOS .icns. Run it after editing the SVG and commit all the outputs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "assets" / "icons" / "kanpe.svg"

#: PNGs Kanpe loads at run time (window icon, Linux desktop file) or that docs may show.
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
#: Frames of kanpe.ico: what Windows asks for, from the taskbar (16-32) to large icons (256).
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: Frames of kanpe.icns that Pillow writes (it derives the @2x entries from the same PNGs).
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int, path: Path) -> None:
    """Draw the SVG at ``size`` x ``size`` pixels into the PNG file ``path``, with alpha."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(path)):
        raise SystemExit(f"make_icons: could not write {path}")


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Write kanpe-<size>.png, kanpe.ico and kanpe.icns into ``out``; return the paths written."""
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    written = []
    with tempfile.TemporaryDirectory(prefix="kanpe-icons-") as tmp:
        images = {}
        for size in sizes:
            png = Path(tmp) / f"kanpe-{size}.png"
            render_png(svg, size, png)
            with Image.open(png) as image:
                images[size] = image.convert("RGBA")
            if size in PNG_SIZES:
                written.append(Path(shutil.copyfile(png, out / png.name)))
    ico = out / "kanpe.ico"
    images[max(ICO_SIZES)].save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)
    icns = out / "kanpe.icns"
    images[max(ICNS_SIZES)].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES])
    written.append(icns)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=SOURCE, help="the SVG (default: %(default)s)"
    )
    parser.add_argument(
        "--out", type=Path, default=SOURCE.parent, help="output directory (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    for path in make_icons(args.source, args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
