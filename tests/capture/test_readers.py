"""The capture readers on every format and link type, with fixtures from our own writer."""

from __future__ import annotations

import pytest

from tests.capture import pcapwriter as w
from trainer.capture import TcpPacket, open_capture

V4A, V4B = "192.0.2.1", "198.51.100.7"
V6A, V6B = "2001:db8::1", "fe80::1:2"
SYN = w.tcp(40000, 80, 1000, 0, 0x02, window=64240, mss=1460, sack_permitted=True,
            timestamps=(111, 0), wscale=7)
SYNACK = w.tcp(80, 40000, 5000, 1001, 0x12, window=65160, mss=1400, wscale=2)
DATA = w.tcp(40000, 80, 1001, 5001, 0x18, window=502, timestamps=(112, 222), payload=b"x" * 300)
FIN = w.tcp(40000, 80, 1301, 5001, 0x11, window=502, urgent=3)


def write(tmp_path, data, name="c.pcap"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path):
    with open_capture(path) as capture:
        packets = list(capture.tcp_packets())
        return capture, packets


def check_syn(p: TcpPacket, src=V4A, dst=V4B, version=4):
    assert (p.ip_version, p.src, p.dst, p.sport, p.dport) == (version, src, dst, 40000, 80)
    assert (p.seq, p.ack, p.flags, p.window, p.urgent, p.data_offset, p.payload_len) == (
        1000, 0, 0x02, 64240, 0, 11, 0)
    assert (p.mss, p.wscale, p.sack_permitted, p.timestamps, p.truncated) == (
        1460, 7, True, (111, 0), False)


def check_data(p: TcpPacket, src=V4A, dst=V4B):
    assert (p.src, p.dst, p.seq, p.ack, p.flags, p.window, p.data_offset, p.payload_len) == (
        src, dst, 1001, 5001, 0x18, 502, 8, 300)
    assert (p.mss, p.wscale, p.sack_permitted, p.timestamps) == (None, None, False, (112, 222))


# ---- classic pcap ------------------------------------------------------------------------

@pytest.mark.parametrize("endian", ["<", ">"])
@pytest.mark.parametrize("nano", [False, True])
def test_pcap_byte_orders_and_resolutions(tmp_path, endian, nano):
    records = [(1700000000.123456, w.ethernet(w.ipv4(V4A, V4B, SYN))),
               (1700000000.5, w.ethernet(w.ipv4(V4A, V4B, DATA)))]
    path = write(tmp_path, w.pcap(records, endian=endian, nano=nano))
    capture, packets = read(path)
    assert capture.format == "pcap" and capture.version == "2.4"
    assert [p.frame for p in packets] == [1, 2]
    assert packets[0].offset == 24
    assert packets[1].offset == 24 + 16 + len(records[0][1])
    assert packets[0].time == pytest.approx(1700000000.123456, abs=1e-7)
    assert packets[1].time == pytest.approx(1700000000.5, abs=1e-7)
    check_syn(packets[0])
    check_data(packets[1])
    assert capture.counts == {"tcp": 2} and capture.warnings == []


def test_pcap_nanosecond_precision(tmp_path):
    path = write(tmp_path, w.pcap([(5.000000001, w.ipv4(V4A, V4B, SYN))], link_type=228, nano=True))
    raw = list(open_capture(path))
    assert raw[0][0] == pytest.approx(5.000000001, abs=1e-12)
    assert raw[0][1:] == (228, w.ipv4(V4A, V4B, SYN), len(w.ipv4(V4A, V4B, SYN)), 24)


def test_raw_records_are_lazy_tuples(tmp_path):
    frames = [w.ethernet(w.ipv4(V4A, V4B, SYN)), b"\x01\x02\x03"]
    path = write(tmp_path, w.pcap([(1.0, frames[0]), (2.0, frames[1], 99)]))
    with open_capture(path) as capture:
        it = iter(capture)
        assert next(it) == (1.0, 1, frames[0], len(frames[0]), 24)
        assert next(it) == (2.0, 1, frames[1], 99, 24 + 16 + len(frames[0]))
        assert next(it, None) is None


def test_many_records_across_chunks(tmp_path):
    frame = w.ethernet(w.ipv4(V4A, V4B, DATA))
    n = 5000  # ~2 MiB: several 1 MiB chunks, records split across chunk borders
    path = write(tmp_path, w.pcap([(i * 0.001, frame) for i in range(n)]))
    capture, packets = read(path)
    assert len(packets) == n and capture.counts == {"tcp": n}
    assert packets[-1].offset == 24 + (n - 1) * (16 + len(frame))
    assert packets[-1].frame == n and packets[-1].time == pytest.approx((n - 1) * 0.001)
    assert capture.position > 0


