"""Checker bugs found by the simulator and the property tests, as minimal failing traces.

Each test asserts what RFC 9293 says the checker should do and is marked
``xfail(strict=True)``: when the engine is fixed the test passes, strict xfail turns that into
a failure, and the marker (and the matching entry in ``test_properties.KNOWN_CHECKER_BUGS`` or the
simulator's ``KNOWN CHECKER BUG`` guard) should be removed.
"""

from __future__ import annotations

import pytest

from trainer.engine.checker import check
from trainer.engine.states import State
from trainer.engine.trace import Call, CallKind, Crash, Flag, HostSpec, Segment, Timeout, Timer, Trace, TraceOptions

F = Flag
S = State
W = 65535


def hosts(a: str = "client", b: str = "server") -> dict:
    return {"A": HostSpec("A", role=a), "B": HostSpec("B", role=b)}


def established() -> list:
    """A: ISS 100, B: ISS 300, both ESTABLISHED at t=3."""
    return [
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, 3, F.SYN | F.ACK, 300, 101, win=W),
        Segment("A", 3, 4, F.ACK, 101, 301, win=W),
    ]


def first_error(trace: Trace):
    errors = check(trace).errors()
    return errors[0] if errors else None


# ---- bugs that reject legal behaviour --------------------------------------------------------------

def test_rfc793_in_window_syn_resets():
    """endpoint._arrive_other, fourth step: with TraceOptions(rfc5961=False) an in-window SYN in a synchronized state still only gets rcv-challenge-ack (self.rfc5961 is ignored there, and alternative_for only offers syn-reset-rfc793 when rfc5961 is True), so the RFC 793 reset (3.10.7.4: 'If the SYN is in the window it is an error: send a reset ... enter the CLOSED state') is reported as rst-seq-wrong (rule snd-nxt)"""
    trace = Trace(events=established() + [
        Crash("A", 4.5),
        # A reboots and opens again with an ISS inside B's window
        Segment("A", 5, 6, F.SYN, 101 + 1000, win=W),
        # B, without RFC 5961: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> and CLOSED
        Segment("B", 6, None, F.RST | F.ACK, 0, 1102),
    ], hosts=hosts(), options=TraceOptions(rfc5961=False))
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]
    assert result.steps[-1].states[1] is S.CLOSED


def test_synack_retransmitted_after_close_in_syn_received():
    """endpoint._send_syn: after CLOSE in SYN-RECEIVED (FIN-WAIT-1, our SYN,ACK still unacknowledged) the RETRANSMISSION TIMEOUT resends the front of the retransmission queue, the SYN,ACK (3.10.8); the checker reports syn-not-allowed"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, None, F.SYN | F.ACK, 300, 101, win=W),  # lost
        Call("B", 2.5, CallKind.CLOSE),                         # SYN-RECEIVED -> FIN-WAIT-1
        Segment("B", 2.5, None, F.FIN | F.ACK, 301, 101, win=W),  # lost too
        Timeout("B", 4, Timer.RETRANSMISSION),
        Segment("B", 4, 5, F.SYN | F.ACK, 300, 101, win=W),      # same seq, same ack
        Segment("A", 5, 6, F.ACK, 101, 301, win=W),
    ], hosts=hosts())
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]
    assert result.steps[-1].states == (S.ESTABLISHED, S.FIN_WAIT_1)


def test_rst_window_does_not_change_rcv_wnd():
    """Endpoint.send sets rcv_wnd from the window field of every segment, RSTs included; a RST's window is no advertisement (Linux sends RSTs with window 0). After SYN-RECEIVED answers a stray ACK with <SEQ=SEG.ACK><CTL=RST> win=0, the peer's in-window data is judged unacceptable (rcv-unacceptable rcv_wnd=0) and B's correct ACK of it becomes ack-not-next"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, 3, F.SYN | F.ACK, 300, 101, win=W),
        Segment("A", 2.2, 2.4, F.ACK, 5000, 999, win=W, old_duplicate=True),  # a stray old ACK
        Segment("B", 2.4, None, F.RST, 999, win=0),   # 3.10.7.4: bad ACK in SYN-RECEIVED -> RST
        Segment("A", 3, 4, F.ACK | F.PSH, 101, 301, win=W, length=10),
        Segment("B", 4, 5, F.ACK, 301, 111, win=W),
    ], hosts=hosts())
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]


