"""Entry script of the frozen app: the same as the ``tcp-trainer`` command.

PyInstaller puts the entry script's folder on the module search path, so the script lives here
rather than in ``trainer/`` (whose modules would then also be importable under bare names).
"""

import multiprocessing
import sys

from trainer.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a no-op with "fork"; needed if a spawned worker is ever used
    sys.exit(main())
