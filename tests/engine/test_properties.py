"""Property tests: the checker against an independent RFC 9293 actor (``trainer.engine.simulate``).

1. Every trace the simulator generates passes the checker, and the checker's step-by-step
   states (and receiver TCB variables at arrivals) equal the simulator's own.
2. Single-field mutations of generated traces are either flagged at the right place, or proved
   valid by an independent argument: :func:`trainer.engine.simulate.explain` replays the trace
   through nondeterministic copies of the simulator's actor and shows that every segment is one
   its sender could have sent at that moment (a set of allowed outputs per moment).
3. Sequence-number wrap-around.

Disagreements that are known checker bugs are listed in ``KNOWN_CHECKER_BUGS``; each names the
strict-xfail test in ``test_checker_bugs.py`` that documents it. A case that matches one is not
skipped: the test asserts that the checker shows exactly that bug's signature.
"""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.engine import test_checker_bugs as bugs
from trainer.engine.checker import check
from trainer.engine.endpoint import Endpoint
from trainer.engine.findings import Severity
from trainer.engine.simulate import SCENARIOS, Host, explain, simulate, timeline
from trainer.engine.states import State
from trainer.engine.trace import Flag, HostSpec, Segment, Trace

MASK = 0xFFFFFFFF
F = Flag
S = State

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CORPUS = settings(max_examples=120, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(min_value=0, max_value=2**32 - 1)
scenarios = st.sampled_from(SCENARIOS)


# ---- 1. generated traces are valid and the states agree -----------------------------------------

def assert_agrees_with_simulation(sim) -> None:
    trace = sim.trace
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]
    warnings = [f.as_dict() for f in result.findings if f.severity is Severity.WARNING]
    assert not warnings, warnings
    # the checker processes the events in the order the simulator did them
    assert [(s.kind, s.event) for s in result.steps] == [(s.kind, s.event) for s in sim.snapshots]
    assert result.initial == sim.initial
    for step, snap in zip(result.steps, sim.snapshots):
        assert step.states == snap.states, (step.index, step.kind, step.event, step.states, snap.states)
        if snap.tcb is not None:  # the receiver's IRS, SND.UNA, RCV.NXT after an arrival
            i = 0 if snap.host == "A" else 1
            tcb = step.tcb[i]
            assert tcb is not None, (step.index, snap)
            irs, una, rcv_nxt = snap.tcb
            assert (tcb[1], tcb[5]) == (irs, rcv_nxt), (step.index, tcb, snap.tcb)
            # The checker binds a passive opener's ISS (and SND.UNA) when its SYN,ACK is sent.
            if tcb[2] is None:
                assert tcb[0] is None, (step.index, tcb)
                assert step.states[i] is S.SYN_RECEIVED or (step.states[i] is S.LISTEN and una is None), \
                    (step.index, tcb, snap.tcb)
            else:
                assert tcb[2] == una, (step.index, tcb, snap.tcb)
    final = result.steps[-1].states if result.steps else result.initial
    assert final == sim.final
    for i, name in enumerate("AB"):  # the complete TCB at the end
        host = sim.hosts[name]
        tcb = (result.steps[-1].tcb[i] if result.steps else None)
        if host.state is S.CLOSED:
            assert tcb is None
        else:
            iss, irs, una, nxt, _, rcv_nxt, _ = tcb
            assert (iss, irs, una, nxt, rcv_nxt) == host.tcb(), (name, tcb, host.tcb())
    # and the replay explains the trace too (the oracle accepts what the actor generates)
    explanation = explain(trace)
    assert explanation.valid, explanation


@SETTINGS
@given(seed=seeds, scenario=scenarios)
def test_generated_traces_pass_and_states_agree(seed, scenario):
    sim = simulate(random.Random(seed), scenario=scenario, claims=0.2)
    assert_agrees_with_simulation(sim)


@CORPUS
@given(seed=st.integers(0, 10**6))
@example(seed=1079)  # an in-window SYN after a crash (found checker bug 1)
@example(seed=257)   # keep-alives, user timeout, RST replies to a CLOSED host
def test_generated_traces_corpus(seed):
    sim = simulate(random.Random(seed), claims=0.1)
    assert_agrees_with_simulation(sim)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_scenario_runs(scenario):
    for seed in range(8):
        sim = simulate(random.Random(seed), scenario=scenario)
        assert sim.scenario == scenario
        assert_agrees_with_simulation(sim)


def test_simulator_covers_every_transition():
    from trainer.engine.transitions import BY_ID
    seen = set()
    for seed in range(700):
        for step in check(simulate(random.Random(seed)).trace).steps:
            seen.update(step.transitions)
    assert seen == set(BY_ID)


