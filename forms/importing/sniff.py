"""What a file really is, from its bytes, and a clear refusal for every file we cannot read."""

from __future__ import annotations

import zipfile
from pathlib import Path

from forms.importing.grid import ImportRefused
from forms.messages import msg

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # a zip bomb is refused before any XML is parsed
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_KINDS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


def sniff(path: Path) -> str:
    """"docx" or "xlsx", judged by content, not by the extension; ImportRefused otherwise."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise ImportRefused(msg("找不到文件：{path}", path=str(path))) from None
    except IsADirectoryError:
        raise ImportRefused(msg("“{name}”是一个文件夹，请选择 .docx 或 .xlsx 文件", name=name)) from None
    except OSError as exc:
        raise ImportRefused(msg("无法读取“{name}”：{error}", name=name,
                                error=str(exc.strerror or exc))) from None
    if size == 0:
        raise ImportRefused(msg("“{name}”是空文件（0 字节），请确认文件已完整保存或下载", name=name))
    if size > MAX_FILE_BYTES:
        raise ImportRefused(msg("“{name}”有 {size} MB，超过 {limit} MB 的上限；表单文件通常很小，"
                                "请删去其中的图片后再导入", name=name,
                                size=f"{size / 1024 / 1024:.0f}",
                                limit=MAX_FILE_BYTES // 1024 // 1024))
    if head.startswith(_OLE_MAGIC):
        raise ImportRefused(_ole_message(path, name))
    if not zipfile.is_zipfile(path):
        raise ImportRefused(_not_zip_message(path, name, head))
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportRefused(msg("“{name}”已损坏，无法打开（{error}）。请在 Word 或 Excel 中打开并另存一份"
                                "后再导入", name=name, error=str(exc))) from None
    kinds = [kind for part, kind in _KINDS.items() if part in names]
    if not kinds:
        raise ImportRefused(msg("“{name}”是一个压缩包（zip），不是 Word 或 Excel 文件。请解压后选择其中的"
                                ".docx 或 .xlsx 文件", name=name))
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportRefused(msg("“{name}”解压后超过 {limit} MB，不像是一张表单，已拒绝导入",
                                name=name, limit=MAX_UNPACKED_BYTES // 1024 // 1024))
    return kinds[0]


def _ole_message(path: Path, name: str) -> str:
    data = path.read_bytes()
    if _ENCRYPTED_STREAM in data:
        return msg("“{name}”设置了打开密码（已加密），无法读取。请在 Word 或 Excel 中打开它，"
                   "在“文件 › 信息 › 保护文档/工作簿”中删除密码，保存后再导入", name=name)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et", ".xlt"):
        target = ".xlsx"
    elif suffix in (".doc", ".wps", ".dot"):
        target = ".docx"
    else:
        target = ".docx / .xlsx"
    return msg("“{name}”是旧版的 Word/Excel 格式（.doc / .xls），本软件不能直接读取。"
               "请在 Word、Excel 或 WPS 中打开它，选择“另存为”，保存类型选 {target}，再导入新文件",
               name=name, target=target)


def _not_zip_message(path: Path, name: str, head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if start.startswith(b"%pdf"):
        return msg("“{name}”是 PDF 文件，无法读取其中的表格。请向发件人索取 Word（.docx）或 Excel（.xlsx）原件",
                   name=name)
    if start.startswith(b"{\\rtf"):
        return msg("“{name}”是 RTF 格式。请在 Word 或 WPS 中打开它，另存为 .docx 后再导入", name=name)
    if start.startswith((b"<", b"mime")):
        return msg("“{name}”实际是网页（HTML/MHT）格式，只是扩展名为 {suffix}。"
                   "请在 Word 或 WPS 中打开它，另存为 .docx 后再导入", name=name, suffix=path.suffix)
    return msg("“{name}”不是有效的 Word（.docx）或 Excel（.xlsx）文件：文件可能已损坏、下载不完整，"
               "或只是改了扩展名。请在 Word 或 Excel 中打开并另存为 .docx / .xlsx 后再导入", name=name)
