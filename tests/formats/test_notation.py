"""The text notation: what each construct reads as, what the printer writes, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.engine.states import State
from trainer.engine.trace import (
    Call, CallKind, Crash, Flag, HostSpec, InitialTcb, Segment, Timeout, Timer, Trace,
    TraceOptions,
)
from trainer.formats import TraceFormatError, format_notation, parse_notation
from trainer.formats.notation import format_seconds, quote

DATA = Path(__file__).parent / "data"


def one(line: str):
    """The single event of a one-line trace."""
    events = parse_notation(line).events
    assert len(events) == 1
    return events[0]


# ---- reading ------------------------------------------------------------------------------

def test_handshake_fixture_reads_exactly():
    trace = parse_notation((DATA / "handshake.trace").read_text(encoding="utf-8"), "hs.trace")
    assert trace.title == {"en": "Basic three-way handshake", "zh_CN": "基本三次握手"}
    assert trace.description == {"en": "A opens actively, B passively (RFC 9293, Figure 6).",
                                 "zh_CN": "A 主动打开，B 被动打开（RFC 9293 图 6）。"}
    assert trace.hosts == {"A": HostSpec("A", "client", "10.0.0.1:40000"),
                           "B": HostSpec("B", "server", "10.0.0.2:80")}
    assert trace.options == TraceOptions()
    assert trace.events == [
        Call("B", 0.0, CallKind.LISTEN, claims={"B": State.LISTEN}),
        Call("A", 0.01, CallKind.CONNECT),
        Segment("A", 0.01, 0.06, Flag.SYN, 100,
                claims={"A": State.SYN_SENT, "B": State.SYN_RECEIVED}),
        Segment("B", 0.06, 0.11, Flag.SYN | Flag.ACK, 300, ack=101,
                claims={"A": State.ESTABLISHED, "B": State.SYN_RECEIVED}),
        Segment("A", 0.11, 0.16, Flag.ACK, 101, ack=301,
                claims={"A": State.ESTABLISHED, "B": State.ESTABLISHED}),
    ]


def test_brief_example_lines():
    text = """\