# ---- 2. mutations ---------------------------------------------------------------------------------

KINDS = ("seq+1", "seq-1", "ack+1", "ack-1", "flip-SYN", "flip-ACK", "flip-FIN", "flip-RST",
         "remove", "swap")

#: Oracle codes (``Explanation.code``) for a mutated segment that no RFC 9293 host could send
#: but that the checker accepts -> the strict-xfail test documenting that checker bug.
KNOWN_CHECKER_BUGS: dict[str, str] = {}  # all fixed; a new one gets an entry and a test


def known_false_error(trace: Trace, first, oracle) -> str | None:
    """The strict-xfail test documenting a checker error on a trace the replay explains, if
    the error has that bug's signature."""
    seg = trace.segments()[first.segment] if first.segment is not None else None
    state = first.params.get("state")
    if first.code == "rst-unprovoked" and state == "TIME-WAIT":
        return "test_timewait_rfc793_reset_of_syn_above_rcv_nxt"
    if first.code == "syn-not-allowed" and state == "FIN-WAIT-1" and seg is not None \
            and seg.flags & F.SYN and seg.flags & F.ACK:
        return "test_synack_retransmitted_after_close_in_syn_received"
    if first.code == "seq-not-next" and seg is not None \
            and oracle.roles.get(trace.events.index(seg)) == "rewound-ack":
        return "test_rewound_pure_ack_after_fin"
    if first.code == "synack-without-syn" and state == "CLOSED":
        return "test_second_alternative_while_one_is_pending"
    return None


@dataclasses.dataclass
class Mutation:
    trace: Trace
    kind: str
    segment: int | None  # index among trace.segments() of the changed segment (None: remove/swap)
    t0: float            # the earliest send time the mutation touches


def with_roles(trace: Trace, initial) -> Trace:
    """The generated trace with the hosts' known starting states as roles, so that the checker
    cannot explain a mutation by a connection that began before the trace (its mid-connection
    inference, which no oracle can confirm)."""
    hosts = {n: HostSpec(n, role="server" if st is S.LISTEN else "peer") for n, st in zip("AB", initial)}
    events = [dataclasses.replace(e, claims=None) for e in trace.events]
    return Trace(hosts=hosts, events=events, options=trace.options, title=trace.title)


def mutate(trace: Trace, kind: str, k: int) -> Mutation | None:
    events = list(trace.events)
    pos = [i for i, e in enumerate(events) if isinstance(e, Segment)]
    if not pos:
        return None
    if kind == "swap":
        if len(pos) < 2:
            return None
        order = sorted(pos, key=lambda i: (events[i].send_time, i))
        j = k % (len(order) - 1)
        a, b = order[j], order[j + 1]
        sa, sb = events[a], events[b]
        events[a] = dataclasses.replace(sb, send_time=sa.send_time)
        events[b] = dataclasses.replace(sa, send_time=sb.send_time)
        return Mutation(dataclasses.replace(trace, events=events), kind, None,
                        min(sa.send_time, sb.send_time))
    i = pos[k % len(pos)]
    seg = events[i]
    if kind == "remove":
        del events[i]
        return Mutation(dataclasses.replace(trace, events=events), kind, None, seg.send_time)
    if kind in ("seq+1", "seq-1"):
        new = dataclasses.replace(seg, seq=(seg.seq + (1 if kind == "seq+1" else -1)) & MASK)
    elif kind in ("ack+1", "ack-1"):
        if not seg.flags & F.ACK or seg.ack is None:
            return None
        new = dataclasses.replace(seg, ack=(seg.ack + (1 if kind == "ack+1" else -1)) & MASK)
    else:
        new = dataclasses.replace(seg, flags=seg.flags ^ F[kind[5:]])
    events[i] = new
    return Mutation(dataclasses.replace(trace, events=events), kind, pos.index(i), seg.send_time)


def dependent_positions(trace: Trace, segment_event: int) -> set[int]:
    """Timeline positions (= checker step indices) causally after the send of the mutated
    segment: the sender from then on, and every host after a dependent segment reached it."""
    tainted_hosts: set[str] = set()
    tainted_segments: set[int] = set()
    out = set()
    for position, (kind, host, idx, _ev, _t) in enumerate(timeline(trace)):
        if kind == "send" and idx == segment_event:
            tainted_hosts.add(host)
        elif kind == "arrive" and idx in tainted_segments:
            tainted_hosts.add(host)
        if host in tainted_hosts:
            out.add(position)
            if kind == "send":
                tainted_segments.add(idx)
    return out


