"""docs/templates.md cannot drift: its example form loads and behaves as the document says,
and every field key, role and type it lists is one the loader knows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forms.loader import TEMPLATE_KEYS, check_template_text, load_template_text
from forms.registry import COMPOUND_TYPES, TYPES
from forms.template_fields import FIELD_KEYS
from forms.template_roles import LEGACY_KEYS, ROLE_KEYS
from forms.validate import Validator

DOC = Path(__file__).resolve().parents[2] / "docs" / "templates.md"


def example_text() -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- example -->\s*```toml\n(.*?)```", text, re.S)
    assert match, "docs/templates.md has lost its example block"
    return match[1]


@pytest.fixture(scope="module")
def example():
    check = check_template_text(example_text(), "docs/templates.md")
    assert check.ok, [p.text() for p in check.problems]
    return check.template


def test_the_example_uses_every_feature_it_is_there_to_show(example):
    assert example.field("live_viewers").show_if is not None
    assert example.field("total").calculate.keys == (
        "offline", "screened.men", "screened.women", "live_viewers")
    assert example.field("level").codes == ("province", "city", "county")
    assert {r.kind for r in example.rules} >= {"compare"}
    assert example.field("per_session").aggregate == "mean"
    assert example.roles.unit == "unit_name" and example.roles.period == "year"


def test_a_small_report_in_the_example_form(example):
    validator = Validator(example, {
        "unit_name": "成都市疾病预防控制中心", "year": "2025年", "level": "市级",
        "topics": "减盐；自测血压", "live_streamed": "否", "live_viewers": "3000人次",
        "offline": "约1200人", "screened.men": "300人", "screened.women": "350人",
        "expected": "1000人", "budget": "5万元", "spent": "6万元",
        "activity_time": "2025年10月8日至15日", "fill_date": "2025年10月10日"})
    check = validator.check()
    assert check.values["level"] == "city" and check.values["topics"] == ["salt", "bp_check"]
    assert "live_viewers" in check.not_applicable and validator.raw["live_viewers"] == "3000人次"
    assert validator.raw["total"] == "约1850人"
    codes = {(i.field, i.code) for i in check.issues}
    assert ("total", "greater_than") in codes  # 约1850 > 1000 expected
    assert ("fill_date", "date_before") in codes  # filled before the activity ended
    (spent,) = [i for i in check.issues if i.field == "spent"]
    assert (spent.severity, spent.message) == ("error", "实际支出（60,000元）超过了预算（50,000元）")
    assert example.heading(check.values) == "2025年全国高血压日活动总结表"
    validator.set("live_streamed", "是")
    assert validator.applicable("live_viewers") and validator.raw["total"] == "约4850人"


def listed(heading: str) -> set[str]:
    """The `keys` in the first column of the table under ``heading``."""
    section = DOC.read_text(encoding="utf-8").split(heading)[1].split("\n## ")[0]
    cells = re.findall(r"^\| ([^|]*)\|", section, re.M)
    return {key for cell in cells for key in re.findall(r"`\[*([a-z_.]+)\]*`", cell)}


def test_the_reference_tables_name_only_what_the_loader_knows():
    assert listed("## 表头") == set(TEMPLATE_KEYS) - set(LEGACY_KEYS)  # old keys: 旧写法
    assert listed("## 栏目 fields") == set(FIELD_KEYS)
    assert listed("## 角色 roles") == set(ROLE_KEYS)
    assert listed("## 栏目类型") == set(TYPES) | set(COMPOUND_TYPES)


def test_every_other_toml_snippet_is_valid_toml():
    import tomllib

    text = DOC.read_text(encoding="utf-8")
    for block in re.findall(r"```toml\n(.*?)```", text, re.S):
        try:
            tomllib.loads(block)
        except tomllib.TOMLDecodeError:  # alternatives, one per line
            for line in block.splitlines():
                tomllib.loads(line)


def test_the_example_loads_through_the_public_loader():
    assert load_template_text(example_text()).id == "hypertension_day_summary"
