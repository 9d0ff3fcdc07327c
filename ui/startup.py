"""What the application needs before any window: fonts, language, a log file, an exception hook."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QExposeEvent, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from forms import messages
from ui.log_file import LOG_FILE_NAME, setup_logging  # noqa: F401 - as startup.X (patchable)

if TYPE_CHECKING:
    from storage.relocate import FolderMove

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "resources" / "fonts"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
ICON_FILE = ROOT / "resources" / "icons" / "tianbao.png"
FORMS_DIR = ROOT / "resources" / "forms"  # the same folder as forms.loader.FORMS_DIR
FONT_FILES = ("TianbaoSans-Regular.ttf", "TianbaoSans-Bold.ttf")
APP_FONT_POINT_SIZE = 10
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "中文", "en": "English"}  # each shown in its own language
LANGUAGE_FILE_NAME = "language"  # the language last used, for messages before the settings
SMOKE_QUIT_ENV = "TIANBAO_SMOKE_QUIT_MS"  # the bundle's smoke test: quit this long after ready
FIRST_PAINT_WAIT_MS = 1000  # ``after_first_paint`` calls back by then even if never painted

log = logging.getLogger("tianbao")


def register_fonts(app: QApplication, folder: Path = FONT_DIR) -> str | None:
    """Register the bundled CJK font and make it the app font, so Chinese shows anywhere."""
    family = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(folder / name))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = family or families[0]
        else:
            log.warning("could not register font %s", folder / name)
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *app.font().families()])
        if font.pointSize() < APP_FONT_POINT_SIZE:
            font.setPointSize(APP_FONT_POINT_SIZE)
        app.setFont(font)
    return family


def set_icon(app: QApplication, file: Path = ICON_FILE) -> None:
    """The windows' icon (title bar, task bar)."""
    from PySide6.QtGui import QIcon  # noqa: PLC0415 - see run_app: after the first paint

    app.setWindowIcon(QIcon(str(file)))


def quick_form_titles(folder: Path = FORMS_DIR) -> dict[str, str]:
    """Form id -> title of the built-in templates, read without validating them.

    Only for the report list shown before the templates are loaded (forms.loader and even
    tomllib are slower to import); the window switches to the loaded templates' titles
    right after. Only plain ``key = "text"`` lines before the first [table] are read.
    """
    import json  # noqa: PLC0415 - TOML basic strings use JSON's escapes

    titles: dict[str, str] = {}
    for file in sorted(folder.glob("*.toml")):
        try:
            head = file.read_text(encoding="utf-8").split("\n[", 1)[0]
        except (OSError, ValueError):
            continue
        keys: dict[str, str] = {}
        for line in head.splitlines():
            key, equals, value = line.partition("=")
            value = value.strip()
            if equals and key.strip() in ("id", "title") and value.startswith('"'):
                try:
                    keys[key.strip()] = json.loads(value)
                except ValueError:
                    continue
        if "id" in keys and "title" in keys:
            titles[keys["id"]] = keys["title"]
    return titles


