"""One test (or a few) per rule of RFC 9293 3.10.1-3.10.5, 3.10.7.1-3.10.7.4 and 3.10.8.

Each builds a small trace by hand and asserts the checker's exact step-by-step states,
transition ids, roles and findings (code, segment, params). Conventions in the traces: A's ISS is
100, B's ISS is 300, windows are 65535 unless a test is about windows, times are seconds.
"""

from __future__ import annotations

import pytest

from trainer.engine.checker import check
from trainer.engine.states import State
from trainer.engine.trace import (
    Call, CallKind, Crash, Flag, HostSpec, InitialTcb, Segment, Timeout, Timer, Trace, TraceOptions,
)

F = Flag
W = 65535
CL, LI, SS, SR, ES = "CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"
F1, F2, CW, CG, LA, TW = "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"


def run(events, a="client", b="server", **kw):
    hosts = {"A": HostSpec("A", role=a) if isinstance(a, str) or a is None else a,
             "B": HostSpec("B", role=b) if isinstance(b, str) or b is None else b}
    return check(Trace(events=events, hosts=hosts, **kw))


def steps(result):
    """(kind, segment or event, state of A, state of B, transitions) per step."""
    return [(s.kind, s.segment if s.segment is not None else s.event, s.states[0].value,
             s.states[1].value, s.transitions) for s in result.steps]


def findings(result, *severities):
    keep = severities or ("error", "warning", "info")
    return [(f.code, f.segment, f.params) for f in result.findings if f.severity.value in keep]


def errors(result):
    return findings(result, "error")


def step(result, kind, segment):
    """The step where segment number ``segment`` is sent or arrives."""
    return next(s for s in result.steps if s.kind == kind and s.segment == segment)


def seg(sender, t, at, flags, seq, ack=None, length=0, win=W, **kw):
    return Segment(sender, t, at, flags, seq, ack, win, length, **kw)


def handshake():
    """A (client, ISS 100) and B (server, ISS 300): ESTABLISHED both after t=4."""
    return [
        seg("A", 1, 2, F.SYN, 100),
        seg("B", 2, 3, F.SYN | F.ACK, 300, 101),
        seg("A", 3, 4, F.ACK, 101, 301),
    ]


def established(a_una=101, b_una=301):
    """Both hosts declared ESTABLISHED: A sends from 101, B from 301."""
    return (HostSpec("A", initial=InitialTcb(S.ESTABLISHED, iss=100, irs=300, snd_una=a_una, snd_nxt=101,
                                             rcv_nxt=301, snd_wnd=W, rcv_wnd=W)),
            HostSpec("B", initial=InitialTcb(S.ESTABLISHED, iss=300, irs=100, snd_una=b_una, snd_nxt=301,
                                             rcv_nxt=101, snd_wnd=W, rcv_wnd=W)))


S = State


# ---- 3.10.1 OPEN ------------------------------------------------------------------------------

def test_open_active_and_passive():
    r = run([Call("B", 0, CallKind.LISTEN), Call("A", 1, CallKind.CONNECT)] + handshake(), b="peer")
    assert r.initial == (S.CLOSED, S.CLOSED)
    assert steps(r)[:4] == [
        ("call", 0, CL, LI, ("passive-open",)),
        ("call", 1, SS, LI, ("active-open",)),
        ("send", 0, SS, LI, ()),
        ("arrive", 0, SS, SR, ("listen-rcv-syn",)),
    ]
    assert r.valid and not r.findings
    assert r.steps[2].tcb[0] == (100, None, 100, 101, W, None, W)  # SND.UNA=ISS, SND.NXT=ISS+1


def test_open_implicit_connect_is_inferred():
    r = run(handshake())
    assert steps(r)[0] == ("send", 0, SS, LI, ("active-open",))
    assert {"host": "A", "event": "call", "call": "connect", "step": 0} in r.inferred
    assert r.valid


def test_open_in_listen_turns_active():
    r = run([Call("B", 0, CallKind.CONNECT), seg("B", 0, None, F.SYN, 300)])
    assert steps(r) == [("call", 0, CL, SS, ("listen-send",)), ("send", 0, CL, SS, ())]
    assert r.valid


def test_open_when_the_connection_exists_is_an_error_response():
    r = run(handshake() + [Call("A", 5, CallKind.CONNECT), Call("B", 5.5, CallKind.LISTEN)])
    assert steps(r)[-2:] == [("call", 3, ES, ES, ()), ("call", 4, ES, ES, ())]
    assert findings(r) == [
        ("call-invalid", None, {"host": "A", "call": "connect", "state": ES, "error": "exists"}),
        ("call-invalid", None, {"host": "B", "call": "listen", "state": ES, "error": "exists"}),
    ]
    assert r.valid  # a call that returns an error is a warning


def test_syn_from_established_is_not_allowed():
    r = run(handshake() + [seg("A", 5, 6, F.SYN, 100)])
    assert errors(r) == [("syn-not-allowed", 3, {"host": "A", "state": ES})]


# ---- 3.10.2 SEND ------------------------------------------------------------------------------

def test_send_without_a_connection():
    r = run([Call("A", 0, CallKind.SEND, 10), seg("A", 0, 1, F.ACK | F.PSH, 100, 300, length=10)],
            a="peer", b="peer")
    assert findings(r)[0] == ("call-invalid", None, {"host": "A", "call": "send", "state": CL,
                                                      "error": "not-exist"})
    assert ("send-without-connection", 0, {"host": "A", "flags": "PSH,ACK"}) in errors(r)


def test_send_in_syn_sent_is_queued_and_data_goes_after_established():
    r = run([seg("A", 1, 2, F.SYN, 100), Call("A", 1.5, CallKind.SEND, 10),
             seg("B", 2, 3, F.SYN | F.ACK, 300, 101),
             seg("A", 3, 4, F.ACK | F.PSH, 101, 301, length=10)])  # the ACK of the SYN carries data
    assert r.valid and not r.findings
    assert steps(r)[-1] == ("arrive", 2, ES, ES, ("synrcvd-rcv-ack",))
    assert r.steps[-1].tcb[1][5] == 111  # B's RCV.NXT covers the data


def test_data_before_established_is_not_allowed():
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, None, F.SYN | F.ACK, 300, 101),
             seg("B", 2.5, None, F.ACK | F.PSH, 301, 101, length=10)])
    assert errors(r) == [("data-not-allowed", 2, {"host": "B", "state": SR})]


