"""Window scaling (RFC 7323 2.2-2.3) and unknown windows, on traces shaped like Linux captures.

Linux offers ``wscale=7`` on loopback and then advertises ``win=512`` (65536 octets): every test
here that says "valid only with scaling" fails when the SYNs' options are removed. Conventions:
A is the client (ISS 1000), B the server (ISS 5000), times in seconds.
"""

from __future__ import annotations

import dataclasses
import random

import pytest

from tests.engine.test_properties import (
    KINDS, assert_agrees_with_simulation, mutate, verify_mutation, with_roles,
)
from trainer.engine import endpoint as endpoint_module
from trainer.engine.checker import check
from trainer.engine.endpoint import MAX_WINDOW, Endpoint
from trainer.engine.simulate import simulate
from trainer.engine.states import State
from trainer.engine.trace import Flag, HostSpec, InitialTcb, Segment, Trace
from trainer.i18n.catalog import render_finding

F = Flag
S = State
SND_WND, RCV_WND = 4, 6  # indexes in Step.tcb (TCB_FIELDS)
#: What Linux puts on a loopback SYN: MSS, SACK permitted, timestamps, window scale 7.
LINUX_SYN = {"mss": 65495, "sack_permitted": True, "timestamps": (1000, 0), "wscale": 7}
LINUX_SYNACK = {"mss": 65495, "sack_permitted": True, "timestamps": (2000, 1000), "wscale": 7}


def seg(sender, t, flags, seq, ack=None, win=512, length=0, at=None, **kw):
    """A segment that arrives 1 ms after it is sent unless ``at`` says otherwise."""
    return Segment(sender, t, t + 0.001 if at is None else at, flags, seq, ack, win, length, **kw)


def run(events, a=None, b=None):
    hosts = {"A": a or HostSpec("A", role="client"), "B": b or HostSpec("B", role="server")}
    return check(Trace(hosts=hosts, events=events))


def handshake(a_opts=LINUX_SYN, b_opts=LINUX_SYNACK, a_win=512):
    """Linux-style: SYN win=65495 and SYN,ACK win=65483 (never scaled), then ACK win=512."""
    return [
        seg("A", 0.0, F.SYN, 1000, win=65495, options=dict(a_opts) if a_opts else None),
        seg("B", 0.01, F.SYN | F.ACK, 5000, 1001, win=65483, options=dict(b_opts) if b_opts else None),
        seg("A", 0.02, F.ACK, 1001, 5001, win=a_win),
    ]


def bulk(n=4, length=60000, b_win=2048):
    """After the handshake B opens its window to ``b_win`` (<< 7: 262144); A sends ``n``
    segments of ``length`` octets back to back (240000 in flight), then B acknowledges all."""
    events = handshake() + [seg("B", 0.03, F.ACK, 5001, 1001, win=b_win)]
    seq = 1001
    for i in range(n):
        events.append(seg("A", 0.04 + i * 0.001, F.ACK | F.PSH, seq, 5001, length=length, at=0.1 + i * 0.001))
        seq += length
    events.append(seg("B", 0.2, F.ACK, 5001, seq, win=b_win))
    return events, seq


def without_options(events):
    return [dataclasses.replace(e, options=None) for e in events]


def problems(result):
    return [(f.code, f.segment, f.params) for f in result.findings if f.severity.value != "info"]


def codes(result, *severities):
    keep = severities or ("error", "warning", "info")
    return [f.code for f in result.findings if f.severity.value in keep]


def at(result, kind, segment):
    return next(s for s in result.steps if s.kind == kind and s.segment == segment)


def tcb(result, kind, segment, host):
    return at(result, kind, segment).tcb[0 if host == "A" else 1]


# ---- handshakes ---------------------------------------------------------------------------------

