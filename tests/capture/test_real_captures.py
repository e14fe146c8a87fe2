"""Captures of the Linux stack (made by make_real_captures.sh) read and checked as `ss` saw them.

Each fixture ``NAME.pcap[ng]`` has a ``NAME.ss.json`` with the distinct states the kernel's own
``ss`` showed for every socket while the exchange ran. The readers must see exactly the
segments ``tshark -r FILE -T fields -e tcp.flags.str`` showed when the fixtures were made (the
literal flows below), and the capture checker's state history of each endpoint must contain
the states ``ss`` saw, in order. ``ss`` polls every few milliseconds, so it misses short states
(on loopback SYN-SENT lasts microseconds): the checker may show more, never fewer or others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainer.capture import open_capture
from trainer.engine.states import State
from trainer.engine.trace import Flag

DATA = Path(__file__).parent / "data"
MAX_FIXTURE_BYTES = 20_000
ETHERNET, RAW, SLL2 = 1, 101, 276


@dataclass(frozen=True)
class Fixture:
    file: str
    link_type: int
    client: str  # "ip:port", "[ipv6]:port"
    server: str
    flow: list  # (direction, flags, relative seq, relative ack, payload length) per segment
    first: str = "client"  # who sent the first captured segment (the checker's host A)
    mss: int | None = 65495  # in SYN and SYN,ACK (None: no handshake captured)
    ip_version: int = 4

    @property
    def name(self) -> str:
        return self.file.rsplit(".", 1)[0]

    @property
    def format(self) -> str:
        return self.file.rsplit(".", 1)[1]


HELLO_WORLD = [  # handshake, 5 bytes each way (the server ACKs at once: quick-ACK mode)
    ("C>S", "SYN", 0, None, 0),
    ("S>C", "SYN,ACK", 0, 1, 0),
    ("C>S", "ACK", 1, 1, 0),
    ("C>S", "PSH,ACK", 1, 1, 5),
    ("S>C", "ACK", 1, 6, 0),
    ("S>C", "PSH,ACK", 1, 6, 5),
    ("C>S", "ACK", 6, 6, 0),
]
CLIENT_CLOSES = [  # the ACK of the FIN comes alone, 40 ms later (delayed ACK), then the FIN
    ("C>S", "FIN,ACK", 6, 6, 0),
    ("S>C", "ACK", 6, 7, 0),
    ("S>C", "FIN,ACK", 6, 7, 0),
    ("C>S", "ACK", 7, 7, 0),
]
THREE_WAY = [  # the server's FIN carries the (delayed) ACK of the client's FIN
    ("C>S", "FIN,ACK", 6, 6, 0),
    ("S>C", "FIN,ACK", 6, 7, 0),
    ("C>S", "ACK", 7, 7, 0),
]
LO, VA, VB, TC, TD = "127.0.0.1", "192.0.2.1", "192.0.2.2", "198.51.100.1", "198.51.100.2"
LO6 = "::1"
LISTENER_PEERS = ("0.0.0.0:*", "[::]:*")  # how ss shows the peer of an IPv4 / IPv6 listener

FIXTURES = {f.name: f for f in [
    Fixture("lo_handshake_close.pcap", ETHERNET, f"{LO}:40001", f"{LO}:50001",
            HELLO_WORLD + CLIENT_CLOSES),
    Fixture("any_handshake_close.pcap", SLL2, f"{LO}:40002", f"{LO}:50002", HELLO_WORLD + [
        ("S>C", "FIN,ACK", 6, 6, 0),
        ("C>S", "ACK", 6, 7, 0),
        ("C>S", "FIN,ACK", 6, 7, 0),
        ("S>C", "ACK", 7, 7, 0),
    ]),
    Fixture("lo_three_way_close.pcap", ETHERNET, f"{LO}:40004", f"{LO}:50004",
            HELLO_WORLD + THREE_WAY),
    Fixture("lo_half_close.pcapng", ETHERNET, f"{LO}:40005", f"{LO}:50005", [
        ("C>S", "SYN", 0, None, 0),
        ("S>C", "SYN,ACK", 0, 1, 0),
        ("C>S", "ACK", 1, 1, 0),
        ("C>S", "PSH,ACK", 1, 1, 7),
        ("S>C", "ACK", 1, 8, 0),
        ("C>S", "FIN,ACK", 8, 1, 0),    # shutdown(SHUT_WR)
        ("S>C", "ACK", 1, 9, 0),        # delayed ACK of the FIN
        ("S>C", "PSH,ACK", 1, 9, 5),    # data from CLOSE-WAIT ...
        ("C>S", "ACK", 9, 6, 0),        # ... acknowledged from FIN-WAIT-2
        ("S>C", "PSH,ACK", 6, 9, 5),
        ("C>S", "ACK", 9, 11, 0),
        ("S>C", "PSH,ACK", 11, 9, 5),
        ("C>S", "ACK", 9, 16, 0),
        ("S>C", "FIN,ACK", 16, 9, 0),
        ("C>S", "ACK", 9, 17, 0),
    ]),
    Fixture("lo_rst_closed_port.pcap", ETHERNET, f"{LO}:40003", f"{LO}:50003", [
        ("C>S", "SYN", 0, None, 0),
        ("S>C", "RST,ACK", 1, 1, 0),    # absolute seq 0: no SYN from that side to count from
    ]),
    Fixture("lo_abort.pcap", ETHERNET, f"{LO}:40006", f"{LO}:50006", HELLO_WORLD + [
        ("C>S", "RST,ACK", 6, 6, 0),    # SO_LINGER {1, 0} close()
    ]),
    Fixture("lo_midstream.pcap", ETHERNET, f"{LO}:40010", f"{LO}:50010", [
        ("S>C", "PSH,ACK", 1, 1, 5),    # numbers count from the first segment seen
        ("C>S", "ACK", 1, 6, 0),
        ("C>S", "PSH,ACK", 1, 6, 5),
        ("S>C", "ACK", 6, 6, 0),        # delayed: the server left quick-ACK mode
    ] + CLIENT_CLOSES, first="server", mss=None),
    Fixture("veth_lost_fin.pcap", ETHERNET, f"{VA}:40007", f"{VB}:50007", HELLO_WORLD + [
        ("C>S", "FIN,ACK", 6, 6, 0),    # dropped at the server's ingress
        ("C>S", "FIN,ACK", 6, 6, 0),    # the tail loss probe ~200 ms later
    ] + CLIENT_CLOSES[1:], mss=1460),
    Fixture("veth_lost_data.pcap", ETHERNET, f"{VA}:40008", f"{VB}:50008", HELLO_WORLD[:4] + [
        ("C>S", "PSH,ACK", 1, 1, 5),    # the copy of the dropped segment above
    ] + HELLO_WORLD[4:] + CLIENT_CLOSES, mss=1460),
    Fixture("tun_simultaneous_close.pcap", RAW, f"{TC}:40009", f"{TD}:50009", HELLO_WORLD + [
        ("C>S", "FIN,ACK", 6, 6, 0),
        ("S>C", "FIN,ACK", 6, 6, 0),    # sent before the client's FIN arrived: ack 6, not 7
        ("C>S", "ACK", 7, 7, 0),
        ("S>C", "ACK", 7, 7, 0),
    ], mss=1460),
    Fixture("tun_three_way_close.pcap", RAW, f"{TC}:40011", f"{TD}:50011",
            HELLO_WORLD + THREE_WAY, mss=1460),
    Fixture("lo6_handshake_close.pcap", ETHERNET, f"[{LO6}]:40012", f"[{LO6}]:50012",
            HELLO_WORLD + CLIENT_CLOSES, mss=65476, ip_version=6),  # MTU 65536 - 40 - 20
]}

#: What the checker must infer beyond the obvious: the capture was taken on the client's side,
#: so a segment dropped on the way is in it (segment numbers count from 0 within the connection).
EXPECTED_INFERRED = {
    "veth_lost_fin": [{"segment": 7, "event": "lost"}],
    "veth_lost_data": [{"segment": 3, "event": "lost"}],
    "tun_simultaneous_close": [{"segment": 7, "event": "arrived-after", "after": 8}],
}


def read(file):
    with open_capture(DATA / file) as capture:
        return capture, list(capture.tcp_packets())


def ss_record(fixture):
    return json.loads((DATA / f"{fixture.name}.ss.json").read_text())


def endpoint(addr, port):
    return f"[{addr}]:{port}" if ":" in addr else f"{addr}:{port}"


def flow(packets, client):
    """(direction, flags text, relative seq, relative ack, payload) per segment; numbers count
    from a side's SYN, or from one below its first segment when its SYN was not captured."""
    base = {}
    for p in packets:
        base.setdefault(endpoint(p.src, p.sport), p.seq if p.flags & Flag.SYN else p.seq - 1)
    rows = []
    for p in packets:
        me, peer = endpoint(p.src, p.sport), endpoint(p.dst, p.dport)
        ack = (p.ack - base[peer]) % 2**32 if p.flags & Flag.ACK else None
        rows.append(("C>S" if me == client else "S>C", Flag(p.flags).text(),
                     (p.seq - base[me]) % 2**32, ack, p.payload_len))
    return rows


