"""Render tianbao.svg (the source) into the files the app and the build use.

    uv run python resources/icons/build_icons.py

tianbao.png (256 px: the window icon) and tianbao.ico (16-256 px: the Windows programs,
shortcuts and installer). Qt renders the SVG; Pillow (which reportlab brings) writes the .ico.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed alive
    renderer = QSvgRenderer(str(HERE / "tianbao.svg"))
    if not renderer.isValid():
        print("tianbao.svg could not be read", file=sys.stderr)
        return 1
    render(renderer, 256).save(HERE / "tianbao.png", optimize=True)
    images = [render(renderer, size) for size in ICO_SIZES]
    images[-1].save(HERE / "tianbao.ico", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    print(f"wrote {HERE / 'tianbao.png'} and {HERE / 'tianbao.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
