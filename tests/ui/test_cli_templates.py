"""`main.py templates …`, and `forms`/`check`/`new` on imported forms, through the CLI's main()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storage
from forms.loader import FORMS_DIR
from ui.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "templates"
NO_TOBACCO = FIXTURES / "no_tobacco_day.toml"
FORM = "no_tobacco_day_summary"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "tianbao.db"


def spoiled(tmp_path: Path, old: str, new: str) -> Path:
    text = NO_TOBACCO.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "spoiled.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def imported(db: Path) -> list[str]:
    if not db.exists():
        return []
    with storage.open_database(db, read_only=True) as store:
        return [t.form_id for t in storage.list_imported_templates(store)]


# --- import, list, export ---------------------------------------------------------------------

def test_import_prints_the_form_id_alone_on_the_last_line(capsys, db):
    code, out, err = run(capsys, "--db", db, "templates", "import", NO_TOBACCO)
    assert (code, err) == (0, "")
    assert out.splitlines() == ["已导入表单“世界无烟日活动总结表”（第1版）。", FORM]
    code, out, _ = run(capsys, "--db", db, "templates", "import", NO_TOBACCO)
    assert code == 0 and "内容相同" in out and out.splitlines()[-1] == FORM
    assert imported(db) == [FORM]


def test_import_json(capsys, db):
    code, out, _ = run(capsys, "--db", db, "templates", "import", NO_TOBACCO, "--json")
    assert code == 0
    assert json.loads(out) == {"id": FORM, "title": "世界无烟日活动总结表", "version": 1,
                               "stored": True}


def test_list_shows_origin_version_and_reports(capsys, db):
    run(capsys, "--db", db, "templates", "import", NO_TOBACCO)
    run(capsys, "--db", db, "new", FORM)
    code, out, _ = run(capsys, "--db", db, "templates", "list")
    assert code == 0
    assert out.splitlines() == [
        "association_award_summary\t省、市、自治区抗癌协会评优汇总表\t第2版\t内置\t0份报表",
        "cancer_week_summary\t全国肿瘤防治宣传周活动总结表\t第2版\t内置\t0份报表",
        f"{FORM}\t世界无烟日活动总结表\t第1版\t导入\t1份报表"]
    code, out, _ = run(capsys, "--db", db, "templates", "list", "--json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows[FORM] | {"imported_at": None} == {
        "id": FORM, "title": "世界无烟日活动总结表", "version": 1, "origin": "imported",
        "reports": 1, "in_use": True, "file": "no_tobacco_day.toml", "imported_at": None,
        "problems": [], "note": ""}
    assert rows["cancer_week_summary"]["origin"] == "builtin"


def test_list_without_a_database_shows_the_built_in_forms(capsys, db):
    code, out, _ = run(capsys, "--db", db, "templates", "list")
    assert code == 0 and len(out.splitlines()) == 2
    assert not db.exists()  # listing never creates the file


def test_export_writes_what_import_reads_back_identically(capsys, db, tmp_path):
    run(capsys, "--db", db, "templates", "import", NO_TOBACCO)
    first = tmp_path / "first.toml"
    assert run(capsys, "--db", db, "templates", "export", FORM, first)[0] == 0
    other = tmp_path / "other.db"
    code, out, _ = run(capsys, "--db", other, "templates", "import", first)
    assert code == 0 and out.splitlines()[-1] == FORM
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, _ = run(capsys, "--db", other, "templates", "export", FORM, folder)
    assert code == 0 and str(folder / f"{FORM}.toml") in out
    assert (folder / f"{FORM}.toml").read_bytes() == first.read_bytes() == NO_TOBACCO.read_bytes()


def test_export_of_a_built_in_form_and_of_an_unknown_one(capsys, db, tmp_path):
    code, _, _ = run(capsys, "--db", db, "templates", "export", "cancer_week_summary",
                     tmp_path / "week.toml")
    assert code == 0
    assert (tmp_path / "week.toml").read_bytes() == \
        (FORMS_DIR / "cancer_week_summary.toml").read_bytes()
    code, _, err = run(capsys, "--db", db, "templates", "export", "nope", tmp_path / "x.toml")
    assert code == 1 and "没有可导出的表单“nope”" in err
    assert not (tmp_path / "x.toml").exists()


# --- check and refusals -----------------------------------------------------------------------

def test_check_a_good_file(capsys):
    code, out, _ = run(capsys, "templates", "check", NO_TOBACCO)
    assert code == 0
    assert out.strip() == "没有发现错误：世界无烟日活动总结表（no_tobacco_day_summary，第1版，5个字段）。"


@pytest.mark.parametrize(("old", "new", "words"), [
    ('id = "lectures"', 'id = "unit_name"', ["unit_name", "重复"]),
    ('type = "count"', 'type = "countt"', ["lectures", "countt"]),
    ('unit = "unit_name"', 'unit = "unit"', ["角色 unit", "“unit”"]),
    ('version = 1', 'version = "一"', ["version"]),
    ('title = "世界无烟日活动总结表"', 'title = ', ["TOML"]),
])
def test_check_names_the_mistake_and_exits_1(capsys, tmp_path, old, new, words):
    code, out, _ = run(capsys, "templates", "check", spoiled(tmp_path, old, new))
    assert code == 1
    assert all(word in out for word in words), out
    assert "处错误" in out.splitlines()[-1]


def test_import_refuses_a_broken_template_and_stores_nothing(capsys, db, tmp_path):
    path = spoiled(tmp_path, 'type = "count"', 'type = "countt"')
    code, out, _ = run(capsys, "--db", db, "templates", "import", path)
    assert code == 1 and "countt" in out and out.splitlines()[-1].endswith("模板未导入。")
    assert imported(db) == []


@pytest.mark.parametrize(("name", "words"), [("表.docx", "不是有效的 Word"),
                                             ("表.xlsx", "不是有效的 Word（.docx）或 Excel"),
                                             ("表.csv", "无法识别"), ("无.toml", "找不到")])
def test_other_kinds_of_file_are_refused_in_chinese(capsys, db, tmp_path, name, words):
    path = tmp_path / name
    if name != "无.toml":
        path.write_bytes(b"PK\x03\x04")
    for action in ("check", "import"):
        code, _, err = run(capsys, "--db", db, "templates", action, path)
        assert code == 1 and words in err and "Traceback" not in err
    assert imported(db) == []


def test_a_built_in_form_is_not_imported_again_without_a_higher_version(capsys, db):
    code, _, err = run(capsys, "--db", db, "templates", "import",
                       FORMS_DIR / "cancer_week_summary.toml")
    assert code == 1 and "内置表单" in err and "version 须大于 2" in err
    assert imported(db) == []


def test_delete_is_refused_while_reports_use_the_form(capsys, db):
    run(capsys, "--db", db, "templates", "import", NO_TOBACCO)
    code, out, _ = run(capsys, "--db", db, "new", FORM)
    report_id = out.splitlines()[-1]
    code, _, err = run(capsys, "--db", db, "templates", "delete", FORM)
    assert code == 1 and "1 份报表" in err
    code, _, err = run(capsys, "--db", db, "templates", "delete", "cancer_week_summary")
    assert code == 1 and "内置表单，不能删除" in err
    with storage.open_database(db, daily_backup=False) as store:
        storage.purge_report(store, int(report_id))
    assert run(capsys, "--db", db, "templates", "delete", FORM)[0] == 0
    assert imported(db) == []


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "templates")[0] == 2
    assert run(capsys, "templates", "export", "x")[0] == 2


# --- forms, check and new work for imported forms as for built-in ones -------------------------

def test_forms_json_and_check_see_imported_forms(capsys, db, tmp_path):
    run(capsys, "--db", db, "templates", "import", NO_TOBACCO)
    code, out, _ = run(capsys, "--db", db, "forms", "--json")
    forms = {form["id"]: form for form in json.loads(out)}
    assert code == 0 and set(forms) == {FORM, "cancer_week_summary", "association_award_summary"}
    assert [f["id"] for f in forms[FORM]["fields"]] == [
        "unit_name", "fill_date", "lectures", "participants", "summary"]
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"填报单位": "某县疾控中心", "控烟讲座": "3场",
                                  "参与人数": "46.21人"}, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "check", FORM, "--values", values)
    assert code == 1 and "参与人数" in out
    code, out, _ = run(capsys, "--db", db, "check", "世界无烟日活动总结表", "--values", values,
                       "--json")
    assert code == 1 and json.loads(out)["issues"][0]["field"] == "participants"
    code, _, err = run(capsys, "--db", tmp_path / "empty.db", "check", FORM, "--values", values)
    assert code == 2 and "没有表单" in err


def test_new_report_of_an_imported_form(capsys, db):
    run(capsys, "--db", db, "templates", "import", NO_TOBACCO)
    code, out, _ = run(capsys, "--db", db, "new", FORM)
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "show", out.splitlines()[-1], "--json")
    assert json.loads(out)["form"] == FORM


# --- every mistake at once; hostile files ------------------------------------------------------

EVERY_MISTAKE = '''id = "bad_form"
title = "坏表"
version = 1

[roles]
unit = "unit_nam"

[[sections]]
id = "main"
title = "主要"

[[sections.fields]]
id = "unit_name"
label = "单位"
type = "text"

[[sections.fields]]
id = "unit_name"
label = "单位2"
type = "text"

[[sections.fields]]
id = "people"
label = "人数"
type = "countt"

[[rules]]
kind = "not_greater"
fields = ["people", "nobody"]
'''


def test_check_lists_every_mistake_with_its_line_and_field(capsys, db, tmp_path):
    path = tmp_path / "坏表.toml"
    path.write_text(EVERY_MISTAKE, encoding="utf-8")
    code, out, _ = run(capsys, "templates", "check", path)
    lines = out.splitlines()
    assert code == 1
    assert f"{path}：第17行：字段“unit_name”：id 重复" in lines
    assert any(line.startswith(f"{path}：第25行：字段“people”：未知的类型“countt”") for line in lines)
    assert f"{path}：第6行：角色 unit：引用了不存在的字段“unit_nam”" in lines
    assert f"{path}：第29行：规则 1：引用了不存在的字段“nobody”" in lines
    assert lines[-1].startswith(f"共 {len(lines) - 1} 处错误")
    code, out, _ = run(capsys, "--db", db, "templates", "import", path)
    assert code == 1 and out.splitlines()[:-1] == lines[:-1]
    assert imported(db) == []


@pytest.mark.parametrize("kind", ["many_fields", "huge_label", "markup", "control"])
def test_hostile_templates_are_refused_or_handled_without_a_traceback(capsys, db, tmp_path, kind):
    text = NO_TOBACCO.read_text(encoding="utf-8")
    if kind == "many_fields":
        text += "".join(f'\n[[sections.fields]]\nid = "f{n}"\nlabel = "栏{n}"\ntype = "count"\n'
                        for n in range(5000))
    elif kind == "huge_label":
        text = text.replace('label = "控烟讲座"', f'label = "{"长" * 1_000_000}"')
    elif kind == "markup":
        text = text.replace('label = "控烟讲座"', 'label = "<b>控烟</b><script>x</script>&amp;"')
    else:
        text = text.replace('label = "控烟讲座"', 'label = "控烟\\u0007讲座\\u001b[31m"')
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "templates", "import", path)
    assert code in (0, 1) and "Traceback" not in out + err
    assert (code == 0) == (imported(db) == [FORM])
    if code == 1:
        assert "处错误" in out


# --- the template language's own mistakes, as the command names them ---------------------------

# (the text in the feature form, its replacement): one of each kind the issue names
SEVEN_MISTAKES = [
    ('id = "smallest"', 'id = "largest"'),  # a duplicate id
    ('id = "quota"\nlabel = "上级下达指标"\ntype = "count"',
     'id = "quota"\nlabel = "上级下达指标"\ntype = "counts"'),  # an unknown type
    ('show_if = { field = "live_streamed", equals = "是" }',
     'show_if = { field = "streamed", equals = "是" }'),  # show_if naming a missing field
    ('id = "per_session"\nlabel = "平均每场人数"\ntype = "count"\nunit = "人"\n',
     'id = "per_session"\nlabel = "平均每场人数"\ntype = "count"\nunit = "人"\n'
     'calculate = { sum = ["visitors"] }\n'),  # a calculation naming a missing field
    ('calculate = { sum = ["offline", "screened", "viewers"] }',
     'calculate = { sum = ["offline", "expected"] }'),  # a = b + c ...
    ('id = "expected"\nlabel = "预计受益人数"\ntype = "count"\nunit = "人"\n',
     'id = "expected"\nlabel = "预计受益人数"\ntype = "count"\nunit = "人"\n'
     'calculate = { sum = ["total"] }\n'),  # ... c = a: a cycle
    ('{ code = "c", label = "市级" }', '{ code = "p", label = "市级" }'),  # an option code twice
    ('phone = "tel"', 'phone = "telephone"'),  # a role naming a missing field
]


def test_check_names_each_kind_of_mistake_the_language_can_hold(capsys, db, tmp_path):
    from tests.forms.feature_form import TEXT

    good = tmp_path / "高血压日.toml"
    good.write_text(TEXT, encoding="utf-8")
    assert run(capsys, "templates", "check", good)[0] == 0
    text = TEXT
    for old, new in SEVEN_MISTAKES:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "坏的高血压日.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "templates", "check", path)
    assert code == 1
    lines = out.splitlines()

    def named(line_fragment: str, *words: str) -> bool:
        number = next(n for n, row in enumerate(text.splitlines(), 1) if line_fragment in row)
        return any(f"：第{number}行：" in line and all(w in line for w in words) for line in lines)

    second = [n for n, row in enumerate(text.splitlines(), 1) if row == 'id = "largest"'][1]
    assert f"{path}：第{second - 1}行：字段“largest”：id 重复" in lines  # its [[sections.fields]]
    assert named('type = "counts"', "字段“quota”", "未知的类型“counts”")
    assert named('field = "streamed"', "字段“viewers”", "show_if 引用了不存在的字段“streamed”")
    assert named('sum = ["visitors"]', "字段“per_session”", "calculate 引用了不存在的字段“visitors”")
    assert any("calculate 循环引用" in line and "total" in line and "expected" in line
               for line in lines)
    assert named('{ code = "p", label = "市级" }', "字段“level”", "选项代码“p”用了2次")
    assert named('phone = "telephone"', "引用了不存在的字段“telephone”")
    assert lines[-1].startswith(f"共 {len(lines) - 1} 处错误")
    code, out, _ = run(capsys, "--db", db, "templates", "import", path)
    assert code == 1 and out.splitlines()[:-1] == lines[:-1]
    assert imported(db) == []


def test_a_form_with_show_if_totals_and_codes_round_trips(capsys, db, tmp_path):
    from tests.forms.feature_form import TEXT

    source = tmp_path / "高血压日.toml"
    source.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "templates", "import", source)
    assert code == 0 and out.splitlines()[-1] == "screening_day"
    out_path = tmp_path / "out.toml"
    assert run(capsys, "--db", db, "templates", "export", "screening_day", out_path)[0] == 0
    assert out_path.read_bytes() == source.read_bytes()