def test_send_before_synchronized():
    r = run([seg("A", 1, None, F.SYN, 100), seg("A", 1.5, None, F.ACK, 101, 0)])
    assert errors(r) == [("send-before-synchronized", 1, {"host": "A", "state": SS})]


def test_send_after_close_is_closing():
    r = run(handshake() + [Call("A", 5, CallKind.CLOSE), seg("A", 5, None, F.FIN | F.ACK, 101, 301),
                           Call("A", 6, CallKind.SEND, 5)])
    assert findings(r) == [("call-invalid", None, {"host": "A", "call": "send", "state": F1,
                                                   "error": "closing"})]


def test_data_after_fin_is_rejected():
    r = run(handshake() + [seg("A", 5, None, F.FIN | F.ACK, 101, 301),
                           seg("A", 6, None, F.ACK | F.PSH, 102, 301, length=5)])
    assert errors(r) == [("data-after-fin", 4, {"host": "A", "fin": 101})]


# ---- 3.10.4 CLOSE -----------------------------------------------------------------------------

def test_close_in_listen_and_syn_sent_deletes_the_tcb():
    r = run([Call("B", 0, CallKind.CLOSE), seg("A", 1, None, F.SYN, 100), Call("A", 2, CallKind.CLOSE)])
    assert steps(r) == [
        ("call", 0, CL, CL, ("listen-close",)),
        ("send", 0, SS, CL, ("active-open",)),
        ("call", 2, CL, CL, ("synsent-close",)),
    ]
    assert r.valid and not r.findings


def test_close_in_syn_received_sends_fin():
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, 3, F.SYN | F.ACK, 300, 101),
             Call("B", 2.5, CallKind.CLOSE), seg("B", 2.5, 3.5, F.FIN | F.ACK, 301, 101),
             seg("A", 3, 4, F.ACK, 101, 301), seg("A", 3.5, 4.5, F.ACK, 101, 302)])
    assert [s[2:] for s in steps(r)] == [
        (SS, LI, ("active-open",)), (SS, SR, ("listen-rcv-syn",)), (SS, SR, ()),
        (SS, F1, ("synrcvd-close",)), (SS, F1, ()),
        (ES, F1, ("synsent-rcv-synack",)), (ES, F1, ()),
        (CW, F1, ("estab-rcv-fin",)), (CW, F1, ()),
        (CW, F1, ()),                      # the ACK of the SYN only: FIN-WAIT-1 still
        (CW, F2, ("finwait1-rcv-ack",)),
    ]
    assert r.valid


@pytest.mark.parametrize("call", [CallKind.CLOSE, CallKind.SHUTDOWN])
def test_close_in_established_and_close_wait(call):
    r = run(handshake() + [
        Call("A", 5, call), seg("A", 5, 6, F.FIN | F.ACK, 101, 301),
        seg("B", 6, 7, F.ACK, 301, 102),
        Call("B", 8, call), seg("B", 8, 9, F.FIN | F.ACK, 301, 102),
        seg("A", 9, 10, F.ACK, 102, 302),
    ])
    assert steps(r)[6:] == [
        ("call", 3, F1, ES, ("estab-close",)), ("send", 3, F1, ES, ()),
        ("arrive", 3, F1, CW, ("estab-rcv-fin",)), ("send", 4, F1, CW, ()),
        ("arrive", 4, F2, CW, ("finwait1-rcv-ack",)),
        ("call", 6, F2, LA, ("closewait-close",)), ("send", 5, F2, LA, ()),
        ("arrive", 5, TW, LA, ("finwait2-rcv-fin",)), ("send", 6, TW, LA, ()),
        ("arrive", 6, TW, CL, ("lastack-rcv-ack",)),
    ]
    assert r.valid and not r.findings


def test_close_errors():
    r = run([Call("A", 0, CallKind.CLOSE)] + handshake() + [
        Call("A", 5, CallKind.CLOSE), seg("A", 5, None, F.FIN | F.ACK, 101, 301),
        Call("A", 6, CallKind.SHUTDOWN)], a="peer")
    assert findings(r) == [
        ("call-invalid", None, {"host": "A", "call": "close", "state": CL, "error": "not-exist"}),
        ("call-invalid", None, {"host": "A", "call": "shutdown", "state": F1, "error": "closing"}),
    ]


def test_fin_implies_close():
    r = run(handshake() + [seg("A", 5, 6, F.FIN | F.ACK, 101, 301)])
    assert steps(r)[6] == ("send", 3, F1, ES, ("estab-close",))
    assert {"host": "A", "event": "call", "call": "close", "step": 6} in r.inferred


# ---- 3.10.5 ABORT -----------------------------------------------------------------------------

@pytest.mark.parametrize("flags, ack", [(F.RST, None), (F.RST | F.ACK, 301)])
def test_abort_in_established_sends_rst_at_snd_nxt(flags, ack):
    r = run(handshake() + [Call("A", 5, CallKind.ABORT), seg("A", 5, 6, flags, 101, ack, win=None)])
    assert steps(r)[6:] == [
        ("call", 3, CL, ES, ("abort",)),
        ("send", 3, CL, ES, ()),
        ("arrive", 3, CL, CL, ("rcv-rst",)),
    ]
    assert r.steps[7].role == "reply-rst"
    assert r.valid and not r.findings


def test_abort_inferred_from_rst_at_snd_nxt():
    r = run(handshake() + [seg("A", 5, 6, F.RST, 101, win=None)])
    assert steps(r)[6] == ("send", 3, CL, ES, ("abort",))
    assert r.steps[6].role == "abort"
    assert {"host": "A", "event": "call", "call": "abort", "step": 6} in r.inferred


def test_abort_rst_with_wrong_seq_or_ack():
    r = run(handshake() + [Call("A", 5, CallKind.ABORT), seg("A", 5, 6, F.RST, 105, win=None)])
    assert errors(r) == [("rst-seq-wrong", 3, {"host": "A", "expected": 101, "got": 105, "rule": "snd-nxt"})]
    r = run(handshake() + [seg("A", 5, 6, F.RST | F.ACK, 101, 300, win=None)])
    assert errors(r) == [("rst-ack-wrong", 3, {"host": "A", "expected": 301, "got": 300})]