host A client 10.0.0.1:40000 name="Laptop"
host B server 10.0.0.2:80
host B state=ESTABLISHED iss=299 snd.una=300 snd.nxt=300 rcv.nxt=100 rcv.wnd=65535 passive=yes
option msl=60
option rfc5961=off
option latency=0.05
0.000 A>B SYN seq=100 @0.050 [A:SYN-SENT B:SYN-RECEIVED]
0.050 B>A SYN,ACK seq=300 ack=101 win=65535 @+0.05
0.100 A>B ACK seq=101 ack=301
+0.100 A>B PSH,ACK seq=101 ack=301 len=100
0.300 A>B FIN,ACK seq=201 ack=301 lost
0.300 A<B ACK seq=301 ack=202
0.400 B>A <SEQ=300><ACK=101><CTL=FIN,ACK> @0.45
0.500 A>B ACK seq=202 ack=302 data="hi\\n" dup
"""
    trace = parse_notation(text)
    assert trace.hosts["A"] == HostSpec("Laptop", "client", "10.0.0.1:40000")
    assert trace.hosts["B"] == HostSpec("B", "server", "10.0.0.2:80", InitialTcb(
        State.ESTABLISHED, iss=299, snd_una=300, snd_nxt=300, rcv_nxt=100, rcv_wnd=65535,
        passive=True))
    assert trace.options == TraceOptions(msl=60.0, rfc5961=False)
    SA = Flag.SYN | Flag.ACK
    assert trace.events == [
        Segment("A", 0.0, 0.05, Flag.SYN, 100,
                claims={"A": State.SYN_SENT, "B": State.SYN_RECEIVED}),
        Segment("B", 0.05, 0.1, SA, 300, ack=101, win=65535),
        Segment("A", 0.1, 0.15, Flag.ACK, 101, ack=301),  # latency 0.05
        Segment("A", 0.2, 0.25, Flag.PSH | Flag.ACK, 101, ack=301, length=100),
        Segment("A", 0.3, None, Flag.FIN | Flag.ACK, 201, ack=301),
        Segment("B", 0.3, 0.35, Flag.ACK, 301, ack=202),
        Segment("B", 0.4, 0.45, Flag.FIN | Flag.ACK, 300, ack=101),
        Segment("A", 0.5, 0.55, Flag.ACK, 202, ack=302, length=3, data=b"hi\n",
                old_duplicate=True),
    ]


@pytest.mark.parametrize("line, expected", [
    ("1.000 A listen", Call("A", 1.0, CallKind.LISTEN)),
    ("1 a CONNECT", Call("A", 1.0, CallKind.CONNECT)),
    ("1.5 B send 100", Call("B", 1.5, CallKind.SEND, 100)),
    ("2 A close [A:FIN-WAIT-1]", Call("A", 2.0, CallKind.CLOSE, claims={"A": State.FIN_WAIT_1})),
    ("2 A shutdown", Call("A", 2.0, CallKind.SHUTDOWN)),
    ("2 A abort", Call("A", 2.0, CallKind.ABORT)),
    ("3 B crash", Crash("B", 3.0)),
    ("4 A timeout retransmission", Timeout("A", 4.0, Timer.RETRANSMISSION)),
    ("4 A timeout rto", Timeout("A", 4.0, Timer.RETRANSMISSION)),
    ("4 A timeout 2msl", Timeout("A", 4.0, Timer.TIME_WAIT)),
    ("4 A timeout TIME-WAIT", Timeout("A", 4.0, Timer.TIME_WAIT)),
    ("4 A timeout keepalive", Timeout("A", 4.0, Timer.KEEPALIVE)),
    ("4 A timeout user", Timeout("A", 4.0, Timer.USER)),
    ("2.000 B close [B:LAST-ACK]", Call("B", 2.0, CallKind.CLOSE, claims={"B": State.LAST_ACK})),
])
def test_actions(line, expected):
    assert one(line) == expected


@pytest.mark.parametrize("line, sender", [
    ("0 A>B SYN seq=1", "A"), ("0 B>A SYN seq=1", "B"), ("0 A<B SYN seq=1", "B"),
    ("0 B<A SYN seq=1", "A"), ("0 A->B SYN seq=1", "A"), ("0 A<-B SYN seq=1", "B"),
    ("0 a>b SYN seq=1", "A"),
])
def test_directions(line, sender):
    assert one(line).sender == sender


@pytest.mark.parametrize("flags, expected", [
    ("SYN", Flag.SYN), ("syn,ack", Flag.SYN | Flag.ACK), ("FIN+ACK", Flag.FIN | Flag.ACK),
    ("RST,ACK", Flag.RST | Flag.ACK), ("ECE,CWR,SYN", Flag.SYN | Flag.ECE | Flag.CWR),
    ("NONE", Flag.NONE), ("URG,PSH,ACK", Flag.URG | Flag.PSH | Flag.ACK),
    ("S", Flag.SYN), ("S.", Flag.SYN | Flag.ACK), ("F.", Flag.FIN | Flag.ACK),
    ("R.", Flag.RST | Flag.ACK), ("P.", Flag.PSH | Flag.ACK), (".", Flag.ACK), ("R", Flag.RST),
])
def test_flags(flags, expected):
    ack = " ack=1" if expected & Flag.ACK else ""
    assert one(f"0 A>B {flags} seq=1{ack}").flags == expected


def test_no_flags_token_means_no_flags():
    assert one("0 A>B seq=1 lost").flags == Flag.NONE


def test_every_segment_field():
    seg = one('0.25 B>A SYN,ACK seq=300 ack=101 win=65535 data=0x68656C6c6f urg=7 mss=1460 '
              'wscale=7 sackok label="retx # 2" old @+0.125 [A=estab, B:syn_rcvd]')
    assert seg == Segment(
        "B", 0.25, 0.375, Flag.SYN | Flag.ACK, 300, ack=101, win=65535, length=5,
        data=b"hello", urgent=7, old_duplicate=True,
        options={"mss": 1460, "wscale": 7, "sack_permitted": True},
        claims={"A": State.ESTABLISHED, "B": State.SYN_RECEIVED}, label="retx # 2")


def test_field_aliases_and_rfc_style():
    seg = one("0 A>B <SEQ=5><ACK=6><CTL=PSH,ACK><WND=100><LEN=10><URG=1>")
    assert seg == Segment("A", 0.0, 0.0, Flag.PSH | Flag.ACK, 5, ack=6, win=100, length=10,
                          urgent=1)
    assert one("0 A>B ACK seq=1 ack=2 wnd=9 urgent=3") == one("0 A>B ACK seq=1 ack=2 win=9 urg=3")


@pytest.mark.parametrize("literal, data", [
    ('"hi\\n"', b"hi\n"), ('"tab\\there"', b"tab\there"), ('"q\\"\\\\"', b'q"\\'),
    ('"\\x00\\xff"', b"\x00\xff"), ('"é"', "é".encode()), ('"\\u00e9"', "é".encode()),
    ('""', b""), ("0x", b""), ("0xDEADbeef", b"\xde\xad\xbe\xef"), ('"a b#c"', b"a b#c"),
])
def test_data_literals(literal, data):
    seg = one(f"0 A>B PSH seq=1 data={literal}")
    assert (seg.data, seg.length) == (data, len(data))


def test_times_relative_and_arrival_are_exact_decimals():
    trace = parse_notation("0.1 A listen\n+0.2 A connect\n+0.0 A>B SYN seq=1 @+0.1\n")
    assert [e.time for e in trace.events] == [0.1, 0.3, 0.3]
    assert trace.events[2].arrive_time == 0.4  # not 0.30000000000000004 + 0.1


def test_first_relative_time_counts_from_zero():
    assert one("+1.5 A listen").time == 1.5


def test_arrival_before_send_loads():
    seg = one("5.0 A>B SYN seq=1 @4.0")
    assert (seg.send_time, seg.arrive_time) == (5.0, 4.0)


def test_file_order_is_kept_not_sorted():
    trace = parse_notation("3 A close\n1 A listen\n2 B>A SYN seq=1\n")
    assert [type(e).__name__ for e in trace.events] == ["Call", "Call", "Segment"]
    assert [e.time for e in trace.events] == [3.0, 1.0, 2.0]
    assert trace.segments()[0].sender == "B"


def test_latency_applies_to_following_lines_only():
    trace = parse_notation("0 A>B SYN seq=1\noption latency=0.25\n1 A>B SYN seq=1\n"
                           "2 A>B SYN seq=1 @2.1\n3 A>B SYN seq=1 lost\n")
    assert [s.arrive_time for s in trace.segments()] == [0.0, 1.25, 2.1, None]


def test_comments_blank_lines_crlf_bom_and_case():
    text = "\ufeff# header\r\n\r\n   \r\nTITLE: T # not part\r\nHOST a Client\r\n0 A LISTEN # c\r\n"
    trace = parse_notation(text)
    assert trace.title == {"en": "T"}
    assert trace.hosts["A"].role == "client"
    assert trace.events == [Call("A", 0.0, CallKind.LISTEN)]


def test_meta_values():
    trace = parse_notation('title: "  spaced # kept "\ndescription.ZH-cn: 中文 # comment\n'
                           "title.de:\n")
    assert trace.title == {"en": "  spaced # kept ", "de": ""}
    assert trace.description == {"zh_CN": "中文"}


def test_host_lines_extend_each_other():
    trace = parse_notation("host B server\nhost B 10.0.0.2:80\nhost B state=SYN-RECEIVED\n"
                           'host B passive=no irs=5 snd_wnd=10 name="Web server"\n')
    assert trace.hosts["B"] == HostSpec("Web server", "server", "10.0.0.2:80", InitialTcb(
        State.SYN_RECEIVED, irs=5, snd_wnd=10, passive=False))
    assert trace.hosts["A"] == HostSpec("A")


@pytest.mark.parametrize("line, address", [
    ("host A [2001:db8::1]:80", "[2001:db8::1]:80"),
    ("host A address=[2001:db8::1]", "[2001:db8::1]"),
    ("host A 192.168.0.1", "192.168.0.1"),
])
def test_host_addresses(line, address):
    assert parse_notation(line).hosts["A"].address == address


# ---- printing ----------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (0.0, "0.000"), (0.05, "0.050"), (1.234567, "1.234567"), (12.5, "12.500"),
    (1e9, "1000000000.000"), (-0.0, "0.000"), (0.1234564, "0.123456"),
])
def test_format_seconds(value, text):
    assert format_seconds(value) == text


def test_quote_escapes_what_the_parser_unescapes():
    assert quote('a"b\\c\nd\te\x01\u2028😀') == '"a\\"b\\\\c\\nd\\te\\x01\\u2028😀"'


def test_format_exact_output():
    trace = Trace(
        hosts={"A": HostSpec("Laptop", "client", "10.0.0.1:40000"),
               "B": HostSpec("B", None, None, InitialTcb(State.LISTEN, iss=9, passive=True))},
        events=[
            Call("B", 0.0, CallKind.LISTEN),
            Segment("A", 0.1, 0.15, Flag.ACK | Flag.SYN, 100, ack=5, win=1000, length=2,
                    data=b"\x00\x01", urgent=0, options={"sack_permitted": True, "mss": 1400},
                    claims={"B": State.SYN_RECEIVED, "A": State.SYN_SENT}, label="x"),
            Segment("B", 1.5, None, Flag.NONE, 7, length=9, old_duplicate=True),
            Call("A", 2.0, CallKind.SEND, 10),
            Timeout("A", 3.0, Timer.USER, {"A": State.CLOSED}),
            Crash("B", 4.0),
        ],
        title={"zh_CN": "标题", "en": "Title #1"},
        description={"en": "Line one\nline two"},
        options=TraceOptions(msl=2.5, rfc5961=False))
    assert format_notation(trace) == """\
