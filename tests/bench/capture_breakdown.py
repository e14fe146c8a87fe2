"""Where ``check --json`` spends its time on a capture, phase by phase, in one process.

Used by ``bench_capture_check --breakdown``. Each phase is timed over the same connections,
best of ``rounds``, with the collector set as the worker processes set it, so the figures add
up to what one worker does per connection. Reading is timed on the whole file, as every worker
reads the whole file.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from trainer.capture.check import CaptureSession, explain_connection
from trainer.capture.infer import (
    build_trace,
    greedy_placement,
    placement_notes,
    restore_send_order,
    unwrap,
)
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


def breakdown(path: Path, sample: int = 2000, rounds: int = 3) -> dict:
    """Seconds to read and group the whole file, and microseconds per connection for each
    phase, over the first ``sample`` connections."""
    read = _best(rounds, lambda: CaptureSession(path))
    session = CaptureSession(path, part=(0, 2))
    read_share = _best(rounds, lambda: CaptureSession(path, part=(0, 2)))
    conns = session.connections[:sample]
    gc.freeze()
    old = gc.get_threshold()
    gc.set_threshold(100_000, 20, 20)
    try:
        prepared = []

        def infer() -> None:
            prepared.clear()
            for conn in conns:
                packets = conn.records_list()
                u = unwrap(packets)
                packets, reordered, floors = restore_send_order(packets, u)
                if reordered:
                    u = unwrap(packets)
                placement = greedy_placement(packets, u, floors)
                trace, _ = build_trace(conn, session.origin, packets, placement)
                placement_notes(packets, placement, u)
                prepared.append(trace)

        def engine() -> None:
            for trace in prepared:
                check(trace)

        explained = [explain_connection(conn, session.origin) for conn in conns]

        def json_() -> None:
            for item in explained:
                render_json(item, "en")

        per = {name: _best(rounds, fn) * 1e6 / len(conns)
               for name, fn in (("infer", infer), ("engine", engine), ("json", json_))}
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
    return {"read": read, "read_share": read_share, "connections": len(session.connections) * 2,
            "per_connection_us": per}


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