def test_abort_without_rst():
    r = run([Call("B", 0, CallKind.ABORT), Call("B", 1, CallKind.ABORT)], b="server")
    assert steps(r) == [("call", 0, CL, CL, ("close-delete",)), ("call", 1, CL, CL, ())]
    assert findings(r) == [("call-invalid", None, {"host": "B", "call": "abort", "state": CL,
                                                   "error": "not-exist"})]


# ---- 3.10.7.1 CLOSED --------------------------------------------------------------------------

def test_closed_answers_a_segment_without_ack_with_rst_ack():
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, 3, F.RST | F.ACK, 0, 101, win=None)], b="peer")
    assert steps(r) == [
        ("send", 0, SS, CL, ("active-open",)),
        ("arrive", 0, SS, CL, ()),
        ("send", 1, SS, CL, ()),
        ("arrive", 1, CL, CL, ("rcv-rst",)),   # SYN-SENT: acceptable ACK + RST -> CLOSED
    ]
    assert r.steps[2].role == "reply-rst"
    assert findings(r) == [("rcv-closed-reset", 0, {"host": "B", "rst_seq": 0, "rst_ack": 101})]


def test_closed_answers_a_segment_with_ack_with_rst_seq_seg_ack():
    a, _ = established()
    r = run([seg("A", 1, 2, F.ACK | F.PSH, 101, 301, length=10), seg("B", 2, 3, F.RST, 301, win=None)],
            a=a, b="peer")
    assert findings(r) == [("rcv-closed-reset", 0, {"host": "B", "rst_seq": 301, "rst_ack": None})]
    assert steps(r)[-1] == ("arrive", 1, CL, CL, ("rcv-rst",))
    assert r.valid


def test_closed_reset_formats_are_checked():
    syn = seg("A", 1, 2, F.SYN, 100)
    r = run([syn, seg("B", 2, 3, F.RST | F.ACK, 1, 101, win=None)], b="peer")
    assert errors(r) == [("rst-seq-wrong", 1, {"host": "B", "expected": 0, "got": 1, "rule": "zero"})]
    r = run([syn, seg("B", 2, 3, F.RST, 0, win=None)], b="peer")
    assert errors(r) == [("rst-ack-required", 1, {"host": "B", "expected": 101})]
    r = run([syn, seg("B", 2, 3, F.RST | F.ACK, 0, 100, win=None)], b="peer")
    assert errors(r) == [("rst-ack-wrong", 1, {"host": "B", "expected": 101, "got": 100})]
    a, _ = established()
    r = run([seg("A", 1, 2, F.ACK, 101, 301), seg("B", 2, 3, F.RST, 300, win=None)], a=a, b="peer")
    assert errors(r) == [("rst-seq-wrong", 1, {"host": "B", "expected": 301, "got": 300,
                                               "rule": "from-ack"})]


def test_closed_ignores_rst_and_never_sends_unprovoked_rst():
    a, _ = established()
    r = run([seg("A", 1, 2, F.RST, 101, win=None), seg("B", 3, 4, F.RST, 5, win=None)], a=a, b="peer")
    assert findings(r) == [
        ("rcv-rst-ignored", 0, {"host": "B", "reason": "closed"}),
        ("rst-unprovoked", 1, {"host": "B", "state": CL}),
        ("rcv-rst-ignored", 1, {"host": "A", "reason": "closed"}),
    ]


def test_crash_then_rst_reply():
    r = run(handshake() + [
        Crash("B", 5),
        seg("A", 6, 7, F.ACK | F.PSH, 101, 301, length=10),
        seg("B", 7, 8, F.RST, 301, win=None),
    ])
    assert steps(r)[6:] == [
        ("crash", 3, ES, CL, ("crash",)),
        ("send", 3, ES, CL, ()),
        ("arrive", 3, ES, CL, ()),
        ("send", 4, ES, CL, ()),
        ("arrive", 4, CL, CL, ("rcv-rst",)),   # SEQ = SEG.ACK = A's RCV.NXT: exact
    ]
    assert findings(r) == [("rcv-closed-reset", 3, {"host": "B", "rst_seq": 301, "rst_ack": None})]
    assert r.steps[9].role == "reply-rst"


# ---- 3.10.7.2 LISTEN --------------------------------------------------------------------------

def test_listen_ignores_rst():
    r = run([seg("A", 1, 2, F.RST, 100, win=None, old_duplicate=True)], a="peer")
    assert steps(r) == [("send", 0, CL, LI, ()), ("arrive", 0, CL, LI, ())]
    assert r.steps[0].role == "old-duplicate"
    assert findings(r) == [("rcv-rst-ignored", 0, {"host": "B", "reason": "listen"})]


def test_listen_resets_an_ack():
    r = run([seg("A", 1, 2, F.ACK, 100, 555, old_duplicate=True), seg("B", 2, 3, F.RST, 555, win=None)],
            a="peer")
    assert steps(r) == [("send", 0, CL, LI, ()), ("arrive", 0, CL, LI, ()),
                        ("send", 1, CL, LI, ()), ("arrive", 1, CL, LI, ())]
    assert findings(r) == [
        ("rcv-bad-ack", 0, {"host": "B", "ack": 555, "snd_nxt": None, "state": LI, "reply": "rst"}),
        ("rcv-rst-ignored", 1, {"host": "A", "reason": "closed"}),
    ]
    assert r.steps[2].role == "reply-rst"


def test_listen_syn_gives_syn_received_and_the_synack_binds_the_iss():
    r = run(handshake()[:2])
    assert steps(r) == [("send", 0, SS, LI, ("active-open",)), ("arrive", 0, SS, SR, ("listen-rcv-syn",)),
                        ("send", 1, SS, SR, ()), ("arrive", 1, ES, SR, ("synsent-rcv-synack",))]
    assert r.steps[1].tcb[1] == (None, 100, None, None, W, 101, W)  # IRS, RCV.NXT=SEG.SEQ+1
    assert r.steps[2].tcb[1] == (300, 100, 300, 301, W, 101, W)    # ISS chosen by the SYN,ACK


def test_listen_drops_other_segments():
    r = run([seg("A", 1, 2, F.FIN, 100, old_duplicate=True)], a="peer")
    assert findings(r) == [("rcv-dropped", 0, {"host": "B", "state": LI, "reason": "listen-no-syn"})]


