"""Make sure PySide6's None reference leak cannot abort the process while the diagram paints.

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a
``void`` C++ method (``QPainter.setPen``, ``QPainter.translate``...); painting one screenful of
the diagram makes thousands of them, and the interpreter aborts ("none_dealloc") once ``None``
runs out. ``trainer.gui.graph.none_guard`` (the state graph's) detects that and makes ``None``
effectively immortal, as Python 3.12 does; this module calls it, or does the same itself while
that module is not there.
"""

from __future__ import annotations

import sys


def guard() -> bool:
    try:
        from trainer.gui.graph.none_guard import guard_none_refcount
    except ImportError:  # pragma: no cover - the state graph's helper is not there
        return _local_guard()
    return guard_none_refcount()


_applied = False


def _local_guard() -> bool:  # pragma: no cover - same logic as trainer.gui.graph.none_guard
    global _applied
    if _applied or sys.version_info >= (3, 12):
        return _applied
    from PySide6.QtCore import QPointF

    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(8):
        point.setX(1.0)
    if before - sys.getrefcount(None) >= 4:
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
        _applied = True
    return _applied