def test_scaled_handshake_scales_every_window_but_the_syns():
    events = handshake(b_opts=dict(LINUX_SYNACK, wscale=8)) + [seg("B", 0.03, F.ACK, 5001, 1001, win=256)]
    r = run(events)
    assert r.valid and not r.findings
    # SYN and SYN,ACK windows are never scaled (RFC 7323 2.2)
    assert tcb(r, "arrive", 0, "B")[SND_WND] == 65495
    assert tcb(r, "send", 1, "B")[RCV_WND] == 65483
    assert tcb(r, "arrive", 1, "A")[SND_WND] == 65483
    # A's shift is 7 (its own offer), B's is 8: each side scales its own advertisements
    assert tcb(r, "send", 2, "A")[RCV_WND] == 512 << 7
    assert tcb(r, "arrive", 2, "B")[SND_WND] == 512 << 7   # SYN-RECEIVED -> ESTABLISHED
    assert tcb(r, "send", 3, "B")[RCV_WND] == 256 << 8
    assert tcb(r, "arrive", 3, "A")[SND_WND] == 256 << 8   # window update, 3.10.7.4


def test_unscaled_handshake_takes_windows_as_they_are():
    r = run(handshake(a_opts=None, b_opts=None, a_win=60000) + [seg("B", 0.03, F.ACK, 5001, 1001, win=40000)])
    assert r.valid and not r.findings
    assert tcb(r, "arrive", 2, "B")[SND_WND] == 60000
    assert tcb(r, "arrive", 3, "A")[SND_WND] == 40000


def test_only_the_syn_offers_scaling_so_nothing_is_scaled():
    events = handshake(b_opts={"mss": 1460}) + [seg("B", 0.03, F.ACK, 5001, 1001, win=512)]
    r = run(events)
    assert r.valid and not r.findings
    assert tcb(r, "arrive", 3, "A")[SND_WND] == 512
    # so 1000 octets overrun B's 512-octet window
    r = run(events + [seg("A", 0.04, F.ACK | F.PSH, 1001, 5001, length=1000)])
    assert problems(r) == [("beyond-window", 4, {"host": "A", "limit": 1001 + 512, "end": 2001})]


def test_synack_may_not_offer_scaling_the_syn_did_not_offer():
    events = handshake(a_opts={"mss": 1460}) + [seg("B", 0.03, F.ACK, 5001, 1001, win=512)]
    r = run(events)
    assert problems(r) == [("wscale-not-offered", 1, {"host": "B"})]
    assert tcb(r, "arrive", 3, "A")[SND_WND] == 512
    assert tcb(r, "arrive", 2, "B")[SND_WND] == 512
    finding = next(f for f in r.findings if f.code == "wscale-not-offered")
    assert finding.rfc == "7323 2.2"


def test_shift_above_14_is_used_as_14():
    events = handshake(a_opts=dict(LINUX_SYN, wscale=15), b_opts=dict(LINUX_SYNACK, wscale=15))
    events.append(seg("B", 0.03, F.ACK, 5001, 1001, win=1))
    r = run(events)
    assert problems(r) == [("wscale-too-large", 0, {"host": "A", "shift": 15}),
                           ("wscale-too-large", 1, {"host": "B", "shift": 15})]
    assert tcb(r, "arrive", 2, "B")[SND_WND] == 512 << 14
    assert tcb(r, "arrive", 3, "A")[SND_WND] == 1 << 14


def test_simultaneous_open_with_scaling():
    a_syn = seg("A", 0.0, F.SYN, 1000, win=65495, at=0.02, options={"wscale": 3})
    b_syn = seg("B", 0.01, F.SYN, 5000, win=65495, at=0.011, options={"wscale": 5})
    r = run([a_syn, b_syn,
             seg("A", 0.012, F.SYN | F.ACK, 1000, 5001, win=65495, at=0.03, options={"wscale": 3}),
             seg("B", 0.021, F.SYN | F.ACK, 5000, 1001, win=65495, at=0.031, options={"wscale": 5}),
             seg("A", 0.04, F.ACK, 1001, 5001, win=100),
             seg("B", 0.05, F.ACK, 5001, 1001, win=100)],
            a=HostSpec("A", role="peer"), b=HostSpec("B", role="peer"))
    assert r.valid and not r.findings
    # the crossing SYN,ACKs complete the handshake with their (never scaled) windows
    assert tcb(r, "arrive", 2, "B")[SND_WND] == 65495
    assert tcb(r, "arrive", 3, "A")[SND_WND] == 65495
    assert tcb(r, "arrive", 4, "B")[SND_WND] == 100 << 3
    assert tcb(r, "arrive", 5, "A")[SND_WND] == 100 << 5


