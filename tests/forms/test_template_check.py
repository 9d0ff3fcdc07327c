"""check_template_text: every mistake at once, each with its line; hostile templates refused."""

from __future__ import annotations

import time

import pytest

from forms.loader import TemplateError, check_template_text, load_template_text

BASE = '''id = "mini"
title = "小表"
version = 1

[[sections]]
id = "main"
title = "主要"

[[sections.fields]]
id = "people"
label = "人数"
type = "count"
unit = "人"

[[sections.fields]]
id = "expected"
label = "预计人数"
type = "count"
unit = "人"
'''


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line containing ``fragment``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return hits[nth - 1]


def found(text: str) -> list[tuple[int | None, str, str]]:
    check = check_template_text(text, "t.toml")
    assert check.template is None and not check.ok
    return [(p.line, p.where, p.message) for p in check.problems]


def test_a_good_template_has_no_problems():
    check = check_template_text(BASE)
    assert check.ok and check.problems == [] and check.template.id == "mini"


def test_every_mistake_is_named_with_its_line():
    text = BASE + '''
[[sections.fields]]
id = "people"
label = "重复"
type = "count"

[[sections.fields]]
id = "names"
label = "名单"
type = "names"
colour = "red"

[[rules]]
kind = "not_greater"
fields = ["people", "nobody"]
'''
    problems = found(text)
    assert (line_of(text, 'id = "people"', 2) - 1, "字段“people”", "id 重复") in problems
    assert any(line == line_of(text, 'type = "names"') and where == "字段“names”"
               and message.startswith("未知的类型“names”") for line, where, message in problems)
    assert (line_of(text, 'colour = "red"'), "字段“names”", "未知的键：colour") in problems
    assert (line_of(text, "fields = [\"people\", \"nobody\"]"), "规则 1",
            "引用了不存在的字段“nobody”") in problems
    assert len(problems) == 4


def test_a_mistake_in_a_part_points_at_the_part():
    text = BASE + '''
[[sections.fields]]
id = "attendance"
label = "参加人数"
type = "pair"

[[sections.fields.parts]]
id = "offline"
label = "线下"
type = "count"
unit = "斤"

[[sections.fields.parts]]
id = "online"
label = "线上"
type = "count"
'''
    assert found(text) == [(line_of(text, 'unit = "斤"'), "字段“attendance.offline”",
                            "未知的单位“斤”")]


def test_toml_syntax_error_names_its_line():
    text = BASE.replace('label = "人数"', 'label = "人数')
    ((line, where, message),) = found(text)
    assert (line, where) == (line_of(text, 'label = "人数'), "TOML 语法")
    assert message.startswith("引号没有配对")


def test_load_template_text_raises_the_first_problem_and_keeps_them_all():
    text = BASE.replace('type = "count"', 'type = "amount"')
    with pytest.raises(TemplateError) as caught:
        load_template_text(text, "t.toml")
    error = caught.value
    assert len(error.problems) == 2 and error.line == line_of(text, 'type = "amount"')
    assert error.text().startswith(f"t.toml：第{error.line}行：字段“people”：未知的类型“amount”")


@pytest.mark.parametrize(("change", "where", "message"), [
    (('label = "人数"', 'label = "人\\u0007数"'), "字段“people”", "label：含有不可见的控制字符（U+0007）"),
    (('label = "人数"', 'label = "人数\\n第二行"'), "字段“people”", "label：不能含换行"),
    (('title = "小表"', 'title = "小\u202e表"'), "模板", "title：含有不可见的控制字符（U+202E）"),
    (('label = "人数"', 'label = "' + "长" * 300 + '"'), "字段“people”", "label：过长（300字），最多200字"),
])
def test_bad_texts_are_refused_with_a_clear_message(change, where, message):
    old, new = change
    problems = found(BASE.replace(old, new, 1))
    assert [(w, m[: len(message)]) for _line, w, m in problems] == [(where, message)]


def test_a_raw_control_character_is_a_syntax_problem_named_in_chinese():
    text = BASE.replace('label = "人数"', 'label = "人\x07数"')
    ((line, where, message),) = found(text)
    assert (line, where) == (line_of(text, "人\x07数"), "TOML 语法")
    assert message.startswith("含有不可见的控制字符（U+0007），请删除")


HANG_GUARD_S = 10.0  # 10× the one second; the figure itself: benchmarks/bench_hostile_templates


def _guarded_check(text: str):
    """The check of ``text``; fails only if it hangs (speed is measured in the benchmark)."""
    started = time.perf_counter()
    check = check_template_text(text, "hostile.toml")
    assert time.perf_counter() - started < HANG_GUARD_S
    return check


def test_five_thousand_fields_are_refused():
    field = '[[sections.fields]]\nid = "f{n}"\nlabel = "第{n}栏"\ntype = "count"\n\n'
    text = BASE + "".join(field.format(n=n) for n in range(5000))
    ((problem),) = _guarded_check(text).problems
    assert problem.where == "sections" and "字段过多（5,002个）" in problem.message


def test_a_megabyte_label_is_refused():
    text = BASE.replace('label = "人数"', 'label = "' + "标" * 1_000_000 + '"')
    check = _guarded_check(text)
    assert [p.message for p in check.problems] == ["label：过长（1,000,000字），最多200字"]


def test_a_huge_file_is_refused_before_parsing(monkeypatch):
    import forms.loader

    def no_parsing(text):
        raise AssertionError("a huge file was parsed")

    monkeypatch.setattr(forms.loader.tomllib, "loads", no_parsing)
    check = _guarded_check(BASE + "#" + "x" * 3_000_000)
    assert "模板过大" in check.problems[0].message


def test_markup_in_labels_is_kept_as_plain_text():
    text = BASE.replace('label = "人数"', 'label = "<b>人数</b> & <script>x</script>"')
    template = load_template_text(text)
    assert template.field("people").label == "<b>人数</b> & <script>x</script>"


@pytest.mark.parametrize("text", ["", "[[sections]]", "sections = 5\nid = 1", "[x]\ny = [1, {a = 2}]",
                                  "id = \"a\"\ntitle = \"t\"\nversion = true\nsections = [1, \"x\"]",
                                  'id = "a"\ntitle = "t"\nversion = 1\n[[sections]]\nfields = "x"',
                                  'id = "a"\ntitle = "t"\nversion = 1\n[[sections]]\nid = "s"\n'
                                  'title = "s"\n[[sections.fields]]\nid = 5\nlabel = []\ntype = {}',
                                  'roles = 5\nrules = "x"', "a = " + "[" * 2000 + "]" * 2000])
def test_nonsense_never_raises(text):
    check = check_template_text(text)
    assert check.template is None and check.problems
    assert all(isinstance(p.text(), str) for p in check.problems)


@pytest.mark.parametrize(("order", "where", "message"), [
    ("0", "order", "应为 1 到 9999 之间的整数（小的排在前面）"),
    ("10000", "order", "应为 1 到 9999 之间的整数（小的排在前面）"),
    ('"1"', "模板", "order 的值应为整数"), ("1.5", "模板", "order 的值应为整数"),
    ("true", "模板", "order 的值应为整数"),
])
def test_a_bad_order_is_named_with_its_line(order, where, message):
    text = BASE.replace("version = 1\n", f"version = 1\norder = {order}\n")
    assert found(text) == [(line_of(text, "order ="), where, message)]


@pytest.mark.parametrize("order", [1, 2, 9999])
def test_a_good_order_is_kept(order):
    text = BASE.replace("version = 1\n", f"version = 1\norder = {order}\n")
    assert load_template_text(text).order == order
    assert load_template_text(BASE).order is None
