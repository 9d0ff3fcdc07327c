"""Validating a report: each field by its type, then the template's cross-field rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.issues import ERROR, Issue
from forms.messages import msg
from forms.outliers import NO_HISTORY, UnitHistory, outlier
from forms.pairs import cell_texts, part_issue, part_text, total_issues
from forms.registry import field_type, parse_field
from forms.report_year import date_keys, period_context, period_problem, year_issues
from forms.rules import ComparisonTexts, rule_keys, run_rule
from forms.spec import Condition, FieldSpec, FormTemplate
from forms.types import ParseContext, Parsed
from forms.types.numbers import quantity_text, sum_quantities


@dataclass
class ReportCheck:
    """The normalised values of a report and every issue found, in form order."""

    values: dict[str, Any]
    issues: list[Issue]
    displays: dict[str, str] = field(default_factory=dict)
    not_applicable: frozenset[str] = frozenset()  # keys whose show_if does not hold: not exported

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    def to_dict(self) -> dict[str, Any]:
        return {"values": self.values, "issues": [i.to_dict() for i in self.issues]}


class Validator:
    """Holds one report's parsed fields; a change re-checks only that field and its rules.

    Fields whose ``show_if`` does not hold keep their text but are not applicable: no issues,
    not in ``values()``. Calculated fields are worked out again whenever a part changes.

    >>> from forms.loader import builtin_templates
    >>> v = Validator(builtin_templates()["cancer_week_summary"])
    >>> sorted(v.set("direct_beneficiaries", "46.21人"))
    ['direct_beneficiaries']
    >>> v.issues_for("direct_beneficiaries")[0].code
    'fractional_count'
    """

    def __init__(self, template: FormTemplate, raw: Mapping[str, str] | None = None,
                 history: UnitHistory = NO_HISTORY, context: ParseContext | None = None) -> None:
        self.template = template
        self.history = history  # the unit's earlier figures, for the outlier warnings
        self.context = context  # passed to every parse (e.g. the report's year)
        self.raw: dict[str, str] = {}
        self.texts = ComparisonTexts(self.raw)  # for the text rules, computed when needed
        self.parsed: dict[str, Parsed] = {}
        self._order = {spec.key: n for n, spec in enumerate(template.leaves())}
        self._rules_by_key: dict[str, list[int]] = {}
        for index, rule in enumerate(template.rules):
            for key in rule_keys(rule, template):
                self._rules_by_key.setdefault(key, []).append(index)
        self._rule_issues: list[list[Issue]] = [[] for _ in template.rules]
        self._conditions = conditions(template)
        self._controllers = {c.field for c in self._conditions.values()}
        self._calculated = calculation_order(template)
        self._feeds: dict[str, list[str]] = {}  # part key -> calculated keys reading it
        for key in self._calculated:
            for part in template.field(key).calculate.keys:  # type: ignore[union-attr]
                self._feeds.setdefault(part, []).append(key)
        for spec in template.leaves():
            text = (raw or {}).get(spec.key, "")
            text = "" if text is None else str(text)
            self.raw[spec.key] = text
            self.parsed[spec.key] = self._parse(spec, text, context)
        self._given_context = context
        self._date_keys = date_keys(template)
        self._compounds = [spec for spec in template.fields() if spec.parts]
        period = template.role_field("period")
        self._period_key = period.key if period is not None else None
        self._update_context()
        self.hidden: set[str] = set()
        self._update_hidden()
        for key in self._calculated:  # a total stored without its parts is kept as it was
            if any(self.raw[part].strip() for part in self._parts(key)):
                self._recalculate(key)
        self._update_hidden()
        for index in range(len(template.rules)):
            self._run_rule(index)

    def _run_rule(self, index: int) -> None:
        try:
            issues = run_rule(self.template.rules[index], self.template, self.raw, self.values(),
                              self.texts)
        except Exception as exc:  # noqa: BLE001 - a rule must never break validation
            rule = self.template.rules[index]
            spec = self.template.field(rule_keys(rule, self.template)[0])
            issues = [Issue(spec.key, spec.full_label, ERROR, "rule_failed",
                            msg("规则“{kind}”无法检查（{error}）", kind=rule.kind,
                                error=type(exc).__name__))]
        self._rule_issues[index] = issues

    def set(self, key: str, text: str | None) -> set[str]:
        """Record a field's new text; returns the keys whose issues, text (a calculated total)
        or applicability may have changed.

        A compound field's key takes the whole cell, split into its parts. A calculated field
        keeps its worked-out text. An unknown key is a programming error (KeyError); no text
        ever raises.
        """
        spec = self.template.field(key)
        text = "" if text is None else str(text)
        if spec.parts:
            touched: set[str] = set()
            texts = cell_texts(spec, text, self.raw)  # only a total: the parts stay
            for part in spec.parts:
                touched |= self.set(part.key, texts[part.key])
            return touched
        if spec.is_calculated:
            return {key}
        self._store(key, text)
        changed = [key]
        if spec.parent is not None:  # a total kept with one part is checked against all
            changed += [p.key for p in self.template.field(spec.parent).parts if p.key != key]
        if key == self._period_key:
            changed += self._update_context()  # dates without a year take the period's
        changed = self._follow(changed)
        touched = set(changed)
        for index in sorted({i for k in changed for i in self._rules_by_key.get(k, ())}):
            touched.update(i.field for i in self._rule_issues[index])
            self._run_rule(index)
            touched.update(i.field for i in self._rule_issues[index])
        return touched

    def _follow(self, keys: list[str]) -> list[str]:
        """``keys`` and what changed with them: totals worked out from them, fields whose
        show_if reads them, and so on from those."""
        changed = list(keys)
        pending = list(keys)
        while pending:
            current = pending.pop(0)
            moved: list[str] = []
            if current in self._controllers:
                before = set(self.hidden)
                self._update_hidden()
                moved = sorted(before ^ self.hidden, key=self._order.__getitem__)
            moved += [total for total in self._feeds.get(current, ()) if self._recalculate(total)]
            for other in moved:
                if other not in changed:
                    changed.append(other)
                    pending.append(other)
        return changed

    def _store(self, key: str, text: str) -> None:
        self.raw[key] = text
        self.texts.forget(key)
        self.parsed[key] = self._parse(self.template.field(key), text, self.context)

    def _parse(self, spec: FieldSpec, text: str, context: ParseContext | None) -> Parsed:
        if spec.parent is not None:  # 线下参与860人 typed into 线上观看: not an online figure
            wrong = part_issue(self.template.field(spec.parent), spec, text)
            if wrong is not None:
                return Parsed(None, (wrong,))
            text = part_text(spec, text)  # 线上无: none
        parsed = parse_field(spec, text, context)
        if spec.key == self.template.roles.period:  # 第2024届: a year, not an edition
            return period_problem(self.template, spec, parsed)
        return parsed

    def _totals(self, compound: FieldSpec) -> list[Issue]:
        """The total written with a compound row's parts, against their sum."""
        values = {p.key: self.parsed[p.key].value for p in compound.parts
                  if p.key not in self.hidden}
        return total_issues(compound, self.raw, values)

    def _update_context(self) -> list[str]:
        """Follow the period's year; re-reads the dates (returned) when it moved."""
        context = period_context(self.template, self.values(True), self._given_context)
        if context == self.context:
            return []
        self.context = context
        for key in self._date_keys:
            self._store(key, self.raw[key])
        return list(self._date_keys)

    # --- show_if and calculated fields -----------------------------------------------------

    def applicable(self, key: str) -> bool:
        """Whether a field (or part, or compound field) applies: its show_if holds."""
        spec = self.template.field(key)
        if spec.parts:
            return any(part.key not in self.hidden for part in spec.parts)
        return key not in self.hidden

    def calculated_keys(self, key: str) -> list[str]:
        """The calculated fields worked out (directly or not) from ``key``, in order."""
        found: list[str] = []
        pending = list(self._feeds.get(key, ()))
        while pending:
            total = pending.pop(0)
            if total not in found:
                found.append(total)
                pending += self._feeds.get(total, ())
        return sorted(found, key=self._calculated.index)

    def _update_hidden(self) -> None:
        if self._conditions:
            self.hidden = set(self._order) - applicable_keys(self.template, self.values(True),
                                                             self._conditions)

    def _parts(self, key: str) -> tuple[str, ...]:
        return self.template.field(key).calculate.keys  # type: ignore[union-attr]

    def _recalculate(self, key: str) -> bool:
        """Work out a calculated field again; True when its text changed."""
        text = self._total_text(self.template.field(key))
        if text == self.raw[key]:
            return False
        self._store(key, text)
        return True

    def _total_text(self, spec: FieldSpec) -> str:
        quantities = []
        for key in self._parts(spec.key):
            if key in self.hidden:
                continue
            part = self.template.field(key)
            value = self.parsed[key].value
            if value is None:
                if self.raw[key].strip():
                    return ""  # a part is unreadable: no total rather than a wrong one
                continue
            quantity = field_type(part).number(part, value)
            if quantity is not None:
                quantities.append(quantity)
        total = sum_quantities(quantities)
        if total is None:
            return ""
        total["unit"] = field_type(spec).column_unit(spec) or total["unit"]
        return quantity_text(total)

    # --- reading the results ---------------------------------------------------------------

    def set_history(self, history: UnitHistory) -> set[str]:
        """Compare with these earlier figures from now on; returns the keys that may change."""
        touched = set(self.history.figures) | set(history.figures)
        self.history = history
        return {key for key in touched if key in self.parsed}

    def _outliers(self, key: str) -> list[Issue]:
        if key not in self.history.figures or key in self.hidden:
            return []
        found = outlier(self.template.field(key), self.parsed[key].value, self.history)
        return [found] if found else []

    def _year_issues(self, key: str) -> list[Issue]:
        if key not in self._date_keys or self.context is None:
            return []
        return year_issues(self.template, self.template.field(key), self.parsed[key].value,
                           self.context)

    def values(self, everything: bool = False) -> dict[str, Any]:
        """The parsed values of the fields that apply (``everything``: of every field)."""
        return {k: p.value for k, p in self.parsed.items()
                if p.value is not None and (everything or k not in self.hidden)}

    def display(self, key: str) -> str:
        return self.parsed[key].display

    def issues_for(self, key: str) -> list[Issue]:
        if key in self.hidden:
            return []
        issues = list(self.parsed[key].issues) if key in self.parsed else []
        issues += self._required(key)
        issues += self._outliers(key)
        issues += self._year_issues(key)
        parent = self.template.field(key).parent
        if parent is not None:
            issues += [i for i in self._totals(self.template.field(parent)) if i.field == key]
        for index in self._rules_by_key.get(key, ()):
            issues += [i for i in self._rule_issues[index] if i.field == key]
        return issues

    def _required(self, key: str) -> list[Issue]:
        spec = self.template.field(key)
        if not spec.required or self.raw.get(key, "").strip() or key in self.hidden:
            return []
        return [Issue(key, spec.full_label, ERROR, "required", _REQUIRED)]

    def issues(self) -> list[Issue]:
        keys = [key for key in self._order if key not in self.hidden]
        issues = [i for key in keys for i in self.parsed[key].issues]
        issues += [i for key in keys for i in self._required(key)]
        issues += [i for key in self.history.figures if key in self._order
                   for i in self._outliers(key)]
        issues += [i for key in self._date_keys if key not in self.hidden
                   for i in self._year_issues(key)]
        issues += [i for spec in self._compounds for i in self._totals(spec)
                   if i.field not in self.hidden]
        issues += [i for rule in self._rule_issues for i in rule if i.field not in self.hidden]
        return sorted(issues, key=lambda i: self._order.get(i.field, len(self._order)))

    def check(self) -> ReportCheck:
        displays = {k: p.display for k, p in self.parsed.items()
                    if p.display and k not in self.hidden}
        return ReportCheck(self.values(), self.issues(), displays, frozenset(self.hidden))


