"""A small pcap/pcapng writer and packet builder for test fixtures (and the benchmark).

Builds exactly the bytes the readers must understand: TCP headers with options, IPv4 (options,
fragments) and IPv6 (extension headers), every supported link layer, then classic pcap (either
byte order, micro- or nanosecond) or pcapng (either byte order, several interfaces with their
own link type and if_tsresol, EPB or SPB, unknown blocks in between).
"""

from __future__ import annotations

import socket
import struct


def tcp(sport, dport, seq, ack=0, flags=0x02, window=65535, urgent=0, payload=b"",
        mss=None, wscale=None, sack_permitted=False, timestamps=None, raw_options=None):
    opts = b""
    if raw_options is not None:
        opts = raw_options
    else:
        if mss is not None:
            opts += struct.pack("!BBH", 2, 4, mss)
        if sack_permitted:
            opts += b"\x04\x02"
        if timestamps is not None:
            opts += b"\x01\x01" + struct.pack("!BBII", 8, 10, *timestamps)
        if wscale is not None:
            opts += b"\x01" + struct.pack("!BBB", 3, 3, wscale)
    opts += b"\x00" * (-len(opts) % 4)
    doff = 5 + len(opts) // 4
    return struct.pack("!HHIIHHHH", sport, dport, seq, ack, (doff << 12) | flags, window, 0,
                       urgent) + opts + payload


def ipv4(src, dst, payload, proto=6, options=b"", frag_offset=0, more_fragments=False,
         total_length=None):
    options += b"\x00" * (-len(options) % 4)
    ihl = 5 + len(options) // 4
    total = ihl * 4 + len(payload) if total_length is None else total_length
    frag = (0x2000 if more_fragments else 0) | (frag_offset // 8)
    return (struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, total, 1, frag, 64, proto, 0,
                        socket.inet_aton(src), socket.inet_aton(dst)) + options + payload)


def ipv6(src, dst, payload, proto=6, extensions=()):
    """``extensions``: (header number, body bytes) in order; the body is padded as needed.
    Fragment (44) bodies are 6 bytes (offset/flags, id); AH (51) lengths are in 4-octet units."""
    chain = b""
    numbers = [n for n, _ in extensions] + [proto]
    for i, (number, body) in enumerate(extensions):
        nxt = numbers[i + 1]
        if number == 44:
            chain += struct.pack("!BB", nxt, 0) + body.ljust(6, b"\x00")[:6]
        elif number == 51:
            body = body + b"\x00" * (-(len(body) + 2) % 4)
            chain += struct.pack("!BB", nxt, (len(body) + 2) // 4 - 2) + body
        else:
            body = body + b"\x00" * (-(len(body) + 2) % 8)
            chain += struct.pack("!BB", nxt, (len(body) + 2) // 8 - 1) + body
    first = numbers[0]
    return (struct.pack("!IHBB16s16s", 0x60000000, len(chain) + len(payload), first, 64,
                        socket.inet_pton(socket.AF_INET6, src),
                        socket.inet_pton(socket.AF_INET6, dst)) + chain + payload)


def fragment_body(offset=0, more=False, ident=7):
    return struct.pack("!HI", (offset // 8) << 3 | int(more), ident)


def ethernet(ip_packet, ethertype=None, vlans=(), vlan_tpid=0x8100):
    if ethertype is None:
        ethertype = 0x86DD if ip_packet[0] >> 4 == 6 else 0x0800
    header = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01"
    for i, vid in enumerate(vlans):
        tpid = vlan_tpid if i == 0 and len(vlans) > 1 else 0x8100
        header += struct.pack("!HH", tpid, vid)
    return header + struct.pack("!H", ethertype) + ip_packet


def sll(ip_packet, protocol=None):
    if protocol is None:
        protocol = 0x86DD if ip_packet[0] >> 4 == 6 else 0x0800
    return struct.pack("!HHH8sH", 0, 772, 6, b"\x00" * 8, protocol) + ip_packet


def sll2(ip_packet, protocol=None):
    if protocol is None:
        protocol = 0x86DD if ip_packet[0] >> 4 == 6 else 0x0800
    return struct.pack("!HHIHBB8s", protocol, 0, 1, 772, 0, 6, b"\x00" * 8) + ip_packet


def null(ip_packet, family=None, byteorder="little"):
    if family is None:
        family = 30 if ip_packet[0] >> 4 == 6 else 2
    return family.to_bytes(4, byteorder) + ip_packet


def loop(ip_packet, family=None):
    return null(ip_packet, family, "big")


# ---- files ----------------------------------------------------------------------------------

def pcap(records, link_type=1, endian="<", nano=False, snaplen=65535, version=(2, 4)):
    """``records``: (time, data) or (time, data, orig_len); data longer than snaplen is cut."""
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    out = [struct.pack(endian + "IHHiIII", magic, *version, 0, 0, snaplen, link_type)]
    for record in records:
        time, data = record[0], record[1]
        orig = record[2] if len(record) > 2 else len(data)
        data = data[:snaplen]
        sec = int(time)
        frac = round((time - sec) * (1e9 if nano else 1e6))
        out.append(struct.pack(endian + "IIII", sec, frac, len(data), orig) + data)
    return b"".join(out)


def _pad(data):
    return data + b"\x00" * (-len(data) % 4)


def block(block_type, body, endian="<"):
    body = _pad(body)
    length = len(body) + 12
    return struct.pack(endian + "II", block_type, length) + body + struct.pack(endian + "I", length)


def option(code, value, endian="<"):
    return struct.pack(endian + "HH", code, len(value)) + _pad(value)


def shb(endian="<", version=(1, 0)):
    return block(0x0A0D0D0A, struct.pack(endian + "IHHq", 0x1A2B3C4D, *version, -1), endian)


def idb(link_type, snaplen=65535, tsresol=None, tsoffset=None, endian="<"):
    opts = b""
    if tsresol is not None:
        opts += option(9, bytes([tsresol]), endian)
    if tsoffset is not None:
        opts += option(14, struct.pack(endian + "q", tsoffset), endian)
    if opts:
        opts += option(0, b"", endian)
    return block(1, struct.pack(endian + "HHI", link_type, 0, snaplen) + opts, endian)


def epb(interface, ticks, data, orig_len=None, endian="<"):
    orig = len(data) if orig_len is None else orig_len
    return block(6, struct.pack(endian + "IIIII", interface, ticks >> 32, ticks & 0xFFFFFFFF,
                                len(data), orig) + data, endian)


def spb(data, orig_len=None, endian="<"):
    return block(3, struct.pack(endian + "I", len(data) if orig_len is None else orig_len) + data,
                 endian)


def ticks(time, tsresol=6):
    """``time`` seconds in units of ``tsresol`` (pcapng if_tsresol encoding)."""
    per_second = 2 ** (tsresol & 0x7F) if tsresol & 0x80 else 10 ** tsresol
    return round(time * per_second)
