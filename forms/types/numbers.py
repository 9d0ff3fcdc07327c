"""Counts and money: 38万份, 约130万元. Parsing, the figure's reading, and how figures are
summed (or averaged, or their least or greatest taken) when units' reports are merged."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from forms.issues import ERROR, WARNING, Issue, has_errors
from forms.messages import Msg, joined, msg
from forms.quantity import (
    APPROX,
    AT_LEAST,
    COUNT_UNITS,
    MONEY_UNITS,
    QUALIFIER_SYMBOLS,
    Quantity,
    Unreadable,
    breakdown_problem,
    format_number,
    json_number,
    plain_words,
    read_quantity,
    same_family,
    unclear,
)
from forms.spec import FieldSpec
from forms.types.base import (
    NONE,
    Combined,
    DataCells,
    FieldType,
    ParseContext,
    Parsed,
    UnitValues,
    problem,
    qualifier_label,
)

SUM, MIN, MAX, MEAN = "sum", "min", "max", "mean"
PERCENT = "%"  # a decimal's unit for a rate: 85% reads as 85 %
AGGREGATES = (SUM, MIN, MAX, MEAN, NONE)
_QUALIFIERS = (None, APPROX, AT_LEAST)


class QuantityType(FieldType):
    """A figure with a unit and maybe a qualifier: ``{"value", "unit", "qualifier"}``."""

    numeric = True
    calculable = True
    comparable = "number"
    aggregates = AGGREGATES
    integral = True  # a merged mean is rounded to a whole number

    def value_problem(self, spec: FieldSpec, value: Any) -> str | None:
        return quantity_problem(value)

    def merge(self, spec: FieldSpec, units: UnitValues) -> Combined:
        total = self.total(spec, [self.number(spec, v) for _, v in units])
        return None if total is None else (quantity_text(total), total)

    def text_for(self, spec: FieldSpec, value: Any) -> str:
        return quantity_text(value)

    def number(self, spec: FieldSpec, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            return None
        return {"value": value["value"], "unit": value.get("unit"),
                "qualifier": value.get("qualifier")}

    def total(self, spec: FieldSpec, quantities: list[dict[str, Any] | None]
              ) -> dict[str, Any] | None:
        return aggregate(self.aggregate(spec), quantities, self.column_unit(spec), self.integral)

    def compare_value(self, spec: FieldSpec, value: Any) -> Any:
        return Decimal(str(value["value"])) if isinstance(value, dict) else None

    def data_cells(self, spec: FieldSpec, value: Any) -> DataCells:
        if not isinstance(value, dict):
            return super().data_cells(spec, value)
        return DataCells(value["value"], value.get("unit") or "",
                         qualifier_label(value.get("qualifier")),
                         number_format=plain_format(value["value"]))


def _not_whole(unit: str | None) -> Msg:
    if unit in ("人", "人次", "名", "位"):
        return msg("人数应为整数")
    if unit in ("场", "场次", "次"):
        return msg("次数应为整数")
    return msg("数量应为整数")


def describe(value: Decimal | int | float, unit: str | None, qualifier: str | None) -> str:
    """'≈ 1,300,000 元' — how the app read a quantity; '= 0（无）' for none."""
    if value == 0 and not qualifier:
        return msg("= 0（无）")
    symbol = QUALIFIER_SYMBOLS.get(qualifier or "", "=")
    return f"{symbol} {format_number(value)}{' ' + unit if unit else ''}"


def quantity_value(quantity: Quantity, unit: str | None) -> dict[str, Any]:
    value = {"value": json_number(quantity.value), "unit": unit, "qualifier": quantity.qualifier}
    if quantity.note:
        value["note"] = quantity.note
    return value


def quantity_display(quantity: Quantity, value: Decimal, unit: str | None) -> str:
    shown = describe(value, unit, quantity.qualifier)
    if quantity.note:
        note = quantity.note if len(quantity.note) <= 20 else quantity.note[:20] + "…"
        return msg("{reading}（{note}）", reading=shown, note=note)
    return shown


def unreadable(spec: FieldSpec, reason: Unreadable, example: str) -> Parsed:
    """No value, and an error saying why the text holds no figure."""
    return Parsed(None, (problem(spec, ERROR, reason.code, reason.message,
                                 reason.suggestion or example),))


def words_problem(spec: FieldSpec, quantity: Quantity) -> Unreadable | None:
    """Words around the figure that change its meaning (其中, 每, 计划…), unless they are the
    field's own label. (Another part's label, 线下参与 in 线上观看, is the Validator's check.)"""
    for words in (quantity.prefix, quantity.suffix):
        if not words or words in spec.label or spec.label in words:
            continue
        rest = beyond_label(words, spec.label)
        if rest and not plain_words(rest):
            return unclear(words)
    return None


