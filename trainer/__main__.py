"""``python -m trainer``: the same as the ``tcp-trainer`` command."""

import sys

from trainer.cli import main

if __name__ == "__main__":
    sys.exit(main())
