"""Writes from a worker thread and the GUI thread never share a transaction."""

from __future__ import annotations

import threading

import storage


def test_concurrent_writers_on_one_store_are_serialised(tmp_path):
    with storage.open_database(tmp_path / "t.db", daily_backup=False) as store:
        report = storage.create_report(store.db, form_id="f", form_version=1,
                                       template_source="x", title="t")
        errors: list[BaseException] = []

        def save(prefix: str) -> None:
            try:
                for n in range(60):
                    storage.save_value(store.db, report, f"{prefix}{n % 5}", f"{prefix}-{n}")
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        threads = [threading.Thread(target=save, args=(p,)) for p in ("a", "b")]
        for thread in threads:
            thread.start()
        save("c")
        for thread in threads:
            thread.join()
        assert errors == []
        values = storage.get_values(store.db, report)
        assert {values[f"{p}4"].raw for p in "abc"} == {"a-59", "b-59", "c-59"}
        assert len(storage.get_history(store.db, report)) == 180