def _frame_endpoint(exc: BaseException) -> tuple[Endpoint | None, Segment | None]:
    tb = exc.__traceback__
    ep = seg = None
    while tb is not None:
        local = tb.tb_frame.f_locals
        if isinstance(local.get("self"), Endpoint):
            ep = local["self"]
            seg = local.get("seg", seg)
        tb = tb.tb_next
    return ep, seg


def known_crash(exc: BaseException) -> str | None:
    """Which documented checker crash this is, judged from the endpoint that raised."""
    ep, seg = _frame_endpoint(exc)
    if not isinstance(exc, TypeError) or ep is None:
        return None
    if ep.snd_una is None and ep.state is S.FIN_WAIT_1:
        return "test_close_in_syn_received_before_synack_does_not_crash"
    if seg is not None and seg.flags & F.ACK and seg.ack is None:
        return "test_arriving_ack_flag_without_number_does_not_crash"
    return None


def verify_mutation(m: Mutation) -> str:
    """Assert that the checker treats the mutated trace correctly; return what happened."""
    trace = m.trace
    try:
        result = check(trace)
    except TypeError as exc:
        name = known_crash(exc)
        assert name is not None, f"checker crashed: {exc!r}"
        assert hasattr(bugs, name)
        return "known-bug:" + name
    errors = sorted(result.errors(), key=lambda f: f.step)
    oracle = explain(trace)
    if not errors:
        # No error: prove the trace valid instead of skipping it.
        assert check(trace).valid  # deterministic
        if not oracle.valid:
            # Only a documented leniency may hide it, at or after the change (a legal change, an
            # ISN or a repacketized retransmission, can make a later segment the impossible one).
            name = next((t for c, t in KNOWN_CHECKER_BUGS.items() if c in oracle.code), None)
            assert name is not None and _event_time(trace, oracle.event) >= m.t0, \
                f"checker finds no error, but no RFC 9293 host could do event {oracle.event}: {oracle.reason}"
            assert hasattr(bugs, name)
            return "known-bug:" + name
        return "valid (proved by replay)"
    first = errors[0]
    if oracle.valid:
        # The replay explains every event: the checker's error is wrong.
        name = known_false_error(trace, first, oracle)
        assert name is not None, f"checker reports {first.as_dict()} but the replay explains the whole trace"
        assert hasattr(bugs, name)
        return "known-bug:" + name
    if m.segment is None:  # removal, reorder: at or after the earliest affected segment
        assert result.steps[first.step].time >= m.t0, (first.as_dict(), m.t0)
        return "flagged after the change"
    mutated_event = trace.events.index(trace.segments()[m.segment])
    if first.segment == m.segment:
        return "flagged at the mutated segment"
    if oracle.event == mutated_event:
        # No host could send the mutated segment, yet the checker flags something else.
        name = next((t for c, t in KNOWN_CHECKER_BUGS.items() if c in oracle.code), None)
        assert name is not None, (f"mutated segment {m.segment} is impossible ({oracle.reason}) "
                                  f"but the checker first flags {first.as_dict()}")
        assert hasattr(bugs, name)
        return "known-bug:" + name
    # The mutated value was a legal choice (an ISN, an implicit call...): the first error must
    # be at a step that depends on it.
    assert first.step in dependent_positions(trace, mutated_event), (first.as_dict(), m.segment)
    return "flagged at a dependent segment"


def _event_time(trace: Trace, index: int) -> float:
    ev = trace.events[index]
    return ev.send_time if isinstance(ev, Segment) else ev.time


def run_mutation(seed: int, kind: str, k: int, scenario: str | None = None) -> str | None:
    sim = simulate(random.Random(seed), scenario=scenario)
    base = with_roles(sim.trace, sim.initial)
    assert check(base).valid
    m = mutate(base, kind, k)
    if m is None:
        return None  # e.g. ack+-1 on a trace without ACK-bearing segments: nothing to mutate
    return verify_mutation(m)


@SETTINGS
@given(seed=seeds, scenario=scenarios, kind=st.sampled_from(KINDS), k=st.integers(0, 10**6))
def test_mutations_are_flagged_or_proved_valid(seed, scenario, kind, k):
    run_mutation(seed, kind, k, scenario)


@CORPUS
@given(seed=st.integers(0, 10**6), k=st.integers(0, 10**6))
def test_mutation_corpus(seed, k):
    for kind in KINDS:
        run_mutation(seed, kind, k)


