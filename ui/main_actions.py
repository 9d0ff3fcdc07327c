"""The main window's actions, menus and toolbar, with standard shortcuts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

Key = QKeySequence.StandardKey
WIDGET_WITH_CHILDREN_SHORTCUT = 3  # Qt.ShortcutContext.WidgetWithChildrenShortcut


class Actions:
    """The window's actions by name, as ``build_actions`` made them (a plain class: making a
    dataclass of 19 fields costs ~1 ms, before the window's first paint)."""

    new: QAction
    copy: QAction
    import_report: QAction
    delete: QAction
    trash: QAction
    export_xlsx: QAction
    export_pdf: QAction
    package: QAction
    print: QAction
    merge: QAction
    templates: QAction
    open_database: QAction
    backups: QAction
    settings: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    guide: QAction
    about: QAction

    def __init__(self, **actions: QAction) -> None:
        vars(self).update(actions)

    def all(self) -> list[QAction]:
        return list(vars(self).values())

    # needing a report in the editor / needing write access
    def report_actions(self) -> list[QAction]:
        return [self.copy, self.delete, self.export_xlsx, self.export_pdf, self.package,
                self.print, self.undo, self.redo]

    def write_actions(self) -> list[QAction]:
        return [self.new, self.copy, self.import_report, self.delete, self.merge, self.undo,
                self.redo]


class MainActions(QObject):
    """Holds the translatable texts (lupdate needs a context for self.tr)."""

    def menus(self) -> dict[str, str]:
        return {"file": self.tr("文件(&F)"), "edit": self.tr("编辑(&E)"),
                "help": self.tr("帮助(&H)"), "toolbar": self.tr("工具栏")}

    def actions(self) -> dict[str, tuple[str, str]]:
        """name -> (text, status tip)"""
        return {
            "new": (self.tr("新建(&N)…"), self.tr("新建一份报表")),
            "copy": (self.tr("复制为新报表(&D)…"), self.tr("以当前报表为起点新建，例如沿用去年的报表")),
            "import_report": (self.tr("导入报表(&I)…"),
                              self.tr("把填好的 Word 或 Excel 表单（如去年的报表）导入为新报表，导入前先预览")),
            "delete": (self.tr("删除(&L)"), self.tr("把当前报表移到回收站")),
            "trash": (self.tr("回收站(&T)…"), self.tr("查看已删除的报表，恢复或彻底删除")),
            "export_xlsx": (self.tr("导出 XLSX(&X)…"), self.tr("导出为 Excel 表格")),
            "export_pdf": (self.tr("导出 PDF(&F)…"), self.tr("导出为 PDF 文件")),
            "package": (self.tr("打包发送(&K)…"),
                        self.tr("生成报送包（表格、PDF 和附件），发给上级单位")),
            "print": (self.tr("打印(&P)…"), self.tr("预览并打印，与导出的 PDF 完全一致")),
            "merge": (self.tr("汇总(&M)…"), self.tr("把下级单位发来的报送包汇总成一份报表")),
            "templates": (self.tr("表单管理(&G)…"),
                          self.tr("查看、导入、导出、预览表单模板，查看模板的问题")),
            "open_database": (self.tr("打开其他数据库(&O)…"), self.tr("打开另一个填报数据库文件")),
            "backups": (self.tr("备份与恢复(&B)…"), self.tr("查看自动备份，立即备份，或从备份恢复")),
            "settings": (self.tr("设置(&S)…"), self.tr("单位、联系人、导出文件夹和语言")),
            "quit": (self.tr("退出(&Q)"), self.tr("保存并退出填报")),
            "undo": (self.tr("撤销(&U)"), self.tr("撤销当前报表的上一次修改")),
            "redo": (self.tr("重做(&R)"), self.tr("重做刚才撤销的修改")),
            "guide": (self.tr("使用说明(&G)"),
                      self.tr("如何填写、检查、导出、汇总和备份报表（附截图）")),
            "about": (self.tr("关于填报(&A)"), self.tr("版本与数据位置")),
        }

    def toolbar_texts(self) -> dict[str, str]:
        """Short labels for the toolbar buttons."""
        return {"new": self.tr("新建"), "copy": self.tr("复制"), "delete": self.tr("删除"),
                "export_xlsx": self.tr("导出 XLSX"), "export_pdf": self.tr("导出 PDF"),
                "package": self.tr("打包发送"), "print": self.tr("打印"), "merge": self.tr("汇总")}


# QKeySequence objects need the application, so shortcuts are kept as specs until then.
SHORTCUTS: dict[str, list[Key | str]] = {
    "new": [Key.New],
    "copy": ["Ctrl+Shift+D"],
    "import_report": ["Ctrl+I"],
    "delete": [Key.Delete],
    "export_xlsx": ["Ctrl+E"],
    "export_pdf": ["Ctrl+Shift+E"],
    "package": ["Ctrl+Shift+P"],
    "templates": ["Ctrl+Shift+M"],
    "print": [Key.Print],
    "open_database": [Key.Open],
    "settings": ["Ctrl+,"],
    "quit": ["Ctrl+Q"],
    "undo": [Key.Undo],
    "redo": ["Ctrl+Y", "Ctrl+Shift+Z"],
    "guide": ["F1"],
}

MENUS = {
    "file": ["new", "copy", "import_report", "delete", "trash", None, "export_xlsx", "export_pdf", "package",
             "print", None, "merge", "templates", None, "open_database", "backups", "settings",
             None, "quit"],
    "edit": ["undo", "redo"],
    "help": ["guide", None, "about"],
}
TOOLBAR = ["new", "copy", "delete", None, "export_xlsx", "export_pdf", "package", "print", None,
           "merge"]


def build_actions(window: QMainWindow, handlers: dict[str, Any]) -> Actions:
    """Create every action, connect it to ``handlers[name]``, and fill menus and toolbar."""
    texts = MainActions(window)
    made: dict[str, QAction] = {}
    short = texts.toolbar_texts()
    for name, (text, tip) in texts.actions().items():
        action = QAction(window)  # QAction(text, parent) would set up QIcon's type: ~1.5 ms
        action.setText(text)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if name in short:
            action.setIconText(short[name])
        if name in SHORTCUTS:
            action.setShortcuts([QKeySequence(spec) for spec in SHORTCUTS[name]])
        action.triggered.connect(handlers[name])
        made[name] = action
    # Delete must not steal the key from text fields: it works where the report list has
    # focus. Set as a property: an enum of PySide6's Qt namespace would build the whole
    # namespace (~20 ms) before the first paint.
    made["delete"].setProperty("shortcutContext", WIDGET_WITH_CHILDREN_SHORTCUT)
    made["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    made["about"].setMenuRole(QAction.MenuRole.AboutRole)
    made["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)

    menus = texts.menus()
    for menu_name, entries in MENUS.items():
        menu = window.menuBar().addMenu(menus[menu_name])
        menu.setObjectName(f"{menu_name}_menu")
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(made[entry])
    toolbar = QToolBar(menus["toolbar"], window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    for entry in TOOLBAR:
        if entry is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(made[entry])
    window.addToolBar(toolbar)
    return Actions(**made)
