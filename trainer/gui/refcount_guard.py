"""Work around a reference-count bug of PySide6 6.12.0 on Python 3.11.

Measured here (PySide6-Essentials 6.12.0, shiboken6 6.12.0, CPython 3.11.7): every call of a
method that returns ``void`` in C++ (``QFont.setBold``, ``QPainter.setPen``, ``QPointF.setX``...)
hands back ``None`` without taking a reference to it, and a signal that carries a ``bool``
(``emit(True)``) drops a reference to ``True``/``False`` the same way. From Python 3.12 on these
singletons are immortal (PEP 683) and that is harmless; on 3.11 each such call drops one
reference, and after a few thousand (``None`` starts with about 5,000) the interpreter aborts
with "Fatal Python error: none_dealloc: deallocating None" (or ``bool_dealloc``), often only at
exit. Painting a pyqtgraph view makes hundreds of such calls.

``guard_singleton_refcounts()`` detects the bug with eight harmless calls and, only if they
leak, gives ``None``, ``True`` and ``False`` a reference count no program can exhaust — what
3.12 does by design. It runs in ``create_application`` (and the GUI tests' conftest), before
any painting; pyproject.toml also excludes 6.12.0, so normally it finds nothing to do. A no-op on
Python >= 3.12 or with a PySide6 that does not leak.
"""

from __future__ import annotations

import sys

_applied = False


def guard_singleton_refcounts() -> bool:
    """Apply the guard if this PySide6 leaks references to None; True if it is in place."""
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

        for singleton in (None, True, False):
            # ob_refcnt is the first field of every PyObject (non-debug CPython builds).
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 48
        _applied = True
    return _applied
