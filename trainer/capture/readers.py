"""Streaming readers for classic pcap and pcapng capture files.

Why our own ``struct``-based reader rather than a library: the project has no third-party
dependency outside the GUI, and the readers only need the record framing (pcap record headers,
pcapng blocks) — a few hundred lines. The libraries at hand are either slow because they build
a rich object per packet (scapy: tens of microseconds per packet), or bring a C dependency and
a packaging burden for the frozen app (python-libpcap, pyshark/tshark), or still leave the
layer-2..4 decoding to us (dpkt, pcapng). A plain loop over a 1 MiB buffer with precompiled
``struct.Struct.unpack_from`` costs well under a microsecond per record and never holds more
than one chunk (plus one record) in memory, whatever the file size.

Use::

    with open_capture("trace.pcapng") as capture:
        for time, link_type, data, orig_len, offset in capture:   # raw records
            ...
        for packet in capture.tcp_packets():                       # decoded TCP headers
            ...
        capture.warnings, capture.counts

A file that cannot be read raises ``CaptureFormatError`` (at open for a bad file header, or
during iteration when a later record or block is damaged — the packets before it have been
yielded by then). A bad packet inside a good file becomes a ``CaptureWarning`` in
``capture.warnings``. No other exception escapes.

Timestamps are float seconds since the epoch (``None`` for pcapng Simple Packet Blocks, which
carry none). ``link_type`` is the LINKTYPE_ value of the record's interface.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from trainer.capture.errors import CaptureFormatError, CaptureWarning

CHUNK = 1 << 20
#: No record or block may be longer than this: a longer one means a damaged file.
MAX_RECORD = 256 << 20
#: At most this many warnings are kept (``warning_count`` counts them all).
MAX_WARNINGS = 10_000

RawPacket = tuple  # (time: float | None, link_type: int, data: bytes, orig_len: int, offset: int)

PCAP_MAGICS = {
    b"\xd4\xc3\xb2\xa1": ("<", 1e-6),
    b"\xa1\xb2\xc3\xd4": (">", 1e-6),
    b"\x4d\x3c\xb2\xa1": ("<", 1e-9),
    b"\xa1\xb2\x3c\x4d": (">", 1e-9),
}
PCAPNG_SHB = 0x0A0D0D0A
BYTE_ORDER_MAGIC = 0x1A2B3C4D
BLOCK_IDB = 1
BLOCK_OPB = 2  # obsolete Packet Block
BLOCK_SPB = 3
BLOCK_EPB = 6
#: The smallest total length of each block type we read (header, fixed fields, trailer).
MIN_BLOCK_LENGTH = {PCAPNG_SHB: 28, BLOCK_IDB: 20, BLOCK_OPB: 32, BLOCK_SPB: 16, BLOCK_EPB: 32}
OPT_IF_TSRESOL = 9
OPT_IF_TSOFFSET = 14


@dataclass(slots=True)
class Interface:
    """A pcapng interface (or the single interface of a classic pcap file)."""

    link_type: int
    snaplen: int
    divisor: int | float = 1_000_000  # timestamp units per second (if_tsresol)
    offset: int = 0  # seconds added to every timestamp (if_tsoffset)


class CaptureReader:
    """An open capture file. Iterate for raw records; see the module docstring."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fspath(path)
        self.warnings: list[CaptureWarning] = []
        self.warning_count = 0
        #: Packets decoded or skipped by kind ("tcp", "udp", "arp", "ip-fragment", ...).
        self.counts: dict[str, int] = {}
        self.format = ""
        self.version = ""
        self.interfaces: list[Interface] = []
        self.position = 0  # bytes consumed so far, for progress reports
        self._file: BinaryIO | None = None
        self._fail_offset = 0
        try:
            self._file = open(self.path, "rb", buffering=0)
            self.size = os.fstat(self._file.fileno()).st_size
        except FileNotFoundError:
            raise CaptureFormatError(self.path, 0, "file-not-found") from None
        except OSError as exc:
            self.close()
            raise CaptureFormatError(self.path, 0, "file-unreadable",
                                     {"reason": exc.strerror or str(exc)}) from None
        try:
            self._head = self._read(CHUNK)
            self._detect()
        except BaseException:
            self.close()
            raise

    # ---- plumbing -------------------------------------------------------------------------

    def _read(self, n: int) -> bytes:
        if self._file is None:  # closed: nothing more to read
            return b""
        try:
            return self._file.read(n) or b""
        except OSError as exc:  # includes reading a directory
            raise CaptureFormatError(self.path, self.position, "file-unreadable",
                                     {"reason": exc.strerror or str(exc)}) from None

    def _fail(self, offset: int, code: str, **params) -> CaptureFormatError:
        return CaptureFormatError(self.path, offset, code, params)

    def warn(self, offset: int, code: str, frame: int | None = None, **params) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(CaptureWarning(offset, code, params, frame))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> CaptureReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _detect(self) -> None:
        head = self._head
        if not head:
            raise self._fail(0, "empty-file")
        magic = head[:4]
        if magic in PCAP_MAGICS:
            self.format = "pcap"
            self._endian, self._scale = PCAP_MAGICS[magic]
            if len(head) < 24:
                raise self._fail(0, "truncated-file-header", size=len(head), needed=24)
            major, minor, _zone, _sigfigs, snaplen, network = struct.unpack_from(
                self._endian + "HHiIII", head, 4)
            self.version = f"{major}.{minor}"
            if major != 2:
                raise self._fail(4, "unsupported-version", format="pcap", version=self.version)
            # the upper 4 bits may hold the FCS length, bits 16-27 are reserved
            self.interfaces = [Interface(network & 0xFFFF, snaplen)]
            self._start = 24
        elif len(magic) == 4 and struct.unpack("<I", magic)[0] == PCAPNG_SHB:
            self.format = "pcapng"
            if len(head) < 28:
                raise self._fail(0, "truncated-file-header", size=len(head), needed=28)
            self._start = 0
        else:
            raise self._fail(0, "bad-magic", found=magic.hex() if magic else "(nothing)")

    # ---- iteration --------------------------------------------------------------------------

    def __iter__(self) -> Iterator[RawPacket]:
        return self.packets()

    def packets(self) -> Iterator[RawPacket]:
        """Records as ``(time, link_type, data, orig_len, offset)``; ``offset`` is where the
        record (pcap) or block (pcapng) starts in the file."""
        if self._file is None and not self._head:
            return iter(())
        return self._pcap() if self.format == "pcap" else self._pcapng()

    def _pcap(self) -> Iterator[RawPacket]:
        unpack_from = struct.Struct(self._endian + "IIII").unpack_from
        scale = self._scale
        link_type = self.interfaces[0].link_type
        buf, self._head = self._head, b""
        pos = self._start
        base = 0  # file offset of buf[0]
        read = self._read
        while True:
            if len(buf) - pos < 16:
                buf = buf[pos:] + read(CHUNK)
                base += pos
                pos = 0
                self.position = base
                if len(buf) < 16:
                    if buf:
                        raise self._fail(base, "truncated-record-header", size=len(buf), needed=16)
                    return
            sec, frac, caplen, origlen = unpack_from(buf, pos)
            end = pos + 16 + caplen
            if end > len(buf):
                if caplen > MAX_RECORD:
                    raise self._fail(base + pos, "record-too-large", length=caplen, limit=MAX_RECORD)
                buf = buf[pos:] + read(max(CHUNK, end - len(buf)))
                base += pos
                end -= pos
                pos = 0
                self.position = base
                if end > len(buf):
                    raise self._fail(base, "record-beyond-end", length=caplen,
                                     available=len(buf) - 16)
            yield (sec + frac * scale, link_type, buf[pos + 16:end], origlen, base + pos)
            pos = end

    def _pcapng(self) -> Iterator[RawPacket]:
        buf, self._head = self._head, b""
        pos = base = 0
        read = self._read
        endian = "<"
        hdr = struct.Struct("<II")
        epb = struct.Struct("<IIIII")
        ifaces: list[Interface] = []
        while True:
            if len(buf) - pos < 12:
                buf = buf[pos:] + read(CHUNK)
                base += pos
                pos = 0
                self.position = base
                if len(buf) < 12:
                    if buf:
                        raise self._fail(base, "truncated-block-header", size=len(buf), needed=12)
                    return
            offset = base + pos
            btype, blen = hdr.unpack_from(buf, pos)
            if btype == PCAPNG_SHB:  # a new section: its own byte order and interfaces
                (bom,) = struct.unpack_from("<I", buf, pos + 8)
                if bom == BYTE_ORDER_MAGIC:
                    endian = "<"
                elif bom == 0x4D3C2B1A:
                    endian = ">"
                else:
                    raise self._fail(offset + 8, "bad-byte-order-magic", found=buf[pos + 8:pos + 12].hex())
                hdr = struct.Struct(endian + "II")
                epb = struct.Struct(endian + "IIIII")
                btype, blen = hdr.unpack_from(buf, pos)
                ifaces = []
                self.interfaces = ifaces
            if blen < MIN_BLOCK_LENGTH.get(btype, 12) or blen % 4:
                raise self._fail(offset, "bad-block-length", block=btype, length=blen)
            end = pos + blen
            if end > len(buf):
                if blen > MAX_RECORD:
                    raise self._fail(offset, "block-too-large", length=blen, limit=MAX_RECORD)
                buf = buf[pos:] + read(max(CHUNK, end - len(buf)))
                base += pos
                end -= pos
                pos = 0
                self.position = base
                if end > len(buf):
                    raise self._fail(offset, "block-beyond-end", length=blen, available=len(buf))
            (trailer,) = struct.unpack_from(endian + "I", buf, end - 4)
            if trailer != blen:
                raise self._fail(offset, "block-length-mismatch", length=blen, trailer=trailer)
            if btype == BLOCK_EPB or btype == BLOCK_OPB:
                if btype == BLOCK_EPB:
                    iface, hi, lo, caplen, origlen = epb.unpack_from(buf, pos + 8)
                else:
                    iface, _drops, hi, lo, caplen, origlen = struct.unpack_from(
                        endian + "HHIIII", buf, pos + 8)
                if caplen > blen - 32:
                    self.warn(offset, "packet-exceeds-block", length=caplen, available=blen - 32)
                elif iface >= len(ifaces):
                    self.warn(offset, "unknown-interface", interface=iface, count=len(ifaces))
                else:
                    i = ifaces[iface]
                    yield (((hi << 32) | lo) / i.divisor + i.offset, i.link_type,
                           buf[pos + 28:pos + 28 + caplen], origlen, offset)
            elif btype == BLOCK_SPB:
                if not ifaces:
                    self.warn(offset, "unknown-interface", interface=0, count=0)
                else:
                    (origlen,) = struct.unpack_from(endian + "I", buf, pos + 8)
                    caplen = min(origlen, blen - 16)
                    if ifaces[0].snaplen:
                        caplen = min(caplen, ifaces[0].snaplen)
                    yield (None, ifaces[0].link_type, buf[pos + 12:pos + 12 + caplen], origlen,
                           offset)
            elif btype == BLOCK_IDB:
                ifaces.append(self._interface(buf, pos, blen, endian, offset))
            elif btype == PCAPNG_SHB:
                major, minor = struct.unpack_from(endian + "HH", buf, pos + 12)
                self.version = f"{major}.{minor}"
                if major != 1:
                    raise self._fail(offset + 12, "unsupported-version", format="pcapng",
                                     version=self.version)
            # any other block (name resolution, statistics, custom, ...) is skipped
            pos = end

    def _interface(self, buf: bytes, pos: int, blen: int, endian: str, offset: int) -> Interface:
        link_type, _reserved, snaplen = struct.unpack_from(endian + "HHI", buf, pos + 8)
        iface = Interface(link_type, snaplen)
        opt = pos + 16
        end = pos + blen - 4
        while opt + 4 <= end:
            code, length = struct.unpack_from(endian + "HH", buf, opt)
            if code == 0:
                break
            value = opt + 4
            if value + length > end:
                self.warn(offset, "bad-block-option", block=BLOCK_IDB)
                break
            if code == OPT_IF_TSRESOL and length >= 1:
                res = buf[value]
                iface.divisor = 2 ** (res & 0x7F) if res & 0x80 else 10 ** res
            elif code == OPT_IF_TSOFFSET and length >= 8:
                (iface.offset,) = struct.unpack_from(endian + "q", buf, value)
            opt = value + ((length + 3) & ~3)
        return iface

    # ---- decoded TCP ------------------------------------------------------------------------

    def tcp_packets(self):
        """Decoded TCP headers (``TcpPacket``) of every TCP packet, lazily; other packets are
        counted in ``counts`` by kind."""
        from trainer.capture.decode import iter_tcp

        return iter_tcp(self)


def open_capture(path: str | os.PathLike) -> CaptureReader:
    """Open a pcap or pcapng file (detected by its magic); raises ``CaptureFormatError``."""
    return CaptureReader(path)
