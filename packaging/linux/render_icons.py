"""Render the app icon PNGs from the SVG (run after editing the SVG, commit the PNGs).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/linux/render_icons.py

Source: resources/icons/io.github.hipcoach.HipCoach.svg. Output: the hicolor
tree under packaging/linux/icons/ (scalable copy plus 16..512 px PNGs).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.hipcoach.HipCoach"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt alive)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    scalable = HICOLOR / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / SOURCE.name)
    for size in SIZES:
        folder = HICOLOR / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(folder / f"{APP_ID}.png")):
            print(f"cannot write the {size} px icon", file=sys.stderr)
            return 1
    print(f"rendered {len(SIZES)} sizes into {HICOLOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
