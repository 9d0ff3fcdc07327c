"""A figure far from the same unit's figure for the same field in its earlier reports.

DHIS2's min-max idea, computed offline from the file's own reports: more than ``RATIO`` times,
or less than 1/``RATIO`` of, the unit's last figure gives a warning with the old figure
("去年为 60场，今年 603场，请核实"). The history is gathered once per open report; the check
per field is a dictionary lookup and a comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.issues import WARNING, Issue
from forms.messages import Msg, msg
from forms.quantity import format_number, same_family
from forms.spec import FieldSpec

RATIO = 10


@dataclass(frozen=True, slots=True)
class PastFigure:
    """The unit's figure for one field in an earlier report."""

    value: float
    unit: str | None
    period: str  # 第29届, 2023: as the report list shows it
    year: int | None = None


@dataclass(frozen=True, slots=True)
class UnitHistory:
    """A unit's last figures by field key, and the open report's own period and year."""

    figures: Mapping[str, PastFigure] = field(default_factory=dict)
    period: str = ""
    year: int | None = None


NO_HISTORY = UnitHistory()


def figure(value: Any) -> tuple[float, str | None] | None:
    """The number in a normalised value (a count, an amount, a name list's count) and its unit."""
    if isinstance(value, dict):
        if "names" in value:
            value = value.get("count")
        if isinstance(value, dict):
            number = value.get("value")
            if isinstance(number, int | float) and not isinstance(number, bool):
                unit = value.get("unit")
                return float(number), unit if isinstance(unit, str) else None
    return None


def unit_history(reports: Iterable[Any], *, period: str = "", year: int | None = None) -> UnitHistory:
    """The last figure per key from earlier reports given newest first (each with ``period``,
    ``year`` and ``values``: storage's EarlierReport)."""
    figures: dict[str, PastFigure] = {}
    for report in reports:
        for key, value in report.values.items():
            if key in figures:
                continue
            found = figure(value)
            if found is not None:
                figures[key] = PastFigure(found[0], found[1], report.period, report.year)
    return UnitHistory(figures, period, year)


def outlier(spec: FieldSpec, value: Any, history: UnitHistory) -> Issue | None:
    """A warning when ``value`` is over RATIO times, or under 1/RATIO of, the unit's last figure."""
    past = history.figures.get(spec.key)
    if past is None or past.value <= 0:
        return None
    found = figure(value)
    if found is None:
        return None
    number, unit = found
    if unit and past.unit and unit != past.unit and not same_family(unit, past.unit):
        return None  # counted in something else then: not comparable
    if past.value / RATIO <= number <= past.value * RATIO:
        return None
    then, now = _when(past, history)
    return Issue(spec.key, spec.full_label or spec.label, WARNING, "outlier",
                 msg("{then}为 {past}，{now} {present}，请核实", then=then,
                     past=_amount(past.value, past.unit), now=now, present=_amount(number, unit)),
                 msg("如确实如此，请在说明中写明原因"))


_EDITION = re.compile(r"第(\d+)届")


def _when(past: PastFigure, history: UnitHistory) -> tuple[str, Msg]:
    edition = _EDITION.fullmatch(past.period)
    period = msg("第{number}届", number=int(edition[1])) if edition else past.period
    if past.year and history.year:
        if history.year - past.year == 1:
            return msg("去年"), msg("今年")
        if past.period.startswith("第"):
            return msg("{period}（{year}年）", period=period, year=past.year), msg("本届")
        return msg("{year}年", year=past.year), msg("今年")
    if past.period.startswith("第"):
        return period, msg("本届")
    if past.period.isdigit():
        return msg("{year}年", year=past.period), msg("本年")
    return past.period or msg("上次"), msg("本次")


def _amount(value: float, unit: str | None) -> str:
    return format_number(value) + (unit or "")