def test_record_larger_than_chunk(tmp_path):
    big = w.tcp(1, 2, 3, 4, 0x18, payload=b"y" * (3 << 20))
    path = write(tmp_path, w.pcap([(1.0, w.ipv4(V4A, V4B, big, total_length=0)), (2.0, w.ipv4(V4A, V4B, SYN))],
                                  link_type=101, snaplen=1 << 23))
    capture, packets = read(path)
    assert [p.payload_len for p in packets] == [3 << 20, 0]


# ---- pcapng --------------------------------------------------------------------------------

@pytest.mark.parametrize("endian", ["<", ">"])
def test_pcapng_two_interfaces_with_own_link_type_and_tsresol(tmp_path, endian):
    e = endian
    f1 = w.ethernet(w.ipv4(V4A, V4B, SYN))
    f2 = w.sll2(w.ipv6(V6A, V6B, DATA))
    data = (w.shb(e) + w.idb(1, tsresol=6, endian=e) + w.idb(276, tsresol=9, endian=e)
            + w.block(0x0000_0BAD, b"unknown block body", e)          # skipped
            + w.block(5, b"\x00" * 8, e)                              # interface statistics
            + w.epb(0, w.ticks(1700000001.25, 6), f1, endian=e)
            + w.epb(1, w.ticks(1700000002.000000007, 9), f2, endian=e))
    path = write(tmp_path, data, "c.pcapng")
    capture, packets = read(path)
    assert capture.format == "pcapng" and capture.version == "1.0"
    assert [(i.link_type, i.divisor) for i in capture.interfaces] == [(1, 10**6), (276, 10**9)]
    assert len(packets) == 2
    check_syn(packets[0])
    check_data(packets[1], V6A, V6B)
    assert packets[0].time == pytest.approx(1700000001.25)
    assert packets[1].time == pytest.approx(1700000002.000000007, abs=1e-6)
    epb1 = 28 + 2 * (20 + 8 + 4) + (12 + 20) + (12 + 8)  # SHB, 2 IDB, unknown, ISB
    assert (packets[0].offset, packets[1].offset) == (
        epb1, epb1 + 32 + len(f1) + (-len(f1) % 4))
    assert (packets[0].frame, packets[1].frame) == (1, 2)


def test_pcapng_binary_tsresol_and_tsoffset(tmp_path):
    data = (w.shb() + w.idb(228, tsresol=0x80 | 10, tsoffset=1000) + w.epb(0, 3 * 1024 + 512,
            w.ipv4(V4A, V4B, SYN)))
    capture, packets = read(write(tmp_path, data, "c.pcapng"))
    assert packets[0].time == 1003.5
    check_syn(packets[0])


def test_pcapng_simple_packet_block_uses_interface_0_and_snaplen(tmp_path):
    frame = w.ipv4(V4A, V4B, DATA)
    data = w.shb(">") + w.idb(101, snaplen=60, endian=">") + w.spb(frame[:60], len(frame), ">")
    capture, packets = read(write(tmp_path, data, "c.pcapng"))
    (p,) = packets
    assert p.time is None and p.truncated and p.payload_len == 300 and p.timestamps == (112, 222)


def test_pcapng_new_section_resets_byte_order_and_interfaces(tmp_path):
    data = (w.shb("<") + w.idb(1) + w.epb(0, 1, w.ethernet(w.ipv4(V4A, V4B, SYN)))
            + w.shb(">") + w.idb(229, endian=">") + w.epb(0, 2_000_000, w.ipv6(V6A, V6B, SYN), endian=">"))
    capture, packets = read(write(tmp_path, data, "c.pcapng"))
    check_syn(packets[0])
    check_syn(packets[1], V6A, V6B, 6)
    assert packets[1].time == 2.0
    assert [i.link_type for i in capture.interfaces] == [229]


def test_pcapng_obsolete_packet_block(tmp_path):
    frame = w.ipv4(V4A, V4B, SYN)
    body = w.struct.pack("<HHIIII", 0, 0, 0, 7_000_000, len(frame), len(frame)) + frame
    data = w.shb() + w.idb(228) + w.block(2, body)
    capture, packets = read(write(tmp_path, data, "c.pcapng"))
    assert packets[0].time == 7.0
    check_syn(packets[0])


# ---- link layers -------------------------------------------------------------------------------

