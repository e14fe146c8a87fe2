"""From one vantage point to two hosts: infer when each captured segment arrived, or that it
was lost, so that the engine can replay the connection.

A capture taken at one host shows that host's sends before the network and the other host's
segments after it; a capture taken in the middle shows both in flight. Either way the capture
order is not the order in which each host saw things. What a host had received when it sent a
segment is written in that segment: its ACK field (RFC 9293 3.4: every segment carries
RCV.NXT). So:

1. **Data, SYN and FIN** (they occupy sequence space) from X reached Y before the first segment
   Y sent that acknowledges them, and after every segment Y sent whose ACK stops inside them
   (Y had not received them yet: the segments crossed in flight). If X sends them again before
   Y acknowledges them, the first copy was lost (the retransmission shows it did not get
   through).
2. **An acknowledgment** from Y (any segment with ACK) had not reached X when X retransmits data
   that the acknowledgment already covers (3.10.7.4: acknowledged data leaves the retransmission
   queue). If Y acknowledges as much again later, that first acknowledgment was lost; otherwise
   it arrived after the retransmission.
3. Everything else arrives as soon as it can: before the receiver's next send.
4. **A RST from CLOSED** (without ACK, inside what its sender sent: ``closing_resets``)
   answers the arrival of a segment whose ACK field is its SEG.SEQ (3.10.7.1), after the host
   closed: its ABORT, or the arrival of the peer's RST after its last other send.

The result is a placement: for each segment, lost, or the capture index of the receiver's send
it arrived after. ``search_placement`` tries other placements (bounded) when the engine finds
the greedy one impossible. Arrival times are then chosen between the receiver's sends (half way),
so the diagram keeps the order the evidence requires; send times are the capture's.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from trainer.capture.connections import CapturedConnection, Packet
from trainer.engine.trace import Flag, HostSpec, Segment, Trace

_SYN, _FIN, _RST, _ACK, _URG = 0x02, 0x01, 0x04, 0x10, 0x20
_MASK = 0xFFFFFFFF
_HALF = 0x80000000
#: Capture timestamps are made strictly increasing by at least this much, so that an inferred
#: arrival always fits strictly between two sends.
TIME_STEP = 1e-9
_WSCALE_MAX = 14
_OLD_DUPLICATE = 2  # connections.OLD_DUPLICATE (record marks)
_FLAGS = [Flag(bits) for bits in range(256)]  # Flag(bits) is an enum call: slow per packet


@dataclass(slots=True)
class Placement:
    """Where each segment arrived: ``after[j]`` is the capture index of the receiver's send the
    segment arrived after (``None``: before the receiver's next send), or of a later segment
    of its own sender that overtook it on the way (it arrived just after that one); ``lost[j]``
    says it never arrived."""

    after: list[int | None]
    lost: list[bool]

    def copy(self) -> Placement:
        return Placement(list(self.after), list(self.lost))


@dataclass(slots=True)
class Unwrapped:
    """Per-packet sequence numbers unwrapped to plain integers (no modulo 2**32), per direction."""

    seq: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)  # seq + SEG.LEN
    ack: list[int | None] = field(default_factory=list)  # in the other direction's space


def seg_len(p: Packet) -> int:
    flags = p[3]
    return p[8] + (1 if flags & _SYN else 0) + (1 if flags & _FIN else 0)


def unwrap(packets: Sequence[Packet]) -> Unwrapped:
    out = Unwrapped()
    ref: list[int | None] = [None, None]  # running reference per sequence space (direction)

    def unwrapped(space: int, value: int) -> int:
        r = ref[space]
        if r is None:
            u = value
        else:
            u = r + ((value - r + _HALF) & _MASK) - _HALF
        ref[space] = u
        return u

    for p in packets:
        d = p[2]
        s = unwrapped(d, p[4])
        out.seq.append(s)
        out.end.append(s + seg_len(p))
        out.ack.append(unwrapped(1 - d, p[5]) if p[3] & _ACK else None)
    return out


def greedy_placement(packets: Sequence[Packet], u: Unwrapped | None = None,
                     floors: dict[int, int] | None = None) -> Placement:
    """Rules 1–4 of the module docstring; ``floors`` (from ``restore_send_order``) maps a
    segment to the receiver's send it arrived after at the earliest."""
    n = len(packets)
    if u is None:
        u = unwrap(packets)
    after: list[int | None] = [None] * n
    lost = [False] * n
    directions = [p[2] for p in packets]
    # Sends with an ACK field, per direction, and the largest ACK from each index on.
    acks_by_dir: list[list[int]] = [[], []]
    bare_resets = False  # any RST without ACK (see rule 4)
    for i, p in enumerate(packets):
        if u.ack[i] is not None:
            if not p[3] & _RST:
                acks_by_dir[p[2]].append(i)
        elif p[3] & _RST:
            bare_resets = True
    suffix_max = [_suffix([u.ack[i] for i in acks_by_dir[d]], max) for d in (0, 1)]
    # Retransmissions per direction: (index, end), for rules 1 and 2.
    retx: list[list[int]] = [[], []]
    highest: list[int | None] = [None, None]
    for i, p in enumerate(packets):
        d = directions[i]
        length = u.end[i] - u.seq[i]
        if length <= 0 or p[3] & _RST:
            continue
        top = highest[d]
        if top is not None and u.seq[i] < top:
            keepalive = not p[3] & (_SYN | _FIN) and p[8] <= 1 and u.seq[i] == top - 1 \
                and u.end[i] <= top
            if not keepalive:
                retx[d].append(i)
        if top is None or u.end[i] > top:
            highest[d] = u.end[i]

    # The smallest end among each direction's retransmissions from each one on (rule 2).
    retx_suffix_min = [_suffix([u.end[r] for r in retx[d]], min) for d in (0, 1)]
    trees: list[_MaxTree | None] = [None, None]  # built when a long scan needs one

    def ack_tree(d: int) -> _MaxTree:
        tree = trees[d]
        if tree is None:
            tree = trees[d] = _MaxTree([u.ack[i] for i in acks_by_dir[d]])
        return tree

    # Rule 1's "sent again": the first retransmission after each segment that holds its first
    # octet, found by a sweep when there are too many retransmissions to scan for each segment.
    resent_at = [None if len(retx[d]) <= _RETX_SCAN else _first_resent(packets, u, retx[d], d)
                 for d in (0, 1)]

    covered_by: list[int | None] = [None] * n
    for j, p in enumerate(packets):
        flags = p[3]
        if flags & _RST:
            continue
        x = directions[j]
        y = 1 - x
        length = u.end[j] - u.seq[j]
        if length > 0:
            covered_by[j] = _place_sequence_space(j, x, y, flags, u, acks_by_dir[y],
                                                  suffix_max[y], retx[x], after, lost,
                                                  lambda y=y: ack_tree(y), resent_at[x])
        if u.ack[j] is not None and not lost[j]:
            _place_acknowledgment(j, u, retx[y], retx_suffix_min[y], acks_by_dir[x],
                                  suffix_max[x], after, lost)
    for j, floor in (floors or {}).items():
        if not lost[j] and (after[j] is None or after[j] < floor):
            after[j] = floor
    answers = _place_reset_answers(packets, u, directions, acks_by_dir, after, lost) \
        if bare_resets else None
    _keep_send_order(packets, directions, after, lost, covered_by, floors, answers)
    return Placement(after, lost)


def closing_resets(packets: Sequence[Packet], u: Unwrapped) -> list[int]:
    """The RSTs that show their sender CLOSED: without ACK, at a SEG.SEQ inside what it sent
    (ISS+1 up to the end of its data, its SYN captured). A host sends a RST without ACK from
    CLOSED, answering a segment with ACK (<SEQ=SEG.ACK><CTL=RST>, RFC 9293 3.5.2 group 1,
    3.10.7.1); in a non-synchronized state, only for an unacceptable ACK, one that
    acknowledges something not yet sent (group 2): never ISS+1, the only acceptable one there,
    and never more, which a conforming peer acknowledges only once it was sent, when its sender
    was synchronized; and in a synchronized state it answers with an ACK (group 3), the ABORT
    call excepted (3.10.5, <SEQ=SND.NXT><CTL=RST>), after which it is CLOSED too."""
    iss, top, _ = _send_extents(packets, u)
    return [k for k, p in enumerate(packets)
            if p[3] & (_RST | _ACK) == _RST and _inside(iss, top, p[2], u.seq[k])]


def _send_extents(packets: Sequence[Packet], u: Unwrapped) -> tuple[list, list, list]:
    """Per direction, from its segments but RSTs: the ISS (its first SYN's SEG.SEQ), the end of
    all it sent, and the end of its (last) FIN; ``None`` where the capture shows none."""
    iss: list[int | None] = [None, None]
    top: list[int | None] = [None, None]
    fin_end: list[int | None] = [None, None]
    for k, p in enumerate(packets):
        flags = p[3]
        if flags & _RST:
            continue
        d = p[2]
        if flags & _FIN:
            fin_end[d] = u.end[k]
        if flags & _SYN and iss[d] is None:
            iss[d] = u.seq[k]
        if top[d] is None or u.end[k] > top[d]:
            top[d] = u.end[k]
    return iss, top, fin_end


def _inside(iss: list, top: list, d: int, seq: int) -> bool:
    """Is ``seq`` inside what direction ``d`` sent after its SYN (ISS+1 up to its end)?"""
    return iss[d] is not None and iss[d] < seq <= top[d]


def _suffix(values: list, pick) -> list:
    """``pick`` (``max`` or ``min``) of ``values[i:]``, for every ``i``."""
    out = list(accumulate(reversed(values), pick))
    out.reverse()
    return out


def _place_reset_answers(packets, u, directions, acks_by_dir, after, lost) -> set[int]:
    """Rule 4: a host that sends RSTs from CLOSED (``closing_resets``) was closed before the
    first of them, and each answers the arrival of a segment of its peer whose ACK field is its
    SEG.SEQ (3.10.7.1). So when the host did not abort itself (its ABORT's RST would come
    first: ``restore_send_order`` puts it there), the peer's first RST, sent before them,
    arrived after the host's last other send. Each of those RSTs takes a segment of the peer
    sent before it, the latest not taken by a later RST (so that the answers keep their sending
    order), and has it arrive after the host's send before the RST, and after the peer's RST
    that closed the host if it was sent before that one; a pure ACK rule 2 took for lost
    (its ACK was sent again) is taken too: it arrived, after the retransmissions it missed.
    Returns the segments placed so: they
    were overtaken on the way by later segments of their sender, so they hold none of those
    back (``_keep_send_order``)."""
    placed: set[int] = set()
    closing = closing_resets(packets, u)
    if not closing:
        return placed
    is_closing = set(closing)
    by_ack: dict[tuple[int, int], list[int]] = {}
    for d in (0, 1):
        for i in acks_by_dir[d]:  # in order; without RSTs
            # rule 2 takes an ACK for lost when its receiver retransmitted what it covers and
            # it was sent again; arriving after the close is after those retransmissions too
            if not packets[i][3] & _SYN and (not lost[i] or u.end[i] == u.seq[i]):
                by_ack.setdefault((d, u.ack[i]), []).append(i)
    previous_send: dict[int, int | None] = {}
    last_send: list[int | None] = [None, None]
    first_rst: list[int | None] = [None, None]  # each direction's first RST
    closer: list[int | None] = [None, None]  # the peer's RST that closed it
    for k, d in enumerate(directions):
        if k in is_closing:
            previous_send[k] = last_send[d]
            if first_rst[d] is None and previous_send[k] is not None:
                # the host's first RST is from CLOSED: the peer's first RST closed it
                rst = first_rst[1 - d]
                if rst is not None and not lost[rst]:
                    closer[d] = rst
                    begin = rst if after[rst] is None else after[rst]
                    if begin < previous_send[k]:
                        after[rst] = previous_send[k]
        if packets[k][3] & _RST and first_rst[d] is None:
            first_rst[d] = k
        last_send[d] = k
    for r in reversed(closing):
        x = directions[r]
        prev = previous_send[r]
        found = by_ack.get((1 - x, u.seq[r]))
        if prev is None or not found:
            continue
        i = bisect_right(found, r) - 1
        rst = closer[x]
        while i >= 0:
            j = found[i]
            a = after[j]
            begin = j if a is None else a  # it arrived after this send
            if begin >= r:
                i -= 1  # arrives after the RST: not its answer
                continue
            if lost[j]:
                lost[j] = False
                after[j] = None
                begin = j
            target = max(begin, prev)
            if rst is not None and j < rst:
                closed = rst if after[rst] is None else after[rst]
                if target <= closed < r:  # the host closed on the way: after that
                    target = rst
            if target != begin:
                after[j] = target
                placed.add(j)
            break
        # earlier RSTs take earlier segments; those passed over arrive too late for them too
        del found[max(i, 0):]
    return placed


def _keep_send_order(packets, directions, after, lost, covered_by, floors,
                     answers=None) -> None:
    """A segment does not overtake an earlier one from the same sender unless the evidence says
    it arrived first (an ACK covering it was sent before the earlier one arrived), or the
    capture does: a segment put back before others of its sender (``restore_send_order``) was
    overtaken by them, so where its floor places it holds back only the segments captured
    after it."""
    last: list[int | None] = [None, None]
    held: list[_PrefixMax | None] = [None, None]  # after of floored segments, by capture frame
    frames = None
    for j, d in enumerate(directions):
        if lost[j]:
            continue
        previous = last[d]
        if held[d] is not None:
            a = held[d].below(frames[j])
            if a is not None and (previous is None or a > previous):
                previous = a
        if previous is not None and (after[j] is None or after[j] < previous):
            cover = covered_by[j]
            if (cover is None or cover > previous) and previous > j:
                after[j] = previous
        if after[j] is not None:
            if floors and j in floors:
                if frames is None:  # capture order: the rank of each segment's frame number
                    rank = {f: r for r, f in enumerate(sorted({p[0] for p in packets}))}
                    frames = [rank[p[0]] for p in packets]
                if held[d] is None:
                    held[d] = _PrefixMax(len(packets))
                held[d].add(frames[j], after[j])
            elif not answers or j not in answers:
                last[d] = after[j] if last[d] is None else max(last[d], after[j])


class _PrefixMax:
    """The largest value added at a position below a given one (a Fenwick tree): the latest
    floor among the segments captured before this one, in O(log n)."""

    __slots__ = ("tree",)

    def __init__(self, n: int) -> None:
        self.tree: list[int | None] = [None] * (n + 1)

    def add(self, position: int, value: int) -> None:
        tree = self.tree
        i = position + 1
        while i < len(tree):
            if tree[i] is None or tree[i] < value:
                tree[i] = value
            i += i & -i

    def below(self, position: int) -> int | None:
        tree = self.tree
        best = None
        i = position  # positions 0 .. position-1
        while i > 0:
            v = tree[i]
            if v is not None and (best is None or v > best):
                best = v
            i -= i & -i
        return best


class _MaxTree:
    """Maximum over positions of a list (a segment tree), to find the first position from
    ``lo`` holding at least ``x`` and the last one in ``[lo, hi)``, in O(log n)."""

    __slots__ = ("size", "tree")

    def __init__(self, values: list[int]) -> None:
        size = 1
        while size < max(1, len(values)):
            size *= 2
        tree: list = [-math.inf] * (2 * size)  # padding matches no query
        tree[size:size + len(values)] = values
        for i in range(size - 1, 0, -1):
            tree[i] = max(tree[2 * i], tree[2 * i + 1])
        self.size = size
        self.tree = tree

    def first_at_least(self, lo: int, x: int) -> int | None:
        return self._first(1, 0, self.size, lo, x)

    def last_at_least(self, lo: int, hi: int, x: int) -> int | None:
        return self._last(1, 0, self.size, lo, hi, x)

    def _first(self, node, left, right, lo, x):
        if right <= lo or self.tree[node] < x:
            return None
        if right - left == 1:
            return left
        middle = (left + right) // 2
        found = self._first(2 * node, left, middle, lo, x)
        return found if found is not None else self._first(2 * node + 1, middle, right, lo, x)

    def _last(self, node, left, right, lo, hi, x):
        if right <= lo or left >= hi or self.tree[node] < x:
            return None
        if right - left == 1:
            return left
        middle = (left + right) // 2
        found = self._last(2 * node + 1, middle, right, lo, hi, x)
        return found if found is not None else self._last(2 * node, left, middle, lo, hi, x)


#: ACKs looked at one by one before a segment tree takes over (rule 1), and the most
#: retransmissions a direction may have for rule 1 to scan them for each segment (with more, a
#: sweep finds every segment's first copy at once: ``_first_resent``).
_SCAN = 48
_RETX_SCAN = 32


def _first_resent(packets, u, retransmissions, d) -> dict[int, int]:
    """For every segment of direction ``d`` occupying sequence space (RSTs aside), the first of
    ``retransmissions`` after it that holds its first octet (segments without one left out)."""
    queries = [j for j, p in enumerate(packets)
               if p[2] == d and u.end[j] > u.seq[j] and not p[3] & _RST]
    return _first_covering(packets, u, retransmissions, queries)


def _first_covering(packets, u, intervals: list[int], queries: list[int]) -> dict[int, int]:
    """For each of ``queries`` (capture indices, increasing), the first of ``intervals``
    (increasing) after it whose ``[seq, end)`` holds the query's first octet. A sweep from the
    last query back adds each interval as it is passed to a tree over the sequence space that
    keeps the smallest index covering each point: O(n log n)."""
    bounds = sorted({b for r in intervals for b in (u.seq[r], u.end[r])})
    tree = _MinCover(len(bounds))
    out: dict[int, int] = {}
    pending = len(intervals) - 1
    for j in reversed(queries):
        while pending >= 0 and intervals[pending] > j:
            r = intervals[pending]
            tree.add(bisect_left(bounds, u.seq[r]), bisect_left(bounds, u.end[r]), r)
            pending -= 1
        point = bisect_right(bounds, u.seq[j]) - 1
        if 0 <= point < len(bounds) - 1:
            first = tree.at(point)
            if first is not None:
                out[j] = first
    return out


class _MinCover:
    """Smallest value over the ranges added that cover a position (range update, point query)."""

    __slots__ = ("size", "tree")

    def __init__(self, n: int) -> None:
        size = 1
        while size < max(1, n):
            size *= 2
        self.size = size
        self.tree: list[int | None] = [None] * (2 * size)

    def add(self, lo: int, hi: int, value: int) -> None:
        """Positions ``lo`` to ``hi - 1``."""
        tree = self.tree
        lo += self.size
        hi += self.size
        while lo < hi:
            if lo & 1:
                if tree[lo] is None or value < tree[lo]:
                    tree[lo] = value
                lo += 1
            if hi & 1:
                hi -= 1
                if tree[hi] is None or value < tree[hi]:
                    tree[hi] = value
            lo //= 2
            hi //= 2

    def at(self, position: int) -> int | None:
        tree = self.tree
        i = position + self.size
        best = None
        while i:
            v = tree[i]
            if v is not None and (best is None or v < best):
                best = v
            i //= 2
        return best


def _place_sequence_space(j, x, y, flags, u, acks, suffix, retransmissions, after, lost,
                          tree=None, resent_at=None):
    """Rule 1 for segment ``j`` from ``x``: find the receiver's first covering ACK, and the
    last of its ACKs before that one that stops inside the segment (they crossed)."""
    seq = u.seq[j]
    cover = seq + 1 if flags & _SYN else u.end[j]  # data on a SYN may legitimately be dropped
    k = bisect_right(acks, j)  # the receiver's first ACK-carrying send after j
    covering = None
    contradicting = None
    ack = u.ack
    n_acks = len(acks)
    if k < n_acks and suffix[k] >= cover:
        stop = min(n_acks, k + _SCAN)
        p = k
        while p < stop:
            a = ack[acks[p]]
            if a >= cover:
                covering = acks[p]
                break
            if a >= seq:
                contradicting = acks[p]
            p += 1
        else:  # not found nearby: the tree finds it and the last crossing ACK before it
            t = tree()
            found = t.first_at_least(stop, cover)
            covering = acks[found]
            crossing = t.last_at_least(stop, found, seq)
            if crossing is not None:
                contradicting = acks[crossing]
    else:
        # Never acknowledged (every ACK from k on is below cover): the latest one that
        # reaches into the segment.
        lowest = max(k, n_acks - _SCAN)
        for p in range(n_acks - 1, lowest - 1, -1):
            if ack[acks[p]] >= seq:
                contradicting = acks[p]
                break
        else:
            if lowest > k:
                found = tree().last_at_least(k, lowest, seq)
                if found is not None:
                    contradicting = acks[found]
    if resent_at is None:
        resent = None
        for r in retransmissions[bisect_right(retransmissions, j):]:
            if covering is not None and r > covering:
                break
            if u.seq[r] <= seq < u.end[r]:
                resent = r
                break
    else:
        resent = resent_at.get(j)
    if resent is not None and (covering is None or resent <= covering):
        lost[j] = True  # sent again before anything acknowledged it
        after[j] = None
        return covering
    if contradicting is not None:
        after[j] = contradicting
    return covering


def _place_acknowledgment(j, u, receiver_retx, retx_suffix_min, same_dir_acks, same_dir_max,
                          after, lost):
    """Rule 2 for segment ``j`` carrying ACK ``u.ack[j]``: did its receiver retransmit what it
    acknowledges after it was sent? ``retx_suffix_min`` and ``same_dir_max`` (smallest end of
    the receiver's retransmissions, largest ACK of the sender's sends, from each position on)
    turn both scans into searches."""
    a = u.ack[j]
    start = bisect_right(receiver_retx, j)
    # The last retransmission after j that the ACK covers: the smallest ends from each position
    # on never decrease, so it is the last position whose suffix minimum is <= a.
    last_at = bisect_right(retx_suffix_min, a) - 1
    if last_at < start:
        return
    last = receiver_retx[last_at]
    if u.end[j] - u.seq[j] == 0:
        k = bisect_right(same_dir_acks, last)
        if k < len(same_dir_acks) and same_dir_max[k] >= a:
            lost[j] = True  # acknowledged as much again later: this one did not get through
            after[j] = None
            return
    current = after[j]
    if current is None or last > current:
        after[j] = last


# ---- the trace ----------------------------------------------------------------------------------

def strictly_increasing(times: Sequence[float], origin: float) -> list[float]:
    out = []
    previous = None
    for t in times:
        t = t - origin
        if previous is not None and t < previous + TIME_STEP:
            t = previous + TIME_STEP
        out.append(t)
        previous = t
    return out


def arrival_times(packets: Sequence[Packet], times: Sequence[float],
                  placement: Placement) -> list[float | None]:
    """When each segment arrived: a one-way delay after the earliest moment the evidence allows,
    but never later than half way to the receiver's next send (so the order stays as placed).

    The delay is estimated per direction from how soon the receiver sent something after a
    segment (the lower quartile of those gaps, halved): a capture taken at host A sees B's
    segments when they arrive (small gaps: A answers at once) and its own long before B
    answers (gaps of a round trip), so each direction gets the delay that fits the vantage."""
    n = len(packets)
    # next_send[d][i]: capture index of direction d's first send at or after i (n if none)
    next_send = [[n] * (n + 1), [n] * (n + 1)]
    for d in (0, 1):
        nxt = n
        col = next_send[d]
        for i in range(n - 1, -1, -1):
            if packets[i][2] == d:
                nxt = i
            col[i] = nxt
    bounds = []  # (j, direction, lower, upper or None)
    gaps: list[list[float]] = [[], []]
    behind: list[int] = []  # segments that arrived just after a later one of their sender
    for j, p in enumerate(packets):
        if placement.lost[j]:
            continue
        d = p[2]
        a = placement.after[j]
        if a is not None and a > j and packets[a][2] == d and not placement.lost[a]:
            behind.append(j)
            continue
        start = j if a is None else max(j, a)
        lower = times[start]
        k = next_send[1 - d][start + 1]
        upper = times[k] if k < n else None
        if upper is not None and placement.after[j] is None:
            gaps[d].append(upper - lower)
        bounds.append((j, d, lower, upper))
    delay = []
    for d in (0, 1):
        g = sorted(gaps[d] or gaps[1 - d] or [0.0])
        delay.append(g[len(g) // 4] / 2)
    out: list[float | None] = [None] * n
    limit: list[float | None] = [None] * n  # the receiver's next send after each arrival
    for j, d, lower, upper in bounds:
        step = delay[d]
        if upper is not None:
            step = min(step, (upper - lower) / 2)
        out[j] = lower + step
        limit[j] = upper
    slot: dict[int, float] = {}  # per overtaker: the latest arrival placed just after it
    for j in reversed(behind):  # the later one's arrival is known first
        a = placement.after[j]
        previous = slot.get(a, out[a])
        upper = limit[a]
        # half way to the receiver's next send: still before it, however close it is
        out[j] = previous + TIME_STEP if upper is None else (previous + upper) / 2
        slot[a] = out[j]
        limit[j] = upper
    return out


def build_trace(conn: CapturedConnection, origin: float, packets: Sequence[Packet] | None = None,
                placement: Placement | None = None) -> tuple[Trace, Placement]:
    """The connection as an engine trace (times in seconds since ``origin``), with every arrival
    and loss explicit."""
    if packets is None:
        packets = list(conn.packets())
    if placement is None:
        placement = greedy_placement(packets)
    times = strictly_increasing([p[1] for p in packets], origin)
    arrivals = arrival_times(packets, times, placement)
    trace = Trace(hosts={"A": HostSpec(address=conn.endpoints[0]),
                         "B": HostSpec(address=conn.endpoints[1])})
    events = trace.events
    for j, p in enumerate(packets):
        flags = p[3]
        options = None
        if flags & _SYN:
            options = {}
            if p[9]:
                options["mss"] = p[9]
            if p[10] != 255:
                options["wscale"] = min(p[10], _WSCALE_MAX)
            if p[11]:
                options["sack_permitted"] = True
            options = options or None
        events.append(Segment(
            "A" if p[2] == 0 else "B", times[j], arrivals[j], _FLAGS[flags], p[4],
            p[5] if flags & _ACK else None, p[6], p[8], None,
            p[7] if flags & _URG else None, bool(p[12] & _OLD_DUPLICATE), options))
    return trace, placement


def placement_notes(packets: Sequence[Packet], placement: Placement,
                    u: Unwrapped | None = None) -> list[dict]:
    """What was inferred, for ``inferred`` in reports: losses and late arrivals."""
    notes: list[dict] = []
    if not any(placement.lost) and all(a is None for a in placement.after):
        return notes
    if u is None:
        u = unwrap(packets)
    reasons = _loss_reasons(packets, u, [j for j, lost in enumerate(placement.lost) if lost])
    for j, p in enumerate(packets):
        if placement.lost[j]:
            notes.append({"segment": j, "frame": p[0], "event": "lost", "reason": reasons[j]})
        elif placement.after[j] is not None and placement.after[j] > j:
            notes.append({"segment": j, "frame": p[0], "event": "arrived-after",
                          "after": placement.after[j]})
    return notes


def _loss_reasons(packets: Sequence[Packet], u: Unwrapped, lost: list[int]) -> dict[int, str]:
    """Why each loss was inferred: the segment was sent again ("resent": a later segment of its
    sender holds its first octet), or (an acknowledgment) its receiver later sent data that it
    covered ("acked-again"). Otherwise the search chose it ("search")."""
    if not lost:
        return {}
    occupying = [[r for r, p in enumerate(packets) if p[2] == d and u.end[r] > u.seq[r]]
                 for d in (0, 1)]
    resent = [_first_covering(packets, u, occupying[d],
                              [j for j in lost if packets[j][2] == d and u.end[j] > u.seq[j]])
              for d in (0, 1)]
    # The smallest end of each direction's segments with data from each capture index on.
    smallest_end = [_suffix([u.end[r] if p[2] == d and u.end[r] > u.seq[r] else math.inf
                             for r, p in enumerate(packets)] + [math.inf], min)
                    for d in (0, 1)]
    out = {}
    for j in lost:
        d = packets[j][2]
        if j in resent[d]:
            out[j] = "resent"
        elif u.ack[j] is not None and smallest_end[1 - d][j + 1] <= u.ack[j]:
            out[j] = "acked-again"
        else:
            out[j] = "search"
    return out


# ---- sends the capture saw out of order ---------------------------------------------------------

#: How far back (a sender's segments, in the order restored so far) the search for the segments
#: that overtook one may go. The search stops earlier, at the first segment that shows nothing
#: before it can have been sent after the one being placed (see ``restore_send_order``), so this
#: only bounds the work on input that no sending order explains.
REORDER_WINDOW = 2048
#: Segments looked at by those searches, per segment of the connection (all searches together,
#: plus ``REORDER_WORK_MIN``): real reordering costs a few each; a capture in reverse order
#: would cost ``REORDER_WINDOW`` each. Once spent, the rest stays in capture order.
REORDER_WORK = 64
REORDER_WORK_MIN = 65_536


def restore_send_order(packets: Sequence[Packet],
                       u: Unwrapped | None = None) -> tuple[list[Packet], list[dict], dict]:
    """Put back in sending order the segments the network reordered before the capture saw them.

    A sender's new data goes out in sequence order, its ACK field never goes back (3.4: ACK =
    RCV.NXT, which only grows), and a segment without data or FIN carries SEG.SEQ = SND.NXT
    (3.8.4 aside: a keep-alive is at SND.NXT-1), which only grows too. So when the capture shows
    a sender's segment that was sent earlier than one it already showed, it was overtaken in
    the network (a capture taken at the receiver sees arrival order):

    - new data (never sent before) that starts below data it already showed;
    - a retransmission whose ACK is below one it already showed;
    - a segment without data whose ACK is below one it already showed at the same SEG.SEQ;
    - a segment without data whose right window edge (SEG.ACK + SEG.WND, scaled) lies left of
      that of one it already showed at the same SEG.SEQ and SEG.ACK: a receiver should not
      shrink its window (3.8.6, SHLD-14; Linux never does), so the edge it offers never goes
      back, and a zero-window ACK overtaken by the window update that followed it goes back
      before it. With SEG.ACK equal, comparing the edges is comparing the SEG.WND fields: the
      shift is fixed per direction for the whole connection (RFC 7323 2.2, 2.3; only a SYN's
      window is unscaled, and a SYN is never compared), so neither the shift nor the SYNs that
      carry it are needed;
    - anything but a RST from CLOSED, when it already showed a RST that leaves it CLOSED
      (``closing_resets``: a RST without ACK inside what it sent): after that one it sends
      nothing but RSTs answering what arrives (3.10.7.1). So the RST,ACK of its ABORT (3.10.5)
      goes back before the RSTs it drew from the closed host once they passed it, and so do
      the host's own ACKs that its RSTs overtook;
    - a segment without data whose SEG.SEQ is below the start of new data (or a FIN) it
      already showed, or equal to it unless it may be a keep-alive probe: one sits on the last
      octet sent (SND.NXT-1), so on a one-octet segment, or on a FIN while FIN-WAIT-2 (not
      once the sender has acknowledged the peer's FIN). A stack that rewinds SND.NXT to
      SND.UNA on a timeout (BSD) sends one at the end of its retransmission: that number is
      left alone.

    The segment is moved to just before the first segment (in the order restored so far) that
    overtook it, its time half way between its new neighbours; what moved is returned as
    ``sent-before`` notes, numbered in the new order. It still passed the capture point where
    the capture saw it, so it arrived after every send of its receiver captured before it: the
    third result maps each moved segment to the last of those sends (new numbering) that now
    comes after it, the earliest it may be placed to arrive after.

    However many segments overtook one (a bulk sender puts hundreds on the wire within one
    delay variation), the search back through its sender's segments stops at the first one
    that rules out anything earlier: the order restored so far is a sending order, so before
    a segment with a lower ACK, or before new data (or a segment without data) ending at or
    below where this one starts, there is nothing sent later than this one."""
    n = len(packets)
    if n < 2:
        return list(packets), [], {}
    if u is None:
        u = unwrap(packets)
    if _in_send_order(packets, u):
        return list(packets), [], {}
    moves: dict[int, int] = {}  # k -> the capture index it was sent before
    # The order restored so far, without list inserts (a capture in reverse order would make
    # them quadratic): the segments left where they were, and for each segment those put back
    # right before it, in the order they were put there.
    kept: list[int] = []
    put_before: dict[int, list[int]] = {}
    budget = REORDER_WORK * n + REORDER_WORK_MIN
    recent: list[list[int]] = [[], []]  # per direction, in restored order (the last ones)
    sent = [_Ranges(), _Ranges()]  # sequence ranges sent so far, per direction
    fresh: set[int] = set()  # segments carrying new data (their first transmission)
    rewound: list[set[int]] = [set(), set()]  # where retransmissions ended, per direction
    seqs, ends, acks = u.seq, u.end, u.ack
    iss, top, fin_end = _send_extents(packets, u)
    # per direction: the RSTs sent from CLOSED at the end of ``recent``, from the first that
    # shows it CLOSED (``closing_resets``) on
    closing = [0, 0]
    for k, p in enumerate(packets):
        d = p[2]
        flags = p[3]
        mine = recent[d]
        stop = max(0, len(mine) - min(REORDER_WINDOW, budget)) - 1
        i = len(mine)  # where the search below stopped
        at = None  # position in ``mine`` of the earliest segment that overtook k
        inside = _inside(iss, top, d, seqs[k])
        closes = inside and flags & (_RST | _ACK) == _RST  # see ``closing_resets``
        # all but RSTs from CLOSED: a RST with ACK inside what it sent is an ABORT's (3.10.5)
        mover = not flags & _RST or inside and flags & _ACK
        if not flags & _RST:
            seq, end = seqs[k], ends[k]
            if end > seq:
                if not sent[d].overlaps(seq, end):
                    fresh.add(k)
                    for i in range(len(mine) - 1, stop, -1):
                        j = mine[i]
                        if seqs[j] >= end:
                            at = i
                        elif ends[j] <= seq and (j in fresh or ends[j] == seqs[j]) \
                                and not packets[j][3] & _RST:
                            break  # sent before k, and so was everything before it
                elif not flags & _SYN:  # a SYN sent again rewinds nothing
                    rewound[d].add(end)
                    ack = acks[k]
                    if ack is not None:
                        for i in range(len(mine) - 1, stop, -1):
                            a = acks[mine[i]]
                            if a is None:
                                continue
                            if a <= ack:
                                break  # no ACK before this one is larger
                            at = i
                sent[d].add(seq, end)
            elif acks[k] is not None:
                ack = acks[k]
                window = p[6]
                peer_fin = fin_end[1 - d]
                past_fin_wait_2 = peer_fin is not None and ack >= peer_fin
                not_rewound = seq not in rewound[d]
                for i in range(len(mine) - 1, stop, -1):
                    j = mine[i]
                    a = acks[j]
                    if a is None:
                        continue
                    if seqs[j] == seq and (a > ack or a == ack and packets[j][6] > window
                                           and not packets[j][3] & (_RST | _SYN)) or (
                            j in fresh and a >= ack and not_rewound and (
                                seqs[j] > seq or seqs[j] == seq and (
                                    ends[j] > seq + 1 or packets[j][3] & _FIN
                                    and past_fin_wait_2))):
                        at = i
                    elif a < ack or a == ack and not packets[j][3] & _RST and (
                            ends[j] == seqs[j] and seqs[j] <= seq
                            or j in fresh and ends[j] <= seq):
                        # nothing before it has a larger ACK, new data past seq, or (at this
                        # SEG.SEQ and SEG.ACK) a right window edge past this one's: j's edge is
                        # not past it (or j sits below seq), and edges never go back
                        break
        budget -= len(mine) - i
        if closing[d] and mover:
            first = len(mine) - closing[d]
            if at is None or first < at:
                at = first
        if at is None:
            kept.append(k)
            mine.append(k)
            if closes or closing[d]:
                closing[d] += 1
        else:
            before = mine[at]
            moves[k] = before
            put_before.setdefault(before, []).append(k)
            mine.insert(at, k)
        if len(mine) > 2 * REORDER_WINDOW:
            del mine[:REORDER_WINDOW]
            closing[d] = min(closing[d], len(mine))
    if not moves:
        return list(packets), [], {}
    order = _unfold(kept, put_before)
    new_index = {i: position for position, i in enumerate(order)}
    out: list[Packet] = []
    for position, i in enumerate(order):
        p = packets[i]
        if i in moves:
            previous = out[-1][1] if out else p[1] - 2 * TIME_STEP
            following = packets[order[position + 1]][1]
            p = p[:1] + ((previous + following) / 2,) + p[2:]
        out.append(p)
    floors: dict[int, int] = {}
    last_send: list[int] = [-1, -1]  # per direction: the latest new index among sends so far
    for i, p in enumerate(packets):
        d = p[2]
        if i in moves and last_send[1 - d] > new_index[i]:
            floors[new_index[i]] = last_send[1 - d]
        last_send[d] = max(last_send[d], new_index[i])
    notes = [{"segment": new_index[k], "frame": packets[k][0], "event": "sent-before",
              "before": new_index[j]} for k, j in sorted(moves.items())]
    return out, notes, floors


def _unfold(kept: list[int], put_before: dict[int, list[int]]) -> list[int]:
    """The whole order: each segment preceded by those put back before it (and each of those by
    the ones put back before it, and so on), in the order they were put there."""
    order: list[int] = []
    for k in kept:
        if k not in put_before:
            order.append(k)
            continue
        stack = [(k, iter(put_before[k]))]
        while stack:
            item, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                stack.pop()
                order.append(item)
            elif nxt in put_before:
                stack.append((nxt, iter(put_before[nxt])))
            else:
                order.append(nxt)
    return order


def _in_send_order(packets: Sequence[Packet], u: Unwrapped) -> bool:
    """True when nothing can have been overtaken: every segment of a sender starts at or past
    the end of everything that sender showed before, and its ACK field never goes back. Each
    move ``restore_send_order`` makes needs an earlier segment of the same sender that ends
    past the moved one's start, or carries a larger ACK, or (at the same SEG.SEQ and SEG.ACK)
    a larger window: with none, the full pass would find nothing (a property test holds the two
    equal). Retransmissions and keep-alives take the full pass; so does a segment without data
    repeating its sender's last ACK, when ``_window_shrinks`` cannot rule out the window move
    (a lookup only then: a bulk sender's ACK stays the same, but its segments carry data)."""
    reach = [None, None]
    last_ack = [None, None]
    seqs, ends, acks = u.seq, u.end, u.ack
    for k, p in enumerate(packets):  # RSTs too: a segment can be moved before one
        d = p[2]
        seq = seqs[k]
        previous = reach[d]
        if previous is not None and seq < previous:
            return False
        end = ends[k]
        reach[d] = end if previous is None or end > previous else previous
        ack = acks[k]
        if ack is not None:
            previous = last_ack[d]
            if previous is not None and ack <= previous and (
                    ack < previous or end == seq and _window_shrinks(packets, u, k)):
                return False
            last_ack[d] = ack
        elif p[3] & _RST:
            # a RST without ACK may show its sender CLOSED (``closing_resets``): whatever it
            # sends later takes the full pass
            reach[d] = _CLOSED
    return True


_CLOSED = 1 << 80  # above any sequence number unwrapped from a capture


#: How far back ``_window_shrinks`` looks for the sender's previous segment.
_WINDOW_LOOKBACK = 32


def _window_shrinks(packets: Sequence[Packet], u: Unwrapped, k: int) -> bool:
    """For ``_in_send_order``: may segment ``k`` (without data, its ACK the one its sender
    showed last) be moved for a window edge that went back? In that order, the segments that
    share its SEG.SEQ and SEG.ACK come right before it among its sender's (they end at or
    before its start, and every ACK between is the same), so its sender's previous segment
    decides: a larger window there, or a RST or a segment without ACK (whatever was before
    it may still count), or none found close by, send it to the full pass."""
    p = packets[k]
    if p[3] & _RST:
        return False  # a RST is moved for no window
    d = p[2]
    for i in range(k - 1, max(-1, k - 1 - _WINDOW_LOOKBACK), -1):
        q = packets[i]
        if q[2] == d:
            if u.seq[i] != u.seq[k]:
                return False  # nothing before it shares k's SEG.SEQ
            return bool(q[3] & _RST) or u.ack[i] is None or q[6] > p[6]
    return True


class _Ranges:
    """Disjoint, sorted, merged integer ranges ``[start, end)``: a sender's sent sequence space
    is almost always one range, so both operations are a bisect and a comparison or two."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1  # the last range starting before ``end``
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        starts, ends = self.starts, self.ends
        i = bisect_right(starts, start)
        if i > 0 and ends[i - 1] >= start:  # merge with the range before
            i -= 1
            start = starts[i]
            end = max(end, ends[i])
            del starts[i], ends[i]
        while i < len(starts) and starts[i] <= end:  # and with the ones it reaches
            end = max(end, ends[i])
            del starts[i], ends[i]
        starts.insert(i, start)
        ends.insert(i, end)
