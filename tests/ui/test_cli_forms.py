"""`main.py forms` and `main.py check`: output, JSON shape and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ui.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SEED_000 = FIXTURES / "seed_000_values.json"
SEED_004 = FIXTURES / "seed_004_values.json"
ISSUE_KEYS = {"field", "label", "severity", "code", "message", "suggestion"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; argparse's own usage errors exit through SystemExit."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def values_file(tmp_path, data, name="values.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
                    encoding="utf-8")
    return str(path)


# --- forms ----------------------------------------------------------------------------------------

def test_forms_lists_the_templates(capsys):
    code, out, err = run(capsys, "forms")
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines == ["cancer_week_summary\t全国肿瘤防治宣传周活动总结表\t第2版\t32个字段",
                     "association_award_summary\t省、市、自治区抗癌协会评优汇总表\t第2版\t18个字段"]
    # (in the order the templates declare)


def test_forms_json_lists_fields_with_parts(capsys):
    code, out, _ = run(capsys, "forms", "--json")
    assert code == 0
    forms = {form["id"]: form for form in json.loads(out)}
    week = forms["cancer_week_summary"]
    assert week["title"] == "全国肿瘤防治宣传周活动总结表" and week["version"] == 2
    fields = {f["id"]: f for f in week["fields"]}
    assert len(week["fields"]) == 29
    assert fields["printed_materials"] == {"id": "printed_materials", "label": "发放科普知识印刷品",
                                           "type": "count", "unit": "份", "required": False}
    pair = fields["lecture_attendance"]
    assert pair["type"] == "pair"
    assert [(p["id"], p["label"], p["unit"]) for p in pair["parts"]] == [
        ("lecture_attendance.offline", "线下参与", "人"),
        ("lecture_attendance.online", "线上观看", "人次")]
    award = {f["id"]: f for f in forms["association_award_summary"]["fields"]}
    assert len(award["bonus_items"]["options"]) == 4
    for field in week["fields"]:
        assert {"id", "label", "type", "unit"} <= set(field)


# --- check ----------------------------------------------------------------------------------------

def test_check_seed_000_prints_each_issue_and_fails(capsys):
    code, out, err = run(capsys, "check", "cancer_week_summary", "--values", str(SEED_000))
    assert code == 1 and err == ""
    lines = out.strip().splitlines()
    assert "错误  直接受益人数：人数应为整数；是否漏写'万'（46.21万人）？" in lines
    assert any(line.startswith("警告  媒体阅读总数：与「媒体报道数量/名称」内容完全相同") for line in lines)
    assert any(line.startswith("警告  整体活动总结：共1998字") for line in lines)
    assert lines[-1] == "共 2 个错误，4 个警告。"


def test_check_seed_000_json(capsys):
    code, out, _ = run(capsys, "check", "cancer_week_summary", "--values", str(SEED_000), "--json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"values", "issues"}
    assert data["values"]["hospitals"]["count"] == {"value": 1431, "unit": "家", "qualifier": None}
    assert data["values"]["lecture_attendance.offline"]["value"] == 210546
    assert data["values"]["fee_reduction"] == {"value": 1300000, "unit": "元", "qualifier": "approx"}
    assert len(data["values"]["media_links"]) == 41
    assert all(set(issue) == ISSUE_KEYS for issue in data["issues"])
    assert {"field": "direct_beneficiaries", "label": "直接受益人数", "severity": "error",
            "code": "fractional_count", "message": "人数应为整数",
            "suggestion": "是否漏写'万'（46.21万人）？"} in data["issues"]
    assert [i["code"] for i in data["issues"] if i["field"] == "media_reads"] == [
        "not_a_number", "duplicate_text"]


def test_check_seed_004_passes(capsys):
    code, out, _ = run(capsys, "check", "association_award_summary", "--values", str(SEED_004))
    assert code == 0
    assert out.strip() == "共 0 个错误，0 个警告。"
    code, out, _ = run(capsys, "check", "association_award_summary", "--values", str(SEED_004),
                       "--json")
    data = json.loads(out)
    assert code == 0 and data["issues"] == []
    assert data["values"]["members_total"]["value"] == 3226
    assert data["values"]["members_online"] is True


def test_check_accepts_ids_labels_and_the_form_title(capsys, tmp_path):
    path = values_file(tmp_path, {"单位名称": "县疾控中心", "lectures": "12场", "科普讲座的人数（线上观看）": "约3万人次",
                                  "届次": "第30届", "填表日期": "2024-04-28",
                                  "活动具体时间": "2024年4月15日至26日", "活动地点": "某县",
                                  "参与活动的医院数量/名称": "3家；甲医院、乙医院、丙医院",
                                  "整体活动总结": "活动顺利。"})
    code, out, _ = run(capsys, "check", "全国肿瘤防治宣传周活动总结表", "--values", path, "--json")
    data = json.loads(out)
    assert code == 0, data["issues"]
    assert data["values"]["unit_name"] == "县疾控中心"
    assert data["values"]["lecture_attendance.online"]["value"] == 30000


def test_numbers_and_nulls_in_the_values_file(capsys, tmp_path):
    path = values_file(tmp_path, {"lectures": 603, "direct_beneficiaries": None})
    code, out, _ = run(capsys, "check", "cancer_week_summary", "--values", path, "--json")
    data = json.loads(out)
    assert data["values"]["lectures"]["value"] == 603
    assert "direct_beneficiaries" not in data["values"]
    assert code == 1  # required fields are missing: errors, reported as issues
    assert {i["code"] for i in data["issues"]} == {"required"}


# --- usage errors: exit 2, a clear Chinese message, no traceback ---------------------------------

@pytest.mark.parametrize(("content", "message"), [
    ("{不是 JSON", "不是有效的 JSON"),
    ("[1, 2]", "应为一个 JSON 对象"),
    ('{"单位名称": {"a": 1}}', "应为文字或数字"),
    ('{"不存在的栏目": "1"}', "没有这些字段：不存在的栏目"),
])
def test_bad_values_file(capsys, tmp_path, content, message):
    code, out, err = run(capsys, "check", "cancer_week_summary", "--values",
                         values_file(tmp_path, content))
    assert code == 2 and out == ""
    assert message in err
    assert err.startswith("用法错误：")
    assert "Traceback" not in err


def test_unreadable_values_files(capsys, tmp_path):
    missing = tmp_path / "missing.json"
    code, _, err = run(capsys, "check", "cancer_week_summary", "--values", str(missing))
    assert code == 2 and f"找不到数值文件：{missing}" in err
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = run(capsys, "check", "cancer_week_summary", "--values", str(binary))
    assert code == 2 and "无法读取数值文件" in err
    code, _, err = run(capsys, "check", "cancer_week_summary", "--values", str(tmp_path))
    assert code == 2 and "无法读取数值文件" in err
    assert "Traceback" not in err


def test_unknown_form_and_missing_option(capsys, tmp_path):
    code, _, err = run(capsys, "check", "no_such_form", "--values", values_file(tmp_path, {}))
    assert code == 2
    assert "没有表单“no_such_form”" in err and "cancer_week_summary" in err
    code, _, err = run(capsys, "check", "cancer_week_summary")
    assert code == 2 and "用法错误" in err


def test_real_process(tmp_path):
    """The launcher as a user runs it, without uv: exit codes and output survive the process."""
    ok = subprocess.run([sys.executable, "main.py", "check", "association_award_summary",
                         "--values", str(SEED_004), "--json"],
                        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["values"]["committees_new"]["value"] == 1
    bad = subprocess.run([sys.executable, "main.py", "check", "cancer_week_summary", "--values",
                          values_file(tmp_path, '{"nope": 1}')],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert bad.returncode == 2
    assert "没有这些字段：nope" in bad.stderr and "Traceback" not in bad.stderr
