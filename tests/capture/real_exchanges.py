"""The scripted exchanges behind make_real_captures.sh (run that script, not this file).

Each scenario drives real sockets of the Linux stack inside the network namespaces the shell
script made, while ``tcpdump`` (or ``dumpcap``) writes ``NAME.pcap[ng]`` and one ``ss`` loop per namespace polls the
sockets of the scenario's server port; the ordered distinct states ``ss`` saw per socket go to
``NAME.ss.json``. Sockets are opened in a namespace with setns(2) on this (main) thread, so one
process can hold both ends of a connection that crosses two namespaces.

    python3 real_exchanges.py OUTDIR [SCENARIO ...]      (root; namespaces must exist)
"""

from __future__ import annotations

import ctypes
import fcntl
import heapq
import json
import os
import random
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

# Made by make_real_captures.sh; keep the names and addresses in step with it.
NS_LO = "ttcap-lo"                    # loopback only (127.0.0.1 and ::1)
NS_VA, NS_VB = "ttcap-va", "ttcap-vb"  # veth va (192.0.2.1) <-> vb (192.0.2.2), nft drops on vb
NS_TC, NS_TD = "ttcap-tc", "ttcap-td"  # tun tt0 (198.51.100.1) <-> tt0 (198.51.100.2), DelayLine
LO, VA, VB, TC, TD = "127.0.0.1", "192.0.2.1", "192.0.2.2", "198.51.100.1", "198.51.100.2"
LO6 = "::1"
TUN_DELAY = 0.020  # one-way delay of the tun pair, seconds

SNAPLEN = 128
LISTENER_PEERS = ("0.0.0.0:*", "[::]:*")  # the peer ss shows for an IPv4 / IPv6 listener
READY = {"tcpdump": "listening on", "dumpcap": "Capturing on"}  # on stderr once capturing
CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
_libc = ctypes.CDLL(None, use_errno=True)


# ---- namespaces ------------------------------------------------------------------------------

def _setns(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        if _libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"setns {path}: {os.strerror(err)}")
    finally:
        os.close(fd)


