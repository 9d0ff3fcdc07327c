"""Rebuild TianbaoSans-{Regular,Bold}.ttf from Debian's Noto Sans CJK SC (see README.md).

Needs fontTools, which is NOT a project dependency; run it from a throwaway venv:

    apt-get install fonts-noto-cjk
    uv venv /tmp/ftvenv && VIRTUAL_ENV=/tmp/ftvenv uv pip install fonttools==4.68.0
    /tmp/ftvenv/bin/python resources/fonts/build_fonts.py

Steps: take face "Noto Sans CJK SC" out of the .ttc, subset it to the code points below,
convert the CFF outlines to TrueType quadratic outlines (cu2qu, as fontTools' otf2ttf snippet
does), add ballot-box glyphs (☐ ☑ ☒) built from □ ✓ ×, sort the glyphs so reportlab
registers the font quickly, and rename the family (some upstream notices reserve the name
"Source"; "Noto" is a trademark). The output is byte-for-byte reproducible.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
OUT_DIR = Path(__file__).resolve().parent
SC_FACE = 2  # index of "Noto Sans CJK SC" in the Debian .ttc collections
FAMILY = "Tianbao Sans"
PS_FAMILY = "TianbaoSans"
VERSION = "1.000"
MAX_ERR = 1.0  # cu2qu approximation error, in font units (UPM 1000)

# Inclusive code point ranges kept. Chosen for Chinese official forms: the whole URO
# (U+4E00-9FFF, holds 堃 喆 昇 犇 赟 珺), CJK/full-width punctuation, Latin with pinyin
# tone letters, Greek (μ, α), units (㎡ ℃), circled numbers, box/shape symbols.
RANGES: list[tuple[int, int]] = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A/B (pinyin ā á ǎ à ǖ)
    (0x02B0, 0x02FF),  # spacing modifier letters (ˇ ˉ ˊ ˋ ˙)
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic (in GB 2312)
    (0x2000, 0x206F),  # general punctuation (— … “ ” ‘ ’ ‰ ※)
    (0x2070, 0x209F),  # super/subscripts
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x218F),  # letterlike (℃ №), number forms (Ⅰ Ⅱ)
    (0x2190, 0x23FF),  # arrows, math (√ ≤ ≥ ∞), misc technical
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2500, 0x27BF),  # box drawing, shapes (□ ■ ○ ● △), misc symbols (★), dingbats (✓)
    (0x2E80, 0x2FDF),  # CJK/Kangxi radicals (pasted text from PDFs often holds these)
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。〇《》【】)
    (0x30FB, 0x30FC),  # katakana middle dot, prolonged sound mark
    (0x3200, 0x33FF),  # enclosed CJK (㈠ ㊣), CJK compatibility (㎡ ㎏ ㎞)
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xFA0E, 0xFA29),  # the unified ideographs in the compatibility block (﨑 etc.)
    (0xFE30, 0xFE4F),  # CJK compatibility forms (﹏)
    (0xFF00, 0xFFEF),  # full-width forms (，：；！？（）０-９ ￥)
]

NAMES = {
    0: "© 2014-2021 Adobe (http://www.adobe.com/). Modified by the Tianbao project: "
    "subset, TrueType outlines, renamed.",
    3: f"{VERSION};TIANBAO;{{ps}}",
    5: f"Version {VERSION}; derived from Noto Sans CJK SC 2.004",
    8: "Adobe (original); Tianbao project (modifications)",
    13: "This Font Software is licensed under the SIL Open Font License, Version 1.1. "
    "This license is available with a FAQ at: https://openfontlicense.org",
    14: "https://openfontlicense.org",
}


def unicodes() -> list[int]:
    return [cp for lo, hi in RANGES for cp in range(lo, hi + 1)]


def subset_font(font: TTFont) -> None:
    opts = subset.Options()
    # No OpenType layout: reportlab ignores it, Qt shapes Chinese fine without it, and
    # GSUB closure (vertical, locl and JP/KR/TC variants) would nearly double the glyphs.
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    opts.name_IDs = []  # name table is rebuilt below
    opts.glyph_names = False
    opts.hinting = False
    opts.desubroutinize = True
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes())
    sub.subset(font)


def to_truetype(font: TTFont) -> None:
    """CFF -> glyf, following fontTools' Snippets/otf2ttf.py."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    # Unhinted outlines: ask rasterisers for smoothing at every size.
    font["gasp"] = gasp = newTable("gasp")
    gasp.version = 1
    gasp.gaspRange = {0xFFFF: 0x000F}