def test_close_in_syn_received_with_queued_data_waits_for_established():
    """endpoint.call_close: CLOSE in SYN-RECEIVED after a SEND must be queued until ESTABLISHED (3.10.4: 'If no SENDs have been issued and there is no pending data to send, then form a FIN ... otherwise, queue for processing after entering ESTABLISHED state'); the checker enters FIN-WAIT-1 at once, so a correct SYN-RECEIVED claim is a claim-mismatch"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, 3, F.SYN | F.ACK, 300, 101, win=W),
        Call("B", 2.1, CallKind.SEND, 10),
        Call("B", 2.2, CallKind.CLOSE, claims={"B": S.SYN_RECEIVED}),
        Segment("A", 3, 4, F.ACK, 101, 301, win=W),
        Segment("B", 4, 5, F.ACK | F.PSH, 301, 101, win=W, length=10, claims={"B": S.FIN_WAIT_1}),
        Segment("B", 4, 5, F.FIN | F.ACK, 311, 101, win=W),
    ], hosts=hosts())
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]


def test_timewait_rfc793_reset_of_syn_above_rcv_nxt():
    """Endpoint.alternative_for returns one alternative per arrival: for a SYN reaching TIME-WAIT above RCV.NXT only timewait-reopen is considered, so a host without RFC 5961 that resets on the in-window SYN (3.10.7.4 fourth step, RFC 793 paragraph) is reported rst-unprovoked"""
    trace = Trace(events=established() + [
        Segment("A", 4, 5, F.FIN | F.ACK, 101, 301, win=W),
        Segment("B", 5, 6, F.FIN | F.ACK, 301, 102, win=W),   # FIN + ACK of A's FIN
        Segment("A", 6, 7, F.ACK, 102, 302, win=W),           # A: TIME-WAIT
        Segment("B", 8, 9, F.SYN, 302 + 500, win=W),          # new SYN, in A's window
        Segment("A", 9, 10, F.RST | F.ACK, 0, 803),           # RFC 793: reset, CLOSED
    ], hosts=hosts())
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]
    assert result.steps[-2].states[0] is S.CLOSED


def test_claim_after_adopted_alternative():
    """checker._check_claims runs at each step against the default reading; when an alternative reading is adopted later (_resolve_alternative: implicit-listen, timewait-reopen, syn-reset-rfc793) the steps' states are rewritten but the claim-mismatch findings are not: here step 1 says B is SYN-RECEIVED and a claim-mismatch says it is CLOSED"""
    trace = Trace(events=[
        # B has no connection (role peer) but a listening socket: it answers the SYN
        Segment("A", 1, 2, F.SYN, 100, win=W, claims={"B": S.SYN_RECEIVED}),
        Segment("B", 2, 3, F.SYN | F.ACK, 300, 101, win=W),
    ], hosts=hosts("client", "peer"))
    result = check(trace)
    assert result.steps[1].states[1] is S.SYN_RECEIVED
    assert result.valid, [f.as_dict() for f in result.errors()]


def test_rewound_pure_ack_after_fin():
    """Endpoint._send_other accepts a pure ACK at the end of the last retransmission (retx_end: BSD stacks rewind SND.NXT, go-back-N) only while no FIN has been sent: the fin_seq branch returns before setting retx_end, so the same ACK after a retransmission in FIN-WAIT-1 or LAST-ACK is seq-not-next (hint fin)"""
    trace = Trace(events=established() + [
        Segment("A", 5, None, F.ACK | F.PSH, 101, 301, win=W, length=10),
        Segment("A", 5, None, F.FIN | F.ACK, 111, 301, win=W),
        Timeout("A", 7, Timer.RETRANSMISSION),
        Segment("A", 7, 8, F.ACK | F.PSH, 101, 301, win=W, length=10),  # go-back-N: SND.NXT=111
        Segment("A", 7.5, 8.5, F.ACK, 111, 301, win=W),                 # accepted without the FIN
    ], hosts=hosts())
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]