@contextmanager
def netns(name: str):
    """Run the body in namespace ``name``; sockets made there stay there after it ends."""
    home = f"/proc/self/task/{threading.get_native_id()}/ns/net"
    back = os.open(home, os.O_RDONLY)
    try:
        _setns(f"/run/netns/{name}")
        yield
    finally:
        if _libc.setns(back, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns back")
        os.close(back)


def tcp_socket(ns: str, addr: str, port: int) -> socket.socket:
    """An AF_INET6 socket for an IPv6 ``addr``, else AF_INET; bound to addr:port."""
    family = socket.AF_INET6 if ":" in addr else socket.AF_INET
    with netns(ns):
        s = socket.socket(family)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    return s


def listener(ns: str, addr: str, port: int) -> socket.socket:
    s = tcp_socket(ns, addr, port)
    s.listen(1)
    return s


def connect(ns: str, addr: str, port: int, server: socket.socket, peer: tuple[str, int]):
    """Client socket (bound to addr:port) connected to ``peer``, and the server's accepted end."""
    c = tcp_socket(ns, addr, port)
    c.connect(peer)
    conn, _ = server.accept()
    return c, conn


def recv_exactly(s: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise RuntimeError(f"EOF after {data!r}, wanted {n} bytes")
        data += chunk
    return data


def expect_eof(s: socket.socket) -> None:
    if (rest := s.recv(100)) != b"":
        raise RuntimeError(f"expected EOF, got {rest!r}")


# ---- ss polling ------------------------------------------------------------------------------

class SsPoller:
    """``ss -tanH state all`` in a loop inside one namespace, for the sockets of one port.

    Keeps, per socket (local, peer), the ordered list of distinct states seen, in the order
    of first sight. A state shorter than one poll (3-12 ms here: each poll is a new ss) can be
    missed."""

    def __init__(self, ns: str, port: int) -> None:
        self.ns, self.port = ns, port
        self.states: dict[tuple[str, str], list[str]] = {}
        self.polls: list[float] = []
        self._first = threading.Event()
        loop = (f'while :; do ss -tanH state all "( sport = :{port} or dport = :{port} )"; '
                f"echo .; done")
        self.proc = subprocess.Popen(["ip", "netns", "exec", ns, "sh", "-c", loop],
                                     stdout=subprocess.PIPE, text=True, start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._first.wait(5):
            raise RuntimeError(f"ss in {ns} printed nothing")

    def _read(self) -> None:
        for line in self.proc.stdout:
            fields = line.split()
            if fields == ["."]:
                self.polls.append(time.monotonic())
                self._first.set()
            elif len(fields) >= 5:
                state, local, peer = fields[0], fields[3], fields[4]
                seen = self.states.setdefault((local, peer), [])
                if not seen or seen[-1] != state:
                    seen.append(state)

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)  # the sh loop we started, and its ss
        self.proc.wait()
        self._reader.join()


# ---- the tun delay line (this kernel has no netem) ---------------------------------------------

def open_tun(ns: str, name: str) -> int:
    """Attach to the persistent tun device ``name`` of namespace ``ns``."""
    with netns(ns):
        fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


class DelayLine(threading.Thread):
    """Copy every IP packet from one tun device to the other after ``delay`` seconds, both ways:
    a wire with a fixed one-way delay, for segments that must cross in flight.

    With a seed it is an unreliable wire instead, each choice drawn from ``random.Random(seed)``:
    every packet waits ``delay`` plus a uniform ``0..jitter`` seconds (so packets overtake one
    another: reordering), is dropped with probability ``loss`` and sent twice with probability
    ``duplicate`` (the copy with its own random delay). ``tap``, a ``PcapTap``, records every
    copy half way along its trip, the middle of the wire, where a lost packet is still seen (it
    is dropped in the second half)."""

    def __init__(self, fd_a: int, fd_b: int, delay: float, jitter: float = 0.0,
                 loss: float = 0.0, duplicate: float = 0.0, seed: int | None = None,
                 tap: PcapTap | None = None) -> None:
        super().__init__(daemon=True)
        self.peer = {fd_a: fd_b, fd_b: fd_a}
        self.delay, self.jitter, self.loss, self.duplicate = delay, jitter, loss, duplicate
        self.rng = random.Random(seed)
        self.tap = tap
        self.counts = {"packets": 0, "lost": 0, "duplicated": 0}
        self._stop_r, self._stop_w = os.pipe()

    def _copies(self, now: float) -> list[tuple[float, float, bool]]:
        """(arrival time, tap time, delivered) of each copy of a packet read at ``now``."""
        rng = self.rng
        copies = 2 if rng.random() < self.duplicate else 1
        out = []
        for _ in range(copies):
            trip = self.delay + (rng.uniform(0.0, self.jitter) if self.jitter else 0.0)
            delivered = not rng.random() < self.loss
            out.append((now + trip, now + trip / 2, delivered))
        self.counts["packets"] += 1
        self.counts["duplicated"] += copies - 1
        self.counts["lost"] += sum(1 for c in out if not c[2])
        return out

    def run(self) -> None:
        sel = selectors.DefaultSelector()
        for fd in (*self.peer, self._stop_r):
            sel.register(fd, selectors.EVENT_READ)
        # (due, order, fd to write or None for the tap, packet)
        queue: list[tuple[float, int, int | None, bytes]] = []
        n = 0
        while True:
            timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else None
            for key, _ in sel.select(timeout):
                if key.fd == self._stop_r:
                    return
                packet = os.read(key.fd, 65536)
                now = time.monotonic()
                for due, tap_at, delivered in self._copies(now):
                    if self.tap is not None:
                        n += 1
                        heapq.heappush(queue, (tap_at, n, None, packet))
                    if delivered:
                        n += 1
                        heapq.heappush(queue, (due, n, self.peer[key.fd], packet))
            while queue and queue[0][0] <= time.monotonic():
                _, _, out, packet = heapq.heappop(queue)
                if out is None:
                    self.tap.write(packet)
                else:
                    os.write(out, packet)

    def stop(self) -> None:
        os.write(self._stop_w, b"x")
        self.join()
        for fd in (*self.peer, self._stop_r, self._stop_w):  # detach, so the next line can attach
            os.close(fd)
        if self.tap is not None:
            self.tap.close()


class PcapTap:
    """A classic pcap file of raw IP packets (link type 101, as tcpdump writes for a tun), for
    the delay line's view from the middle of the wire; only TCP packets, cut at ``snaplen``."""

    def __init__(self, path: Path, snaplen: int = SNAPLEN) -> None:
        self.snaplen = snaplen
        self.file = open(path, "wb")
        self.file.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, 101))

    def write(self, packet: bytes) -> None:
        version = packet[0] >> 4 if packet else 0
        proto = packet[9] if version == 4 else packet[6] if version == 6 else None
        if proto != 6:
            return
        t = time.time()
        cut = packet[:self.snaplen]
        self.file.write(struct.pack("<IIII", int(t), int(t % 1 * 1e6), len(cut), len(packet)))
        self.file.write(cut)
        self.file.flush()

    def close(self) -> None:
        self.file.close()