def test_mutation_outcomes_include_every_kind_of_verdict():
    """The mutation machinery is not vacuous: over a fixed corpus it sees mutations flagged at the
    mutated segment, at a dependent segment, after a removal or reorder, and proved valid."""
    outcomes = set()
    rng = random.Random(7)
    for seed in range(60):
        for kind in KINDS:
            outcome = run_mutation(seed, kind, rng.randrange(10**6))
            if outcome:
                outcomes.add(outcome.split(":")[0])
    assert {"flagged at the mutated segment", "flagged at a dependent segment",
            "flagged after the change", "valid (proved by replay)"} <= outcomes


def test_verify_mutation_rejects_a_checker_that_misses_an_error():
    """Sanity check of the oracle side: a trace with a wrong ack that is 'not flagged' would
    be caught by the replay (the test machinery does not accept everything)."""
    trace = Trace(events=[
        Segment("A", 0.0, 0.1, F.SYN, 1000, win=65535),
        Segment("B", 0.1, 0.2, F.SYN | F.ACK, 5000, 1001, win=65535),
        Segment("A", 0.2, 0.3, F.ACK, 1001, 5002, win=65535),  # acks one too many
    ], hosts={"A": HostSpec("A", role="peer"), "B": HostSpec("B", role="server")})
    ex = explain(trace)
    assert not ex.valid and ex.event == 2 and ex.code == "ack-wrong"
    assert not check(trace).valid


# ---- 3. wrap-around --------------------------------------------------------------------------------

def _wrap_trace(iss_a: int, iss_b: int) -> Trace:
    """A handshake, 3000 bytes from A in three segments, 500 from B, and A closing first --
    written from the RFC's formulas, with ISNs near 2**32."""
    a1 = (iss_a + 1) & MASK
    b1 = (iss_b + 1) & MASK
    ev = [
        Segment("A", 0.0, 0.1, F.SYN, iss_a, win=65535),
        Segment("B", 0.1, 0.2, F.SYN | F.ACK, iss_b, a1, win=65535),
        Segment("A", 0.2, 0.3, F.ACK, a1, b1, win=65535),
    ]
    t = 0.3
    for n in range(3):
        ev.append(Segment("A", t, t + 0.1, F.ACK | F.PSH, (a1 + 1000 * n) & MASK, b1, win=65535, length=1000))
        t += 0.01
    a_end = (a1 + 3000) & MASK
    ev.append(Segment("B", 0.45, 0.55, F.ACK | F.PSH, b1, a_end, win=65535, length=500))
    b_end = (b1 + 500) & MASK
    ev.append(Segment("A", 0.6, 0.7, F.FIN | F.ACK, a_end, b_end, win=65535))
    ev.append(Segment("B", 0.7, 0.8, F.ACK, b_end, (a_end + 1) & MASK, win=65535))
    ev.append(Segment("B", 0.9, 1.0, F.FIN | F.ACK, b_end, (a_end + 1) & MASK, win=65535))
    ev.append(Segment("A", 1.0, 1.1, F.ACK, (a_end + 1) & MASK, (b_end + 1) & MASK, win=65535))
    return Trace(events=ev, hosts={"A": HostSpec("A", role="client"), "B": HostSpec("B", role="server")})


@pytest.mark.parametrize("iss_a, iss_b", [
    (MASK, MASK - 1),          # the SYN sits on 2**32-1: data starts at 0
    (MASK - 1500, MASK - 200),  # the wrap falls inside a data segment on both sides
    (MASK - 2999, 0),           # the FIN is the first to wrap
    (0x7FFFFFFF, 0x80000000),   # around the half-space boundary
])
def test_wrap_around_trace_is_valid(iss_a, iss_b):
    trace = _wrap_trace(iss_a, iss_b)
    result = check(trace)
    assert result.valid, [f.as_dict() for f in result.errors()]
    assert result.steps[-1].states == (S.TIME_WAIT, S.CLOSED)
    assert result.state_history("A") == [S.CLOSED, S.SYN_SENT, S.ESTABLISHED, S.FIN_WAIT_1,
                                         S.FIN_WAIT_2, S.TIME_WAIT]
    a_tcb = result.steps[-1].tcb[0]
    assert a_tcb[3] == (iss_a + 1 + 3000 + 1) & MASK  # SND.NXT after the data and the FIN
    assert a_tcb[5] == (iss_b + 1 + 500 + 1) & MASK   # RCV.NXT after B's data and FIN
    assert explain(trace).valid


