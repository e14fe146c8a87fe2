"""Everything the diagram reads from a trace and its check result, gathered in one pass.

Rebuilt after every document change (a pass over the steps, then plain lists for the
visibility index). No Qt here, and no numpy or statistics either: importing those would delay
the main window's first frame by ~0.1 s. Per event: its send (or only) step and its arrival
step, the role the checker gave a sent segment, its findings, the ISSs its relative numbers
count from; per host: state intervals; per timeout: where its bracket starts.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from trainer.engine.findings import Finding, Severity
from trainer.engine.result import CheckResult
from trainer.engine.states import State
from trainer.engine.trace import Segment, Timer, Trace
from trainer.gui.relative import IssHistory, segment_bases

_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
INF = float("inf")


def median(values: list[float]) -> float:
    """As ``statistics.median``."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


class StateInterval:
    __slots__ = ("t0", "t1", "state", "step")

    def __init__(self, t0: float, t1: float, state: State, step: int):
        self.t0, self.t1, self.state, self.step = t0, t1, state, step

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"StateInterval({self.t0}, {self.t1}, {self.state.value}, step={self.step})"


def worst(findings: list[Finding]) -> Severity | None:
    best = None
    for f in findings:
        if best is None or _SEVERITY_RANK[f.severity] > _SEVERITY_RANK[best]:
            best = f.severity
    return best


