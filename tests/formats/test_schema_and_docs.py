"""The JSON Schema agrees with the reader, and the user documentation's examples are real."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest

from trainer.formats import (
    TraceFormatError, format_notation, load_trace, parse_notation, trace_from_json,
    trace_to_json,
)

REPO = Path(__file__).parents[2]
DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((REPO / "resources/schemas/trace-v1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
DOC = (REPO / "resources/docs/trace-format.md").read_text(encoding="utf-8")
FIXTURES = sorted(p for p in DATA.iterdir() if p.suffix in (".json", ".trace"))


def test_schema_is_valid_draft_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_and_its_output_validate(path):
    if path.suffix == ".json":
        VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))
    VALIDATOR.validate(trace_to_json(load_trace(path)))


def _envelope(*events, **top) -> dict:
    return {"format": "tcp-trainer-trace", "version": 1, "events": list(events), **top}


SEGMENT = {"type": "segment", "from": "A", "send": 0.0, "arrive": 0.05, "flags": ["SYN"],
           "seq": 100}

# Documents both the schema and the reader must refuse.
INVALID = {
    "unknown top key": _envelope(colour=1),
    "wrong version": {**_envelope(), "version": 2},
    "no events": {"format": "tcp-trainer-trace", "version": 1},
    "host C": _envelope(hosts={"C": {}}),
    "bad role": _envelope(hosts={"A": {"role": "boss"}}),
    "initial without state": _envelope(hosts={"A": {"initial": {"iss": 1}}}),
    "state alias in claims": _envelope({**SEGMENT, "claims": {"A": "SYN_SEND"}}),
    "seq too big": _envelope({**SEGMENT, "seq": 2**32}),
    "negative time": _envelope({**SEGMENT, "send": -1}),
    "huge time": _envelope({**SEGMENT, "send": 1e10}),
    "arrive and lost": _envelope({**SEGMENT, "lost": True}),
    "neither arrive nor lost": _envelope({k: v for k, v in SEGMENT.items() if k != "arrive"}),
    "lost false": _envelope({**{k: v for k, v in SEGMENT.items() if k != "arrive"},
                             "lost": False}),
    "ACK without ack": _envelope({**SEGMENT, "flags": ["SYN", "ACK"]}),
    "lowercase flag": _envelope({**SEGMENT, "flags": ["syn"]}),
    "duplicate flag": _envelope({**SEGMENT, "flags": ["SYN", "SYN"]}),
    "uppercase hex": _envelope({**SEGMENT, "data": "AB"}),
    "odd hex": _envelope({**SEGMENT, "data": "abc"}),
    "wscale 15": _envelope({**SEGMENT, "options": {"wscale": 15}}),
    "sack false": _envelope({**SEGMENT, "options": {"sack_permitted": False}}),
    "unknown segment key": _envelope({**SEGMENT, "sqe": 1}),
    "send without bytes": _envelope({"type": "call", "host": "A", "time": 0, "call": "send"}),
    "send zero bytes": _envelope({"type": "call", "host": "A", "time": 0, "call": "send",
                                  "bytes": 0}),
    "bytes on close": _envelope({"type": "call", "host": "A", "time": 0, "call": "close",
                                 "bytes": 1}),
    "unknown call": _envelope({"type": "call", "host": "A", "time": 0, "call": "open"}),
    "timer alias": _envelope({"type": "timeout", "host": "A", "time": 0, "timer": "rto"}),
    "unknown type": _envelope({"type": "teleport", "host": "A", "time": 0}),
    "bad language": _envelope(title={"english": "x"}),
    "msl zero": _envelope(options={"msl": 0}),
    "bad address": _envelope(hosts={"A": {"address": "localhost:80"}}),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_schema_and_reader_both_refuse(name):
    doc = INVALID[name]
    assert not VALIDATOR.is_valid(doc), name
    with pytest.raises(TraceFormatError):
        trace_from_json(json.dumps(doc))


def test_len_data_agreement_is_checked_by_the_reader_only():
    doc = _envelope({**SEGMENT, "data": "abcd", "len": 3})
    assert VALIDATOR.is_valid(doc)  # JSON Schema cannot compare two values
    with pytest.raises(TraceFormatError) as info:
        trace_from_json(doc)
    assert info.value.code == "len-data-mismatch"


def test_arrival_before_send_is_valid_for_both():
    doc = _envelope({**SEGMENT, "send": 5.0, "arrive": 1.0})
    assert VALIDATOR.is_valid(doc)
    assert trace_from_json(copy.deepcopy(doc)).events[0].arrive_time == 1.0


# ---- the documentation ---------------------------------------------------------------------

def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)


def test_doc_has_the_promised_examples():
    traces = _blocks("trace")
    assert len(traces) == 4
    titles = [parse_notation(t).title.get("en") for t in traces]
    assert titles == ["Basic three-way handshake", "Normal close", "Simultaneous close",
                      "A lost SYN is retransmitted"]


@pytest.mark.parametrize("block", _blocks("trace"), ids=lambda b: b.splitlines()[0][:30])
def test_doc_trace_examples_parse_and_round_trip(block):
    trace = parse_notation(block, "trace-format.md")
    assert parse_notation(format_notation(trace)) == trace
    VALIDATOR.validate(trace_to_json(trace))


def test_doc_examples_match_the_fixtures():
    by_title = {parse_notation(b).title["en"]: parse_notation(b) for b in _blocks("trace")}
    for name in ("teardown", "simultaneous-close"):
        fixture = load_trace(DATA / f"{name}.trace")
        doc = by_title[fixture.title["en"]]
        assert doc.events == fixture.events and doc.hosts == fixture.hosts


@pytest.mark.parametrize("block", _blocks("json"))
def test_doc_json_example_is_valid(block):
    VALIDATOR.validate(json.loads(block))
    trace = trace_from_json(block, "trace-format.md")
    assert len(trace.events) == 7
    assert trace.events[6].data == b"hello"


def test_doc_error_example_is_what_the_reader_says():
    text, zh = _blocks("text")[0].splitlines()[:2]
    with pytest.raises(TraceFormatError) as info:
        parse_notation("# RFC 9293\ntitle: x\nhost A client\n\n0.000 A>B SYN seq=abc",
                       "handshake.trace")
    assert str(info.value) == text
    assert info.value.render("zh_CN") == zh
