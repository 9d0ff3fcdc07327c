"""Declarative cross-field rules, evaluated on parsed values: comparisons (forms.compare),
a name list against its count, and copy-paste detection."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from forms.compare import compare
from forms.issues import Issue
from forms.messages import msg, plural
from forms.quantity import format_number
from forms.spec import FieldSpec, FormTemplate, RuleSpec

_NOT_COMPARED = re.compile(r"[\s\W_]+")
SIGNATURE_LENGTH = 16  # comparison-text characters that must agree before whole texts are compared
SIGNATURE_WINDOW = 256  # raw characters read for a signature when they hold enough letters


def comparison_text(text: str | None) -> str:
    """Text without blanks, line breaks or punctuation: what a copy-paste check compares.

    A pasted cell tidied on the way in (a stray line break before 、) still counts as the same.
    """
    return _NOT_COMPARED.sub("", text or "")


class ComparisonTexts(Mapping[str, str]):
    """``comparison_text`` of each raw text, computed when first needed and kept until
    ``forget(key)``. Comparing long texts costs a pass over each, so a short signature (the
    comparison text's start, read from the raw text's start) is compared first."""

    def __init__(self, raw: Mapping[str, str]) -> None:
        self._raw = raw
        self._texts: dict[str, str] = {}
        self._signatures: dict[str, str] = {}

    def forget(self, key: str) -> None:
        self._texts.pop(key, None)
        self._signatures.pop(key, None)

    def __getitem__(self, key: str) -> str:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = comparison_text(self._raw[key])
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def signature(self, key: str) -> str:
        """``self[key][:SIGNATURE_LENGTH]``, usually without the whole text's pass."""
        signature = self._signatures.get(key)
        if signature is None:
            head = comparison_text(self._raw.get(key, "")[:SIGNATURE_WINDOW])
            if len(head) < SIGNATURE_LENGTH:
                head = self.get(key, "")
            signature = self._signatures[key] = head[:SIGNATURE_LENGTH]
        return signature


# (rule, template, raw texts, parsed values, comparison texts) -> issues
RuleCheck = Callable[
    [RuleSpec, FormTemplate, Mapping[str, str], Mapping[str, Any], ComparisonTexts], list[Issue]
]


def _issue(rule: RuleSpec, spec: FieldSpec, code: str, message: str,
           suggestion: str | None = None) -> Issue:
    return Issue(spec.key, spec.full_label, rule.severity, code, rule.message or message,
                 suggestion)


def _number(value: Any) -> float | None:
    if isinstance(value, dict):
        if "value" in value:
            return value["value"]
        count = value.get("count")
        return count["value"] if isinstance(count, dict) else None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def list_matches_count(rule: RuleSpec, template: FormTemplate, raw: Mapping[str, str],
                       values: Mapping[str, Any], texts: ComparisonTexts) -> list[Issue]:
    """The names listed in one field must agree with the count given in another."""
    count_spec, list_spec = (template.field(k) for k in rule.fields)
    count, listing = _number(values.get(count_spec.key)), values.get(list_spec.key)
    if count is None or not isinstance(listing, dict):
        return []
    listed = len(listing.get("names", []))
    if listed == count or (listed < count and listing.get("partial")):
        return []  # a list ending in 等 may name fewer
    return [_issue(rule, list_spec, "list_count_mismatch",
                   plural("列出了{n}个名称，与“{label}”的{count}个不一致", n=listed,
                          label=count_spec.full_label, count=format_number(count)),
                   msg("请核对名称和数量"))]


def distinct_text(rule: RuleSpec, template: FormTemplate, raw: Mapping[str, str],
                  values: Mapping[str, Any], texts: ComparisonTexts) -> list[Issue]:
    """Two fields with the same text: likely a copy-paste slip; flag the later one."""
    keys = [s.key for s in template.leaves()] if rule.fields == ("*",) else list(rule.fields)
    shortest = max(rule.min_length, 1)
    # Only texts whose signatures agree can be the same: the others are never read whole.
    keys = [key for key in keys if key in raw and len(raw[key] or "") >= shortest]
    signatures = [texts.signature(key) for key in keys]
    seen: set[str] = set()
    shared = {s for s in signatures if s in seen or seen.add(s)}
    first_seen: dict[str, str] = {}
    issues = []
    for key, signature in zip(keys, signatures, strict=True):
        if signature not in shared:
            continue
        text = texts.get(key, "")
        if len(text) < shortest:
            continue
        if text in first_seen:
            earlier = template.field(first_seen[text])
            issues.append(_issue(rule, template.field(key), "duplicate_text",
                                 msg("与「{label}」内容完全相同，是否复制粘贴错误？",
                                     label=earlier.full_label),
                                 msg("请填写本栏（{label}）自己的内容",
                                     label=template.field(key).full_label)))
        else:
            first_seen[text] = key
    return issues


RULES: dict[str, RuleCheck] = {
    "compare": compare,
    "list_matches_count": list_matches_count,
    "distinct_text": distinct_text,
    "not_greater": compare,  # old templates: a <= b
    "date_not_before": compare,  # old templates: a >= b (dates)
}
# How many fields each kind takes (0: any number, or "*" for every field; compare: its expression).
RULE_KINDS = {"compare": 0, "list_matches_count": 2, "distinct_text": 0, "not_greater": 2,
              "date_not_before": 2}
# The field types each position of a rule accepts (kinds not listed take any type).
RULE_FIELD_TYPES: dict[str, tuple[tuple[str, ...], ...]] = {
    "not_greater": (("count", "money", "name_list"), ("count", "money", "name_list")),
    "list_matches_count": (("count", "name_list"), ("name_list",)),
    "date_not_before": (("date", "date_range"), ("date", "date_range")),
}


def rule_keys(rule: RuleSpec, template: FormTemplate) -> tuple[str, ...]:
    """The keys a rule reads: a change to any of them re-runs the rule."""
    if rule.fields == ("*",):
        return tuple(s.key for s in template.leaves())
    return rule.fields


def run_rule(rule: RuleSpec, template: FormTemplate, raw: Mapping[str, str],
             values: Mapping[str, Any], texts: ComparisonTexts | None = None) -> list[Issue]:
    """Check one rule; ``texts`` (over the same ``raw``) may be passed in as a cache."""
    if texts is None:
        texts = ComparisonTexts(raw)
    return RULES[rule.kind](rule, template, raw, values, texts)
