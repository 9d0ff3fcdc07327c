"""Shared fixtures: the built-in templates and the seed forms' cell texts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _patient_waits() -> None:
    """pytest-qt's waits give up after 5 s by default: on a loaded 2-core CI machine that
    fails tests that would pass. A wait ends as soon as its condition holds, so the longer
    limit (tests/waiting.py) costs nothing when all is well. Waits whose timeout is the
    expected outcome (raising=False, assertNotEmitted) keep what the test gives them."""
    from pytestqt.qtbot import QtBot

    from tests.waiting import WAIT_MS

    def patient(method, *, unless_not_raising: bool = False):
        def wait(self, *args, **kwargs):
            if "timeout" not in kwargs and not (unless_not_raising
                                                and kwargs.get("raising") is False):
                kwargs["timeout"] = WAIT_MS
            return method(self, *args, **kwargs)
        return wait

    QtBot.waitUntil = patient(QtBot.waitUntil)
    QtBot.waitExposed = patient(QtBot.waitExposed)
    QtBot.waitActive = patient(QtBot.waitActive)
    QtBot.waitSignal = patient(QtBot.waitSignal, unless_not_raising=True)
    QtBot.waitSignals = patient(QtBot.waitSignals, unless_not_raising=True)


_patient_waits()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """After pytest-qt has closed a test's widgets (close, then deleteLater): delete them
    now. processEvents() leaves deferred deletes alone, so a closed top-level widget (made
    without a parent: Python owns it) lived on until the garbage collector freed it, at any
    moment of a later test, in the middle of whatever ran. Collecting such a widget tree
    deletes its Qt objects under wrappers not yet freed, and PySide6 leaves an "Internal
    C++ object already deleted" error pending, raised at the next call into Qt: a failure
    in a test that had nothing to do with it."""
    result = yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def templates():
    from forms.loader import builtin_templates

    return builtin_templates()


@pytest.fixture(scope="session")
def week_template(templates):
    return templates["cancer_week_summary"]


@pytest.fixture(scope="session")
def award_template(templates):
    return templates["association_award_summary"]


def load_seed(name: str) -> dict[str, str]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_000() -> dict[str, str]:
    """Seed 000's cells, keyed by the labels printed on the form."""
    return load_seed("seed_000_values.json")


@pytest.fixture(scope="session")
def seed_004() -> dict[str, str]:
    return load_seed("seed_004_values.json")


@pytest.fixture(scope="session")
def seed_000_raw(week_template, seed_000) -> dict[str, str]:
    """Seed 000's cells keyed by field key, compound cells split into parts."""
    from forms.validate import expand_values

    return expand_values(week_template, seed_000)[0]


class SmallDisk:
    """A real 1 MB file system (tmpfs) at ``path``; ``fill(leave)`` uses up all but ``leave`` bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fill(self, leave: int = 0) -> None:
        filler = self.path / "filler.bin"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        os.truncate(filler, max(0, filler.stat().st_size - leave))

    def files(self) -> list[str]:
        return sorted(p.name for p in self.path.iterdir() if p.name != "filler.bin")


@pytest.fixture
def small_disk(tmp_path):
    """A real file system of 1 MB (a tmpfs mount) to fill up; skipped where we cannot mount."""
    import subprocess
    import sys

    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root on Linux")
    folder = tmp_path / "small_disk"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs",
                           str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield SmallDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
