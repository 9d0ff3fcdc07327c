"""Name lists with a count, and link lists, read from whole pasted cells (the cells are split
in ``forms.name_cells``; offline/online pairs in ``forms.pairs``)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Any

from forms.issues import ERROR, WARNING, Issue, has_errors
from forms.messages import Msg, msg, plural
from forms.name_cells import count_suffix_ok, listed_names, split_cell, split_names  # noqa: F401
from forms.numerals import Unreadable
from forms.pairs import (
    is_none_mark,
    split_compound,  # noqa: F401 - where callers have found it
)
from forms.quantity import COUNT_UNITS, Quantity, read_quantity
from forms.spec import FieldSpec
from forms.types.base import (
    MAX_LISTED,
    Combined,
    DataCells,
    FieldType,
    ParseContext,
    Parsed,
    UnitValues,
    compact_json,
    listing,
    problem,
    qualifier_label,
    strings,
)
from forms.types.numbers import (
    AT_LEAST,
    SUM,
    describe,
    plain_format,
    quantity_problem,
    quantity_text,
    quantity_value,
    sum_quantities,
    unit_issues,
)

# Words that stand for an unknown number of names: 全市各级医院, 其他医院, 部分单位.
_GROUP_WORDS = re.compile(r"^各|各[级类地个]|所有|全部|部分|众多|诸多|若干|许多|其他|其它|相关")
# Two organisation names run together: 四川省预防医学会成都市抗癌协会.
_JOINED_RE = re.compile(
    r"^(.{3,}?(?:会|中心|医院|委|局|站))"
    r"((?!社区|园区|城区)[\u4e00-\u9fff]{2,6}?[省市州县区][\u4e00-\u9fff]{2,}(?:会|中心|院|委|局|站|所))$"
)


def listed_text(count: int) -> Msg:
    """How the app says how many names a list has.

    >>> listed_text(3)
    '列出3个名称'
    """
    return plural("列出{n}个名称", n=count)


def _unit_issues(spec: FieldSpec, count: Quantity | None) -> list[Issue]:
    """The count's unit against the list's: 5人 for a list of hospitals (家) is wrong."""
    return unit_issues(spec, spec.meant_unit(count.unit) if count else None, of_count=True)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width] + "……"


def joined_names(names: list[str]) -> list[tuple[str, str, str]]:
    """Names that look like two run together, as (name, first, second)."""
    found = []
    for name in names:
        match = _JOINED_RE.match(name) if len(name) <= 40 else None
        if match:
            found.append((name, match[1], match[2]))
    return found


class NameListType(FieldType):
    """``1431家；成都市卫生健康委员会、四川省肿瘤医院、……；等`` → count plus names."""

    name = "name_list"
    title = msg("名单（数量+名称）")
    unit_choices = COUNT_UNITS
    widget = "name_list"
    numeric = True  # by its count
    comparable = "number"
    aggregates = (SUM,)

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        none = read_quantity("无" if is_none_mark(text) else text)  # 暂无数据: none too
        if isinstance(none, Quantity) and none.value == 0 and not (none.prefix or none.suffix):
            zero = {"count": quantity_value(none, spec.unit), "names": [], "partial": False,
                    "note": none.note}  # 暂无, 无, ——: none, not a name
            return Parsed(zero, (), describe(0, spec.unit, None))
        cell = split_cell(text)
        names = cell.listed()
        issues = _name_issues(spec, names)
        unique = list(dict.fromkeys(names))
        value: dict[str, Any] = {"count": None, "names": unique, "partial": cell.partial,
                                 "note": cell.note}
        display = listed_text(len(unique))
        if not cell.count:
            missing = _missing_count(spec, unique, cell.partial)
            return Parsed(None if has_errors(missing) else value, (*issues, *missing), display)
        count = read_quantity(cell.count)
        refused = _count_problem(spec, cell.count, count)
        if refused is not None:  # no count made up from the names either
            return Parsed(None, (*issues, refused), display)
        assert isinstance(count, Quantity)
        unit_issues = _unit_issues(spec, count)
        if has_errors(unit_issues):  # 医院 "5人": not a number of hospitals
            return Parsed(None, (*issues, *unit_issues), display)
        unit = spec.meant_unit(count.unit) or spec.unit
        issues += unit_issues
        issues += _count_issues(spec, count.value, unit, len(unique), cell.partial,
                                count.is_integral)
        if not count.is_integral:  # 12.5家: no count at all
            return Parsed(None, tuple(issues), display)
        value["count"] = quantity_value(count, unit)
        display = msg("{count}，{listed}", count=describe(count.value, unit, count.qualifier),
                      listed=listed_text(len(unique)))
        return Parsed(value, tuple(issues), display)

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        if not isinstance(value, dict) or not strings(value.get("names")):
            return msg("应为名单")
        if value.get("count") is not None and quantity_problem(value["count"]):
            return msg("名单的数量不正确")
        if not isinstance(value.get("partial", False), bool) or \
                not isinstance(value.get("note", ""), str):
            return msg("名单格式不正确")
        return None

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """Names of every unit once, in order; the counts summed; notes under unit names."""
        names = list(dict.fromkeys(n.translate(_NAME_BREAKS).strip() for _, v in units
                                   for n in v.get("names") or ()))
        names = [n for n in names if n]
        partial = any(v.get("partial") for _, v in units)
        notes = [f"【{unit}】{v['note'].strip()}" for unit, v in units
                 if (v.get("note") or "").strip()]
        count = self.total(spec, [self.number(spec, v) for _, v in units])
        if count is None and not names and not partial:
            return None
        pieces = [quantity_text(count)] if count is not None else []
        if names:
            pieces.append("、".join(names))
        if partial or notes:
            pieces.append("等")
            partial = True
        raw = "；".join(pieces)
        if not partial and names and names[-1].endswith("等"):
            raw += "；"  # 乙等 at the very end would read as 乙 + 等
        note = "\n".join(notes)
        if note:
            raw += "\n" + note
        return raw, {"count": count, "names": names, "partial": partial, "note": note}

    def number(self, spec: FieldSpec, value: Any) -> dict[str, Any] | None:
        """The count written, else the names listed (至少 if 等). A count made from the names
        is marked ``listed``: it adds to a total only when some other unit wrote a count."""
        if not isinstance(value, dict):
            return None
        if value.get("count") is not None:
            count = value["count"]
            quantity = {"value": count["value"], "unit": count.get("unit"),
                        "qualifier": count.get("qualifier")}
        else:
            names = value.get("names") or []
            if not names:
                return None
            quantity = {"value": len(names), "unit": None,
                        "qualifier": AT_LEAST if value.get("partial") else None, "listed": True}
        if quantity.get("unit") is None:
            quantity["unit"] = spec.unit
        return quantity

    def total(self, spec: FieldSpec, quantities: list[dict[str, Any] | None]
              ) -> dict[str, Any] | None:
        """None when no unit wrote a count (lists nobody counted stay without a count)."""
        given = [q for q in quantities if q is not None]
        if all(q.get("listed") for q in given):
            return None
        return sum_quantities(given, spec.unit)

    def compare_value(self, spec: FieldSpec, value: Any) -> Any:
        count = value.get("count") if isinstance(value, dict) else None
        return Decimal(str(count["value"])) if isinstance(count, dict) else None

    def data_cells(self, spec: FieldSpec, value: Any) -> DataCells:
        count = value.get("count") if isinstance(value, dict) else None
        if not isinstance(count, dict):
            return super().data_cells(spec, value)
        return DataCells(count["value"], count.get("unit") or "",
                         qualifier_label(count.get("qualifier")), compact_json(value),
                         plain_format(count["value"]))


_NAME_BREAKS = str.maketrans({c: " " for c in "、；;,，\n\r"})


def _count_issues(spec: FieldSpec, count: Any, unit: str | None, listed: int, partial: bool,
                  integral: bool) -> list[Issue]:
    if not integral:
        return [problem(spec, ERROR, "fractional_count", msg("数量应为整数"))]
    if listed > count:
        return [problem(spec, ERROR, "more_names_than_count",
                        plural("列出了{n}个名称，多于填写的数量{count}", n=listed,
                               count=f"{count}{unit or ''}"),
                        msg("请核对数量，或删去多余的名称"))]
    if listed < count and listed and not partial:
        return [problem(spec, WARNING, "fewer_names_than_count",
                        plural("只列出了{n}个名称，少于填写的数量{count}", n=listed,
                               count=f"{count}{unit or ''}"),
                        msg("如名单不完整，请在末尾加“等”"))]
    return []


def _name_issues(spec: FieldSpec, names: list[str]) -> list[Issue]:
    """Warnings about the names: repeated, prose rather than a name, two run together."""
    issues = []
    unique = list(dict.fromkeys(names))
    if len(unique) < len(names):
        counts = Counter(names)
        repeated = [n for n in unique if counts[n] > 1]
        issues.append(problem(spec, WARNING, "duplicate_names",
                              msg("名称重复：{names}", names=listing(repeated)),
                              msg("请删除重复的名称")))
    suspicious = [n for n in unique if len(n) > 40 or "。" in n]
    if suspicious:
        issues.append(problem(spec, WARNING, "not_a_name",
                              msg("“{name}”不像是一个名称", name=_cut(suspicious[0], 20)),
                              msg("名单请用顿号“、”分隔；说明文字请放在“等”之后另起一段")))
    for name, first, second in joined_names(unique)[:3]:
        issues.append(problem(spec, WARNING, "joined_names",
                              msg("“{name}”像是两个名称连在一起", name=name),
                              msg("是否漏了顿号？如“{names}”", names=f"{first}、{second}")))
    return issues


def _count_problem(spec: FieldSpec, written: str, count: Quantity | Unreadable) -> Issue | None:
    """An error when the count written is not one plain figure: 数十家, l431家, 12,00家,
    3000-5000家, 5家和3家."""
    unit = spec.unit or "个"
    if isinstance(count, Quantity) and not (count.prefix or count.none) and \
            count_suffix_ok(count):
        return None
    example = f"12{unit}"
    if isinstance(count, Unreadable) and count.code == "vague_amount":
        return problem(spec, ERROR, "vague_amount",
                       msg("数量“{count}”不是具体数字", count=written),
                       msg("请写明具体数量，如“{example}”；名单不全时在末尾加“等”", example=example))
    if isinstance(count, Unreadable) and count.code == "several_numbers":
        return problem(spec, ERROR, "several_numbers",
                       msg("数量“{count}”只能是一个数字，不能是范围或几个数", count=written),
                       msg("请写明实际的总数，如“{example}”", example=example))
    reason = count.message if isinstance(count, Unreadable) else msg("应为一个数字加单位")
    suggestion = count.suggestion if isinstance(count, Unreadable) else None
    return problem(spec, ERROR, "bad_count",
                   msg("数量“{count}”无法识别：{reason}", count=written, reason=reason),
                   suggestion or msg("请写成“{example}”", example=f"{example}；名称1、名称2；等"))


def _missing_count(spec: FieldSpec, names: list[str], partial: bool) -> list[Issue]:
    """No count written: counting the names is what they wrote only for a closed list of
    names; 等 or words such as 各级医院 need the figure."""
    if not spec.unit or not names:
        return []
    vague = next((n for n in names if _GROUP_WORDS.search(n)), None)
    named = [n for n in names if not _GROUP_WORDS.search(n)][:2] or ["名称1", "名称2"]
    example = f"12{spec.unit}；{'、'.join(named)}；等"
    if vague is not None:
        return [problem(spec, ERROR, "vague_amount",
                        msg("“{name}”没有写明数量", name=_cut(vague, 20)),
                        msg("请在开头写明具体数量，如“{example}”", example=example))]
    if partial:
        return [problem(spec, ERROR, "count_needed", msg("名单末尾有“等”，但没有写明总数"),
                        msg("请在开头写明总数，如“{example}”", example=example))]
    return [problem(spec, WARNING, "missing_count",
                    msg("未写明数量，将按列出的{count}计", count=f"{len(names)}{spec.unit}"),
                    msg("请在开头写明总数，如“{count}；名称1、名称2”",
                        count=f"{len(names)}{spec.unit}"))]


# Anything that looks like a link, well formed or not, so that a bad one can be named. A link
# runs to a blank, Chinese punctuation, the next link, or a "(" before Chinese (its name);
# Chinese letters inside it are part of it (https://baike.baidu.com/item/肿瘤).
_URL_CHARS = r"[^\s\u3000，。；、“”‘’（）《》【】<>\"(]"
_URL_RE = re.compile(
    r"((?:[Hh][Tt][Tt][Pp][Ss]?(?:[:：]/*|//)|[A-Za-z][A-Za-z0-9+.\-]{1,9}://|www\.)"
    rf"{_URL_CHARS}+(?:\((?![\u4e00-\u9fff]){_URL_CHARS}*)*)"
)
_SCHEME = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?[:：]//")
_GLUED_SCHEME = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?[:：/]")
_HOST_LABEL = r"(?:[^\W_]|-)+"
_VALID_URL = re.compile(rf"https?://({_HOST_LABEL}(?:\.{_HOST_LABEL})+)(?::(\d{{1,5}}))?(?:[/?#]\S*)?",
                        re.IGNORECASE)
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_NAME_STRIP = " \t:：-—，,；;、。"
# Chinese after a page's file name is the next link's name glued on: ….html四川在线
_TRAILING_NAME = re.compile(r"(?<=\.)(?:s?html?|php|aspx?|jsp)([\u4e00-\u9fff].*)$", re.IGNORECASE)
_BRACKET_NAME = re.compile(r"^[ \t]*[（(]([^（）()\n]{1,40})[）)]")


def valid_url(url: str) -> bool:
    """An http(s) URL with a dotted host name (or IPv4 address) and a sane port.

    Internationalised hosts count, written in Chinese (例子.中国) or as xn--.
    """
    return len(url) <= 2048 and _valid_url(url)


@lru_cache(maxsize=1024)  # pure; most URLs are unchanged from one keystroke to the next
def _valid_url(url: str) -> bool:
    match = _VALID_URL.fullmatch(url)
    if match is None or (match[2] is not None and int(match[2]) > 65535):
        return False
    host = match[1]
    if host[0] == "-" or host[-1] == "-" or "-." in host or ".-" in host:
        return False
    return host[host.rfind(".") + 1].isalpha() or _IPV4.fullmatch(host) is not None


def _name(chunk: str) -> str:
    chunk = chunk.strip(_NAME_STRIP + "\n")
    if "\n" not in chunk:
        return chunk
    return " ".join(line for line in (raw.strip(_NAME_STRIP) for raw in chunk.split("\n")) if line)


def _apart(text: str) -> str:
    """A blank before each link glued to what precedes it: ….html四川在线https://…"""
    starts = [m.start() for m in _SCHEME.finditer(text) if m.start() and not text[m.start() - 1].isspace()]
    for start in reversed(starts):
        text = f"{text[:start]} {text[start:]}"
    return text


