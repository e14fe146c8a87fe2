"""Segment labels (``SYN,ACK seq=300 ack=101``) and the inline editor's text <-> segment.

Labels are notation, the same in every language. Relative numbers follow Wireshark: each
host's sequence numbers count from its ISS (so its SYN has ``seq=0`` and the peer acks ``1``).
The editor speaks the trace text notation (``trainer.formats.notation``) for one segment's
header fields; parse errors come back as located ``TraceFormatError``s. No Qt.
"""

from __future__ import annotations

import dataclasses

from trainer.engine.trace import Flag, Segment
from trainer.formats.errors import TraceFormatError
from trainer.formats.notation import format_seconds, parse_notation, segment_fields

MASK = 0xFFFFFFFF
HALF = 0x80000000


def _rel(value: int, base: int | None) -> int:
    if base is None:
        return value
    r = (value - base) & MASK
    return r if r < HALF else value  # a RST with seq=0, a stray old number: keep it absolute


_FLAG_TEXT: dict[int, str] = {}


def flags_text(flags) -> str:
    """``SYN,ACK`` (cached: ``IntFlag`` iteration is slow and labels are built per frame)."""
    key = int(flags)
    text = _FLAG_TEXT.get(key)
    if text is None:
        text = _FLAG_TEXT[key] = Flag(key).text()
    return text


def label_parts(seg: Segment, relative: bool = False, iss: dict | None = None) -> tuple[str, str]:
    """``("SYN,ACK", "seq=300 ack=101")``; with ``relative``, numbers relative to the ISSs."""
    flags = flags_text(seg.flags)
    seq, ack = seg.seq, seg.ack
    if relative and iss and not seg.old_duplicate:
        seq = _rel(seq, iss.get(seg.sender))
        if ack is not None:
            ack = _rel(ack, iss.get(seg.receiver))
    parts = [f"seq={seq}"]
    if ack is not None:
        parts.append(f"ack={ack}")
    if seg.length:
        parts.append(f"len={seg.length}")
    return flags, " ".join(parts)


def label_text(seg: Segment, relative: bool = False, iss: dict | None = None) -> str:
    flags, rest = label_parts(seg, relative, iss)
    return f"{flags} {rest}"


# ---- the inline editor -------------------------------------------------------------------------

def edit_text(seg: Segment) -> str:
    """The segment's header fields in the notation (absolute numbers)."""
    return segment_fields(seg)


class EditError(Exception):
    """A parse error in the editor text: ``error`` is the notation's ``TraceFormatError``,
    ``column`` 0-based in the editor text (or ``None``)."""

    def __init__(self, error: TraceFormatError, column: int | None):
        super().__init__(error.code)
        self.error = error
        self.column = column

    def message(self, lang: str) -> str:
        return self.error.message(lang)


def parse_edit(text: str, seg: Segment) -> Segment:
    """The segment ``seg`` with the header fields written in ``text``; times, loss, the
    old-duplicate mark and claims are kept (a ``lost``/``@time``/``dup`` word in ``text`` wins).
    Raises ``EditError``."""
    if "\n" in text or "\r" in text:
        text = " ".join(text.splitlines())
    words = text.split()
    lowered = [w.lower() for w in words]
    prefix = f"{format_seconds(max(0.0, seg.send_time))} {seg.sender}>{seg.receiver} "
    suffix = ""
    if not any(w == "lost" or w.startswith("@") for w in lowered):
        suffix += " lost" if seg.arrive_time is None else f" @{format_seconds(max(0.0, seg.arrive_time))}"
    try:
        trace = parse_notation(prefix + text + suffix + "\n", "<edit>")
    except TraceFormatError as exc:
        column = None
        if exc.column is not None:
            column = max(0, min(len(text), exc.column - 1 - len(prefix)))
        raise EditError(exc, column) from None
    new = trace.events[0]
    if not isinstance(new, Segment):  # pragma: no cover - the prefix makes it a segment
        raise TypeError("not a segment")
    arrive = seg.arrive_time
    if any(w == "lost" or w.startswith("@") for w in lowered):
        arrive = new.arrive_time
    dup = seg.old_duplicate or new.old_duplicate
    return dataclasses.replace(
        new, send_time=seg.send_time, arrive_time=arrive, old_duplicate=dup,
        claims=seg.claims if new.claims is None else new.claims)