#: Real captures made by other scripts, with tests of their own (no ss record: random loss).
OTHER_CAPTURES = {
    "veth_random_loss.pcap",  # make_lossy_capture.sh, test_random_loss_capture.py
    # make_sweep_captures.sh, test_sweep_captures.py
    "tun_reorder_client.pcap", "tun_reorder_server.pcap",
    "tun_overtaken_client.pcap", "tun_overtaken_server.pcap", "tun_synack_again_middle.pcap",
    "tun_deep_reorder_client.pcap", "tun_overtaker_not_held_server.pcap",
    "tun_window_update_client.pcap", "tun_abort_client.pcap", "tun_abort_server.pcap",
    "tun_abort_acked_again_server.pcap",
}


def test_every_fixture_is_listed_small_and_has_its_ss_record():
    captures = sorted(p.name for p in DATA.iterdir()
                      if p.suffix in (".pcap", ".pcapng") and p.name not in OTHER_CAPTURES)
    assert captures == sorted(f.file for f in FIXTURES.values())
    assert all((DATA / name).stat().st_size < MAX_FIXTURE_BYTES for name in OTHER_CAPTURES)
    for fixture in FIXTURES.values():
        assert (DATA / fixture.file).stat().st_size < MAX_FIXTURE_BYTES
        record = ss_record(fixture)
        assert record["pcap"] == fixture.file and record["notes"]
        for sock in record["sockets"]:
            if sock["peer"] in LISTENER_PEERS:
                assert (sock["local"], sock["states"]) == (fixture.server, ["LISTEN"])
            else:
                assert {sock["local"], sock["peer"]} == {fixture.client, fixture.server}
                assert sock["states"] and all(State.parse(s) for s in sock["states"])


