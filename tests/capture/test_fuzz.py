"""Fuzz the readers: random bytes and mutated valid files. Only CaptureFormatError may escape
(warnings are fine), and every decoded packet is self-consistent. Runs in a few seconds."""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.capture import pcapwriter as w
from trainer.capture import CaptureFormatError, TcpPacket, open_capture

SYN = w.tcp(40000, 80, 1000, 0, 0x02, mss=1460, sack_permitted=True, timestamps=(1, 2), wscale=7)
DATA = w.tcp(40000, 80, 1001, 1, 0x18, payload=b"abc", timestamps=(3, 4))
V6 = w.ipv6("2001:db8::1", "2001:db8::2", DATA, extensions=[(0, b""), (44, w.fragment_body()),
                                                             (51, b"x" * 8)])
SEEDS = [
    w.pcap([(1.0, w.ethernet(w.ipv4("10.0.0.1", "10.0.0.2", SYN), vlans=(3, 4))),
            (2.0, w.ethernet(V6))]),
    w.pcap([(1.0, w.sll(w.ipv4("10.0.0.1", "10.0.0.2", DATA, options=b"\x01" * 4))),
            (2.0, w.sll(w.ipv4("10.0.0.1", "10.0.0.2", b"\x00" * 8, proto=17)))],
           link_type=113, endian=">", nano=True, snaplen=60),
    w.shb() + w.idb(276, tsresol=9) + w.idb(0) + w.epb(0, 5, w.sll2(V6))
    + w.epb(1, 6, w.null(w.ipv4("1.2.3.4", "5.6.7.8", SYN))) + w.spb(w.sll2(V6)),
    w.shb(">") + w.idb(101, endian=">") + w.epb(0, 7, w.ipv4("1.2.3.4", "5.6.7.8", SYN), endian=">")
    + w.block(0x0BAD, b"zz", ">") + w.shb() + w.idb(108) + w.epb(0, 1, w.loop(V6)),
]

_DIR = tempfile.mkdtemp(prefix="capture-fuzz-")
_PATH = os.path.join(_DIR, "fuzz.cap")


def read_all(data: bytes) -> None:
    with open(_PATH, "wb") as f:
        f.write(data)
    try:
        with open_capture(_PATH) as capture:
            for packet in capture.tcp_packets():
                assert isinstance(packet, TcpPacket)
                assert 0 <= packet.payload_len and 5 <= packet.data_offset <= 15
                assert 0 <= packet.flags <= 0xFF and packet.frame >= 1
                assert packet.offset < len(data)
            for warning in capture.warnings:
                warning.message(_PATH, "en")
                warning.message(_PATH, "zh_CN")
    except CaptureFormatError as err:
        assert 0 <= err.offset <= len(data)
        err.message("en")
        err.message("zh_CN")


FAST = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(st.binary(max_size=300))
def test_random_bytes(data):
    read_all(data)


@FAST
@given(st.sampled_from([b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\x3c\x4d", b"\x0a\x0d\x0d\x0a"]),
       st.binary(max_size=300))
def test_random_bytes_after_a_valid_magic(magic, rest):
    read_all(magic + rest)


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "set", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "set" and data:
            data[at] = draw(st.sampled_from([0, 1, 0x7F, 0x80, 0xFF, 6, 44, 0x45, 0x60]))
        elif action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 8))]
    return bytes(data)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_mutated_valid_files(data):
    read_all(data)


def test_seeds_are_valid():
    for seed in SEEDS:
        with open(_PATH, "wb") as f:
            f.write(seed)
        with open_capture(_PATH) as capture:
            assert list(capture.tcp_packets()), seed[:4]
