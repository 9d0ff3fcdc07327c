"""The command-line face of Tianbao. No Qt is imported unless the window is opened."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ui.cli import forms_commands
from ui.cli.common import EXIT_USAGE, CliError, UsageError

Handler = Callable[[argparse.Namespace], int]

_MODULES = [forms_commands]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"用法错误：{message}\n运行 `uv run main.py --help` 查看全部命令。", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="填报 Tianbao：离线填报、校验、导出和汇总报表。"
                     "不带命令时打开图形界面。")
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据目录中）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for module in _MODULES:
        module.register(commands)
    for module_name in ("storage_commands", "export_commands", "merge_commands"):
        try:
            module = __import__(f"ui.cli.{module_name}", fromlist=["register"])
        except ImportError:
            continue
        module.register(commands)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.command is None:
        from ui.app import run_gui  # Qt only when the window is wanted

        return run_gui(args.db)
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except CliError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
