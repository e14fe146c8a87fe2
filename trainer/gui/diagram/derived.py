"""Everything the diagram reads from a trace and its check result, gathered in one pass.

Rebuilt after every document change (a pass over the steps, then plain lists for the
visibility index). No Qt here, and no numpy or statistics either: importing those would delay
the main window's first frame by ~0.1 s. Per event: its send (or only) step and its arrival
step, the role the checker gave a sent segment, its findings; per host: state intervals and the
ISS (for relative numbers); per timeout: where its bracket starts.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from trainer.engine.findings import Finding, Severity
from trainer.engine.result import CheckResult
from trainer.engine.states import State
from trainer.engine.trace import Segment, Timer, Trace

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
        events = trace.events
        steps = result.steps
        n = len(events)
        self.n = n
        self.first_step = [-1] * n
        self.arrive_step = [-1] * n
        self.role: list[str | None] = [None] * n
        self.step_times = [s.time for s in steps]
        self.step_events = [s.event for s in steps]
        self.findings: dict[int, list[Finding]] = {}
        self.findings_by_step: dict[int, list[Finding]] = {}
        self.iss: dict[str, int | None] = {"A": None, "B": None}
        self.bracket: dict[int, float] = {}  # timeout event -> bracket start time
        self.initial = result.initial

        # ---- one pass over the steps ----------------------------------------------------------
        first_step, arrive_step, role = self.first_step, self.arrive_step, self.role
        intervals: dict[str, list[StateInterval]] = {
            "A": [StateInterval(-INF, INF, result.initial[0], -1)],
            "B": [StateInterval(-INF, INF, result.initial[1], -1)],
        }
        cur = [result.initial[0], result.initial[1]]
        last_send = {"A": None, "B": None}
        last_active = {"A": None, "B": None}
        tw_since = {"A": None, "B": None}
        iss_missing = 2
        iss = self.iss
        for st in steps:
            e = st.event
            kind = st.kind
            host = st.host
            if kind == "arrive":
                arrive_step[e] = st.index
            else:
                if first_step[e] < 0:
                    first_step[e] = st.index
                if st.role is not None:
                    role[e] = st.role
            if kind == "timeout":
                ev = events[e]
                start = None
                if ev.timer is Timer.TIME_WAIT:
                    start = tw_since[host]
                elif ev.timer is Timer.KEEPALIVE:
                    start = last_active[host]
                else:
                    start = last_send[host]
                if start is not None and start < st.time:
                    self.bracket[e] = start
            if kind == "send":
                last_send[host] = st.time
                last_active[host] = st.time
            elif kind == "arrive":
                last_active[host] = st.time
            states = st.states
            for i, h in ((0, "A"), (1, "B")):
                s = states[i]
                if s is not cur[i]:
                    lst = intervals[h]
                    lst[-1].t1 = st.time
                    lst.append(StateInterval(st.time, INF, s, st.index))
                    cur[i] = s
                    if s is State.TIME_WAIT:
                        tw_since[h] = st.time
                    elif tw_since[h] is not None:
                        tw_since[h] = None
            if iss_missing:
                for i, h in ((0, "A"), (1, "B")):
                    if iss[h] is None:
                        tcb = st.tcb[i]
                        if tcb is not None and tcb[0] is not None:
                            iss[h] = tcb[0]
                            iss_missing -= 1
            # a host in TIME-WAIT whose 2MSL restarts (a retransmitted FIN) keeps tw_since: fine
        self.intervals = intervals

        for f in result.findings:
            if 0 <= f.step < len(steps):
                self.findings_by_step.setdefault(f.step, []).append(f)
                self.findings.setdefault(steps[f.step].event, []).append(f)
        self.worst = {e: worst(fs) for e, fs in self.findings.items()}

        # ---- flight time, times, index -------------------------------------------------------
        flights = []
        for ev in events:
            if isinstance(ev, Segment) and ev.arrive_time is not None and not ev.old_duplicate:
                d = ev.arrive_time - ev.send_time
                if d > 0:
                    flights.append(d)
                    if len(flights) >= 4000:
                        break
        self.flight = median(flights) if flights else None

        times = []
        lo = [0.0] * n
        hi = [0.0] * n
        is_seg = [False] * n
        for i, ev in enumerate(events):
            if isinstance(ev, Segment):
                is_seg[i] = True
                t0 = ev.send_time
                times.append(t0)
                t1 = ev.arrive_time
                if t1 is None:
                    lo[i] = t0
                    hi[i] = t0
                else:
                    times.append(t1)
                    lo[i] = min(t0, t1)
                    hi[i] = max(t0, t1)
            else:
                t = ev.time
                times.append(t)
                lo[i] = self.bracket.get(i, t)
                hi[i] = t
        self.times = sorted(set(times))
        # Segments that leave (or reach) a host at the very same instant would be drawn on top
        # of each other: the second one gets slot 1 (drawn a little lower), and so on.
        self.send_slot: dict[int, int] = {}
        self.arrive_slot: dict[int, int] = {}
        seen_send: dict[tuple, int] = {}
        seen_arrive: dict[tuple, int] = {}
        for i, ev in enumerate(events):
            if isinstance(ev, Segment):
                key = (ev.sender, ev.send_time)
                k = seen_send.get(key, 0)
                if k:
                    self.send_slot[i] = k
                seen_send[key] = k + 1
                if ev.arrive_time is not None:
                    key = (ev.sender, ev.arrive_time)
                    k = seen_arrive.get(key, 0)
                    if k:
                        self.arrive_slot[i] = k
                    seen_arrive[key] = k + 1
        # segments in flight, for "is anything crossing this gap?" (the axis never folds those)
        sends = [(ev.send_time, ev.arrive_time) for ev in events
                 if isinstance(ev, Segment) and ev.arrive_time is not None and ev.arrive_time > ev.send_time]
        sends.sort()
        self._flight_starts = [float(a) for a, _ in sends]
        self._flight_reach = list(accumulate((float(b) for _, b in sends), max))
        self.lo = lo
        self.hi = hi
        self.is_seg = is_seg
        self.segment_count = sum(is_seg)
        order = sorted(range(n), key=lambda i: (first_step[i] if first_step[i] >= 0 else 1 << 60, i))
        self.order = order  # events in processing order (keyboard navigation)
        self.rank = {e: r for r, e in enumerate(order)}

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
