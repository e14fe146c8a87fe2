"""``trainer.report``: the JSON shape other tools reuse."""

from __future__ import annotations

import json

from trainer.engine.checker import check
from trainer.engine.states import State
from trainer.engine.trace import Flag, HostSpec, Segment, Trace
from trainer.report import build_report, check_report, jsonable


def handshake(ack: int = 101) -> Trace:
    trace = Trace(hosts={"A": HostSpec("A", role="client", address="10.0.0.1:40000"),
                         "B": HostSpec("server", role="server")})
    trace.events = [
        Segment("A", 0.0, 0.05, Flag.SYN, 100),
        Segment("B", 0.05, 0.1, Flag.SYN | Flag.ACK, 300, ack),
        Segment("A", 0.1, 0.15, Flag.ACK, 101, 301),
    ]
    return trace


def test_check_report_is_plain_json():
    trace = handshake(ack=100)
    report = check_report(trace, check(trace), "x.tcpt", "zh_CN")
    assert json.loads(json.dumps(report)) == report  # nothing but JSON types
    conn = report["connections"][0]
    assert conn["endpoints"] == {"A": "10.0.0.1:40000", "B": "server"}
    assert conn["findings"][0]["message"].startswith("server 的确认号是 100")


def test_several_connections_are_numbered():
    good, bad = handshake(), handshake(ack=100)
    report = build_report("capture.pcap", [(good, check(good)), (bad, check(bad))], "en")
    assert [c["id"] for c in report["connections"]] == [0, 1]
    assert [c["valid"] for c in report["connections"]] == [True, False]


def test_jsonable():
    assert jsonable({"state": State.SYN_SENT, "flags": Flag.SYN | Flag.ACK, "data": b"\x01\xff",
                     "pair": (1, None), 3: 1.5}) == \
        {"state": "SYN-SENT", "flags": "SYN,ACK", "data": "01ff", "pair": [1, None], "3": 1.5}
