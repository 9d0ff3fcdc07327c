"""Opening the window (filled in by the desktop-app work)."""

from __future__ import annotations

from pathlib import Path


def run_gui(db_path: Path | None) -> int:
    from ui.main_window import run  # noqa: PLC0415

    return run(db_path)
