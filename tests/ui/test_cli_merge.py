"""`main.py merge`: output, JSON shape, duplicates and exit codes."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

import storage
from tests.exports.merge_helpers import A, copy_packages, export_unit, unit_packages
from tests.ui.test_cli_forms import run


@pytest.fixture(scope="module")
def packages(tmp_path_factory, week_template):
    return unit_packages(tmp_path_factory, week_template)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")


def test_merge_prints_the_new_id(capsys, packages, db):
    code, out, err = run(capsys, "--db", db, "merge", *map(str, packages.values()),
                         "--title", "省汇总", "--unit", "四川省抗癌协会")
    assert code == 0 and err == ""
    assert out.splitlines()[-1] == "1"
    assert "已汇总 3 个单位" in out
    with storage.open_database(db, daily_backup=False) as store:
        report = storage.get_report(store.db, 1)
        assert report.title == "省汇总" and report.unit == "四川省抗癌协会"
        assert len(report.source_info["sources"]) == 3


def test_merge_json_with_a_folder_and_rejected_files(capsys, packages, db, tmp_path):
    folder = tmp_path / "收到"
    copied = copy_packages(packages, folder)
    (folder / "坏.zip").write_bytes(b"not a zip")
    code, out, _ = run(capsys, "--db", db, "merge", str(folder), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == 1
    assert sorted(data["merged"]) == sorted(str(p) for p in copied)
    assert data["rejected"] == [{"file": str(folder / "坏.zip"),
                                 "reason": "这不是 zip 压缩包，不是填报软件导出的报送包。"}]


def test_duplicate_unit_uses_the_newer_and_lists_the_older(capsys, packages, db, tmp_path,
                                                          week_template):
    newer = export_unit(week_template, A, tmp_path, exported_at=datetime(2024, 5, 1, 9, 0),
                        name="成都_更正.zip", lectures="15场")
    code, out, _ = run(capsys, "--db", db, "merge", str(newer), *map(str, packages.values()),
                       "--json")
    data = json.loads(out)
    assert code == 0 and str(newer) in data["merged"]
    (rejected,) = data["rejected"]
    assert rejected["file"] == str(packages[A]) and "较新" in rejected["reason"]
    code, out, _ = run(capsys, "--db", db, "show", str(data["id"]), "--json")
    assert json.loads(out)["values"]["lectures"]["value"] == 15 + 8 + 20


def test_nothing_to_merge_exits_1(capsys, db, tmp_path):
    bad = tmp_path / "坏.zip"
    bad.write_bytes(b"PK\x03\x04")
    code, out, _ = run(capsys, "--db", db, "merge", str(bad), str(tmp_path / "没有.zip"))
    assert code == 1
    assert "没有可以汇总的报送包" in out and "不完整" in out and "找不到" in out
    code, out, _ = run(capsys, "--db", db, "merge", str(bad), "--json")
    assert code == 1 and json.loads(out)["id"] is None


def test_usage_errors_exit_2(capsys, db):
    code, _, err = run(capsys, "--db", db, "merge")
    assert code == 2 and "用法错误" in err


def test_help_says_duplicates_are_not_asked(capsys):
    code, out, _ = run(capsys, "merge", "--help")
    assert code == 0 and "较新" in out and "不会询问" in out


@pytest.fixture
def with_a_draft(packages, week_template, tmp_path):
    from tests.exports.merge_helpers import B, C

    draft = export_unit(week_template, B, tmp_path, name="自贡_草稿.zip", status="draft")
    return [packages[A], draft, packages[C]], draft


def test_drafts_are_listed_and_skipped_unless_included(capsys, with_a_draft, db):
    from tests.exports.merge_helpers import B

    paths, draft = with_a_draft
    code, out, _ = run(capsys, "--db", db, "merge", *map(str, paths))
    assert code == 0
    assert str(draft) in out and "草稿" in out and "--include-drafts" in out and B in out
    assert "已汇总 2 个单位" in out
    with storage.open_database(db, daily_backup=False) as store:
        first = storage.get_report(store.db, int(out.splitlines()[-1]))
    assert B not in {s["unit"] for s in first.source_info["sources"]}

    code, out, _ = run(capsys, "--db", db, "merge", *map(str, paths), "--include-drafts", "--json")
    data = json.loads(out)
    assert code == 0 and data["drafts_merged"] == [B] and data["drafts_skipped"] == []
    assert str(draft) in data["merged"]
    with storage.open_database(db, daily_backup=False) as store:
        report = storage.get_report(store.db, data["id"])
    statuses = {s["unit"]: s["status"] for s in report.source_info["sources"]}
    assert statuses[B] == "draft"


def test_only_drafts_and_none_included_makes_no_report(capsys, with_a_draft, db):
    _, draft = with_a_draft
    code, out, _ = run(capsys, "--db", db, "merge", str(draft), "--json")
    data = json.loads(out)
    assert code == 1 and data["id"] is None and data["drafts_skipped"] == [str(draft)]


def test_show_lists_the_merged_units_their_status_and_attachments(capsys, with_a_draft, db,
                                                                   week_template, tmp_path):
    import hashlib

    from exports.model import AttachmentInfo
    from exports.package import write_package
    from tests.exports.merge_helpers import C, unit_report

    photo = "照片".encode() * 100
    info = AttachmentInfo(1, "活动照片.jpg", len(photo), hashlib.sha256(photo).hexdigest())
    data = unit_report(week_template, C)
    data = type(data)(**{**data.__dict__, "attachments": (info,)})
    with_photo = write_package(data, tmp_path / "肿瘤医院.zip", open_attachment=lambda _i: [photo])
    paths, _ = with_a_draft
    code, out, _ = run(capsys, "--db", db, "merge", str(paths[0]), str(paths[1]), str(with_photo),
                       "--include-drafts")
    report = out.splitlines()[-1]
    code, out, _ = run(capsys, "--db", db, "show", report)
    assert "汇总来源（3 个单位，其中 1 个报送的是草稿：自贡市疾病预防控制中心）" in out
    assert "活动照片.jpg" in out and info.sha256 in out
    code, out, _ = run(capsys, "--db", db, "show", report, "--json")
    sources = json.loads(out)["sources"]
    assert [s["status"] for s in sources] == ["complete", "draft", "complete"]
    assert sources[2]["attachments"] == [{"name": "活动照片.jpg", "size": len(photo),
                                          "sha256": info.sha256}]
