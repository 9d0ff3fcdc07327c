"""`export`: the filled table as XLSX and PDF, and the package to send upward."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import storage
from ui import operations
from ui.cli.common import EXIT_OK, CliError, open_store, program_name, report_id_arg


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export", help="导出 XLSX / PDF / 上报包；不指定路径时三者都导出到导出文件夹（或当前文件夹）")
    export.add_argument("report_id", type=report_id_arg, metavar="REPORT_ID")
    export.add_argument("--xlsx", type=Path, metavar="PATH")
    export.add_argument("--pdf", type=Path, metavar="PATH")
    export.add_argument("--package", type=Path, metavar="PATH")
    export.set_defaults(handler=export_report)


def export_report(args: argparse.Namespace) -> int:
    from exports.atomic import ExportError
    from exports.package import package_file_name, write_package
    from exports.pdf import write_pdf
    from exports.xlsx import write_xlsx

    store = open_store(args, read_only=True)
    try:
        data = operations.report_data(store, args.report_id)
        targets = {"xlsx": args.xlsx, "pdf": args.pdf, "package": args.package}
        if not any(targets.values()):
            folder = Path(storage.get_settings(store.db).export_folder or ".")
            stem = Path(package_file_name(data)).stem
            targets = {"xlsx": folder / f"{stem}.xlsx", "pdf": folder / f"{stem}.pdf",
                       "package": folder / f"{stem}.zip"}
        if targets["xlsx"]:
            print(f"已导出 XLSX：{write_xlsx(data, targets['xlsx'])}")
        if targets["pdf"]:
            print(f"已导出 PDF：{write_pdf(data, targets['pdf'])}")
        if targets["package"]:
            path = write_package(data, targets["package"],
                                 open_attachment=lambda att_id: storage.iter_attachment(store.db, att_id))
            print(f"已导出上报包：{path}")
        if data.marked_draft:
            print(f"注意：报表还有 {len(data.check.errors)} 个错误，导出文件已标注“草稿——未通过校验”。")
        if data.status != storage.COMPLETE:
            sent = "；上级单位汇总时会看到这是草稿" if targets["package"] else ""
            print(f"警告：报表 {args.report_id} 尚未标记为完成（草稿）{sent}。确认无误后请运行 "
                  f"`{program_name()} complete {args.report_id}`，再重新导出。", file=sys.stderr)
    except (ExportError, storage.StorageError, operations.OperationError) as exc:
        raise CliError(exc.text()) from exc
    finally:
        store.close()
    return EXIT_OK