def test_synack_without_syn_says_when_the_syn_arrives():
    r = run([seg("A", 1, 3, F.SYN, 100), seg("B", 2, 4, F.SYN | F.ACK, 300, 101)])
    assert errors(r) == [("synack-without-syn", 1, {"host": "B", "state": LI, "pending": 3})]
    r = run([seg("B", 2, 4, F.SYN | F.ACK, 300, 101)], a="peer")
    assert errors(r) == [("synack-without-syn", 0, {"host": "B", "state": LI, "pending": None})]


# ---- 3.10.7.3 SYN-SENT ------------------------------------------------------------------------

def test_syn_sent_unacceptable_ack_gets_rst_seq_seg_ack():
    r = run([seg("A", 1, 4, F.SYN, 100),
             seg("B", 2, 3, F.ACK, 7000, 999, old_duplicate=True),   # an old ACK
             seg("A", 3, 4.5, F.RST, 999, win=None)])
    assert steps(r)[2:4] == [("arrive", 1, SS, LI, ()), ("send", 2, SS, LI, ())]
    assert findings(r)[0] == ("rcv-bad-ack", 1, {"host": "A", "ack": 999, "snd_nxt": 101, "state": SS,
                                                 "reply": "rst"})
    assert r.steps[3].role == "reply-rst"
    assert r.valid


@pytest.mark.parametrize("ack", [100, 102])  # SEG.ACK =< ISS, SEG.ACK > SND.NXT
def test_syn_sent_rst_with_bad_ack_is_ignored(ack):
    r = run([seg("A", 1, 3, F.SYN, 100), seg("B", 2, 2.5, F.RST | F.ACK, 0, ack, win=None, old_duplicate=True)])
    assert step(r, "arrive", 1).states == (S.SYN_SENT, S.LISTEN)
    assert ("rcv-rst-ignored", 1, {"host": "A", "reason": "bad-ack"}) in findings(r)


def test_syn_sent_rst_without_ack_is_ignored():
    r = run([seg("A", 1, 3, F.SYN, 100), seg("B", 2, 2.5, F.RST, 0, win=None, old_duplicate=True)])
    assert step(r, "arrive", 1).states == (S.SYN_SENT, S.LISTEN)
    assert findings(r) == [("rcv-rst-ignored", 1, {"host": "A", "reason": "no-ack"})]


def test_syn_sent_drops_a_segment_without_syn_or_rst():
    r = run([seg("A", 1, 3, F.SYN, 100), seg("B", 2, 2.5, F.ACK, 300, 101, old_duplicate=True)])
    assert findings(r) == [("rcv-dropped", 1, {"host": "A", "state": SS, "reason": "synsent-no-syn"})]


def test_simultaneous_open():
    # Figure 8: the SYNs cross, then the SYN,ACKs cross
    r = run([seg("A", 1, 3, F.SYN, 100), seg("B", 1.5, 2.5, F.SYN, 300),
             seg("A", 2.5, 4, F.SYN | F.ACK, 100, 301), seg("B", 3, 5, F.SYN | F.ACK, 300, 101)],
            a="peer", b="peer")
    assert steps(r) == [
        ("send", 0, SS, CL, ("active-open",)),
        ("send", 1, SS, SS, ("active-open",)),
        ("arrive", 1, SR, SS, ("synsent-rcv-syn",)),
        ("send", 2, SR, SS, ()),
        ("arrive", 0, SR, SR, ("synsent-rcv-syn",)),
        ("send", 3, SR, SR, ()),
        ("arrive", 2, SR, ES, ("synrcvd-rcv-ack",)),   # SYN trimmed off, the ACK taken
        ("arrive", 3, ES, ES, ("synrcvd-rcv-ack",)),
    ]
    assert r.steps[3].role is None  # a new segment (3.10.7.3), though it reuses the SYN's ISS
    assert r.valid and not r.findings


# ---- 3.10.7.4 first: the acceptability test ---------------------------------------------------

def _window_trace(b_win, a_seg):
    """Established; B advertises ``b_win`` in an ACK, then A's segment ``a_seg`` arrives."""
    return run(handshake() + [seg("B", 4.5, 5, F.ACK, 301, 101, win=b_win), a_seg])


def test_acceptability_zero_length_zero_window():
    ok = _window_trace(0, seg("A", 6, 7, F.ACK, 101, 301))
    assert findings(ok) == []
    bad = _window_trace(0, seg("A", 6, 7, F.ACK, 102, 301, old_duplicate=True))
    assert findings(bad) == [("rcv-unacceptable", 4, {"host": "B", "seq": 102, "rcv_nxt": 101, "rcv_wnd": 0})]


def test_acceptability_zero_length_open_window():
    inside = _window_trace(10, seg("A", 6, 7, F.ACK, 110, 301, old_duplicate=True))
    assert findings(inside) == []
    outside = _window_trace(10, seg("A", 6, 7, F.ACK, 111, 301, old_duplicate=True))
    assert findings(outside) == [("rcv-unacceptable", 4, {"host": "B", "seq": 111, "rcv_nxt": 101,
                                                          "rcv_wnd": 10})]


def test_acceptability_data_zero_window():
    r = _window_trace(0, seg("A", 6, 7, F.ACK | F.PSH, 101, 301, length=1))  # a zero-window probe
    assert findings(r) == [("rcv-unacceptable", 4, {"host": "B", "seq": 101, "rcv_nxt": 101, "rcv_wnd": 0})]
    assert r.steps[-1].tcb[1][5] == 101  # not accepted


def test_acceptability_data_open_window():
    head = _window_trace(10, seg("A", 6, 7, F.ACK | F.PSH, 101, 301, length=20))
    assert findings(head, "info") == []
    assert head.steps[-1].tcb[1][5] == 121
    # starts below RCV.NXT, ends inside the window: the new part is taken
    tail = run(handshake() + [seg("A", 5, 6, F.ACK | F.PSH, 101, 301, length=10),
                              seg("A", 7, 8, F.ACK | F.PSH, 101, 301, length=20)])
    assert findings(tail) == []
    assert tail.steps[-1].tcb[1][5] == 121
    # wholly below RCV.NXT (a duplicate): unacceptable, a duplicate ACK is due
    dup = run(handshake() + [seg("A", 5, 6, F.ACK | F.PSH, 101, 301, length=10),
                             seg("A", 7, 8, F.ACK | F.PSH, 101, 301, length=10),
                             seg("B", 8, 9, F.ACK, 301, 111)])
    assert findings(dup) == [("rcv-unacceptable", 4, {"host": "B", "seq": 101, "rcv_nxt": 111, "rcv_wnd": W})]
    assert step(dup, "send", 4).role == "retransmission"