def add_ballot_boxes(font: TTFont) -> None:
    """Map ☐ to □ and build ☑ (□ + ✓) and ☒ (□ + ×) as composite glyphs."""
    cmap = font.getBestCmap()
    box, check, cross = cmap[0x25A1], cmap[0x2713], cmap[0x00D7]
    glyf, hmtx = font["glyf"], font["hmtx"]
    bb = glyf[box]
    bw, bh = bb.xMax - bb.xMin, bb.yMax - bb.yMin
    new = {}
    for cp, mark in ((0x2611, check), (0x2612, cross)):
        mg = glyf[mark]
        mw, mh = mg.xMax - mg.xMin, mg.yMax - mg.yMin
        scale = 0.72 * min(bw / mw, bh / mh)
        # centre the scaled mark inside the box (offsets are in font units)
        dx = round(bb.xMin + (bw - mw * scale) / 2 - mg.xMin * scale)
        dy = round(bb.yMin + (bh - mh * scale) / 2 - mg.yMin * scale)
        pen = TTGlyphPen(glyf)
        pen.addComponent(box, (1, 0, 0, 1, 0, 0))
        pen.addComponent(mark, (scale, 0, 0, scale, dx, dy))
        g = pen.glyph()
        name = f"uni{cp:04X}"
        new[name] = (cp, g)
    order = font.getGlyphOrder() + list(new)
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    for name, (_, g) in new.items():
        glyf[name] = g
        hmtx[name] = hmtx[box]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0x2610] = box
            for name, (cp, _) in new.items():
                table.cmap[cp] = name
    font["maxp"].maxComponentElements = 2
    font["maxp"].maxComponentDepth = 1
    font["post"].formatType = 3.0


def reorder_for_fast_loading(font: TTFont) -> None:
    """Sort glyphs by code point, full-width (1000 unit) glyphs last.

    reportlab parses cmap, hmtx and loca in pure Python at registration. With this order the
    cmap is a few long runs (no glyph-index arrays) and hmtx stores one advance width for the
    whole trailing run of ideographs.
    """
    old = font.getGlyphOrder()
    first_cp: dict[str, int] = {}
    for cp, name in sorted(font.getBestCmap().items()):
        first_cp.setdefault(name, cp)
    hmtx = font["hmtx"]
    em = font["head"].unitsPerEm
    position = {name: i for i, name in enumerate(old)}

    def key(name: str) -> tuple[bool, int, int]:
        return (hmtx[name][0] == em, first_cp.get(name, 0x110000), position[name])

    font.setGlyphOrder([old[0]] + sorted(old[1:], key=key))


def rename(font: TTFont, style: str) -> None:
    ps = f"{PS_FAMILY}-{style}"
    name = font["name"]
    name.names = []
    entries = dict(NAMES)
    entries[3] = entries[3].format(ps=ps)
    entries |= {1: FAMILY, 2: style, 4: f"{FAMILY} {style}", 6: ps}
    for nid, text in sorted(entries.items()):
        name.setName(text, nid, 3, 1, 0x409)
        name.setName(text, nid, 1, 0, 0)
    font["head"].fontRevision = float(VERSION)
    os2 = font["OS/2"]
    os2.achVendID = "NONE"
    os2.fsType = 0  # installable embedding, as upstream


def build(style: str) -> Path:
    src = SOURCE_DIR / f"NotoSansCJK-{style}.ttc"
    # keep upstream head.created/modified so a rebuild gives identical bytes
    font = TTFont(src, fontNumber=SC_FACE, recalcTimestamp=False)
    assert font["name"].getDebugName(1) == "Noto Sans CJK SC", "unexpected face order"
    subset_font(font)
    to_truetype(font)
    add_ballot_boxes(font)
    reorder_for_fast_loading(font)
    rename(font, style)
    out = OUT_DIR / f"{PS_FAMILY}-{style}.ttf"
    font.save(out)
    return out


def main() -> int:
    for style in ("Regular", "Bold"):
        out = build(style)
        print(f"{out.name}: {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