def beyond_label(words: str, label: str) -> str:
    """The words without what they share with the label (two characters or more): 减免费用 and
    共计减免金额 for 费用减免 leave nothing and 金额, 计划讲座 for 科普讲座 leaves 计划."""
    for size in range(min(len(label), len(words)), 1, -1):
        for start in range(len(label) - size + 1):
            words = words.replace(label[start: start + size], "")
    return words


class CountType(QuantityType):
    name = "count"
    title = msg("数量")
    widget = "count"
    unit_choices = COUNT_UNITS

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        quantity = read_quantity(text, fractional=not self.integral)
        unit_hint = spec.unit or ""
        example = msg("例如“1200{unit}”或“约3万{unit}”", unit=unit_hint)
        if isinstance(quantity, Unreadable):
            return unreadable(spec, quantity, example)
        reason = words_problem(spec, quantity)
        if reason:
            return unreadable(spec, reason, example)
        written = spec.meant_unit(quantity.unit)  # 名 → 人 where the template says so
        unit = written or spec.unit
        issues = self._check_unit(spec, written)
        if has_errors(issues):
            return Parsed(None, tuple(issues))  # 300人 in a field of 场: not a number of 场
        if not quantity.is_integral and self.integral:  # 46.21人: no number, not 46
            hint = None
            if not quantity.scaled:
                number = format(quantity.value.normalize(), "f")
                hint = msg("是否漏写'万'（{figure}）？", figure=f"{number}万{unit or ''}")
            return Parsed(None, (*issues, problem(spec, ERROR, "fractional_count",
                                                  _not_whole(unit), hint)))
        if quantity.qualifier and not spec.approx_allowed:
            issues.append(problem(spec, WARNING, "approximate", msg("此栏应填写确切数字"),
                                  msg("请去掉“约”“余”等字样")))
        issues += check_range(spec, quantity.value, unit)
        issues += note_issues(spec, quantity, unit)
        return Parsed(quantity_value(quantity, unit), tuple(issues),
                      quantity_display(quantity, quantity.value, unit))

    @staticmethod
    def _check_unit(spec: FieldSpec, written: str | None) -> list[Issue]:
        return unit_issues(spec, written)


def unit_issues(spec: FieldSpec, written: str | None, of_count: bool = False) -> list[Issue]:
    """A written unit against the field's: a warning in the same family (人次 for 人), an
    error otherwise (人 for 场). ``of_count``: the unit of a name list's count (数量的单位)."""
    if not written or not spec.units or written in spec.units:
        return []
    expected = joined((f"“{u}”" for u in spec.units), msg("或"))
    if any(same_family(written, u) for u in spec.units):
        message = msg("数量的单位“{written}”与本栏单位{expected}不一致", written=written,
                      expected=expected) if of_count else \
            msg("单位“{written}”与本栏单位{expected}不一致", written=written, expected=expected)
        return [problem(spec, WARNING, "unit_mismatch", message, msg("请确认单位是否写错"))]
    message = msg("数量的单位应为{expected}，而不是“{written}”", written=written,
                  expected=expected) if of_count else \
        msg("单位应为{expected}，而不是“{written}”", written=written, expected=expected)
    return [problem(spec, ERROR, "unit_mismatch", message, msg("请检查是否填错了栏目"))]