def test_alternative_reading_survives_a_call():
    """checker.check drops a pending alternative reading (alts[host] = None) at any call, timeout or crash of that host: a server whose listening socket answers a SYN that reaches it while CLOSED (implicit-listen) and whose application writes at that same instant (calls come before sends at one instant) gets synack-without-syn; the same holds for timewait-reopen and syn-reset-rfc793 when a timeout intervenes"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Call("B", 2, CallKind.SEND, 10),                   # SYN-RECEIVED: SEND is queued (3.10.2)
        Segment("B", 2, 3, F.SYN | F.ACK, 300, 101, win=W),
    ], hosts=hosts("client", "peer"))
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]


def test_second_alternative_while_one_is_pending():
    """checker.check follows at most one alternative reading per host: while one is pending (here syn-reset-rfc793 for an in-window SYN that B leaves unanswered, as RFC 5961 ACK throttling allows), a later arrival is not offered its own alternative (implicit-listen for the SYN that reaches B after an exact RST closed it), so B's SYN,ACK from its listening socket is synack-without-syn; without the first SYN the trace is valid"""
    trace = Trace(events=established() + [
        Crash("A", 4.5),
        Segment("A", 5, 6, F.SYN, 150, win=W),                           # in B's window
        Segment("A", 6.5, 7, F.RST, 101, old_duplicate=True),            # exactly RCV.NXT: B CLOSED
        Segment("A", 8, 9, F.SYN, 150, win=W),                           # A's SYN retransmitted
        Segment("B", 9, 10, F.SYN | F.ACK, 5000, 151, win=W),            # B's listening socket
    ], hosts=hosts())
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]


# ---- bugs that accept what no RFC 9293 host sends ----------------------------------------------

def test_retransmission_timeout_before_anything_was_sent():
    """Endpoint.timeout('retransmission') counts SYN-SENT/SYN-RECEIVED as 'outstanding' even before the host has sent its SYN or SYN,ACK (ISS unbound): a RETRANSMISSION TIMEOUT needs a segment on the retransmission queue (3.10.8); expected timer-not-running"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Timeout("B", 3, Timer.RETRANSMISSION),             # B has sent nothing yet
        Segment("B", 3, 4, F.SYN | F.ACK, 300, 101, win=W),
    ], hosts=hosts())
    f = first_error(trace)
    assert f is not None and f.code == "timer-not-running" and f.step == 2


def test_rst_with_syn_or_fin_is_rejected():
    """Endpoint._send_rst matches RST permits / ABORT on seq and ack only: a RST that also carries SYN (or FIN) is accepted as a normal reset; no reset form in 3.5.2 or 3.10.5 has those bits"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, 3, F.SYN | F.RST | F.ACK, 0, 101),  # reply from a CLOSED port, plus SYN
    ], hosts=hosts("client", "peer"))
    f = first_error(trace)
    assert f is not None and f.segment == 1


def test_syn_with_fin_is_rejected():
    """Endpoint._send_syn ignores FIN on a SYN: OPEN forms <SEQ=ISS><CTL=SYN> and CLOSE in SYN-SENT deletes the TCB, so no RFC 9293 host sends SYN+FIN; the FIN is also left out of SND.NXT, so the error later lands on the peer's correct RST,ACK (ack=SEG.SEQ+SEG.LEN counts the FIN)"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN | F.FIN, 100, win=W),
        Segment("B", 2, 3, F.RST | F.ACK, 0, 102),  # CLOSED: ack = SEG.SEQ + SEG.LEN (SYN + FIN)
    ], hosts=hosts("client", "peer"))
    f = first_error(trace)
    assert f is not None and f.segment == 0


def test_synack_with_fin_is_rejected_at_the_sender():
    """Endpoint._send_synack ignores FIN on a SYN,ACK (not counted in SND.NXT) while the receiver processes it (synsent-rcv-synack + estab-rcv-fin): the trace below, whose ACK acks the FIN, is reported valid; had the ACK acked only the SYN, the error would land on the peer's correct ACK (ack-not-next hint fin). No host can send SYN,ACK,FIN"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, 3, F.SYN | F.ACK | F.FIN, 300, 101, win=W),
        Segment("A", 3, 4, F.ACK, 101, 302, win=W),  # acks SYN and FIN, as A's state requires
    ], hosts=hosts())
    f = first_error(trace)
    assert f is not None and f.segment == 1


