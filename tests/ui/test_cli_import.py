"""`main.py import FILE` and `main.py templates import FILE.docx|.xlsx` through the CLI's main()."""

from __future__ import annotations

import json

import pytest

import storage
from forms.validate import expand_values, validate_report
from tests.forms.importing import builders
from ui.cli import main


def run(capsys, *argv: object) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path):
    return tmp_path / "tianbao.db"


def reports(db) -> list[int]:
    if not db.exists():
        return []
    with storage.open_database(db, read_only=True) as store:
        return [r.id for r in storage.list_reports(store.db)]


def test_import_a_filled_form_prints_the_id_last(capsys, db, tmp_path, week_template):
    path = builders.week_docx(tmp_path / "宣传周.docx", builders.seed_000())
    code, out, err = run(capsys, "--db", db, "import", path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    report_id = int(lines[-1])
    assert reports(db) == [report_id]
    assert "cancer_week_summary" in lines[0] and "读到 27 个栏目" in lines[0]
    assert any("直接受益人数" in line and "人数应为整数" in line for line in lines)
    code, out, _ = run(capsys, "--db", db, "show", report_id, "--json")
    shown = json.loads(out)
    expected = validate_report(week_template, expand_values(week_template, builders.seed_000())[0])
    assert shown["values"] == expected.values
    assert shown["title"] == "第30届全国肿瘤防治宣传周活动总结表"


def test_import_json(capsys, db, tmp_path):
    path = builders.week_xlsx(tmp_path / "宣传周.xlsx", builders.seed_000())
    code, out, _ = run(capsys, "--db", db, "import", path, "--form", "cancer_week_summary", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"id", "form", "matched", "unmatched", "issues"}
    assert data["form"] == "cancer_week_summary" and data["unmatched"] == []
    assert {"label": "费用减免", "field": "fee_reduction"} in data["matched"]
    assert {"field": "direct_beneficiaries", "code": "fractional_count"}.items() <= \
        next(i for i in data["issues"] if i["field"] == "direct_beneficiaries").items()
    assert reports(db) == [data["id"]]


@pytest.mark.parametrize(("content", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为"),
    (b"PK\x05\x06" + bytes(18), "压缩包"),
])
def test_bad_files_create_nothing(capsys, db, tmp_path, content, words):
    path = tmp_path / "表.docx"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", db, "import", path)
    assert code == 1 and words in err and "Traceback" not in err
    assert reports(db) == []


def test_a_file_matching_no_form_creates_nothing(capsys, db, tmp_path):
    path = builders.write_docx(tmp_path / "登记.docx", ["人员登记表"], [["姓名", "张三"]], [], width=2)
    code, _, err = run(capsys, "--db", db, "import", path)
    assert code == 1 and "--form" in err
    assert reports(db) == []


def test_templates_import_of_a_blank_known_form_offers_it(capsys, db, tmp_path):
    path = builders.week_docx(tmp_path / "第31届空白表.docx")
    code, out, _ = run(capsys, "--db", db, "templates", "import", path)
    assert code == 0
    assert "第31届" in out and "未新建表单" in out
    assert out.splitlines()[-1] == "cancer_week_summary"
    code, out, _ = run(capsys, "--db", db, "templates", "import", path, "--json")
    data = json.loads(out)
    assert (data["matches"], data["edition"], data["stored"]) == ("cancer_week_summary", 31, False)


def test_templates_import_of_a_new_blank_form(capsys, db, tmp_path):
    path = builders.no_smoking_docx(tmp_path / "无烟日.docx")
    code, out, _ = run(capsys, "--db", db, "templates", "import", path, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"id", "title", "fields", "matches", "problems"}
    assert data["matches"] is None and data["stored"] is True
    field = next(f for f in data["fields"] if f["label"] == "经费投入（万元）")
    assert {k: field[k] for k in ("type", "unit", "reason")} == {
        "type": "money", "unit": "万元", "reason": "(万元)"}
    assert all(set(f) >= {"id", "label", "type", "unit", "reason"} for f in data["fields"])
    code, out, _ = run(capsys, "--db", db, "templates", "list")
    assert data["id"] in out
    # The stored draft is an ordinary form: a report of it can be made and filled.
    code, out, _ = run(capsys, "--db", db, "new", data["id"])
    assert code == 0


def test_templates_import_dry_run_stores_nothing(capsys, db, tmp_path):
    path = builders.no_smoking_docx(tmp_path / "无烟日.docx")
    code, out, _ = run(capsys, "--db", db, "templates", "import", path, "--dry-run")
    assert code == 0 and "（预览，未保存）" in out
    assert "经费投入（万元）\t金额，单位 万元（依据：(万元)）" in out
    assert not db.exists()


def test_templates_import_of_an_xlsform(capsys, db, tmp_path):
    from tests.forms.importing.test_xlsform import xlsform

    path = xlsform(tmp_path / "kobo.xlsx")
    code, out, _ = run(capsys, "--db", db, "templates", "import", path, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["id"], data["stored"]) == ("no_tobacco_2025", True)
    assert {"id": "budget", "label": "经费（万元）", "type": "decimal"}.items() <= \
        next(f for f in data["fields"] if f["id"] == "budget").items()
    code, out, _ = run(capsys, "--db", db, "templates", "list")
    assert "no_tobacco_2025\t2025年世界无烟日活动总结表\t第3版\t导入" in out


def test_an_xlsform_with_an_unknown_type_stores_nothing(capsys, db, tmp_path):
    from tests.forms.importing.test_xlsform import xlsform

    path = xlsform(tmp_path / "typo.xlsx", [["text", "a", "甲"], ["integr", "b", "乙"]],
                   header=["type", "name", "label"])
    code, _, err = run(capsys, "--db", db, "templates", "import", path)
    assert code == 1 and "未知的题型" in err and "第3行" in err
    if db.exists():
        with storage.open_database(db, read_only=True) as store:
            assert storage.list_imported_templates(store.db) == []


@pytest.mark.parametrize("command", [("import",), ("templates", "import")])
@pytest.mark.parametrize(("content", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为"),
    (b"PK\x05\x06" + bytes(18), "压缩包"),
])
def test_a_refused_file_gives_a_json_error_with_json(capsys, db, tmp_path, command, content,
                                                     words):
    path = tmp_path / "表.docx"
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", db, *command, path, "--json")
    data = json.loads(out)
    assert code == 1 and words in data["error"] and words in err
    assert data.get("id", "absent") is None or data.get("stored") is False
    assert reports(db) == []


def test_a_refused_template_gives_its_problems_as_json(capsys, db, tmp_path):
    path = tmp_path / "坏.toml"
    path.write_text('id = "x"\ntitle = "坏"\nversion = 1\n[[sections]]\nid = "s"\ntitle = "节"\n'
                    '[[sections.fields]]\nid = "a"\nlabel = "甲"\ntype = "nonsense"\n',
                    encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "templates", "import", path, "--json")
    data = json.loads(out)
    assert code == 1 and data["stored"] is False and data["problems"]
    assert "模板未导入" in data["error"]


def test_show_marks_fields_that_do_not_apply(capsys, db, tmp_path):
    from tests.forms.importing.test_xlsform import xlsform

    form = xlsform(tmp_path / "kobo.xlsx")
    assert run(capsys, "--db", db, "templates", "import", form)[0] == 0
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"online": "否", "viewers": "300人次", "unit_name": "某县"},
                                 ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "new", "no_tobacco_2025", "--values", values)
    report_id = int(out.splitlines()[-1])
    code, out, _ = run(capsys, "--db", db, "show", report_id)
    line = next(line for line in out.splitlines() if "直播观看人次" in line)
    assert "300人次" in line and "不适用" in line
    assert "不适用" not in next(line for line in out.splitlines() if "单位名称" in line)
    code, out, _ = run(capsys, "--db", db, "show", report_id, "--json")
    assert json.loads(out)["not_applicable"] == ["viewers"]
