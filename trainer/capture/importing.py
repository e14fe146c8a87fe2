"""One connection of a capture as a trace to open or save, and a short summary of a checked
connection for lists: shared by ``tcp-trainer import`` and the desktop app's Import Capture.

No Qt here; sentences come from ``trainer.i18n`` in the language asked for.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from trainer.capture.check import CaptureConnection, CaptureSession
from trainer.engine.findings import Finding
from trainer.engine.trace import Trace
from trainer.i18n.locale import SUPPORTED
from trainer.i18n.ui_text import text


def trace_for_import(session: CaptureSession, index: int,
                     connection: CaptureConnection | None = None) -> Trace:
    """Connection ``index`` of ``session`` as a trace with every inferred arrival and loss
    explicit and a title and description in every shipped language. ``connection`` is the
    already checked connection, if the caller has it (checking is the costly part)."""
    conn = connection if connection is not None else session.check(index)
    trace = conn.trace
    a, b = conn.endpoints
    name = os.path.basename(session.path)
    start = datetime.datetime.fromtimestamp(session.origin, datetime.UTC)
    for lang in SUPPORTED:
        trace.title[lang] = text("import.title", lang, a=a, b=b, id=conn.id, file=name)
        trace.description[lang] = text("import.description", lang, file=name,
                                       start=start.strftime("%Y-%m-%d %H:%M:%S.%f"))
    return trace


def suggested_file_name(session: CaptureSession, index: int) -> str:
    """``<capture>-conn<N>.json``: what Save As proposes for an imported connection."""
    stem = os.path.splitext(os.path.basename(session.path))[0] or "capture"
    return f"{stem}-conn{index}.json"


@dataclass(frozen=True, slots=True)
class ConnectionSummary:
    """What a list of connections shows about one checked connection; sentences are rendered
    on demand (``verdict``, ``inferred_sentences``) so that a language switch needs no check."""

    id: int
    final_states: tuple[str, str]  # RFC state names of A and B after the last step
    valid: bool
    explained: bool
    lost: int
    late: int
    first_error: Finding | None
    error_frame: int | str | None
    names: dict
    notes: tuple[dict, ...]

    def verdict(self, lang: str) -> str:
        """The first error as a sentence ("" when the connection is valid)."""
        from trainer.i18n.catalog import render_finding

        if self.first_error is None:
            return ""
        segment = self.first_error.segment if self.first_error.segment is not None else 0
        return text("capture.invalid", lang, segment=segment, frame=self.error_frame,
                    message=render_finding(self.first_error, lang, self.names))

    def inferred_sentences(self, lang: str) -> list[str]:
        """One sentence per inferred loss or late arrival."""
        out = []
        for note in self.notes:
            event = note.get("event")
            key = f"infer.{event}"
            if event == "lost" and note.get("reason"):
                key = f"infer.lost.{note['reason']}"
            params = {"segment": note.get("segment", "?"), "frame": note.get("frame", "?"),
                      "after": note.get("after", "?")}
            try:
                out.append(text(key, lang, **params))
            except KeyError:
                out.append(f"{event}: " + ", ".join(f"{k}={v}" for k, v in note.items()))
        return out


def summarize(conn: CaptureConnection) -> ConnectionSummary:
    """The summary of a checked connection (small: lists keep these, not the traces)."""
    from trainer.report import display_names

    result = conn.result
    states = result.steps[-1].states if result.steps else result.initial
    notes = tuple(n for n in result.inferred if n.get("event") in ("lost", "arrived-after"))
    errors = result.errors()
    first = errors[0] if errors else None
    frame = None
    if first is not None:
        frame = _frame_of(conn, first.segment if first.segment is not None else 0)
    return ConnectionSummary(
        conn.id, (states[0].value, states[1].value), result.valid, conn.explained,
        sum(1 for n in notes if n["event"] == "lost"),
        sum(1 for n in notes if n["event"] == "arrived-after"),
        first, frame, display_names(conn.trace), notes)


def _frame_of(conn: CaptureConnection, segment: int) -> int | str:
    """The capture frame number of a connection's segment (what Wireshark shows)."""
    if 0 <= segment < len(conn.frames):
        return conn.frames[segment]
    return "?"