def install_translators(app: QCoreApplication, language: str,
                        folder: Path = TRANSLATIONS_DIR) -> list[QTranslator]:
    """Install Qt's own strings (buttons like 确定/取消, the file and print dialogs) and
    ours for ``language``.

    Qt's come from PySide6 (qtbase_zh_CN.qm), with the few it lacks from our
    qt_extra_zh_CN.qm (installed last: searched first). Chinese is the source language of
    our own strings, so they need no file; English loads tianbao_en.qm. The translators are
    returned so the caller keeps them alive.
    """
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(language))
    messages.set_language(language)  # the app's own messages (forms.messages), e.g. validation
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [(f"tianbao_{language}", str(folder))] if language != DEFAULT_LANGUAGE else [
        (f"qtbase_{language}", qt_dir), (f"qt_extra_{language}", str(folder))]
    installed = []
    for name, where in wanted:
        translator = QTranslator(app)
        if translator.load(name, where):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("no translation file %s in %s", name, where)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Back to the source language (Chinese)."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale(DEFAULT_LANGUAGE))
    messages.set_language(DEFAULT_LANGUAGE)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def make_excepthook(log_path: Path | None,
                    parent: Callable[[], QWidget | None] = lambda: None) -> ExceptHook:
    """A ``sys.excepthook`` that logs the traceback and shows a message without it."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unhandled exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        if showing or QApplication.instance() is None:
            return
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - not before the first paint

        from ui.errors import error_text, is_known, log_file_hint  # noqa: PLC0415

        text = error_text(exc)
        if not is_known(exc) and log_path is not None:
            text += "\n\n" + log_file_hint(log_path)
        showing = True  # one box at a time, even if the box itself triggers another error
        try:
            QMessageBox.critical(parent(), QCoreApplication.translate("errors", "出错了"), text)
        finally:
            showing = False

    return hook


def last_language(folder: Path) -> str:
    """The language last used on this computer (for dialogs shown before the settings are read)."""
    try:
        language = (folder / LANGUAGE_FILE_NAME).read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def keep_language(folder: Path, language: str) -> None:
    """Remember ``language`` for the next start (best effort: a convenience)."""
    if language not in LANGUAGES or last_language(folder) == language:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / LANGUAGE_FILE_NAME).write_text(language, encoding="utf-8")
    except OSError:
        log.warning("could not remember the language in %s", folder)


def quit_when_ready(window: Any, environ: Mapping[str, str] = os.environ) -> None:
    """For the bundle's smoke test and the startup benchmarks: log when the window was first
    painted and when, painted, it had its store attached (editing possible; wall-clock
    seconds), then close it ``TIANBAO_SMOKE_QUIT_MS`` ms later. Nothing happens without that
    variable. Call it right after ``window.show()``."""
    delay = environ.get(SMOKE_QUIT_ENV, "")
    if not delay.isdigit():
        return
    shown: list[float] = []
    timer = QTimer(window)
    timer.setInterval(1)

    def painted() -> None:
        shown.append(time.time())
        if not check():  # attached later (the store opened in the worker): watch for it
            timer.start()

    def check() -> bool:
        if window.store is None:
            return False
        timer.stop()
        ready = time.time()
        log.info("smoke test: window ready on %s with %d reports (shown at %.3f, ready at %.3f)",
                 window.db_path, window.report_list.model.rowCount(), shown[0], ready)
        QTimer.singleShot(int(delay), close)
        return True

    def close() -> None:
        modal = QApplication.activeModalWidget()  # e.g. the first start's unit details
        if modal is not None:  # closed first, as a person would, then the window
            modal.close()
            QTimer.singleShot(0, close)
            return
        window.close()

    timer.timeout.connect(check)
    after_first_paint(window, painted)


class _FirstPaint(QObject):
    """Calls back once: on the event loop's next turn after the window's first expose (Qt
    paints the window while it handles that event), or after ``FIRST_PAINT_WAIT_MS``."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        self._handle = window.windowHandle()
        if self._handle is not None:
            self._handle.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._call)  # e.g. started minimised

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802 - Qt API
        if isinstance(event, QExposeEvent) and self._handle.isExposed():
            QTimer.singleShot(0, self._call)
        return False

    def _call(self) -> None:
        if self._callback is None:
            return
        callback, self._callback = self._callback, None
        if self._handle is not None:
            self._handle.removeEventFilter(self)
        callback()


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once ``window`` (shown) has been painted: work started before would
    compete for the GIL with the paint's Python calls (the report list's model)."""
    _FirstPaint(window, callback)


# --- run: the window first when storage.peek can read the file ---------------------------

def run_app(db_path: Path | None) -> int:
    """Start the app. A file that opens quickly (``open_quickly``: ~1 ms, no integrity check)
    is attached before the window's first paint, with its reports (``Store.preview``), and
    its full check, daily backup and forms follow in a worker thread (writes wait for the
    check). One that ``storage.peek`` can read but not open quickly (locked, say) shows its
    reports while the worker opens it in full and explains. Otherwise (new, older, damaged or
    foreign file) the file is opened before the window.

    Python's garbage collector waits until the window is painted: its passes over the
    objects of every module imported so far would delay the first paint by a few ms.
    """
    gc.disable()
    try:
        return _run_app(db_path)
    finally:
        gc.enable()


def _run_app(db_path: Path | None) -> int:
    from storage.paths import data_dir, default_db_path  # noqa: PLC0415 - not the whole API
    from storage.peek import peek_database  # noqa: PLC0415
    from ui import startup  # noqa: PLC0415 - this module, patchable in tests
    from ui.background_open import BackgroundOpen, open_quickly  # noqa: PLC0415
    from ui.main_window import APP_NAME, MainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    folder = data_dir()
    log_path: Path | None = folder / startup.LOG_FILE_NAME
    windows: list[QWidget] = []
    sys.excepthook = startup.make_excepthook(log_path, lambda: windows[0] if windows else None)
    startup.register_fonts(app)
    move = None if db_path else startup.move_old_data()
    path = Path(db_path) if db_path else move.db_path if move else default_db_path()
    log_path = startup.setup_logging(folder)  # after the move: the old log goes with the data
    log.info("starting on %s", path)
    store, declined = open_quickly(path)  # ~1 ms; the full check follows in the worker
    peek = store.preview() if store is not None else peek_database(path)
    if peek is None:
        if store is not None:
            store.close()
        gc.enable()  # the window waits for the open anyway
        return _run_opened_first(app, path, folder, windows, move, log_path)
    translators = startup.install_translators(app, peek.settings.language)
    app.setApplicationDisplayName(QApplication.translate("MainWindow", "填报"))
    window = MainWindow(None, peek.settings, preview=peek, log_path=log_path,
                        form_titles={**startup.quick_form_titles(), **peek.form_titles})
    windows.append(window)
    if store is not None:  # editing possible from the first paint on; the last report after it
        window.attach(store, checking=True, open_report=False)
    else:  # e.g. locked or damaged: the worker's full open explains it
        log.info("quick open declined (%s): opening %s in full", declined, path)
    window.show()
    opener = BackgroundOpen(path, store=store, parent=window)
    opener.finished.connect(window.finish_opening)
    opener.checked.connect(window.finish_checking)

    def painted() -> None:
        gc.enable()
        startup.set_icon(app)  # ~3 ms (QIcon's Python type): not before the first paint
        window.open_pending_report()  # before the check's imports compete for the GIL
        opener.start()

    startup.after_first_paint(window, painted)
    startup.quit_when_ready(window)  # its filter, installed last, sees the paint first
    if move is not None:
        tell_data_moved(window, move)  # the check runs meanwhile
    try:
        return app.exec()
    finally:
        startup.keep_language(folder, window.settings.language)  # not before the first paint
        opened = opener.wait(timeout=60)
        if opened is not None and opened.store is not None and window.store is None:
            opened.store.close()  # quit before it was attached
        del translators


def _run_opened_first(app: QApplication, path: Path, folder: Path, windows: list[QWidget],
                      move: FolderMove | None, log_path: Path | None) -> int:
    """The plain start: open (create, migrate, or explain a problem), then show the window."""
    import storage  # noqa: PLC0415
    from ui import startup  # noqa: PLC0415
    from ui.main_window import MainWindow  # noqa: PLC0415
    from ui.open_store import open_store  # noqa: PLC0415

    startup.set_icon(app)
    language = startup.last_language(folder)  # for the dialogs before the settings are read
    translators = startup.install_translators(app, language)
    store = open_store(None, path, cancel_text=QApplication.translate("MainWindow", "退出"))
    if store is None:
        return 1
    try:
        settings = storage.get_settings(store.db)
        if settings.language != language:
            startup.remove_translators(app, translators)
            translators = startup.install_translators(app, settings.language)
            startup.keep_language(folder, settings.language)
        app.setApplicationDisplayName(QApplication.translate("MainWindow", "填报"))
        window = MainWindow(store, settings, log_path=log_path)
    except BaseException:
        store.close()
        raise
    windows.append(window)
    window.show()
    startup.quit_when_ready(window)
    window.first_steps_soon()
    if move is not None:
        tell_data_moved(window, move)
    return app.exec()


def move_old_data() -> FolderMove | None:
    """Move the data from where earlier versions kept it (see ``storage.relocate``)."""
    from storage.relocate import move_old_data_folder  # noqa: PLC0415 - not the whole API

    return move_old_data_folder()


def tell_data_moved(parent: QWidget | None, move: FolderMove) -> None:
    """Say where the data went (once: it is moved only once), or why it stayed."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - not before the first paint

    if move.error is None:
        log.info("moved the data folder from %s to %s", move.old, move.new)
        text = QCoreApplication.translate(
            "startup", "填报的数据（数据库、备份和日志）已从旧位置\n{old}\n移到\n{new}\n"
            "新位置只在本机保存，不随漫游用户配置同步。").format(old=move.old, new=move.new)
        QMessageBox.information(parent, QCoreApplication.translate("startup", "数据已移动"), text)
        return
    log.warning("data folder not moved from %s: %s", move.old, move.error.text())
    text = QCoreApplication.translate(
        "startup", "这次仍使用旧位置的数据：\n{old}\n未能移到\n{new}\n原因：{why}\n"
        "下次启动时会再试。").format(old=move.old, new=move.new, why=messages.say(move.error.text()))
    QMessageBox.warning(parent, QCoreApplication.translate("startup", "数据未移动"), text)