# TCP Trainer trace
title: "Title #1"
title.zh_CN: 标题
description: "Line one\\nline two"
host A client 10.0.0.1:40000 name="Laptop"
host B state=LISTEN iss=9 passive=yes
option msl=2.5
option rfc5961=off

0.000 B listen
0.100 A>B SYN,ACK seq=100 ack=5 win=1000 data=0x0001 urg=0 mss=1400 sackok label="x" @0.150 [A:SYN-SENT B:SYN-RECEIVED]
1.500 B>A NONE seq=7 len=9 lost dup
2.000 A send 10
3.000 A timeout user [A:CLOSED]
4.000 B crash
"""


def test_format_of_empty_trace():
    assert format_notation(Trace()) == "# TCP Trainer trace\n\n"
    assert parse_notation(format_notation(Trace())) == Trace()


# ---- errors: code, params, line and column ----------------------------------------------

ERRORS = [
    # text, code, line, column, params
    ("0.1 A>B SYN seq=99999999999", "out-of-range", 1, 17,
     {"what": "seq", "found": "99999999999", "min": 0, "max": 4294967295}),
    ("0.1 A>B SYN seq=abc", "expected-integer", 1, 17, {"what": "seq", "found": "abc"}),
    ("0.1 A>B SYN seq=1 win=-1", "out-of-range", 1, 23,
     {"what": "win", "found": "-1", "min": 0, "max": 2**30}),
    ("1e30 A listen", "expected-time", 1, 1, {"found": "1e30"}),
    ("1000000000.5 A listen", "time-out-of-range", 1, 1,
     {"found": "1000000000.5", "max": 1000000000}),
    ("-0.5 A listen", "time-out-of-range", 1, 1, {"found": "-0.5", "max": 1000000000}),
    ("0.1 A>B SYN seq=1 len=1099511627776", "out-of-range", 1, 23,
     {"what": "len", "found": "1099511627776", "min": 0, "max": 2**31}),
    ("0.1 A>B SYN seq=1 [A:SYN_SEND]", "unknown-state", 1, 22, {"found": "SYN_SEND"}),
    ("0.1 A>B SYX seq=1", "unknown-flag", 1, 9, {"found": "SYX"}),
    ("0.1 A>B SYN,AKC seq=1", "unknown-flag", 1, 13, {"found": "AKC"}),
    ("0.1 A>B SYN,SYN seq=1", "duplicate-flag", 1, 13, {"found": "SYN"}),
    ("0.1 A>C SYN seq=1", "unknown-host", 1, 7, {"found": "C"}),
    ("0.1 C>A SYN seq=1", "unknown-host", 1, 5, {"found": "C"}),
    ("0.1 A>A SYN seq=1", "same-host", 1, 5, {"host": "A"}),
    ("0.1 C listen", "unknown-host", 1, 5, {"found": "C"}),
    ("frobnicate 1", "unknown-keyword", 1, 1, {"found": "frobnicate"}),
    ("  [A:LISTEN]", "unknown-keyword", 1, 3, {"found": "[A:LISTEN]"}),
    ("0.1 A>B SYN seq=1 seq=2", "duplicate-field", 1, 19, {"field": "seq"}),
    ("0.1 A>B SYN seq=1 <SEQ=2>", "duplicate-field", 1, 19, {"field": "seq"}),
    ("0.1 A>B SYN <CTL=SYN> seq=1", "duplicate-field", 1, 13, {"field": "CTL"}),
    ("0.1 A>B SYN seq=1 lost lost", "duplicate-field", 1, 24, {"field": "lost"}),
    ("0.1 A>B SYN seq=1 @1 @2", "duplicate-field", 1, 22, {"field": "@"}),
    ("0.1 A>B SYN seq=1 [A:LISTEN] [B:LISTEN]", "duplicate-field", 1, 30, {"field": "[...]"}),
    ('0.1 A>B SYN seq=1 label="abc', "unterminated-string", 1, 25, {}),
    ('title: "abc', "unterminated-string", 1, 8, {}),
    ('0.1 A>B SYN seq=1 data="ab\\', "unterminated-string", 1, 27, {}),
    ('0.1 A>B SYN seq=1 data="a\\qb"', "bad-escape", 1, 26, {"found": "\\q"}),
    ('0.1 A>B SYN seq=1 data="\\x4"', "bad-escape", 1, 25, {"found": "\\x4\""}),
    ('0.1 A>B SYN seq=1 label="\\ud800"', "bad-escape", 1, 26, {"found": "\\ud800"}),
    ('0.1 A>B SYN seq=1 label=a"b"', "misplaced-quote", 1, 26, {}),
    ('0.1 A>B SYN seq=1 label="a"b', "unexpected-word", 1, 28, {"found": "b"}),
    ('title: "a" b', "unexpected-word", 1, 12, {"found": "b"}),
    ("0.1 A>B SYN seq=1 @zz", "bad-arrival", 1, 20, {"found": "zz"}),
    ("0.1 A>B SYN seq=1 @", "bad-arrival", 1, 19, {"found": "@"}),
    ("0.1 A>B SYN seq=1 @+x", "bad-arrival", 1, 20, {"found": "+x"}),
    ("0.1 A>B SYN seq=1 @-1", "time-out-of-range", 1, 20,
     {"found": "-1", "max": 1000000000}),
    ("0.1 A>B ACK seq=1", "ack-value-missing", 1, 9, {}),
    ("0.1 A>B <SEQ=1><CTL=ACK>", "ack-value-missing", 1, 16, {}),
    ("0.1 A>B SYN", "missing-field", 1, 5, {"field": "seq"}),
    ("0.1 A>B SYN seq=1 lost @0.2", "arrive-and-lost", 1, 24, {}),
    ("0.1 A>B SYN seq=1 @0.2 lost", "arrive-and-lost", 1, 24, {}),
    ("0.1 A fly", "unknown-action", 1, 7, {"found": "fly"}),
    ("0.1 A send", "missing-value", 1, 11, {"what": "send"}),
    ("0.1 A send 0", "out-of-range", 1, 12,
     {"what": "send", "found": "0", "min": 1, "max": 2**31}),
    ("0.1 A send x", "expected-integer", 1, 12, {"what": "send", "found": "x"}),
    ("0.1 A timeout", "missing-value", 1, 14, {"what": "timeout"}),
    ("0.1 A timeout bogus", "unknown-timer", 1, 15, {"found": "bogus"}),
    ("0.1", "missing-event", 1, 4, {}),
    ("0.1 [A:LISTEN]", "missing-event", 1, 5, {}),
    ("0.1 A", "missing-call", 1, 6, {"host": "A"}),
    ("0.1 A listen extra", "unexpected-word", 1, 14, {"found": "extra"}),
    ("0.1 A listen [A:LISTEN] [A:LISTEN]", "duplicate-field", 1, 25, {"field": "[...]"}),
    ("0.1 A>B SYN seq=1 bar", "unexpected-word", 1, 19, {"found": "bar"}),
    ("0.1 A>B SYN seq=1 foo=3", "unknown-field", 1, 19,
     {"found": "foo", "allowed": "seq, ack, win, len, data, urg, mss, wscale, label"}),
    ("0.1 A>B SYN seq=", "missing-value", 1, 13, {"what": "seq"}),
    ("0.1 A>B SYN seq=1 [A:SYN-SENT", "unterminated-claims", 1, 19, {}),
    ("0.1 A>B SYN seq=1 [A:SYN-SENT # comment]", "unterminated-claims", 1, 19, {}),
    ("0.1 A>B SYN seq=1 [A SYN-SENT]", "bad-claim", 1, 20, {"found": "A"}),
    ("0.1 A>B SYN seq=1 [A:LISTEN C:LISTEN]", "unknown-host", 1, 29, {"found": "C"}),
    ("0.1 A>B SYN seq=1 [A:LISTEN a:CLOSED]", "duplicate-field", 1, 29, {"field": "[A:...]"}),
    ("0.1 A>B <SEQ=1", "unterminated-header", 1, 9, {}),
    ("0.1 A>B <DATA>", "unknown-field", 1, 10,
     {"found": "DATA", "allowed": "SEQ, ACK, CTL, WND, LEN, URG"}),
    ("0.1 A>B <SEQ=x>", "expected-integer", 1, 14, {"what": "seq", "found": "x"}),
    ("0.1 A>B <CTL=SYN,BAD> seq=1", "unknown-flag", 1, 18, {"found": "BAD"}),
    ("0.1 A>B SYN seq=1 data=abc", "bad-data", 1, 24, {"found": "abc"}),
    ("0.1 A>B SYN seq=1 data=0xabc", "invalid-hex", 1, 24, {"what": "data", "found": "0xabc"}),
    ("0.1 A>B SYN seq=1 data=0xzz", "invalid-hex", 1, 24, {"what": "data", "found": "0xzz"}),
    ('0.1 A>B SYN seq=1 len=3 data="ab"', "len-data-mismatch", 1, 19,
     {"len": 3, "data_len": 2}),
    ("0.1 A>B SYN seq=1 wscale=15", "out-of-range", 1, 26,
     {"what": "wscale", "found": "15", "min": 0, "max": 14}),
    ("0.1 A>B SYN seq=1 mss=65536", "out-of-range", 1, 23,
     {"what": "mss", "found": "65536", "min": 0, "max": 65535}),
    ("host", "missing-value", 1, 5, {"what": "host"}),
    ("host C", "unknown-host", 1, 6, {"found": "C"}),
    ("host A state=FOO", "unknown-state", 1, 14, {"found": "FOO"}),
    ("host A passive=maybe state=LISTEN", "expected-boolean", 1, 16,
     {"what": "passive", "found": "maybe"}),
    ("host A iss=x", "expected-integer", 1, 12, {"what": "iss", "found": "x"}),
    ("host A rcv.wnd=1073741825", "out-of-range", 1, 16,
     {"what": "rcv.wnd", "found": "1073741825", "min": 0, "max": 2**30}),
    ("host A klient", "unknown-role", 1, 8, {"found": "klient"}),
    ("host A role=boss", "unknown-role", 1, 13, {"found": "boss"}),
    ("host A 10.0.0.300:80", "invalid-address", 1, 8, {"found": "10.0.0.300:80"}),
    ("host A 10.0.0.1:70000", "invalid-address", 1, 8, {"found": "10.0.0.1:70000"}),
    ("host A [2001:db8::1", "invalid-address", 1, 8, {"found": "[2001:db8::1"}),
    ("host A client server", "duplicate-field", 1, 15, {"field": "role"}),
    ("host A name=x\nhost A name=y", "duplicate-field", 2, 8, {"field": "name"}),
    ("host A colour=red", "unknown-field", 1, 8,
     {"found": "colour", "allowed": "name, role, address, state, iss, irs, snd.una, snd.nxt, "
                                    "snd.wnd, rcv.nxt, rcv.wnd, passive"}),
    ("host A name=", "missing-value", 1, 8, {"what": "name"}),
    ("option", "missing-value", 1, 7, {"what": "option"}),
    ("option msl=0", "out-of-range", 1, 12,
     {"what": "msl", "found": "0", "min": 0.001, "max": 1000000000}),
    ("option msl=abc", "expected-number", 1, 12, {"what": "msl", "found": "abc"}),
    ("option msl=1 msl=2", "duplicate-field", 1, 14, {"field": "msl"}),
    ("option rfc5961=maybe", "expected-boolean", 1, 16, {"what": "rfc5961", "found": "maybe"}),
    ("option frob=1", "unknown-field", 1, 8,
     {"found": "frob", "allowed": "msl, rfc5961, latency"}),
    ("option msl", "missing-value", 1, 8, {"what": "msl"}),
    ("title Hello", "missing-colon", 1, 6, {"keyword": "title"}),
    ("title.zzzz: x", "invalid-language", 1, 7, {"found": "zzzz"}),
    ("title: a\ntitle: b", "duplicate-field", 2, 1, {"field": "title"}),
    ("description.zh_CN: a\n  description.zh-cn: b", "duplicate-field", 2, 3,
     {"field": "description.zh_CN"}),
    ("host A iss=5", "missing-initial-state", 1, 8, {"host": "A"}),
    ("0 A listen\n\n  0.1 A>B SYN seq=x", "expected-integer", 3, 19,
     {"what": "seq", "found": "x"}),
    ("0\tA>B\tSYN\tseq=1\tack=x", "expected-integer", 1, 21, {"what": "ack", "found": "x"}),
    ("0 A>B SYN seq=1 label=\"é\" ack=x", "expected-integer", 1, 31,
     {"what": "ack", "found": "x"}),
]


@pytest.mark.parametrize("text, code, line, column, params", ERRORS,
                         ids=[f"{i}-{e[1]}" for i, e in enumerate(ERRORS)])
def test_errors_are_located(text, code, line, column, params):
    with pytest.raises(TraceFormatError) as info:
        parse_notation(text, "t.trace")
    e = info.value
    assert (e.code, e.line, e.column, e.params) == (code, line, column, params)
    assert e.source == "t.trace"
    lines = text.split("\n")
    assert e.offset == sum(len(x) + 1 for x in lines[:line - 1]) + column - 1
    assert str(e).startswith(f"t.trace:{line}:{column}: ")


def test_error_message_in_english_and_chinese():
    with pytest.raises(TraceFormatError) as info:
        parse_notation("# x\n\n\n\n0.1 A>B SYN seq=abc", "hs.trace")
    assert str(info.value) == "hs.trace:5:17: seq must be a whole number, found 'abc'"
    assert info.value.render("zh_CN") == "hs.trace 第 5 行第 17 列：seq 应为整数，实际是 'abc'"


def test_first_error_wins():
    with pytest.raises(TraceFormatError) as info:
        parse_notation("0 A>B SYN seq=1\n0 A>C SYN seq=x\nbogus")
    assert (info.value.code, info.value.line) == ("unknown-host", 2)


def test_huge_digit_strings_do_not_crash():
    with pytest.raises(TraceFormatError) as info:
        parse_notation("0 A>B SYN seq=" + "9" * 10000)
    assert info.value.code == "out-of-range"
    with pytest.raises(TraceFormatError) as info:
        parse_notation("9" * 5000 + " A listen")
    assert info.value.code == "time-out-of-range"
    assert info.value.params["found"].endswith("…")


# ---- times finer than a microsecond --------------------------------------------------------

def _order(trace):
    from trainer.engine.checker import build_timeline

    return [(e.event, e.sub, e.kind) for e in build_timeline(trace)[0]]


def test_microsecond_times_are_written_with_at_most_six_decimals():
    trace = parse_notation("0 A>B SYN seq=1 @0.000001\n0.0000015 B>A RST,ACK seq=0 ack=2 @0.25\n")
    # 0.0000015 was read exactly but needs no more than microseconds to keep its place
    text = format_notation(trace)
    assert "0.000002 B>A" in text and "@0.250" in text


def test_an_order_finer_than_a_microsecond_is_written_with_the_decimals_it_needs():
    # B's reply is sent half a microsecond after A's segment arrives: at microseconds the two
    # would tie, and at the same instant arrivals come first either way, but a send in file
    # order before an arrival would not.
    trace = parse_notation(
        "0 A>B SYN seq=1 @0.0000015\n"
        "0.000001 B>A SYN seq=9 @0.0000012\n")
    from trainer.formats.notation import time_decimals

    assert time_decimals(trace) == 7
    again = parse_notation(format_notation(trace))
    assert _order(again) == _order(trace)
    assert "0.0000015" in format_notation(trace)


def test_times_no_decimal_count_separates_are_written_exactly():
    base = 0.1
    trace = parse_notation("0 A>B SYN seq=1\n0 B>A SYN seq=9\n")
    a, b = trace.events
    a.send_time, a.arrive_time = base, base + 2e-13
    b.send_time, b.arrive_time = base + 1e-13, base + 3e-13
    from trainer.formats.notation import time_decimals

    assert time_decimals(trace) is None
    text = format_notation(trace)
    assert "e-" not in text  # plain decimals, no exponent
    assert _order(parse_notation(text)) == _order(trace)
