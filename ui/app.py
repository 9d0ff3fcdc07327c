"""Opening the window."""

from __future__ import annotations

from pathlib import Path


def run_gui(db_path: Path | None) -> int:
    # What the start needs from storage, imported before Qt: once PySide6 is loaded, its
    # import hook (for ``from __feature__ import ...``) reads the source of every module
    # imported after it, ~0.1 ms each. The ui modules come after: they import PySide6.
    import storage.peek  # noqa: F401, PLC0415 - sqlite3, json, the messages
    import storage.store  # noqa: F401, PLC0415 - the quick open: locking, paths, platformdirs
    import ui.log_file  # noqa: F401, PLC0415
    from ui.main_window import run  # noqa: PLC0415

    return run(db_path)
