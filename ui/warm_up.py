"""Getting ready for the first report while the window waits for the person after startup.

The first form built in a process pays for things done once: PySide6 sets up the Python
side of each Qt class the first time it is used (its enums above all), and Qt's UI loader
(``widgets.plain``) scans for plugins when it is made. Done here in short turns of the
event loop once the window is up and checked, they are off the path of the first report
opened (~20 ms of the ~85 ms). In the GUI thread: PySide6's lazy set-up is not meant to
race another thread.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject, QTimer

from widgets.plain import prepare_factory

TURN_S = 0.004  # work per event-loop turn: the window stays responsive meanwhile
log = logging.getLogger("tianbao.ui")


def steps() -> Iterator[None]:
    """The work, cut into small steps (a yield between them)."""
    prepare_factory()
    yield
    for module in (QtCore, QtGui, QtWidgets):
        for name in dir(module):
            if name.startswith("Q"):
                getattr(module, name)  # sets up the class and its enums, if not yet
                yield


class WarmUp(QObject):
    """Runs ``steps`` about ``TURN_S`` at a time on zero timers, then calls ``done``."""

    def __init__(self, parent: QObject | None = None,
                 done: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._steps = steps()
        self._done = done
        self.longest_turn = 0.0  # seconds: for the benchmark
        self.finished = False

    def start(self) -> None:
        QTimer.singleShot(0, self, self._turn)

    def _turn(self) -> None:
        started = time.perf_counter()
        collecting = gc.isenabled()
        gc.disable()  # what is made here stays: no collection in the middle of a turn
        try:
            next(self._steps)  # at least one step a turn
            while time.perf_counter() - started < TURN_S:
                next(self._steps)
        except StopIteration:
            self.finished = True
        except Exception:  # noqa: BLE001 - only a head start: the first report does it anyway
            log.warning("warming up for the first report failed", exc_info=True)
            self.finished = True
        finally:
            if collecting:
                gc.enable()
        if self.finished:
            # Thousands of long-lived objects (modules, classes, enums): out of the
            # collector's full passes from now on, which would otherwise stall a keystroke.
            gc.freeze()
        self.longest_turn = max(self.longest_turn, time.perf_counter() - started)
        if not self.finished:
            QTimer.singleShot(0, self, self._turn)
        elif self._done is not None:
            self._done()
