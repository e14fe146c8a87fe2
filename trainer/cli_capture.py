"""``tcp-trainer check CAPTURE`` and ``tcp-trainer import CAPTURE``: the capture half of the CLI.

Human mode prints one line per connection (endpoints, packets, final states, verdict); with
``--connection N`` it prints that connection's step table as for a trace file. ``--json`` streams
the engine's report shape one connection at a time, so a 200k-packet capture never needs all its
reports in memory. Exit codes as for traces: 0 all valid, 1 a connection is invalid, 2 the file
cannot be read (or was cut short: what could be read is still reported first).
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
from functools import partial

from trainer.i18n.ui_text import text

CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap", ".ntar")
EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


def is_capture(path: str) -> bool:
    """By suffix, or by the pcap/pcapng magic at the start of the file."""
    if path.lower().endswith(CAPTURE_SUFFIXES):
        return True
    from trainer.capture.readers import PCAP_MAGICS, PCAPNG_SHB

    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except OSError:
        return False
    return head in PCAP_MAGICS or (len(head) == 4 and struct.unpack("<I", head)[0] == PCAPNG_SHB)


def _progress_printer(enabled: bool, lang: str):
    """A one-line progress display on stderr, only when it is a terminal."""
    if not enabled:
        return None

    def show(phase: str, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        word = "…" if lang == "zh_CN" else "..."
        print(f"\r{phase} {percent:3d}%{word}", end="", file=sys.stderr, flush=True)
        if phase == "check" and done >= total:
            print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)

    return show


def _open_session(args, lang: str, err):
    from trainer.capture import CaptureFormatError, CaptureSession

    try:
        return CaptureSession(args.file, _progress_printer(sys.stderr.isatty(), lang))
    except CaptureFormatError as exc:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        err(exc.message(lang))
        return None


def _selected(session, args, lang: str, err) -> int | None | bool:
    """The connection index asked for (``None``: all); ``False`` after reporting a bad one."""
    which = getattr(args, "connection", None)
    if which is None:
        return None
    count = len(session.connections)
    if not 0 <= which < count:
        err(text("error.no_connection", lang, file=args.file, id=which, count=count,
                 last=max(count - 1, 0)))
        return False
    return which


def cmd_check_capture(args: argparse.Namespace, lang: str, err, painter) -> int:
    session = _open_session(args, lang, err)
    if session is None:
        return EXIT_UNUSABLE
    which = _selected(session, args, lang, err)
    if which is False:
        return EXIT_UNUSABLE
    if args.json:
        valid = _stream_json(session, which, lang)
    else:
        valid = _print_human(session, which, lang, painter)
    if session.error is not None:
        err(session.error.message(lang))
        err(text("capture.cut_short", lang))
        return EXIT_UNUSABLE
    return EXIT_OK if valid else EXIT_INVALID


def render_json(conn, lang: str) -> tuple[bool, str]:
    """One connection's report line (runs in a worker process for big captures)."""
    from trainer.report import connection_json

    return conn.result.valid, connection_json(
        conn.trace, conn.result, lang, conn.id,
        {"packets": conn.packets, "first_frame": conn.first_frame, "explained": conn.explained})


def _stream_json(session, which, lang: str) -> bool:
    out = sys.stdout
    head = {
        "file": session.path,
        "format": session.format,
        "packets": session.packets,
        "counts": session.counts,
        "warnings": [{"offset": w.offset, "frame": w.frame, "code": w.code, "params": w.params,
                      "message": w.message("", lang)} for w in session.warnings],
        "warning_count": session.warning_count,
        "error": None if session.error is None else {
            "offset": session.error.offset, "code": session.error.code,
            "params": session.error.params, "message": session.error.message(lang)},
    }
    text_head = json.dumps(head, ensure_ascii=False)
    out.write(text_head[:-1] + ', "connections": [\n')
    all_valid = True
    for n, (valid, line) in enumerate(session.map_checked(partial(render_json, lang=lang), which)):
        all_valid = all_valid and valid
        out.write(("," if n else "") + line + "\n")
    out.write("]}\n")
    return all_valid