# ---- recording -------------------------------------------------------------------------------

#: Recordings not yet finished: a failed scenario must not leave tcpdump running in a namespace.
RUNNING: list[Recording] = []


class Recording:
    """A capture of ``tcp port PORT`` on ``iface`` of ``ns`` plus ``ss`` pollers in ``ss_ns``.

    ``tcpdump`` writes classic pcap; ``dumpcap`` (Wireshark's) writes pcapng. ``finish`` stops
    both and writes ``NAME.pcap``/``NAME.pcapng`` (through a temporary file) and
    ``NAME.ss.json``."""

    def __init__(self, out: Path, name: str, ns: str, iface: str, port: int, ss_ns, notes: str,
                 tool: str = "tcpdump"):
        self.out, self.name, self.port, self.notes = out, name, port, notes
        self.pcap = f"{name}.pcap" if tool == "tcpdump" else f"{name}.pcapng"
        self.tmp = out / f".{self.pcap}.tmp"
        if tool == "tcpdump":
            cmd = ["tcpdump", "-i", iface, "-w", str(self.tmp), "-U", "--immediate-mode",
                   "-s", str(SNAPLEN), "-n", "-Z", "root", f"tcp port {port}"]
        else:
            cmd = ["dumpcap", "-q", "-i", iface, "-w", str(self.tmp), "-s", str(SNAPLEN),
                   "-f", f"tcp port {port}"]
        self.capture = subprocess.Popen(["ip", "netns", "exec", ns, *cmd],
                                        stderr=subprocess.PIPE, text=True)
        for line in self.capture.stderr:  # the tool says so once it captures
            if READY[tool] in line:
                break
        else:
            raise RuntimeError(f"{tool} on {ns}/{iface} did not start")
        # dumpcap says "Capturing on" a little before it really captures (it once missed a
        # handshake); a pause costs little and protects tcpdump too.
        time.sleep(0.5)
        self.pollers: list[SsPoller] = []
        RUNNING.append(self)
        self.pollers = [SsPoller(n, port) for n in ss_ns]

    def stop(self) -> None:
        for p in self.pollers:
            p.stop()
        self.capture.send_signal(signal.SIGINT)
        self.capture.communicate(timeout=10)
        RUNNING.remove(self)

    def finish(self, settle: float = 0.3, more_notes: str = "") -> dict:
        time.sleep(settle)  # let the last states (TIME-WAIT) show and the last packets land
        self.stop()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.out / self.pcap)
        seen = {key: states for p in self.pollers for key, states in p.states.items()}
        order = sorted(seen, key=lambda key: (key[1] not in LISTENER_PEERS, key))  # listener 1st
        sockets = [{"local": local, "peer": peer, "states": seen[local, peer]}
                   for local, peer in order]
        record = {"pcap": self.pcap, "sockets": sockets, "notes": self.notes + more_notes}
        tmp = self.out / f".{self.name}.ss.json.tmp"
        tmp.write_text(json.dumps(record, indent=2) + "\n")
        os.replace(tmp, self.out / f"{self.name}.ss.json")
        gaps = [b - a for p in self.pollers for a, b in zip(p.polls, p.polls[1:])]
        mean, worst = 1000 * sum(gaps) / max(1, len(gaps)), 1000 * max(gaps, default=0)
        print(f"{self.pcap}: {sum(len(p.polls) for p in self.pollers)} ss polls, "
              f"mean gap {mean:.1f} ms, max {worst:.1f} ms")
        return record