def test_wrap_around_seq_mutations():
    trace = _wrap_trace(MASK - 1500, MASK - 200)
    segs = trace.segments()
    victim = segs[4]  # A's second data segment: it straddles 2**32 (2**32-500 .. 499)
    assert victim.seq == 2**32 - 500 and (victim.seq + victim.length) & MASK == 500
    i = trace.events.index(victim)
    # +1: a gap of one octet before it -> flagged at the segment itself
    trace.events[i] = dataclasses.replace(victim, seq=(victim.seq + 1) & MASK)
    first = check(trace).errors()[0]
    assert (first.code, first.segment, first.params["expected"], first.params["got"],
            first.params["hint"]) == ("seq-not-next", 4, 2**32 - 500, 2**32 - 499, "ahead")
    ex = explain(trace)
    assert (ex.event, ex.code) == (i, "seq-gap")
    # -1: resends one octet already sent and ends one octet early -- a legal repacketization;
    # the next segment, which now leaves a gap, is the first that is wrong
    trace.events[i] = dataclasses.replace(victim, seq=(victim.seq - 1) & MASK)
    first = check(trace).errors()[0]
    assert (first.code, first.segment, first.params["expected"], first.params["got"],
            first.params["hint"]) == ("seq-not-next", 5, 499, 500, "ahead")
    ex = explain(trace)
    assert (ex.event, ex.code) == (trace.events.index(segs[5]), "seq-gap")


def test_wrap_around_ack_mutation_is_flagged():
    trace = _wrap_trace(MASK, MASK - 1)
    segs = trace.segments()
    # B's ACK of A's FIN: A's data started at 0 (ISS 2**32-1), so ack = 3000 + 1
    assert segs[8].sender == "B" and segs[8].ack == 3001
    i = trace.events.index(segs[8])
    trace.events[i] = dataclasses.replace(segs[8], ack=3000)
    first = check(trace).errors()[0]
    assert (first.code, first.segment, first.params["expected"], first.params["got"],
            first.params["hint"]) == ("ack-not-next", 8, 3001, 3000, "fin")


def test_acceptability_across_the_wrap():
    # B's RCV.NXT is 2**32-10 with a 100-octet window: [2**32-10, 90) is acceptable.
    ep = Endpoint("B")
    ep._clear_tcb(S.ESTABLISHED)
    ep.rcv_nxt = (MASK - 9)
    ep.rcv_wnd = 100
    assert ep._acceptable(MASK - 9, 0)
    assert ep._acceptable(89, 0)
    assert not ep._acceptable(90, 0)
    assert not ep._acceptable(MASK - 10, 0)
    assert ep._acceptable(MASK - 20, 20)   # starts below RCV.NXT, last octet 2**32-2 inside
    assert not ep._acceptable(MASK - 20, 11)
    h = Host("B")
    h.state, h.rcv_nxt, h.rcv_wnd = S.ESTABLISHED, MASK - 9, 100
    for seq, n in ((MASK - 9, 0), (89, 0), (90, 0), (MASK - 10, 0), (MASK - 20, 20), (MASK - 20, 11)):
        assert h._acceptable(seq, n) == ep._acceptable(seq, n), (seq, n)


@pytest.mark.parametrize("seed", range(25))
def test_simulated_connections_across_the_wrap(seed):
    sim = simulate(random.Random(seed), scenario="bulk", iss_wrap=1.0, loss=0.1)
    assert_agrees_with_simulation(sim)
    seqs = [s.seq for s in sim.trace.segments() if not s.flags & F.RST]
    # the simulator chose ISNs just below 2**32, so the connection wraps
    assert any(s > MASK - 5000 for s in seqs) and any(s < 100000 for s in seqs)


# ---- expected_reply (the "fill in the seq/ack the RFC expects" helper) -----------------------------

def test_expected_reply_follows_3_10_7():
    from trainer.engine.simulate import expected_reply
    syn = Segment("A", 0.0, 0.1, F.SYN, 1000, win=65535)
    trace = Trace(events=[syn], hosts={"A": HostSpec("A", role="client"), "B": HostSpec("B", role="server")})
    (synack,) = expected_reply(trace, "B")
    assert (synack.flags, synack.seq, synack.ack) == (F.SYN | F.ACK, None, 1001)  # ISS: B's choice
    closed = Trace(events=[syn], hosts={"A": HostSpec("A", role="client"), "B": HostSpec("B", role="peer")})
    (rst,) = expected_reply(closed, "B")
    assert (rst.flags, rst.seq, rst.ack) == (F.RST | F.ACK, 0, 1001)
    trace.events += [
        Segment("B", 0.1, 0.2, F.SYN | F.ACK, 7000, 1001, win=65535),
        Segment("A", 0.2, 0.3, F.ACK | F.PSH, 1001, 7001, win=65535, length=10),
    ]
    (ack,) = expected_reply(trace, "B")
    assert (ack.flags, ack.seq, ack.ack) == (F.ACK, 7001, 1011)
    assert expected_reply(trace, "A") == []  # nothing has reached A since it last sent
