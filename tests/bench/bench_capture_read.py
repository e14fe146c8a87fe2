"""Benchmark: reading and decoding a 200,000-packet pcap (``trainer.capture``).

The capture is generated with the test writer (``tests/capture/pcapwriter.py``): 20,000
complete IPv4/Ethernet connections of 10 segments each (handshake with options, a request and
a response with Linux-style timestamp options, ACKs, both FINs), interleaved, written once to
a temporary file. Two figures are reported:

* records/s: framing only (``for record in capture``);
* packets/s: framing plus link/IP/TCP header decoding (``capture.tcp_packets()``).

Run it either way:

    pytest tests/bench/bench_capture_read.py --benchmark-only
    python -m tests.bench.bench_capture_read          # plain: prints both rates

Target: 500,000 decoded packets/s.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.capture import pcapwriter as w
from trainer.capture import open_capture

CONNECTIONS = 20_000
TARGET = 500_000  # decoded packets per second


def connection_frames(i: int) -> list[bytes]:
    a = f"10.{(i >> 8) & 255}.{i & 255}.1"
    b = "192.0.2.80"
    cp, sp = 10_000 + i % 50_000, 80
    x, y = 1000 + i, 900_000 + i
    ts = (i, i + 1)
    segs = [
        (a, b, w.tcp(cp, sp, x, 0, 0x02, mss=1460, sack_permitted=True, timestamps=ts, wscale=7)),
        (b, a, w.tcp(sp, cp, y, x + 1, 0x12, mss=1460, sack_permitted=True, timestamps=ts, wscale=7)),
        (a, b, w.tcp(cp, sp, x + 1, y + 1, 0x10, timestamps=ts)),
        (a, b, w.tcp(cp, sp, x + 1, y + 1, 0x18, timestamps=ts, payload=b"G" * 100)),
        (b, a, w.tcp(sp, cp, y + 1, x + 101, 0x10, timestamps=ts)),
        (b, a, w.tcp(sp, cp, y + 1, x + 101, 0x18, timestamps=ts, payload=b"R" * 400)),
        (a, b, w.tcp(cp, sp, x + 101, y + 401, 0x10, timestamps=ts)),
        (a, b, w.tcp(cp, sp, x + 101, y + 401, 0x11, timestamps=ts)),
        (b, a, w.tcp(sp, cp, y + 401, x + 102, 0x11, timestamps=ts)),
        (a, b, w.tcp(cp, sp, x + 102, y + 402, 0x10, timestamps=ts)),
    ]
    return [w.ethernet(w.ipv4(src, dst, seg)) for src, dst, seg in segs]


def generate(path: Path, connections: int = CONNECTIONS) -> int:
    """Write the capture (10 connections in flight at a time); returns the packet count."""
    records = []
    t = 1_700_000_000.0
    for start in range(0, connections, 10):
        frames = [connection_frames(i) for i in range(start, min(start + 10, connections))]
        for step in range(10):
            for conn in frames:
                t += 0.00001
                records.append((t, conn[step]))
    path.write_bytes(w.pcap(records, snaplen=262144))
    return len(records)


def read_records(path) -> int:
    n = 0
    with open_capture(path) as capture:
        for _ in capture:
            n += 1
    return n


def decode_packets(path) -> int:
    n = 0
    with open_capture(path) as capture:
        for _ in capture.tcp_packets():
            n += 1
    return n


@pytest.fixture(scope="module")
def capture_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "200k.pcap"
    generate(path)
    return path


def test_bench_read_records(benchmark, capture_file):
    assert benchmark(read_records, capture_file) == CONNECTIONS * 10


def test_bench_decode_tcp(benchmark, capture_file):
    assert benchmark(decode_packets, capture_file) == CONNECTIONS * 10


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "200k.pcap"
        n = generate(path)
        size = os.path.getsize(path)
        print(f"capture: {n} packets, {size / 1e6:.1f} MB")
        for label, fn in (("records (framing only)", read_records),
                          ("TCP packets (decoded)", decode_packets)):
            best = min(_timed(fn, path) for _ in range(3))
            print(f"{label:24s} {n / best:12,.0f} /s  ({best * 1000:.0f} ms)")
        print(f"target: {TARGET:,} decoded packets/s")


def _timed(fn, path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