def tcp_counters(ns: str) -> dict[str, int]:
    """The TcpExt counters (``nstat`` names without the prefix) of namespace ``ns``."""
    with netns(ns), open("/proc/thread-self/net/netstat") as f:
        lines = [line.split() for line in f if line.startswith("TcpExt:")]
    return {k: int(v) for k, v in zip(lines[0][1:], lines[1][1:])}


# ---- scenarios -------------------------------------------------------------------------------

def pause(seconds: float = 0.1) -> None:
    time.sleep(seconds)


def hello_world(client: socket.socket, server: socket.socket) -> None:
    client.sendall(b"hello")
    recv_exactly(server, 5)
    server.sendall(b"world")
    recv_exactly(client, 5)


def two_sided_close(out: Path, name: str, iface: str, sport: int, cport: int, first: str,
                    addr: str = LO):
    srv = listener(NS_LO, addr, sport)
    ipv6 = f"IPv6 (AF_INET6 sockets on {addr}), " if ":" in addr else ""
    rec = Recording(out, name, NS_LO, iface, sport, [NS_LO],
                    f"loopback of a private namespace, {ipv6}tcpdump -i {iface}; the {first} "
                    "closes first, the other reads EOF 0.2 s later (its ACK of the FIN leaves "
                    "alone, when the 40 ms delayed-ACK timer fires) and closes")
    cli, conn = connect(NS_LO, addr, cport, srv, (addr, sport))
    hello_world(cli, conn)
    pause(0.2)
    closer, other = (cli, conn) if first == "client" else (conn, cli)
    closer.close()
    pause(0.2)
    expect_eof(other)
    other.close()
    pause(0.2)
    srv.close()
    rec.finish()


def handshake_close(out: Path) -> None:
    two_sided_close(out, "lo_handshake_close", "lo", 50001, 40001, "client")


def handshake_close_ipv6(out: Path) -> None:
    two_sided_close(out, "lo6_handshake_close", "lo", 50012, 40012, "client", addr=LO6)


def server_close(out: Path) -> None:
    two_sided_close(out, "any_handshake_close", "any", 50002, 40002, "server")


def rst_closed_port(out: Path) -> None:
    rec = Recording(out, "lo_rst_closed_port", NS_LO, "lo", 50003, [NS_LO],
                    "a connect to 127.0.0.1:50003 where nobody listens; the kernel answers the "
                    "SYN with RST,ACK and connect() fails with ECONNREFUSED")
    s = tcp_socket(NS_LO, LO, 40003)
    try:
        s.connect((LO, 50003))
        raise RuntimeError("connect to a closed port succeeded")
    except ConnectionRefusedError:
        pass
    s.close()
    rec.finish()


