"""Link layer, IPv4/IPv6 and TCP header decoding of captured packets.

Only what the checker needs is decoded, with precompiled ``struct`` formats and no object per
layer: a packet becomes one ``TcpPacket`` (a named tuple, the cheapest object to build) or is
counted by kind and dropped.
The payload length comes from the IP header, never from the captured bytes, so a packet cut
by the snap length still yields its full TCP header and its true payload length. A packet
whose IP length is 0 (TSO/GSO packets captured before segmentation) takes its length from the
record's original length.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterator
from typing import NamedTuple

# link types (LINKTYPE_ values, www.tcpdump.org/linktypes.html)
LINKTYPE_NULL = 0
LINKTYPE_ETHERNET = 1
LINKTYPE_RAW_DLT12 = 12
LINKTYPE_RAW_DLT14 = 14
LINKTYPE_RAW = 101
LINKTYPE_LOOP = 108
LINKTYPE_LINUX_SLL = 113
LINKTYPE_IPV4 = 228
LINKTYPE_IPV6 = 229
LINKTYPE_LINUX_SLL2 = 276
RAW_LINK_TYPES = (LINKTYPE_RAW, LINKTYPE_RAW_DLT12, LINKTYPE_RAW_DLT14)
SUPPORTED_LINK_TYPES = (LINKTYPE_NULL, LINKTYPE_ETHERNET, *RAW_LINK_TYPES, LINKTYPE_LOOP,
                        LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2)

ETHERTYPE_IPV4 = 0x0800
ETHERTYPE_IPV6 = 0x86DD
ETHERTYPE_ARP = 0x0806
VLAN_ETHERTYPES = frozenset((0x8100, 0x88A8, 0x9100, 0x9200))  # 802.1Q, 802.1ad, old QinQ
#: BSD loopback address families: AF_INET is 2 everywhere, AF_INET6 is 24, 28 or 30.
NULL_FAMILIES = {2: 4, 24: 6, 28: 6, 30: 6}
IPV6_EXTENSIONS = frozenset((0, 43, 44, 51, 60, 135, 139, 140))
IP_PROTO_NAMES = {1: "icmp", 2: "igmp", 17: "udp", 50: "esp", 58: "icmpv6", 59: "ipv6-no-next",
                  132: "sctp"}

_IP4 = struct.Struct("!B1xH2xHxB")  # version/ihl, total length, flags/fragment, protocol
_TCP = struct.Struct("!HHIIHHxxH")  # ports, seq, ack, offset/flags, window, urgent
_H = struct.Struct("!H")
_TS = struct.Struct("!II")


class TcpPacket(NamedTuple):
    """One captured TCP segment (an immutable named tuple: building one costs a third of a
    dataclass's ``__init__``, which matters at 200k packets; see the benchmark).

    ``frame`` is the 1-based packet number in the file (as Wireshark counts); ``offset`` the
    file offset of its record or block. ``flags`` is the 8 control bits (FIN=0x01 ... CWR=0x80,
    as ``trainer.engine.trace.Flag``). ``data_offset`` is the header length in 32-bit words;
    ``payload_len`` the payload length from the IP header. ``truncated`` says the capture holds
    fewer bytes than the segment (snap length); the header fields are still exact, options may
    be missing when they were cut off. The options ``mss``, ``wscale``, ``sack_permitted`` and
    ``timestamps`` (``(TSval, TSecr)``) are parsed from ``options`` when first asked for.
    """

    frame: int
    time: float | None
    offset: int
    ip_version: int
    src: str
    dst: str
    sport: int
    dport: int
    seq: int
    ack: int
    flags: int
    window: int
    urgent: int
    data_offset: int
    payload_len: int
    truncated: bool = False
    options: bytes = b""  # the raw option bytes (as captured: may be cut short)

    @property
    def mss(self) -> int | None:
        return parse_options(self.options)[0] if self.options else None

    @property
    def wscale(self) -> int | None:
        return parse_options(self.options)[1] if self.options else None

    @property
    def sack_permitted(self) -> bool:
        return parse_options(self.options)[2] if self.options else False

    @property
    def timestamps(self) -> tuple[int, int] | None:
        return parse_options(self.options)[3] if self.options else None

    def parsed_options(self) -> tuple:
        """``(mss, wscale, sack_permitted, timestamps)`` in one parse."""
        return parse_options(self.options)

    @property
    def src_endpoint(self) -> str:
        return f"[{self.src}]:{self.sport}" if self.ip_version == 6 else f"{self.src}:{self.sport}"

    @property
    def dst_endpoint(self) -> str:
        return f"[{self.dst}]:{self.dport}" if self.ip_version == 6 else f"{self.dst}:{self.dport}"


class _AddressCache(dict):
    """Packed address -> text (``inet_ntop``), filled on first use; bounded."""

    def __missing__(self, raw: bytes) -> str:
        if len(self) > 100_000:
            self.clear()
        text = socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, raw)
        self[raw] = text
        return text


_ADDRESSES = _AddressCache()


def parse_options(opts: bytes) -> tuple:
    """``(mss, wscale, sack_permitted, timestamps)`` from the option bytes; a cut or malformed
    option list ends the parse quietly (what came before it is kept)."""
    mss = wscale = timestamps = None
    sack_permitted = False
    if len(opts) == 12 and opts[:4] == b"\x01\x01\x08\x0a":  # Linux data segments: NOP NOP TS
        return None, None, False, _TS.unpack_from(opts, 4)
    i = 0
    n = len(opts)
    while i < n:
        kind = opts[i]
        if kind == 0:
            break
        if kind == 1:
            i += 1
            continue
        if i + 1 >= n:
            break
        length = opts[i + 1]
        if length < 2 or i + length > n:
            break
        if kind == 2 and length == 4:
            mss = (opts[i + 2] << 8) | opts[i + 3]
        elif kind == 3 and length == 3:
            wscale = opts[i + 2]
        elif kind == 4 and length == 2:
            sack_permitted = True
        elif kind == 8 and length == 10:
            timestamps = _TS.unpack_from(opts, i + 2)
        i += length
    return mss, wscale, sack_permitted, timestamps


def decode_packet(counts: dict, warn, frame: int, time, link: int, data: bytes, origlen: int,
                  offset: int) -> TcpPacket | None:
    """Decode one record: the ``TcpPacket``, or ``None`` after counting it in ``counts`` by
    kind or reporting it through ``warn(offset, code, frame, **params)``."""
    n = len(data)
    origlen = max(origlen, n)
    ip4_unpack = _IP4.unpack_from
    tcp_unpack = _TCP.unpack_from
    addresses = _ADDRESSES
    # ---- link layer: find the IP header at ``off`` with version ``ipv`` -----------------
    if link == 1 or link == 113 or link == 276:
        if link == 1:
            off = 14
            if n < 14:
                warn(offset, "truncated-link-header", frame, link_type=link, size=n, needed=14)
                return None
            etype = (data[12] << 8) | data[13]
        elif link == 113:
            off = 16
            if n < 16:
                warn(offset, "truncated-link-header", frame, link_type=link, size=n, needed=16)
                return None
            etype = (data[14] << 8) | data[15]
        else:
            off = 20
            if n < 20:
                warn(offset, "truncated-link-header", frame, link_type=link, size=n, needed=20)
                return None
            etype = (data[0] << 8) | data[1]
        while etype in VLAN_ETHERTYPES:
            if n < off + 4:
                break
            etype = (data[off + 2] << 8) | data[off + 3]
            off += 4
        if etype == 0x0800:
            ipv = 4
        elif etype == 0x86DD:
            ipv = 6
        else:
            if etype in VLAN_ETHERTYPES:
                warn(offset, "truncated-link-header", frame, link_type=link, size=n,
                     needed=off + 4)
                return None
            kind = "arp" if etype == ETHERTYPE_ARP else f"ethertype-0x{etype:04x}"
            counts[kind] = counts.get(kind, 0) + 1
            return None
    elif link == 101 or link == 12 or link == 14:
        off = 0
        if n < 1:
            warn(offset, "truncated-ip-header", frame, size=0, needed=20)
            return None
        ipv = data[0] >> 4
        if ipv != 4 and ipv != 6:
            warn(offset, "bad-ip-version", frame, found=ipv, expected="4 or 6")
            return None
    elif link == 228:
        off = 0
        ipv = 4
    elif link == 229:
        off = 0
        ipv = 6
    elif link == 0 or link == 108:
        off = 4
        if n < 4:
            warn(offset, "truncated-link-header", frame, link_type=link, size=n, needed=4)
            return None
        family = int.from_bytes(data[:4], "big" if link == 108 else "little")
        ipv = NULL_FAMILIES.get(family) or NULL_FAMILIES.get(int.from_bytes(
            data[:4], "little" if link == 108 else "big"))
        if ipv is None:
            kind = f"family-{family}"
            counts[kind] = counts.get(kind, 0) + 1
            return None
    else:
        kind = f"link-type-{link}"
        counts[kind] = counts.get(kind, 0) + 1
        return None
    # ---- IP --------------------------------------------------------------------------
    fragmented = False
    if ipv == 4:
        if n < off + 20:
            warn(offset, "truncated-ip-header", frame, size=n - off, needed=20)
            return None
        vihl, total, frag, proto = ip4_unpack(data, off)
        if vihl >> 4 != 4:
            warn(offset, "bad-ip-version", frame, found=vihl >> 4, expected=4)
            return None
        ihl = (vihl & 15) << 2
        if ihl < 20:
            warn(offset, "bad-ip-header-length", frame, found=ihl)
            return None
        if frag & 0x1FFF:
            counts["ip-fragment"] = counts.get("ip-fragment", 0) + 1
            return None
        if proto != 6:
            kind = IP_PROTO_NAMES.get(proto) or f"ip-proto-{proto}"
            counts[kind] = counts.get(kind, 0) + 1
            return None
        if frag & 0x2000:
            fragmented = True
        if total == 0:  # TSO: the length field is left 0
            total = origlen - off
        if total < ihl or off + total > origlen:
            warn(offset, "bad-ip-total-length", frame, found=total, header=ihl,
                 packet=origlen - off)
            return None
        tcp_at = off + ihl
        ip_end = off + total
        raw = data[off + 12:off + 16]
        src = addresses[raw]
        raw = data[off + 16:off + 20]
        dst = addresses[raw]
    else:
        if n < off + 40:
            warn(offset, "truncated-ip-header", frame, size=n - off, needed=40)
            return None
        if data[off] >> 4 != 6:
            warn(offset, "bad-ip-version", frame, found=data[off] >> 4, expected=6)
            return None
        (plen,) = _H.unpack_from(data, off + 4)
        proto = data[off + 6]
        ip_end = off + 40 + plen if plen else origlen  # 0: jumbogram or TSO
        tcp_at = off + 40
        bad = False
        while proto in IPV6_EXTENSIONS:
            if n < tcp_at + 8 or tcp_at + 8 > ip_end:
                bad = True
                break
            if proto == 44:
                if ((data[tcp_at + 2] << 8) | data[tcp_at + 3]) & 0xFFF8:
                    bad = None  # not the first fragment
                    break
                fragmented = bool(data[tcp_at + 3] & 1)
                size = 8
            elif proto == 51:
                size = (data[tcp_at + 1] + 2) << 2
            else:
                size = (data[tcp_at + 1] + 1) << 3
            proto = data[tcp_at]
            tcp_at += size
            if tcp_at > ip_end:
                bad = True
                break
        if bad is None:
            counts["ip-fragment"] = counts.get("ip-fragment", 0) + 1
            return None
        if bad:
            warn(offset, "bad-ipv6-extension", frame, header=proto)
            return None
        if proto != 6:
            kind = IP_PROTO_NAMES.get(proto) or f"ip-proto-{proto}"
            counts[kind] = counts.get(kind, 0) + 1
            return None
        if ip_end > origlen:
            warn(offset, "bad-ip-total-length", frame, found=plen, header=tcp_at - off,
                 packet=origlen - off)
            return None
        raw = data[off + 8:off + 24]
        src = addresses[raw]
        raw = data[off + 24:off + 40]
        dst = addresses[raw]
    # ---- TCP -------------------------------------------------------------------------
    if n < tcp_at + 20:
        warn(offset, "truncated-tcp-header", frame, size=max(n - tcp_at, 0), needed=20)
        return None
    sport, dport, seq, ack, offflags, window, urgent = tcp_unpack(data, tcp_at)
    doff = offflags >> 12
    payload = ip_end - tcp_at - (doff << 2)
    if doff < 5 or payload < 0:
        warn(offset, "bad-tcp-data-offset", frame, found=doff)
        return None
    if fragmented:
        warn(offset, "fragmented-tcp", frame)
    return TcpPacket(frame, time, offset, ipv, src, dst, sport, dport, seq, ack,
                       offflags & 0xFF, window, urgent, doff, payload, n < ip_end,
                       data[tcp_at + 20:tcp_at + (doff << 2)] if doff > 5 else b"")


#: Ethernet (or Linux SLL) + option-less IPv4 + TCP, from the EtherType on: one unpack.
_ETH_IP4_TCP = struct.Struct("!HBxHxxHxBxx4s4sHHIIHHxxH")
FAST_LINKS = {LINKTYPE_ETHERNET: 12, LINKTYPE_LINUX_SLL: 14}


def iter_tcp(reader) -> Iterator[TcpPacket]:
    """Decode the records of ``reader`` (a ``CaptureReader``); counts go to ``reader.counts``,
    bad packets to ``reader.warnings``.

    The common case (Ethernet or SLL, IPv4 without options, not fragmented, TCP) is decoded
    inline with one ``unpack_from``; everything else goes through ``decode_packet``."""
    counts = reader.counts
    warn = reader.warn
    fast_unpack = _ETH_IP4_TCP.unpack_from
    fast_links = FAST_LINKS
    addresses = _ADDRESSES
    packet_type = TcpPacket
    new = tuple.__new__
    frame = 0
    tcp = 0
    try:
        for time, link, data, origlen, offset in reader.packets():
            frame += 1
            at = fast_links.get(link)
            if at is not None and len(data) >= at + 42:
                (etype, vihl, total, frag, proto, src, dst, sport, dport, seq, ack, offflags,
                 window, urgent) = fast_unpack(data, at)
                payload = total - 20 - ((offflags >> 12) << 2)
                if (etype == 0x0800 and vihl == 0x45 and proto == 6 and not frag & 0x3FFF
                        and offflags >= 0x5000 and payload >= 0 and at + 2 + total <= origlen):
                    doff = offflags >> 12
                    ip_end = at + 2 + total
                    yield new(packet_type, (
                        frame, time, offset, 4, addresses[src],
                        addresses[dst], sport, dport, seq, ack,
                        offflags & 0xFF, window, urgent, doff, payload, len(data) < ip_end,
                        data[at + 42:at + 22 + (doff << 2)] if doff > 5 else b""))
                    tcp += 1
                    continue
            packet = decode_packet(counts, warn, frame, time, link, data, origlen, offset)
            if packet is not None:
                tcp += 1
                yield packet
    finally:
        if tcp:
            counts["tcp"] = counts.get("tcp", 0) + tcp
