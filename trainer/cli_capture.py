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
import sys
from functools import partial

from trainer.i18n.ui_text import text

CAPTURE_SUFFIXES = (".pcap", ".pcapng", ".cap", ".ntar")
EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


#: Trace files are never sniffed: opening one must not read it twice.
TRACE_SUFFIXES = (".tcpt", ".tcptrace", ".json", ".trace", ".txt")
#: The first four bytes of a capture: classic pcap (either byte order, micro or nano) and the
#: pcapng section header block. Kept here so that asking costs no import of trainer.capture
#: (the GUI asks before its first paint); a test holds them equal to the readers' own.
CAPTURE_MAGICS = frozenset((b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1",
                            b"\xa1\xb2\x3c\x4d", b"\x0a\x0d\x0d\x0a"))


def is_capture(path: str) -> bool:
    """By suffix, or by the pcap/pcapng magic at the start of a file with another suffix."""
    lower = str(path).lower()
    if lower.endswith(CAPTURE_SUFFIXES):
        return True
    if lower.endswith(TRACE_SUFFIXES):
        return False
    try:
        with open(path, "rb") as f:
            return f.read(4) in CAPTURE_MAGICS
    except OSError:
        return False


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
    from trainer.capture import CaptureFormatError, open_capture
    from trainer.capture.check import default_workers_for_size

    which = getattr(args, "connection", None)
    try:
        with open_capture(args.file) as probe:  # an unreadable file fails here, before any work
            size = probe.size
    except CaptureFormatError as exc:
        err(exc.message(lang))
        return EXIT_UNUSABLE
    workers = 1 if which is not None else default_workers_for_size(size)
    render = partial(render_json if args.json else render_line, lang=lang, painter=painter)
    if workers > 1:
        from trainer.capture.parallel import check_in_parallel

        summary, items = check_in_parallel(args.file, render, workers,
                                           _progress_printer(sys.stderr.isatty(), lang))
    else:
        session = _open_session(args, lang, err)
        if session is None:
            return EXIT_UNUSABLE
        which = _selected(session, args, lang, err)
        if which is False:
            return EXIT_UNUSABLE
        summary = _summary(session)
        if which is not None and not args.json:
            return _print_one(session, which, summary, lang, painter, err)
        items = ((conn.id, *render(conn)) for conn in session.checked(which))
    if args.json:
        valid = _stream_json(args.file, summary, items, lang)
    else:
        valid = _print_human(args.file, summary, items, lang, painter)
    return _finish(summary, valid, lang, err)


def _finish(summary, valid: bool, lang: str, err) -> int:
    if summary.error is not None:
        err(summary.error.message(lang))
        err(text("capture.cut_short", lang))
        return EXIT_UNUSABLE
    return EXIT_OK if valid else EXIT_INVALID


def _summary(session):
    from trainer.capture.parallel import Summary

    return Summary(session.format, session.packets, session.counts, session.warnings,
                   session.warning_count, session.error, len(session.connections))


# ---- what each connection becomes (in a worker process for big captures) ------------------------
# Both return (valid, text without the connection's number): the parent numbers them.

def render_json(conn, lang: str, painter=None) -> tuple[bool, str]:
    from trainer.report import connection_json

    line = connection_json(conn.trace, conn.result, lang, 0, {
        "packets": conn.packets, "first_frame": conn.first_frame, "explained": conn.explained})
    return conn.result.valid, line[len('{"id":0,'):]


def render_line(conn, lang: str, painter) -> tuple[bool, str]:
    from trainer.i18n.catalog import render_finding
    from trainer.report import display_names

    result = conn.result
    states = result.steps[-1].states if result.steps else result.initial
    a, b = conn.endpoints
    parts = [f"{a} → {b}", text("capture.packets", lang, n=conn.packets),
             text("capture.final", lang, a=states[0].value, b=states[1].value)]
    lost = sum(1 for note in result.inferred if note.get("event") == "lost")
    late = sum(1 for note in result.inferred if note.get("event") in ("arrived-after", "sent-before"))
    if lost or late:
        parts.append(text("capture.inferred_count", lang, lost=lost, late=late))
    if result.valid:
        parts.append(painter(text("capture.valid", lang), "green"))
    else:
        first = result.errors()[0]
        segment = first.segment if first.segment is not None else 0
        message = render_finding(first, lang, display_names(conn.trace))
        parts.append(painter(text("capture.invalid", lang, segment=segment,
                                  frame=_frame_of(conn, segment), message=message), "red"))
    return result.valid, "  ".join(parts)


def _stream_json(path: str, summary, items, lang: str) -> bool:
    """Connections are streamed first; what is known only once the file is read follows."""
    out = sys.stdout
    out.write(json.dumps({"file": path, "format": summary.format}, ensure_ascii=False)[:-1]
              + ', "connections": [\n')
    all_valid = True
    for n, (number, valid, rest) in enumerate(items):
        all_valid = all_valid and valid
        out.write(("," if n else "") + '{"id":%d,' % number + rest + "\n")
    error = summary.error
    tail = {
        "packets": summary.packets,
        "counts": summary.counts,
        "warnings": [{"offset": w.offset, "frame": w.frame, "code": w.code, "params": w.params,
                      "message": w.message("", lang)} for w in summary.warnings],
        "warning_count": summary.warning_count,
        "error": None if error is None else {
            "offset": error.offset, "code": error.code, "params": error.params,
            "message": error.message(lang)},
    }
    out.write("], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
    return all_valid


def _print_header(path: str, summary, lang: str, painter) -> None:
    print(painter(text("capture.header", lang, file=path, format=summary.format,
                       packets=summary.packets, connections=summary.connections,
                       n=summary.packets), "bold"))
    ignored = {k: v for k, v in summary.counts.items() if k != "tcp"}
    if ignored:
        print(text("capture.ignored", lang,
                   counts=", ".join(f"{k} {v}" for k, v in sorted(ignored.items()))))
    if summary.warning_count:
        print(text("capture.warnings", lang, n=summary.warning_count))
        for warning in summary.warnings[:10]:
            print("  " + warning.message(path, lang))
        if summary.warning_count > 10:
            print("  " + text("capture.more_warnings", lang, n=summary.warning_count - 10))


def _print_human(path: str, summary, items, lang: str, painter) -> bool:
    _print_header(path, summary, lang, painter)
    if not summary.connections:
        print(text("capture.no_connections", lang))
        return True
    valid = total = 0
    for number, ok, line in items:
        total += 1
        valid += ok
        print(f"#{number}  {line}")
    print(painter(text("capture.summary", lang, valid=valid, total=total),
                  "green" if valid == total else "red", "bold"))
    return valid == total


def _print_one(session, which: int, summary, lang: str, painter, err) -> int:
    """``--connection N`` in human mode: the step table, then the one-line summary."""
    from trainer.cli import format_check

    _print_header(session.path, summary, lang, painter)
    conn = session.check(which)
    print(format_check(session.path, [(conn.trace, conn.result)], lang, painter))
    ok, line = render_line(conn, lang, painter)
    print(f"#{which}  {line}")
    return _finish(summary, ok, lang, err)


def _frame_of(conn, segment: int) -> int | str:
    """The capture frame number of a connection's segment (for Wireshark users)."""
    return conn.frames[segment] if 0 <= segment < len(conn.frames) else "?"


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
