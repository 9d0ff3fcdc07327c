"""Name lists with a count, link lists, and offline/online pairs, read from whole pasted cells."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from forms.issues import ERROR, WARNING, Issue
from forms.quantity import parse_quantity
from forms.spec import FieldSpec
from forms.types import FieldType, Parsed, describe, problem, quantity_value

_SEPARATORS = re.compile(r"\s*(?:[、；;,，]|\n)\s*")
_ELLIPSIS = {"…", "……", "...", "......", "等等"}
_ETC = {"等", "等等"}
_HEAD_RE = re.compile(r"([^、；;,，\n]*)([、；;,，\n]?)(.*)", re.DOTALL)


def split_names(text: str) -> tuple[list[str], bool, str]:
    """Names, whether the list ends in 等 (partial), and any text after the list.

    >>> split_names("四川省肿瘤医院、成都市第五人民医院；等")
    (['四川省肿瘤医院', '成都市第五人民医院'], True, '')
    """
    names: list[str] = []
    position = 0
    for match in _SEPARATORS.finditer(text + "\n"):
        item = text[position : match.start()].strip().strip("。.")
        position = match.end()
        if item in _ETC:
            return names, True, text[position:].strip()
        if item.endswith("等") and len(item) > 1 and _ends_list(text, position):
            names.append(item[:-1].strip())
            return names, True, text[position:].strip()
        if item and item not in _ELLIPSIS:
            names.append(item)
    return names, False, ""


def _ends_list(text: str, position: int) -> bool:
    rest = text[position:]
    return not rest.strip() or rest.startswith("\n")


class NameListType(FieldType):
    """``1431家；成都市卫生健康委员会、四川省肿瘤医院、……；等`` → count plus names."""

    name = "name_list"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        issues: list[Issue] = []
        count = None
        head, _, rest = _HEAD_RE.match(text).groups()  # type: ignore[union-attr]
        quantity = parse_quantity(head) if spec.unit else None
        if quantity is not None and not quantity.prefix:
            count = quantity
            text = rest
        names, partial, note = split_names(text)
        unique = list(dict.fromkeys(names))
        if len(unique) < len(names):
            repeated = sorted({n for n in names if names.count(n) > 1}, key=names.index)
            issues.append(problem(spec, WARNING, "duplicate_names",
                                  "名称重复：" + "、".join(repeated), "请删除重复的名称"))
        suspicious = [n for n in unique if len(n) > 40 or "。" in n]
        if suspicious:
            issues.append(problem(spec, WARNING, "not_a_name",
                                  f"“{suspicious[0][:20]}……”不像是一个名称",
                                  "名单请用顿号“、”分隔；说明文字请放在“等”之后另起一段"))
        value: dict[str, Any] = {"count": None, "names": unique, "partial": partial, "note": note}
        display = f"列出{len(unique)}个"
        if count is not None:
            unit = count.unit or spec.unit
            value["count"] = quantity_value(count, unit)
            display = describe(count.value, unit, count.qualifier) + f"，列出{len(unique)}个名称"
            issues += _count_issues(spec, count.value, unit, len(unique), partial, count.is_integral)
        elif spec.unit and unique:
            issues.append(problem(spec, WARNING, "missing_count",
                                  f"未写明数量，将按列出的{len(unique)}{spec.unit}计",
                                  f"请在开头写明总数，如“{len(unique)}{spec.unit}；名称1、名称2”"))
        return Parsed(value, tuple(issues), display)


def _count_issues(spec: FieldSpec, count: Any, unit: str | None, listed: int, partial: bool,
                  integral: bool) -> list[Issue]:
    if not integral:
        return [problem(spec, ERROR, "fractional_count", "数量应为整数")]
    if listed > count:
        return [problem(spec, ERROR, "more_names_than_count",
                        f"列出了{listed}个名称，多于填写的数量{count}{unit or ''}",
                        "请核对数量，或删去多余的名称")]
    if listed < count and listed and not partial:
        return [problem(spec, WARNING, "fewer_names_than_count",
                        f"只列出了{listed}个名称，少于填写的数量{count}{unit or ''}",
                        "如名单不完整，请在末尾加“等”")]
    return []


_URL_RE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]{1,9}://|www\.)[^\s\u3000，。；、]+")


def valid_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    return (parts.scheme in ("http", "https") and "." in host
            and re.fullmatch(r"[A-Za-z0-9.\-]+", host) is not None and not host.startswith("."))


def split_links(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """Links as ``{"name", "url"}`` and names left without a URL.

    Accepts a name line followed by its URL line, or a URL glued to its name.
    """
    links: list[dict[str, str]] = []
    pending: list[str] = []
    for line in text.split("\n"):
        position = 0
        for match in _URL_RE.finditer(line):
            name = line[position : match.start()].strip(" \t:：-—")
            if name:
                pending.append(name)
            links.append({"name": " ".join(pending), "url": match.group().rstrip(".,;)")})
            pending = []
            position = match.end()
        tail = line[position:].strip(" \t:：")
        if tail:
            pending.append(tail)
    return links, pending


class LinkListType(FieldType):
    name = "link_list"

    def _parse(self, spec: FieldSpec, text: str) -> Parsed:
        links, orphans = split_links(text)
        issues: list[Issue] = []
        for number, link in enumerate(links, 1):
            url = link["url"]
            if url.startswith("www."):
                issues.append(problem(spec, WARNING, "url_without_scheme",
                                      f"第{number}条链接缺少“http://”：{url}",
                                      f"改为 http://{url}"))
            elif not valid_url(url):
                issues.append(problem(spec, ERROR, "bad_url",
                                      f"第{number}条链接格式不正确：{url}",
                                      "链接应以 http:// 或 https:// 开头，且不含空格和中文标点"))
        seen: dict[str, int] = {}
        for number, link in enumerate(links, 1):
            if link["url"] in seen:
                issues.append(problem(spec, WARNING, "duplicate_url",
                                      f"第{number}条链接与第{seen[link['url']]}条重复：{link['url']}"))
            seen.setdefault(link["url"], number)
        if orphans:
            issues.append(problem(spec, WARNING, "name_without_url",
                                  "以下名称没有对应的链接：" + "、".join(o[:30] for o in orphans),
                                  "请在名称后另起一行填写链接"))
        return Parsed(links, tuple(issues), f"{len(links)}条链接")


def split_compound(spec: FieldSpec, text: str) -> dict[str, str]:
    """A whole pasted cell of a compound field, split into its parts' texts.

    Segments are matched to parts by their label (线下…/线上…), otherwise in order.
    """
    segments = [s.strip() for s in re.split(r"\n|[/／|；;]", text) if s.strip()]
    result: dict[str, str] = {}
    leftovers: list[str] = []
    for segment in segments:
        part = _part_for(spec, segment, result)
        if part is None:
            leftovers.append(segment)
        else:
            result[part.key] = segment
    free = [p for p in spec.parts if p.key not in result]
    for part, segment in zip(free, leftovers, strict=False):
        result[part.key] = segment
    if len(leftovers) > len(free) and spec.parts:
        last = spec.parts[-1].key
        result[last] = "\n".join([result.get(last, "")] + leftovers[len(free):]).strip()
    return result


def _part_for(spec: FieldSpec, segment: str, taken: dict[str, str]) -> FieldSpec | None:
    for part in spec.parts:
        if part.key in taken:
            continue
        if segment.startswith(part.label) or segment.startswith(part.label[:2]):
            return part
    return None
