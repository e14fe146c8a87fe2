"""The JSON format: exact output, strict reading, errors located by line, column and path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.engine.states import State
from trainer.engine.trace import (
    Call, CallKind, Crash, Flag, HostSpec, InitialTcb, Segment, Timeout, Timer, Trace,
    TraceOptions,
)
from trainer.formats import (
    TraceFormatError, dumps_json, parse_notation, trace_from_json, trace_to_json,
)

DATA = Path(__file__).parent / "data"


def test_handshake_json_equals_handshake_text():
    from_json = trace_from_json((DATA / "handshake.json").read_text(encoding="utf-8"))
    from_text = parse_notation((DATA / "handshake.trace").read_text(encoding="utf-8"))
    assert from_json == from_text


def test_everything_fixture_reads_exactly():
    trace = trace_from_json((DATA / "everything.json").read_text(encoding="utf-8"))
    assert trace.options == TraceOptions(msl=30.5, rfc5961=False)
    assert trace.hosts["A"] == HostSpec("Laptop", "client", "[2001:db8::1]:40000")
    assert trace.hosts["B"].initial == InitialTcb(State.ESTABLISHED, 299, 99, 300, 300, 65535,
                                                  100, 65535, True)
    seg = trace.events[3]
    assert seg == Segment("B", 0.05, None, Flag.SYN | Flag.ACK, 300, ack=101, win=65535,
                          length=5, data=b"hello", urgent=0, old_duplicate=True,
                          claims={"A": State.SYN_SENT, "B": State.SYN_RECEIVED},
                          label='free text, "quoted" # not a comment')
    assert trace.events[2].options == {"mss": 1460, "wscale": 7, "sack_permitted": True}
    assert trace.events[4].length == 100 and trace.events[4].data is None
    assert trace.events[4].arrive_time == 1.5  # before its send time: loads, the checker reports
    assert trace.events[6:] == [
        Timeout("A", 3.0, Timer.RETRANSMISSION),
        Timeout("B", 3.5, Timer.KEEPALIVE, {"B": State.ESTABLISHED}),
        Crash("B", 5.0, {"B": State.CLOSED}),
        Call("A", 6.0, CallKind.ABORT),
    ]


def test_output_is_minimal_and_ordered():
    trace = Trace(events=[
        Segment("A", 0.0, 0.05, Flag.ACK | Flag.SYN, 100, ack=7, length=2, data=b"hi",
                claims={}),
        Segment("B", 1.0, None, Flag.NONE, 5, length=3),
        Call("A", 2.0, CallKind.SEND, 10),
        Call("A", 2.5, CallKind.CLOSE, claims={"B": State.CLOSED, "A": State.FIN_WAIT_1}),
    ])
    assert trace_to_json(trace) == {
        "format": "tcp-trainer-trace", "version": 1, "events": [
            {"type": "segment", "from": "A", "send": 0.0, "arrive": 0.05, "flags": ["SYN", "ACK"],
             "seq": 100, "ack": 7, "data": "6869"},
            {"type": "segment", "from": "B", "send": 1.0, "lost": True, "flags": [], "seq": 5,
             "len": 3},
            {"type": "call", "host": "A", "time": 2.0, "call": "send", "bytes": 10},
            {"type": "call", "host": "A", "time": 2.5, "call": "close",
             "claims": {"A": "FIN-WAIT-1", "B": "CLOSED"}},
        ]}
    assert list(trace_to_json(trace)["events"][0]) == [
        "type", "from", "send", "arrive", "flags", "seq", "ack", "data"]


def test_output_key_order_of_a_full_segment_and_header():
    trace = trace_from_json((DATA / "everything.json").read_text(encoding="utf-8"))
    obj = trace_to_json(trace)
    assert list(obj) == ["format", "version", "title", "options", "hosts", "events"]
    assert list(obj["hosts"]["B"]) == ["name", "role", "address", "initial"]
    assert list(obj["hosts"]["B"]["initial"]) == [
        "state", "iss", "irs", "snd_una", "snd_nxt", "snd_wnd", "rcv_nxt", "rcv_wnd", "passive"]
    assert list(obj["events"][3]) == [
        "type", "from", "send", "lost", "flags", "seq", "ack", "win", "data", "urgent",
        "old_duplicate", "claims", "label"]


def test_dumps_json_format():
    text = dumps_json(Trace(title={"zh_CN": "握手", "en": "Handshake"}))
    assert text == ('{\n  "format": "tcp-trainer-trace",\n  "version": 1,\n  "title": {\n'
                    '    "en": "Handshake",\n    "zh_CN": "握手"\n  },\n  "events": []\n}\n')


def test_aliases_and_defaults_on_input():
    trace = trace_from_json({
        "format": "tcp-trainer-trace", "version": 1,
        "hosts": {"B": {"initial": {"state": "syn_rcvd"}}},
        "options": {"msl": 60},
        "events": [{"type": "segment", "from": "A", "send": 0, "arrive": 1, "flags": [],
                    "seq": 1.0, "claims": {}, "options": {}, "old_duplicate": False}],
    })
    assert trace.hosts == {"A": HostSpec("A"),
                           "B": HostSpec("B", initial=InitialTcb(State.SYN_RECEIVED))}
    assert trace.options.msl == 60.0 and isinstance(trace.options.msl, float)
    assert trace.events == [Segment("A", 0.0, 1.0, Flag.NONE, 1)]
    assert isinstance(trace.events[0].send_time, float)


def test_bytes_and_bom_are_accepted():
    text = (DATA / "handshake.json").read_text(encoding="utf-8")
    assert trace_from_json(text.encode("utf-8-sig")) == trace_from_json("\ufeff" + text)


def test_undecodable_bytes_are_a_located_error():
    with pytest.raises(TraceFormatError) as info:
        trace_from_json(b'{"format": "tcp-trainer-trace",\n "x": "\xe9"}', "b.json")
    e = info.value
    assert (e.code, e.params, e.line, e.column, e.offset) == ("not-utf8", {"byte": "0xe9"}, 2,
                                                               8, 39)


# ---- errors --------------------------------------------------------------------------------

SEGMENT = {"type": "segment", "from": "A", "send": 0.0, "arrive": 0.05, "flags": ["SYN"],
           "seq": 100}


def doc_with(**changes) -> str:
    """A one-segment trace, pretty-printed, with the segment's keys changed (None deletes)."""
    event = dict(SEGMENT)
    for key, value in changes.items():
        if value is None:
            event.pop(key)
        else:
            event[key] = value
    return json.dumps({"format": "tcp-trainer-trace", "version": 1, "events": [event]},
                      indent=2)


