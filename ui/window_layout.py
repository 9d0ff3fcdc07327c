"""How the main window shares its width between the report list and the form."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter

LIST_SHARE = 0.4  # of the window's width, for the report list
LIST_MIN, LIST_MAX = 380, 720  # pixels: room for its columns, and no more than it needs


class ShareSplitter(QSplitter):
    """Horizontal: the report list gets ``LIST_SHARE`` of the width, within
    [LIST_MIN, LIST_MAX], and the form the rest, at any window size, until the person
    drags the handle; from then on the form takes what the window gains or loses."""

    def __init__(self) -> None:
        # Not QSplitter(parent): resolving that overload against QSplitter(Qt.Orientation)
        # builds PySide6's Qt namespace (~40 ms) before the first paint.
        super().__init__()
        self.chosen = False  # the person has placed the handle
        self.splitterMoved.connect(self._moved)

    def list_width(self, total: int) -> int:
        return max(LIST_MIN, min(LIST_MAX, int(total * LIST_SHARE)))

    def share(self) -> None:
        total = self.width() - self.handleWidth()
        if self.count() == 2 and total > 0:
            first = min(self.list_width(total), total // 2)
            self.setSizes([first, total - first])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if not self.chosen:
            self.share()

    def _moved(self, *_: object) -> None:
        self.chosen = True
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