_REQUIRED = msg("必填项，请填写")


def conditions(template: FormTemplate) -> dict[str, Condition]:
    """Each leaf key's show_if (a compound field's applies to its parts)."""
    found: dict[str, Condition] = {}
    for spec in template.fields():
        for leaf in spec.parts or (spec,):
            condition = leaf.show_if or spec.show_if
            if condition is not None:
                found[leaf.key] = condition
    return found


def applicable_keys(template: FormTemplate, values: Mapping[str, Any],
                    found: dict[str, Condition] | None = None) -> set[str]:
    """The leaf keys whose show_if holds with these parsed values (all when none has one)."""
    found = conditions(template) if found is None else found
    keys = [spec.key for spec in template.leaves()]
    if not found:
        return set(keys)
    memo: dict[str, bool] = {}

    def holds(key: str, depth: int = 0) -> bool:
        if key not in memo:
            condition = found.get(key)
            memo[key] = condition is None or (
                depth < len(keys) and holds(condition.field, depth + 1)
                and condition.holds(values.get(condition.field)))
        return memo[key]

    return {key for key in keys if holds(key)}


def calculation_order(template: FormTemplate) -> list[str]:
    """The calculated fields, each after the calculated fields it reads (cycles left out)."""
    totals = {spec.key: spec.calculate.keys for spec in template.leaves() if spec.calculate}
    order: list[str] = []
    visiting: set[str] = set()

    def visit(key: str) -> None:
        if key in order or key in visiting:
            return
        visiting.add(key)
        for part in totals[key]:
            if part in totals:
                visit(part)
        visiting.discard(key)
        order.append(key)

    for key in totals:
        visit(key)
    return order


def validate_report(template: FormTemplate, raw: Mapping[str, str],
                    history: UnitHistory = NO_HISTORY) -> ReportCheck:
    """Validate a whole report's raw texts (keyed by field or part key)."""
    return Validator(template, raw, history).check()


def expand_values(template: FormTemplate, mapping: Mapping[str, Any],
                  current: Mapping[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """Raw values keyed by id, part key or printed label → texts by key, plus unknown names.

    A whole cell given for a compound field is split into its parts (a cell holding only a
    total keeps the parts' ``current`` figures).
    """
    result: dict[str, str] = {}
    unknown: list[str] = []
    for name, value in mapping.items():
        key = template.resolve_key(str(name))
        if key is None:
            unknown.append(str(name))
            continue
        text = "" if value is None else str(value)
        spec = template.field(key)
        if spec.parts:
            for part_key, part_raw in cell_texts(spec, text, current).items():
                if part_raw or part_key not in result:  # a part given on its own stays
                    result[part_key] = part_raw
        else:
            result[key] = text
    return result, unknown
