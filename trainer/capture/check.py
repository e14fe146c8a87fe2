"""Check every connection of a capture: read, group, infer what each host saw, replay.

Two passes keep memory bounded: the first reads the file once and packs each connection's
packets into a compact record buffer (``trainer.capture.connections``); the second unpacks,
explains and checks one connection at a time, so that a caller can stream the results
(``CaptureSession.checked``) instead of holding them all.

A file cut short in the middle of a packet (a killed tcpdump leaves exactly that) is still
checked up to the cut; ``CaptureSession.error`` then holds the located error, and the CLI
reports it and exits 2 after printing what it could check.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from trainer.capture.connections import CapturedConnection, group_connections
from trainer.capture.errors import CaptureFormatError, CaptureWarning
from trainer.capture.infer import (
    Placement,
    Unwrapped,
    build_trace,
    greedy_placement,
    placement_notes,
    restore_send_order,
    unwrap,
)
from trainer.capture.readers import open_capture
from trainer.capture.search import search_placement
from trainer.engine.checker import check
from trainer.engine.result import CheckResult
from trainer.engine.trace import Trace

#: progress(phase, done, total): phase "read" counts bytes, "check" counts connections.
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class CaptureConnection:
    """One checked connection. ``trace`` has every inferred arrival and loss explicit;
    ``result.inferred`` starts with what the placement inferred (losses, late arrivals)."""

    id: int
    endpoints: tuple[str, str]
    packets: int
    first_frame: int
    trace: Trace
    result: CheckResult
    frames: list[int] = field(default_factory=list)  # capture frame number of each segment
    explained: bool = True  # False: no placement makes the connection valid (see result)
    attempts: int = 0  # placements the search tried beyond the first


@dataclass(slots=True)
class CaptureReport:
    path: str
    format: str
    packets: int
    counts: dict[str, int]
    warnings: list[CaptureWarning]
    warning_count: int
    connections: list[CaptureConnection] = field(default_factory=list)
    error: CaptureFormatError | None = None


class CaptureSession:
    """A capture read and grouped into connections, ready to check one at a time.

    Raises ``CaptureFormatError`` when the file cannot be read as a capture at all."""

    def __init__(self, path: str | os.PathLike, progress: Progress | None = None,
                 part: tuple[int, int] | None = None) -> None:
        self.path = os.fspath(path)
        self.progress = progress
        self.error: CaptureFormatError | None = None
        with open_capture(self.path) as reader:
            self.format = reader.format
            size = max(reader.size, 1)

            def grouped(n: int) -> None:
                if progress is not None:
                    progress("read", min(reader.position, size), size)

            self.connections: list[CapturedConnection] = []
            seen: dict = {}
            try:
                group_connections(reader.tcp_packets(), grouped, into=self.connections,
                                  part=part, seen=seen)
            except CaptureFormatError as exc:
                # Cut short after a good start: keep what was read (see the module docstring).
                self.error = exc
            self.counts = dict(reader.counts)
            self.warnings = list(reader.warnings)
            self.warning_count = reader.warning_count
        if progress is not None:
            progress("read", size, size)
        self.packets = sum(c.count for c in self.connections)
        self.origin = seen.get("first_time",
                               min((c.first_time for c in self.connections), default=0.0))

    def check(self, index: int) -> CaptureConnection:
        return explain_connection(self.connections[index], self.origin)

    def checked(self, which: int | None = None) -> Iterator[CaptureConnection]:
        indices = range(len(self.connections)) if which is None else [which]
        total = len(indices)
        for done, index in enumerate(indices):
            yield self.check(index)
            if self.progress is not None:
                self.progress("check", done + 1, total)

    def report(self, which: int | None = None) -> CaptureReport:
        out = CaptureReport(self.path, self.format, self.packets, self.counts, self.warnings,
                            self.warning_count, error=self.error)
        out.connections.extend(self.checked(which))
        return out


#: Captures from this size on are read and checked by several processes (see parallel.py):
#: starting them costs ~50 ms, so small files are faster in one.
PARALLEL_FROM_BYTES = 4_000_000
WORKERS_ENV = "TCP_TRAINER_WORKERS"


def default_workers_for_size(size: int) -> int:
    """Worker processes for checking a capture of ``size`` bytes: one per CPU (at most 4), only
    on Linux (where fork is safe and cheap) and only for files big enough to gain;
    ``TCP_TRAINER_WORKERS`` wins."""
    forced = os.environ.get(WORKERS_ENV, "").strip()
    if forced.isdigit():
        return max(1, int(forced))
    if size < PARALLEL_FROM_BYTES or not sys.platform.startswith("linux"):
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(slots=True)
class Placed:
    """A connection's packets in sending order and the greedy placement of their arrivals, as
    a trace (``place_connection``): what the engine checks first."""

    packets: list
    u: Unwrapped
    reordered: list[dict]  # sent-before notes
    floors: dict[int, int]
    placement: Placement
    trace: Trace


def place_connection(conn: CapturedConnection, origin: float) -> Placed:
    """Restore the sending order and place every arrival by the greedy rules."""
    packets = conn.records_list()
    u = unwrap(packets)  # sequence numbers as plain integers, shared by the steps below
    packets, reordered, floors = restore_send_order(packets, u)
    if reordered:
        u = unwrap(packets)
    placement = greedy_placement(packets, u, floors)
    trace, _ = build_trace(conn, origin, packets, placement)
    return Placed(packets, u, reordered, floors, placement, trace)


def finish_connection(conn: CapturedConnection, origin: float, placed: Placed,
                      result: CheckResult) -> CaptureConnection:
    """Given the engine's ``result`` on ``placed.trace``: search for another placement if it
    is invalid, and say what was inferred."""
    packets, placement, trace = placed.packets, placed.placement, placed.trace
    attempts = 0
    explained = result.valid
    if not result.valid:
        found = search_placement(conn, origin, packets, placement, result, placed.floors)
        attempts = found.attempts
        if found.trace is not None:
            trace, result, placement = found.trace, found.result, found.placement
        explained = result.valid
    result.inferred[:0] = placed.reordered + placement_notes(packets, placement, placed.u)
    return CaptureConnection(conn.id, conn.endpoints, conn.count, conn.first_frame, trace, result,
                             [p[0] for p in packets], explained, attempts)


def explain_connection(conn: CapturedConnection, origin: float) -> CaptureConnection:
    """Place every arrival (greedy, then a bounded search if the engine objects) and check."""
    placed = place_connection(conn, origin)
    return finish_connection(conn, origin, placed, check(placed.trace))


def check_capture(path: str | os.PathLike, connection: int | None = None,
                  progress: Progress | None = None) -> CaptureReport:
    """Read ``path`` and check its connections (or only connection number ``connection``)."""
    return CaptureSession(path, progress).report(connection)
