"""A name-list cell as people write it: the count, the names, 等 and a note after them.

``1431家；四川省肿瘤医院、成都市第五人民医院；等`` is how the paper form writes it; the count
may also come after the names (``甲医院、乙医院等5家``, ``甲、乙、丙共3家``). The count is kept
as written, for the field type (``forms.lists``) to read or refuse; the widget splits a
pasted cell with the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from forms.pairs import is_none_mark
from forms.quantity import COUNT_UNITS, Quantity, parse_quantity, plain_words, read_quantity

_SEPARATORS = re.compile(r"(\s*(?:[、；;,，]|\n)\s*)")
_ELLIPSIS = {"…", "……", "...", "......", "等等"}
_ETC = {"等", "等等"}
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:…+|\.{3,}|。{2,})$")
# What comes before the first separator; a comma between digits is no separator (1,431家, and
# 12,00家, which the count then refuses rather than reading 12).
_HEAD_RE = re.compile(r"((?:\d[,，](?=\d)|[^、；;,，：:\n])*)[、；;,，：:\n]?")
_GAP_RE = re.compile(r"\s+")
_LIST_MARKS = re.compile(r"[、；;]")
_BARE_COUNT = re.compile(r"\s*(\d{1,3}(?:,\d{3})*|\d+)\s+(?=\D)")

# Written as a count: words such as 共 or 约, a figure (digits, numerals, look-alike letters,
# separators, ranges, 数/几/多/上…), then a unit: 1431家, 约30余家, 数十家, l431家, 3000-5000家.
_LEAD = r"(?:共计|合计|总计|总共|一共|累计|共有|共|计|大约|约|将近|近|逾|超过|不少于|至少|多达|达|有)"
_FIGURE_CHARS = ("0-9lIOo.,，\\s\\-−~～—–至到+余多几数上成来"
                 "〇○零一二两三四五六七八九十百千万亿壹贰貳叁肆伍陆柒捌玖拾佰仟萬億")
_UNIT_RE = "|".join(re.escape(u) for u in sorted(COUNT_UNITS, key=len, reverse=True))
_COUNT_SHAPE = re.compile(
    rf"\s*(?:{_LEAD}\s*[:：]?\s*)?(?P<figure>[{_FIGURE_CHARS}]*?)\s*(?:(?P<unit>{_UNIT_RE})|$)")
_AMOUNT = re.compile(r"[0-9〇○零一二两三四五六七八九十百千万亿壹贰貳叁肆伍陆柒捌玖拾佰仟萬億数几多]")
_PLACE = re.compile(r"[省市县区州旗盟镇乡村]")  # 七台河市, 五家渠市: a place, not 7台 or 5家
# The count after the names, short, at the end of its sentence: 乙医院等5家, 丙医院共3家。
_SENTENCE_END = re.compile(r"[。，,\n]|$")
_COUNT_AFTER = re.compile(r"(等共|等计|等|一共|总共|共计|合计|总计|累计|共有|共)"
                          r"((?:\d[,，](?=\d)|[^、；;,，。\n]){1,30})[。.]?\s*$")


@dataclass
class NameCell:
    """The parts of a name-list cell."""

    count: str = ""  # as written, e.g. "1431家" or "约1400家"
    names: list[str] = field(default_factory=list)
    partial: bool = False  # ends in 等
    note: str = ""

    def listed(self) -> list[str]:
        """The names, without marks for none (甲医院、无 lists one name)."""
        return [name for name in self.names if not is_none_mark(name)]

    def compose(self) -> str:
        """The canonical raw text: ``{count}；{names joined by 、}[；等][\\n\\n{note}]``."""
        count = self.count.strip()
        body = "、".join(name.strip() for name in self.names if name.strip())
        if self.partial:
            body = f"{body}；等" if body else "等"
        text = f"{count}；{body}" if count and body else count or body
        note = self.note.strip()
        if note:
            text = f"{text}\n\n{note}" if text else note
        return text


def split_cell(text: str) -> NameCell:
    """A whole cell as the form was filled in.

    >>> split_cell("1431家；四川省肿瘤医院、成都市第五人民医院；等")
    NameCell(count='1431家', names=['四川省肿瘤医院', '成都市第五人民医院'], partial=True, note='')
    >>> split_cell("甲医院、乙医院等5家")
    NameCell(count='5家', names=['甲医院', '乙医院'], partial=True, note='')
    """
    count, rest = _leading_count(text.strip())
    after = "" if count else None
    if not count:
        count, rest, after = _count_after(rest)
    names, partial, note = split_names(rest)
    if after is not None and count:  # 甲、乙等5家: 等 said before the count
        partial = partial or after == "等"
    return NameCell(count, names, partial, note)


def listed_names(text: str) -> list[str]:
    """The different names a name-list cell lists, in order: what "列出N个名称" counts.

    >>> listed_names("3家；甲医院、乙医院、甲医院、无；等")
    ['甲医院', '乙医院']
    """
    return list(dict.fromkeys(split_cell(text).listed()))


def looks_like_cell(text: str) -> bool:
    """Whether pasted text is a list (甲、乙; 甲；乙) or a whole cell (with a count, or 等),
    rather than one name or a sentence with commas."""
    cell = split_cell(text)
    return bool(cell.count) or cell.partial or _LIST_MARKS.search(text) is not None


def written_as_count(text: str) -> bool:
    """Whether text is written as a count, readable or not (1431家, 数十家, l431家, 3000-5000家),
    rather than a name that starts with a numeral (八一医院, 七台河市人民医院, 39健康网)."""
    shape = _COUNT_SHAPE.match(text)
    if shape is None or not _AMOUNT.search(shape["figure"]):
        return False
    if shape["unit"] is None:
        return True  # the figure alone: 1431, l431
    after = text[shape.end():]
    arabic = any(c.isdigit() and c.isascii() for c in shape["figure"])
    return arabic or not _PLACE.search(after)


def _leading_count(text: str) -> tuple[str, str]:
    """The count written before the names (as written), and the text after it."""
    match = _HEAD_RE.match(text, 0, 100)  # a count is written first, and short
    head, rest = match[1], text[match.end():]  # type: ignore[index]
    if not written_as_count(head):
        bare = _BARE_COUNT.match(head)  # "5 甲医院、乙医院": the figure, then the names
        return (bare[1], text[bare.end():]) if bare else ("", text)
    if not _GAP_RE.search(head.strip()):
        return head.strip(), rest
    quantity = read_quantity(head)
    if isinstance(quantity, Quantity) and quantity.suffix:
        for gap in _GAP_RE.finditer(head):  # "5家 甲医院、乙医院"
            found = parse_quantity(head[: gap.start()])
            if found is not None and found.unit and not found.prefix:
                return head[: gap.start()].strip(), text[gap.end():]
    return head.strip(), rest


def _count_after(text: str) -> tuple[str, str, str]:
    """The count written after the names (乙医院等5家, 丙医院共3家), the text without it, and
    the word before it (等, 共 …); ("", text, "") when there is none."""
    for end in _SENTENCE_END.finditer(text):
        stop = end.start()
        if stop < len(text) and text[stop] in ",，" and text[stop - 1: stop + 2][::2].isdigit():
            continue  # 1,431: a comma inside a figure
        start = max(0, stop - 40)  # a count is short: look just before the sentence's end
        window = text[start:stop]
        found = _COUNT_AFTER.search(window)
        while found is not None:
            count = found[2].strip(" ：:")
            if written_as_count(count):
                names = text[: start + found.start()].rstrip(" ，,、；;：:")
                if found[1].startswith("等") and names.endswith("等"):
                    names = names[:-1]
                note = text[stop:].lstrip(" \n，,。.；;").rstrip()
                etc = "；等" if found[1].startswith("等") else ""
                return count, names + etc + (f"\n\n{note}" if note else ""), found[1]
            found = _COUNT_AFTER.search(window, found.start() + 1)  # 平等医院共2家: the next
    return "", text, ""


def count_suffix_ok(quantity: Quantity) -> bool:
    """Words after a count's unit that only say what is counted: 1431家医院, not 5家和3家."""
    return not quantity.suffix or bool(quantity.unit and plain_words(quantity.suffix))


def split_names(text: str) -> tuple[list[str], bool, str]:
    """Names, whether the list ends in 等 or …… (partial), and any text after the list.

    >>> split_names("四川省肿瘤医院、成都市第五人民医院；等")
    (['四川省肿瘤医院', '成都市第五人民医院'], True, '')
    """
    pieces = _SEPARATORS.split(text)  # name, separator, name, …
    names: list[str] = []
    open_ended = False
    for index in range(0, len(pieces), 2):
        item = pieces[index].strip()
        if not item:
            continue
        if item[-1] in "….。":
            bare = _TRAILING_ELLIPSIS.sub("", item)
            open_ended = open_ended or bare != item  # 甲、……、乙 is partial too
            item = bare.strip().strip("。.")
        if item in _ETC:
            return names, True, "".join(pieces[index + 2 :]).strip()
        # 乙等 ends the list only at the end of a line: 甲、乙等、丙 names 乙等.
        if item[-1:] == "等" and len(item) > 1 and (index + 1 >= len(pieces)
                                                    or "\n" in pieces[index + 1]):
            names.append(item[:-1].strip())
            return names, True, "".join(pieces[index + 2 :]).strip()
        if item and item not in _ELLIPSIS:
            names.append(item)
    return names, open_ended, ""
