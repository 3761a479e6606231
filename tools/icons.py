"""The application icon from its SVG source: the PNG the window and the Linux menu entry use, the Windows .ico
and the macOS .icns the installer spec gives the executable. Run it after editing the SVG and commit what it
writes (building the installer needs no SVG renderer):

    .venv/bin/python tools/icons.py

Qt renders the SVG (PySide6 is there already); Pillow packs the sizes into .ico and .icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "vschool-crm.svg"
PNG = SOURCE.with_suffix(".png")
ICO = ROOT / "packaging" / "windows" / "vschool-crm.ico"
ICNS = ROOT / "packaging" / "macos" / "vschool-crm.icns"

PNG_SIZE = 256  # what Linux menus and the window title ask for at most
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZE = 1024  # Pillow derives the smaller macOS sizes from it


def render(size: int) -> Image.Image:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"Qt cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(buffer.data().data())).convert("RGBA")


def main() -> int:
    render(PNG_SIZE).save(PNG, optimize=True)
    # Each .ico size rendered from the vector, not scaled down: the small ones stay sharp.
    largest, *smaller = (render(size) for size in reversed(ICO_SIZES))
    ICO.parent.mkdir(parents=True, exist_ok=True)
    largest.save(ICO, sizes=[(size, size) for size in ICO_SIZES], append_images=smaller)
    ICNS.parent.mkdir(parents=True, exist_ok=True)
    render(ICNS_SIZE).save(ICNS)
    for path in (PNG, ICO, ICNS):
        print(f"Wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
