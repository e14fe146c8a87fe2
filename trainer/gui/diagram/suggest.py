"""What a host would send next, from the check result: default flags for a new segment and the
sequence/acknowledgment numbers the engine expects (``suggest``). No Qt.

The TCB a segment is judged against is the sender's *before* its send step, i.e. after the
previous step (``Step.tcb`` holds ``iss, irs, snd_una, snd_nxt, snd_wnd, rcv_nxt, rcv_wnd``).
"""

from __future__ import annotations

import dataclasses

from trainer.engine.result import CheckResult
from trainer.engine.states import SYNCHRONIZED, State
from trainer.engine.trace import Call, CallKind, Flag, Segment, Trace

MASK = 0xFFFFFFFF
DEFAULT_ISS = {"A": 100, "B": 300}
_ISS, _SND_NXT, _RCV_NXT = 0, 3, 5
_LOOKBACK = 400  # steps scanned back for a pending reply (bounded: 20k-segment traces)


def before(result: CheckResult, step: int, host: str) -> tuple[State, tuple | None]:
    """The host's state and TCB just before step ``step`` (``step`` may be len(steps))."""
    i = 0 if host == "A" else 1
    if step <= 0 or not result.steps:
        return result.initial[i], None
    prev = result.steps[min(step, len(result.steps)) - 1]
    return prev.states[i], prev.tcb[i]


def pending_reply(trace: Trace, result: CheckResult, findings_by_step: dict, host: str,
                  step: int) -> tuple[int, int | None, Flag] | None:
    """The RST ``host`` owes at step ``step``, if any: ``(seq, ack, flags)``.

    RFC 9293 3.5.2: a segment that reaches a host with no connection (or carries an
    unacceptable ACK in LISTEN/SYN-SENT/SYN-RECEIVED) is answered with ``<SEQ=SEG.ACK><CTL=RST>``
    if it had an ACK, else ``<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>``. An ABORT owes
    ``<SEQ=SND.NXT><CTL=RST>``.
    """
    steps = result.steps
    lo = max(0, step - _LOOKBACK)
    for k in range(min(step, len(steps)) - 1, lo - 1, -1):
        st = steps[k]
        if st.host != host:
            continue
        ev = trace.events[st.event]
        if st.kind == "send":
            if isinstance(ev, Segment) and ev.flags & Flag.RST:
                return None  # already answered
            continue
        if st.kind == "call" and isinstance(ev, Call) and ev.call is CallKind.ABORT:
            state, tcb = before(result, k, host)
            if tcb is not None and state in SYNCHRONIZED | {State.SYN_RECEIVED} \
                    and tcb[_SND_NXT] is not None:
                return tcb[_SND_NXT], None, Flag.RST
            return None
        if st.kind == "arrive":
            for f in findings_by_step.get(k, ()):
                if f.code == "rcv-closed-reset" or (f.code == "rcv-bad-ack" and
                                                    f.params.get("reply") == "rst"):
                    if ev.flags & Flag.ACK and ev.ack is not None:
                        return ev.ack, None, Flag.RST
                    return 0, (ev.seq + ev.seg_len) & MASK, Flag.RST | Flag.ACK
            continue
        if st.kind in ("call", "crash", "timeout"):
            return None
    return None


def _close_pending(trace: Trace, result: CheckResult, host: str, step: int) -> bool:
    """Has ``host`` called close()/shutdown() and not sent its FIN yet?"""
    steps = result.steps
    lo = max(0, step - _LOOKBACK)
    for k in range(min(step, len(steps)) - 1, lo - 1, -1):
        st = steps[k]
        if st.host != host:
            continue
        ev = trace.events[st.event]
        if st.kind == "send" and isinstance(ev, Segment) and ev.flags & Flag.FIN:
            return False
        if st.kind == "call" and isinstance(ev, Call):
            return ev.call in (CallKind.CLOSE, CallKind.SHUTDOWN) and bool(st.transitions)
    return False


def _previous_segment(trace: Trace, host: str, t: float) -> Segment | None:
    found = None
    for ev in trace.events:
        if isinstance(ev, Segment) and ev.sender == host and not ev.old_duplicate \
                and ev.send_time <= t:
            if found is None or ev.send_time >= found.send_time:
                found = ev
    return found


