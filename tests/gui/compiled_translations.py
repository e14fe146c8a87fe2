"""Is a committed ``.qm`` what ``lrelease`` makes of its ``.ts`` today? Compared by content:
file times say nothing after a fresh clone, which writes files in whatever order git picks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name(
        "pyside6-lrelease"))
    assert Path(found).exists(), "pyside6-lrelease (PySide6-Essentials) is missing"
    return found


def qm_is_current(ts: Path, qm: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / qm.name
        subprocess.run([lrelease(), str(ts), "-qm", str(fresh)], check=True,
                       capture_output=True)
        return fresh.read_bytes() == qm.read_bytes()
