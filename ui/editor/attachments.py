"""The attachments panel: add (dialog or drag-and-drop), thumbnails, open, move to the trash.

Every database step runs on the editor's database thread (``DbWorker``): a big file is
copied in there chunk by chunk behind a progress dialog that can cancel it, and images are
read and scaled there too, one at a time, so the window never waits for them.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QImageReader,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

import storage
from ui import operations
from ui.editor.worker import DbWorker
from ui.errors import error_text
from ui.workers import progress_dialog

log = logging.getLogger("tianbao.ui")
THUMB_SIZE = 56
THUMB_MAX_BYTES = 20 * 1024 * 1024  # bigger images get the generic icon
SHOW_PROGRESS_AT = 8 * 1024 * 1024
IdRole = Qt.ItemDataRole.UserRole + 1


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def thumbnail(data: bytes, side: int = THUMB_SIZE) -> QImage | None:
    """The image scaled to fit ``side``×``side`` (safe off the GUI thread), or None."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class _Progress:
    """Thread-safe progress for one add: the worker writes, the GUI thread polls."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()


class AttachmentsPanel(QWidget):
    status_message = Signal(str)
    count_changed = Signal(int)

    def __init__(self, store: Any, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self.report_id: int | None = None
        self.read_only = False
        self.attachments: list[storage.Attachment] = []
        self._thumb_queue: list[tuple[int, int]] = []  # (report id, attachment id)
        self._thumb_running = False
        self._temp_dir: Path | None = None
        self.adding = False
        self.list = QListWidget(self)
        self.list.setObjectName("attachments")
        self.list.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setAcceptDrops(False)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("添加附件…"), self)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.remove_button = QPushButton(self.tr("移到回收站"), self)
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.list.setToolTip(self.tr("可以把文件拖到这里添加为附件"))
        self.setAcceptDrops(True)
        self._file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._update_buttons()

    # --- showing ---------------------------------------------------------------------

    def set_report(self, report_id: int | None) -> None:
        self.report_id = report_id
        self._thumb_queue.clear()
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.setAcceptDrops(not read_only)
        self._update_buttons()

    def refresh(self) -> None:
        """Re-list the report's attachments (the database thread must be idle: it waits)."""
        self.list.clear()
        self.attachments = []
        if self.report_id is not None:
            report_id = self.report_id
            self.attachments = self.worker.call(
                lambda: storage.list_attachments(self.store.db, report_id))
        for attachment in self.attachments:
            self.list.addItem(self._item(attachment))
            if attachment.mime_type.startswith("image/") and attachment.size <= THUMB_MAX_BYTES:
                self._thumb_queue.append((attachment.report_id, attachment.id))
        self._next_thumbnail()
        self._update_buttons()
        self.count_changed.emit(len(self.attachments))

    def _item(self, attachment: storage.Attachment) -> QListWidgetItem:
        added = attachment.added_at.replace("T", " ")[:16]
        item = QListWidgetItem(self._file_icon,
                               f"{attachment.file_name}\n{size_text(attachment.size)} · {added}")
        item.setData(IdRole, attachment.id)
        item.setToolTip(attachment.note or attachment.file_name)
        return item

    def _next_thumbnail(self) -> None:
        if self._thumb_running or not self._thumb_queue:
            return
        report_id, attachment_id = self._thumb_queue.pop(0)
        if report_id != self.report_id:
            self._next_thumbnail()
            return
        self._thumb_running = True

        def load() -> QImage | None:
            return thumbnail(b"".join(storage.iter_attachment(self.store.db, attachment_id)))

        def done(image: QImage | None) -> None:
            self._thumb_running = False
            item = self._find(attachment_id)
            if image is not None and item is not None:
                item.setIcon(QIcon(QPixmap.fromImage(image)))
            self._next_thumbnail()

        def failed(_exc: BaseException) -> None:  # a damaged image keeps the generic icon
            self._thumb_running = False
            self._next_thumbnail()

        self.worker.submit(load, done, failed)

    def _find(self, attachment_id: int) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(IdRole) == attachment_id:
                return item
        return None

    def selected_ids(self) -> list[int]:
        return [item.data(IdRole) for item in self.list.selectedItems()]

    def _update_buttons(self) -> None:
        has_report = self.report_id is not None
        selected = bool(self.list.selectedItems())
        self.add_button.setEnabled(has_report and not self.read_only and not self.adding)
        self.open_button.setEnabled(selected)
        self.remove_button.setEnabled(selected and not self.read_only)

    # --- adding ----------------------------------------------------------------------

    def choose_files(self) -> None:
        if self.report_id is None or self.read_only:
            return
        try:
            folder = operations.remembered_folder(self.store, "attachments")
        except Exception:  # noqa: BLE001 - a convenience: start in the default folder
            folder = None
        paths = ask_files(self, folder)
        if paths:
            try:
                operations.remember_folder(self.store, "attachments", paths[0].parent)
            except Exception:  # noqa: BLE001
                log.warning("could not remember the attachment folder", exc_info=True)
            self.add_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if self._can_take(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        if not self._can_take(event):
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files([Path(url.toLocalFile()) for url in event.mimeData().urls()
                        if url.isLocalFile()])

    def _can_take(self, event: QDragEnterEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return (self.report_id is not None and not self.read_only and not self.adding
                and mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()))

    def add_files(self, paths: list[Path]) -> None:
        """Copy the files in on the database thread, with a progress dialog that can cancel."""
        if self.report_id is None or self.read_only or self.adding or not paths:
            return
        report_id = self.report_id
        progress = _Progress()
        big = sum(_size(path) for path in paths) > SHOW_PROGRESS_AT
        dialog = progress_dialog(self, self.tr("正在添加附件…"), self.tr("取消"), maximum=1000,
                                 min_duration_ms=0 if big else 400)  # big: at once
        dialog.setWindowTitle(self.tr("添加附件"))
        dialog.canceled.connect(progress.cancel.set)
        poll = QTimer(dialog, interval=100)
        poll.timeout.connect(lambda: _show_progress(dialog, progress))
        poll.start()
        self.adding = True
        self._update_buttons()

        def finish(outcome: tuple[list[int], list[BaseException]]) -> None:
            poll.stop()
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
            self.adding = False
            added, errors = outcome
            if report_id == self.report_id:
                self.refresh()
            self._report(added, errors)

        def crashed(exc: BaseException) -> None:
            finish(([], [exc]))

        self.worker.submit(lambda: self._add_all(report_id, paths, progress), finish, crashed)

    def _add_all(self, report_id: int, paths: list[Path], progress: _Progress
                 ) -> tuple[list[int], list[BaseException]]:
        """Runs on the database thread: add each file; errors are collected, not raised."""
        max_size = storage.get_settings(self.store.db).attachment_max_bytes
        sizes = [_size(path) for path in paths]
        progress.total = sum(sizes)
        added: list[int] = []
        errors: list[BaseException] = []
        before = 0
        for path, size in zip(paths, sizes, strict=True):
            if progress.cancel.is_set():
                break

            def step(done: int, _total: int, before: int = before) -> None:
                progress.done = before + done

            try:
                added.append(storage.add_attachment(
                    self.store.db, report_id, path, max_size=max_size, progress=step,
                    cancel=progress.cancel.is_set))
            except storage.AttachmentCancelledError:
                break
            except Exception as exc:  # noqa: BLE001 - reported per file on the GUI thread
                errors.append(exc)
            before += size
        return added, errors

    def _report(self, added: list[int], errors: list[BaseException]) -> None:
        if added:
            self.status_message.emit(self.tr("已添加 {n} 个附件", "", len(added)).format(
                n=len(added)))
        elif not errors:
            self.status_message.emit(self.tr("已取消添加附件"))
        if errors:
            QMessageBox.warning(self, self.tr("附件未能添加"),
                                "\n\n".join(error_text(exc) for exc in errors))

    # --- opening and removing --------------------------------------------------------

    def open_selected(self) -> None:
        """Copy the selected attachment to a temp file and open it with the system viewer."""
        ids = self.selected_ids()
        if not ids:
            return
        attachment_id = ids[0]
        folder = self._temp_folder() / str(attachment_id)

        def extract() -> Path:
            info = storage.get_attachment(self.store.db, attachment_id)
            folder.mkdir(parents=True, exist_ok=True)
            return storage.save_attachment_to(self.store.db, attachment_id,
                                              folder / Path(info.file_name).name)

        def opened(path: Path) -> None:
            if not open_with_system(path):
                self.status_message.emit(self.tr("没有找到能打开“{name}”的程序").format(
                    name=path.name))

        self.status_message.emit(self.tr("正在打开附件…"))
        self.worker.submit(extract, opened, self._show_error)

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.read_only:
            return
        names = [a.file_name for a in self.attachments if a.id in ids]
        answer = QMessageBox.question(
            self, self.tr("移到回收站"),
            self.tr("把附件“{names}”移到回收站吗？\n\n以后可以在“文件 → 回收站”的“附件”页恢复。").format(
                names=self.tr("、").join(names)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            for attachment_id in ids:
                self.worker.call(lambda a=attachment_id: storage.trash_attachment(self.store.db, a))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self._show_error(exc)
        self.refresh()
        self.status_message.emit(self.tr("附件已移到回收站，可在“文件 → 回收站”的“附件”页恢复"))

    def _show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("附件操作未完成"), error_text(exc))

    def _temp_folder(self) -> Path:
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="tianbao-attachments-"))
        return self._temp_dir


def _size(path: Path) -> int:
    try:
        return max(path.stat().st_size, 0)
    except OSError:
        return 0


def _show_progress(dialog: QProgressDialog, progress: _Progress) -> None:
    if dialog.wasCanceled():  # also when cancelled by Esc or by closing the dialog
        progress.cancel.set()
    if progress.total > 0:
        dialog.setValue(min(999, progress.done * 1000 // progress.total))


def ask_files(parent: QWidget, folder: Path | None = None) -> list[Path]:
    """The file dialog for 添加附件, opened in ``folder`` (patched in tests)."""
    title = QCoreApplication.translate("AttachmentsPanel", "添加附件")
    chosen, _ = QFileDialog.getOpenFileNames(  # no filter: any file
        parent, title, str(folder) if folder else "")
    return [Path(name) for name in chosen]


def open_with_system(path: Path) -> bool:
    """Open ``path`` in the system's viewer (patched in tests)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

