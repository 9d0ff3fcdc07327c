"""Generated Word/Excel forms, and files saved by LibreOffice (made once per session)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.forms.importing import builders

HYPERTENSION_HTML = """<html><head><meta charset="utf-8"></head><body>
<p align="center"><b>2025年全国高血压日宣传活动总结表</b></p>
<p>填报单位：某某县疾病预防控制中心</p>
<table border="1" cellspacing="0">
<tr><td>单位名称（盖章）</td><td colspan="3">&nbsp;</td></tr>
<tr><td rowspan="2">宣传活动</td><td>讲座场次</td><td colspan="2">&nbsp;</td></tr>
<tr><td>受益人数</td><td colspan="2">&nbsp;</td></tr>
<tr><td>发放宣传资料 （份）</td><td>&nbsp;</td><td>经费投入(万元)</td><td>&nbsp;</td></tr>
<tr><td>是否开展免费测血压</td><td>□是 □否</td><td>测量人次</td><td>&nbsp;</td></tr>
<tr><td>活动开展情况<br>（限 800 字）</td><td colspan="3">&nbsp;</td></tr>
</table>
<p>填表人：　　　　联系电话：　　　　　填表日期：　　年　　月　　日</p>
</body></html>"""


def soffice_convert(source: Path, target_suffix: str, filter_name: str, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile",
                    "--convert-to", f"{target_suffix}:{filter_name}", "--outdir", str(outdir),
                    str(source)], check=True, capture_output=True, timeout=120)
    result = outdir / f"{source.stem}.{target_suffix}"
    assert result.exists(), f"LibreOffice did not write {result}"
    return result


@pytest.fixture(scope="session")
def libreoffice_files(tmp_path_factory) -> dict[str, Path]:
    """An HTML form saved as .docx and as an old binary .doc by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    html = folder / "hypertension.html"
    html.write_text(HYPERTENSION_HTML, encoding="utf-8")
    return {"docx": soffice_convert(html, "docx", "MS Word 2007 XML", folder),
            "doc": soffice_convert(html, "doc", "MS Word 97", folder)}


@pytest.fixture(scope="session")
def forms_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("forms")


@pytest.fixture(scope="session")
def week_blank_docx(forms_dir) -> Path:
    return builders.week_docx(forms_dir / "宣传周空白表.docx")


@pytest.fixture(scope="session")
def week_filled_docx(forms_dir) -> Path:
    return builders.week_docx(forms_dir / "宣传周总结表.docx", builders.seed_000())


@pytest.fixture(scope="session")
def week_blank_xlsx(forms_dir) -> Path:
    return builders.week_xlsx(forms_dir / "宣传周空白表.xlsx")


@pytest.fixture(scope="session")
def week_filled_xlsx(forms_dir) -> Path:
    return builders.week_xlsx(forms_dir / "宣传周总结表.xlsx", builders.seed_000())


@pytest.fixture(scope="session")
def no_smoking_docx(forms_dir) -> Path:
    return builders.no_smoking_docx(forms_dir / "无烟日总结表.docx")
