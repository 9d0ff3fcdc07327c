"""Redraw the screenshots: the main window at 1280×800 and 1920×1080, in Chinese and English.

    QT_QPA_PLATFORM=offscreen uv run python docs/make_screenshots.py

Writes docs/screenshots/main-<size>-<language>.png and docs/screenshot.png (the README's),
each on a scratch database with seed 000 selected. PNGs are reduced to 256 colours with
pngquant when it is installed, so they stay small.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHOTS = ROOT / "docs" / "screenshots"
SIZES = ((1280, 800), (1920, 1080))
LANGUAGES = ("zh_CN", "en")

OTHERS = [("成都市疾病预防控制中心", "第29届", "2023年4月15-21日", "2023年4月28日"),
          ("自贡市疾病预防控制中心", "第30届", "2024年4月15-21日", "2024年4月26日"),
          ("绵阳市疾病预防控制中心", "第28届", "2022年4月15-21日", "2022年4月29日")]


def scratch_database(folder: Path):
    """A database with a few reports and seed 000; returns (store, seed 000's report id)."""
    import storage
    from forms.loader import builtin_templates
    from forms.validate import expand_values
    from ui import operations

    store = storage.open_database(folder / "tianbao.db", daily_backup=False)
    storage.update_settings(store.db, unit_name="四川省抗癌协会", contact_person="张堃",
                            phone="027-85880016", units_asked=True)
    week = builtin_templates()["cancer_week_summary"]
    last = None
    for unit, edition, when, filled in OTHERS:
        last = operations.create_report(store, week.id, raw={
            "unit_name": unit, "edition": edition, "activity_time": when, "fill_date": filled,
            "lectures": "12场"})
    storage.set_status(store.db, last, "complete")
    operations.create_report(store, "association_award_summary",
                             raw={"association_name": "四川省抗癌协会", "year": "2024"})
    seed = json.loads((ROOT / "tests/fixtures/seed_000_values.json").read_text(encoding="utf-8"))
    seed_id = operations.create_report(store, week.id, raw=expand_values(week, seed)[0])
    return store, seed_id


def scratch_folder() -> Path:
    """A fresh folder for the scratch database, with a plain name (it shows in the pictures)."""
    folder = Path(tempfile.gettempdir()) / "Tianbao"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def shrink(path: Path) -> None:
    """256 colours (pngquant), when it is installed: a quarter of the size, text still sharp."""
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--strip", "--output",
                        str(path), "256", "--", str(path)], check=False)


def settle(app, milliseconds: int = 400) -> None:
    """Let timers (the issues panel) and layouts catch up."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


def main_window_shots(app, store, seed_id: int) -> list[Path]:
    import storage
    from ui import startup
    from ui.main_window import MainWindow

    made = []
    for language in LANGUAGES:
        translators = startup.install_translators(app, language)
        try:
            for width, height in SIZES:
                window = MainWindow(store, storage.get_settings(store.db))
                window.resize(width, height)
                window.show()
                window.report_list.reload(select_id=seed_id)
                settle(app)
                out = SHOTS / f"main-{width}x{height}-{'zh' if language == 'zh_CN' else 'en'}.png"
                window.grab().save(str(out))
                shrink(out)
                made.append(out)
                window.store = None  # the next window uses it
                window.close()
                window.deleteLater()
        finally:
            startup.remove_translators(app, translators)
    return made


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from ui import startup

    app = QApplication(sys.argv[:1])
    startup.register_fonts(app)
    SHOTS.mkdir(parents=True, exist_ok=True)
    store, seed_id = scratch_database(scratch_folder())
    try:
        made = main_window_shots(app, store, seed_id)
    finally:
        store.close()
    shutil.copyfile(SHOTS / "main-1280x800-zh.png", ROOT / "docs" / "screenshot.png")
    for path in made:
        print(f"saved {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