# ---- 3.10.7.4 second: RST ---------------------------------------------------------------------

def test_rst_exactly_at_rcv_nxt_closes():
    r = run(handshake() + [seg("B", 5, 6, F.RST, 301, win=None)])
    assert steps(r)[-1] == ("arrive", 3, CL, CL, ("rcv-rst",))
    assert steps(r)[-2] == ("send", 3, ES, CL, ("abort",))


def test_rst_in_window_but_not_exact_gets_a_challenge_ack():
    r = run(handshake() + [seg("B", 5, 6, F.RST, 305, win=None, old_duplicate=True),
                           seg("A", 6, 7, F.ACK, 101, 301)])
    assert steps(r)[-3:] == [("arrive", 3, ES, ES, ()), ("send", 4, ES, ES, ()), ("arrive", 4, ES, ES, ())]
    assert findings(r) == [("rcv-challenge-ack", 3, {"host": "A", "reason": "rst-inexact"})]
    assert r.valid


def test_rst_in_window_without_rfc5961_closes():
    r = run(handshake() + [seg("B", 5, 6, F.RST, 305, win=None, old_duplicate=True)],
            options=TraceOptions(rfc5961=False))
    assert steps(r)[-1] == ("arrive", 3, CL, ES, ("rcv-rst",))
    assert findings(r) == []


def test_rst_out_of_window_is_ignored():
    r = run(handshake() + [seg("B", 5, 6, F.RST, 300, win=None, old_duplicate=True)])
    assert steps(r)[-1] == ("arrive", 3, ES, ES, ())
    assert findings(r) == [("rcv-rst-ignored", 3, {"host": "A", "reason": "out-of-window"})]


def test_syn_received_rst_returns_passive_to_listen_active_to_closed():
    passive = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, 3, F.SYN | F.ACK, 300, 101),
                   seg("A", 3, 4, F.RST, 101, win=None)])
    assert steps(passive)[-1] == ("arrive", 2, CL, LI, ("synrcvd-rcv-rst",))
    assert passive.steps[-1].tcb[1] == (None, None, None, None, W, None, W)
    active = run([seg("A", 1, 3, F.SYN, 100), seg("B", 1.5, 2.5, F.SYN, 300),
                  seg("A", 2.5, None, F.SYN | F.ACK, 100, 301),
                  seg("A", 5, 6, F.RST, 101, win=None, old_duplicate=True)], a="peer", b="peer")
    assert step(active, "arrive", 0).states == (S.SYN_RECEIVED, S.SYN_RECEIVED)
    assert steps(active)[-1] == ("arrive", 3, SR, CL, ("rcv-rst",))


# ---- 3.10.7.4 fourth: SYN ---------------------------------------------------------------------

def test_syn_in_established_gets_a_challenge_ack():
    # A reboots and opens again with ISS 350, inside B's window [101, 101+65535)
    r = run(handshake() + [Crash("A", 4.5), seg("A", 5, 6, F.SYN, 350), seg("B", 6, 7, F.ACK, 301, 101)])
    assert steps(r)[-4:] == [("send", 3, SS, ES, ("active-open",)), ("arrive", 3, SS, ES, ()),
                             ("send", 4, SS, ES, ()), ("arrive", 4, SS, ES, ())]
    assert findings(r) == [
        ("rcv-challenge-ack", 3, {"host": "B", "reason": "syn"}),
        # the challenge ACK's ack (101) is no ACK of A's new SYN: A owes <SEQ=101><CTL=RST>
        ("rcv-bad-ack", 4, {"host": "A", "ack": 101, "snd_nxt": 351, "state": SS, "reply": "rst"}),
    ]
    assert r.valid


def test_syn_in_window_with_rfc793_reset_is_adopted():
    r = run(handshake() + [Crash("A", 4.5), seg("A", 5, 6, F.SYN, 350), seg("B", 6, 7, F.RST | F.ACK, 0, 351)])
    assert steps(r)[-3:] == [("arrive", 3, SS, CL, ("rcv-syn-reset",)), ("send", 4, SS, CL, ()),
                             ("arrive", 4, CL, CL, ("rcv-rst",))]
    assert {"host": "B", "event": "syn-reset-rfc793", "step": 8} in r.inferred
    assert findings(r) == []  # the challenge-ACK explanation was withdrawn
    assert r.valid


def test_syn_received_passive_returns_to_listen_on_syn():
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, None, F.SYN | F.ACK, 300, 101),
             seg("A", 3, 4, F.SYN, 150, old_duplicate=True)])   # a new SYN inside B's window
    assert steps(r)[-1] == ("arrive", 2, SS, LI, ("synrcvd-rcv-syn",))


# ---- 3.10.7.4 fifth: ACK ----------------------------------------------------------------------

def test_ack_of_data_never_sent():
    r = run(handshake() + [seg("B", 5, 6, F.ACK, 301, 150, old_duplicate=True),
                           seg("A", 6, 7, F.ACK, 101, 301)])
    assert findings(r) == [("rcv-bad-ack", 3, {"host": "A", "ack": 150, "snd_nxt": 101, "state": ES,
                                               "reply": "ack"})]
    assert steps(r)[-3][2:] == (ES, ES, ())
    assert r.valid


def test_syn_received_bad_ack_gets_rst():
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, 3, F.SYN | F.ACK, 300, 101),
             seg("A", 2.5, 3.5, F.ACK, 101, 999, old_duplicate=True),
             seg("B", 3.5, None, F.RST, 999, win=None)])
    assert findings(r) == [("rcv-bad-ack", 2, {"host": "B", "ack": 999, "snd_nxt": 301, "state": SR,
                                               "reply": "rst"})]
    assert r.steps[-1].role == "reply-rst" and steps(r)[-1][2:] == (ES, SR, ())
    assert r.valid


def test_segment_without_ack_is_dropped_in_synchronized_states():
    r = run(handshake() + [seg("A", 5, 6, F.PSH, 101, None, length=5, old_duplicate=True)])
    assert findings(r) == [("rcv-dropped", 3, {"host": "B", "state": ES, "reason": "no-ack"})]
    assert r.steps[-1].tcb[1][5] == 101


