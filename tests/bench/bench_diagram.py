"""Benchmark: open a 20,000-segment connection in the sequence diagram and scroll through it.

Not a timed unit test: run it directly (``python tests/bench/bench_diagram.py``) or with
``pytest -m bench tests/bench/bench_diagram.py -s``. It prints the figures: the time to open
(document + view + first paint) and, per scroll step, the time to scroll and paint the whole
viewport offscreen (``viewport().render`` into an image). The target is no step above 50 ms.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics
import time

import pytest

from trainer.engine.trace import Flag, HostSpec, Segment, Trace

TARGET_MS = 50.0


def big_trace(n_segments: int = 20_000) -> Trace:
    """A handshake, request/response data in both directions, a close; n_segments in all."""
    ev = [Segment("A", 0.0, 0.02, Flag.SYN, 1000),
          Segment("B", 0.02, 0.04, Flag.SYN | Flag.ACK, 5000, 1001),
          Segment("A", 0.04, 0.06, Flag.ACK, 1001, 5001)]
    a, b, t = 1001, 5001, 0.06
    while len(ev) < n_segments - 4:
        ev.append(Segment("A", t, t + 0.02, Flag.ACK | Flag.PSH, a, b, length=100))
        a += 100
        ev.append(Segment("B", t + 0.01, t + 0.03, Flag.ACK | Flag.PSH, b, a - 100, length=200))
        b += 200
        t += 0.04
    ev += [Segment("A", t, t + 0.02, Flag.FIN | Flag.ACK, a, b),
           Segment("B", t + 0.02, t + 0.04, Flag.ACK, b, a + 1),
           Segment("B", t + 0.05, t + 0.07, Flag.FIN | Flag.ACK, b, a + 1),
           Segment("A", t + 0.07, t + 0.09, Flag.ACK, a + 1, b + 1)]
    return Trace(hosts={"A": HostSpec("client", "client"), "B": HostSpec("server", "server")}, events=ev)


def run(n_segments: int = 20_000, steps: int = 120, width: int = 1000, height: int = 760) -> dict:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from trainer.gui.diagram import SequenceDiagramView
    from trainer.gui.document import TraceDocument

    app = QApplication.instance() or QApplication([])
    trace = big_trace(n_segments)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)

    def paint(view) -> None:
        view.viewport().render(image)

    started = time.perf_counter()
    doc = TraceDocument(trace)
    checked = time.perf_counter()
    view = SequenceDiagramView(doc)
    view.resize(width, height)
    view.show()
    app.processEvents()
    paint(view)
    opened = time.perf_counter()
    figures = {
        "segments": len(trace.events),
        "check_ms": (checked - started) * 1000,
        "open_view_ms": (opened - checked) * 1000,
        "open_total_ms": (opened - started) * 1000,
    }

    def scroll_through(label: str) -> None:
        bar = view.verticalScrollBar()
        maximum = bar.maximum()
        times = []
        items = []
        for k in range(1, steps + 1):
            value = maximum * k // steps
            t0 = time.perf_counter()
            bar.setValue(value)
            paint(view)
            times.append((time.perf_counter() - t0) * 1000)
            items.append(len(view.items_in_view()))
        # small steps too: a wheel notch at a time, somewhere in the middle
        bar.setValue(maximum // 2)
        for _ in range(40):
            t0 = time.perf_counter()
            bar.setValue(bar.value() + bar.singleStep() * 3)
            paint(view)
            times.append((time.perf_counter() - t0) * 1000)
            items.append(len(view.items_in_view()))
        figures[label] = {
            "steps": len(times), "max_ms": max(times), "median_ms": statistics.median(times),
            "p95_ms": sorted(times)[int(len(times) * 0.95) - 1], "max_items": max(items),
            "overview": view.is_overview(),
        }

    scroll_through("scroll_default_zoom")
    for _ in range(8):
        view.zoom_out()
    scroll_through("scroll_zoomed_out")
    for _ in range(12):
        view.zoom_out()
    scroll_through("scroll_overview")
    t0 = time.perf_counter()
    view.zoom_fit()
    paint(view)
    figures["zoom_fit_ms"] = (time.perf_counter() - t0) * 1000
    view.close()
    return figures


def report(figures: dict) -> str:
    lines = [f"segments: {figures['segments']}",
             f"open: check {figures['check_ms']:.0f} ms + view and first paint "
             f"{figures['open_view_ms']:.0f} ms = {figures['open_total_ms']:.0f} ms"]
    for key in ("scroll_default_zoom", "scroll_zoomed_out", "scroll_overview"):
        f = figures[key]
        lines.append(f"{key}: {f['steps']} steps, median {f['median_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms, "
                     f"max {f['max_ms']:.1f} ms per scroll step (items <= {f['max_items']}, "
                     f"overview={f['overview']})")
    lines.append(f"zoom to fit + paint: {figures['zoom_fit_ms']:.0f} ms")
    return "\n".join(lines)


@pytest.mark.bench
def test_bench_diagram_20k(qapp):
    figures = run()
    print("\n" + report(figures))
    worst = max(figures[k]["max_ms"] for k in ("scroll_default_zoom", "scroll_zoomed_out", "scroll_overview"))
    print(f"worst scroll step: {worst:.1f} ms (target {TARGET_MS:.0f} ms)")


if __name__ == "__main__":
    print(report(run()))
