"""The year type, and choices that store codes: a renamed label never breaks a stored report."""

from __future__ import annotations

import pytest

from exports.merge_values import combine, value_problem
from forms.issues import ERROR
from forms.loader import load_template_text
from forms.registry import parse_field
from forms.spec import FieldSpec
from forms.validate import validate_report
from tests.forms.feature_form import TEXT, feature_template

YEAR = FieldSpec("year", "年度", "year", key="year")
RANGED = FieldSpec("year", "年度", "year", key="year", min=2000, max=2030)


@pytest.mark.parametrize(("text", "value", "display"), [
    ("2012", 2012, "2012年"), ("2012年", 2012, "2012年"), ("2012年度", 2012, "2012年"),
    ("二〇一二年", 2012, "2012年"), ("二零一二", 2012, "2012年"), ("２０２４年", 2024, "2024年"),
    (" 2024 年 ", 2024, "2024年"), ("两千零二十四年", 2024, "2024年"), ("1949", 1949, "1949年"),
])
def test_years_as_people_write_them(text, value, display):
    parsed = parse_field(YEAR, text)
    assert (parsed.value, parsed.display, parsed.issues) == (value, display, ())


@pytest.mark.parametrize(("text", "code"), [
    ("12", "bad_year"), ("2012-13", "bad_year"), ("今年", "bad_year"), ("第30届", "bad_year"),
    ("20120", "bad_year"), ("1948", "out_of_range"), ("2101年", "out_of_range"),
])
def test_what_is_not_a_year_is_an_error_and_no_value(text, code):
    parsed = parse_field(YEAR, text)
    assert parsed.value is None and [(i.code, i.severity) for i in parsed.issues] == [(code, ERROR)]


def test_the_range_comes_from_the_template():
    assert parse_field(RANGED, "2030年").value == 2030
    (issue,) = parse_field(RANGED, "1999").issues
    assert issue.message == "年份应在2000年至2030年之间" and "2024" in issue.suggestion


def test_the_award_form_takes_2012_nian(award_template):
    check = validate_report(award_template, {"year": "2012年"})
    assert check.values["year"] == 2012 and not [i for i in check.issues if i.field == "year"]
    assert award_template.period_text(2012) == "2012"
    assert award_template.year_of({"year": 2012, "fill_date": "2013-01-05"}) == 2012


# --- choices with codes ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ["市级", "c", "2", "（2）市级", "市"])
def test_a_choice_is_stored_as_its_code(text):
    spec = feature_template().field("level")
    parsed = parse_field(spec, text)
    assert (parsed.value, parsed.display) == ("c", "市级")


def test_a_checklist_stores_codes_and_plain_options_keep_their_label_as_code():
    spec = feature_template().field("topics")
    assert spec.option_codes == ("salt", "bp", "控烟") and spec.options == ("减盐", "测血压", "控烟")
    assert parse_field(spec, "☑测血压\n☐减盐\n☑控烟").value == ["bp", "控烟"]
    assert parse_field(spec, "salt；3").value == ["salt", "控烟"]
    assert value_problem(spec, ["bp"]) is None and value_problem(spec, ["测血压"]) == "选项不正确"


def test_a_renamed_label_never_breaks_a_stored_report():
    """Next year's template calls 省级 省级单位: stored codes and the old label still read."""
    renamed = load_template_text(TEXT.replace('label = "省级"', 'label = "省级单位"').replace(
        "version = 1", "version = 2"))
    spec = renamed.field("level")
    for stored in ("p", "省级"):  # the value stored, and the text typed last year
        parsed = parse_field(spec, stored)
        assert (parsed.value, parsed.display, parsed.issues) == ("p", "省级单位", ())
    raw, values = combine(renamed, [("甲", {"level": "p"}), ("乙", {"level": "p"})])
    assert (raw["level"], values["level"]) == ("省级单位", "p")
    assert validate_report(renamed, raw).values["level"] == "p"


def test_merged_checklists_keep_codes_and_print_labels():
    template = feature_template()
    raw, values = combine(template, [("甲", {"topics": ["bp"]}), ("乙", {"topics": ["salt"]})])
    assert values["topics"] == ["salt", "bp"] and raw["topics"] == "减盐；测血压"
    assert validate_report(template, raw).values["topics"] == ["salt", "bp"]