def test_ack_flag_missing():
    r = run(handshake() + [seg("A", 5, 6, F.PSH, 101, None, length=5)])
    assert errors(r) == [("ack-flag-missing", 3, {"host": "A", "state": ES})]


# ---- 3.10.7.4 seventh: text, and out-of-order segments ----------------------------------------

def test_out_of_order_data_is_held_then_delivered():
    r = run(handshake() + [
        seg("A", 5, 8, F.ACK | F.PSH, 101, 301, length=10),   # delayed
        seg("A", 6, 7, F.ACK | F.PSH, 111, 301, length=10),   # overtakes it
        seg("B", 7, 7.5, F.ACK, 301, 101),                    # duplicate ACK
        seg("B", 8, 9, F.ACK, 301, 121),                      # both delivered
    ])
    assert findings(r) == [("rcv-out-of-order", 4, {"host": "B", "seq": 111, "rcv_nxt": 101})]
    by_event = {(s.kind, s.segment): s for s in r.steps}
    assert by_event[("arrive", 4)].tcb[1][5] == 101
    assert by_event[("arrive", 3)].tcb[1][5] == 121
    assert r.valid


def test_out_of_order_fin_is_held_too():
    r = run(handshake() + [
        seg("A", 5, 8, F.ACK | F.PSH, 101, 301, length=10),
        seg("A", 6, 7, F.FIN | F.ACK, 111, 301),
        seg("B", 8, 9, F.ACK, 301, 112),
    ])
    assert ("rcv-out-of-order", 4, {"host": "B", "seq": 111, "rcv_nxt": 101}) in findings(r)
    arrive3 = [s for s in r.steps if (s.kind, s.segment) == ("arrive", 3)][0]
    assert (arrive3.states, arrive3.transitions) == ((S.FIN_WAIT_1, S.CLOSE_WAIT), ("estab-rcv-fin",))
    assert r.valid


# ---- 3.10.7.4 eighth: FIN ---------------------------------------------------------------------

def test_fin_wait_1_receiving_fin_and_ack_of_our_fin_enters_time_wait():
    r = run(handshake() + [seg("A", 5, 6, F.FIN | F.ACK, 101, 301),
                           seg("B", 6, 7, F.FIN | F.ACK, 301, 102),   # CLOSE at once: FIN + ACK
                           seg("A", 7, 8, F.ACK, 102, 302)])
    assert steps(r)[-3:] == [("arrive", 4, TW, LA, ("finwait1-rcv-finack",)),
                             ("send", 5, TW, LA, ()), ("arrive", 5, TW, CL, ("lastack-rcv-ack",))]
    assert r.state_history("A")[-2:] == [S.FIN_WAIT_1, S.TIME_WAIT]
    assert r.valid


def test_simultaneous_close_goes_through_closing():
    r = run(handshake() + [seg("A", 5, 6, F.FIN | F.ACK, 101, 301), seg("B", 5.5, 6.5, F.FIN | F.ACK, 301, 101),
                           seg("A", 6.5, 7.5, F.ACK, 102, 302), seg("B", 6, 7, F.ACK, 302, 102)])
    assert [s for s in steps(r) if s[0] == "arrive"][-4:] == [
        ("arrive", 3, F1, CG, ("finwait1-rcv-fin",)),
        ("arrive", 4, CG, CG, ("finwait1-rcv-fin",)),
        ("arrive", 6, TW, CG, ("closing-rcv-ack",)),
        ("arrive", 5, TW, TW, ("closing-rcv-ack",)),
    ]
    assert r.valid and not r.findings


def test_last_ack_receiving_the_ack_closes():
    r = run(handshake() + [seg("A", 5, 6, F.FIN | F.ACK, 101, 301), seg("B", 6, 7, F.ACK, 301, 102),
                           seg("B", 7, 8, F.FIN | F.ACK, 301, 102), seg("A", 8, 9, F.ACK, 102, 302)])
    assert steps(r)[-1] == ("arrive", 6, TW, CL, ("lastack-rcv-ack",))
    assert r.steps[-1].tcb[1] is None


def test_time_wait_re_acks_a_retransmitted_fin_and_restarts_2msl():
    r = run(handshake() + [
        seg("A", 5, 6, F.FIN | F.ACK, 101, 301), seg("B", 6, 7, F.ACK, 301, 102),
        seg("B", 7, 8, F.FIN | F.ACK, 301, 102), seg("A", 8, None, F.ACK, 102, 302),   # lost
        seg("B", 9, 10, F.FIN | F.ACK, 301, 102),                                       # retransmitted
        seg("A", 10, 11, F.ACK, 102, 302),
        Timeout("A", 10 + 2 * 60, Timer.TIME_WAIT),
    ], options=TraceOptions(msl=60))
    assert findings(r) == [("rcv-fin-retransmitted", 7, {"host": "A"})]
    assert step(r, "send", 7).role == "retransmission"
    assert step(r, "arrive", 7).states == (S.TIME_WAIT, S.LAST_ACK)
    assert steps(r)[-1] == ("timeout", 9, CL, CL, ("timewait-timeout",))
    assert r.valid


def test_time_wait_2msl_restarts_at_the_retransmitted_fin():
    events = handshake() + [
        seg("A", 5, 6, F.FIN | F.ACK, 101, 301), seg("B", 6, 7, F.ACK, 301, 102),
        seg("B", 7, 8, F.FIN | F.ACK, 301, 102), seg("A", 8, None, F.ACK, 102, 302),
        seg("B", 9, 10, F.FIN | F.ACK, 301, 102), seg("A", 10, 11, F.ACK, 102, 302),
        Timeout("A", 8 + 120, Timer.TIME_WAIT),   # 2MSL after entering TIME-WAIT, not after the restart
    ]
    r = run(events, options=TraceOptions(msl=60))
    assert findings(r, "warning") == [("timewait-too-short", None, {"host": "A", "elapsed": 118.0,
                                                                    "required": 120})]


# ---- 3.10.8 timeouts --------------------------------------------------------------------------

def _to_time_wait():
    return handshake() + [seg("A", 5, 6, F.FIN | F.ACK, 101, 301), seg("B", 6, 7, F.ACK, 301, 102),
                          seg("B", 7, 8, F.FIN | F.ACK, 301, 102), seg("A", 8, 9, F.ACK, 102, 302)]


