"""Validating a report: each field by its type, then the template's cross-field rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.issues import ERROR, Issue
from forms.lists import split_compound
from forms.outliers import NO_HISTORY, UnitHistory, outlier
from forms.registry import parse_field
from forms.rules import ComparisonTexts, rule_keys, run_rule
from forms.spec import FormTemplate
from forms.types import Parsed


@dataclass
class ReportCheck:
    """The normalised values of a report and every issue found, in form order."""

    values: dict[str, Any]
    issues: list[Issue]
    displays: dict[str, str] = field(default_factory=dict)

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

    >>> from forms.loader import builtin_templates
    >>> v = Validator(builtin_templates()["cancer_week_summary"])
    >>> sorted(v.set("direct_beneficiaries", "46.21人"))
    ['direct_beneficiaries']
    >>> v.issues_for("direct_beneficiaries")[0].code
    'fractional_count'
    """

    def __init__(self, template: FormTemplate, raw: Mapping[str, str] | None = None,
                 history: UnitHistory = NO_HISTORY) -> None:
        self.template = template
        self.history = history  # the unit's earlier figures, for the outlier warnings
        self.raw: dict[str, str] = {}
        self.texts = ComparisonTexts(self.raw)  # for the text rules, computed when needed
        self.parsed: dict[str, Parsed] = {}
        self._order = {spec.key: n for n, spec in enumerate(template.leaves())}
        self._rules_by_key: dict[str, list[int]] = {}
        for index, rule in enumerate(template.rules):
            for key in rule_keys(rule, template):
                self._rules_by_key.setdefault(key, []).append(index)
        self._rule_issues: list[list[Issue]] = [[] for _ in template.rules]
        for spec in template.leaves():
            text = (raw or {}).get(spec.key, "")
            text = "" if text is None else str(text)
            self.raw[spec.key] = text
            self.parsed[spec.key] = parse_field(spec, text)
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
                            f"规则“{rule.kind}”无法检查（{type(exc).__name__}）")]
        self._rule_issues[index] = issues

    def set(self, key: str, text: str | None) -> set[str]:
        """Record a field's new text; returns the keys whose issues may have changed.

        A compound field's key takes the whole cell, split into its parts. An unknown key is
        a programming error (KeyError); no text ever raises.
        """
        spec = self.template.field(key)
        text = "" if text is None else str(text)
        if spec.parts:
            touched: set[str] = set()
            texts = split_compound(spec, text)
            for part in spec.parts:
                touched |= self.set(part.key, texts.get(part.key, ""))
            return touched
        touched = {key}
        self.raw[key] = text
        self.texts.forget(key)
        self.parsed[key] = parse_field(spec, text)
        for index in self._rules_by_key.get(key, ()):
            touched.update(i.field for i in self._rule_issues[index])
            self._run_rule(index)
            touched.update(i.field for i in self._rule_issues[index])
        return touched

    def set_history(self, history: UnitHistory) -> set[str]:
        """Compare with these earlier figures from now on; returns the keys that may change."""
        touched = set(self.history.figures) | set(history.figures)
        self.history = history
        return {key for key in touched if key in self.parsed}

    def _outliers(self, key: str) -> list[Issue]:
        if key not in self.history.figures:
            return []
        found = outlier(self.template.field(key), self.parsed[key].value, self.history)
        return [found] if found else []

    def values(self) -> dict[str, Any]:
        return {k: p.value for k, p in self.parsed.items() if p.value is not None}

    def display(self, key: str) -> str:
        return self.parsed[key].display

    def issues_for(self, key: str) -> list[Issue]:
        issues = list(self.parsed[key].issues) if key in self.parsed else []
        issues += self._required(key)
        issues += self._outliers(key)
        for index in self._rules_by_key.get(key, ()):
            issues += [i for i in self._rule_issues[index] if i.field == key]
        return issues

    def _required(self, key: str) -> list[Issue]:
        spec = self.template.field(key)
        if not spec.required or self.raw.get(key, "").strip():
            return []
        return [Issue(key, spec.full_label, ERROR, "required", "必填项，请填写")]

    def issues(self) -> list[Issue]:
        issues = [i for key in self._order for i in self.parsed[key].issues]
        issues += [i for key in self._order for i in self._required(key)]
        issues += [i for key in self.history.figures if key in self._order
                   for i in self._outliers(key)]
        issues += [i for rule in self._rule_issues for i in rule]
        return sorted(issues, key=lambda i: self._order.get(i.field, len(self._order)))

    def check(self) -> ReportCheck:
        displays = {k: p.display for k, p in self.parsed.items() if p.display}
        return ReportCheck(self.values(), self.issues(), displays)


def validate_report(template: FormTemplate, raw: Mapping[str, str],
                    history: UnitHistory = NO_HISTORY) -> ReportCheck:
    """Validate a whole report's raw texts (keyed by field or part key)."""
    return Validator(template, raw, history).check()


def expand_values(template: FormTemplate, mapping: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Raw values keyed by id, part key or printed label → texts by key, plus unknown names.

    A whole cell given for a compound field is split into its parts.
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
            for part in spec.parts:
                result.setdefault(part.key, "")
            result.update(split_compound(spec, text))
        else:
            result[key] = text
    return result, unknown