def _fresh_iss(trace: Trace, host: str, t: float) -> int:
    """An ISS for a new connection: the textbook default, or beyond what the host used before."""
    prev = _previous_segment(trace, host, t)
    if prev is None:
        return DEFAULT_ISS[host]
    return (((prev.seq // 1000) + 1) * 1000 + DEFAULT_ISS[host]) & MASK


def new_segment(trace: Trace, result: CheckResult, derived, host: str, send_time: float,
                arrive_time: float | None, suggest: bool = True) -> Segment:
    """A sensible new segment from ``host`` sent at ``send_time``: the flags its state calls
    for (SYN from CLOSED, SYN,ACK answering a SYN, FIN after close(), a RST it owes, else ACK)
    and, with ``suggest``, the numbers the engine expects; without, the numbers of the host's
    previous segment (the checker judges them). ``derived`` is the diagram's ``Derived``."""
    findings_by_step = derived.findings_by_step
    # The new event goes after every event at or before send_time: judge it after those steps.
    step = derived.last_step_at(send_time) + 1
    state, tcb = before(result, step, host)
    reply = pending_reply(trace, result, findings_by_step, host, step)
    seq: int
    ack: int | None = None
    if reply is not None:
        seq, ack, flags = reply
    elif state in (State.CLOSED, State.LISTEN):
        flags = Flag.SYN
        seq = _fresh_iss(trace, host, send_time)
    elif state is State.SYN_SENT:
        flags = Flag.SYN
        seq = tcb[_ISS] if tcb and tcb[_ISS] is not None else _fresh_iss(trace, host, send_time)
    elif state is State.SYN_RECEIVED:
        flags = Flag.SYN | Flag.ACK
        seq = tcb[_ISS] if tcb and tcb[_ISS] is not None else _fresh_iss(trace, host, send_time)
        ack = tcb[_RCV_NXT] if tcb else None
    else:
        flags = Flag.FIN | Flag.ACK if _close_pending(trace, result, host, step) else Flag.ACK
        seq = tcb[_SND_NXT] if tcb and tcb[_SND_NXT] is not None else 0
        ack = tcb[_RCV_NXT] if tcb else None
    if not suggest:
        prev = _previous_segment(trace, host, send_time)
        if prev is not None:
            seq, ack = prev.seq, prev.ack
        else:
            seq, ack = DEFAULT_ISS[host], None
        if flags & Flag.ACK and ack is None:
            ack = 0
        if not flags & Flag.ACK:
            ack = None
    return Segment(host, send_time, arrive_time, flags, seq & MASK, ack)


def suggest(trace: Trace, result: CheckResult, findings_by_step: dict, event: int,
            send_step: int) -> Segment | None:
    """The segment ``event`` with the seq/ack the engine expects, or ``None`` when nothing is
    known to suggest (the host has no TCB, the ISS is still free to choose)."""
    seg = trace.events[event]
    if not isinstance(seg, Segment) or send_step < 0:
        return None
    host = seg.sender
    state, tcb = before(result, send_step, host)
    flags = Flag(seg.flags)
    seq, ack = seg.seq, seg.ack
    if flags & Flag.RST:
        reply = pending_reply(trace, result, findings_by_step, host, send_step)
        if reply is not None:
            seq, ack, rflags = reply
            flags = (flags & ~Flag.ACK) | (rflags & Flag.ACK)
        elif tcb is not None and tcb[_SND_NXT] is not None:
            seq = tcb[_SND_NXT]
            ack = tcb[_RCV_NXT] if flags & Flag.ACK else None
    elif flags & Flag.SYN:
        if tcb is not None and tcb[_ISS] is not None:
            seq = tcb[_ISS]
        if flags & Flag.ACK:
            if tcb is not None and tcb[_RCV_NXT] is not None:
                ack = tcb[_RCV_NXT]
    elif tcb is not None:
        if tcb[_SND_NXT] is not None:
            seq = tcb[_SND_NXT]
        if flags & Flag.ACK and tcb[_RCV_NXT] is not None:
            ack = tcb[_RCV_NXT]
    if seq == seg.seq and ack == seg.ack and flags == seg.flags:
        return None
    return dataclasses.replace(seg, seq=seq & MASK, ack=ack, flags=flags)
