"""`import`: a filled Word/Excel form becomes a new report; and `templates import` of a blank
form (.docx / .xlsx) or an XLSForm, which becomes a draft template.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import storage
from forms.importing.draft import Draft
from forms.registry import type_title
from forms.types.base import AGGREGATE_TITLES
from ui import importing
from ui.catalogue import TemplateRejected, problem_text
from ui.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    CliError,
    json_refusals,
    open_store,
    print_json,
    read_catalogue,
)
from ui.operations import OperationError


def register(commands: Any) -> None:
    filled = commands.add_parser(
        "import", help="把填好的 Word/Excel 表单导入为新报表；最后一行输出报表编号",
        description="读取填好的表单（.docx 或 .xlsx），按栏目名称对应到表单模板，"
                    "每一栏的内容按手工输入时同样的规则校验。对不上的单元格会列出，不会丢掉也不会猜。")
    filled.add_argument("file", type=Path, metavar="FILE")
    filled.add_argument("--form", metavar="FORM_ID", help="表单 id（默认自动选择栏目最吻合的表单）")
    filled.add_argument("--json", action="store_true")
    filled.set_defaults(handler=import_filled)


@json_refusals({"id": None})
def import_filled(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        templates = read_catalogue(args, store).templates()
        preview = importing.preview_report(args.file, templates, args.form)
        report_id = importing.import_report(store, preview)
    except (OperationError, storage.StorageError) as exc:
        raise CliError(exc.text()) from exc
    finally:
        store.close()
    result = preview.result
    if args.json:
        data = {"id": report_id, "form": result.template.id,
                "matched": [{"label": m["label"], "field": m["field"]} for m in result.matched],
                "unmatched": result.unmatched, "issues": [i.to_dict() for i in preview.issues],
                "notes": result.notes}
        print_json(data)
        return EXIT_OK
    errors = sum(1 for i in preview.issues if i.is_error)
    print(f"已按表单“{result.template.title}”（{result.template.id}）导入“{preview.source_name}”："
          f"读到 {len(result.matched)} 个栏目。")
    if result.unmatched:
        print(f"以下 {len(result.unmatched)} 处内容没有对应的栏目，未导入：")
        for cell in result.unmatched:
            print(f"  {cell['where']}：{_short(cell['text'])}（{cell['reason']}）")
    for note in result.notes:
        print(f"注意：{note}")
    for issue in preview.issues:
        print(issue.line())
    print(f"共 {errors} 个错误，{len(preview.issues) - errors} 个警告。已新建报表：")
    print(report_id)
    return EXIT_OK


def _short(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width] + "……"


def import_form_file(args: argparse.Namespace) -> int:
    """`templates import FILE.docx|.xlsx`: the draft template, stored unless it is a known form."""
    store = None if args.dry_run else open_store(args)
    try:
        templates = read_catalogue(args, store).templates()
        draft = importing.read_draft(args.file, templates)
        stored, form_id = False, draft.matches
        if not args.dry_run and (draft.matches is None or args.as_new):
            outcome = importing.save_draft(store, draft, Path(args.file).name)
            stored, form_id = outcome.stored, outcome.template.id
    except TemplateRejected as exc:
        return print_rejected(exc, as_json=args.json)
    except (OperationError, storage.StorageError) as exc:
        raise CliError(exc.text()) from exc
    finally:
        if store is not None:
            store.close()
    if args.json:
        print_json({**draft.to_json(), "stored": stored})
        return EXIT_OK
    print_draft(draft)
    if draft.matches and not args.as_new:
        edition = f"，第{draft.edition}届" if draft.edition else ""
        print(f"这张表与已有表单“{templates[draft.matches].title}”（{draft.matches}）的栏目至少九成相同"
              f"{edition}：未新建表单，填报请用该表单。确需另建，请加 --as-new。")
    elif args.dry_run:
        print("（预览，未保存）")
        return EXIT_OK
    elif stored:
        print(f"已导入表单“{draft.title}”。请核对上面的类型和单位；要修改，可用 templates export 导出后编辑再导入。")
    else:
        print(f"表单“{draft.title}”已导入过，内容相同，未做改动。")
    print(form_id)
    return EXIT_OK


def check_form_file(args: argparse.Namespace) -> int:
    """`templates check FILE.docx|.xlsx`: the guesses, and every problem of the draft template."""
    try:
        draft = importing.read_draft(args.file, read_catalogue(args).templates())
    except OperationError as exc:
        raise CliError(exc.text()) from exc
    print_draft(draft)
    template, problems = importing.check_draft(draft)
    for problem in problems:
        print(problem_text(problem))
    if template is None or problems:
        print(f"共 {len(problems)} 处错误。")
        return EXIT_REFUSED
    print(f"没有发现错误：{template.title}（{template.id}，{sum(1 for _ in template.leaves())}个字段）。")
    return EXIT_OK


def print_rejected(error: TemplateRejected, as_json: bool = False) -> int:
    """Every problem of a refused template, then the refusal; the exit code."""
    if as_json:
        print_json({"error": f"共 {len(error.problems)} 处错误，模板未导入",
                    "problems": [problem_text(p) for p in error.problems], "stored": False})
        return EXIT_REFUSED
    for problem in error.problems:
        print(problem_text(problem))
    print(f"共 {len(error.problems)} 处错误，模板未导入。")
    return EXIT_REFUSED


def print_draft(draft: Draft) -> None:
    print(f"表单：{draft.title}（{draft.id}）")
    for section in draft.sections:
        print(f"[{section.title}]")
        for spec in section.fields:
            unit = f"，单位 {spec.unit}" if spec.unit else ""
            limit = f"，限 {spec.max_length} 字" if spec.max_length else ""
            if spec.aggregate:
                limit += f"，汇总时取{AGGREGATE_TITLES.get(spec.aggregate, spec.aggregate)}"
            reason = f"（依据：{spec.reason}）" if spec.reason else "（无线索，按文字）"
            print(f"  {spec.id}\t{spec.label}\t{type_title(spec.type)}{unit}{limit}{reason}")
            for part in spec.parts:
                part_unit = f"，单位 {part.unit}" if part.unit else ""
                print(f"    {part.id}\t{part.label}\t{type_title(part.type)}{part_unit}")
    for problem in draft.problems:
        print(f"请确认：{problem}")
    for note in draft.notes:
        print(f"注意：{note}")