@pytest.mark.parametrize("name", FIXTURES)
def test_readers_see_the_segments_tshark_saw(name):
    fixture = FIXTURES[name]
    capture, packets = read(fixture.file)
    assert capture.format == fixture.format
    assert {i.link_type for i in capture.interfaces} == {fixture.link_type}
    assert capture.warnings == [] and capture.counts == {"tcp": len(fixture.flow)}
    assert {(endpoint(p.src, p.sport), endpoint(p.dst, p.dport)) for p in packets} <= {
        (fixture.client, fixture.server), (fixture.server, fixture.client)}
    assert {p.ip_version for p in packets} == {fixture.ip_version}
    assert all((p.src_endpoint, p.dst_endpoint) == (endpoint(p.src, p.sport),
                                                    endpoint(p.dst, p.dport)) for p in packets)
    assert flow(packets, fixture.client) == fixture.flow
    assert [p.time for p in packets] == sorted(p.time for p in packets)
    assert not any(p.truncated for p in packets)  # -s 128 keeps these small segments whole
    assert all(p.timestamps is not None for p in packets if not p.flags & Flag.RST)


@pytest.mark.parametrize("name", [n for n, f in FIXTURES.items() if f.flow[1][1] == "SYN,ACK"])
def test_handshake_options(name):
    fixture = FIXTURES[name]
    _, (syn, synack, *_) = read(fixture.file)
    assert syn.mss == synack.mss == fixture.mss  # 65495 on loopback (MTU 65536), else 1460
    assert syn.sack_permitted and synack.sack_permitted
    assert syn.wscale is not None and synack.wscale is not None
    assert syn.timestamps[1] == 0 and synack.timestamps[1] == syn.timestamps[0]


