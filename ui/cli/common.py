"""What every command shares: exit codes, errors, reading values files, printing JSON."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from forms.json_input import EncodingError, JsonInputError, read_json
from forms.messages import joined, msg
from forms.spec import FormTemplate
from forms.validate import expand_values
from ui.catalogue import Catalogue, template_catalogue
from ui.operations import OperationError

EXIT_OK = 0
EXIT_REFUSED = 1  # refused for the data's sake: errors, lock, damage
EXIT_USAGE = 2


class CliError(Exception):
    """A failure to report in one clear line; ``exit_code`` says which kind."""

    exit_code = EXIT_REFUSED


class UsageError(CliError):
    exit_code = EXIT_USAGE


Handler = Callable[[Any], int]


def program_name(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
                 *, frozen: bool | None = None, executable: str | None = None) -> str:
    """How the person started this program, for messages such as "run `… --help`".

    ``tianbao-cli`` in the built bundle, ``uv run main.py`` under uv, else ``python main.py``.
    The keyword arguments exist for tests.
    """
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    if frozen:
        return Path(executable).stem
    script = argv[0] if argv and argv[0] not in ("", "-c", "-m") else "main.py"
    if script.endswith("__main__.py") or not script.endswith(".py"):
        script = "main.py"  # run as a module or embedded (tests): name the launcher
    if "UV_RUN_RECURSION_DEPTH" in environ:  # set by `uv run` for what it starts
        return f"uv run {script}"
    return f"python {script}"


def read_catalogue(args: Any = None, store: Any = None) -> Catalogue:
    """Built-in forms and those imported into the database (``store``, or --db read-only).

    A database that does not exist yet, or predates imported templates, has none: then
    the built-in forms alone.
    """
    if store is not None:
        return template_catalogue(store)
    import storage

    path = db_path(args)
    if not Path(path).exists():
        return template_catalogue()
    try:
        store = storage.open_database(path, read_only=True)
    except storage.ReadOnlyError:  # an older file, not yet upgraded: nothing imported in it
        return template_catalogue()
    except storage.StorageError as exc:
        raise CliError(exc.text()) from exc
    try:
        return template_catalogue(store)
    finally:
        store.close()


def load_templates(args: Any = None, store: Any = None) -> dict[str, FormTemplate]:
    return read_catalogue(args, store).templates()


def get_template(form_id: str, args: Any = None, store: Any = None) -> FormTemplate:
    """The form by id or title, built-in or imported; UsageError naming those there are."""
    try:
        return read_catalogue(args, store).get(form_id)
    except OperationError as exc:
        raise UsageError(exc.text()) from exc


def read_values_file(path: Path, template: FormTemplate,
                     current: dict[str, str] | None = None) -> dict[str, str]:
    """A JSON object of raw texts keyed by field id or printed label → texts by key (a row
    given only its total keeps the figures ``current`` holds)."""
    try:
        data = read_json(Path(path).read_bytes())
    except FileNotFoundError as exc:
        raise UsageError(msg("找不到数值文件：{path}", path=str(path))) from exc
    except IsADirectoryError as exc:
        raise UsageError(msg("无法读取数值文件 {path}：这是一个文件夹，请给出数值文件（.json）的路径",
                             path=str(path))) from exc
    except OSError as exc:
        raise UsageError(msg("无法读取数值文件 {path}（{error}）", path=str(path),
                             error=exc.strerror or type(exc).__name__)) from exc
    except EncodingError as exc:
        raise UsageError(msg("无法读取数值文件 {path}：{reason}", path=str(path),
                             reason=exc.reason)) from exc
    except JsonInputError as exc:
        raise UsageError(msg("数值文件 {path} {reason}", path=str(path), reason=exc.reason)) from exc
    if not isinstance(data, dict):
        raise UsageError(msg('数值文件 {path} 应为一个 JSON 对象：{{"字段名": "填写内容"}}',
                             path=str(path)))
    bad = [k for k, v in data.items() if isinstance(v, dict | list)]
    if bad:
        raise UsageError(msg("以下字段的值应为文字或数字：{fields}", fields=joined(bad, ", ")))
    values, unknown = expand_values(template, data, current)
    if unknown:
        raise UsageError(msg("表单“{form}”中没有这些字段：{fields}。运行 `{program} forms --json` 查看字段名。",
                             form=template.title, fields=joined(unknown, ", "),
                             program=program_name()))
    return values


def json_refusals(blank: dict[str, Any]) -> Callable[[Handler], Handler]:
    """A command whose refusals, with --json, are also a JSON object on stdout:
    ``{"error": "…", **blank}`` (the exit code and the line on stderr stay as they are)."""
    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(args: Any) -> int:
            try:
                return handler(args)
            except CliError as exc:
                if getattr(args, "json", False):
                    print_json({**blank, "error": str(exc)})
                raise
        return run
    return wrap


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def db_path(args: Any) -> Path:
    """The database named by --db, or the default one (first moved, once, from where
    earlier versions kept it; the person is told on stderr)."""
    import storage

    explicit = getattr(args, "db", None)
    if explicit:
        return explicit
    move = storage.move_old_data_folder()
    if move is None:
        return storage.default_db_path()
    if move.error is None:
        print(f"提示：数据文件夹已从“{move.old}”移到“{move.new}”。", file=sys.stderr)
    else:
        print(f"提示：数据仍在原来的位置“{move.old}”，这次未能移到“{move.new}”："
              f"{move.error.text()}", file=sys.stderr)
    return move.db_path


def open_store(args: Any, *, read_only: bool = False) -> Any:
    """The database named by --db (or the default), with storage errors as clear refusals."""
    import storage

    path = db_path(args)
    try:
        return storage.open_database(path, read_only=read_only)
    except storage.StorageError as exc:
        raise CliError(exc.text()) from exc


def report_id_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        import argparse

        raise argparse.ArgumentTypeError(f"报表编号应为正整数，而不是“{text}”")
    return value
