"""Every connection of every capture fixture, imported and saved in either trace format, reads
back as the same connection: the same verdict and the same state histories. (An inferred
arrival half a microsecond after a send once came back on the wrong side of it from the text
notation, which writes microseconds unless the order of the events needs more.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.capture import CaptureSession
from trainer.capture.importing import trace_for_import
from trainer.engine.checker import check
from trainer.formats.json_trace import dumps_json, trace_from_json
from trainer.formats.notation import format_notation, parse_notation

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(p.name for p in DATA.iterdir() if p.suffix in (".pcap", ".pcapng"))


def histories(result):
    return [[s.value for s in result.state_history(h)] for h in "AB"]


@pytest.mark.parametrize("name", FIXTURES)
def test_imported_connections_survive_both_formats(name):
    session = CaptureSession(DATA / name)
    assert session.connections
    for index in range(len(session.connections)):
        conn = session.check(index)
        trace = trace_for_import(session, index, conn)
        for label, saved in (("text", parse_notation(format_notation(trace))),
                             ("json", trace_from_json(dumps_json(trace)))):
            again = check(saved)
            where = f"{name} connection {index} via {label}"
            assert again.valid == conn.result.valid, (where, again.errors()[:1])
            assert histories(again) == histories(conn.result), where