def test_time_wait_timeout_after_2msl():
    r = run(_to_time_wait() + [Timeout("A", 8 + 120, Timer.TIME_WAIT)], options=TraceOptions(msl=60))
    assert steps(r)[-1] == ("timeout", 7, CL, CL, ("timewait-timeout",))
    assert r.valid and not r.findings


def test_time_wait_too_short():
    r = run(_to_time_wait() + [Timeout("A", 8 + 30, Timer.TIME_WAIT)], options=TraceOptions(msl=60))
    assert findings(r) == [("timewait-too-short", None, {"host": "A", "elapsed": 30.0, "required": 120})]
    assert steps(r)[-1] == ("timeout", 7, CL, CL, ("timewait-timeout",))
    assert r.valid  # a warning


def test_timers_that_are_not_running():
    r = run(handshake() + [Timeout("A", 5, Timer.TIME_WAIT), Timeout("B", 5.5, Timer.RETRANSMISSION)]
            + [Timeout("A", 6, Timer.KEEPALIVE)])
    assert errors(r) == [
        ("timer-not-running", None, {"host": "A", "timer": "time-wait", "state": ES}),
        ("timer-not-running", None, {"host": "B", "timer": "retransmission", "state": ES}),
    ]
    r = run([Timeout("B", 1, Timer.KEEPALIVE), Timeout("A", 2, Timer.USER)], a="peer")
    assert errors(r) == [
        ("timer-not-running", None, {"host": "B", "timer": "keepalive", "state": LI}),
        ("timer-not-running", None, {"host": "A", "timer": "user", "state": CL}),
    ]


def test_user_timeout_deletes_the_tcb():
    r = run(handshake() + [seg("A", 5, None, F.ACK | F.PSH, 101, 301, length=10),
                           Timeout("A", 6, Timer.RETRANSMISSION),
                           seg("A", 6, None, F.ACK | F.PSH, 101, 301, length=10),
                           Timeout("A", 60, Timer.USER)])
    assert steps(r)[-1] == ("timeout", 6, CL, ES, ("user-timeout",))
    assert r.steps[-2].role == "retransmission"
    assert r.valid and not r.findings


def test_keepalive_probe_is_accepted_and_answered():
    r = run(handshake() + [Timeout("A", 10, Timer.KEEPALIVE), seg("A", 10, 11, F.ACK, 100, 301),
                           seg("B", 11, 12, F.ACK, 301, 101)])
    assert r.steps[-4].role == "keepalive"
    assert findings(r) == [("rcv-unacceptable", 3, {"host": "B", "seq": 100, "rcv_nxt": 101, "rcv_wnd": W})]
    assert r.valid


def test_keepalive_probe_needs_an_idle_connection():
    r = run(handshake() + [seg("A", 5, None, F.ACK | F.PSH, 101, 301, length=10),
                           seg("A", 10, 11, F.ACK, 110, 301)])   # SND.NXT-1 but data is outstanding
    assert errors(r) == [("seq-not-next", 4, {"host": "A", "expected": 111, "got": 110, "hint": "behind"})]


def test_an_ack_at_the_fins_number_is_a_slip_not_a_keepalive_probe():
    # A closes first; in TIME-WAIT its SND.NXT-1 is its FIN's number (111), not an old octet.
    r = run(handshake() + [seg("A", 5, 6, F.FIN | F.ACK, 101, 301), seg("B", 6, 7, F.ACK, 301, 102),
                           seg("B", 7, 8, F.FIN | F.ACK, 301, 102),
                           seg("A", 8, 9, F.ACK, 101, 302)])   # forgot that its FIN took 101
    assert errors(r) == [("seq-not-next", 6, {"host": "A", "expected": 102, "got": 101, "hint": "fin"})]
    assert [s.role for s in r.steps if s.kind == "send"][-1] != "keepalive"


# ---- retransmission ---------------------------------------------------------------------------

def test_retransmissions_with_the_same_seq_are_accepted():
    r = run([seg("A", 1, None, F.SYN, 100), Timeout("A", 2, Timer.RETRANSMISSION),
             seg("A", 2, 3, F.SYN, 100), seg("B", 3, None, F.SYN | F.ACK, 300, 101),
             seg("B", 4, 5, F.SYN | F.ACK, 300, 101), seg("A", 5, 6, F.ACK, 101, 301),
             seg("A", 6, None, F.ACK | F.PSH, 101, 301, length=10),
             seg("A", 7, 8, F.ACK | F.PSH, 101, 301, length=10),
             seg("A", 8, None, F.FIN | F.ACK, 111, 301), seg("A", 9, 10, F.FIN | F.ACK, 111, 301)])
    roles = [s.role for s in r.steps if s.kind == "send"]
    assert roles == [None, "retransmission", None, "retransmission", None, None, "retransmission", None,
                     "retransmission"]
    assert r.valid and not [f for f in r.findings if f.severity.value != "info"]


def test_syn_retransmitted_with_another_seq_is_rejected():
    r = run([seg("A", 1, None, F.SYN, 100), seg("A", 2, 3, F.SYN, 200)])
    assert errors(r) == [("syn-seq-not-iss", 1, {"host": "A", "expected": 100, "got": 200})]
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, None, F.SYN | F.ACK, 300, 101),
             seg("B", 3, 4, F.SYN | F.ACK, 301, 101)])
    assert errors(r) == [("syn-seq-not-iss", 2, {"host": "B", "expected": 300, "got": 301})]


def test_fin_retransmitted_elsewhere_is_rejected():
    r = run(handshake() + [seg("A", 5, None, F.FIN | F.ACK, 101, 301), seg("A", 6, 7, F.FIN | F.ACK, 102, 301)])
    assert errors(r) == [("fin-seq-changed", 4, {"host": "A", "expected": 101, "got": 102})]


def test_retransmitting_acknowledged_data_is_rejected():
    r = run(handshake() + [seg("A", 5, 6, F.ACK | F.PSH, 101, 301, length=10), seg("B", 6, 7, F.ACK, 301, 111),
                           seg("A", 8, 9, F.ACK | F.PSH, 101, 301, length=10)])
    assert errors(r) == [("retransmit-acked", 5, {"host": "A", "seq": 101, "una": 111})]


# ---- seq / ack of what a host sends -----------------------------------------------------------

