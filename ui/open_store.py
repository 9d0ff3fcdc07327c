"""Opening a database file with the person in the loop: locked, damaged, newer, unwritable."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

import storage
from forms.messages import say
from ui.errors import show_error

translate = QCoreApplication.translate
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
