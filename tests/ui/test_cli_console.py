"""The command line on any console: UTF-8 output, the program named as started, every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.cli.common import program_name
from ui.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("argv", "environ", "frozen", "executable", "expected"), [
    (["main.py"], {"UV_RUN_RECURSION_DEPTH": "1"}, False, "/v/bin/python", "uv run main.py"),
    (["main.py"], {}, False, "/usr/bin/python3", "python main.py"),
    (["/opt/tianbao/main.py"], {}, False, "python", "python /opt/tianbao/main.py"),
    (["tianbao-cli"], {"UV_RUN_RECURSION_DEPTH": "1"}, True, "/opt/tianbao/tianbao-cli",
     "tianbao-cli"),
    ([r"C:\Tianbao\tianbao-cli.exe"], {}, True, r"C:\Tianbao\tianbao-cli.exe", "tianbao-cli"),
    (["-c"], {}, False, "python", "python main.py"),
])
def test_program_name_is_how_it_was_started(argv, environ, frozen, executable, expected):
    if "\\" in executable and os.sep != "\\":
        executable = executable.replace("\\", "/")
    assert program_name(argv, environ, frozen=frozen, executable=executable) == expected


def test_every_command_is_registered():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert {"forms", "check", "new", "set", "show", "list", "export", "merge",
            "backup", "restore", "check-db"} <= set(commands)


def _run(*argv: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k != "UV_RUN_RECURSION_DEPTH"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], cwd=ROOT,
                          capture_output=True, timeout=60, env={**environ, **env})


def test_redirected_output_is_utf8_whatever_the_locale(tmp_path):
    """As on Chinese Windows, where redirected output is cp936: a character outside GBK
    (𠀾) and the Chinese around it come out as UTF-8, on stdout and stderr."""
    values = tmp_path / "values.json"
    values.write_text(json.dumps({"单位名称": "𠀾县疾控中心"}, ensure_ascii=False),
                      encoding="utf-8")
    done = _run("check", "cancer_week_summary", "--values", str(values), "--json",
                PYTHONIOENCODING="cp936")
    assert "𠀾县疾控中心" in done.stdout.decode("utf-8")
    bad = _run("check", "no_such_form", "--values", str(values), PYTHONIOENCODING="cp936")
    assert bad.returncode == 2
    assert "没有表单“no_such_form”" in bad.stderr.decode("utf-8")


def test_usage_errors_name_the_program_as_started():
    done = _run("--no-such-option")
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2
    assert f"`python {ROOT / 'main.py'} --help`" in err and "uv run" not in err


@pytest.mark.parametrize(("argv", "expected"), [
    ([], (True, None)),
    (["--db", "甲.db"], (True, Path("甲.db"))),
    (["--db=甲.db"], (True, Path("甲.db"))),
    (["--db"], (False, None)),  # the parser says what is missing
    (["--db="], (False, None)),
    (["--db", "--help"], (False, None)),
    (["--db", "甲.db", "forms"], (False, None)),
    (["forms"], (False, None)),
    (["--version"], (False, None)),
    (["--help"], (False, None)),
])
def test_only_a_database_or_nothing_opens_the_window_at_once(argv, expected):
    from ui.cli import window_only

    assert window_only(argv) == expected


def test_the_window_is_opened_without_loading_the_commands(monkeypatch):
    """The commands load most of the app (exports, operations): ~100 ms that the window's
    start would wait for. ``main`` alone, in a fresh process, loads neither them nor Qt."""
    code = ("import sys; import ui.cli, ui.app; "
            "print(sorted(m for m in sys.modules if m.startswith(('ui.cli.', 'exports', "
            "'PySide6', 'forms.validate'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
    import ui.app
    from ui.cli import main

    opened: list = []
    monkeypatch.setattr(ui.app, "run_gui", lambda db: opened.append(db) or 0)
    assert main(["--db", "甲.db"]) == 0 and main([]) == 0
    assert opened == [Path("甲.db"), None]