# ---- transfers ------------------------------------------------------------------------------------

def test_more_than_65535_octets_in_flight_is_valid_only_with_scaling():
    events, end = bulk()
    r = run(events)
    assert r.valid and not r.findings, problems(r)
    assert at(r, "arrive", 8).tcb[0][2] == end  # B acknowledged all 240000 octets
    assert tcb(r, "arrive", 7, "B")[5] == end

    # The same segments without the options: B's window is 2048 octets, not 262144.
    plain = run(without_options(events))
    assert problems(plain) == [
        ("beyond-window", i, {"host": "A", "limit": 1001 + 2048, "end": 1001 + 60000 * (i - 3)})
        for i in range(4, 8)]


def test_data_up_to_the_scaled_window_edge_and_one_octet_past_it():
    base = handshake() + [seg("B", 0.03, F.ACK, 5001, 1001, win=4)]  # 4 << 7 = 512 octets
    r = run(base + [seg("A", 0.04, F.ACK | F.PSH, 1001, 5001, length=512)])
    assert r.valid and not r.findings
    r = run(base + [seg("A", 0.04, F.ACK | F.PSH, 1001, 5001, length=513)])
    assert problems(r) == [("beyond-window", 4, {"host": "A", "limit": 1001 + 512, "end": 1001 + 513})]


def test_beyond_the_scaled_window_is_still_reported():
    events, _ = bulk(n=5, b_win=2048)  # 300000 octets into a 262144-octet window
    r = run(events)
    assert [c for c, *_ in problems(r)] == ["beyond-window"]
    assert problems(r)[0][1:] == (8, {"host": "A", "limit": 1001 + (2048 << 7), "end": 1001 + 5 * 60000})


def test_segments_past_the_scaled_receive_window_are_unacceptable():
    base = handshake() + [seg("B", 0.03, F.ACK, 5001, 1001, win=4)]  # B: RCV.WND = 512
    r = run(base + [seg("A", 0.04, F.ACK | F.PSH, 1001 + 512, 5001, length=100, old_duplicate=True)])
    assert problems(r) == []
    assert [(f.code, f.params) for f in r.findings] == [
        ("rcv-unacceptable", {"host": "B", "seq": 1513, "rcv_nxt": 1001, "rcv_wnd": 512})]
    r = run(base + [seg("A", 0.04, F.ACK | F.PSH, 1001 + 511, 5001, length=100, old_duplicate=True)])
    assert codes(r) == ["rcv-out-of-order"]  # inside the window, beyond RCV.NXT: held


# ---- what Linux sends that must not be flagged ----------------------------------------------------

def test_linux_zero_window_probe_and_window_update():
    events = handshake() + [
        seg("A", 0.03, F.ACK | F.PSH, 1001, 5001, length=1000),
        seg("B", 0.04, F.ACK, 5001, 2001, win=0),                 # B's buffer is full
        seg("A", 0.3, F.ACK, 2000, 5001),                          # probe: SEG.SEQ = SND.UNA - 1
        seg("B", 0.31, F.ACK, 5001, 2001, win=0),                 # the ACK the probe asks for
        seg("B", 0.5, F.ACK, 5001, 2001, win=300),                # window update: only win changes
        seg("A", 0.6, F.ACK | F.PSH, 2001, 5001, length=300 << 7),  # fills the reopened window
    ]
    r = run(events)
    assert r.valid and problems(r) == []
    assert at(r, "send", 5).role == "keepalive"  # a probe SND.NXT-1 with nothing outstanding
    assert codes(r, "info") == ["rcv-unacceptable"]  # the probe, answered by the ACK after it
    assert tcb(r, "arrive", 4, "A")[SND_WND] == 0
    assert tcb(r, "arrive", 7, "A")[SND_WND] == 300 << 7
    assert tcb(r, "arrive", 8, "B")[5] == 2001 + (300 << 7)


