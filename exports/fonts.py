"""The bundled CJK font (Tianbao Sans, derived from Noto Sans CJK SC) for PDF export.

>>> regular, bold = register_fonts()
>>> regular, bold
('TianbaoSans', 'TianbaoSans-Bold')

After registration, ``<b>`` inside a Paragraph whose style uses ``REGULAR`` maps to ``BOLD``.
The Qt UI loads the same files from ``FONT_DIR`` (family name "Tianbao Sans").
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from forms.messages import msg

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR = "TianbaoSans"
BOLD = "TianbaoSans-Bold"
REGULAR_FILE = FONT_DIR / "TianbaoSans-Regular.ttf"
BOLD_FILE = FONT_DIR / "TianbaoSans-Bold.ttf"
QT_FAMILY = "Tianbao Sans"


class FontMissingError(Exception):
    """A bundled font file is missing or unreadable (a broken installation)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path

    def text(self) -> str:
        return msg("找不到内置字体文件 {name}，无法生成 PDF。请重新安装填报程序。", name=self.path.name)


def register_fonts() -> tuple[str, str]:
    """Register regular and bold with reportlab once; later calls cost nothing."""
    known = set(pdfmetrics.getRegisteredFontNames())
    if REGULAR in known and BOLD in known:
        return REGULAR, BOLD
    for name, path in ((REGULAR, REGULAR_FILE), (BOLD, BOLD_FILE)):
        if name not in known:
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (OSError, TTFError) as exc:
                raise FontMissingError(path) from exc
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD
