"""汇总: choose packages, merge them in a worker behind a progress bar, list what was rejected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import storage
from forms.messages import say
from ui import operations
from ui.workers import run_with_progress

translate = QCoreApplication.translate


class MergeSourcesDialog(QDialog):
    """The packages to merge (files and folders) and the receiving unit."""

    def __init__(self, parent: QWidget | None, unit: str = "", folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("汇总报送包"))
        self.folder = folder or Path.home()
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.unit_edit = QLineEdit(unit)
        self.unit_edit.setPlaceholderText(self.tr("本单位名称，如“四川省抗癌协会”"))
        add_files = QPushButton(self.tr("添加文件…"))
        add_folder = QPushButton(self.tr("添加文件夹…"))
        remove = QPushButton(self.tr("移除"))
        add_files.clicked.connect(self.add_files)
        add_folder.clicked.connect(self.add_folder)
        remove.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton(self.tr("汇总"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (add_files, add_folder, remove):
            row.addWidget(button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("汇总单位："), self.unit_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("选择下级单位发来的报送包（.zip），或包含报送包的文件夹：")))
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def add_paths(self, paths: list[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                self.list.addItem(str(path))
                known.add(path)
        self.merge_button.setEnabled(self.list.count() > 0)

    def add_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("选择报送包"), str(self.folder),
                                                 self.tr("报送包 (*.zip)"))
        if chosen:
            self.folder = Path(chosen[0]).parent
            self.add_paths([Path(c) for c in chosen])

    def add_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择包含报送包的文件夹"),
                                                  str(self.folder))
        if chosen:
            self.folder = Path(chosen)
            self.add_paths([Path(chosen)])

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.merge_button.setEnabled(self.list.count() > 0)

    def paths(self) -> list[Path]:
        return [Path(self.list.item(i).text()) for i in range(self.list.count())]

    @classmethod
    def ask(cls, parent: QWidget | None, unit: str = "",
            folder: Path | None = None) -> tuple[list[Path], str] | None:
        """(paths, receiving unit), or None when the person cancels."""
        dialog = cls(parent, unit, folder)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.paths():
                return None
            return dialog.paths(), dialog.unit_edit.text().strip()
        finally:
            dialog.deleteLater()


class DuplicateAsker(QObject):
    """Asks, on the GUI thread, whether a unit's newer package should replace the older one.

    The worker calls ``ask``; a blocking queued signal runs the question box on the GUI
    thread and hands the answer back.
    """

    asked = Signal(str, str, str)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__()
        self.parent_widget = parent
        self.answer = False
        self.asked.connect(self._ask, Qt.ConnectionType.BlockingQueuedConnection)

    def ask(self, unit: str, older: Path, newer: Path) -> bool:
        if QThread.currentThread() == self.thread():
            self._ask(unit, str(older), str(newer))
        else:
            self.asked.emit(unit, str(older), str(newer))
        return self.answer

    @Slot(str, str, str)
    def _ask(self, unit: str, older: str, newer: str) -> None:
        question = self.tr("“{unit}”报送了两个包：\n较早导出：{older}\n较新导出：{newer}\n\n是否改用较新的包？选“否”则只汇总较早的包。")
        text = question.format(unit=unit, older=Path(older).name, newer=Path(newer).name)
        answer = QMessageBox.question(self.parent_widget, self.tr("同一单位有两个报送包"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        self.answer = answer == QMessageBox.StandardButton.Yes


class DraftAsker(QObject):
    """Asks, on the GUI thread, whether the draft packages (not marked complete) go in.

    The worker calls ``ask`` with [(unit, path)]: True includes them, False skips them,
    None cancels the merge.
    """

    asked = Signal(object)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__()
        self.parent_widget = parent
        self.answer: bool | None = False
        self.asked.connect(self._ask, Qt.ConnectionType.BlockingQueuedConnection)

    def ask(self, drafts: list[tuple[str, Path]]) -> bool | None:
        if QThread.currentThread() == self.thread():
            self._ask(drafts)
        else:
            self.asked.emit(drafts)
        return self.answer

    @Slot(object)
    def _ask(self, drafts: list[tuple[str, Path]]) -> None:
        listed = "\n".join(self.tr("  {unit}（{file}）").format(unit=unit, file=Path(path).name)
                           for unit, path in drafts)
        text = self.tr("以下 {count} 个单位报送的是草稿（尚未标记为完成）：\n{units}\n\n"
                       "是否也汇总这些草稿？\n选“是”：一并汇总，汇总报表中会注明哪些单位是草稿；\n"
                       "选“否”：跳过这些包，只汇总已完成的；\n选“取消”：这次不汇总。").format(
            count=len(drafts), units=listed)
        buttons = (QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                   | QMessageBox.StandardButton.Cancel)
        answer = QMessageBox.question(self.parent_widget, self.tr("有单位报送的是草稿"), text,
                                      buttons, QMessageBox.StandardButton.No)
        self.answer = {QMessageBox.StandardButton.Yes: True,
                       QMessageBox.StandardButton.No: False}.get(answer)


class MergeResultDialog(QDialog):
    """What the merge made, and every rejected file with its reason."""

    def __init__(self, parent: QWidget | None, outcome: operations.MergeOutcome) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("汇总结果"))
        if outcome.report_id is not None:
            summary = self.tr("已汇总 {n} 个单位的报送包，生成了新的汇总报表（草稿），请检查后完成。",
                              "", len(outcome.merged)).format(n=len(outcome.merged))
            if outcome.imported_form is not None:
                summary += "\n" + self.tr("本机原来没有这个表单，已从报送包中导入它的模板"
                                          "（{name}），可在“表单管理”中查看。").format(
                    name=outcome.imported_form)
        else:
            summary = self.tr("没有可以汇总的报送包，未生成新报表。")
        if outcome.drafts_merged:
            summary += "\n" + self.tr("其中 {count} 个单位报送的是草稿：{units}。汇总报表中已注明。").format(
                count=len(outcome.drafts_merged), units=self.tr("、").join(outcome.drafts_merged))
        if outcome.rejected:
            summary += "\n" + self.tr("以下 {n} 个文件未汇总：", "", len(outcome.rejected)).format(
                n=len(outcome.rejected))
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(outcome.rejected), 2)
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("原因")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (path, reason) in enumerate(outcome.rejected):
            name = QTableWidgetItem(Path(path).name)
            name.setToolTip(str(path))
            why = QTableWidgetItem(say(reason))
            why.setToolTip(say(reason))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, why)
        self.table.setWordWrap(True)
        self.table.setVisible(bool(outcome.rejected))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420 if outcome.rejected else 160)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text())
                for r in range(self.table.rowCount())]

    @classmethod
    def show_result(cls, parent: QWidget | None, outcome: operations.MergeOutcome) -> None:
        dialog = cls(parent, outcome)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


def _start_folder(settings: Any) -> Path | None:
    folder = Path(settings.export_folder).expanduser() if settings.export_folder else None
    return folder if folder is not None and folder.is_dir() else None


def run_merge_dialog(parent: QWidget | None, store: Any) -> int | None:
    """Choose packages, merge them into a new report; returns its id (None if none was made).

    Failures other than rejected packages (disk full, read-only database) are raised for
    the caller's ``show_error``.
    """
    from exports.merge import MergeCancelled  # noqa: PLC0415 - keeps startup lean

    settings = storage.get_settings(store.db)
    chosen = MergeSourcesDialog.ask(parent, settings.unit_name, _start_folder(settings))
    if chosen is None:
        return None
    paths, unit = chosen
    asker = DuplicateAsker(parent)
    drafts = DraftAsker(parent)

    def job(progress: Any, cancelled: Any) -> operations.MergeOutcome:
        return operations.merge_into_new_report(store, paths, unit=unit, progress=progress,
                                                cancel=cancelled, confirm_duplicate=asker.ask,
                                                confirm_drafts=drafts.ask)

    try:
        outcome = run_with_progress(parent, translate("merge_dialog", "正在汇总报送包…"), job,
                                    cancellable=True)
    except MergeCancelled as exc:
        QMessageBox.information(parent, translate("merge_dialog", "汇总"), say(exc.text()))
        return None
    finally:
        asker.deleteLater()
        drafts.deleteLater()
    MergeResultDialog.show_result(parent, outcome)
    return outcome.report_id