def test_one_octet_zero_window_probe():
    events = handshake() + [
        seg("B", 0.03, F.ACK, 5001, 1001, win=0),
        seg("A", 0.3, F.ACK | F.PSH, 1001, 5001, length=1),  # BSD-style: one new octet
        seg("B", 0.31, F.ACK, 5001, 1001, win=0),
    ]
    r = run(events)
    assert r.valid and problems(r) == []
    assert codes(r, "info") == ["rcv-unacceptable"]


def test_sack_and_timestamp_options_on_syns_are_fine():
    r = run(handshake() + [seg("A", 0.03, F.ACK | F.PSH, 1001, 5001, length=100),
                           seg("B", 0.04, F.ACK, 5001, 1101)])
    assert r.valid and not r.findings


def test_window_scale_option_outside_a_syn_is_ignored():
    """RFC 7323 2.2: "A Window Scale option in a segment without a SYN bit SHOULD be ignored"."""
    events = handshake(a_opts={"mss": 1460}, b_opts={"mss": 1460}) + [
        seg("B", 0.03, F.ACK, 5001, 1001, win=4, options={"wscale": 7})]
    assert tcb(run(events), "arrive", 3, "A")[SND_WND] == 4


# ---- unknown shift: the trace starts mid-connection -----------------------------------------------

def mid_connection():
    """A Linux bulk transfer caught mid-flight: windows of 512 (really 65536 or more), 30000-octet
    segments, five of them in flight, the second arriving last (so the others wait up to 90000
    octets beyond RCV.NXT); then B acknowledges them all."""
    events = []
    seq = 100000
    for i in range(5):
        events.append(seg("A", 1.0 + i * 0.001, F.ACK | F.PSH, seq, 7000, length=30000,
                          at=1.1 + (0.01 if i == 1 else 0) + i * 0.001))
        seq += 30000
    events.append(seg("B", 1.2, F.ACK, 7000, seq, win=512))
    events.append(seg("A", 1.3, F.ACK | F.PSH, seq, 7000, length=30000))
    return events, seq


def test_mid_connection_windows_are_unknown_and_constrain_nothing():
    events, end = mid_connection()
    r = run(events, a=HostSpec("A"), b=HostSpec("B"))
    assert r.initial == (S.ESTABLISHED, S.ESTABLISHED)
    assert r.valid and problems(r) == []
    assert codes(r, "info") == ["rcv-out-of-order"] * 3  # up to 90000 beyond RCV.NXT: held
    assert at(r, "arrive", 4).tcb[1][5] == 130000
    assert at(r, "arrive", 1).tcb[1][5] == end  # the gap filled, the held segments taken in
    assert {n["host"] for n in r.inferred if n["event"] == "window-scale-unknown"} == {"A", "B"}
    assert tcb(r, "arrive", 5, "A")[SND_WND] is None  # win=512 with an unknown shift
    assert tcb(r, "send", 5, "B")[RCV_WND] is None
    assert tcb(r, "arrive", 6, "B")[5] == end + 30000


def test_mid_connection_zero_window_is_known():
    events = [seg("A", 1.0, F.ACK | F.PSH, 100000, 7000, length=100),
              seg("B", 1.1, F.ACK, 7000, 100100, win=0),
              seg("A", 1.2, F.ACK | F.PSH, 100100, 7000, length=1000)]
    r = run(events, a=HostSpec("A"), b=HostSpec("B"))
    assert tcb(r, "arrive", 1, "A")[SND_WND] == 0  # zero whatever the shift
    assert problems(r) == [("beyond-window", 2, {"host": "A", "limit": 100100, "end": 101100})]
    assert codes(r, "info") == ["rcv-unacceptable"]


