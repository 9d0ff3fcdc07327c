"""Opening the database in a worker thread at startup: the quick open, then the full check.

Kept apart from ``ui.open_store`` (the dialogs), so the window's first paint does not wait
for the message boxes' imports.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

import storage

log = logging.getLogger("tianbao.ui")


def export_folders(settings: Any, home: Path | None = None) -> list[Path]:
    """The folders exports are written to: chosen in the settings, last used, Documents."""
    home = home or Path.home()
    chosen = [Path(text).expanduser() for text in (settings.export_folder,
                                                   settings.last_export_folder) if text]
    return list(dict.fromkeys(chosen + [home / "Documents", home / "文档"]))


def remove_export_leftovers(settings: Any, home: Path | None = None) -> list[Path]:
    """At start: remove what killed exports left in the export folders (only our own files)."""
    from exports.parts import remove_stale_parts  # noqa: PLC0415 - off the startup path

    removed = []
    for folder in export_folders(settings, home):
        removed += remove_stale_parts(folder)
    if removed:
        log.info("removed %d leftover export file(s): %s", len(removed), removed)
    return removed


class BackgroundOpen(QObject):
    """Finishes opening a database in a worker thread and hands it to the GUI thread.

    ``store``: a quick open (``open_quickly``, before the window was shown) whose store the
    window already has: the worker runs the full check, the daily backup and the
    templates, which ``checked`` carries (writes wait for the check). Without one (the
    quick open declined: locked, damaged, older) the full ``open_database`` runs:
    migrations, checks, backup, templates, and ``finished`` carries all of it. Until the
    check has passed nothing is written.
    """

    finished = Signal(object)  # Opened, after a full open
    checked = Signal(object)  # Opened, after the check of a quick open: its error, templates

    def __init__(self, path: Path, *, store: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.store = store
        self.result: Opened | None = None
        self._cancelled = False
        self._opened = threading.Event()  # the store (or the error) is in ``result``
        self._thread = threading.Thread(target=self._work, name="open-database", daemon=True)

    def start(self) -> None:
        if not self._cancelled:
            self._thread.start()

    def wait(self, timeout: float | None = None) -> Opened | None:
        """The store or error once opened (None if the worker never started: it won't now).

        At the end: after a quick open, the worker skips what is left and is waited for
        (a thread still running as Python shuts down may crash it).
        """
        self._cancelled = True
        if self._thread.ident is not None:
            self._opened.wait(timeout)
            self._thread.join(timeout)
        return self.result

    def _work(self) -> None:
        opened = Opened(self.path)
        if self.store is not None:
            opened.store, opened.checking = self.store, True
            self.result = opened  # the window has it already: nothing to hand over
            self._opened.set()
            opened.check_error = _complete(opened.store)
            with opened.store.using() as still_open:  # the window may close it meanwhile
                if not still_open or self._cancelled:
                    return
                if opened.check_error is None:
                    _remove_leftovers_soon(opened.store)
                load_forms(opened)
            preload_editor()
            self.checked.emit(opened)
            return
        try:
            opened.store = storage.open_database(self.path)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to explain
            opened.error = exc
        else:
            _remove_leftovers_soon(opened.store)
        load_forms(opened)
        self._hand_over(opened)

    def _hand_over(self, opened: Opened) -> None:
        self.result = opened
        self._opened.set()
        self.finished.emit(opened)


def open_quickly(path: Path) -> tuple[Any, str | None]:
    """(store from ``open_checking_later``, None), or (None, why not): then the full open
    decides and explains. About 1 ms for a file on a local disk."""
    from storage.store import open_checking_later  # noqa: PLC0415 - no sqlite-utils

    try:
        return open_checking_later(path), None
    except Exception as exc:  # noqa: BLE001 - locked, damaged, older: the full open says so
        return None, type(exc).__name__


def _remove_leftovers_soon(store: Any) -> None:
    settings = storage.get_settings(store.db)
    threading.Thread(target=remove_export_leftovers, args=(settings,),
                     name="export-leftovers", daemon=True).start()


def _complete(store: Any) -> Exception | None:
    try:
        return storage.complete_open(store)
    except Exception as exc:  # noqa: BLE001 - e.g. the file vanished: writes stay barred
        if store.gate is not None and not store.gate.done:
            message = exc.args[0] if isinstance(exc, storage.StorageError) else str(exc)
            store.gate.failed(storage.StorageError(message, path=store.path))
        return exc


def preload_editor() -> None:
    """Import the form editor and its widgets now, so that opening a report does not."""
    try:
        import ui.editor.form_view  # noqa: F401, PLC0415 - the import is the point
    except Exception:  # noqa: BLE001 - opening a report will import (and report) it then
        log.warning("could not preload the editor", exc_info=True)


def load_forms(opened: Opened) -> None:
    """The startup worker's step that reads the forms of ``opened.store``, or keeps why not."""
    try:
        from ui.catalogue import template_catalogue  # noqa: PLC0415

        opened.templates = template_catalogue(opened.store).templates()
    except Exception as exc:  # noqa: BLE001
        opened.templates_error = exc


class Opened:
    """What ``BackgroundOpen`` found: a Store or the error from ``open_database``, the
    templates, and after a quick open the outcome of the full check (None: passed).

    A plain class: making a dataclass costs ~1 ms, before the window's first paint."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Any = None
        self.error: Exception | None = None
        self.templates: dict[str, Any] | None = None
        self.templates_error: Exception | None = None
        self.checking = False  # a quick open: ``checked`` follows with the rest
        self.check_error: Exception | None = None
