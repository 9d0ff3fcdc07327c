"""Redraw the guide's screenshots (resources/guide/images/<zh|en>/*.png) from the real app.

    QT_QPA_PLATFORM=offscreen uv run python docs/make_guide_images.py

Each picture is a real window or dialog on a scratch database (seed 000 and a few more
reports), grabbed offscreen in Chinese and in English and reduced to 256 colours.
"""

from __future__ import annotations

import sys
from pathlib import Path

from make_screenshots import ROOT, scratch_database, scratch_folder, settle, shrink

GUIDE_IMAGES = ROOT / "resources" / "guide" / "images"
WEEK = "cancer_week_summary"
FIXES = {"direct_beneficiaries": "46.21万人", "media_reads": "约500万次"}  # seed 000's errors


MAX_WIDTH = 760  # the guide's page is about 800 pixels wide: pictures are shown 1:1


def save(widget, folder: Path, name: str, app) -> Path:
    widget.show()
    if widget.width() > MAX_WIDTH:
        widget.resize(MAX_WIDTH, widget.height())
    settle(app, 250)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    shrink(path)
    return path


def dialogs(app, store, folder: Path) -> list[Path]:
    """The dialogs a clerk meets, filled as in use."""
    import storage
    from ui.catalogue import template_catalogue
    from ui.dialogs.backups import BackupDialog
    from ui.dialogs.new_report import NewReportDialog, source_reports
    from ui.dialogs.templates import TemplatesDialog
    from ui.dialogs.unit_details import UnitDetailsDialog
    from ui.merge_dialog import MergeSourcesDialog
    from ui.report_list import ReportRow

    settings = storage.get_settings(store.db)
    templates = template_catalogue(store).templates()
    made = [save(UnitDetailsDialog(settings), folder, "unit-details", app)]
    rows = [ReportRow.from_summary(s) for s in storage.list_reports(store.db)]
    new = NewReportDialog(templates, settings.unit_name, source_reports(rows),
                          {t.id: 31 if t.id == WEEK else 2025 for t in templates.values()},
                          form_id=WEEK)
    new.copy_radio.setChecked(True)
    made.append(save(new, folder, "new-report", app))
    merge = MergeSourcesDialog(None, settings.unit_name, Path.home())
    merge.add_paths([Path("D:/报送包/2024") / f"{name}.zip" for name in (
        "第30届_全国肿瘤防治宣传周活动总结表_成都市疾病预防控制中心",
        "第30届_全国肿瘤防治宣传周活动总结表_自贡市疾病预防控制中心",
        "第30届_全国肿瘤防治宣传周活动总结表_绵阳市疾病预防控制中心")])
    made.append(save(merge, folder, "merge", app))
    made.append(save(BackupDialog(store), folder, "backups", app))
    made.append(save(TemplatesDialog(store), folder, "templates", app))
    return made


def window_parts(app, store, seed_id: int, folder: Path) -> list[Path]:
    """The editor with checks, the 完成 dialog, attachments and the File menu."""
    import storage
    from ui import operations
    from ui.editor.complete_dialog import CompleteDialog
    from ui.main_window import MainWindow

    window = MainWindow(store, storage.get_settings(store.db))
    window.resize(1280, 800)
    window.show()
    window.report_list.reload(select_id=seed_id)
    settle(app)
    editor = window.editor
    editor.focus_field("direct_beneficiaries")
    settle(app)
    made = [save(editor, folder, "editor", app)]

    session = operations.open_session(store, seed_id)
    for key, text in FIXES.items():
        session.validator.set(key, text)
    warnings = [issue for issue in session.validator.issues() if not issue.is_error]
    complete = CompleteDialog(warnings)
    first = next(iter(complete.edits.values()))
    first.setText("各医院上报数据汇总，已核对")  # the data stay Chinese in English mode
    made.append(save(complete, folder, "complete", app))

    editor.tabs.setCurrentWidget(editor.attachments)
    editor.splitter.setSizes([400, 260])
    settle(app, 100)
    made.append(save(editor.tabs, folder, "attachments", app))
    menu = window.menuBar().actions()[0].menu()
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    made.append(save(menu, folder, "file-menu", app))
    menu.hide()
    window.store = None  # closed by the caller
    window.close()
    return made


def attach_examples(store, seed_id: int, scratch: Path) -> None:
    import storage

    for name, size in (("活动照片-义诊现场.jpg", 2_400_000), ("宣传周总结.docx", 86_000)):
        path = scratch / name
        path.write_bytes(bytes(range(256)) * (size // 256))
        storage.add_attachment(store.db, seed_id, path)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    import storage
    from ui import startup

    app = QApplication(sys.argv[:1])
    startup.register_fonts(app)
    scratch = scratch_folder()
    store, seed_id = scratch_database(scratch)
    attach_examples(store, seed_id, scratch)
    storage.auto_backup(store, reason="daily")
    storage.auto_backup(store, reason="manual")
    made = []
    try:
        for language, short in (("zh_CN", "zh"), ("en", "en")):
            folder = GUIDE_IMAGES / short
            folder.mkdir(parents=True, exist_ok=True)
            translators = startup.install_translators(app, language)
            try:
                made += dialogs(app, store, folder)
                made += window_parts(app, store, seed_id, folder)
            finally:
                startup.remove_translators(app, translators)
    finally:
        store.close()
    for path in made:
        print(f"saved {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
