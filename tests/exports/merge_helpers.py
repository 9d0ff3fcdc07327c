"""Packages to merge: three units' reports exported by the app, and ways to spoil them."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from exports.meta import manifest_sha256
from exports.model import ReportData
from exports.package import package_file_name, write_package
from forms.loader import load_template_text
from forms.spec import FormTemplate

A, B, C = "成都市疾病预防控制中心", "自贡市疾病预防控制中心", "四川省肿瘤医院"
PEOPLE_LINK = "http://sc.people.com.cn/n2/2024/0418/c407319-40814936.html"

# Seed-000-like reports of three units, written as people write them.
UNIT_RAW: dict[str, dict[str, str]] = {
    A: {
        "edition": "第30届", "fill_date": "2024年4月26日", "unit_name": A,
        "activity_time": "2024年4月15-21日", "activity_place": "成都市",
        "hospitals": "3家；四川省肿瘤医院、成都市第五人民医院、四川大学华西医院",
        "organizations": "2家；成都市抗癌协会、成都市科学技术协会",
        "lectures": "12场", "lecture_attendance.offline": "1200人",
        "lecture_attendance.online": "约3000人次", "symposia": "2场",
        "symposium_attendance.offline": "80人", "symposium_attendance.online": "500人次",
        "clinics": "5场", "clinic_attendance.offline": "300人", "clinic_attendance.online": "约100人",
        "posters": "200张", "printed_materials": "1.2万份", "exhibitions": "1场", "quizzes": "2场",
        "fee_reduction": "约3万元", "medical_staff": "60人", "direct_beneficiaries": "1500人",
        "expected_beneficiaries": "2万人",
        "media_reports": "3家；人民网、健康四川、成都日报", "media_interviews": "1家；成都日报",
        "media_links": f"人民网\n{PEOPLE_LINK}\n成都日报 https://www.cdrb.com.cn/a/1.html",
        "media_reads": "50000次",
        "special_activities": "肿瘤防治健康跑，参与群众逾400人",
        "overall_summary": "成都市开展科普讲座、义诊咨询等系列活动，效果良好。",
        "filled_by": "张三", "contact_phone": "028-85880016",
    },
    B: {
        "edition": "30", "fill_date": "2024年4月28日", "unit_name": B,
        "activity_time": "2024年4月14日至20日", "activity_place": "自贡市",
        "hospitals": "25家；自贡市第一人民医院、四川省肿瘤医院；等",
        "lectures": "8场", "lecture_attendance.offline": "800人",
        "lecture_attendance.online": "2000人次", "symposia": "1场",
        "symposium_attendance.offline": "40人", "symposium_attendance.online": "300人次",
        "clinics": "3场", "clinic_attendance.offline": "约150人",
        "posters": "120张", "printed_materials": "8000份", "exhibitions": "2场",
        "fee_reduction": "5000元", "medical_staff": "25人", "direct_beneficiaries": "900人",
        "expected_beneficiaries": "1万人",
        "media_reports": "2家；人民网、自贡日报",
        "media_links": f"人民网 {PEOPLE_LINK}\n自贡网\nhttp://www.zgm.cn/content/2024-04/18/1.html",
        "media_reads": "超过1万次",
        "overall_summary": "自贡市组织癌症防治“七进”活动。",
    },
    C: {
        "edition": "第30届", "fill_date": "2024年4月27日", "unit_name": C,
        "activity_time": "2024年4月15日至26日", "activity_place": "成都市",
        "hospitals": "四川省肿瘤医院、西部战区总医院",
        "organizations": "1家；四川省抗癌协会",
        "lectures": "20场", "lecture_attendance.offline": "5000人",
        "lecture_attendance.online": "至少1000人次",
        "clinics": "10场", "clinic_attendance.offline": "2000人", "clinic_attendance.online": "600人",
        "posters": "500张", "printed_materials": "2万份", "quizzes": "3场",
        "fee_reduction": "12.5万元", "medical_staff": "约200人", "direct_beneficiaries": "8000人",
        "expected_beneficiaries": "5万人",
        "media_reports": "1家；川观新闻",
        "media_links": "川观新闻 https://cbgc.scol.com.cn/news/4910477",
        "media_reads": "至少2万次",
        "special_activities": "“2024年川肿手术直播周”，共45场",
        "overall_summary": "四川省肿瘤医院牵头举办天府肿瘤大会。",
    },
}
EXPORTED = {A: datetime(2024, 4, 28, 9, 0), B: datetime(2024, 4, 28, 10, 0),
            C: datetime(2024, 4, 28, 11, 0)}


def unit_report(template, unit: str, *, status: str = "complete", **changes: str) -> ReportData:
    """A unit's report; marked complete, as a unit sends it, unless ``status="draft"``."""
    raw = {**UNIT_RAW[unit], **changes}
    return ReportData.from_raw(template, raw, unit=raw.get("unit_name", unit), period="第30届",
                               title="2024年宣传周总结", status=status)


