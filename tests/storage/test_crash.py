"""Crash safety: SIGKILL a writer at random moments; confirmed saves must survive."""

from __future__ import annotations

import sys

import pytest

from tests.storage.crash_harness import run_rounds

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def test_every_confirmed_save_survives_sigkill(tmp_path):
    stats = run_rounds(tmp_path / "crash" / "tianbao.db", rounds=20, seed=20240426)

    assert stats.rounds == 20
    assert stats.problems == []
    assert stats.integrity_failures == 0
    assert stats.saves_confirmed > 0  # the kills did land inside the save loop
    assert stats.saves_found == stats.saves_confirmed