def _one(tmp_path, frame, link_type, orig_len=None, snaplen=65535):
    record = (1.0, frame) if orig_len is None else (1.0, frame, orig_len)
    capture, packets = read(write(tmp_path, w.pcap([record], link_type=link_type, snaplen=snaplen)))
    return capture, packets


@pytest.mark.parametrize("vlans, tpid", [((10,), 0x8100), ((10, 20), 0x88A8), ((1, 2), 0x9100)])
def test_ethernet_vlan_tags(tmp_path, vlans, tpid):
    capture, (p,) = _one(tmp_path, w.ethernet(w.ipv4(V4A, V4B, SYN), vlans=vlans, vlan_tpid=tpid), 1)
    check_syn(p)


@pytest.mark.parametrize("link_type, wrap", [
    (1, w.ethernet), (113, w.sll), (276, w.sll2), (101, lambda ip: ip), (12, lambda ip: ip),
    (14, lambda ip: ip), (0, w.null), (0, lambda ip: w.null(ip, byteorder="big")),
    (108, w.loop), (108, lambda ip: w.null(ip)),
])
@pytest.mark.parametrize("version", [4, 6])
def test_link_layers(tmp_path, link_type, wrap, version):
    ip = w.ipv4(V4A, V4B, SYN) if version == 4 else w.ipv6(V6A, V6B, SYN)
    capture, packets = _one(tmp_path, wrap(ip), link_type)
    check_syn(packets[0], *((V4A, V4B, 4) if version == 4 else (V6A, V6B, 6)))


@pytest.mark.parametrize("family", [24, 28, 30])
@pytest.mark.parametrize("byteorder", ["little", "big"])
def test_null_ipv6_families(tmp_path, family, byteorder):
    capture, (p,) = _one(tmp_path, w.null(w.ipv6(V6A, V6B, SYN), family, byteorder), 0)
    check_syn(p, V6A, V6B, 6)


def test_linktype_ipv4_and_ipv6(tmp_path):
    check_syn(_one(tmp_path, w.ipv4(V4A, V4B, SYN), 228)[1][0])
    check_syn(_one(tmp_path, w.ipv6(V6A, V6B, SYN), 229)[1][0], V6A, V6B, 6)


# ---- IP details -------------------------------------------------------------------------------

def test_ipv4_options(tmp_path):
    ip = w.ipv4(V4A, V4B, DATA, options=b"\x94\x04\x00\x00" + b"\x01" * 4)  # router alert, NOPs
    check_data(_one(tmp_path, ip, 228)[1][0])


def test_ipv4_fragments_only_first_has_tcp(tmp_path):
    first = w.ipv4(V4A, V4B, DATA[:48], more_fragments=True)
    rest = w.ipv4(V4A, V4B, DATA[48:], frag_offset=48)
    capture, packets = read(write(tmp_path, w.pcap([(1.0, first), (2.0, rest)], link_type=228)))
    (p,) = packets
    assert (p.seq, p.payload_len, p.timestamps) == (1001, 48 - 32, (112, 222))
    assert capture.counts == {"tcp": 1, "ip-fragment": 1}
    assert [(x.offset, x.code, x.frame) for x in capture.warnings] == [(24, "fragmented-tcp", 1)]


@pytest.mark.parametrize("extensions", [
    [(0, b"")], [(43, b"\x00\x00" + b"\x00" * 4)], [(60, b"x" * 10)], [(51, b"\x00" * 10)],
    [(0, b"\x01\x00"), (43, b""), (60, b""), (51, b"abcd" * 3), (60, b"z")],
    [(44, w.fragment_body(0, more=False))],
])
def test_ipv6_extension_headers(tmp_path, extensions):
    ip = w.ipv6(V6A, V6B, DATA, extensions=extensions)
    capture, packets = _one(tmp_path, w.ethernet(ip), 1)
    check_data(packets[0], V6A, V6B)
    assert capture.warnings == []


def test_ipv6_fragments(tmp_path):
    first = w.ipv6(V6A, V6B, DATA[:64], extensions=[(44, w.fragment_body(0, more=True))])
    later = w.ipv6(V6A, V6B, DATA[64:], extensions=[(44, w.fragment_body(64))])
    capture, packets = read(write(tmp_path, w.pcap([(1.0, first), (2.0, later)], link_type=229)))
    assert [p.payload_len for p in packets] == [64 - 32]
    assert capture.counts == {"tcp": 1, "ip-fragment": 1}
    assert [x.code for x in capture.warnings] == ["fragmented-tcp"]


