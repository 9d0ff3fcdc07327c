"""The window's first paint: what it waits for, and what waits for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.waiting import WAIT_MS
from ui import startup

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent.parent

# Not needed to show the report list: loaded when first used, after the first paint.
# dataclasses too: importing it and making each dataclass cost ~1 ms (named tuples do not).
LATER = ("sqlite_utils", "openpyxl", "reportlab", "docx", "logging.handlers", "forms.loader",
         "ui.catalogue", "ui.editor", "ui.errors", "ui.open_store", "ui.file_commands",
         "ui.report_commands", "exports", "dataclasses")


def test_the_first_paint_imports_only_what_the_list_needs():
    code = ("import sys; import ui.main_window, ui.startup, ui.background_open, storage.paths, "
            "storage.peek, storage.store; import PySide6.QtWidgets as widgets; "
            "print(' '.join(sys.modules)); print('QMessageBox' in vars(widgets))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    modules, message_box = done.stdout.splitlines()
    loaded = set(modules.split())
    assert [name for name in LATER if name in loaded] == []
    assert message_box == "False"  # its enums alone cost ~2 ms


def test_after_first_paint_calls_back_once_the_window_is_painted(qtbot):
    from PySide6.QtWidgets import QWidget

    painted: list[int] = []
    calls: list[int] = []

    class Window(QWidget):
        def paintEvent(self, event):  # noqa: N802 - Qt API
            painted.append(1)
            super().paintEvent(event)

    window = Window()
    qtbot.addWidget(window)
    window.show()
    startup.after_first_paint(window, lambda: calls.append(len(painted)))
    assert calls == []  # not before the event loop has painted the window
    qtbot.waitUntil(lambda: bool(calls), timeout=WAIT_MS)
    assert calls[0] >= 1
    window.hide()
    window.show()
    qtbot.wait(50)
    assert len(calls) == 1


def test_after_first_paint_calls_back_even_if_never_painted(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    monkeypatch.setattr(startup, "FIRST_PAINT_WAIT_MS", 10)
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[bool] = []
    startup.after_first_paint(window, lambda: calls.append(True))  # never shown
    qtbot.waitUntil(lambda: bool(calls), timeout=WAIT_MS)
    qtbot.wait(30)
    assert calls == [True]
