"""Chinese line breaking (避头尾) for the PDF's paragraphs.

No line starts with closing punctuation (，。、；：？！）》” …) and none ends with opening
punctuation (（《“ …); a run of Latin letters or digits (2024, CACA) is not cut when a
break before it is near. reportlab's own CJK wrap knows only part of the closing marks
(not ，；：？！”) and nothing of the opening ones, so ``FormParagraph`` breaks its lines here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Closing marks and ASCII equivalents: never at the start of a line.
NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〉〗〙］｝”’．％‰℃·～"
    ",.;:?!)]}%"
    "…ー々ゝゞ")
# Opening marks: never at the end of a line.
NO_LINE_END = frozenset("（《「『【〔〈〖〘［｛“‘([{")
LOOK_BACK = 8  # characters a break may move back to obey the punctuation rules
PAIRED = frozenset("…—")  # ……, ——: one mark of two characters


def _in_word(before: str, after: str) -> bool:
    return (before.isascii() and before.isalnum()) and (after.isascii() and after.isalnum())


def can_break(before: str, after: str) -> bool:
    """Whether a line may end with ``before`` and the next start with ``after``."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (before == after and before in PAIRED)


def break_point(chars: Sequence[str], start: int, end: int) -> int:
    """Where the line ``chars[start:]`` that no longer fits at ``end`` should end (the
    index of the next line's first character): at ``end`` if the rules allow, else a little
    earlier; inside a long Latin run (a URL) as near ``end`` as the punctuation allows."""
    if end >= len(chars) or end <= start + 1:
        return end
    earliest = max(start + 1, end - LOOK_BACK)
    fallback = None
    for cut in range(end, earliest - 1, -1):
        before, after = chars[cut - 1], chars[cut]
        if can_break(before, after):
            if not _in_word(before, after):
                return cut
            fallback = fallback or cut
    return fallback or end


def split_text(frag: Any, text: str, max_widths: Sequence[float]) -> Any:
    """A paragraph of one font: its lines as reportlab's plain lines (kind 0), which draw
    and split the fastest (a 200,000-character cell)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: PLC0415
    from reportlab.rl_config import _FUZZ  # noqa: PLC0415

    sizes: dict[str, float] = {}
    font, size = frag.fontName, frag.fontSize
    widths = [sizes.get(char) or sizes.setdefault(char, stringWidth(char, font, size))
              for char in text]
    lines = []
    start, count = 0, len(text)
    while start < count:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used, end = 0.0, start
        while end < count and (end == start or used + widths[end] <= limit + _FUZZ):
            used += widths[end]
            end += 1
        if end < count:
            cut = break_point(text, start, end)
            if cut != end:
                used -= sum(widths[cut:end])
                end = cut
        lines.append((limit - used, [text[start:end]]))
        start = end
    return frag.clone(kind=0, lines=lines, ascent=size, descent=-0.2 * size)


def split_frags(frags: list, max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """reportlab's ``cjkFragSplit``, with the line ends chosen by ``break_point``."""
    # reportlab only here: exports.layout (and the XLSX export) use the rules above.
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine  # noqa: PLC0415
    from reportlab.rl_config import _FUZZ  # noqa: PLC0415

    chars: list[Any] = []
    for frag in frags:
        text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
        if text:
            chars.extend(cjkU(char, frag, "utf8") for char in text)
        else:
            chars.append(cjkU(text, frag, "utf8"))  # an empty frag: <br/> or a font change
    lines = []
    start, count = 0, len(chars)
    while start < count:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used, end, forced = 0.0, start, False
        while end < count:
            char = chars[end]
            if hasattr(char.frag, "lineBreak"):
                end, forced = end + 1, True
                break
            if used + char.width > limit + _FUZZ and end > start:
                break
            used += char.width
            end += 1
        if not forced and end < count:
            cut = break_point(chars, start, end)
            if cut != end:
                used -= sum(char.width for char in chars[cut:end])
                end = cut
        lines.append(makeCJKParaLine(chars[start:end], limit, used, limit - used, forced,
                                     calc_bounds))
        start = end
    return ParaLines(kind=1, lines=lines)


def join_lines(para_lines: Any, start: int, stop: int) -> list:
    """The frags of lines ``start:stop``, as they are (a split paragraph's part is made of
    these): with no space put between lines, unlike reportlab's own rejoining."""
    return [word for line in para_lines.lines[start:stop] for word in line.words]
