"""The warm-up after startup: in short turns of the event loop, then done; never an error."""

from __future__ import annotations

import gc
import logging

import pytest

from tests.waiting import WAIT_MS
from ui import warm_up
from widgets import plain

pytestmark = pytest.mark.gui


def test_the_warm_up_runs_in_short_turns_to_the_end(qtbot, monkeypatch):
    monkeypatch.setattr(plain, "_loader", [])  # as in a fresh process: no factory yet
    monkeypatch.setattr(gc, "freeze", lambda: None)  # not this test process's objects
    monkeypatch.setattr(warm_up, "TURN_S", 0)  # one step a turn
    turns: list[int] = []
    real_turn = warm_up.WarmUp._turn

    def turn(self):
        turns.append(1)
        real_turn(self)

    monkeypatch.setattr(warm_up.WarmUp, "_turn", turn)
    done: list[bool] = []
    job = warm_up.WarmUp(done=lambda: done.append(True))
    job.start()
    assert not job.finished  # nothing before the event loop turns
    qtbot.waitUntil(lambda: job.finished, timeout=WAIT_MS)
    assert done == [True] and len(turns) > 3  # many short turns, not one long one
    assert plain._loader  # Qt's UI loader is made
    assert gc.isenabled()


def test_a_failing_step_ends_the_warm_up_quietly(qtbot, monkeypatch, caplog):
    def broken():
        yield
        raise RuntimeError("no such class")

    monkeypatch.setattr(warm_up, "steps", broken)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    done: list[bool] = []
    job = warm_up.WarmUp(done=lambda: done.append(True))
    with caplog.at_level(logging.WARNING, logger="tianbao.ui"):
        job.start()
        qtbot.waitUntil(lambda: job.finished, timeout=WAIT_MS)
    assert done == [True] and "warming up for the first report failed" in caplog.text
    assert gc.isenabled()
