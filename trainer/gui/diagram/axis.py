"""The vertical time axis: seconds -> scene y, with long empty stretches folded.

Time runs downward at ``k`` pixels per second. A gap between two consecutive event times that
would take more than ``FOLD_ABOVE`` pixels (a 2MSL wait of 60 s in a trace whose segments are
50 ms apart) is *folded*: it keeps ``FOLD_MARGIN`` pixels of true scale after the earlier time
and before the later one, and the rest of the gap is squeezed into ``FOLD_HEIGHT`` pixels drawn
as a break in the axis. Segments in flight across a fold are drawn through it (their slope is
not to scale there); everything else is linear. Pure Python (no Qt), so it is cheap to rebuild
on every zoom step.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from itertools import accumulate

TOP_PAD = 40.0        # pixels above the first event time
TAIL_PAD = 260.0      # pixels below the last one: room to draw new segments
FOLD_MARGIN = 56.0    # true-scale pixels kept on each side of a fold
FOLD_HEIGHT = 44.0    # pixels the folded part of a gap takes
FOLD_ABOVE = 420.0    # quiet gaps taller than this are folded

K_MIN = 1e-4          # pixels per second, zoomed out
K_MAX = 1e7           # zoomed in (0.1 microsecond per pixel)


def nice_step(raw: float) -> float:
    """The smallest 1, 2 or 5 x 10^n that is >= ``raw``."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    exp = math.floor(math.log10(raw))
    for mult in (1.0, 2.0, 5.0, 10.0):
        step = mult * 10.0 ** exp
        if step >= raw * (1 - 1e-9):
            return step
    return 10.0 ** (exp + 1)


def decimals_for(step: float) -> int:
    """How many decimals a tick label needs at this step (0.25 -> 2, 5 -> 0)."""
    if step >= 1:
        return 0
    d = max(0, -math.floor(math.log10(step) + 1e-9))
    # 0.25 or 0.05 steps (from 2.5 or 5 x) need one more when the mantissa is not 1/2/5.
    while d < 9 and abs(round(step * 10 ** d) - step * 10 ** d) > 1e-6:
        d += 1
    return d