def _print_human(session, which, lang: str, painter) -> bool:
    from trainer.cli import format_check
    from trainer.i18n.catalog import render_finding
    from trainer.report import display_names

    print(painter(text("capture.header", lang, file=session.path, format=session.format,
                       packets=session.packets, connections=len(session.connections),
                       n=session.packets), "bold"))
    ignored = {k: v for k, v in session.counts.items() if k != "tcp"}
    if ignored:
        print(text("capture.ignored", lang,
                   counts=", ".join(f"{k} {v}" for k, v in sorted(ignored.items()))))
    if session.warning_count:
        print(text("capture.warnings", lang, n=session.warning_count))
        for warning in session.warnings[:10]:
            print("  " + warning.message(session.path, lang))
        if session.warning_count > 10:
            print("  " + text("capture.more_warnings", lang, n=session.warning_count - 10))
    if not session.connections:
        print(text("capture.no_connections", lang))
        return True
    valid = total = 0
    for conn in session.checked(which):
        total += 1
        result = conn.result
        if which is not None:
            print(format_check(session.path, [(conn.trace, result)], lang, painter))
        states = [result.steps[-1].states if result.steps else result.initial][0]
        a, b = conn.endpoints
        parts = [f"#{conn.id}", f"{a} → {b}", text("capture.packets", lang, n=conn.packets),
                 text("capture.final", lang, a=states[0].value, b=states[1].value)]
        lost = sum(1 for note in result.inferred if note.get("event") == "lost")
        late = sum(1 for note in result.inferred if note.get("event") == "arrived-after")
        if lost or late:
            parts.append(text("capture.inferred_count", lang, lost=lost, late=late))
        if result.valid:
            valid += 1
            parts.append(painter(text("capture.valid", lang), "green"))
        else:
            first = result.errors()[0]
            segment = first.segment if first.segment is not None else 0
            frame = _frame_of(conn, segment)
            message = render_finding(first, lang, display_names(conn.trace))
            parts.append(painter(text("capture.invalid", lang, segment=segment, frame=frame,
                                      message=message), "red"))
        print("  ".join(parts))
    print(painter(text("capture.summary", lang, valid=valid, total=total),
                  "green" if valid == total else "red", "bold"))
    return valid == total


def _frame_of(conn, segment: int) -> int | str:
    """The capture frame number of a connection's segment (for Wireshark users)."""
    for note in conn.result.inferred:
        if note.get("segment") == segment and "frame" in note:
            return note["frame"]
    frames = getattr(conn, "frames", None)
    if frames and 0 <= segment < len(frames):
        return frames[segment]
    return "?"


# ---- import -------------------------------------------------------------------------------------

def cmd_import(args: argparse.Namespace, lang: str, err) -> int:
    from trainer.formats import save_trace

    if not is_capture(args.file) and os.path.isfile(args.file):
        err(text("error.not_a_capture", lang, file=args.file))
        return EXIT_UNUSABLE
    session = _open_session(args, lang, err)
    if session is None:
        return EXIT_UNUSABLE
    if args.connection is None:
        args.connection = 0
    which = _selected(session, args, lang, err)
    if which is False:
        return EXIT_UNUSABLE
    from trainer.capture.importing import trace_for_import

    conn = session.check(which)
    trace = trace_for_import(session, which, conn)
    a, b = conn.endpoints
    try:
        save_trace(trace, args.output)
    except OSError as exc:
        err(text("error.cannot_write", lang, file=args.output, reason=exc.strerror or str(exc)))
        return EXIT_UNUSABLE
    print(text("import.written", lang, id=conn.id, a=a, b=b, packets=conn.packets,
               file=args.output))
    if session.error is not None:
        err(session.error.message(lang))
        err(text("capture.cut_short", lang))
        return EXIT_UNUSABLE
    return EXIT_OK