def position_of(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """Line and column where the nth ``needle`` starts, counted independently of the code."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


ERRORS = [
    # text, code, params, path, needle (where the error must point), nth occurrence
    (doc_with(seq="abc"), "expected-integer", {"what": "events[0].seq", "found": '"abc"'},
     "events[0].seq", '"abc"', 1),
    (doc_with(seq=2**32), "out-of-range",
     {"what": "events[0].seq", "found": "4294967296", "min": 0, "max": 2**32 - 1},
     "events[0].seq", "4294967296", 1),
    (doc_with(seq=True), "expected-integer", {"what": "events[0].seq", "found": "true"},
     "events[0].seq", "true", 1),
    (doc_with(seq=1.5), "expected-integer", {"what": "events[0].seq", "found": "1.5"},
     "events[0].seq", "1.5", 1),
    (doc_with(win=-1), "out-of-range",
     {"what": "events[0].win", "found": "-1", "min": 0, "max": 2**30}, "events[0].win", "-1", 1),
    (doc_with(len=2**40), "out-of-range",
     {"what": "events[0].len", "found": str(2**40), "min": 0, "max": 2**31},
     "events[0].len", str(2**40), 1),
    (doc_with(sqe=5), "unknown-key",
     {"key": "sqe", "where": "events[0]",
      "allowed": "type, from, send, arrive, lost, flags, seq, ack, win, len, data, urgent, "
                 "old_duplicate, options, claims, label"}, "events[0].sqe", '"sqe"', 1),
    (doc_with(seq=None), "missing-key", {"key": "seq", "where": "events[0]"}, "events[0]",
     '{\n      "type"', 1),
    (doc_with(arrive=None), "arrive-or-lost", {}, "events[0]", '{\n      "type"', 1),
    (doc_with(lost=True), "arrive-and-lost", {}, "events[0].lost", '"lost"', 1),
    (doc_with(arrive=None, lost=False), "expected-true", {"what": "events[0].lost"},
     "events[0].lost", "false", 1),
    (doc_with(arrive=-0.5), "out-of-range",
     {"what": "events[0].arrive", "found": "-0.5", "min": 0, "max": 1000000000},
     "events[0].arrive", "-0.5", 1),
    (doc_with(send="0"), "expected-number", {"what": "events[0].send", "found": '"0"'},
     "events[0].send", '"0"', 1),
    (doc_with(flags=["SYN", "ACK"]), "ack-value-missing", {}, "events[0].flags", "[\n", 2),
    (doc_with(flags=["SYN", "syn"]), "unknown-flag", {"found": "syn"}, "events[0].flags[1]",
     '"syn"', 1),
    (doc_with(flags=["FIN", "FIN"]), "duplicate-flag", {"found": "FIN"}, "events[0].flags[1]",
     '"FIN"', 2),
    (doc_with(flags="SYN"), "expected-array", {"what": "events[0].flags", "found": '"SYN"'},
     "events[0].flags", '"SYN"', 1),
    (doc_with(data="ABCD"), "invalid-hex", {"what": "events[0].data", "found": '"ABCD"'},
     "events[0].data", '"ABCD"', 1),
    (doc_with(data="abc"), "invalid-hex", {"what": "events[0].data", "found": '"abc"'},
     "events[0].data", '"abc"', 1),
    (doc_with(data="abcd", len=3), "len-data-mismatch", {"len": 3, "data_len": 2},
     "events[0].len", "3", 1),
    (doc_with(**{"from": "C"}), "unknown-host", {"found": "C"}, "events[0].from", '"C"', 1),
    (doc_with(claims={"A": "SYN_SEND"}), "unknown-state", {"found": "SYN_SEND"},
     "events[0].claims.A", '"SYN_SEND"', 1),
    (doc_with(claims={"C": "LISTEN"}), "unknown-host", {"found": "C"}, "events[0].claims.C",
     '"C"', 1),
    (doc_with(options={"mss": 1460, "wscale": 15}), "out-of-range",
     {"what": "events[0].options.wscale", "found": "15", "min": 0, "max": 14},
     "events[0].options.wscale", "15", 1),
    (doc_with(options={"sack_permitted": False}), "expected-true",
     {"what": "events[0].options.sack_permitted"}, "events[0].options.sack_permitted",
     "false", 1),
    (doc_with(options={"timestamps": 1}), "unknown-key",
     {"key": "timestamps", "where": "events[0].options",
      "allowed": "mss, wscale, sack_permitted"}, "events[0].options.timestamps",
     '"timestamps"', 1),
    (doc_with(type="segmnet"), "unknown-event-type", {"found": '"segmnet"'}, "events[0].type",
     '"segmnet"', 1),
    (doc_with(label=12345), "expected-string", {"what": "events[0].label", "found": "12345"},
     "events[0].label", "12345", 1),
]


@pytest.mark.parametrize("text, code, params, path, needle, nth", ERRORS,
                         ids=[f"{i}-{e[1]}" for i, e in enumerate(ERRORS)])
def test_errors_are_located(text, code, params, path, needle, nth):
    with pytest.raises(TraceFormatError) as info:
        trace_from_json(text, "t.json")
    e = info.value
    assert (e.code, e.params, e.path) == (code, params, path)
    assert (e.line, e.column) == position_of(text, needle, nth)
    assert str(e).startswith(f"t.json:{e.line}:{e.column}: ")


def test_error_positions_literal():
    text = ('{"format": "tcp-trainer-trace", "version": 1, "events": [\n'
            '  {"type": "call", "host": "A", "time": 0, "call": "listen"},\n'
            '  {"type": "call", "host": "A", "time": 1, "call": "send", "bytes": 0}\n'
            ']}\n')
    with pytest.raises(TraceFormatError) as info:
        trace_from_json(text, "x.json")
    assert str(info.value) == ("x.json:3:69: events[1].bytes must be between 1 and "
                               "2147483648, found '0'")
    assert info.value.render("zh_CN") == (
        "x.json 第 3 行第 69 列：events[1].bytes 应在 1 到 2147483648 之间，实际是 '0'")


ENVELOPE = '{"format": "tcp-trainer-trace", "version": 1, "events": []'


@pytest.mark.parametrize("text, code, params, path, needle, nth", [
    ('[1, 2]', "json-not-object", {"found": "[...]"}, "trace", "[", 1),
    ('{"events": []}', "not-a-trace", {}, "trace", "{", 1),
    ('{"format": "pcap", "version": 1}', "not-a-trace", {}, "format", '"pcap"', 1),
    ('{"format": "tcp-trainer-trace", "events": []}', "missing-key",
     {"key": "version", "where": "trace"}, "trace", "{", 1),
    ('{"format": "tcp-trainer-trace", "version": 2, "events": []}', "unsupported-version",
     {"found": "2", "supported": 1}, "version", "2", 1),
    ('{"format": "tcp-trainer-trace", "version": "1", "events": []}', "expected-integer",
     {"what": "version", "found": '"1"'}, "version", '"1"', 1),
    ('{"format": "tcp-trainer-trace", "version": 1}', "missing-key",
     {"key": "events", "where": "trace"}, "trace", "{", 1),
    (ENVELOPE + ', "colour": 1}', "unknown-key",
     {"key": "colour", "where": "trace",
      "allowed": "format, version, title, description, options, hosts, events"},
     "colour", '"colour"', 1),
    (ENVELOPE + ', "title": {"english": "x"}}', "invalid-language", {"found": "english"},
     "title.english", '"english"', 1),
    (ENVELOPE + ', "title": {"en": 1}}', "expected-string", {"what": "title.en", "found": "1"},
     "title.en", "1}", 1),
    (ENVELOPE + ', "options": {"msl": 0}}', "out-of-range",
     {"what": "options.msl", "found": "0", "min": 0.001, "max": 1000000000}, "options.msl",
     "0}", 1),
    (ENVELOPE + ', "options": {"rfc5961": "yes"}}', "expected-boolean",
     {"what": "options.rfc5961", "found": '"yes"'}, "options.rfc5961", '"yes"', 1),
    (ENVELOPE + ', "hosts": {"C": {}}}', "unknown-host", {"found": "C"}, "hosts.C", '"C"', 1),
    (ENVELOPE + ', "hosts": {"A": {"role": "boss"}}}', "unknown-role", {"found": "boss"},
     "hosts.A.role", '"boss"', 1),
    (ENVELOPE + ', "hosts": {"A": {"address": "10.0.0.1:99999"}}}', "invalid-address",
     {"found": "10.0.0.1:99999"}, "hosts.A.address", '"10.0.0.1', 1),
    (ENVELOPE + ', "hosts": {"A": {"initial": {"iss": 1}}}}', "missing-key",
     {"key": "state", "where": "hosts.A.initial"}, "hosts.A.initial", '{"iss"', 1),
    (ENVELOPE + ', "hosts": {"A": {"initial": {"state": "ESTABLISHED", "passive": 1}}}}',
     "expected-boolean", {"what": "hosts.A.initial.passive", "found": "1"},
     "hosts.A.initial.passive", "1}", 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "crash", "host": "A",'
     ' "time": NaN}]}', "expected-number", {"what": "events[0].time", "found": "NaN"},
     "events[0].time", "NaN", 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "crash", "host": "A",'
     ' "time": 1e999}]}', "out-of-range",
     {"what": "events[0].time", "found": "Infinity", "min": 0, "max": 1000000000},
     "events[0].time", "1e999", 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "crash", "host": "A",'
     ' "host": "B", "time": 1}]}', "duplicate-key", {"key": "host"}, "events[0].host",
     '"host"', 2),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "call", "host": "A",'
     ' "time": 1, "call": "close", "bytes": 5}]}', "bytes-not-allowed", {"call": "close"},
     "events[0].bytes", '"bytes"', 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "call", "host": "A",'
     ' "time": 1, "call": "send"}]}', "missing-key", {"key": "bytes", "where": "events[0]"},
     "events[0]", '{"type"', 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "call", "host": "A",'
     ' "time": 1, "call": "open"}]}', "unknown-call", {"found": "open"}, "events[0].call",
     '"open"', 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "timeout", '
     '"host": "A", "time": 1, "timer": "rto"}]}', "unknown-timer", {"found": "rto"},
     "events[0].timer", '"rto"', 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [7]}', "expected-object",
     {"what": "events[0]", "found": "7"}, "events[0]", "7", 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"time": 1}]}', "missing-key",
     {"key": "type", "where": "events[0]"}, "events[0]", '{"time"', 1),
    ('{"format": "tcp-trainer-trace", "version": 1, "events": [{"type": "segment", "from": "A",'
     ' "send": 0, "arrive": 0, "flags": [], "seq": ' + "9" * 5000 + '}]}', "out-of-range",
     {"what": "events[0].seq", "found": "9" * 39 + "…", "min": 0, "max": 2**32 - 1},
     "events[0].seq", "9999", 1),
    ('{"a\\u0022b": 1, "format": "tcp-trainer-trace", "version": 1, "events": []}',
     "unknown-key", {"key": 'a"b', "where": "trace",
                     "allowed": "format, version, title, description, options, hosts, events"},
     'a"b', '"a', 1),
])
def test_structure_errors_are_located(text, code, params, path, needle, nth):
    test_errors_are_located(text, code, params, path, needle, nth)


@pytest.mark.parametrize("text, code, line, column", [
    ('{"format": "tcp-trainer-trace",\n "version": 1,\n "events": [\n'
     '  {"type": "crash" "host": "A"}]}', "json-expected-comma", 4, 20),
    ('{"format": "x", "events": [],}', "json-expected-key", 1, 30),
    ('{"format": "x", "events": [1,]}', "json-expected-value", 1, 30),
    ('{"format" "x"}', "json-expected-colon", 1, 11),
    ('{"format": "x\n"}', "json-control-character", 1, 14),
    ('{"format": "x\\q"}', "json-bad-escape", 1, 14),
    ('{"format": "x', "json-unterminated-string", 1, 12),
    ('{} {}', "json-extra-data", 1, 4),
    ('{', "json-expected-key", 1, 2),
    ('  \n{"a": tru}', "json-expected-value", 2, 7),
])
def test_json_syntax_errors(text, code, line, column):
    with pytest.raises(TraceFormatError) as info:
        trace_from_json(text, "s.json")
    assert (info.value.code, info.value.line, info.value.column) == (code, line, column)
    assert info.value.params == {}


def test_lone_surrogate_escape_is_refused():
    text = doc_with(label="x").replace('"label": "x"', '"label": "a\\ud800"')
    with pytest.raises(TraceFormatError) as info:
        trace_from_json(text)
    assert (info.value.code, info.value.path) == ("json-bad-escape", "events[0].label")
    assert (info.value.line, info.value.column) == position_of(text, '"a\\ud800"')


def test_deep_nesting_is_a_format_error():
    with pytest.raises(TraceFormatError) as info:
        trace_from_json("[" * 200000 + "]" * 200000)
    assert info.value.code == "json-syntax"


def test_dict_input_errors_have_a_path_but_no_position():
    with pytest.raises(TraceFormatError) as info:
        trace_from_json({"format": "tcp-trainer-trace", "version": 1,
                         "events": [dict(SEGMENT, seq=-5)]}, "memory")
    e = info.value
    assert (e.code, e.path, e.line, e.column, e.offset) == (
        "out-of-range", "events[0].seq", None, None, None)
    assert str(e) == "memory: events[0].seq must be between 0 and 4294967295, found '-5'"
    assert e.render("zh_CN") == "memory：events[0].seq 应在 0 到 4294967295 之间，实际是 '-5'"
