"""Commands over the database: new, set, show, list, attach, complete, reopen, backup, restore, check-db."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import storage
from ui import operations
from ui.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    CliError,
    UsageError,
    db_path,
    get_template,
    open_store,
    print_json,
    program_name,
    read_values_file,
    report_id_arg,
)


def register(commands: Any) -> None:
    new = commands.add_parser("new", help="新建报表；最后一行输出新报表的编号")
    new.add_argument("form_id", metavar="FORM_ID")
    new.add_argument("--values", metavar="FILE.json")
    new.add_argument("--title", metavar="T")
    new.set_defaults(handler=_guarded(new_report))
    set_ = commands.add_parser("set", help="用数值文件更新报表（每处修改都记入历史）")
    set_.add_argument("report_id", type=report_id_arg, metavar="REPORT_ID")
    set_.add_argument("--values", required=True, metavar="FILE.json")
    set_.set_defaults(handler=_guarded(set_values))
    show = commands.add_parser("show", help="显示报表的填写内容、规范值、状态和问题")
    show.add_argument("report_id", type=report_id_arg, metavar="REPORT_ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_guarded(show_report, read_only=True))
    listing = commands.add_parser("list", help="列出报表")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--trash", action="store_true", help="列出回收站中的报表")
    listing.set_defaults(handler=_guarded(list_reports, read_only=True))
    attach = commands.add_parser("attach", help="为报表添加附件")
    attach.add_argument("report_id", type=report_id_arg, metavar="REPORT_ID")
    attach.add_argument("files", nargs="+", type=Path, metavar="FILE")
    attach.set_defaults(handler=_guarded(attach_files))
    complete = commands.add_parser(
        "complete", help="标记报表为完成（有错误、或有警告未说明时拒绝并列出）")
    complete.add_argument("report_id", type=report_id_arg, metavar="REPORT_ID")
    complete.add_argument("--explain", action="append", default=[], metavar="字段=说明",
                          help="为该字段的警告写一句说明（可多次使用）。每条警告都说明后才能"
                               "标记为完成；说明只对填写时的内容有效，内容修改后须重新说明")
    complete.set_defaults(handler=_guarded(complete_report))
    reopen = commands.add_parser("reopen", help="重新打开已完成的报表以便修改")
    reopen.add_argument("report_id", type=report_id_arg, metavar="REPORT_ID")
    reopen.set_defaults(handler=_guarded(reopen_report))
    backup = commands.add_parser("backup", help="备份数据库（默认放在数据库旁的 backups 文件夹）")
    backup.add_argument("path", nargs="?", type=Path, metavar="PATH")
    backup.set_defaults(handler=_guarded(backup_db))
    restore = commands.add_parser("restore", help="从备份恢复数据库（当前文件会被保留在旁边）")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.set_defaults(handler=restore_db)
    check_db = commands.add_parser("check-db", help="检查数据库文件是否完好")
    check_db.set_defaults(handler=check_database)


def _guarded(handler: Callable[[Any, argparse.Namespace], int], *,
             read_only: bool = False) -> Callable[[argparse.Namespace], int]:
    """Open the store, run the handler, turn storage/operation errors into clear refusals."""

    def run(args: argparse.Namespace) -> int:
        store = open_store(args, read_only=read_only)
        try:
            return handler(store, args)
        except (storage.StorageError, operations.OperationError) as exc:
            raise CliError(exc.text()) from exc
        finally:
            store.close()

    return run


def new_report(store: Any, args: argparse.Namespace) -> int:
    template = get_template(args.form_id, store=store)
    raw = read_values_file(Path(args.values), template) if args.values else {}
    report_id = operations.create_report(store, template.id, raw=raw, title=args.title,
                                         template=template)
    session = operations.open_session(store, report_id)
    issues = session.validator.issues()
    errors = sum(1 for i in issues if i.is_error)
    print(f"已新建报表“{session.report.title}”：{errors} 个错误，{len(issues) - errors} 个警告。")
    print(report_id)
    return EXIT_OK


def _editable_session(store: Any, report_id: int) -> operations.ReportSession:
    session = operations.open_session(store, report_id)
    if session.report.status == "complete":
        raise CliError(f"报表 {report_id} 已标记为完成（只读）。"
                       f"如需修改，请先运行 `{program_name()} reopen {report_id}`。")
    return session


def set_values(store: Any, args: argparse.Namespace) -> int:
    session = _editable_session(store, args.report_id)
    before = dict(session.validator.raw)
    raw = read_values_file(Path(args.values), session.template, before)
    operations.save_fields(store, session, raw)
    changed = [k for k, v in raw.items() if before.get(k, "") != v]
    print(f"已更新 {len(changed)} 个字段。")
    return EXIT_OK


def show_report(store: Any, args: argparse.Namespace) -> int:
    session = operations.open_session(store, args.report_id)
    check = session.validator.check()
    report = session.report
    if args.json:
        data = {"id": report.id, "form": session.template.id, "status": report.status,
                "title": report.title, "unit": report.unit,
                "raw": {k: v for k, v in session.validator.raw.items() if v}}
        data.update(check.to_dict())
        data["not_applicable"] = sorted(k for k in check.not_applicable
                                        if session.validator.raw.get(k))
        sources = operations.merge_sources(report)
        if sources:
            data["sources"] = [{key: source.get(key) for key in SOURCE_KEYS} for source in sources]
        print_json(data)
        return EXIT_OK
    status = {"draft": "草稿", "complete": "已完成"}.get(report.status, report.status)
    print(f"报表 {report.id}：{report.title}（{session.template.id}，{status}）")
    for spec in session.template.leaves():
        text = session.validator.raw.get(spec.key, "")
        if text:
            display = check.displays.get(spec.key, "")
            shown = text if len(text) <= 60 else text[:60].replace("\n", " ") + "……"
            if spec.key in check.not_applicable:  # kept, but its show_if does not hold
                display = "不适用：条件不成立，不检查、不导出"
            print(f"  {spec.full_label}：{shown}" + (f"    [{display}]" if display else ""))
    for issue in check.issues:
        print(issue.line())
    print(f"共 {len(check.errors)} 个错误，{len(check.warnings)} 个警告。")
    _print_sources(operations.merge_sources(report))
    return EXIT_OK


SOURCE_KEYS = ("unit", "status", "file", "exported_at", "attachments")


def _print_sources(sources: list[dict[str, Any]]) -> None:
    """A merged report: which units went in, their status, and the attachments they sent."""
    if not sources:
        return
    from exports.layout import human_size  # noqa: PLC0415
    from exports.model import status_label  # noqa: PLC0415

    drafts = [str(s.get("unit")) for s in sources if s.get("status") != "complete"]
    note = f"，其中 {len(drafts)} 个报送的是草稿：{'、'.join(drafts)}" if drafts else ""
    print(f"汇总来源（{len(sources)} 个单位{note}）：")
    for source in sources:
        print(f"  {source.get('unit')}\t{status_label(source.get('status'))}\t"
              f"{source.get('exported_at') or ''}\t{source.get('file') or ''}")
    attachments = [(s.get("unit"), a) for s in sources for a in s.get("attachments") or ()]
    if attachments:
        print(f"各单位附件（{len(attachments)} 个）：")
    for unit, item in attachments:
        print(f"  {unit}\t{item.get('name')}\t{human_size(int(item.get('size') or 0))}\t"
              f"SHA-256 {item.get('sha256')}")


def list_reports(store: Any, args: argparse.Namespace) -> int:
    reports = storage.list_reports(store.db, trashed=args.trash)
    if args.json:
        print_json([{"id": r.id, "form": r.form_id, "title": r.title, "unit": r.unit,
                     "period": r.period, "year": r.year, "status": r.status,
                     "updated_at": r.updated_at} for r in reports])
        return EXIT_OK
    if not reports:
        print("（没有报表）")
    for r in reports:
        status = {"draft": "草稿", "complete": "已完成"}.get(r.status, r.status)
        print(f"{r.id}\t{status}\t{r.updated_at}\t{r.unit}\t{r.title}")
    return EXIT_OK


def attach_files(store: Any, args: argparse.Namespace) -> int:
    storage.get_report(store.db, args.report_id)
    limit = storage.get_settings(store.db).attachment_max_mb * 1024 * 1024
    failed = 0
    for path in args.files:
        try:
            att_id = storage.add_attachment(store.db, args.report_id, path, max_size=limit)
        except storage.AttachmentError as exc:
            failed += 1
            print(f"未添加 {path}：{exc.text()}")
            continue
        print(f"已添加附件 {att_id}：{path.name}")
    return EXIT_REFUSED if failed else EXIT_OK


def complete_report(store: Any, args: argparse.Namespace) -> int:
    session = operations.open_session(store, args.report_id)
    given = _explanations(session, args.explain)
    if given:
        operations.explain_warnings(store, args.report_id, given)
        session.remember_explanations(given)
    blocking = operations.complete_report(store, args.report_id, require_explanations=True)
    errors = [issue for issue in blocking if issue.is_error]
    if errors:
        print(f"报表 {args.report_id} 还有 {len(errors)} 个错误，不能标记为完成：")
        for issue in errors:
            print("  " + issue.line())
        return EXIT_REFUSED
    if blocking:
        _print_unexplained(session, blocking)
        return EXIT_REFUSED
    print(f"报表 {args.report_id} 已标记为完成。")
    return EXIT_OK


def _explanations(session: operations.ReportSession, given: list[str]) -> dict[tuple[str, str], str]:
    """``字段=说明`` arguments as explanations of that field's current warnings."""
    warnings = [issue for issue in session.validator.issues() if not issue.is_error]
    explanations: dict[tuple[str, str], str] = {}
    for argument in given:
        name, sep, text = argument.partition("=")
        if not sep or not name.strip() or not text.strip():
            raise UsageError(f"--explain 的格式应为“字段=说明”，而不是“{argument}”")
        key = session.template.resolve_key(name)
        matching = [issue for issue in warnings if issue.field == key or issue.label == name.strip()]
        if not matching:
            labels = "、".join(dict.fromkeys(issue.label for issue in warnings)) or "（无）"
            raise UsageError(f"“{name.strip()}”没有需要说明的警告。有警告的字段：{labels}")
        for issue in matching:
            explanations[(issue.field, issue.code)] = text.strip()
    return explanations


