"""Opening a database file with the person in the loop: locked, damaged, newer, unwritable."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

import storage
from forms.messages import say
from ui.errors import show_error

translate = QCoreApplication.translate
TAKE_TIMEOUT_S = 5  # the check starts by then even if no event loop took the store
log = logging.getLogger("tianbao.ui")


def ask_choice(parent: QWidget | None, title: str, text: str, choices: list[str], *,
               critical: bool = False) -> int:
    """Ask with buttons named ``choices``; returns the index chosen (the last one on Esc)."""
    box = QMessageBox(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning,
                      title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
    box.setEscapeButton(buttons[-1])
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return buttons.index(clicked) if clicked in buttons else len(choices) - 1


def open_store(parent: QWidget | None, path: Path, *, cancel_text: str | None = None) -> Any:
    """The open Store for ``path``, or None when the person gave up (they were told why).

    ``cancel_text`` names the way out ("退出" at startup, "取消" from the window).
    """
    cancel_text = cancel_text or translate("open_store", "取消")
    try:
        return storage.open_database(path)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        return recover_from(parent, path, exc, cancel_text=cancel_text)


def recover_from(parent: QWidget | None, path: Path, exc: Exception, *,
                 cancel_text: str | None = None) -> Any:
    """After ``open_database(path)`` raised ``exc``: explain, offer a way on; a Store or None."""
    cancel_text = cancel_text or translate("open_store", "取消")
    try:
        raise exc
    except (storage.DatabaseLockedError, storage.DatabaseUnwritableError) as exc:
        log.warning("cannot write %s: %s", path, exc.text())
        choice = ask_choice(parent, translate("open_store", "无法修改数据库"), say(exc.text()),
                            [translate("open_store", "以只读方式打开"), cancel_text])
        return open_read_only(parent, path) if choice == 0 else None
    except storage.NewerSchemaError as exc:
        log.warning("newer schema: %s", exc.text())
        ask_choice(parent, translate("open_store", "需要更新版本的填报"), say(exc.text()),
                   [translate("open_store", "确定")], critical=True)
        return None
    except storage.DamagedDatabaseError as exc:
        log.warning("damaged database: %s", exc.text())
        return _offer_restore(parent, path, exc, cancel_text)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message
        show_error(parent, exc, translate("open_store", "无法打开数据库"))
        return None


def open_read_only(parent: QWidget | None, path: Path) -> Any:
    try:
        return storage.open_database(path, read_only=True)
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc, translate("open_store", "无法打开数据库"))
        return None


def _offer_restore(parent: QWidget | None, path: Path, exc: Exception, cancel_text: str) -> Any:
    backups = [] if isinstance(exc, storage.NotTianbaoDatabaseError) else storage.list_backups(path)
    if not backups:
        hint = translate("open_store", "没有找到可用的自动备份。请选择其他数据库文件，或联系技术支持。")
        ask_choice(parent, translate("open_store", "数据库文件已损坏"), say(exc.text()) + "\n\n" + hint,
                   [translate("open_store", "确定")], critical=True)
        return None
    newest = backups[0]
    offer = translate(
        "open_store", "找到最新的备份：{time}（{name}）。是否从该备份恢复？\n"
        "损坏的文件不会被覆盖，会以“.before-restore-日期”为名保留在原文件夹中。")
    text = say(exc.text()) + "\n\n" + offer.format(
        time=newest.created_at.strftime("%Y-%m-%d %H:%M"), name=newest.path.name)
    if ask_choice(parent, translate("open_store", "数据库文件已损坏"), text,
                  [translate("open_store", "从备份恢复"), cancel_text], critical=True) != 0:
        return None
    return restore_and_open(parent, newest.path, path)


def restore_and_open(parent: QWidget | None, backup: Path, path: Path) -> Any:
    """Restore ``path`` from ``backup`` (the old file is kept aside) and open it."""
    try:
        aside = storage.restore_backup(backup, path)
    except Exception as exc:  # noqa: BLE001
        show_error(parent, exc, translate("open_store", "恢复失败"))
        return None
    log.info("restored %s from %s; previous file kept as %s", path, backup, aside)
    store = open_store(parent, path)
    if store is not None:
        kept = translate("open_store", "原来的文件保存为：{path}").format(path=aside) if aside else ""
        done = translate("open_store", "已从备份“{name}”恢复数据库。").format(name=backup.name)
        QMessageBox.information(parent, translate("open_store", "已从备份恢复"),
                                done + ("\n" + kept if kept else ""))
    return store


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
    """Opens a database in a worker thread and hands it to the GUI thread.

    ``quick`` (for a file that ``storage.peek`` could read): the store comes at once,
    without importing sqlite-utils or checking the whole file; ``finished`` carries it, and
    the worker goes on with the full check, the daily backup and the templates, which
    ``checked`` carries (writes wait for the check). Otherwise (or if the quick open
    declines) the full ``open_database`` runs first: migrations, checks, backup, templates,
    and ``finished`` carries all of it. Until the check has passed nothing is written.
    """

    finished = Signal(object)  # Opened
    checked = Signal(object)  # Opened, after a quick open: check error and templates

    def __init__(self, path: Path, *, quick: bool = False,
                 prepare: Callable[[], None] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.quick = quick
        # Run in the worker (e.g. the log file): first, or after the quick open's hand-over.
        self.prepare = prepare
        self.result: Opened | None = None
        self._cancelled = False
        self._opened = threading.Event()  # the store (or the error) is in ``result``
        # After a quick open the rest waits until the GUI thread has taken the store, so that
        # its slow imports do not hold the GIL while the window attaches it.
        self._taken = threading.Event()
        self.finished.connect(lambda _opened: QTimer.singleShot(0, self._taken.set))
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
        self._taken.set()
        if self._thread.ident is not None:
            self._opened.wait(timeout)
            self._thread.join(timeout)
        return self.result

    def _work(self) -> None:
        opened = Opened(self.path)
        declined = None
        if self.quick:
            opened.store, declined = _open_quickly(self.path)
        if opened.store is not None:
            opened.checking = True
            self._hand_over(opened)
            self._taken.wait(TAKE_TIMEOUT_S)
            self._prepare()  # once the window has the store: its imports are not in the way
            opened.check_error = _complete(opened.store)
            with opened.store.using() as still_open:  # the window may close it meanwhile
                if not still_open or self._cancelled:
                    return
                if opened.check_error is None:
                    _remove_leftovers_soon(opened.store)
                _load_templates(opened)
            _preload_editor()
            self.checked.emit(opened)
            return
        self._prepare()
        if declined is not None:
            log.info("quick open declined (%s): opening %s in full", declined, self.path)
        try:
            opened.store = storage.open_database(self.path)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to explain
            opened.error = exc
        else:
            _remove_leftovers_soon(opened.store)
        _load_templates(opened)
        self._hand_over(opened)

    def _prepare(self) -> None:
        if self.prepare is not None:
            self.prepare()

    def _hand_over(self, opened: Opened) -> None:
        self.result = opened
        self._opened.set()
        self.finished.emit(opened)


def _open_quickly(path: Path) -> tuple[Any, str | None]:
    """(store from ``open_checking_later``, None), or (None, why not): then the full open
    decides and explains."""
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


def _preload_editor() -> None:
    """Import the form editor and its widgets now, so that opening a report does not."""
    try:
        import ui.editor.form_view  # noqa: F401, PLC0415 - the import is the point
    except Exception:  # noqa: BLE001 - opening a report will import (and report) it then
        log.warning("could not preload the editor", exc_info=True)


def _load_templates(opened: Opened) -> None:
    try:
        from ui.catalogue import template_catalogue  # noqa: PLC0415

        opened.templates = template_catalogue(opened.store).templates()
    except Exception as exc:  # noqa: BLE001
        opened.templates_error = exc


@dataclass
class Opened:
    """What ``BackgroundOpen`` found: a Store or the error from ``open_database``, the
    templates, and after a quick open the outcome of the full check (None: passed)."""

    path: Path
    store: Any = None
    error: Exception | None = None
    templates: dict[str, Any] | None = None
    templates_error: Exception | None = None
    checking: bool = False  # a quick open: ``checked`` follows with the rest
    check_error: Exception | None = None