class Derived:
    def __init__(self, trace: Trace, result: CheckResult):
        # Rebuilt on every edit: written for speed (one pass over the steps, one over the
        # events, the two hosts unrolled).
        events = trace.events
        steps = result.steps
        n = len(events)
        self.n = n
        first_step = self.first_step = [-1] * n
        arrive_step = self.arrive_step = [-1] * n
        role: list[str | None] = [None] * n
        self.role = role
        self.step_times = [s.time for s in steps]
        self.step_events = [s.event for s in steps]
        self.findings: dict[int, list[Finding]] = {}
        self.findings_by_step: dict[int, list[Finding]] = {}
        bracket: dict[int, float] = {}  # timeout event -> bracket start time
        self.bracket = bracket
        self.initial = result.initial

        # ---- one pass over the steps ----------------------------------------------------------
        ints_a = [StateInterval(-INF, INF, result.initial[0], -1)]
        ints_b = [StateInterval(-INF, INF, result.initial[1], -1)]
        self.intervals: dict[str, list[StateInterval]] = {"A": ints_a, "B": ints_b}
        cur_a, cur_b = result.initial
        last_send = {"A": None, "B": None}
        last_active = {"A": None, "B": None}
        tw_since = {"A": None, "B": None}
        #: Each host's ISS from step to step: the bases of relative numbers (``bases``).
        self.iss_history = iss_history = IssHistory()
        time_wait, keepalive = Timer.TIME_WAIT, Timer.KEEPALIVE
        tw_state = State.TIME_WAIT
        for st in steps:
            e = st.event
            kind = st.kind
            t = st.time
            if kind == "arrive":
                arrive_step[e] = st.index
                last_active[st.host] = t
            else:
                if first_step[e] < 0:
                    first_step[e] = st.index
                if st.role is not None:
                    role[e] = st.role
                if kind == "send":
                    last_send[st.host] = t
                    last_active[st.host] = t
                elif kind == "timeout":
                    timer = events[e].timer
                    host = st.host
                    if timer is time_wait:
                        start = tw_since[host]
                    elif timer is keepalive:
                        start = last_active[host]
                    else:
                        start = last_send[host]
                    if start is not None and start < t:
                        bracket[e] = start
            sa, sb = st.states
            if sa is not cur_a:
                ints_a[-1].t1 = t
                ints_a.append(StateInterval(t, INF, sa, st.index))
                cur_a = sa
                # (a host whose 2MSL restarts, after a retransmitted FIN, keeps tw_since)
                tw_since["A"] = t if sa is tw_state else None
            if sb is not cur_b:
                ints_b[-1].t1 = t
                ints_b.append(StateInterval(t, INF, sb, st.index))
                cur_b = sb
                tw_since["B"] = t if sb is tw_state else None
            iss_history.note(st.index, st.tcb)

        findings, by_step = self.findings, self.findings_by_step
        for f in result.findings:
            if 0 <= f.step < len(steps):
                by_step.setdefault(f.step, []).append(f)
                findings.setdefault(steps[f.step].event, []).append(f)
        self.worst = {e: worst(fs) for e, fs in findings.items()}

        # ---- one pass over the events: times, spans, slots, flights ---------------------------
        flights = []
        times = []
        lo = [0.0] * n
        hi = [0.0] * n
        is_seg = [False] * n
        # Segments that leave (or reach) a host at the very same instant would be drawn on top
        # of each other: the second one gets slot 1 (drawn a little lower), and so on.
        send_slot: dict[int, int] = {}
        arrive_slot: dict[int, int] = {}
        seen_send: dict[tuple, int] = {}
        seen_arrive: dict[tuple, int] = {}
        in_flight = []  # (send, arrival) of segments that take time to arrive
        for i, ev in enumerate(events):
            if isinstance(ev, Segment):
                is_seg[i] = True
                t0 = ev.send_time
                t1 = ev.arrive_time
                times.append(t0)
                key = (ev.sender, t0)
                k = seen_send.get(key, 0)
                if k:
                    send_slot[i] = k
                seen_send[key] = k + 1
                if t1 is None:
                    lo[i] = hi[i] = t0
                    continue
                times.append(t1)
                if t0 <= t1:
                    lo[i], hi[i] = t0, t1
                else:
                    lo[i], hi[i] = t1, t0
                key = (ev.sender, t1)
                k = seen_arrive.get(key, 0)
                if k:
                    arrive_slot[i] = k
                seen_arrive[key] = k + 1
                if t1 > t0:
                    in_flight.append((t0, t1))
                    if not ev.old_duplicate and len(flights) < 4000:
                        flights.append(t1 - t0)
            else:
                t = ev.time
                times.append(t)
                lo[i] = bracket.get(i, t)
                hi[i] = t
        self.flight = median(flights) if flights else None
        self.times = sorted(set(times))
        self.send_slot = send_slot
        self.arrive_slot = arrive_slot
        # segments in flight, for "is anything crossing this gap?" (the axis never folds those)
        in_flight.sort()
        self._flight_starts = [float(a) for a, _ in in_flight]
        self._flight_reach = list(accumulate((float(b) for _, b in in_flight), max))
        self.lo = lo
        self.hi = hi
        self.is_seg = is_seg
        self.segment_count = sum(is_seg)
        never = 1 << 60
        order = sorted(range(n), key=lambda i: (first_step[i] if first_step[i] >= 0 else never, i))
        self.order = order  # events in processing order (keyboard navigation)
        self.rank = {e: r for r, e in enumerate(order)}

    def bases(self, index: int) -> dict[str, int | None]:
        """The ISSs relative numbers of event ``index`` count from: those of the connection it
        was sent in (after a reconnect, the new ones)."""
        return segment_bases(self.iss_history, self.first_step[index] if index < self.n else -1,
                             len(self.step_times) - 1)

    def bases_at_time(self, t: float) -> dict[str, int | None]:
        """The ISSs in force at time ``t`` (for a segment being drawn)."""
        return self.iss_history.at_step(self.last_step_at(t))

    # ---- queries -----------------------------------------------------------------------------
    def busy(self, a: list[float], b: list[float]) -> list[bool]:
        """For gaps ``(a[i], b[i])``: is some segment in flight across the whole gap?"""
        starts, reach = self._flight_starts, self._flight_reach
        if not starts:
            return [False] * len(a)
        out = []
        for ta, tb in zip(a, b):
            j = bisect_right(starts, ta) - 1
            out.append(j >= 0 and reach[j] >= tb)
        return out

    def visible(self, t0: float, t1: float) -> list[int]:
        """Indices of the events whose time span meets ``[t0, t1]``, ascending."""
        hi = self.hi
        return [i for i, lo in enumerate(self.lo) if lo <= t1 and hi[i] >= t0]

    def last_step_at(self, t: float) -> int:
        """The last step at or before ``t`` (-1 if none)."""
        return bisect_right(self.step_times, t) - 1