def _print_unexplained(session: operations.ReportSession, warnings: list[Any]) -> None:
    report_id = session.report_id
    print(f"报表 {report_id} 还有 {len(warnings)} 条警告没有说明，不能标记为完成：")
    for issue in warnings:
        print("  " + issue.line())
        stale = session.stale_explanation(issue.field, issue.code)
        if stale is not None:
            old = " ".join(stale.value_raw.split())
            old = old if len(old) <= 30 else old[:30] + "……"
            print(f"    原说明“{stale.text}”是针对修改前的内容（“{old}”）写的，内容已修改，"
                  "请重新确认。")
    print("请确认内容无误后，为每条警告写一句说明，例如：")
    print(f"  {program_name()} complete {report_id} --explain "
          f"\"{warnings[0].label}=数据来自各单位上报汇总\"")


def reopen_report(store: Any, args: argparse.Namespace) -> int:
    storage.get_report(store.db, args.report_id)
    operations.reopen_report(store, args.report_id)
    print(f"报表 {args.report_id} 已重新打开，可以修改。")
    return EXIT_OK


def backup_db(store: Any, args: argparse.Namespace) -> int:
    if args.path is None:
        target = storage.auto_backup(store, reason="manual")
    else:
        if args.path.exists() and args.path.is_dir():
            raise UsageError(f"{args.path} 是一个文件夹，请给出备份文件的路径")
        target = storage.backup_database(store, args.path)
    print(f"已备份到 {target}")
    return EXIT_OK


def restore_db(args: argparse.Namespace) -> int:
    target = db_path(args)
    try:
        kept = storage.restore_backup(args.backup, target)
    except storage.StorageError as exc:
        raise CliError(exc.text()) from exc
    print(f"已从 {args.backup} 恢复到 {target}" + (f"；原文件保留为 {kept}" if kept else ""))
    return EXIT_OK


def check_database(args: argparse.Namespace) -> int:
    store = open_store(args, read_only=True)
    store.close()
    print(f"数据库完好：{store.path}")
    return EXIT_OK