def test_mid_connection_old_segment_is_still_unacceptable_and_renders():
    events, end = mid_connection()
    events.append(seg("A", 1.4, F.ACK | F.PSH, 100000, 7000, length=30000, old_duplicate=True))
    r = run(events, a=HostSpec("A"), b=HostSpec("B"))
    finding = next(f for f in r.findings if f.code == "rcv-unacceptable")
    assert finding.params == {"host": "B", "seq": 100000, "rcv_nxt": end + 30000, "rcv_wnd": None}
    for lang in ("en", "zh_CN"):
        text = render_finding(finding, lang)
        assert str(end + 30000) in text and "{" not in text and "None" not in text


def test_past_the_largest_possible_window_is_unacceptable_even_when_unknown():
    ep = Endpoint("B")
    ep._clear_tcb(S.ESTABLISHED)
    ep.iss, ep.irs, ep.snd_una, ep.snd_nxt, ep.rcv_nxt, ep.rcv_wnd = 10, 99, 11, 11, 100, None
    assert ep._acceptable(100 + MAX_WINDOW - 1, 1)
    assert not ep._acceptable(100 + MAX_WINDOW, 1)
    assert not ep._acceptable(99, 1)


def test_declared_window_holds_until_an_update_with_unknown_shift():
    a = HostSpec("A", initial=InitialTcb(S.ESTABLISHED, snd_una=100000, snd_nxt=100000, rcv_nxt=7000,
                                         snd_wnd=1000))
    over = [seg("A", 1.0, F.ACK | F.PSH, 100000, 7000, length=2000)]
    assert [c for c, *_ in problems(run(over, a=a, b=HostSpec("B")))] == ["beyond-window"]
    updated = [seg("B", 0.5, F.ACK, 7000, 100000, win=8)] + over
    assert problems(run(updated, a=a, b=HostSpec("B"))) == []


def test_resent_syn_of_a_declared_syn_sent_host_shows_its_offer():
    a = HostSpec("A", initial=InitialTcb(S.SYN_SENT, iss=1000))
    r = run([seg("A", 0.0, F.SYN, 1000, win=65495, options=dict(LINUX_SYN)),
             seg("B", 0.01, F.SYN | F.ACK, 5000, 1001, win=65483, options=dict(LINUX_SYNACK)),
             seg("A", 0.02, F.ACK, 1001, 5001, win=512),
             seg("B", 0.03, F.ACK, 5001, 1001, win=4)], a=a)
    assert at(r, "send", 0).role == "retransmission"
    assert r.valid and not r.findings
    assert tcb(r, "arrive", 3, "A")[SND_WND] == 4 << 7


# ---- header prediction agrees with the full path --------------------------------------------------

def _slow(monkeypatch):
    monkeypatch.setattr(endpoint_module.Endpoint, "_predicted_send", lambda self, seg: False)
    monkeypatch.setattr(endpoint_module.Endpoint, "_predicted_arrival", lambda self, seg: False)


def _summary(result):
    return ([(s.kind, s.segment, s.states, s.transitions, s.tcb, s.role) for s in result.steps],
            [f.as_dict() for f in result.findings], result.inferred)


def _prediction_cases():
    events, _ = bulk()
    yield "bulk", events, None, None
    yield "beyond", bulk(n=5)[0], None, None
    yield "plain", without_options(events), None, None
    yield "mid", mid_connection()[0], HostSpec("A"), HostSpec("B")
    for seed in range(12):
        sim = simulate(random.Random(seed), wscale=0.8, data=(1000, 60000))
        yield f"sim{seed}", sim.trace.events, sim.trace.hosts["A"], sim.trace.hosts["B"]


