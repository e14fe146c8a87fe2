"""Captures of the Linux stack on loopback (made by make_real_captures.sh) read as expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.capture import open_capture
from trainer.engine.trace import Flag

DATA = Path(__file__).parent / "data"
LO = "127.0.0.1"


def read(name):
    with open_capture(DATA / name) as capture:
        return capture, list(capture.tcp_packets())


def flow(packets, client, server):
    """(direction, flags text, relative seq, relative ack, payload) per segment."""
    isn = {client: None, server: None}
    rows = []
    for p in packets:
        assert p.src == p.dst == LO
        assert {p.sport, p.dport} == {client, server}
        if p.flags & Flag.SYN:
            isn[p.sport] = p.seq
        peer = p.dport
        rows.append(("C>S" if p.sport == client else "S>C", Flag(p.flags).text(),
                     p.seq - isn[p.sport], p.ack - isn[peer] if p.flags & Flag.ACK else None,
                     p.payload_len))
    return rows


@pytest.mark.parametrize("name, link_type, client, server, closer", [
    ("lo_handshake_close.pcap", 1, 40001, 50001, "C>S"),
    ("any_handshake_close.pcap", 276, 40002, 50002, "S>C"),
])
def test_handshake_data_and_close(name, link_type, client, server, closer):
    capture, packets = read(name)
    assert capture.format == "pcap" and capture.interfaces[0].link_type == link_type
    assert capture.warnings == [] and capture.counts == {"tcp": 11}
    other = "S>C" if closer == "C>S" else "C>S"
    assert flow(packets, client, server) == [
        ("C>S", "SYN", 0, None, 0),
        ("S>C", "SYN,ACK", 0, 1, 0),
        ("C>S", "ACK", 1, 1, 0),
        ("C>S", "PSH,ACK", 1, 1, 5),
        ("S>C", "ACK", 1, 6, 0),
        ("S>C", "PSH,ACK", 1, 6, 5),
        ("C>S", "ACK", 6, 6, 0),
        (closer, "FIN,ACK", 6, 6, 0),
        (other, "ACK", 6, 7, 0),
        (other, "FIN,ACK", 6, 7, 0),
        (closer, "ACK", 7, 7, 0),
    ]
    syn, synack = packets[0], packets[1]
    assert syn.mss == synack.mss == 65495 and syn.sack_permitted and synack.sack_permitted
    assert syn.wscale is not None and syn.timestamps[1] == 0
    assert synack.timestamps[1] == syn.timestamps[0]
    assert all(p.timestamps is not None for p in packets)
    assert [p.time for p in packets] == sorted(p.time for p in packets)
    assert not any(p.truncated for p in packets)  # -s 128 keeps these small segments whole


def test_rst_to_a_closed_port():
    capture, (syn, rst) = read("lo_rst_closed_port.pcap")
    assert (syn.sport, syn.dport, Flag(syn.flags).text()) == (40003, 50003, "SYN")
    assert (rst.sport, rst.dport, Flag(rst.flags).text()) == (50003, 40003, "RST,ACK")
    assert (rst.seq, rst.ack, rst.window) == (0, syn.seq + 1, 0)