def split_links(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """Links as ``{"name", "url"}`` and names left without a URL.

    Accepts a name line followed by its URL line, a URL glued to its name, or a URL with
    its name in brackets after it: ``http://… （涪城发布）``.
    """
    pieces = _URL_RE.split(_apart(text))  # name, url, name, url, …, trailing text
    links: list[dict[str, str]] = []
    for index in range(1, len(pieces), 2):
        url, name = pieces[index], pieces[index - 1]
        if not url.lower().startswith(("http", "www.")):
            glued = _GLUED_SCHEME.search(url)
            if glued:  # CCTVhttp://…: the letters before the scheme are the name
                name, url = name + url[: glued.start()], url[glued.start() :]
        trailing = None if url.isascii() else _TRAILING_NAME.search(url)
        if trailing:  # ….html四川在线: the Chinese belongs to what follows
            url = url[: trailing.start(1)]
            pieces[index + 1] = trailing[1] + pieces[index + 1]
        name = _name(name)
        after = _BRACKET_NAME.match(pieces[index + 1])
        if after:  # http://… （涪城发布）
            name = f"{name}（{after[1].strip()}）" if name else after[1].strip()
            pieces[index + 1] = pieces[index + 1][after.end():]
        links.append({"name": name, "url": url.rstrip(".,;)")})
    orphans = [line for line in (raw.strip(_NAME_STRIP) for raw in pieces[-1].split("\n"))
               if line]
    return links, orphans


class LinkListType(FieldType):
    name = "link_list"
    title = msg("链接列表")
    widget = "link_list"

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        links, orphans = split_links(text)
        issues: list[Issue] = []
        bad = 0
        for number, link in enumerate(links, 1):
            url = link["url"]
            if url.startswith("www.") and valid_url("http://" + url):
                issues.append(problem(spec, WARNING, "url_without_scheme",
                                      msg("第{number}条链接缺少“http://”：{url}", number=number,
                                          url=url[:200]),
                                      msg("改为 http://{url}", url=url[:200])))
            elif not valid_url(url):
                bad += 1
                if bad <= MAX_LISTED:  # each bad URL is named, up to a screenful
                    issues.append(problem(
                        spec, ERROR, "bad_url",
                        msg("第{number}条链接格式不正确：{url}", number=number, url=url[:200]),
                        msg("链接应以 http:// 或 https:// 开头，且不含空格和中文标点")))
        if bad > MAX_LISTED:
            issues.append(problem(spec, ERROR, "bad_url",
                                  plural("另有{n}条链接格式不正确", n=bad - MAX_LISTED),
                                  msg("请逐条检查链接")))
        unnamed = [str(number) for number, link in enumerate(links, 1) if not link["name"]]
        if unnamed:
            issues.append(problem(spec, WARNING, "url_without_name",
                                  plural("第{numbers}条链接没有写媒体名称", n=len(unnamed),
                                         numbers=listing(unnamed)),
                                  msg("请在链接前写上媒体名称")))
        seen: dict[str, int] = {}
        repeats = 0
        for number, link in enumerate(links, 1):
            url = link["url"]
            if url in seen:
                repeats += 1
                if repeats <= MAX_LISTED:
                    issues.append(problem(spec, WARNING, "duplicate_url",
                                          msg("第{number}条链接与第{first}条重复：{url}",
                                              number=number, first=seen[url], url=url[:200])))
            seen.setdefault(url, number)
        if orphans:
            issues.append(problem(spec, WARNING, "name_without_url",
                                  msg("以下名称没有对应的链接：{names}", names=listing(orphans)),
                                  msg("请在名称后另起一行填写链接")))
        return Parsed(links, tuple(issues), plural("{n}条链接", n=len(links)))

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        ok = isinstance(value, list) and all(
            isinstance(v, dict) and isinstance(v.get("url"), str)
            and isinstance(v.get("name", ""), str) for v in value)
        return None if ok else msg("应为链接列表")

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        """Every link once (the first unit's name for it), one per line."""
        links: dict[str, dict[str, str]] = {}
        for _, value in units:
            for link in value:
                links.setdefault(link["url"], {"name": link.get("name", ""), "url": link["url"]})
        if not links:
            return None
        merged = list(links.values())
        return self.text_for(spec, merged), merged

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        return "\n".join(f"{link['name']} {link['url']}".strip() for link in value)

    def print_links(self, spec: FieldSpec, raw: str, value: Any) -> list[tuple[str, str]] | None:
        """The links, when the parsed ones account for every character typed."""
        if not isinstance(value, list) or not value:
            return None
        if not all(isinstance(item, dict) and item.get("url") for item in value):
            return None
        parsed = "".join(f"{item.get('name') or ''}{item['url']}" for item in value)
        if re.sub(r"\s+", "", parsed) != re.sub(r"\s+", "", raw):
            return None
        return [((item.get("name") or "").strip(), item["url"]) for item in value]
