"""``tcp-trainer check --json`` on a 200k-packet capture, side by side with tshark (issue 4).

Generates 20,000 complete connections (handshake, data both ways, four-way close: 200,000
packets), then times, alternately and best of ``ROUNDS``:

- ``python -m trainer check FILE --json > /dev/null``
- ``tshark -r FILE -q -z conv,tcp > /dev/null``

and samples the memory of our process tree (parent and worker processes, proportional set size
so that pages shared after fork count once) every 20 ms. Prints both times, the ratio (target
< 1.0) and our peak memory (target <= 300 MB). Run: ``python -m tests.bench.bench_capture_check``
(add ``--connections N`` for a smaller file, ``--workers N`` to force the worker count,
``--breakdown`` for the time of each phase per connection).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.bench.bench_capture_read import CONNECTIONS, generate

ROUNDS = 3
LAST_CPU = [0.0]
MEMORY_TARGET_MB = 300


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds() -> float:
    """User and system time of every finished descendant (workers included, once waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """(seconds, peak MB of the process tree, exit code); the CPU seconds it used go to
    ``LAST_CPU[0]``."""
    peak = 0
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            total = _pss_kb(proc.pid) + sum(_pss_kb(c) for c in _children(proc.pid))
            peak = max(peak, total)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    LAST_CPU[0] = _cpu_seconds() - cpu_before
    done.set()
    sampler.join()
    return elapsed, peak / 1024, code


def ours_command(path: Path) -> list[str]:
    return [sys.executable, "-m", "trainer", "check", str(path), "--json", "--lang", "en"]


def tshark_command(path: Path) -> list[str]:
    return ["tshark", "-r", str(path), "-q", "-z", "conv,tcp"]


def compare(path: Path, rounds: int = ROUNDS, workers: int | None = None) -> dict:
    # An installed tcp-trainer starts from byte-compiled modules (pip compiles them): so must
    # the run measured here, even where PYTHONDONTWRITEBYTECODE keeps Python from caching them.
    import trainer

    compileall.compile_dir(Path(trainer.__file__).parent, quiet=1)
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(Path(__file__).resolve().parents[2]))
    if workers is not None:
        env["TCP_TRAINER_WORKERS"] = str(workers)
    ours, theirs, peak = [], [], 0.0
    for _ in range(rounds):
        seconds, mb, code = run_measured(ours_command(path), env)
        assert code == 0, f"check exited {code}"
        ours.append((seconds, LAST_CPU[0]))
        peak = max(peak, mb)
        if shutil.which("tshark"):
            seconds, _, code = run_measured(tshark_command(path))
            assert code == 0, f"tshark exited {code}"
            theirs.append((seconds, LAST_CPU[0]))
    best_ours, best_theirs = min(ours), min(theirs) if theirs else (None, None)
    return {"ours": best_ours[0], "ours_cpu": best_ours[1], "tshark": best_theirs[0],
            "tshark_cpu": best_theirs[1], "peak_mb": peak}


@pytest.mark.skipif(shutil.which("tshark") is None, reason="tshark is not installed")
def test_bench_check_capture_against_tshark(tmp_path):
    path = tmp_path / "200k.pcap"
    generate(path)
    figures = compare(path, rounds=1)
    print(f"\nours {figures['ours']:.2f} s, tshark {figures['tshark']:.2f} s, "
          f"ratio {figures['ours'] / figures['tshark']:.2f}, peak {figures['peak_mb']:.0f} MB")
    assert figures["peak_mb"] > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=CONNECTIONS)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--breakdown", action="store_true",
                        help="also time each phase in one process (see capture_breakdown.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "capture.pcap"
        n = generate(path, args.connections)
        print(f"capture: {args.connections} connections, {n} packets, "
              f"{path.stat().st_size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.2f}")
        figures = compare(path, args.rounds, args.workers)
        print(f"tcp-trainer check --json : {figures['ours']:.2f} s (best of {args.rounds}), "
              f"peak memory {figures['peak_mb']:.0f} MB (target <= {MEMORY_TARGET_MB} MB)")
        if figures["tshark"] is None:
            print("tshark not installed: no ratio")
            return
        print(f"tshark -q -z conv,tcp    : {figures['tshark']:.2f} s (best of {args.rounds})")
        print(f"ratio ours/tshark        : {figures['ours'] / figures['tshark']:.2f} (target < 1.0)")
        print(f"CPU seconds (all processes, same runs): ours {figures['ours_cpu']:.2f}, "
              f"tshark {figures['tshark_cpu']:.2f}")
        if args.breakdown:
            from tests.bench.capture_breakdown import breakdown, report
            from trainer.capture.check import default_workers_for_size

            workers = args.workers or default_workers_for_size(path.stat().st_size)
            for line in report(breakdown(path), workers, figures["tshark"]):
                print(line)


if __name__ == "__main__":
    main()