def test_data_starting_at_the_iss_is_rejected():
    """Endpoint._send_other treats data that starts on the ISS (the SYN's own sequence number) as a retransmission overlapping acknowledged data; data starts at ISS+1 (3.4). SND.NXT then moves back by one and the error lands on the next segment (seq-not-next)"""
    trace = Trace(events=established() + [
        Segment("A", 4, 5, F.ACK | F.PSH, 100, 301, win=W, length=10),  # should be seq 101
        Segment("A", 4, 5, F.ACK | F.PSH, 111, 301, win=W, length=10),
    ], hosts=hosts())
    f = first_error(trace)
    assert f is not None and f.segment == 3


def test_new_fin_inside_sent_data_is_rejected():
    """Endpoint._send_other accepts a first FIN whose sequence number lies inside data already sent (SEG.SEQ+SEG.LEN < SND.NXT) as a 'retransmission' and moves fin_seq there; a new FIN is formed at SND.NXT (3.10.4), after all the data"""
    trace = Trace(events=established() + [
        Segment("A", 4, None, F.ACK | F.PSH, 101, 301, win=W, length=10),  # 101..110, lost
        Segment("A", 5, 6, F.FIN | F.ACK, 110, 301, win=W),             # should be 111
    ], hosts=hosts())
    f = first_error(trace)
    assert f is not None and f.segment == 4


def test_timewait_reopen_needs_a_larger_iss():
    """3.6.1 MAY-2 lets TIME-WAIT accept a new SYN only if the new ISS is larger than any sequence number of the previous incarnation; the timewait-reopen reading accepts any ISS"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, 3, F.SYN | F.ACK, 5000, 101, win=W),
        Segment("A", 3, 4, F.ACK, 101, 5001, win=W),
        Segment("B", 5, 6, F.FIN | F.ACK, 5001, 101, win=W),
        Segment("A", 6, 7, F.ACK, 101, 5002, win=W),
        Segment("A", 7, 8, F.FIN | F.ACK, 101, 5002, win=W),
        Segment("B", 8, 9, F.ACK, 5002, 102, win=W),            # B: TIME-WAIT
        Segment("A", 10, 11, F.SYN, 90000, win=W),
        Segment("B", 11, 12, F.SYN | F.ACK, 10, 90001, win=W),  # reopened with ISS 10 < 5002
    ], hosts=hosts())
    f = first_error(trace)
    assert f is not None and f.segment == 8


def test_ack_number_without_ack_flag_is_warned():
    """findings.CODES declares ack-without-flag (warning: 'an acknowledgment number is given but the ACK flag is off (receivers ignore it)') but nothing in endpoint.py or checker.py emits it"""
    trace = Trace(events=[Segment("A", 1, 2, F.SYN, 100, 7, win=W)], hosts=hosts())
    warnings = [(f.code, f.segment) for f in check(trace).findings if f.severity.value == "warning"]
    assert warnings == [("ack-without-flag", 0)]


# ---- crashes ------------------------------------------------------------------------------------

def test_close_in_syn_received_before_synack_does_not_crash():
    """call_close in SYN-RECEIVED before the host's SYN,ACK (so ISS, SND.UNA, SND.NXT are None) enters FIN-WAIT-1 with snd_una None; the next FIN it sends (or the next arrival) raises TypeError in _send_other/_arrive_other (_lt on None)"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Call("B", 3, CallKind.CLOSE),
        Segment("B", 4, 5, F.FIN | F.ACK, 301, 101, win=W),
    ], hosts=hosts())
    check(trace)


def test_arriving_ack_flag_without_number_does_not_crash():
    """a segment with the ACK flag but no acknowledgment number (ack=None, allowed by the trace model) reaching SYN-RECEIVED or a synchronized state raises TypeError in _arrive_other (_lt(self.snd_una, None)) instead of being reported"""
    trace = Trace(events=[
        Segment("A", 1, 2, F.SYN, 100, win=W),
        Segment("B", 2, 3, F.SYN | F.ACK, 300, 101, win=W),
        Segment("A", 3, 4, F.ACK, 101, None, win=W),
    ], hosts=hosts())
    check(trace)
