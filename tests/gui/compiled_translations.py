"""Is a committed ``.qm`` what ``lrelease`` makes of its ``.ts`` today? Compared by content:
file times say nothing after a fresh clone, which writes files in whatever order git picks.
The compile is ``packaging/update_translations.py``'s own."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def update_translations():
    """``packaging/update_translations.py`` as a module (``packaging`` is not a package)."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import update_translations
    finally:
        sys.path.pop(0)
    return update_translations


def qm_is_current(ts: Path, qm: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = update_translations().lrelease(ts, Path(tmp) / qm.name)
        return fresh.read_bytes() == qm.read_bytes()
