"""Check a big capture in several processes, each reading the whole file but keeping only its
share of the 4-tuples, so that reading and grouping run in parallel too (a single reader was a
third of the time of ``check --json`` on a 200k-packet file).

Each worker (forked, Linux only) reads, groups its share, checks it and sends back what
``render`` makes of each connection, in chunks, in its own first-packet order. The parent merges
the workers' streams by first frame, so the connections come out numbered exactly as
``CaptureSession`` numbers them. ``render(connection)`` must return ``(valid, text)`` where
``text`` does not contain the connection's number; ``number(text, id)`` (the caller's) adds it.
"""

from __future__ import annotations

import gc
import heapq
import multiprocessing
import queue as queue_module
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from trainer.capture.check import CaptureSession
from trainer.capture.errors import CaptureFormatError, CaptureWarning

CHUNK = 256  # connections per message from a worker
POLL = 0.5  # seconds between liveness checks while waiting for a worker


@dataclass(slots=True)
class Summary:
    """What the first worker read besides its connections: the whole file's counts."""

    format: str = ""
    packets: int = 0
    counts: dict = field(default_factory=dict)
    warnings: list[CaptureWarning] = field(default_factory=list)
    warning_count: int = 0
    error: CaptureFormatError | None = None
    connections: int = 0


class WorkerFailed(RuntimeError):
    """A worker process died or raised; carries its traceback text."""


def _work(path: str, share: int, shares: int, render: Callable, out) -> None:
    try:
        session = CaptureSession(path, part=(share, shares))
        # The grouped packets live until the worker ends: keep the collector from rescanning
        # them every time the checks' short-lived objects trigger a full collection.
        gc.freeze()
        # Checking allocates millions of short-lived tuples and makes no reference cycles
        # worth hunting for: collect young objects rarely.
        gc.set_threshold(100_000, 20, 20)
        summary = None
        if share == 0:
            summary = Summary(session.format, session.counts.get("tcp", 0), session.counts,
                              session.warnings, session.warning_count, session.error)
        out.put(("ready", len(session.connections), summary))
        chunk = []
        for index, conn in enumerate(session.connections):
            result = session.check(index)
            valid, text = render(result)
            chunk.append((conn.first_frame, valid, text))
            if len(chunk) >= CHUNK:
                out.put(("items", chunk))
                chunk = []
        if chunk:
            out.put(("items", chunk))
        out.put(("done",))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        out.put(("failed", traceback.format_exc()))


def check_in_parallel(path: str, render: Callable, workers: int,
                      progress: Callable[[str, int, int], None] | None = None
                      ) -> tuple[Summary, Iterator[tuple[int, bool, str]]]:
    """Start the workers; return the whole file's summary (once every worker has read its
    share) and an iterator of ``(number, valid, text)`` in connection order."""
    ctx = multiprocessing.get_context("fork")
    queues = [ctx.Queue(maxsize=64) for _ in range(workers)]
    procs = [ctx.Process(target=_work, args=(path, i, workers, render, queues[i]), daemon=True)
             for i in range(workers)]
    for proc in procs:
        proc.start()
    summary = None
    total = 0
    try:
        for i in range(workers):
            message = _get(queues[i], procs[i])
            if message[0] != "ready":
                raise WorkerFailed(message[1] if len(message) > 1 else "worker failed")
            total += message[1]
            if message[2] is not None:
                summary = message[2]
    except BaseException:
        _stop(procs)
        raise
    summary.connections = total

    def stream(i: int) -> Iterator[tuple[int, bool, str]]:
        while True:
            message = _get(queues[i], procs[i])
            if message[0] == "items":
                yield from message[1]
            elif message[0] == "done":
                return
            else:
                raise WorkerFailed(message[1])

    def numbered() -> Iterator[tuple[int, bool, str]]:
        try:
            for number, (_frame, valid, text) in enumerate(
                    heapq.merge(*(stream(i) for i in range(workers)), key=lambda item: item[0])):
                if progress is not None and number % CHUNK == 0:
                    progress("check", number, total)
                yield number, valid, text
            if progress is not None:
                progress("check", total, total)
        finally:
            _stop(procs)

    return summary, numbered()


def _get(q, proc):
    while True:
        try:
            return q.get(timeout=POLL)
        except queue_module.Empty:
            if not proc.is_alive():
                try:
                    return q.get(timeout=POLL)  # it may have sent its last words and exited
                except queue_module.Empty:
                    raise WorkerFailed(f"worker process exited with code {proc.exitcode}") from None


def _stop(procs) -> None:
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(timeout=5)