def format_seconds(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text


def default_scale(times: list[float], flight: float | None = None) -> float:
    """Pixels per second for a first look: the typical gap between event times gets ~36 px and
    the typical flight time ~90 px (so arrows slope visibly)."""
    gaps = [b - a for a, b in zip(times, times[1:]) if b - a > 1e-9]
    k = 400.0
    if gaps:
        gaps.sort()
        ref = gaps[len(gaps) // 4]  # a quarter of the gaps are shorter than the reference
        k = 36.0 / ref
    if flight:
        k = max(k, 90.0 / flight)
    return min(K_MAX, max(K_MIN, k))


class TimeAxis:
    """Maps seconds to scene y (and back) for one zoom level and one set of event times."""

    def __init__(self, times: list[float], k: float, busy=None):
        """``times`` sorted, distinct; ``k`` pixels per second. ``busy(a, b)`` (lists of gap
        starts and ends; a list of booleans back) says which gaps have a segment in flight
        across them: those are never folded, so that no arrow is bent."""
        self.k = k = min(K_MAX, max(K_MIN, k))
        self.t_first = times[0] if times else 0.0
        self.t_last = times[-1] if times else 0.0
        t_starts = [self.t_first]
        y_starts = [TOP_PAD]
        scales = [k]
        self.folds: list[tuple[float, float, float, float]] = []  # (t0, t1, y0, y1) squeezed part
        self.fold_gaps: list[float] = []  # the whole quiet gap each fold sits in, in seconds
        if len(times) > 1:
            big = [i for i in range(len(times) - 1) if (times[i + 1] - times[i]) * k > FOLD_ABOVE]
            if busy is not None and big:
                crossed = busy([times[i] for i in big], [times[i + 1] for i in big])
                big = [i for i, b in zip(big, crossed) if not b]
            margin_t = FOLD_MARGIN / k
            for i in big:
                a, b = times[i], times[i + 1]
                fa, fb = a + margin_t, b - margin_t
                y_fa = y_starts[-1] + (fa - t_starts[-1]) * scales[-1]
                t_starts.append(fa)
                y_starts.append(y_fa)
                scales.append(FOLD_HEIGHT / (fb - fa))
                t_starts.append(fb)
                y_starts.append(y_fa + FOLD_HEIGHT)
                scales.append(k)
                self.folds.append((fa, fb, y_fa, y_fa + FOLD_HEIGHT))
                self.fold_gaps.append(b - a)
        self._fold_bottoms: list[float] | None = None
        self._t = t_starts
        self._y = y_starts
        self._s = scales
        self.content_bottom = self.y(self.t_last) + TAIL_PAD

    # ---- mapping ---------------------------------------------------------------------------
    def y(self, t: float) -> float:
        i = bisect_right(self._t, t) - 1
        if i < 0:
            i = 0
        return self._y[i] + (t - self._t[i]) * self._s[i]

    def t(self, y: float) -> float:
        i = bisect_right(self._y, y) - 1
        if i < 0:
            i = 0
        return self._t[i] + (y - self._y[i]) / self._s[i]

    def y_array(self, ts) -> list[float]:
        y = self.y
        return [y(t) for t in ts]

    def in_fold(self, t: float) -> bool:
        i = max(0, bisect_right(self._t, t) - 1)
        return self._s[i] != self.k

    # ---- ticks -----------------------------------------------------------------------------
    def tick_step(self, min_px: float = 64.0) -> float:
        return nice_step(min_px / self.k)

    def ticks(self, y0: float, y1: float, min_px: float = 64.0) -> tuple[float, list[tuple[float, float]]]:
        """``(step, [(y, t), ...])``: labelled ticks on the linear parts of ``[y0, y1]``."""
        step = self.tick_step(min_px)
        out: list[tuple[float, float]] = []
        pieces = self.linear_pieces(y0, y1)
        for ya, yb in pieces:
            ta, tb = self.t(ya), self.t(yb)
            n0 = math.ceil(ta / step - 1e-9)
            n1 = math.floor(tb / step + 1e-9)
            if n1 - n0 > 2000:  # never: min_px keeps ticks apart
                n1 = n0 + 2000
            for n in range(n0, n1 + 1):
                t = n * step
                out.append((self.y(t), t))
        return step, out

    def linear_pieces(self, y0: float, y1: float) -> list[tuple[float, float]]:
        """The parts of ``[y0, y1]`` that are not folded."""
        pieces = []
        start = y0
        for _fa, _fb, fy0, fy1 in self.folds_between(y0, y1):
            if fy0 > start:
                pieces.append((start, fy0))
            start = max(start, fy1)
        if start < y1:
            pieces.append((start, y1))
        return pieces

    def folds_between(self, y0: float, y1: float) -> list[tuple[float, float, float, float]]:
        return [self.folds[i] for i in self.fold_indices(y0, y1)]

    def fold_indices(self, y0: float, y1: float) -> list[int]:
        if not self.folds:
            return []
        if self._fold_bottoms is None:
            self._fold_bottoms = [f[3] for f in self.folds]
        out = []
        for i in range(bisect_right(self._fold_bottoms, y0), len(self.folds)):
            if self.folds[i][2] > y1:
                break
            out.append(i)
        return out

    def snap_step(self, px: float = 8.0) -> float:
        """The step new times snap to: a nice value about ``px`` pixels long."""
        return nice_step(px / self.k)


def content_height_for(times: list[float], k: float, quiet=None) -> float:
    """The height ``TimeAxis(times, k)`` would have from the first to the last time
    (``quiet``: a list of booleans, which gaps may fold)."""
    if len(times) < 2:
        return 0.0
    return _Heights(times, quiet).at(k)


class _Heights:
    """``content_height_for`` for many ``k`` over the same times: the foldable gaps sorted, with
    prefix sums, so that each ``k`` costs a bisection rather than a pass over every gap."""

    def __init__(self, times: list[float], quiet=None):
        gaps = [b - a for a, b in zip(times, times[1:])]
        self.total = sum(gaps)
        foldable = sorted(g for i, g in enumerate(gaps) if quiet is None or quiet[i])
        self.foldable = foldable
        self.tail = list(accumulate(reversed(foldable)))  # tail[m - 1]: the m largest, summed

    def at(self, k: float) -> float:
        # gaps taller than FOLD_ABOVE pixels (and allowed to) fold into a fixed height
        m = len(self.foldable) - bisect_right(self.foldable, FOLD_ABOVE / k)
        while m < len(self.foldable) and self.foldable[-m - 1] * k > FOLD_ABOVE:
            m += 1  # the division above can round a gap at the limit to the wrong side
        while m and not self.foldable[-m] * k > FOLD_ABOVE:
            m -= 1
        folded = self.tail[m - 1] if m else 0.0
        return (self.total - folded) * k + m * (2 * FOLD_MARGIN + FOLD_HEIGHT)


def fit_scale(times: list[float], height: float, cap: float, busy=None) -> float:
    """The largest ``k`` up to ``cap`` whose diagram (first to last time) fits in ``height``.

    Folding makes the height non-monotonic in ``k``, so this scans down from ``cap`` in small
    geometric steps rather than bisecting."""
    if len(times) < 2:
        return min(cap, 400.0)
    quiet = None
    if busy is not None:
        quiet = [not b for b in busy(times[:-1], times[1:])]
    heights = _Heights(times, quiet)
    k = min(K_MAX, cap)
    while k > K_MIN:
        if heights.at(k) <= height:
            return k
        k /= 1.08
    return K_MIN
