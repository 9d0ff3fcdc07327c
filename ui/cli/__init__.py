"""The command-line face of Tianbao: ``main(argv)``.

Without a command (no arguments, or only ``--db FILE``) the window opens at once: neither
Qt nor the commands (``ui.cli.parser``, which load most of the app) are imported before
they are wanted, so the window is not kept waiting for them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def use_utf8_output() -> None:
    """Write UTF-8 on every platform: redirected output on Chinese Windows would be cp936,
    which cannot hold every character a form may contain."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None in a windowed build
        if reconfigure is not None and stream.encoding.replace("-", "").lower() != "utf8":
            reconfigure(encoding="utf-8", errors=stream.errors)


def window_only(argv: Sequence[str]) -> tuple[bool, Path | None]:
    """(True, the --db file or None) when ``argv`` asks for nothing but the window."""
    args = list(argv)
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, Path(args[1])
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        return True, Path(args[0][len("--db="):])
    return False, None


def main(argv: Sequence[str]) -> int:
    use_utf8_output()
    only_window, db = window_only(argv)
    if only_window:
        from ui.app import run_gui  # noqa: PLC0415 - Qt only when the window is wanted

        return run_gui(db)
    from ui.cli.parser import run_command_line  # noqa: PLC0415 - see the module's docstring

    return run_command_line(argv)
