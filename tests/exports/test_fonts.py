"""The bundled CJK font: TrueType outlines, coverage, and a reportlab -> pdfplumber round trip."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate

from exports.fonts import BOLD, BOLD_FILE, FONT_DIR, REGULAR, REGULAR_FILE, register_fonts

RARE_NAMES = "堃喆昇犇赟珺"
DIGITS = "0123456789"
PUNCTUATION = "，。、；：“”《》（）——……"
SYMBOLS = "☑☐□√×"


def sfnt_tables(path: Path) -> set[str]:
    """Table tags from the sfnt table directory (fontTools is not a dependency)."""
    with path.open("rb") as f:
        version, count = struct.unpack(">IH", f.read(6))
        assert version == 0x00010000, f"{path.name}: not a TrueType-flavoured sfnt"
        f.seek(12)
        directory = f.read(16 * count)
    return {directory[i * 16:i * 16 + 4].decode("ascii") for i in range(count)}


@pytest.mark.parametrize("path", [REGULAR_FILE, BOLD_FILE], ids=["regular", "bold"])
def test_font_has_truetype_outlines(path):
    tables = sfnt_tables(path)
    assert {"glyf", "loca", "cmap", "hmtx"} <= tables
    assert "CFF " not in tables and "CFF2" not in tables


def test_licence_and_readme_ship_with_the_fonts():
    assert "SIL Open Font License" in (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "OFL" in (FONT_DIR / "README.md").read_text(encoding="utf-8")


def test_register_fonts_is_idempotent():
    names = register_fonts()
    first = pdfmetrics.getFont(REGULAR)
    assert register_fonts() == names == (REGULAR, BOLD)
    assert pdfmetrics.getFont(REGULAR) is first


@pytest.mark.parametrize("name", [REGULAR, BOLD])
def test_font_covers_names_digits_and_punctuation(name):
    register_fonts()
    char_to_glyph = pdfmetrics.getFont(name).face.charToGlyph
    missing = [c for c in RARE_NAMES + DIGITS + PUNCTUATION + SYMBOLS + "AZaz"
               if char_to_glyph.get(ord(c), 0) == 0]
    assert missing == []


def test_bold_tag_maps_to_bold_font():
    regular, bold = register_fonts()
    from reportlab.lib.fonts import tt2ps

    assert tt2ps(regular, 1, 0) == bold
    assert tt2ps(regular, 0, 0) == regular


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    regular, _ = register_fonts()
    path = tmp_path_factory.mktemp("fonts") / "sample.pdf"
    style = ParagraphStyle("body", fontName=regular, fontSize=12, leading=18, wordWrap="CJK")
    doc = SimpleDocTemplate(str(path), pagesize=A4, initialFontName=regular)
    doc.build([
        Paragraph(f"姓名：{RARE_NAMES} 电话：{DIGITS}", style),
        Paragraph(f"<b>粗体：{RARE_NAMES}</b>{PUNCTUATION}{SYMBOLS}", style),
    ])
    return path


def test_pdf_round_trip_returns_the_characters(sample_pdf):
    with pdfplumber.open(sample_pdf) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        bold_text = "".join(c["text"] for c in page.chars if c["fontname"].endswith("-Bold"))
    assert f"姓名：{RARE_NAMES} 电话：{DIGITS}" in text
    assert PUNCTUATION + SYMBOLS in text
    assert bold_text == f"粗体：{RARE_NAMES}"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdf_embeds_font_subsets(sample_pdf):
    out = subprocess.run(["pdffonts", str(sample_pdf)], capture_output=True, text=True,
                         check=True).stdout
    rows = [row.split() for row in out.splitlines()[2:]]
    assert len(rows) == 2, out
    for row in rows:
        name, (emb, sub) = row[0], row[-5:-3]
        assert "TianbaoSans" in name and emb == "yes" and sub == "yes", out
