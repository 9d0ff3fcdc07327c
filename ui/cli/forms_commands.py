"""`forms` and `check`: the templates, and validating a values file without storing it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from forms.outliers import NO_HISTORY, UnitHistory
from forms.spec import FieldSpec, FormTemplate
from forms.validate import validate_report
from ui import operations
from ui.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    db_path,
    get_template,
    load_templates,
    print_json,
    read_values_file,
)


def register(commands: Any) -> None:
    forms = commands.add_parser("forms", help="列出表单模板")
    forms.add_argument("--json", action="store_true", help="以 JSON 输出，含每个字段")
    forms.set_defaults(handler=list_forms)
    check = commands.add_parser("check", help="校验一个数值文件（不保存）")
    check.add_argument("form_id", metavar="FORM_ID")
    check.add_argument("--values", required=True, metavar="FILE.json")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=check_values)


def field_json(spec: FieldSpec) -> dict[str, Any]:
    data: dict[str, Any] = {"id": spec.key, "label": spec.label, "type": spec.type,
                            "unit": spec.unit, "required": spec.required}
    if spec.options:
        data["options"] = list(spec.options)
    if spec.parts:
        data["parts"] = [field_json(part) for part in spec.parts]
    return data


def list_forms(args: argparse.Namespace) -> int:
    templates = load_templates(args)
    if args.json:
        print_json([{"id": t.id, "title": t.title, "version": t.version,
                     "fields": [field_json(f) for f in t.fields()]} for t in templates.values()])
    else:
        for template in templates.values():
            count = sum(1 for _ in template.leaves())
            print(f"{template.id}\t{template.title}\t第{template.version}版\t{count}个字段")
    return EXIT_OK


def check_values(args: argparse.Namespace) -> int:
    template = get_template(args.form_id, args)
    raw = read_values_file(args.values, template)
    result = validate_report(template, raw, _unit_history(args, template, raw))
    if args.json:
        print_json(result.to_dict())
    else:
        for issue in result.issues:
            print(issue.line())
        print(f"共 {len(result.errors)} 个错误，{len(result.warnings)} 个警告。")
    return EXIT_REFUSED if result.errors else EXIT_OK


def _unit_history(args: argparse.Namespace, template: FormTemplate,
                  raw: dict[str, str]) -> UnitHistory:
    """The unit's earlier figures in the database, when there is one (read-only)."""
    path = db_path(args)
    if not Path(path).exists():
        return NO_HISTORY
    import storage  # noqa: PLC0415 - only when a database is there

    check = validate_report(template, raw)
    meta = operations.report_meta(template, check.values, raw)
    try:
        with storage.open_database(path, read_only=True) as store:
            return operations.unit_history(store, template.id, meta)
    except storage.StorageError:
        return NO_HISTORY  # an old or damaged file: the figures are still checked alone
