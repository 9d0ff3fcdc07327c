"""Qt widgets and layouts made by Qt itself rather than by a Python constructor.

An object a Python constructor makes is Qt's class with a Python layer over it: the
constructor looks through the class for signals (hundreds of names), and the first call of
each of its virtual functions (events, sizes, painting: dozens) asks Python whether it was
overridden. A form of 300 fields has a thousand plain line edits, labels, buttons and
layouts; made by Qt (QUiLoader's factory) each is the plain C++ class, and Python only
holds a reference to it: about half the cost. A class that overrides something in Python
(ReadingLabel, PasteLineEdit, …) is made by its constructor as usual.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QLayout, QWidget

try:
    from PySide6.QtUiTools import QUiLoader
except ImportError:  # pragma: no cover - a build without it: each class's own constructor
    QUiLoader = None  # type: ignore[assignment,misc]

W = TypeVar("W", bound=QWidget)
L = TypeVar("L", bound=QLayout)

_loader: list[QUiLoader] = []  # made on first use (after the application)


def _factory() -> QUiLoader | None:
    if not _loader and QUiLoader is not None:
        _loader.append(QUiLoader())
    return _loader[0] if _loader else None


def prepare_factory() -> None:
    """Make the factory now (~10 ms: Qt's UI loader looks for plugins), not with the first
    form (see ui.warm_up)."""
    _factory()


def plain(cls: type[W], parent: QWidget | None = None, text: str | None = None) -> W:
    """A ``cls`` (a Qt widget class, not a Python subclass) with ``parent``, and ``text``."""
    factory = _factory()
    widget = factory.createWidget(cls.__name__, parent) if factory else cls(parent)
    if text is not None:
        widget.setText(text)
    return widget  # type: ignore[return-value]


def plain_layout(cls: type[L], parent: QWidget | None = None) -> L:
    """A ``cls`` layout (QHBoxLayout, QVBoxLayout, QGridLayout), ``parent``'s if given."""
    factory = _factory()
    if factory is None:
        return cls(parent) if parent is not None else cls()
    return factory.createLayout(cls.__name__, parent)  # type: ignore[return-value]
