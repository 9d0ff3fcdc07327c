"""UI fixtures: a real database in tmp_path, the main window, and captured message boxes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass
class Messages:
    """Every QMessageBox shown: (kind, title, text); ``answer`` is what question() returns."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: Any = None

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]


@pytest.fixture(autouse=True)
def messages(monkeypatch, tmp_path):
    """No modal box ever blocks a test: each is recorded instead."""
    from PySide6.QtWidgets import QMessageBox

    record = Messages(answer=QMessageBox.StandardButton.Yes)

    def recorder(kind: str):
        def show(_parent, title, text, *args, **kwargs):
            record.shown.append((kind, title, text))
            return record.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return show

    for kind in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind)))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return record


@pytest.fixture(autouse=True)
def unit_details(monkeypatch):
    """The first-start question for the unit's details never blocks a test: each call is
    recorded in the returned list, and answered with ``answer[0]`` (None: 以后再说)."""
    from ui.dialogs.unit_details import UnitDetailsDialog

    asked: list = []
    answer: list = [None]

    def ask(cls, parent, settings):
        asked.append(settings)
        return answer[0]

    monkeypatch.setattr(UnitDetailsDialog, "ask", classmethod(ask))
    return asked, answer


@pytest.fixture
def store(tmp_path):
    import storage

    opened = storage.open_database(tmp_path / "tianbao.db", daily_backup=False)
    yield opened
    opened.close()


@pytest.fixture
def editor(qtbot, store):
    """The form editor on its own, shown at a usual size; its edits saved at the end."""
    from ui.editor import ReportEditor

    widget = ReportEditor(store)
    qtbot.addWidget(widget)
    widget.resize(900, 900)
    widget.show()
    yield widget
    widget.flush()


@pytest.fixture
def window(qtbot, store):
    import storage
    from ui.main_window import MainWindow

    win = MainWindow(store, storage.get_settings(store.db))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture(scope="session")
def seed_values_path() -> Path:
    return FIXTURES / "seed_000_values.json"


def make_report(store, form_id: str = "cancer_week_summary", **raw_by_key: str) -> int:
    from ui import operations

    return operations.create_report(store, form_id, raw=raw_by_key)
