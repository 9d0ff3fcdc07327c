"""The commands of the command line: the parser and every command module (``ui.cli.main``
loads them only when a command is given)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from exports.meta import APP_VERSION
from ui.cli import (
    export_commands,
    forms_commands,
    import_commands,
    merge_commands,
    storage_commands,
    templates_commands,
)
from ui.cli.common import EXIT_OK, EXIT_USAGE, CliError, UsageError, program_name
from ui.cli.terminal import escaped_output

Handler = Callable[[argparse.Namespace], int]

_MODULES = [forms_commands, templates_commands, storage_commands, export_commands,
            merge_commands, import_commands]


_ARGPARSE_WORDS = [
    ("the following arguments are required", "缺少必填参数"),
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "无效的命令或选项"),
    ("choose from", "可选"),
    ("expected one argument", "需要一个值"),
    ("argument ", "参数 "),
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in _ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        print(f"用法错误：{message}\n运行 `{program_name()} --help` 查看全部命令。",
              file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=program_name(), description="填报 Tianbao：离线填报、校验、导出和汇总报表。"
                     "不带命令时打开图形界面。")
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据目录中）")
    parser.add_argument("--version", action="version", version=f"填报 Tianbao {APP_VERSION}",
                        help="显示版本号")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for module in _MODULES:
        module.register(commands)
    return parser


def run_command_line(argv: Sequence[str]) -> int:
    """Parse ``argv`` and run its command; without one (e.g. only ``--db``), open the window."""
    with escaped_output():  # user text is shown, never obeyed by the terminal
        parser = build_parser()
        try:
            args = parser.parse_args(list(argv))
        except SystemExit as exc:  # --help, or a usage error already explained
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        if args.command is not None:
            return _run(args)
    from ui.app import run_gui  # noqa: PLC0415 - Qt only when the window is wanted

    return run_gui(args.db)


def _run(args: argparse.Namespace) -> int:
    """Run the command; its failures become one clear line and an exit code."""
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
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_OK
