"""Bounded search for a placement of arrivals and losses that RFC 9293 can explain.

The greedy placement (``trainer.capture.infer``) follows the ACK evidence; when the engine still
finds an error, the cause is usually a segment just before the first error that crossed another
in flight, arrived later than the evidence showed, or was lost. As netsem's checker does, we
search over those choices, but boundedly: best-first over placements, always expanding the one
whose first error is latest, changing one segment at a time among the ``WINDOW`` segments before
that error, until a placement is valid or the budget is spent. Each candidate is replayed only up
to a little past the error it is trying to move (``LOOKAHEAD``), so a long connection does not
cost a full replay per try.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.capture.connections import CapturedConnection, Packet
from trainer.capture.infer import Placement, build_trace
from trainer.engine.checker import check
from trainer.engine.findings import Severity
from trainer.engine.result import CheckResult
from trainer.engine.trace import Trace

WINDOW = 10  # segments before the first error whose placement may change
LOOKAHEAD = 24  # segments replayed past the error being moved
MAX_ATTEMPTS = 160  # placements tried per connection
MAX_WORK = 400_000  # segments replayed per connection, all attempts together
MAX_CHANGES = 4  # segments whose placement differs from the greedy one
OVERTAKEN_WINDOW = 5  # segments before the error that may have been overtaken by their sender's next


@dataclass(slots=True)
class Found:
    trace: Trace | None
    result: CheckResult | None
    placement: Placement | None
    attempts: int


def first_error(result: CheckResult, n: int) -> int:
    """The segment of the first error (``n`` when there is none)."""
    steps = result.steps
    for finding in result.findings:  # in step order
        if finding.severity is Severity.ERROR:
            if finding.segment is not None:
                return finding.segment
            if 0 <= finding.step < len(steps) and steps[finding.step].segment is not None:
                return steps[finding.step].segment
            return 0
    return n


def _candidates(packets: Sequence[Packet], placement: Placement, error: int,
                floors: dict[int, int]) -> list[tuple]:
    """One-segment changes among the segments before (and at) the error: (index, after, lost).
    A segment never arrives before the receiver's send named by its floor (if any)."""
    out = []
    overtaken = []
    for j in range(error, max(-1, error - WINDOW - 1), -1):
        receiver = 1 - packets[j][2]
        after, lost = placement.after[j], placement.lost[j]
        if lost:
            out.append((j, None, False))
            continue
        out.append((j, None, True))
        position = j if after is None else max(j, after)
        if after is not None:
            out.append((j, None, False))
        # Later: after one of the receiver's sends up to and including the error.
        later = [r for r in range(position + 1, error + 1) if packets[r][2] == receiver]
        for r in later[:2] + later[-1:]:
            out.append((j, r, False))
        # Overtaken on the way by one of the next segments of its own sender: it arrived just
        # after that one, between the same two sends of the receiver (tried last, and only
        # close to the error: what it explains is a reply to the late one).
        if j < error - OVERTAKEN_WINDOW:
            continue
        sender = packets[j][2]
        overtakers = [m for m in range(j + 1, error + 1)
                      if packets[m][2] == sender and not placement.lost[m]]
        for m in overtakers[:2]:
            overtaken.append((j, m, False))
    out += overtaken
    seen = set()
    unique = []
    for c in out:
        floor = floors.get(c[0])
        if floor is not None and not c[2] and (c[1] is None or c[1] < floor):
            c = (c[0], floor, False)
        if c not in seen and (placement.after[c[0]], placement.lost[c[0]]) != (c[1], c[2]):
            seen.add(c)
            unique.append(c)
    return unique


def search_placement(conn: CapturedConnection, origin: float, packets: Sequence[Packet],
                     greedy: Placement, greedy_result: CheckResult,
                     floors: dict[int, int] | None = None) -> Found:
    n = len(packets)
    start_error = first_error(greedy_result, n)
    attempts = 0
    work = 0
    best_error, best = start_error, greedy
    counter = 0
    queue = [(-start_error, 0, counter, greedy)]
    seen = {_key(greedy, greedy)}
    while queue and attempts < MAX_ATTEMPTS and work < MAX_WORK:
        neg_error, changes, _, placement = heapq.heappop(queue)
        error = -neg_error
        if changes >= MAX_CHANGES:
            continue
        for j, after, lost in _candidates(packets, placement, error, floors or {}):
            if attempts >= MAX_ATTEMPTS or work >= MAX_WORK:
                break
            candidate = placement.copy()
            candidate.after[j], candidate.lost[j] = after, lost
            key = _key(candidate, greedy)
            if key in seen:
                continue
            seen.add(key)
            limit = min(n, error + LOOKAHEAD + 1)
            trace, _ = build_trace(conn, origin, packets[:limit], _prefix(candidate, limit))
            result = check(trace)
            attempts += 1
            work += limit
            found_error = first_error(result, limit)
            if found_error >= limit:  # clean up to the horizon: try the whole connection
                if limit < n:
                    trace, _ = build_trace(conn, origin, packets, candidate)
                    result = check(trace)
                    work += n
                    found_error = first_error(result, n)
                if found_error >= n:
                    return Found(trace, result, candidate, attempts)
            if found_error > error or (found_error == error and changes == 0):
                counter += 1
                heapq.heappush(queue, (-found_error, changes + 1, counter, candidate))
                if found_error > best_error:
                    best_error, best = found_error, candidate
    if best is greedy:
        return Found(None, None, None, attempts)
    trace, _ = build_trace(conn, origin, packets, best)
    return Found(trace, check(trace), best, attempts)


def _prefix(placement: Placement, limit: int) -> Placement:
    """The first ``limit`` segments; one that arrives after the horizon does not arrive in it."""
    after = placement.after[:limit]
    lost = placement.lost[:limit]
    beyond = [j for j, a in enumerate(after) if a is not None and a >= limit]
    if beyond:
        after, lost = list(after), list(lost)
        for j in beyond:
            after[j], lost[j] = None, True
    return Placement(after, lost)


def _key(placement: Placement, greedy: Placement) -> tuple:
    return tuple((j, placement.after[j], placement.lost[j])
                 for j in range(len(placement.after))
                 if (placement.after[j], placement.lost[j]) != (greedy.after[j], greedy.lost[j]))
