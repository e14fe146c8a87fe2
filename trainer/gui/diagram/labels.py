"""Segment labels (``SYN,ACK seq=300 ack=101``) and the inline editor's text <-> segment.

Labels are notation, the same in every language. Relative numbers follow Wireshark: each
host's sequence numbers count from its ISS in the connection the segment belongs to (so its
SYN has ``seq=0`` and the peer acks ``1``; after a reconnect, from the new ISS: the caller
passes the bases, see ``trainer.gui.relative``). The editor speaks the trace text notation
(``trainer.formats.notation``) for one segment's header fields, with relative numbers when
the diagram shows them (converted back to absolute ones); parse errors come back as located
``TraceFormatError``s. No Qt.
"""

from __future__ import annotations

import dataclasses

from trainer.engine.trace import Flag, Segment
from trainer.formats.errors import TraceFormatError
from trainer.formats.notation import format_seconds, parse_notation, segment_fields

MASK = 0xFFFFFFFF
HALF = 0x80000000


def _base(value: int | None, base: int | None) -> int | None:
    """``base`` if ``value`` is shown relative to it, else None: a value more than half the
    sequence space away (a RST with seq=0, a stray old number) stays absolute."""
    if value is None or base is None:
        return None
    return base if (value - base) & MASK < HALF else None


def _rel(value: int, base: int | None) -> int:
    base = _base(value, base)
    return value if base is None else (value - base) & MASK


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

def edit_bases(seg: Segment, relative: bool, iss: dict | None) -> dict[str, int | None]:
    """What the editor subtracts from ``seq`` and ``ack`` (None: shown absolute), by the rule
    the label follows, so that the editor opens with the numbers the arrow shows."""
    if not relative or not iss or seg.old_duplicate:
        return {"seq": None, "ack": None}
    return {"seq": _base(seg.seq, iss.get(seg.sender)),
            "ack": _base(seg.ack, iss.get(seg.receiver))}


def edit_text(seg: Segment, bases: dict[str, int | None] | None = None) -> str:
    """The segment's header fields in the notation; ``bases`` (``edit_bases``) makes seq and
    ack relative."""
    if bases:
        seg = dataclasses.replace(seg, seq=_minus(seg.seq, bases.get("seq")),
                                  ack=_minus(seg.ack, bases.get("ack")))
    return segment_fields(seg)


def _minus(value: int | None, base: int | None) -> int | None:
    return value if value is None or base is None else (value - base) & MASK


def _plus(value: int | None, base: int | None) -> int | None:
    return value if value is None or base is None else (value + base) & MASK


class EditError(Exception):
    """A parse error in the editor text: ``error`` is the notation's ``TraceFormatError``,
    ``column`` 0-based in the editor text (or ``None``)."""

    def __init__(self, error: TraceFormatError, column: int | None):
        super().__init__(error.code)
        self.error = error
        self.column = column

    def message(self, lang: str) -> str:
        return self.error.message(lang)


def parse_edit(text: str, seg: Segment, bases: dict[str, int | None] | None = None) -> Segment:
    """The segment ``seg`` with the header fields written in ``text``; times, loss, the
    old-duplicate mark and claims are kept (a ``lost``/``@time``/``dup`` word in ``text`` wins).
    ``bases``: the ones ``edit_text`` subtracted, added back (numbers wrap modulo 2**32).
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
    if bases:
        new = dataclasses.replace(new, seq=_plus(new.seq, bases.get("seq")),
                                  ack=_plus(new.ack, bases.get("ack")))
    return dataclasses.replace(
        new, send_time=seg.send_time, arrive_time=arrive, old_duplicate=dup,
        claims=seg.claims if new.claims is None else new.claims)
