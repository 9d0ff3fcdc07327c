"""Reading what ties fields together: ``show_if`` (a field applies only while another holds
a value) and ``calculate`` (a total of other fields), with the mistakes they can hold —
a field that does not exist, a value the field cannot take, a cycle."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forms.messages import msg
from forms.registry import TYPES
from forms.spec import Calculation, Condition, FieldSpec
from forms.template_problems import ITEMS, TEXTS, Problems, text_problem

SHOW_IF_KEYS: dict[str, Any] = {"field": str, "equals": object}
CALCULATE_KEYS: dict[str, Any] = {"sum": TEXTS}
MAX_VALUES = 50


@dataclass
class Place:
    """Where a field is written: to name it in a problem."""

    key: str
    where: str
    line: int | None


def read_condition(place: Place, data: Any, built: dict[str, FieldSpec], problems: Problems
                   ) -> Condition | None:
    """``show_if = { field = "live_streamed", equals = "是" }``; equals may list several values."""
    line = problems.lines.key("show_if", place.line) or place.line
    where = place.where
    if not problems.check_keys(line, where, data, SHOW_IF_KEYS, set(SHOW_IF_KEYS)):
        return None
    if problems.check_types(line, where, data, {"field": str, "equals": ITEMS}
                            if isinstance(data["equals"], list) else {"field": str}):
        return None
    key = data["field"]
    controller = built.get(key)
    if controller is None:
        problems.add(line, where, msg("show_if 引用了不存在的字段“{key}”", key=key))
        return None
    if controller.parts:
        problems.add(line, where, msg("show_if 的字段“{key}”是复合字段，请写它的部分，如“{key}.<部分id>”",
                                      key=key))
        return None
    if key == place.key or key.startswith(place.key + "."):
        problems.add(line, where, msg("show_if 不能引用本字段自己"))
        return None
    wanted = data["equals"] if isinstance(data["equals"], list) else [data["equals"]]
    if not wanted or len(wanted) > MAX_VALUES:
        problems.add(line, where, msg("show_if 的 equals 应有 1 到 {limit} 个值", limit=MAX_VALUES))
        return None
    values, texts = [], []
    for item in wanted:
        value = _expected(controller, item)
        if value is None:
            problems.add(line, where, msg(
                "show_if 的 equals“{item}”不是字段“{key}”能填的值（可选：{options}）", item=item,
                key=key, options=controller.options) if controller.options else msg(
                "show_if 的 equals“{item}”不是字段“{key}”能填的值", item=item, key=key))
            return None
        values.append(value)
        texts.append(str(item))
    return Condition(key, tuple(values), tuple(texts))


def _expected(controller: FieldSpec, item: Any) -> Any:
    """The parsed value a show_if compares with: 是 → True, an option's label or code → code."""
    kind = TYPES.get(controller.type)
    if kind is None or isinstance(item, dict | list):
        return None
    if isinstance(item, bool):
        item = "是" if item else "否"
    text = str(item)
    if text_problem(text, 200):
        return None
    value = kind.parse(controller, text).value
    if isinstance(value, dict) and "value" in value:  # a figure: compared by its number
        return value["value"]
    if isinstance(value, list):  # a checklist: equals one option
        return value[0] if len(value) == 1 else None
    return value


def read_calculation(place: Place, spec: FieldSpec, data: Any, built: dict[str, FieldSpec],
                     problems: Problems) -> Calculation | None:
    """``calculate = { sum = ["a", "b.offline"] }`` on a count or money field."""
    line = problems.lines.key("calculate", place.line) or place.line
    where = place.where
    kind = TYPES.get(spec.type)
    if spec.parts or kind is None or not kind.calculable:
        problems.add(line, where, msg("calculate 只能用于数量（count）或金额（money）字段"))
        return None
    if not problems.check_keys(line, where, data, CALCULATE_KEYS, set(CALCULATE_KEYS)):
        return None
    if problems.check_types(line, where, data, CALCULATE_KEYS):
        return None
    keys: list[str] = []
    for key in data["sum"]:
        part = built.get(key)
        if part is None:
            problems.add(line, where, msg("calculate 引用了不存在的字段“{key}”", key=key))
            return None
        for leaf in part.parts or (part,):
            if leaf.key == spec.key:
                problems.add(line, where, msg("calculate 不能加上本字段自己"))
                return None
            leaf_kind = TYPES.get(leaf.type)
            if leaf_kind is None or not leaf_kind.numeric:
                problems.add(line, where, msg("字段“{key}”（类型 {type}）不是数字，不能相加",
                                              key=leaf.key, type=leaf.type))
                return None
            if leaf_kind.is_money != kind.is_money:
                problems.add(line, where, msg("不能把金额和数量相加（“{key}”）", key=leaf.key))
                return None
            if leaf.key not in keys:
                keys.append(leaf.key)
    if not keys:
        problems.add(line, where, msg("calculate 的 sum 至少要有一个字段"))
        return None
    return Calculation("sum", tuple(keys))


def cycles(edges: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Each cycle in a graph of key -> keys it reads, as a path back to its start."""
    found: list[list[str]] = []
    done: set[str] = set()
    for start in edges:
        if start in done:
            continue
        path: list[str] = [start]
        pending: list[list[str]] = [list(edges.get(start, ()))]
        while path:
            if not pending[-1]:
                done.add(path.pop())
                pending.pop()
                continue
            nxt = pending[-1].pop()
            if nxt in path:
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in done:
                path.append(nxt)
                pending.append(list(edges.get(nxt, ())))
    return found