class DecimalType(CountType):
    """A measure that may have decimals (人均 2.5 次, 覆盖率 87.5 %): a count without the
    whole-number rule; a merged mean keeps its decimals. XLSForm's ``decimal``."""

    name = "decimal"
    title = msg("数值")
    integral = False
    # Often a rate or an average, which must never be added up: merged only when asked.
    aggregates = (NONE, SUM, MIN, MAX, MEAN)
    unit_choices = (PERCENT, *COUNT_UNITS)

    def spec_problems(self, spec: FieldSpec) -> list[tuple[str, str]]:
        return [("unit", msg("未知的单位“{unit}”", unit=unit))
                for unit in spec.units if unit not in self.unit_choices]

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        # 85% in a field measured in %: the sign is its unit, as 人 is in 85人.
        figure = text.rstrip()
        if spec.unit == PERCENT and figure.endswith(("%", "％")):
            return super()._parse(spec, figure[:-1], context)
        return super()._parse(spec, text, context)


def note_issues(spec: FieldSpec, quantity: Quantity, unit: str | None) -> list[Issue]:
    """A warning when the figures in the note after the total do not add up to it."""
    message = breakdown_problem(quantity, unit)
    if message is None:
        return []
    return [problem(spec, WARNING, "breakdown_mismatch", message, msg("请核对总数和括号内的分项"))]


def check_range(spec: FieldSpec, value: Decimal, unit: str | None) -> list[Issue]:
    if spec.min is not None and value < Decimal(str(spec.min)):
        return [problem(spec, ERROR, "out_of_range",
                        msg("不应小于{limit}", limit=f"{format_number(spec.min)}{unit or ''}"))]
    if spec.max is not None and value > Decimal(str(spec.max)):
        return [problem(spec, ERROR, "out_of_range",
                        msg("不应大于{limit}", limit=f"{format_number(spec.max)}{unit or ''}"),
                        msg("请检查是否多写了零或写错单位"))]
    return []


MONEY_SCALES = {"千元": 1_000, "万元": 10_000, "亿元": 100_000_000}


class MoneyType(QuantityType):
    name = "money"
    title = msg("金额")
    unit_choices = MONEY_UNITS
    widget = "money"
    integral = False
    is_money = True

    def spec_problems(self, spec: FieldSpec) -> list[tuple[str, str]]:
        return [("unit", msg("未知的单位“{unit}”", unit=unit))
                for unit in spec.units if unit not in MONEY_UNITS]

    def column_unit(self, spec: FieldSpec) -> str | None:
        return "元"

    def total(self, spec: FieldSpec, quantities: list[dict[str, Any] | None]
              ) -> dict[str, Any] | None:
        total = super().total(spec, quantities)
        if total is not None:
            total["unit"] = "元"
        return total

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext) -> Parsed:
        scale = MONEY_SCALES.get(spec.unit or "")  # a field kept in 千元, 万元 or 亿元
        quantity = read_quantity(text, fractional=scale is not None)  # 12.345 (万元)
        example = msg("例如“约130万元”或“5000元”")
        if isinstance(quantity, Unreadable):
            if quantity.code == "not_a_number":
                quantity = Unreadable("not_a_number", msg("应填写金额"))
            return unreadable(spec, quantity, example)
        reason = words_problem(spec, quantity)
        if reason:
            return unreadable(spec, reason, example)
        value = quantity.value
        issues: list[Issue] = []
        if quantity.unit is None and scale is not None and not quantity.scaled:
            value *= scale  # 130 in a field of 万元: 1,300,000 元
        elif quantity.unit not in (None, "元"):
            return Parsed(None, (problem(spec, ERROR, "unit_mismatch", msg(
                "金额单位应为“元”或“万元”，而不是“{unit}”", unit=quantity.unit)),))
        if value != value.quantize(Decimal("0.01")):  # 12.3456元: never rounded
            return Parsed(None, (problem(
                spec, ERROR, "money_precision",
                msg("金额最多精确到分（小数点后两位），而此处是{figure}元", figure=format_number(value)),
                msg("请核对小数位；如金额以万元计，请在数字后写“万元”")),))
        value = value.normalize() if value % 1 else value
        issues += check_range(spec, value, "元")
        issues += note_issues(spec, quantity, "元")
        money = {"value": json_number(value), "unit": "元", "qualifier": quantity.qualifier}
        if quantity.note:
            money["note"] = quantity.note
        return Parsed(money, tuple(issues), quantity_display(quantity, value, "元"))