def test_truncated_by_snaplen_keeps_header_and_ip_payload_length(tmp_path):
    frame = w.ethernet(w.ipv6(V6A, V6B, DATA, extensions=[(60, b"")]))
    capture, (p,) = _one(tmp_path, frame, 1, snaplen=14 + 48 + 20 + 4)  # options cut after NOPs
    assert p.truncated and p.payload_len == 300 and p.data_offset == 8 and p.timestamps is None
    assert (p.seq, p.ack, p.flags) == (1001, 5001, 0x18)
    frame4 = w.ethernet(w.ipv4(V4A, V4B, DATA))
    capture, (p,) = _one(tmp_path, frame4, 1, snaplen=68)
    assert p.truncated and p.payload_len == 300 and p.timestamps == (112, 222)
    assert capture.warnings == []


def test_tso_zero_ip_length_uses_original_length(tmp_path):
    ip = w.ipv4(V4A, V4B, DATA, total_length=0)
    capture, (p,) = _one(tmp_path, w.ethernet(ip)[:100], 1, orig_len=14 + 20 + 32 + 3000)
    assert p.payload_len == 3000 and p.truncated


def test_non_tcp_is_counted_and_ignored(tmp_path):
    udp = w.ipv4(V4A, V4B, b"\x00" * 8, proto=17)
    icmp6 = w.ipv6(V6A, V6B, b"\x80\x00\x00\x00", proto=58)
    records = [(1.0, w.ethernet(udp)), (2.0, w.ethernet(b"\x00" * 28, ethertype=0x0806)),
               (3.0, w.ethernet(icmp6)), (4.0, w.ethernet(w.ipv4(V4A, V4B, b"", proto=47))),
               (5.0, w.ethernet(b"\x00" * 30, ethertype=0x88CC)),
               (6.0, w.ethernet(w.ipv6(V6A, V6B, b"", proto=59, extensions=[(0, b"")]))),
               (7.0, w.ethernet(w.ipv4(V4A, V4B, FIN)))]
    capture, packets = read(write(tmp_path, w.pcap(records)))
    assert capture.counts == {"udp": 1, "arp": 1, "icmpv6": 1, "ip-proto-47": 1,
                              "ethertype-0x88cc": 1, "ipv6-no-next": 1, "tcp": 1}
    assert [(p.frame, p.flags, p.urgent, p.payload_len) for p in packets] == [(7, 0x11, 3, 0)]
    assert capture.warnings == []


def test_unsupported_link_type_is_counted(tmp_path):
    capture, packets = _one(tmp_path, b"\x00" * 40, 105)
    assert packets == [] and capture.counts == {"link-type-105": 1}


def test_endpoints_text(tmp_path):
    p4 = _one(tmp_path, w.ipv4(V4A, V4B, SYN), 228)[1][0]
    p6 = _one(tmp_path, w.ipv6(V6A, V6B, SYN), 229)[1][0]
    assert (p4.src_endpoint, p4.dst_endpoint) == ("192.0.2.1:40000", "198.51.100.7:80")
    assert (p6.src_endpoint, p6.dst_endpoint) == ("[2001:db8::1]:40000", "[fe80::1:2]:80")


def test_synack_options_order_independent(tmp_path):
    p = _one(tmp_path, w.ipv4(V4B, V4A, SYNACK), 228)[1][0]
    assert (p.flags, p.seq, p.ack, p.mss, p.wscale, p.sack_permitted, p.timestamps) == (
        0x12, 5000, 1001, 1400, 2, False, None)


def test_fast_path_equals_general_decoder(tmp_path):
    """The inline Ethernet/SLL + IPv4 path of iter_tcp decodes exactly as decode_packet."""
    from trainer.capture.decode import decode_packet

    frames = [w.ethernet(w.ipv4(V4A, V4B, seg)) for seg in (SYN, SYNACK, DATA, FIN)]
    frames += [w.sll(w.ipv4(V4B, V4A, seg)) for seg in (SYN, DATA)]
    full = w.ethernet(w.ipv4(V4A, V4B, DATA))
    for link in (1, 113):
        records = [(i + 0.5, f) for i, f in enumerate(frames)
                   if (f[12:14] == b"\x08\x00") == (link == 1)]
        if link == 1:
            records.append((9.0, full[:60], len(full)))  # cut by the snap length
        path = write(tmp_path, w.pcap(records, link_type=link))
        with open_capture(path) as capture:
            fast = list(capture.tcp_packets())
        with open_capture(path) as capture:
            slow = [decode_packet({}, capture.warn, i + 1, *record)
                    for i, record in enumerate(capture)]
        assert fast == slow and len(fast) == len(records)
        assert fast[-1].truncated == (link == 1)
