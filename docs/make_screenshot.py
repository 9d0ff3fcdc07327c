"""Redraw docs/screenshot.png: the main window on a scratch database, seed 000 selected.

    QT_QPA_PLATFORM=offscreen uv run python docs/make_screenshot.py [OUT.png]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OTHERS = [("成都市疾病预防控制中心", "第29届", "2023年4月15-21日", "2023年4月28日"),
          ("自贡市疾病预防控制中心", "第30届", "2024年4月15-21日", "2024年4月26日"),
          ("绵阳市疾病预防控制中心", "第28届", "2022年4月15-21日", "2022年4月29日")]


def main(out: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import storage
    from forms.loader import builtin_templates
    from forms.validate import expand_values
    from ui import operations, startup
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    startup.register_fonts(app)
    startup.install_translators(app, startup.DEFAULT_LANGUAGE)
    folder = Path(tempfile.mkdtemp(prefix="tianbao-shot-"))
    store = storage.open_database(folder / "tianbao.db", daily_backup=False)
    storage.update_settings(store.db, unit_name="四川省抗癌协会")
    templates = builtin_templates()
    week = templates["cancer_week_summary"]
    for unit, edition, when, filled in OTHERS:
        last = operations.create_report(store, week.id, raw={
            "unit_name": unit, "edition": edition, "activity_time": when, "fill_date": filled,
            "lectures": "12场"})
    storage.set_status(store.db, last, "complete")
    operations.create_report(store, "association_award_summary",
                             raw={"association_name": "四川省抗癌协会", "year": "2024"})
    seed = json.loads((ROOT / "tests/fixtures/seed_000_values.json").read_text(encoding="utf-8"))
    seed_id = operations.create_report(store, week.id, raw=expand_values(week, seed)[0])

    window = MainWindow(store, storage.get_settings(store.db), templates=templates)
    window.resize(1480, 900)
    window.splitter.setSizes([580, 900])
    window.show()
    window.report_list.reload(select_id=seed_id)

    def shoot() -> None:
        window.grab().save(str(out))
        print(f"saved {out}")
        window.close()
        app.quit()

    QTimer.singleShot(500, shoot)  # let the issues panel fill in
    app.exec()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png")
