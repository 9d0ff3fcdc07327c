"""`merge`: combine the packages units sent into one new summary report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import storage
from ui import operations
from ui.cli.common import EXIT_OK, EXIT_REFUSED, CliError, open_store, print_json

_EPILOG = ("文件夹中的所有 .zip 报送包都会参与汇总。同一单位有两个包时，命令行不会询问："
           "自动使用导出时间较新的包，较早的包列为未汇总并说明原因。"
           "草稿包（报送单位尚未标记为完成）默认不汇总，逐一列出；加 --include-drafts 则一并汇总，"
           "汇总报表的分单位明细和 PDF 会注明哪些单位报送的是草稿。"
           "退出码：0 已生成汇总报表（即使有文件被拒绝），1 没有可汇总的包，2 用法错误。")


def register(commands: Any) -> None:
    merge = commands.add_parser(
        "merge", help="把下级单位的报送包汇总成一份新报表；最后一行输出新报表的编号",
        description="检查每个报送包（清单校验码、表单及版本、填报单位、重复单位、恶意压缩包），"
                    "再把通过检查的包汇总成一份新的草稿报表。",
        epilog=_EPILOG)
    merge.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER",
                       help="报送包（.zip）或包含报送包的文件夹")
    merge.add_argument("--title", metavar="T", help="新报表的标题（默认：表名加“（汇总）”）")
    merge.add_argument("--unit", metavar="UNIT", help="汇总单位名称（默认：设置中的本单位）")
    merge.add_argument("--include-drafts", action="store_true",
                       help="也汇总草稿（报送单位尚未标记为完成的包）。不加时草稿包列为未汇总并说明")
    merge.add_argument("--json", action="store_true",
                       help='以 JSON 输出：{"id", "imported_form", "merged": [...], '
                            '"drafts_merged": [单位], "drafts_skipped": [文件], '
                            '"rejected": [{"file", "reason"}]}；imported_form 是随包导入的表单 id')
    merge.set_defaults(handler=merge_packages)


def merge_packages(args: argparse.Namespace) -> int:
    from exports.merge import MergeCancelled  # noqa: PLC0415 - keeps other commands lean

    store = open_store(args)
    try:
        outcome = operations.merge_into_new_report(
            store, args.paths, title=args.title, unit=args.unit,
            confirm_duplicate=lambda _unit, _older, _newer: True,
            confirm_drafts=lambda _drafts: args.include_drafts)
    except (storage.StorageError, operations.OperationError, MergeCancelled) as exc:
        raise CliError(exc.text()) from exc
    finally:
        store.close()
    if args.json:
        print_json({"id": outcome.report_id, "imported_form": outcome.imported_form,
                    "merged": [str(path) for path in outcome.merged],
                    "drafts_merged": outcome.drafts_merged,
                    "drafts_skipped": [str(path) for _, path in outcome.drafts_skipped],
                    "rejected": [{"file": str(path), "reason": reason}
                                 for path, reason in outcome.rejected]})
    else:
        _print_outcome(outcome)
    return EXIT_OK if outcome.report_id is not None else EXIT_REFUSED


def _print_outcome(outcome: operations.MergeOutcome) -> None:
    if outcome.rejected:
        print(f"未汇总的文件（{len(outcome.rejected)} 个）：")
        for path, reason in outcome.rejected:
            print(f"  {path}：{reason}")
    if outcome.drafts_skipped:
        print(f"其中 {len(outcome.drafts_skipped)} 个是草稿（报送单位尚未标记为完成），未汇总："
              f"{'、'.join(unit for unit, _ in outcome.drafts_skipped)}。"
              "请让这些单位完成后重新报送；如确需汇总草稿，请加 --include-drafts。")
    if outcome.report_id is None:
        print("没有可以汇总的报送包，未生成新报表。")
        return
    if outcome.drafts_merged:
        print(f"注意：已汇总 {len(outcome.drafts_merged)} 个单位的草稿（尚未标记为完成）："
              f"{'、'.join(outcome.drafts_merged)}。汇总报表中会注明。")
    if outcome.imported_form is not None:
        print(f"本机原来没有这个表单，已从报送包中导入它的模板（{outcome.imported_form}）。")
    print(f"已汇总 {len(outcome.merged)} 个单位的报送包，新报表编号：")
    print(outcome.report_id)
