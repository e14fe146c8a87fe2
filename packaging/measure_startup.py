"""Start-up of the frozen app against ``python -m trainer`` (wall time, no target asserted).

    python packaging/measure_startup.py dist/tcp-trainer [--runs 5]

Times ``--version`` (interpreter and CLI start-up) and ``render`` of a built-in scenario to a
PNG offscreen (Qt, the main window, first full paint) for both, run after run, and prints the
first run and the median of the rest. The first run after a build is the nearest to a cold start
this can measure without dropping the system's file cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCENARIO = REPO / "resources" / "scenarios" / "four-way-close-client-first.tcpt"


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    frozen = [str(args.bundle.resolve() / "tcp-trainer")]
    source = [sys.executable, "-m", "trainer"]
    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=work,
                   PYTHONPATH=str(REPO))
        png = str(Path(work) / "out.png")
        cases = {
            "--version": ["--version"],
            "render 1280x800": ["render", str(SCENARIO), "-o", png, "--lang", "en"],
        }
        print(f"{'':36}{'first':>8}{'median':>8}   (seconds, {args.runs} runs)")
        for label, extra in cases.items():
            for name, base in (("frozen", frozen), ("python -m trainer", source)):
                times = [timed(base + extra, env) for _ in range(args.runs)]
                rest = times[1:] or times
                print(f"{name + ' ' + label:36}{times[0]:8.2f}{statistics.median(rest):8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