# --- merging figures ------------------------------------------------------------------------

def quantity_problem(value: Any) -> str | None:
    """Why a received value is not a quantity ({value, unit, qualifier}), or None."""
    if not isinstance(value, dict) or not number_ok(value.get("value")):
        return msg("应为数量")
    if value.get("unit") is not None and not isinstance(value["unit"], str):
        return msg("单位不正确")
    if value.get("qualifier") not in _QUALIFIERS:
        return msg("限定词不正确")
    return None


def number_ok(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and value == value and abs(value) < 1e15)


def merged_qualifier(qualifiers: Any) -> str | None:
    """Any qualified part makes the sum qualified: 至少 if every qualified part was 至少, else 约."""
    present = [q for q in qualifiers if q]
    if not present:
        return None
    return AT_LEAST if all(q == AT_LEAST for q in present) else APPROX


def _unit(given: list[dict[str, Any]], default_unit: str | None) -> str | None:
    units = list(dict.fromkeys(q.get("unit") for q in given))
    return units[0] if len(units) == 1 else default_unit or units[0]


def sum_quantities(quantities: Any, default_unit: str | None = None) -> dict[str, Any] | None:
    """The sum of count/money values: exact decimal sum, common unit, merged qualifier."""
    given = [q for q in quantities if q is not None]
    if not given:
        return None
    total = sum((Decimal(str(q["value"])) for q in given), Decimal(0))
    return {"value": json_number(total), "unit": _unit(given, default_unit),
            "qualifier": merged_qualifier(q.get("qualifier") for q in given)}


def aggregate(how: str, quantities: Any, default_unit: str | None = None,
              integral: bool = True) -> dict[str, Any] | None:
    """The units' figures combined as the template says: sum, min, max, mean or none
    (kept only when every unit gave the same figure). A rate is never added up."""
    given = [q for q in quantities if q is not None]
    if not given:
        return None
    if how == SUM:
        return sum_quantities(given, default_unit)
    unit = _unit(given, default_unit)
    if how in (MIN, MAX):
        pick = (min if how == MIN else max)(given, key=lambda q: Decimal(str(q["value"])))
        return {"value": pick["value"], "unit": unit, "qualifier": pick.get("qualifier")}
    if how == MEAN:
        exact = sum(Decimal(str(q["value"])) for q in given) / len(given)
        mean = exact.to_integral_value(ROUND_HALF_UP) if integral else \
            exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
        qualifier = merged_qualifier(q.get("qualifier") for q in given)
        if mean != exact:
            qualifier = APPROX
        return {"value": json_number(mean.normalize() if mean % 1 else mean), "unit": unit,
                "qualifier": qualifier}
    figures = {(Decimal(str(q["value"])), q.get("qualifier")) for q in given}
    if len(figures) != 1:
        return None
    return {"value": given[0]["value"], "unit": unit, "qualifier": given[0].get("qualifier")}


def plain_number(value: int | float) -> str:
    """1234567 -> '1234567'; 46.21 -> '46.21' (no separators: forms reads it back exactly)."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def scaled_number(value: int | float) -> str:
    """2600000 -> '260万', 300000000 -> '3亿', 1305000 -> '1305000': as people write figures,
    and only where nothing is rounded."""
    number = Decimal(str(value))
    if number and number == number.to_integral_value():
        for size, word in ((100_000_000, "亿"), (10_000, "万")):
            if number % size == 0:
                return f"{int(number) // size}{word}"
    return plain_number(value)


def quantity_text(quantity: dict[str, Any]) -> str:
    """约260万元, 至少30场, 1305000元: a merged or calculated figure, as it reads back."""
    label = qualifier_label(quantity.get("qualifier"))
    return f"{label}{scaled_number(quantity['value'])}{quantity.get('unit') or ''}"


def plain_format(value: Any) -> str:
    """An Excel number format: 1,234 or 46.21."""
    return "#,##0" if float(value).is_integer() else "#,##0.00"