def export_unit(template, unit: str, folder: Path, *, exported_at: datetime | None = None,
                name: str | None = None, **changes: str) -> Path:
    """One unit's package, written by the app's own exporter."""
    data = unit_report(template, unit, **changes)
    path = folder / (name or package_file_name(data))
    return write_package(data, path, exported_at=exported_at or EXPORTED[unit])


_CACHE: dict[str, Path] = {}


def unit_packages(tmp_path_factory, template) -> dict[str, Path]:
    """The three units' packages, exported once per test session (read-only: copy to change)."""
    if "folder" not in _CACHE:
        folder = tmp_path_factory.mktemp("unit_packages")
        for unit in UNIT_RAW:
            export_unit(template, unit, folder)
        _CACHE["folder"] = folder
    folder = _CACHE["folder"]
    return {unit: next(folder.glob(f"*{unit}.zip")) for unit in UNIT_RAW}


def copy_packages(packages: dict[str, Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(path, folder / path.name)) for path in packages.values()]


# --- spoiling a package ------------------------------------------------------------------

Member = tuple[zipfile.ZipInfo, bytes]


def members(path: Path) -> list[Member]:
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_members(path: Path, items: list[Member]) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are written on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in items:
                archive.writestr(info, data)
    return path


def rewrite(source: Path, target: Path, change: Callable[[list[Member]], list[Member]]) -> Path:
    return write_members(target, change(members(source)))


def with_manifest(source: Path, target: Path, *, resign: bool = False, **changes: Any) -> Path:
    """A copy whose manifest has ``changes`` (None deletes a key); member files untouched.

    ``resign`` recomputes the manifest's own hash, as a forger who knows the format would.
    """

    def change(items: list[Member]) -> list[Member]:
        result = []
        for info, data in items:
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                for key, value in changes.items():
                    if value is None:
                        manifest.pop(key, None)
                    else:
                        manifest[key] = value
                if resign:
                    manifest["manifest_sha256"] = manifest_sha256(manifest)
                data = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
            result.append((info, data))
        return result

    return rewrite(source, target, change)


def template_version(template: FormTemplate, version: int) -> FormTemplate:
    """The same form in another version, as the province would send it (source included)."""
    source = template.source.replace(f"version = {template.version}", f"version = {version}", 1)
    return load_template_text(source, f"{template.id} 第{version}版")


def read_manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


class GbkInfo(zipfile.ZipInfo):
    """A member named the way Windows zip tools do: GBK bytes, UTF-8 flag (bit 11) unset."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own hook
        return self.filename.encode("cp437"), self.flag_bits & ~0x800


def gbk_info(name: str, template_info: zipfile.ZipInfo) -> GbkInfo:
    info = GbkInfo(name.encode("gbk").decode("cp437"), date_time=template_info.date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = template_info.external_attr
    return info


def files_snapshot(folder: Path) -> set[str]:
    """Every path under ``folder``, to prove that nothing was extracted or written."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}
