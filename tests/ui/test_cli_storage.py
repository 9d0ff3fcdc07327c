"""The storage and export commands, run in-process against a real database file."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

import storage
from ui.cli import main

SEED = Path(__file__).parent.parent / "fixtures" / "seed_000_values.json"
SUMMARY = json.loads(SEED.read_text(encoding="utf-8"))["整体活动总结"]


def run(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tianbao.db"


@pytest.fixture
def report(capsys, db: Path) -> int:
    code, out, _ = run(capsys, db, "new", "cancer_week_summary", "--values", str(SEED))
    assert code == 0
    return int(out.strip().splitlines()[-1])


def write_values(tmp_path: Path, values: dict[str, str]) -> Path:
    path = tmp_path / "values.json"
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


def test_new_prints_the_id_alone_on_the_last_line(capsys, db, report):
    with storage.open_database(db, read_only=True) as store:
        stored = storage.get_report(store.db, report)
        values = storage.get_values(store.db, report)
    assert stored.unit == "四川省抗癌协会"
    assert stored.title == "第30届全国肿瘤防治宣传周活动总结表"
    assert values["printed_materials"].normalised["value"] == 380000


def test_show_json_has_the_check_shape_plus_id_form_status(capsys, db, report):
    code, out, _ = run(capsys, db, "show", str(report), "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["id"], data["form"], data["status"]) == (report, "cancer_week_summary", "draft")
    assert data["values"]["fee_reduction"] == {"value": 1300000, "unit": "元", "qualifier": "approx"}
    codes = {(i["field"], i["code"]) for i in data["issues"]}
    assert ("direct_beneficiaries", "fractional_count") in codes
    assert set(data["issues"][0]) == {"field", "label", "severity", "code", "message", "suggestion"}


def test_set_with_a_total_alone_keeps_the_row_and_checks_it(capsys, db, report, tmp_path):
    values = write_values(tmp_path, {"科普讲座的人数": "共456521人次"})
    assert run(capsys, db, "set", str(report), "--values", str(values))[0] == 0
    code, out, _ = run(capsys, db, "show", str(report), "--json")
    data = json.loads(out)
    assert data["values"]["lecture_attendance.offline"]["value"] == 210546  # not wiped
    assert data["values"]["lecture_attendance.online"]["value"] == 245975
    assert data["raw"]["lecture_attendance.offline"] == "线下参与210546人（共456521人次）"
    assert not [i for i in data["issues"] if i["field"].startswith("lecture_attendance")]
    code, out, _ = run(capsys, db, "check", "cancer_week_summary", "--values", str(values))
    assert "“共456521人次”是合计，请分别填写“线下参与”和“线上观看”的数字" in out


# seed 000 with its errors fixed keeps three warnings, each explained here
FIXED = {"直接受益人数": "46.21万人", "媒体阅读总数": "约500万次"}
EXPLAIN = {"整体活动总结": "按省里要求保留全文", "参与活动的各类抗癌组织数量/名称": "原表如此",
           "媒体报道数量/名称": "两家不同栏目"}
EXPLAIN_ALL = [arg for label, text in EXPLAIN.items() for arg in ("--explain", f"{label}={text}")]


def test_complete_needs_every_warning_explained_and_asks_again_after_a_change(
        capsys, db, report, tmp_path):
    assert run(capsys, db, "set", str(report), "--values",
               str(write_values(tmp_path, FIXED)))[0] == 0
    code, out, _ = run(capsys, db, "complete", str(report))
    assert code == 1
    assert "3 条警告没有说明" in out and "--explain" in out
    code, out, _ = run(capsys, db, "complete", str(report), "--explain", "整体活动总结=按要求保留")
    assert code == 1 and "2 条警告没有说明" in out
    with storage.open_database(db, read_only=True) as store:
        assert storage.get_explanations(store.db, report) == {
            ("overall_summary", "too_long"): "按要求保留"}
    longer = write_values(tmp_path, {"整体活动总结": SUMMARY + "补充一句。"})
    assert run(capsys, db, "set", str(report), "--values", str(longer))[0] == 0
    others = [arg for arg in EXPLAIN_ALL[2:]]
    code, out, _ = run(capsys, db, "complete", str(report), *others)
    assert code == 1
    assert "1 条警告没有说明" in out and "整体活动总结" in out
    assert "按要求保留" in out and "重新确认" in out  # the stale explanation is shown, not used
    code, out, _ = run(capsys, db, "complete", str(report), "--explain", "整体活动总结=已核实")
    assert code == 0, out
    with storage.open_database(db, read_only=True) as store:
        assert storage.get_report(store.db, report).status == "complete"


def test_complete_refuses_with_errors_then_succeeds_after_set(capsys, db, report, tmp_path):
    code, out, _ = run(capsys, db, "complete", str(report))
    assert code == 1
    assert "直接受益人数" in out and "46.21万人" in out
    fix = write_values(tmp_path, {"直接受益人数": "46.21万人", "媒体阅读总数": "约500万次"})
    assert run(capsys, db, "set", str(report), "--values", str(fix))[0] == 0
    with storage.open_database(db, read_only=True) as store:
        history = storage.get_history(store.db, report, "direct_beneficiaries")
    assert [(h.old_raw, h.new_raw) for h in history][-1] == ("46.21人", "46.21万人")
    code, out, _ = run(capsys, db, "complete", str(report), *EXPLAIN_ALL)
    assert code == 0
    code, _, err = run(capsys, db, "set", str(report), "--values", str(fix))
    assert code == 1 and "reopen" in err
    assert run(capsys, db, "reopen", str(report))[0] == 0
    assert run(capsys, db, "set", str(report), "--values", str(fix))[0] == 0


def test_list_json_and_text(capsys, db, report):
    code, out, _ = run(capsys, db, "list", "--json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == [report]
    assert "四川省抗癌协会" in run(capsys, db, "list")[1]


def test_attach_adds_good_files_and_names_bad_ones(capsys, db, report, tmp_path):
    good = tmp_path / "照片.txt"
    good.write_bytes(b"photo bytes")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, db, "attach", str(report), str(good), str(empty),
                       str(tmp_path / "missing.jpg"))
    assert code == 1
    assert "照片.txt" in out and "empty.txt" in out and "missing.jpg" in out
    with storage.open_database(db, read_only=True) as store:
        names = [a.file_name for a in storage.list_attachments(store.db, report)]
    assert names == ["照片.txt"]


def test_export_writes_files_that_read_back(capsys, db, report, tmp_path):
    xlsx, pdf, package = tmp_path / "a.xlsx", tmp_path / "a.pdf", tmp_path / "a.zip"
    code, out, _ = run(capsys, db, "export", str(report), "--xlsx", str(xlsx), "--pdf", str(pdf),
                       "--package", str(package))
    assert code == 0 and "草稿" in out
    texts = [c.value for row in openpyxl.load_workbook(xlsx).worksheets[0].iter_rows()
             for c in row if isinstance(c.value, str)]
    assert "四川省抗癌协会" in texts
    assert pdf.read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["report_id"] == report


def test_exporting_a_report_not_complete_warns(capsys, db, report, tmp_path):
    assert run(capsys, db, "set", str(report), "--values",
               str(write_values(tmp_path, FIXED)))[0] == 0
    package = tmp_path / "a.zip"
    code, out, err = run(capsys, db, "export", str(report), "--package", str(package))
    assert code == 0 and package.is_file()
    assert "警告" in err and "尚未标记为完成" in err and "汇总时会看到这是草稿" in err
    assert f"complete {report}" in err
    assert run(capsys, db, "complete", str(report), *EXPLAIN_ALL)[0] == 0
    code, out, err = run(capsys, db, "export", str(report), "--pdf", str(tmp_path / "a.pdf"))
    assert code == 0 and err == ""


def test_export_to_an_unwritable_place_is_a_clear_refusal(capsys, db, report, tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    code, _, err = run(capsys, db, "export", str(report), "--pdf", str(blocker / "x.pdf"))
    assert code == 1
    assert "Traceback" not in err and "afile" in err
    assert not list(tmp_path.glob("**/*.pdf"))


def test_missing_report_and_bad_usage(capsys, db, report):
    code, _, err = run(capsys, db, "show", "999")
    assert code == 1 and "999" in err
    assert run(capsys, db, "show", "abc")[0] == 2
    assert run(capsys, db, "new", "no_such_form")[0] == 2


def test_backup_restore_and_check_db(capsys, db, report, tmp_path):
    target = tmp_path / "copy.db"
    assert run(capsys, db, "backup", str(target))[0] == 0
    assert run(capsys, db, "check-db")[0] == 0
    fix = write_values(tmp_path, {"活动地点": "成都市"})
    run(capsys, db, "set", str(report), "--values", str(fix))
    code, out, _ = run(capsys, db, "restore", str(target))
    assert code == 0 and "before-restore" in out
    with storage.open_database(db, read_only=True) as store:
        assert storage.get_values(store.db, report)["activity_place"].raw == "四川省"


def test_damaged_and_locked_files_are_refused_with_exit_1(capsys, tmp_path, db, report):
    damaged = tmp_path / "bad.db"
    damaged.write_bytes(b"not a database at all" * 50)
    before = damaged.read_bytes()
    code, _, err = run(capsys, damaged, "list")
    assert code == 1 and "bad.db" in err
    assert damaged.read_bytes() == before
    with storage.open_database(db):
        code, _, err = run(capsys, db, "set", str(report), "--values", str(SEED))
    assert code == 1 and "Traceback" not in err


def test_the_default_database_is_moved_from_the_old_place_once(capsys, tmp_path, monkeypatch):
    from storage import relocate

    old, new = tmp_path / "Roaming" / "Tianbao", tmp_path / "Local" / "Tianbao"
    code, _, _ = run(capsys, old / "tianbao.db", "new", "cancer_week_summary")
    assert code == 0
    monkeypatch.setattr(relocate, "old_data_dir", lambda: old)
    monkeypatch.setattr(relocate, "data_dir", lambda: new)
    monkeypatch.setattr(storage, "default_db_path", lambda: new / "tianbao.db")
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    assert f"数据文件夹已从“{old}”移到“{new}”" in err and "全国肿瘤防治宣传周" in out
    assert main(["list"]) == 0
    assert capsys.readouterr().err == ""
    assert (new / "tianbao.db").is_file() and not old.exists()


def test_backup_onto_a_full_disk_says_the_backup_failed_not_the_edit(capsys, db, report,
                                                                      tmp_path, small_disk):
    big = tmp_path / "scan.bin"
    big.write_bytes(os.urandom(1_500_000))  # the database outgrows the 1 MB disk
    assert run(capsys, db, "attach", str(report), str(big))[0] == 0
    code, out, err = run(capsys, db, "backup", str(small_disk.path / "tianbao-backup.db"))
    assert code == 1
    assert "磁盘空间已满" in err and "备份未能完成" in err
    assert "刚才的修改未能保存" not in err
    assert small_disk.files() == []  # no half backup left behind


BAD_VALUES = {
    "lone_surrogate": ('{"单位名称": "成都\\ud800市"}'.encode(), "代理字符"),
    "nested_100000_deep": (('{"单位名称": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
                           "嵌套层数过多"),
    "gbk": ('{"单位名称": "四川省抗癌协会"}'.encode("gbk"), "请用记事本打开它，选“另存为”，编码选“UTF-8”"),
}


@pytest.mark.parametrize("kind", sorted(BAD_VALUES))
def test_a_bad_values_file_is_a_clear_refusal_for_check_new_and_set(capsys, db, report, tmp_path,
                                                                     kind):
    content, words = BAD_VALUES[kind]
    path = tmp_path / "values.json"
    path.write_bytes(content)
    before = storage.open_database(db, read_only=True)
    try:
        count = len(storage.list_reports(before.db))
        raw = {k: v.raw for k, v in storage.get_values(before.db, report).items()}
    finally:
        before.close()
    for argv in (["check", "cancer_week_summary", "--values", str(path)],
                 ["new", "cancer_week_summary", "--values", str(path)],
                 ["set", str(report), "--values", str(path)]):
        code, out, err = run(capsys, db, *argv)
        assert code == 2, argv
        assert words in err and "Traceback" not in err + out
        assert "codec" not in err  # no English codec message
    with storage.open_database(db, read_only=True) as after:
        assert len(storage.list_reports(after.db)) == count
        assert {k: v.raw for k, v in storage.get_values(after.db, report).items()} == raw


def test_show_and_list_never_print_control_characters(capsys, db, tmp_path):
    unit = "成都\x1b[2J\x07市\u202e疾控\x9b31m中心"
    values = write_values(tmp_path, {"单位名称": unit, "整体活动总结": "第一行\r覆盖\u2066了"})
    code, out, _ = run(capsys, db, "new", "cancer_week_summary", "--values", str(values))
    report = out.strip().splitlines()[-1]
    raw_controls = ("\x1b", "\x07", "\u202e", "\x9b", "\r", "\u2066")
    for argv in (["show", report], ["list"], ["show", report, "--json"], ["list", "--json"]):
        code, out, err = run(capsys, db, *argv)
        assert code == 0, argv
        assert not any(c in out + err for c in raw_controls), argv
    code, out, _ = run(capsys, db, "show", report)
    assert "\\u001b[2J\\u0007" in out and "\\u202e" in out  # shown, not obeyed
    code, out, _ = run(capsys, db, "show", report, "--json")
    assert json.loads(out)["raw"]["unit_name"] == unit  # JSON reads back the same text
    code, out, _ = run(capsys, db, "list", "--json")
    assert json.loads(out)[0]["unit"] == unit
