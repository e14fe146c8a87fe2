"""Where ``check --json`` spends its time on a capture, phase by phase, in one process.

Used by ``bench_capture_check --breakdown``. The phases are timed connection by connection
over one worker's share, with the collector set as the worker processes set it, so the figures
add up to what one worker does. Reading is timed on the whole file too: every worker reads it.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from trainer.capture.check import CaptureSession, finish_connection, place_connection
from trainer.cli_capture import render_json
from trainer.engine.checker import check

PHASES = ("infer", "engine", "json")


def _best(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def breakdown(path: Path, rounds: int = 3) -> dict:
    """Seconds to read and group the whole file (best of ``rounds``), and microseconds per
    connection for each phase, timed in one pass over one worker's half of the connections
    (each phase right after the one before, as a worker runs them: re-running the same
    connections would flatter every phase)."""
    read = _best(rounds, lambda: CaptureSession(path))
    read_share = _best(rounds, lambda: CaptureSession(path, part=(0, 2)))
    session = CaptureSession(path, part=(0, 2))
    conns = session.connections
    clock = time.perf_counter
    spent = dict.fromkeys(PHASES, 0.0)
    gc.freeze()
    old = gc.get_threshold()
    gc.set_threshold(100_000, 20, 20)  # as the workers set it (parallel.py)
    try:
        for conn in conns:
            t0 = clock()
            placed = place_connection(conn, session.origin)
            t1 = clock()
            result = check(placed.trace)
            t2 = clock()
            checked = finish_connection(conn, session.origin, placed, result)
            t3 = clock()
            render_json(checked, "en")
            t4 = clock()
            spent["infer"] += (t1 - t0) + (t3 - t2)  # the placement, then what it inferred
            spent["engine"] += t2 - t1
            spent["json"] += t4 - t3
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
    return {"read": read, "read_share": read_share, "connections": len(conns) * 2,
            "per_connection_us": {name: spent[name] * 1e6 / len(conns) for name in PHASES}}


def report(figures: dict, workers: int, tshark: float | None) -> list[str]:
    per = figures["per_connection_us"]
    total = sum(per.values())
    phases = ", ".join(f"{name} {per[name]:.0f} us" for name in PHASES)
    lines = [f"one process, per connection: {phases}; sum {total:.0f} us",
             (f"reading and grouping the whole file: {figures['read']:.2f} s; "
              f"one worker's half share: {figures['read_share']:.2f} s")]
    if tshark:
        n = figures["connections"]
        checking = total * n / 1e6 / workers
        lines.append(
            f"with {workers} workers: reading {figures['read_share']:.2f} s + checking "
            f"{checking:.2f} s per worker = {figures['read_share'] + checking:.2f} s before "
            f"start-up; tshark {tshark:.2f} s")
        lines.append(
            f"for a ratio below 1.0, the three phases would need to fit in "
            f"{max(tshark - figures['read_share'], 0) * 1e6 * workers / n:.0f} us per connection")
    return lines