def three_way_close(out: Path) -> None:
    srv = listener(NS_LO, LO, 50004)
    rec = Recording(out, "lo_three_way_close", NS_LO, "lo", 50004, [NS_LO],
                    "loopback; the client closes; the server reads EOF and closes at once. "
                    "Linux does not ACK a FIN at once: the FIN puts the receiver in delayed-ACK "
                    "(ping-pong) mode, so a close() within the 40 ms delayed-ACK time sends one "
                    "FIN,ACK that acknowledges the peer's FIN and carries our own")
    cli, conn = connect(NS_LO, LO, 40004, srv, (LO, 50004))
    hello_world(cli, conn)
    pause(0.2)
    cli.close()
    expect_eof(conn)  # the FIN was delivered while close() ran (loopback is synchronous)
    conn.close()
    pause(0.2)
    srv.close()
    rec.finish()


def half_close(out: Path) -> None:
    srv = listener(NS_LO, LO, 50005)
    rec = Recording(out, "lo_half_close", NS_LO, "lo", 50005, [NS_LO],
                    "loopback, captured by dumpcap (pcapng); the client sends 'request' and "
                    "0.1 s later shutdown(SHUT_WR); the server "
                    "reads it and EOF, then (in CLOSE-WAIT) sends three 5-byte replies 0.1 s "
                    "apart, which the client (in FIN-WAIT-2) acknowledges; then the server "
                    "closes and the client, having read EOF, closes",
                    tool="dumpcap")
    cli, conn = connect(NS_LO, LO, 40005, srv, (LO, 50005))
    cli.sendall(b"request")
    pause(0.1)
    cli.shutdown(socket.SHUT_WR)
    recv_exactly(conn, 7)
    expect_eof(conn)
    for part in (b"part1", b"part2", b"part3"):
        pause(0.1)
        conn.sendall(part)
        recv_exactly(cli, 5)
    pause(0.1)
    conn.close()
    pause(0.1)
    expect_eof(cli)
    cli.close()
    pause(0.1)
    srv.close()
    rec.finish()


def abort(out: Path) -> None:
    srv = listener(NS_LO, LO, 50006)
    rec = Recording(out, "lo_abort", NS_LO, "lo", 50006, [NS_LO],
                    "loopback; after one exchange the client sets SO_LINGER {on, 0 s} and "
                    "closes: the kernel sends RST,ACK and drops the connection; the server's "
                    "next recv() fails with ECONNRESET")
    cli, conn = connect(NS_LO, LO, 40006, srv, (LO, 50006))
    hello_world(cli, conn)
    pause(0.2)
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    cli.close()
    pause(0.2)
    try:
        conn.recv(1)
        raise RuntimeError("recv after RST did not fail")
    except ConnectionResetError:
        pass
    conn.close()
    srv.close()
    rec.finish()


def midstream(out: Path) -> None:
    srv = listener(NS_LO, LO, 50010)
    cli, conn = connect(NS_LO, LO, 40010, srv, (LO, 50010))
    hello_world(cli, conn)  # before the capture starts
    pause(0.2)
    rec = Recording(out, "lo_midstream", NS_LO, "lo", 50010, [NS_LO],
                    "loopback; tcpdump and ss start after the handshake and one exchange "
                    "(hello/world, not captured); then the server sends 'later', the client "
                    "answers 'reply', the client closes first, the server reads EOF and closes")
    conn.sendall(b"later")
    recv_exactly(cli, 5)
    cli.sendall(b"reply")
    recv_exactly(conn, 5)
    pause(0.2)
    cli.close()
    pause(0.2)
    expect_eof(conn)
    conn.close()
    pause(0.2)
    srv.close()
    rec.finish()


