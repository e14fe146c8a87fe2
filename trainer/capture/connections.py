"""Group a capture's TCP packets into connections, compactly.

A connection is one incarnation of a 4-tuple. The same 4-tuple is split into a new incarnation
when a SYN without ACK carrying a new initial sequence number arrives after the previous
incarnation closed (a RST was seen, or a FIN went each way), as a port reused after TIME-WAIT
looks. Endpoint A is whoever sent the incarnation's first captured segment.

Memory: a 200k-packet capture must not be held as 200k Python objects. Each packet is packed
into its connection's ``bytearray`` as one fixed-size record (``RECORD``, 40 bytes); a
connection is unpacked into engine segments only when it is checked, one at a time.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from trainer.capture.decode import TcpPacket, parse_options

_SYN, _FIN, _RST, _ACK = 0x02, 0x01, 0x04, 0x10

#: frame, time, direction (0: A->B, 1: B->A), flags, seq, ack, window, urgent, payload length,
#: mss (0 none), wscale (255 none), sack permitted, marks (bit 0: cut by the snap length,
#: bit 1: a late duplicate from this incarnation, seen after the 4-tuple was reused)
RECORD = struct.Struct("<IdBBIIHHIHBBB")
NO_WSCALE = 255
TRUNCATED, OLD_DUPLICATE = 1, 2


class Packet(tuple):
    """One unpacked record (fields as in ``RECORD``), named for readability at the call sites."""

    __slots__ = ()
    frame = property(lambda self: self[0])
    time = property(lambda self: self[1])
    direction = property(lambda self: self[2])
    flags = property(lambda self: self[3])
    seq = property(lambda self: self[4])
    ack = property(lambda self: self[5])
    window = property(lambda self: self[6])
    urgent = property(lambda self: self[7])
    payload_len = property(lambda self: self[8])
    mss = property(lambda self: self[9] or None)
    wscale = property(lambda self: None if self[10] == NO_WSCALE else self[10])
    sack_permitted = property(lambda self: bool(self[11]))
    truncated = property(lambda self: bool(self[12] & TRUNCATED))
    old_duplicate = property(lambda self: bool(self[12] & OLD_DUPLICATE))


@dataclass(slots=True)
class CapturedConnection:
    """One incarnation of a 4-tuple. ``endpoints`` are ``addr:port`` texts, A first;
    ``first_time`` / ``last_time`` are capture timestamps (seconds since the epoch)."""

    id: int
    endpoints: tuple[str, str]
    first_frame: int
    first_time: float
    last_time: float = 0.0
    count: int = 0
    records: bytearray = field(default_factory=bytearray)
    # incarnation tracking
    syn_seq: int | None = None
    fin_seen: int = 0  # bit 0: A sent a FIN, bit 1: B sent one
    rst_seen: bool = False
    # per direction: the first sequence number seen and how far past it the segments reached,
    # to tell a late duplicate of this incarnation from a segment of the next one
    base: list = field(default_factory=lambda: [None, None])
    span: list = field(default_factory=lambda: [0, 0])

    def holds(self, direction: int, seq: int) -> bool:
        """Is ``seq`` within what this incarnation's ``direction`` has sent?"""
        base = self.base[direction]
        return base is not None and ((seq - base) & 0xFFFFFFFF) <= self.span[direction]

    @property
    def closed(self) -> bool:
        return self.rst_seen or self.fin_seen == 3

    def records_list(self) -> list[tuple]:
        """The packets as plain tuples (fields as in ``RECORD``): the fast form for checking."""
        return list(RECORD.iter_unpack(self.records))

    def packets(self) -> Iterator[Packet]:
        for fields in RECORD.iter_unpack(self.records):
            yield Packet(fields)