@pytest.mark.parametrize("seq, hint", [(105, "ahead"), (99, "behind")])
def test_pure_ack_with_the_wrong_seq(seq, hint):
    r = run(handshake() + [seg("A", 5, 6, F.ACK, seq, 301)])
    assert errors(r) == [("seq-not-next", 3, {"host": "A", "expected": 101, "got": seq, "hint": hint})]


def test_pure_ack_at_the_iss():
    # From SYN-RECEIVED (the SYN,ACK unacknowledged) an ACK at the ISS forgets the SYN's number.
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, 3, F.SYN | F.ACK, 300, 101), seg("B", 2.5, 3.5, F.ACK, 300, 101)])
    assert errors(r) == [("seq-not-next", 2, {"host": "B", "expected": 301, "got": 300, "hint": "syn"})]
    # Once idle, SEG.SEQ = SND.NXT-1 is a keep-alive probe (3.8.4), even right after the handshake.
    r = run(handshake() + [seg("A", 5, 6, F.ACK, 100, 301)])
    assert r.valid and step(r, "send", 3).role == "keepalive"


def test_seq_hints_fin_and_data():
    r = run(handshake() + [seg("A", 5, None, F.FIN | F.ACK, 101, 301), seg("A", 6, 7, F.ACK, 101, 301)])
    assert errors(r) == [("seq-not-next", 4, {"host": "A", "expected": 102, "got": 101, "hint": "fin"})]
    r = run(handshake() + [seg("A", 5, None, F.ACK | F.PSH, 101, 301, length=10), seg("A", 6, 7, F.ACK, 101, 301)])
    assert errors(r) == [("seq-not-next", 4, {"host": "A", "expected": 111, "got": 101, "hint": "data"})]


@pytest.mark.parametrize("ack, hint", [(300, "syn"), (302, "ahead"), (299, "behind")])
def test_ack_not_next_hints(ack, hint):
    r = run(handshake()[:2] + [seg("A", 3, 4, F.ACK, 101, ack)])
    assert errors(r) == [("ack-not-next", 2, {"host": "A", "expected": 301, "got": ack, "hint": hint})]


def test_ack_not_next_hints_fin_and_data():
    r = run(handshake() + [seg("A", 5, 6, F.FIN | F.ACK, 101, 301), seg("B", 6, 7, F.ACK, 301, 101)])
    assert errors(r) == [("ack-not-next", 4, {"host": "B", "expected": 102, "got": 101, "hint": "fin"})]
    # behind by exactly the last segment's payload: "forgot the data length"
    r = run(handshake() + [seg("A", 5, 6, F.ACK | F.PSH, 101, 301, length=10),
                           seg("A", 5.1, 6.1, F.ACK | F.PSH, 111, 301, length=20),
                           seg("B", 7, 8, F.ACK, 301, 111)])
    assert errors(r) == [("ack-not-next", 5, {"host": "B", "expected": 131, "got": 111, "hint": "data"})]
    r = run(handshake() + [seg("A", 5, 6, F.ACK | F.PSH, 101, 301, length=10),
                           seg("A", 5.1, 6.1, F.ACK | F.PSH, 111, 301, length=20),
                           seg("B", 7, 8, F.ACK, 301, 101)])
    assert errors(r) == [("ack-not-next", 5, {"host": "B", "expected": 131, "got": 101, "hint": "behind"})]


def test_beyond_window_is_a_warning():
    r = run(handshake() + [seg("B", 4.5, 5, F.ACK, 301, 101, win=10),
                           seg("A", 6, 7, F.ACK | F.PSH, 101, 301, length=20)])
    assert findings(r, "warning") == [("beyond-window", 4, {"host": "A", "limit": 111, "end": 121})]


# ---- claims and the timeline ------------------------------------------------------------------

def test_claims_are_checked_for_the_sender_after_sending_and_the_receiver_after_arrival():
    right = run([seg("A", 1, 2, F.SYN, 100, claims={"A": S.SYN_SENT, "B": S.SYN_RECEIVED}),
                 seg("B", 2, 3, F.SYN | F.ACK, 300, 101, claims={"B": S.SYN_RECEIVED, "A": S.ESTABLISHED})])
    assert right.valid and not right.findings
    wrong = run([seg("A", 1, 2, F.SYN, 100, claims={"A": S.SYN_RECEIVED, "B": S.LISTEN}),
                 seg("B", 2, 3, F.SYN | F.ACK, 300, 101, claims={"A": S.SYN_SENT})])
    assert [(f.code, f.step, f.segment, f.params) for f in wrong.errors()] == [
        ("claim-mismatch", 0, 0, {"host": "A", "claimed": SR, "actual": SS}),
        ("claim-mismatch", 1, 0, {"host": "B", "claimed": LI, "actual": SR}),
        ("claim-mismatch", 3, 1, {"host": "A", "claimed": SS, "actual": ES}),
    ]


def test_claims_about_the_receiver_of_a_lost_segment_are_checked_at_the_send():
    r = run([seg("A", 1, None, F.SYN, 100, claims={"B": S.SYN_RECEIVED})])
    assert [(f.code, f.step, f.params) for f in r.errors()] == [
        ("claim-mismatch", 0, {"host": "B", "claimed": SR, "actual": LI})]


def test_claims_on_calls_and_timeouts():
    r = run([Call("B", 0, CallKind.LISTEN, claims={"B": S.SYN_SENT})], b="peer")
    assert [(f.code, f.step, f.segment, f.params) for f in r.errors()] == [
        ("claim-mismatch", 0, None, {"host": "B", "claimed": SS, "actual": LI})]


def test_arrival_before_send():
    r = run([seg("A", 2, 1, F.SYN, 100)])
    assert errors(r) == [("arrival-before-send", 0, {"host": "A", "sent": 2, "arrived": 1})]
    assert steps(r) == [("send", 0, SS, LI, ("active-open",)), ("arrive", 0, SS, SR, ("listen-rcv-syn",))]


def test_same_instant_ordering():
    """At one instant: arrivals, then calls and timeouts, then sends in file order."""
    r = run([seg("A", 1, 2, F.SYN, 100), seg("B", 2, 3, F.SYN | F.ACK, 300, 101), Call("B", 2, CallKind.SEND, 5)])
    assert [(s.kind, s.event) for s in r.steps] == [("send", 0), ("arrive", 0), ("call", 2), ("send", 1),
                                                   ("arrive", 1)]