@pytest.mark.parametrize("name, events, a, b", list(_prediction_cases()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_fast_paths_agree_with_the_full_path(monkeypatch, name, events, a, b):
    fast = _summary(run(events, a, b))
    _slow(monkeypatch)
    assert _summary(run(events, a, b)) == fast


# ---- the simulator (the oracle) scales too --------------------------------------------------------

SCALED_SEEDS = range(60)


@pytest.mark.parametrize("seed", SCALED_SEEDS)
def test_generated_scaled_traces_agree_with_the_checker(seed):
    sim = simulate(random.Random(seed), wscale=0.7, data=(1000, 60000), claims=0.1)
    assert_agrees_with_simulation(sim)


def test_generated_traces_cover_scaling_and_large_windows():
    scaled = large = 0
    for seed in SCALED_SEEDS:
        sim = simulate(random.Random(seed), wscale=0.7, data=(1000, 60000))
        syns = [s for s in sim.trace.segments() if s.flags & F.SYN]
        offers = {s.sender for s in syns if s.options and "wscale" in s.options}
        for s in syns:  # RFC 7323 2.2: a SYN,ACK offers scaling only if the SYN did
            if s.flags & F.ACK and s.options:
                assert any(o.sender != s.sender and not o.flags & F.ACK and o.options for o in syns)
        scaled += offers == {"A", "B"}
        result = check(sim.trace)
        large += any(t is not None and t[2] is not None and ((t[3] - t[2]) & 0xFFFFFFFF) > 65535
                     for step in result.steps for t in step.tcb)
    assert scaled >= 15 and large >= 3, (scaled, large)


def test_without_wscale_the_simulator_draws_what_it_always_did():
    a = simulate(random.Random(7), scenario="bulk")
    b = simulate(random.Random(7), scenario="bulk", wscale=0.0)
    assert a.trace == b.trace
    assert not any(s.options for s in a.trace.segments())


@pytest.mark.parametrize("seed", range(25))
def test_mutations_of_scaled_traces_are_flagged_or_proved_valid(seed):
    sim = simulate(random.Random(seed), wscale=0.8, data=(1000, 60000))
    base = with_roles(sim.trace, sim.initial)
    assert check(base).valid
    for kind in KINDS:
        m = mutate(base, kind, 3 * seed + 1)
        if m is not None:
            verify_mutation(m)


def test_removing_one_offer_turns_scaling_off_in_checker_and_oracle():
    """The oracle (simulate.explain) and the checker read windows the same way. A's first
    segment is lost and the second waits 60000 octets beyond RCV.NXT: inside B's window of
    2048 << 7, so it is held and B's ACK covers both once the first is resent. Without the
    SYN,ACK's option the window is 2048 octets: the second is dropped and the ACK is wrong."""
    from trainer.engine.simulate import explain
    events = handshake() + [
        seg("B", 0.03, F.ACK, 5001, 1001, win=2048),
        seg("A", 0.04, F.ACK, 1001, 5001, length=60000, at=None),
        seg("A", 0.041, F.ACK | F.PSH, 61001, 5001, length=60000),
        seg("A", 0.5, F.ACK, 1001, 5001, length=60000),       # the retransmission
        seg("B", 0.6, F.ACK, 5001, 121001, win=2048),
    ]
    events[4] = dataclasses.replace(events[4], arrive_time=None)
    hosts = {"A": HostSpec("A", role="client"), "B": HostSpec("B", role="server")}
    scaled = Trace(hosts=hosts, events=events)
    assert check(scaled).valid and explain(scaled).valid
    events[1] = dataclasses.replace(events[1], options={"mss": 65495})
    plain = Trace(hosts=hosts, events=events)
    assert [(f.code, f.segment) for f in check(plain).errors()] == [("ack-not-next", 7)]
    oracle = explain(plain)
    assert not oracle.valid and oracle.event == 7 and oracle.code == "ack-wrong"