def veth_loss(out: Path, name: str, sport: int, cport: int, what: str) -> None:
    srv = listener(NS_VB, VB, sport)
    before = tcp_counters(NS_VA)
    rec = Recording(out, name, NS_VA, "va", sport, [NS_VA, NS_VB],
                    f"veth between two namespaces, tcpdump on the client's side (va); an nft "
                    f"rule on the server's ingress (vb) drops the client's first {what} once "
                    "(limit rate 1/hour burst 1 packets), so the capture shows the lost copy "
                    "and the kernel's retransmission about 200 ms later")
    cli, conn = connect(NS_VA, VA, cport, srv, (VB, sport))
    hello_world(cli, conn)  # the first data segment is lost in veth_lost_data
    pause(0.2)
    cli.close()  # the FIN is lost in veth_lost_fin
    expect_eof(conn)  # returns when a copy of the FIN arrives
    pause(0.2)
    conn.close()
    pause(0.2)
    srv.close()
    after = tcp_counters(NS_VA)
    probes, timeouts = (after[k] - before[k] for k in ("TCPLossProbes", "TCPTimeouts"))
    rec.finish(more_notes=f"; the client's TcpExt counters: TCPLossProbes +{probes}, "
                          f"TCPTimeouts +{timeouts}")


def lost_fin(out: Path) -> None:
    veth_loss(out, "veth_lost_fin", 50007, 40007, "FIN")


def lost_data(out: Path) -> None:
    veth_loss(out, "veth_lost_data", 50008, 40008, "data segment")


@contextmanager
def delay_line():
    line = DelayLine(open_tun(NS_TC, "tt0"), open_tun(NS_TD, "tt0"), TUN_DELAY)
    line.start()
    try:
        yield
    finally:
        line.stop()


TUN_NOTE = (f"two namespaces joined by tun devices and a user-space delay line "
            f"({TUN_DELAY * 1000:.0f} ms each way; the kernel has no netem), tcpdump on the "
            "client's tun (raw IP); ")


def simultaneous_close(out: Path) -> None:
    with delay_line():
        srv = listener(NS_TD, TD, 50009)
        rec = Recording(out, "tun_simultaneous_close", NS_TC, "tt0", 50009, [NS_TC, NS_TD],
                        TUN_NOTE + "after one exchange both sides call close() within a "
                        "millisecond, so both FINs are in flight at once")
        cli, conn = connect(NS_TC, TC, 40009, srv, (TD, 50009))
        hello_world(cli, conn)
        pause(0.2)
        cli.close()
        conn.close()
        pause(0.3)
        srv.close()
        rec.finish()


def tun_three_way_close(out: Path) -> None:
    with delay_line():
        srv = listener(NS_TD, TD, 50011)
        rec = Recording(out, "tun_three_way_close", NS_TC, "tt0", 50011, [NS_TC, NS_TD],
                        TUN_NOTE + "after one exchange the client closes; the server reads "
                        "EOF when the FIN arrives and closes at once, so its FIN carries the "
                        "(delayed) ACK of the client's FIN and it waits in LAST-ACK a round trip")
        cli, conn = connect(NS_TC, TC, 40011, srv, (TD, 50011))
        hello_world(cli, conn)
        pause(0.2)
        cli.close()
        expect_eof(conn)
        conn.close()
        pause(0.3)
        srv.close()
        rec.finish()


SCENARIOS = {
    "lo_handshake_close": handshake_close,
    "any_handshake_close": server_close,
    "lo_three_way_close": three_way_close,
    "lo_half_close": half_close,
    "lo_rst_closed_port": rst_closed_port,
    "lo_abort": abort,
    "lo_midstream": midstream,
    "veth_lost_fin": lost_fin,
    "veth_lost_data": lost_data,
    "tun_simultaneous_close": simultaneous_close,
    "tun_three_way_close": tun_three_way_close,
    "lo6_handshake_close": handshake_close_ipv6,
}


def main(argv: list[str]) -> int:
    if not argv or any(name not in SCENARIOS for name in argv[1:]):
        print(f"usage: real_exchanges.py OUTDIR [{' | '.join(SCENARIOS)} ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    try:
        for name in argv[1:] or SCENARIOS:
            SCENARIOS[name](out)
    finally:
        while RUNNING:  # only after a failure
            RUNNING[-1].stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