def test_rst_to_a_closed_port():
    _, (syn, rst) = read("lo_rst_closed_port.pcap")
    assert (syn.sport, syn.dport, Flag(syn.flags).text()) == (40003, 50003, "SYN")
    assert (rst.sport, rst.dport, Flag(rst.flags).text()) == (50003, 40003, "RST,ACK")
    assert (rst.seq, rst.ack, rst.window) == (0, syn.seq + 1, 0)


def test_the_lost_copies_equal_their_retransmissions():
    for name, index in (("veth_lost_fin", 7), ("veth_lost_data", 3)):
        _, packets = read(FIXTURES[name].file)
        lost, again = packets[index], packets[index + 1]
        assert (lost.seq, lost.ack, lost.flags, lost.payload_len) == (
            again.seq, again.ack, again.flags, again.payload_len)
        assert 0.15 < again.time - lost.time < 1.5  # a timer fired (TLP or RTO), not a dup


def is_subsequence(needle, haystack):
    rest = iter(haystack)
    return all(item in rest for item in needle)


@pytest.mark.parametrize("name", FIXTURES)
def test_checker_confirms_the_states_ss_saw(name):
    from trainer.capture import check_capture  # the capture checker (issue 4)

    fixture = FIXTURES[name]
    report = check_capture(DATA / fixture.file)
    assert report.warnings == []
    (conn,) = report.connections
    a, b = (fixture.client, fixture.server)[:: 1 if fixture.first == "client" else -1]
    assert conn.endpoints == (a, b)
    assert conn.packets == len(fixture.flow) == len(conn.trace.segments())
    assert conn.result.valid, conn.result.errors()
    host = {a: "A", b: "B"}
    for sock in ss_record(fixture)["sockets"]:
        if sock["peer"] in LISTENER_PEERS:
            continue  # the listener: LISTEN may be the server endpoint's initial state
        seen = [State.parse(s) for s in sock["states"]]  # ESTAB, SYN-RECV: RFC names
        history = conn.result.state_history(host[sock["local"]])
        assert is_subsequence(seen, history), (sock["local"], seen, history)


@pytest.mark.parametrize("name", FIXTURES)
def test_checker_infers_losses_and_late_arrivals_only_where_they_happened(name):
    from trainer.capture import check_capture

    (conn,) = check_capture(DATA / FIXTURES[name].file).connections
    placed = [n for n in conn.result.inferred if n.get("event") in ("lost", "arrived-after")]
    expected = EXPECTED_INFERRED.get(name, [])
    for want in expected:
        assert any(want.items() <= note.items() for note in placed), (want, placed)
    assert len(placed) == len(expected), placed
    for note in placed:  # the numbering is the trace's: segment 7 of veth_lost_fin is a FIN
        seg = conn.trace.segments()[note["segment"]]
        assert Flag(seg.flags).text() == FIXTURES[name].flow[note["segment"]][1]
