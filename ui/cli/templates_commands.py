"""`templates`: list, check, import, export and delete form templates.

Built-in templates come with the app; imported ones are kept in the database (--db).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import storage
from exports.atomic import ExportError
from ui import catalogue
from ui.catalogue import TemplateEntry, TemplateRejected, problem_text
from ui.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    CliError,
    json_refusals,
    open_store,
    print_json,
    program_name,
    read_catalogue,
)
from ui.cli.import_commands import check_form_file, import_form_file, print_rejected
from ui.importing import is_office_file
from ui.operations import OperationError

_EPILOG = ("模板文件为 .toml 格式（写法见 docs/templates.md）；也可以导入空白表 .docx / .xlsx "
           "或 XLSForm（.xlsx，含 survey 工作表），先显示读到的栏目和猜测的类型。"
           "退出码：0 成功，1 模板有错误或未能完成，2 用法错误。")


def register(commands: Any) -> None:
    templates = commands.add_parser(
        "templates", help="表单模板：列出、检查、导入、导出、删除",
        description="内置表单随软件提供，不能修改；导入的表单保存在数据库文件中。", epilog=_EPILOG)
    actions = templates.add_subparsers(dest="action", metavar="操作", required=True)
    listing = actions.add_parser("list", help="列出全部表单模板：id、标题、版本、来源、报表数")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_templates)
    check = actions.add_parser("check", help="检查模板文件，列出每一处错误（行号、字段、原因）")
    check.add_argument("file", type=Path, metavar="FILE")
    check.set_defaults(handler=check_template)
    imported = actions.add_parser("import", help="检查并导入模板（.toml，或空白表 .docx/.xlsx、XLSForm）；"
                                  "最后一行输出表单 id")
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.add_argument("--json", action="store_true")
    imported.add_argument("--dry-run", action="store_true",
                          help="只显示从 Word/Excel 读到的栏目和类型，不保存")
    imported.add_argument("--as-new", action="store_true",
                          help="与已有表单相同时也新建（默认不新建，改用已有表单）")
    imported.set_defaults(handler=import_template)
    export = actions.add_parser("export", help="把表单模板写成 .toml 文件（可再导入）")
    export.add_argument("form_id", metavar="FORM_ID")
    export.add_argument("path", type=Path, metavar="PATH", help="文件，或文件夹（写入 FORM_ID.toml）")
    export.set_defaults(handler=export_template)
    delete = actions.add_parser("delete", help="删除一个导入的表单模板（已有报表的不能删除）")
    delete.add_argument("form_id", metavar="FORM_ID")
    delete.set_defaults(handler=delete_template)


def entry_json(entry: TemplateEntry) -> dict[str, Any]:
    return {"id": entry.form_id, "title": entry.title, "version": entry.version,
            "origin": entry.origin, "reports": entry.reports, "in_use": entry.in_use,
            "file": entry.source_name, "imported_at": entry.imported_at or None,
            "problems": list(entry.problems), "note": entry.note}


def list_templates(args: argparse.Namespace) -> int:
    entries = read_catalogue(args).entries
    if args.json:
        print_json([entry_json(e) for e in entries])
        return EXIT_OK
    for entry in entries:
        version = f"第{entry.version}版" if entry.version else "—"
        columns = [entry.form_id, entry.title, version, entry.origin_text, f"{entry.reports}份报表"]
        if entry.note:
            columns.append(entry.note)
        if entry.problems:
            columns.append(f"有错误：{entry.problems[0]}")
        print("\t".join(columns))
    return EXIT_OK


def check_template(args: argparse.Namespace) -> int:
    if is_office_file(args.file):
        return check_form_file(args)
    try:
        template, problems = catalogue.check_template_file(args.file)
    except OperationError as exc:
        raise CliError(exc.text()) from exc
    if template is None or problems:
        for problem in problems:
            print(problem_text(problem))
        print(f"共 {len(problems)} 处错误。请改正后再运行 `{program_name()} templates check`。")
        return EXIT_REFUSED
    fields = sum(1 for _ in template.leaves())
    print(f"没有发现错误：{template.title}（{template.id}，第{template.version}版，{fields}个字段）。")
    return EXIT_OK


@json_refusals({"stored": False})
def import_template(args: argparse.Namespace) -> int:
    if is_office_file(args.file):
        return import_form_file(args)
    store = open_store(args)
    try:
        outcome = catalogue.import_template_file(store, args.file)
    except TemplateRejected as exc:
        return print_rejected(exc, as_json=args.json)
    except (OperationError, storage.StorageError) as exc:
        raise CliError(exc.text()) from exc
    finally:
        store.close()
    template = outcome.template
    if args.json:
        print_json({"id": template.id, "title": template.title, "version": template.version,
                    "stored": outcome.stored})
        return EXIT_OK
    if outcome.stored:
        print(f"已导入表单“{template.title}”（第{template.version}版）。")
    else:
        print(f"表单“{template.title}”（第{template.version}版）已导入过，内容相同，未做改动。")
    print(template.id)
    return EXIT_OK


def export_template(args: argparse.Namespace) -> int:
    path = args.path / f"{args.form_id}.toml" if args.path.is_dir() else args.path
    found = read_catalogue(args).entry(args.form_id)
    if found is None or found.template is None:
        raise CliError(f"没有可导出的表单“{args.form_id}”。"
                       f"运行 `{program_name()} templates list` 查看全部表单。")
    try:
        catalogue.write_template(found.template, path)
    except ExportError as exc:
        raise CliError(exc.text()) from exc
    print(f"已导出“{found.title}”（第{found.version}版）到 {path}")
    return EXIT_OK


def delete_template(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        catalogue.delete_template(store, args.form_id)
    except (OperationError, storage.StorageError) as exc:
        raise CliError(exc.text()) from exc
    finally:
        store.close()
    print(f"已删除导入的表单“{args.form_id}”。")
    return EXIT_OK
