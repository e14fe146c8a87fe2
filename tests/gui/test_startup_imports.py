"""What the main window's first frame may import: the heavy libraries only the state graph needs
(pyqtgraph, and numpy under it) come after the first paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_main_window_module_imports_neither_numpy_nor_pyqtgraph():
    code = ("import sys, trainer.gui.main_window, trainer.gui.launch; "
            "print(sorted(m for m in ('numpy', 'pyqtgraph', 'statistics') if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
