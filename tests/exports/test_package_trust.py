"""The manifest is covered by the hashes: a package whose manifest disagrees with its content is
rejected; a package carries its template; packages of format 1 are merged only where it is safe."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest

from exports.merge import merge_packages
from exports.model import ReportData
from exports.package import read_manifest, write_package
from exports.package_reader import PackageRejected, read_package
from forms.loader import load_template
from tests.exports.merge_helpers import (
    A,
    B,
    export_unit,
    members,
    read_manifest_of,
    unit_packages,
    with_manifest,
    write_members,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NO_TOBACCO = FIXTURES / "templates" / "no_tobacco_day.toml"
LEGACY = FIXTURES / "legacy"
AWARD = "association_award_summary"


@pytest.fixture(scope="module")
def packages(tmp_path_factory, week_template) -> dict[str, Path]:
    return unit_packages(tmp_path_factory, week_template)


@pytest.fixture(scope="module")
def good(packages) -> Path:
    return packages[A]


@pytest.fixture(scope="module")
def no_tobacco():
    return load_template(NO_TOBACCO)


def reason_for(path: Path, **kwargs) -> str:
    result = merge_packages([path], **kwargs)
    assert result.merged == [] and len(result.rejected) == 1
    return result.rejected[0][1]


def as_format_1(source: Path, target: Path, **changes) -> Path:
    """The package as Tianbao wrote it before templates travelled: no template file, no
    manifest hash, the template's text inside the manifest."""
    items, template_text = [], ""
    for info, data in members(source):
        if info.filename == "表单模板.toml":
            template_text = data.decode("utf-8")
            continue
        items.append((info, data))
    for index, (info, data) in enumerate(items):
        if info.filename == "manifest.json":
            manifest = json.loads(data)
            manifest.pop("manifest_sha256")
            manifest["format_version"] = 1
            manifest["template_source"] = template_text
            manifest["files"] = [f for f in manifest["files"] if f["kind"] != "template"]
            manifest.update(changes)
            items[index] = (info, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
    return write_members(target, items)


# --- the manifest agrees with the content -------------------------------------------------------

def test_a_manifest_that_claims_another_form_is_not_merged_into_it(good, tmp_path):
    """Before the manifest was hashed, this package was merged into the 评优汇总表."""
    path = with_manifest(good, tmp_path / "评优.zip", form_id=AWARD,
                         form_title="省、市、自治区抗癌协会评优汇总表")
    result = merge_packages([path])
    assert result.merged == [] and result.template is None
    assert "校验码" in result.rejected[0][1]


def test_a_re_hashed_manifest_that_claims_another_form_disagrees_with_its_template(
        good, tmp_path, week_template):
    path = with_manifest(good, tmp_path / "评优.zip", form_id=AWARD, resign=True)
    reason = reason_for(path)
    version = week_template.version
    assert f"与包中的表单模板（cancer_week_summary，第{version}版）不一致" in reason and AWARD in reason


@pytest.mark.parametrize(("key", "value"), [
    ("form_id", AWARD), ("form_version", 99), ("unit", "自贡市疾病预防控制中心"),
    ("status", "draft"), ("exported_at", "2024-04-29T09:00:00+08:00"),
    ("title", "改过的标题"), ("raw", {}),
])
def test_any_change_to_the_manifest_is_rejected(good, tmp_path, key, value):
    assert read_manifest_of(good)[key] != value
    with pytest.raises(PackageRejected) as caught:
        read_package(with_manifest(good, tmp_path / "改过.zip", **{key: value}))
    assert "清单内容与其校验码不一致" in caught.value.reason
    assert "表单、版本、单位、状态或导出时间" in caught.value.reason


def test_a_missing_manifest_hash_is_rejected(good, tmp_path):
    with pytest.raises(PackageRejected, match="校验码"):
        read_package(with_manifest(good, tmp_path / "无校验码.zip", manifest_sha256=None))


def test_an_unknown_status_is_rejected_even_when_re_hashed(good, tmp_path):
    with pytest.raises(PackageRejected, match="报表状态"):
        read_package(with_manifest(good, tmp_path / "状态.zip", status="approved", resign=True))


@pytest.mark.parametrize("status", ["draft", "complete"])
def test_the_manifest_records_the_status(no_tobacco, tmp_path, status):
    data = ReportData.from_raw(no_tobacco, {"unit_name": "某县疾控中心", "lectures": "3场"},
                               unit="某县疾控中心", status=status)
    assert not data.marked_draft
    assert read_manifest(write_package(data, tmp_path / "p.zip"))["status"] == status
    assert read_package(tmp_path / "p.zip").manifest["status"] == status


def test_a_package_without_its_template_file_is_rejected(good, tmp_path):
    manifest = read_manifest_of(good)
    files = [f for f in manifest["files"] if f["kind"] != "template"]
    items = [(info, data) for info, data in members(good) if info.filename != "表单模板.toml"]
    path = write_members(tmp_path / "无模板.zip", items)
    path = with_manifest(path, tmp_path / "无模板2.zip", files=files, resign=True)
    with pytest.raises(PackageRejected, match="没有表单模板"):
        read_package(path)


# --- the template travels -----------------------------------------------------------------------

def test_the_package_carries_the_template_it_was_filled_in(good, week_template):
    package = read_package(good)
    assert package.template == week_template and package.template_problems == ()
    with zipfile.ZipFile(good) as archive:
        assert archive.read("表单模板.toml").decode("utf-8") == week_template.source


def test_a_form_this_database_lacks_is_merged_with_the_template_it_carries(no_tobacco, tmp_path):
    paths = []
    for unit, lectures in ((A, "3场"), (B, "约5场")):
        data = ReportData.from_raw(no_tobacco, {"unit_name": unit, "lectures": lectures},
                                   unit=unit)
        paths.append(write_package(data, tmp_path / f"{unit}.zip"))
    result = merge_packages(paths, templates={})
    assert [p.name for p in result.merged] == [f"{A}.zip", f"{B}.zip"]
    assert result.new_template == no_tobacco and result.template == no_tobacco
    assert result.values["lectures"]["value"] == 8


def test_a_known_form_is_merged_with_the_local_template(packages, week_template):
    result = merge_packages(list(packages.values()), templates={week_template.id: week_template})
    assert result.new_template is None and len(result.merged) == 3


def test_a_broken_carried_template_is_refused_for_a_form_this_database_lacks(no_tobacco, tmp_path):
    broken = dataclasses.replace(no_tobacco, source=no_tobacco.source.replace(
        'type = "count"', 'type = "countt"', 1))
    data = ReportData.from_raw(broken, {"unit_name": A}, unit=A)
    path = write_package(data, tmp_path / "坏模板.zip")
    reason = reason_for(path, templates={})
    assert "包中的表单模板又有错误" in reason and "countt" in reason
    # where the form is known, its own template is used and the package merges
    assert merge_packages([path], templates={no_tobacco.id: no_tobacco}).merged == [path]


# --- packages of format 1 -----------------------------------------------------------------------

def test_a_format_1_package_merges_into_a_known_form(good, tmp_path, week_template):
    path = as_format_1(good, tmp_path / "旧包.zip")
    package = read_package(path)
    assert package.legacy and package.template is None
    result = merge_packages([path], templates={week_template.id: week_template})
    assert result.merged == [path] and result.new_template is None


def test_a_format_1_package_of_the_first_edition_merges_into_today_s_form(tmp_path,
                                                                          week_template):
    """A unit still on the old app sends a package filled in version 1 of the built-in form."""
    old = load_template(LEGACY / "cancer_week_summary_v1.toml")
    assert old.version < week_template.version
    sent = export_unit(old, A, tmp_path)
    path = as_format_1(sent, tmp_path / "旧包.zip")
    assert read_manifest_of(path)["form_version"] == old.version
    result = merge_packages([path], templates={week_template.id: week_template})
    assert result.merged == [path] and result.template == week_template
    assert result.values["lectures"]["value"] == 12


def test_a_format_1_package_of_a_newer_version_is_refused(good, tmp_path, week_template):
    path = as_format_1(good, tmp_path / "旧包.zip")
    older = load_template(LEGACY / "cancer_week_summary_v1.toml")
    reason = reason_for(path, templates={week_template.id: older})
    assert "较新的表单版本" in reason and f"第{week_template.version}版" in reason


def test_a_format_1_package_of_a_form_this_database_lacks_is_refused(good, tmp_path):
    path = as_format_1(good, tmp_path / "旧包.zip")
    reason = reason_for(path, templates={})
    assert "旧版填报软件" in reason and "本机没有这个表单" in reason


def test_a_format_1_package_that_claims_another_form_is_refused(good, tmp_path, templates):
    path = as_format_1(good, tmp_path / "旧包.zip", form_id=AWARD)
    reason = reason_for(path, templates=templates)
    assert "不是表单“省、市、自治区抗癌协会评优汇总表”的栏目" in reason


def test_a_carried_template_keeps_show_if_totals_codes_and_aggregates(tmp_path):
    from tests.forms.feature_form import feature_template

    form = feature_template()
    paths = []
    for unit, per_session in ((A, "30人"), (B, "50人")):
        data = ReportData.from_raw(form, {"unit": unit, "per_session": per_session,
                                          "level": "市级", "offline": "100人"}, unit=unit)
        paths.append(write_package(data, tmp_path / f"{unit}.zip"))
    result = merge_packages(paths, templates={})
    assert result.new_template == form and len(result.merged) == 2
    assert result.values["per_session"]["value"] == 40  # declared mean, not a sum
    assert result.values["offline"]["value"] == 200


def test_a_re_hashed_manifest_naming_another_unit_disagrees_with_the_report(good, tmp_path):
    """A forger who recomputes the hash still cannot pass the report off as another unit's."""
    path = with_manifest(good, tmp_path / "另一个县.zip", unit="另一个县", resign=True)
    reason = reason_for(path)
    assert "清单写的单位（另一个县）与报表中填写的单位" in reason and A in reason


def test_a_re_hashed_manifest_naming_another_period_disagrees_with_the_report(good, tmp_path):
    path = with_manifest(good, tmp_path / "第31届.zip", period="第31届", resign=True)
    reason = reason_for(path)
    assert "清单写的届次/年度（第31届）与报表中填写的（第30届）不一致" in reason


def test_the_unit_written_with_other_blanks_or_widths_agrees(good, tmp_path):
    spaced = " ".join(read_manifest_of(good)["unit"])
    path = with_manifest(good, tmp_path / "空格.zip", unit=spaced, resign=True)
    assert merge_packages([path]).merged == [path]


def test_the_same_report_sent_again_under_another_unit_s_name_is_merged_once(
        good, tmp_path, week_template):
    """Everything but the unit's name the same: one report counted twice upward."""
    again = export_unit(week_template, A, tmp_path, unit_name="另一个县疾病预防控制中心",
                        name="另一个县.zip")
    result = merge_packages([good, again])
    assert result.merged == [good]
    ((path, reason),) = result.rejected
    assert path == again and "内容除单位外完全相同" in reason and good.name in reason


def test_another_unit_with_one_figure_different_is_merged(good, tmp_path, week_template):
    other = export_unit(week_template, A, tmp_path, unit_name="另一个县疾病预防控制中心",
                        name="另一个县.zip", posters="1张")
    assert merge_packages([good, other]).merged == [good, other]
