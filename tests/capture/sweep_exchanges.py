"""Real exchanges over an unreliable wire: the tun pair of make_real_captures.sh with the delay
line reordering, duplicating and dropping packets (seeded). Run by make_sweep_captures.sh.

For each seed, every scenario below runs once (its own server port) while tcpdump captures at
the client's tun (``SEED.client.pcap``), at the server's tun (``SEED.server.pcap``) and the
delay line records the middle of the wire (``SEED.middle.pcap``). What the wire did is printed
and written to ``SEED.json``.

    python3 sweep_exchanges.py OUTDIR SEED [SEED ...] [--only SCENARIO,...] [--jitter S]
        [--loss P] [--duplicate P] [--delay S]                     (root; namespaces must exist)
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from real_exchanges import (  # noqa: E402
    NS_TC,
    NS_TD,
    READY,
    SNAPLEN,
    TC,
    TD,
    DelayLine,
    PcapTap,
    expect_eof,
    listener,
    open_tun,
    recv_exactly,
    tcp_socket,
)

TIMEOUT = 30.0


def connect(sport: int, rcvbuf: int | None = None, srv_rcvbuf: int | None = None):
    srv = listener(NS_TD, TD, sport)
    if srv_rcvbuf:
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, srv_rcvbuf)
    c = tcp_socket(NS_TC, TC, 0)
    if rcvbuf:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    c.settimeout(TIMEOUT)
    c.connect((TD, sport))
    s, _ = srv.accept()
    s.settimeout(TIMEOUT)
    srv.close()
    return c, s


def in_thread(fn, *args):
    box = {}

    def run():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - reported by join
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()

    def join():
        t.join(TIMEOUT + 5)
        if "error" in box:
            raise box["error"]
        return box.get("value")
    return join


def drain(s: socket.socket) -> int:
    n = 0
    while chunk := s.recv(65536):
        n += len(chunk)
    return n


# ---- scenarios: each takes (port, rng) -----------------------------------------------------

def upload(port, rng, size=None):
    size = size or rng.choice([3000, 20000, 80000, 200000])
    c, s = connect(port)
    got = in_thread(drain, s)
    c.sendall(b"u" * size)
    c.shutdown(socket.SHUT_WR)
    assert got() == size
    s.sendall(b"done")
    s.close()
    assert recv_exactly(c, 4) == b"done"
    expect_eof(c)
    c.close()
    return f"upload {size}"


def download(port, rng, size=None):
    size = size or rng.choice([3000, 20000, 80000, 200000])
    c, s = connect(port)
    c.sendall(b"get")
    recv_exactly(s, 3)
    done = in_thread(lambda: (s.sendall(b"d" * size), s.close()))
    assert drain(c) == size
    done()
    c.close()
    return f"download {size}"


def request_response(port, rng):
    rounds = rng.randint(3, 12)
    c, s = connect(port)
    for _ in range(rounds):
        q = rng.randint(1, 3000)
        a = rng.randint(1, 6000)
        c.sendall(struct.pack("!I", a) + b"q" * q)
        (want,) = struct.unpack("!I", recv_exactly(s, 4))
        recv_exactly(s, q)
        s.sendall(b"a" * want)
        recv_exactly(c, a)
        if rng.random() < 0.3:
            time.sleep(rng.uniform(0.0, 0.1))
    order = rng.choice(["client", "server"])
    first, other = (c, s) if order == "client" else (s, c)
    first.close()
    expect_eof(other)
    other.close()
    return f"request/response x{rounds}, {order} closes first"


def half_close(port, rng):
    c, s = connect(port)
    c.sendall(b"request" * rng.randint(1, 400))
    c.shutdown(socket.SHUT_WR)
    drain(s)
    for _ in range(rng.randint(1, 4)):
        s.sendall(b"r" * rng.randint(1, 5000))
        time.sleep(rng.uniform(0, 0.05))
    s.close()
    drain(c)
    c.close()
    return "half close"


def simultaneous_close(port, rng):
    c, s = connect(port)
    c.sendall(b"hello")
    recv_exactly(s, 5)
    s.sendall(b"world")
    recv_exactly(c, 5)
    time.sleep(0.1)
    c.close()
    s.close()
    time.sleep(0.3)
    return "simultaneous close"


def close_with_data_in_flight(port, rng):
    """The server sends and closes at once while the client closes too (FINs cross data)."""
    c, s = connect(port)
    c.sendall(b"x" * rng.randint(1, 4000))
    s.sendall(b"y" * rng.randint(1, 4000))
    time.sleep(0.05)
    s.close()
    c.close()
    time.sleep(0.3)
    return "close with data in flight"


def abort(port, rng):
    c, s = connect(port)
    who = rng.choice(["client", "server"])
    c.sendall(b"a" * rng.randint(1, 30000))
    time.sleep(rng.uniform(0, 0.05))
    victim, other = (c, s) if who == "client" else (s, c)
    victim.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    victim.close()
    try:
        while other.recv(65536):
            pass
    except (ConnectionResetError, socket.timeout):
        pass
    other.close()
    return f"abort by {who}"


def rst_closed_port(port, rng):
    c = tcp_socket(NS_TC, TC, 0)
    c.settimeout(TIMEOUT)
    try:
        c.connect((TD, port))
        raise RuntimeError("connect to a closed port succeeded")
    except ConnectionRefusedError:
        pass
    c.close()
    return "rst to closed port"


def keepalive(port, rng):
    c, s = connect(port)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.sendall(b"ping")
    recv_exactly(s, 4)
    time.sleep(2.6)
    c.close()
    expect_eof(s)
    s.close()
    return "keepalive"


def zero_window(port, rng):
    """A small receive buffer and a reader that stops: window updates, zero window, probes."""
    c, s = connect(port, srv_rcvbuf=2048)
    size = rng.choice([20000, 60000])
    sent = in_thread(lambda: (c.sendall(b"z" * size), c.shutdown(socket.SHUT_WR)))
    time.sleep(rng.uniform(0.3, 0.8))  # the window closes; the client probes
    n = 0
    while chunk := s.recv(rng.choice([512, 4096])):
        n += len(chunk)
        if rng.random() < 0.05:
            time.sleep(0.2)
    assert n == size
    sent()
    s.close()
    expect_eof(c)
    c.close()
    return f"zero window {size}"


SCENARIOS = {
    "upload": upload,
    "download": download,
    "request_response": request_response,
    "half_close": half_close,
    "simultaneous_close": simultaneous_close,
    "close_with_data_in_flight": close_with_data_in_flight,
    "abort": abort,
    "rst_closed_port": rst_closed_port,
    "keepalive": keepalive,
    "zero_window": zero_window,
}


class Tcpdump:
    def __init__(self, ns: str, path: Path):
        self.path = path
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", ns, "tcpdump", "-i", "tt0", "-w", str(path), "-U",
             "--immediate-mode", "-s", str(SNAPLEN), "-n", "-Z", "root", "tcp"],
            stderr=subprocess.PIPE, text=True)
        for line in self.proc.stderr:
            if READY["tcpdump"] in line:
                break
        time.sleep(0.3)

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        self.proc.communicate(timeout=10)


def run_seed(out: Path, seed: int, args) -> dict:
    rng = random.Random(seed)
    tap = PcapTap(out / f"{seed}.middle.pcap")
    dumps = [Tcpdump(NS_TC, out / f"{seed}.client.pcap"), Tcpdump(NS_TD, out / f"{seed}.server.pcap")]
    line = DelayLine(open_tun(NS_TC, "tt0"), open_tun(NS_TD, "tt0"), args.delay,
                     jitter=args.jitter, loss=args.loss, duplicate=args.duplicate, seed=seed,
                     tap=tap)
    line.start()
    log = []
    try:
        names = args.only.split(",") if args.only else list(SCENARIOS)
        for k, name in enumerate(names * args.repeat):
            port = 51000 + (seed % 50) * 100 + k
            t0 = time.monotonic()
            try:
                what = SCENARIOS[name](port, rng)
                status = "ok"
            except Exception as exc:  # noqa: BLE001 - a scenario that fails is still captured
                what, status = name, f"failed: {exc!r}"
            log.append({"port": port, "scenario": what, "status": status,
                        "seconds": round(time.monotonic() - t0, 2)})
            print(f"seed {seed} port {port}: {what} [{status}]", flush=True)
        time.sleep(0.5)
    finally:
        line.stop()
        for d in dumps:
            d.stop()
    record = {"seed": seed, "delay": args.delay, "jitter": args.jitter, "loss": args.loss,
              "duplicate": args.duplicate, "wire": line.counts, "connections": log}
    (out / f"{seed}.json").write_text(json.dumps(record, indent=1) + "\n")
    return record


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("seeds", type=int, nargs="+")
    ap.add_argument("--only", default="")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--delay", type=float, default=0.005)
    ap.add_argument("--jitter", type=float, default=0.015)
    ap.add_argument("--loss", type=float, default=0.03)
    ap.add_argument("--duplicate", type=float, default=0.03)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in args.seeds:
        run_seed(args.out, seed, args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
