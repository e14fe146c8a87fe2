"""Property tests: random traces survive every round trip; random input never crashes a reader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from trainer.engine.states import State
from trainer.engine.trace import (
    FLAG_ORDER, Call, CallKind, Crash, Flag, HostSpec, InitialTcb, Segment, Timeout, Timer,
    Trace, TraceOptions,
)
from trainer.formats import (
    TraceFormatError, dumps_json, format_notation, parse_notation, trace_from_json,
    trace_to_json,
)

SCHEMA = json.loads((Path(__file__).parents[2] / "resources/schemas/trace-v1.schema.json")
                    .read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
DATA = Path(__file__).parent / "data"

# ---- strategies for valid traces ------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
hosts = st.sampled_from(["A", "B"])
states = st.sampled_from(list(State))
# The text notation keeps microseconds: generate times that are whole microseconds.
times = st.integers(0, 10**15).map(lambda us: us / 1_000_000)
seqnums = st.integers(0, 2**32 - 1)
windows = st.integers(0, 2**30)
flag_sets = st.lists(st.sampled_from([bit for _, bit in FLAG_ORDER]), unique=True).map(
    lambda bits: Flag(sum(bits)))


def claims() -> st.SearchStrategy:
    return st.one_of(st.none(), st.dictionaries(hosts, states, min_size=1))


@st.composite
def segments(draw) -> Segment:
    flags = draw(flag_sets)
    data = draw(st.one_of(st.none(), st.binary(max_size=12),
                          st.text(st.characters(min_codepoint=32, max_codepoint=126),
                                  max_size=12).map(str.encode)))
    length = len(data) if data is not None else draw(st.integers(0, 2**31))
    ack = draw(seqnums) if flags & Flag.ACK else draw(st.one_of(st.none(), seqnums))
    options = draw(st.one_of(st.none(), st.fixed_dictionaries({}, optional={
        "mss": st.integers(0, 65535), "wscale": st.integers(0, 14),
        "sack_permitted": st.just(True)}).filter(bool)))
    return Segment(
        sender=draw(hosts), send_time=draw(times), arrive_time=draw(st.one_of(st.none(), times)),
        flags=flags, seq=draw(seqnums), ack=ack, win=draw(st.one_of(st.none(), windows)),
        length=length, data=data, urgent=draw(st.one_of(st.none(), seqnums)),
        old_duplicate=draw(st.booleans()), options=options, claims=draw(claims()),
        label=draw(st.one_of(st.none(), texts)))


@st.composite
def calls(draw) -> Call:
    kind = draw(st.sampled_from(list(CallKind)))
    nbytes = draw(st.integers(1, 2**31)) if kind is CallKind.SEND else 0
    return Call(draw(hosts), draw(times), kind, nbytes, draw(claims()))


events = st.one_of(
    segments(), calls(),
    st.builds(Timeout, hosts, times, st.sampled_from(list(Timer)), claims()),
    st.builds(Crash, hosts, times, claims()),
)
addresses = st.one_of(
    st.builds(lambda a, b, c, d: f"{a}.{b}.{c}.{d}", *[st.integers(0, 255)] * 4),
    st.builds(lambda a, p: f"{a}:{p}", st.sampled_from(["10.0.0.1", "192.168.1.20"]),
              st.integers(0, 65535)),
    st.sampled_from(["[2001:db8::1]:80", "[::1]", "[fe80::1]:443"]),
)
initial_tcbs = st.builds(
    InitialTcb, states, *[st.one_of(st.none(), seqnums)] * 4, st.one_of(st.none(), windows),
    st.one_of(st.none(), seqnums), st.one_of(st.none(), windows),
    st.one_of(st.none(), st.booleans()))


@st.composite
def host_specs(draw, host: str) -> HostSpec:
    return HostSpec(
        name=draw(st.one_of(st.just(host), texts)),
        role=draw(st.one_of(st.none(), st.sampled_from(["client", "server", "peer"]))),
        address=draw(st.one_of(st.none(), addresses)),
        initial=draw(st.one_of(st.none(), initial_tcbs)))


languages = st.sampled_from(["en", "zh_CN", "de", "fr_FR"])
traces = st.builds(
    Trace,
    hosts=st.fixed_dictionaries({"A": host_specs("A"), "B": host_specs("B")}),
    events=st.lists(events, max_size=8),
    title=st.dictionaries(languages, texts, max_size=2),
    description=st.dictionaries(languages, texts, max_size=2),
    options=st.builds(TraceOptions,
                      msl=st.one_of(st.none(), st.integers(1000, 10**15).map(lambda us: us / 1e6)),
                      rfc5961=st.booleans()),
)

# ---- round trips ----------------------------------------------------------------------------


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(traces)
def test_text_round_trip(trace):
    assert parse_notation(format_notation(trace)) == trace


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(traces)
def test_json_round_trip_and_schema(trace):
    obj = trace_to_json(trace)
    VALIDATOR.validate(obj)
    assert trace_from_json(obj) == trace
    assert trace_from_json(dumps_json(trace)) == trace


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(traces)
def test_text_json_text_is_identical(trace):
    text = format_notation(trace)
    again = format_notation(trace_from_json(dumps_json(parse_notation(text))))
    assert again == text


@pytest.mark.parametrize("path", sorted(DATA.glob("*.trace")), ids=lambda p: p.name)
def test_fixture_text_json_text_is_identical(path):
    text = format_notation(parse_notation(path.read_text(encoding="utf-8")))
    assert format_notation(trace_from_json(dumps_json(parse_notation(text)))) == text
    assert format_notation(parse_notation(text)) == text


# ---- fuzzing: only TraceFormatError may escape ---------------------------------------------

VALID_LINES = [
    line for path in sorted(DATA.glob("*.trace"))
    for line in path.read_text(encoding="utf-8").splitlines()
] + [
    '0.5 A>B ACK seq=202 ack=302 data="hi\\n\\x00\\u00e9" dup label="a # b"',
    "0.4 B>A <SEQ=300><ACK=101><CTL=FIN,ACK> @+0.05",
    "0.1 A>B S. seq=1 ack=2 mss=1460 wscale=7 sackok urg=0 win=100 len=0",
    "host A [2001:db8::1]:80 name=\"x\" state=SYN-RECEIVED passive=no iss=1 rcv.wnd=5",
    "option msl=60 rfc5961=off latency=0.05",
    "1.0 A timeout keepalive [A=ESTAB]",
    "+0.5 B send 10",
]
ALPHABET = st.sampled_from(list(' \t"\\#[]<>@=+-.,:0123456789ABSYNACKFINRSTabx\'é\u2028\x00\r'))


def _only_format_errors(text: str) -> None:
    try:
        parse_notation(text)
    except TraceFormatError as e:
        assert e.line is not None and e.column is not None, e
        assert e.column >= 1
        str(e), e.render("zh_CN")


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, max_size=80))
def test_fuzz_random_text(text):
    _only_format_errors(text)


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_fuzz_any_unicode(text):
    _only_format_errors(text)


@st.composite
def mutated_lines(draw) -> str:
    line = draw(st.sampled_from(VALID_LINES))
    for _ in range(draw(st.integers(1, 4))):
        if not line:
            break
        pos = draw(st.integers(0, len(line)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        char = draw(ALPHABET)
        if action == "insert":
            line = line[:pos] + char + line[pos:]
        elif action == "delete":
            line = line[:pos] + line[pos + 1:]
        elif action == "replace":
            line = line[:pos] + char + line[pos + 1:]
        else:
            line = line[:pos] + line[pos:pos + 8] + line[pos:]
    return line


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated_lines(), min_size=1, max_size=3))
@example(['0.1 A>B SYN seq=1 data="\\'])
@example(["0.1 A>B SYN seq=1 [A:SYN-SENT"])
@example(["host A [2001:db8::1"])
def test_fuzz_mutated_lines(lines):
    _only_format_errors("\n".join(lines))


JSON_SAMPLES = [path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.json"))]


@st.composite
def mutated_json(draw) -> str:
    text = draw(st.sampled_from(JSON_SAMPLES))
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(text)))
        choice = draw(st.sampled_from(['"', "{", "}", "[", "]", ",", ":", "1", "-", "e", "x",
                                       "true", "null", "NaN", '"A"', '""', "1e999", "\\"]))
        cut = draw(st.integers(0, 3))
        text = text[:pos] + choice + text[pos + cut:]
    return text


def _json_only_format_errors(text: str) -> None:
    try:
        trace_from_json(text)
    except TraceFormatError as e:
        str(e), e.render("zh_CN")


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_json())
def test_fuzz_mutated_json(text):
    _json_only_format_errors(text)


def _json_values():
    return st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(),
                  st.text(max_size=5), st.sampled_from(["A", "B", "SYN", "ACK", "segment"])),
        lambda inner: st.one_of(st.lists(inner, max_size=3),
                                st.dictionaries(st.sampled_from(
                                    ["type", "from", "send", "seq", "flags", "host", "A", "x"]),
                                    inner, max_size=3)),
        max_leaves=8)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["type", "from", "send", "arrive", "lost", "flags", "seq",
                                        "ack", "len", "data", "claims", "host", "time", "call",
                                        "bytes", "timer", "options", "label"]),
                       _json_values(), max_size=8))
def test_fuzz_json_event_objects(event):
    """Random event objects inside a valid envelope: only TraceFormatError, always located."""
    doc = {"format": "tcp-trainer-trace", "version": 1, "events": [event]}
    try:
        text = json.dumps(doc, indent=1)
    except ValueError:
        assume(False)
    try:
        trace_from_json(text)
    except TraceFormatError as e:
        assert e.line is not None and e.column is not None, e
        assert e.path is not None and e.path.startswith("events[0]"), e.path