def group_connections(packets: Iterable[TcpPacket],
                      progress: Callable[[int], None] | None = None,
                      every: int = 4096,
                      into: list[CapturedConnection] | None = None,
                      part: tuple[int, int] | None = None,
                      seen: dict | None = None) -> list[CapturedConnection]:
    """The capture's connections, numbered in order of their first packet.

    ``progress`` (if given) is called with the number of packets grouped so far, every
    ``every`` packets. Connections are appended to ``into`` if given, so that a caller keeps
    what was grouped when the packet source fails part-way. ``part=(i, n)`` keeps only the
    4-tuples whose hash is ``i`` modulo ``n`` (one worker's share; every incarnation of a
    4-tuple lands in the same share); ``seen["first_time"]`` is set to the time of the first
    TCP packet of the whole file either way."""
    connections: list[CapturedConnection] = [] if into is None else into
    last_time = 0.0
    share, shares = part if part is not None else (0, 1)
    # 4-tuple (lower endpoint first) -> (connection, A's address, A's port, the entry of the
    # incarnation before it or None)
    current: dict[tuple, tuple] = {}
    pack = RECORD.pack
    n = 0
    for p in packets:  # the hot loop of a big capture: fields unpacked once, packing inlined
        n += 1
        if progress is not None and n % every == 0:
            progress(n)
        (frame, time, _offset, _ipv, src, dst, sport, dport, seq, ack, flags, window, urgent,
         _doff, payload, truncated, options) = p
        if time is None:  # pcapng simple packet blocks carry no timestamp
            time = last_time
        elif n == 1 and seen is not None:
            seen["first_time"] = time
        last_time = time
        key = (src, sport, dst, dport) if (src, sport) <= (dst, dport) else (dst, dport, src, sport)
        if shares > 1 and hash(key) % shares != share:
            continue
        entry = current.get(key)
        marks = TRUNCATED if truncated else 0
        if entry is not None and flags & (_SYN | _ACK) == _SYN:
            conn = entry[0]
            if conn.closed and seq != conn.syn_seq:
                # a new incarnation: a new SYN after the previous one closed
                entry = (CapturedConnection(len(connections), (p.src_endpoint, p.dst_endpoint),
                                            frame, time), src, sport, entry)
                connections.append(entry[0])
                current[key] = entry
        elif entry is not None and entry[3] is not None and not flags & _SYN:
            # The 4-tuple was reused: a segment inside what the previous incarnation sent, and
            # outside what this one sent, is a late duplicate of the previous one.
            older = entry[3]
            d_new = 0 if src == entry[1] and sport == entry[2] else 1
            d_old = 0 if src == older[1] and sport == older[2] else 1
            if older[0].holds(d_old, seq) and not entry[0].holds(d_new, seq):
                entry = older
                marks |= OLD_DUPLICATE
        if entry is None:
            conn = CapturedConnection(len(connections), (p.src_endpoint, p.dst_endpoint),
                                      frame, time)
            connections.append(conn)
            entry = (conn, src, sport, None)
            current[key] = entry
        conn = entry[0]
        direction = 0 if src == entry[1] and sport == entry[2] else 1
        base = conn.base[direction]
        if base is None:
            conn.base[direction] = seq
        else:
            reach = (seq + payload - base) & 0xFFFFFFFF
            if conn.span[direction] < reach < 0x80000000:
                conn.span[direction] = reach
        mss, wscale, sack = 0, NO_WSCALE, 0
        if flags & _SYN:
            if not flags & _ACK and conn.syn_seq is None:
                conn.syn_seq = seq
            if options:
                m, w, sp, _ts = parse_options(options)
                mss = m or 0
                wscale = NO_WSCALE if w is None else min(w, 254)
                sack = 1 if sp else 0
        conn.records += pack(frame, time, direction, flags, seq, ack, window, urgent,
                             max(0, payload), mss, wscale, sack, marks)
        conn.count += 1
        conn.last_time = time
        if flags & (_RST | _FIN):
            if flags & _RST:
                conn.rst_seen = True
            if flags & _FIN:
                conn.fin_seen |= 1 << direction
    if progress is not None:
        progress(n)
    return connections
