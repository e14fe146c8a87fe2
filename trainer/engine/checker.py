"""Replay a trace through two RFC 9293 endpoints and report, step by step, what happened.

Every segment becomes two steps, its send (checked against what the sender could send) and
its arrival (processed by the receiver exactly as 3.10.7 says); user calls, timeouts and
crashes are steps of their own. Order: by time; at the same instant arrivals come first, then
user calls and timeouts, then sends in file order — a segment that arrives at the instant it
is sent arrives right after its own send.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from trainer.engine.endpoint import Endpoint
from trainer.engine.findings import CODES, Finding, Severity, rfc_for
from trainer.engine.result import CheckResult, Step
from trainer.engine.states import State
from trainer.engine.trace import Call, CallKind, Crash, Flag, Segment, Timeout, Trace

S = State
SEND, ARRIVE, CALL, TIMEOUT, CRASH = "send", "arrive", "call", "timeout", "crash"
_ERROR = Severity.ERROR
_MASK = 0xFFFFFFFF
_SYN, _ACK, _RST = int(Flag.SYN), int(Flag.ACK), int(Flag.RST)
_SYN_OR_RST = _SYN | _RST
_MAX_ALTERNATIVES = 4
_CLOSED = State.CLOSED


class _Entry(NamedTuple):
    """One step to process. The first four fields are the sort key (unique per entry)."""

    time: float
    rank: int  # 0 arrival, 1 call/timeout/crash, 2 send (and same-instant arrival)
    event: int  # index in trace.events
    sub: int  # 0, or 1 for an arrival right after its own send
    kind: str
    host: str
    segment: int | None
    obj: object


def build_timeline(trace: Trace) -> tuple[list[_Entry], list[tuple[int, float, float]]]:
    """All steps in processing order, and the segments that arrive before they are sent."""
    entries = []
    append = entries.append
    new = tuple.__new__  # builds an _Entry without NamedTuple's Python-level __new__ (hot path)
    early = []
    seg_index = 0
    for i, ev in enumerate(trace.events):
        if type(ev) is Segment:
            t = ev.send_time
            append(new(_Entry, (t, 2, i, 0, SEND, ev.sender, seg_index, ev)))
            at = ev.arrive_time
            if at is not None:
                receiver = "B" if ev.sender == "A" else "A"
                if at < t:
                    early.append((seg_index, t, at))
                    at = t
                if at == t:
                    append(new(_Entry, (at, 2, i, 1, ARRIVE, receiver, seg_index, ev)))
                else:
                    append(new(_Entry, (at, 0, i, 0, ARRIVE, receiver, seg_index, ev)))
            seg_index += 1
        else:
            kind = CALL if isinstance(ev, Call) else TIMEOUT if isinstance(ev, Timeout) else CRASH
            append(new(_Entry, (ev.time, 1, i, 0, kind, ev.host, None, ev)))
    entries.sort()  # the (time, rank, event, sub) prefix is unique: later fields never compared
    return entries, early


# ---- initial state -------------------------------------------------------------------------------

def _first_events(timeline: list[_Entry], host: str) -> dict:
    """The evidence the initial-state inference looks at, gathered in one pass."""
    found: dict = {}
    for entry in timeline:
        obj = entry.obj
        if isinstance(obj, Segment) and obj.old_duplicate:
            continue
        if entry.host != host:
            continue
        found.setdefault("first", entry)
        if entry.kind == SEND:
            found.setdefault("send", entry)
            if "arrive" in found:
                found.setdefault("send_after_arrive", entry)
            if not int(obj.flags) & _RST:
                found.setdefault("own", entry)
        elif entry.kind == ARRIVE:
            found.setdefault("arrive", entry)
            if not int(obj.flags) & _RST:
                found.setdefault("peer", entry)
        if "own" in found and "peer" in found and "send_after_arrive" in found:
            break
    return found


def _guess_initial_state(trace: Trace, host: str, ev: dict) -> State:
    role = (trace.hosts.get(host).role or "").lower() if trace.hosts.get(host) else ""
    first = ev.get("first")
    if role == "server":
        return S.LISTEN
    if role in ("client", "peer"):
        return S.CLOSED
    if first is None:
        return S.CLOSED
    obj = first.obj
    if first.kind in (CALL, CRASH, TIMEOUT):
        if first.kind == CALL and obj.call not in (CallKind.LISTEN, CallKind.CONNECT):
            return S.ESTABLISHED
        return S.CLOSED
    flags = int(obj.flags)  # plain ints: IntFlag's & runs Python code
    if first.kind == SEND:
        if flags & _SYN:
            return S.LISTEN if flags & _ACK else S.CLOSED
        return S.ESTABLISHED
    # The first thing that happens to the host is an arrival.
    reply = ev.get("send_after_arrive")
    replies_rst = reply is not None and int(reply.obj.flags) & _RST
    if flags & _RST:
        return S.CLOSED
    if flags & _SYN:
        if flags & _ACK:
            return S.CLOSED
        return S.CLOSED if replies_rst else S.LISTEN
    if replies_rst and reply.obj.seq == obj.ack:
        return S.CLOSED  # answering with <SEQ=SEG.ACK><CTL=RST>: no connection here (Fig. 10)
    return S.ESTABLISHED


def _initial_endpoint(trace: Trace, host: str, timeline: list[_Entry]) -> tuple[Endpoint, list[dict]]:
    ep = Endpoint(host, trace.options.rfc5961)
    ep.msl = trace.options.msl
    spec = trace.hosts.get(host)
    declared = spec.initial if spec else None
    notes: list[dict] = []
    ev = _first_events(timeline, host) if declared is None or _needs_evidence(declared) else {}
    if declared is not None:
        state = declared.state
    else:
        state = _guess_initial_state(trace, host, ev)
        notes.append({"host": host, "event": "initial-state", "state": state.value})
    ep._clear_tcb(state)
    if state is S.CLOSED:
        return ep, notes
    if state is S.LISTEN:
        ep.passive = True
        return ep, notes
    _init_tcb(ep, state, declared, ev, notes)
    return ep, notes


def _needs_evidence(declared) -> bool:
    if declared.state in (S.CLOSED, S.LISTEN):
        return False
    return any(getattr(declared, k) is None for k in ("snd_una", "snd_nxt", "rcv_nxt"))


def _init_tcb(ep: Endpoint, state: State, declared, ev: dict, notes: list[dict]) -> None:
    """Sequence variables for a trace that starts mid-connection: declared values first,
    the rest from the first segments that show them (the host's own first segment gives
    SND.NXT and RCV.NXT; the peer's first segment gives RCV.NXT and SND.UNA)."""
    own = ev.get("own")
    peer = ev.get("peer")
    own_first = own is not None and (peer is None or own.time <= peer.time)
    guess: dict = {}
    fin_sent = state in (S.FIN_WAIT_1, S.FIN_WAIT_2, S.CLOSING, S.LAST_ACK, S.TIME_WAIT)
    fin_acked = state in (S.FIN_WAIT_2, S.TIME_WAIT)
    if own is not None and (own_first or peer is None or not peer.obj.flags & Flag.ACK):
        seg = own.obj
        if seg.flags & Flag.SYN:
            guess["iss"] = seg.seq
            nxt = (seg.seq + 1 + seg.length) & _MASK
        elif seg.flags & Flag.FIN and fin_sent:
            nxt = (seg.seq + seg.length + 1) & _MASK
        else:
            nxt = seg.seq
        guess["snd_nxt"] = nxt
        guess["snd_una"] = nxt if fin_acked or not fin_sent else (nxt - 1) & _MASK
        if seg.flags & Flag.SYN and state is not S.SYN_SENT:
            guess["snd_una"] = seg.seq
    elif peer is not None and peer.obj.ack is not None:
        una = peer.obj.ack
        guess["snd_una"] = una
        guess["snd_nxt"] = (una + 1) & _MASK if fin_sent and not fin_acked else una
    if own is not None and own.obj.flags & Flag.ACK and own.obj.ack is not None and \
            (own_first or peer is None):
        guess["rcv_nxt"] = own.obj.ack
    elif peer is not None:
        seg = peer.obj
        guess["rcv_nxt"] = (seg.seq + 1) & _MASK if seg.flags & Flag.SYN else seg.seq
        if seg.flags & Flag.SYN:
            guess["irs"] = seg.seq
    if declared is not None:
        # A declared variable wins over evidence, and pins its partner.
        if declared.snd_nxt is not None or declared.snd_una is not None:
            guess.pop("snd_una", None)
            guess.pop("snd_nxt", None)
            guess.pop("iss", None)
        if declared.rcv_nxt is not None:
            guess.pop("irs", None)
    values = {}
    for name in ("iss", "irs", "snd_una", "snd_nxt", "snd_wnd", "rcv_nxt", "rcv_wnd"):
        value = getattr(declared, name) if declared is not None else None
        if value is None:
            value = guess.get(name)
            if value is not None:
                values[name] = value
        setattr(ep, name, value)
    # Whatever nothing shows stays consistent with what is known.
    if ep.snd_nxt is None:
        ep.snd_nxt = ep.snd_una if ep.snd_una is not None else 0
    if ep.snd_una is None:
        ep.snd_una = ep.snd_nxt
    if ep.rcv_nxt is None:
        ep.rcv_nxt = 0
    # The SYNs that set up window scaling (RFC 7323 2.2) happened before the trace: the shift
    # is unknown (Endpoint.snd_shift/rcv_shift stay None), and so is every window the trace
    # does not declare. Unknown windows constrain nothing (no beyond-window; the acceptability
    # test has no right edge short of the largest possible window) until the SYNs are seen.
    ep.wnd_known = ep.snd_wnd is not None
    if ep.iss is None and state is not S.SYN_SENT:
        ep.iss = (ep.snd_una - 1) & _MASK
    if ep.irs is None and state is not S.SYN_SENT:
        ep.irs = (ep.rcv_nxt - 1) & _MASK
    if state is S.SYN_SENT:
        ep.rcv_nxt = None
        ep.irs = None
        if ep.iss is not None:
            ep.snd_una = ep.iss
            ep.snd_nxt = (ep.iss + 1) & _MASK
            ep.syn_sent = True
    if state is S.SYN_RECEIVED:
        ep.passive = True if declared is None or declared.passive is None else declared.passive
        ep.syn_sent = True
    if fin_sent:
        ep.fin_seq = (ep.snd_nxt - 1) & _MASK
    if values:
        note = {"host": ep.host, "event": "initial-tcb"}
        note.update(values)
        notes.append(note)
    notes.append({"host": ep.host, "event": "window-scale-unknown"})


# ---- the replay ----------------------------------------------------------------------------------

class _Alternative:
    """Another reading of an arrival, kept until the host's next send decides (see
    ``Endpoint.alternatives_for``)."""

    __slots__ = ("endpoint", "label", "step", "states", "findings")

    def __init__(self, endpoint: Endpoint, label: str, step: int):
        self.endpoint = endpoint
        self.label = label
        self.step = step
        self.states: list[tuple] = []  # (step, state, transitions, tcb) under this reading
        self.findings: list[tuple[int, list]] = []


def _has_error(findings: list[tuple[str, dict]]) -> bool:
    return any(CODES[code].severity is _ERROR for code, _ in findings)


def check(trace: Trace) -> CheckResult:
    timeline, early = build_timeline(trace)
    ep_a, notes_a = _initial_endpoint(trace, "A", timeline)
    ep_b, notes_b = _initial_endpoint(trace, "B", timeline)
    eps = {"A": ep_a, "B": ep_b}
    result = CheckResult(initial=(ep_a.state, ep_b.state))
    result.inferred.extend(notes_a)
    result.inferred.extend(notes_b)
    findings = result.findings
    steps = result.steps
    early_by_segment = {seg: (sent, arrived) for seg, sent, arrived in early}
    # Other readings of an earlier arrival, per host, kept until the host's next send decides.
    alts: dict[str, list[_Alternative]] = {"A": [], "B": []}
    alts_a, alts_b = alts["A"], alts["B"]  # the same lists, for the per-step test below
    msl = trace.options.msl
    tcbs = (ep_a.tcb_tuple(), ep_b.tcb_tuple())
    states = (ep_a.state, ep_b.state)

    def add_findings(raw: list, step: int, segment: int | None) -> None:
        for code, params in raw:
            info = CODES[code]
            findings.append(Finding(code, info.severity, step, segment, params.get("host"), params,
                                    rfc_for(code, params)))

    step_append = steps.append
    new_step = tuple.__new__  # Step without NamedTuple's Python-level __new__ (hot path)
    for index, entry in enumerate(timeline):
        time, _, event, _, kind, host, segment, obj = entry
        ep = eps[host]
        ep.now = time
        pending = alts[host]
        role = None
        if kind is SEND:
            seg = obj
            if early_by_segment and segment in early_by_segment:
                sent, arrived = early_by_segment[segment]
                findings.append(Finding("arrival-before-send", _ERROR, index, segment, host,
                                        {"host": host, "sent": sent, "arrived": arrived},
                                        CODES["arrival-before-send"].rfc))
            if seg.old_duplicate:
                role = "old-duplicate"
            elif not pending:
                ep.send(seg)
                role = ep.role
            else:
                ep, role = _resolve_alternative(eps, host, ep, pending, seg, steps, findings,
                                                result.inferred, timeline)
                pending.clear()
        elif kind is ARRIVE:
            seg = obj
            for other in pending:
                other.endpoint.now = time
                other.endpoint.arrive(seg)
            if int(seg.flags) & _SYN_OR_RST:  # only SYNs and RSTs have another reading
                for alt_ep, label in ep.alternatives_for(seg):
                    if len(pending) < _MAX_ALTERNATIVES:
                        alt_ep.now = time
                        pending.append(_Alternative(alt_ep, label, index))
            ep.arrive(seg)
        elif kind is CALL:
            for other in pending:  # the call happens whichever reading is true
                other.endpoint.now = time
                _do_call(other.endpoint, obj)
            _do_call(ep, obj)
        elif kind is TIMEOUT:
            for other in pending:
                other.endpoint.now = time
                other.endpoint.timeout(obj.timer.value, msl)
            ep.timeout(obj.timer.value, msl)
        else:
            pending.clear()  # a crash loses every TCB, whichever reading was true
            ep.crash()

        if ep.findings:
            add_findings(ep.findings, index, segment)
            ep.findings.clear()
        taken = ep.taken
        if taken:
            transitions = tuple(taken)
            taken.clear()
        else:
            transitions = ()
        if ep.notes:
            for note in ep.notes:
                note["step"] = index
                result.inferred.append(note)
            ep.notes.clear()
        # Only the step's own host can have changed: snapshot its TCB (Endpoint.tcb_tuple,
        # inlined: this runs for every step), reuse the other's.
        state = ep.state
        snap = None if state is _CLOSED else (
            ep.iss, ep.irs, ep.snd_una, ep.snd_nxt, ep.snd_wnd, ep.rcv_nxt, ep.rcv_wnd)
        if host == "A":
            tcbs = (snap, tcbs[1])
            states = (state, states[1])
        else:
            tcbs = (tcbs[0], snap)
            states = (states[0], state)
        step_append(new_step(Step, (index, kind, host, time, event, segment, states, transitions,
                                    tcbs, role)))
        if alts_a or alts_b:
            _record_alternatives(alts, index)
        claims = obj.claims
        if claims:
            _check_claims(claims, entry, eps, index, findings)

    _fill_pending(timeline, findings)
    return result


def _record_alternatives(alts: dict, index: int) -> None:
    for pending in alts.values():
        for alt in pending:
            aep = alt.endpoint
            alt.states.append((index, aep.state, tuple(aep.taken), aep.tcb_tuple()))
            aep.taken.clear()
            if aep.findings:
                alt.findings.append((index, list(aep.findings)))
                aep.findings.clear()


def _do_call(ep: Endpoint, call: Call) -> None:
    kind = call.call
    if kind is CallKind.LISTEN:
        ep.call_listen()
    elif kind is CallKind.CONNECT:
        ep.call_connect()
    elif kind is CallKind.SEND:
        ep.call_send()
    elif kind is CallKind.CLOSE or kind is CallKind.SHUTDOWN:
        ep.call_close(kind.value)
    else:
        ep.call_abort()


def _resolve_alternative(eps, host, ep, pending, seg, steps, findings, inferred, timeline):
    """The host sends while other readings are pending: keep the default reading if it explains
    the segment, else switch to the first alternative that does, rewriting the steps since the
    arrival that forked it (states, transitions, explanations and the learner's claims)."""
    trial = ep.clone()
    trial.send(seg)
    if not _has_error(trial.findings):
        ep.send(seg)
        return ep, ep.role
    for alt in pending:
        other = alt.endpoint.clone()
        other.send(seg)
        if not _has_error(other.findings):
            return _adopt(eps, host, ep, alt, seg, steps, findings, inferred, timeline)
    ep.send(seg)
    return ep, ep.role


def _adopt(eps, host, ep, alt, seg, steps, findings, inferred, timeline):
    adopted = alt.endpoint
    adopted.findings.clear()
    adopted.taken.clear()
    i = 0 if host == "A" else 1
    forked = {idx for idx, *_ in alt.states}
    findings[:] = [f for f in findings if not (
        f.step in forked and f.host == host and (f.severity is Severity.INFO or f.code == "claim-mismatch"))]
    for idx, state, taken, tcb in alt.states:
        step = steps[idx]
        states = list(step.states)
        states[i] = state
        tcbs = list(step.tcb)
        tcbs[i] = tcb
        steps[idx] = step._replace(states=(states[0], states[1]), tcb=(tcbs[0], tcbs[1]),
                                   transitions=taken if step.host == host else step.transitions)
        claims = timeline[idx].obj.claims
        if claims and host in claims:
            _check_claim(host, claims[host], timeline[idx], state, idx, findings)
    for idx, raw in alt.findings:
        for code, params in raw:
            info = CODES[code]
            if info.severity is Severity.INFO:
                findings.append(Finding(code, info.severity, idx, steps[idx].segment, host, params,
                                        rfc_for(code, params)))
    findings.sort(key=lambda f: f.step)
    inferred.append({"host": host, "event": alt.label, "step": alt.step})
    for note in adopted.notes:
        note["step"] = alt.step
        inferred.append(note)
    adopted.notes.clear()
    eps[host] = adopted
    adopted.now = ep.now
    adopted.send(seg)
    return adopted, adopted.role


def _check_claims(claims: dict, entry: _Entry, eps: dict, index: int, findings: list) -> None:
    for claimed_host, claimed in claims.items():
        _check_claim(claimed_host, claimed, entry, eps[claimed_host].state, index, findings)


def _check_claim(host: str, claimed: State, entry: _Entry, actual: State, index: int,
                 findings: list) -> None:
    """A claim on a segment is about the sender after the send and the receiver after the
    arrival (or at the send, if the segment is lost); on other events, after the event."""
    obj = entry.obj
    if isinstance(obj, Segment):
        if host == obj.sender:
            if entry.kind is not SEND:
                return
        elif entry.kind is not ARRIVE and not (obj.lost and entry.kind is SEND):
            return
    if actual is not claimed:
        findings.append(Finding("claim-mismatch", _ERROR, index, entry.segment, host,
                                {"host": host, "claimed": claimed.value, "actual": actual.value},
                                CODES["claim-mismatch"].rfc))


def _fill_pending(timeline: list[_Entry], findings: list[Finding]) -> None:
    """For a SYN,ACK sent before the SYN it answers has arrived, say when that SYN arrives."""
    wanted = [f for f in findings if f.code == "synack-without-syn"]
    if not wanted:
        return
    # Per host, the steps at which a SYN without ACK arrives (one pass, then a search each).
    syn_arrivals: dict[str, list[int]] = {}
    for index, entry in enumerate(timeline):
        if entry.kind == ARRIVE and int(entry.obj.flags) & (_SYN | _ACK) == _SYN:
            syn_arrivals.setdefault(entry.host, []).append(index)
    for f in wanted:
        steps = syn_arrivals.get(f.host, [])
        at = bisect_right(steps, f.step)
        if at < len(steps):
            f.params["pending"] = timeline[steps[at]].time
