"""Reading and writing trace files: format detection, decoding, atomic saving."""

from __future__ import annotations

import os

from trainer.atomic import write_atomically
from trainer.engine.trace import Trace
from trainer.formats.errors import TraceFormatError, line_and_column
from trainer.formats.json_trace import dumps_json, trace_from_json
from trainer.formats.notation import format_notation, parse_notation
from trainer.located_error import read_limited

MAX_FILE_SIZE = 64 * 1024 * 1024  # a 20,000-event trace is about 1 MB

#: File name suffixes and the format each one is saved in.
SUFFIX_FORMATS = {".json": "json", ".tcptrace": "json", ".txt": "text", ".trace": "text",
                  ".tcpt": "text"}


def format_for_path(path: str | os.PathLike) -> str | None:
    """``"json"`` or ``"text"`` by the file name's suffix, ``None`` for an unknown suffix."""
    return SUFFIX_FORMATS.get(os.path.splitext(os.fspath(path))[1].lower())


def load_trace(path: str | os.PathLike) -> Trace:
    """Read a trace file in either format: JSON if its first non-blank character is ``{``."""
    source = os.fspath(path)
    text = decode_trace_bytes(read_limited(source, MAX_FILE_SIZE, TraceFormatError), source)
    if text.lstrip()[:1] == "{":
        return trace_from_json(text, source)
    return parse_notation(text, source)


def decode_trace_bytes(data: bytes, source: str = "<bytes>") -> str:
    """UTF-8 with or without a byte order mark; a bad byte is reported where it is."""
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        good = body[:e.start].decode("utf-8")
        line, column = line_and_column(good, len(good))
        raise TraceFormatError("not-utf8", {"byte": f"0x{body[e.start]:02x}"}, source=source,
                               line=line, column=column,
                               offset=e.start + (3 if bom else 0)) from None


def save_trace(trace: Trace, path: str | os.PathLike, fmt: str | None = None) -> None:
    """Write ``trace`` to ``path`` as ``fmt`` ("json" or "text"; by default from the suffix).

    The file is written next to its final name, flushed to disk, then renamed over it, so a
    crash leaves either the old file or the new one, never half of one.
    """
    target = os.fspath(path)
    fmt = fmt or format_for_path(target)
    if fmt == "json":
        text = dumps_json(trace)
    elif fmt == "text":
        text = format_notation(trace)
    else:
        raise ValueError(f"unknown trace format {fmt!r} for {target!r}: use 'json' or 'text'")
    write_atomically(target, text.encode("utf-8"))
