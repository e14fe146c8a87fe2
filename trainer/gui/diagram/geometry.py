"""Where everything goes: the horizontal layout, and the drawing specs of segments and markers.

A *spec* is a small value object holding everything needed to paint one event (points, label
geometry, colours by name). Items keep their spec and repaint only when a new spec differs, and
the export painter builds specs for every event without creating items, so both draw the same
picture from the same code (``painting.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from trainer.engine.trace import Call, Segment, Timeout, Trace

from trainer.gui.diagram import style
from trainer.gui.diagram.axis import TOP_PAD, TimeAxis
from trainer.gui.diagram.derived import INF, Derived
from trainer.gui.diagram.labels import label_parts

HEADER_H = 58          # the host boxes above the scrolling area
MIN_WIDTH = 380.0      # narrower viewports scroll horizontally (the layout stops shrinking here)
NOTES_MAX = 180.0      # state chips and marker labels beside each band: at most this wide,
NOTES_MIN = 88.0       # ... at least this wide: every state chip fits (longer marker texts are elided)
SPAN_FRACTION = 0.40   # between the bands: at least this fraction of the width (arrows, labels)
GUTTER = 60.0          # the time axis
RIGHT_PAD = 10.0
BAND_W = 14.0          # state band on each lifeline
BRACKET_W = 20.0       # timer brackets, outermost
CHIP_H = 17.0
MARK_H = 19.0
LABEL_GAP = 4.0        # label baseline above its arrow
LABEL_START = 16.0     # label starts at least this far from the sender's band,
LABEL_START_FRACTION = 0.11  # ... about this fraction of the arrow's length,
LABEL_START_MAX = 64.0  # ... and at most this far
LOST_FRACTION = 0.58   # a lost segment's arrow stops this far across
STUB = 30.0            # an old duplicate's stub beyond the sender's lifeline
MAX_ALONG_ANGLE = 40.0  # steeper arrows get horizontal labels
SLOT_PX = 14.0         # a second segment sent (or arriving) at the same instant is drawn this much lower


class HLayout:
    """x positions for a given width: axis gutter | bracket | notes | band A ... band B | notes |
    bracket."""

    def __init__(self, width: float):
        w = max(MIN_WIDTH, float(width))
        self.width = w
        self.gutter = GUTTER
        notes = min(NOTES_MAX, max(112.0, w * 0.18))
        # In a narrow viewport the notes give way first, so that both lifelines and the arrows
        # between them stay in view.
        fixed = GUTTER + 2 * BRACKET_W + RIGHT_PAD + BAND_W
        self.notes = max(NOTES_MIN, min(notes, (w - fixed - SPAN_FRACTION * w) / 2))
        self.band = BAND_W
        self.bracket_w = BRACKET_W
        xa = GUTTER + BRACKET_W + self.notes + BAND_W / 2
        xb = w - RIGHT_PAD - BRACKET_W - self.notes - BAND_W / 2
        self.x = {"A": xa, "B": xb}
        self.mid = (xa + xb) / 2

    def inner_edge(self, host: str) -> float:
        """The band edge that faces the other host (where arrows start and end)."""
        return self.x[host] + (self.band / 2 if host == "A" else -self.band / 2)

    def outer_edge(self, host: str) -> float:
        return self.x[host] + (-self.band / 2 if host == "A" else self.band / 2)

    def bracket_x(self, host: str) -> float:
        if host == "A":
            return GUTTER + BRACKET_W / 2
        return self.width - RIGHT_PAD - BRACKET_W / 2

    def notes_limit(self, host: str) -> float:
        """How wide a note next to the band may be."""
        return self.notes - 4

    def host_at(self, x: float, slack: float = 18.0) -> str | None:
        for h in ("A", "B"):
            if abs(x - self.x[h]) <= self.band / 2 + slack:
                return h
        return None

    def side_of(self, x: float) -> str:
        return "A" if x < self.mid else "B"


@dataclass
class Ctx:
    """What building specs needs; the view keeps one and refreshes its parts."""

    trace: Trace
    derived: Derived
    axis: TimeAxis
    hl: HLayout
    fonts: style.Fonts
    relative: bool = False
    selected: int | None = None
    override: dict = field(default_factory=dict)  # event index -> event shown instead (drags)

    def event(self, i: int):
        ev = self.override.get(i)
        return ev if ev is not None else self.trace.events[i]

    def flight_px(self, t: float) -> float:
        flight = self.derived.flight
        if flight is None:
            return 64.0
        return min(160.0, max(30.0, self.axis.y(t + flight) - self.axis.y(t)))


# ---- segments ----------------------------------------------------------------------------------

@dataclass(eq=True)
class SegSpec:
    event: int
    sender: str
    p0: tuple[float, float]
    p1: tuple[float, float]
    lost: bool
    dup: bool
    stub: tuple[float, float] | None
    flags: str
    rest: str
    tag: str
    severity: str | None
    selected: bool
    origin: tuple[float, float]
    angle: float
    w_flags: float
    w_rest: float
    w_tag: float
    ascent: float
    descent: float
    show_label: bool = True
    hidden: int = 0

    # ---- derived geometry (not part of equality: computed from the fields) ----
    def text_width(self) -> float:
        return self.w_flags + 4 + self.w_rest

    def label_width(self) -> float:
        w = self.text_width()
        if self.tag:
            w += 6 + self.w_tag + 10
        if self.severity:
            w += 6 + 14
        return w

    def label_poly(self, extra: float = 0.0) -> list[tuple[float, float]]:
        """The label's box (rotated) in scene coordinates."""
        w = self.label_width() + extra
        top = -LABEL_GAP - self.ascent - 1
        bottom = -LABEL_GAP + self.descent + 1
        a = math.radians(self.angle)
        ca, sa = math.cos(a), math.sin(a)
        ox, oy = self.origin
        pts = []
        for x, y in ((-2, top), (w + 2, top), (w + 2, bottom), (-2, bottom)):
            pts.append((ox + x * ca - y * sa, oy + x * sa + y * ca))
        return pts

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [self.p0[0], self.p1[0]]
        ys = [self.p0[1], self.p1[1]]
        if self.stub is not None:
            xs.append(self.stub[0])
            ys.append(self.stub[1])
        if self.show_label:
            for x, y in self.label_poly(extra=40.0 if self.hidden else 0.0):
                xs.append(x)
                ys.append(y)
        pad = 10.0
        x0, y0 = min(xs) - pad, min(ys) - pad
        return x0, y0, max(xs) + pad - x0, max(ys) + pad - y0


def segment_spec(ctx: Ctx, i: int, seg: Segment) -> SegSpec:
    hl, axis, fonts = ctx.hl, ctx.axis, ctx.fonts
    sender = seg.sender
    receiver = seg.receiver
    xs = hl.inner_edge(sender)
    xr = hl.inner_edge(receiver)
    d = ctx.derived
    y0 = axis.y(seg.send_time) + SLOT_PX * d.send_slot.get(i, 0)
    lost = seg.arrive_time is None
    if lost:
        fl = ctx.flight_px(seg.send_time)
        p1 = (xs + LOST_FRACTION * (xr - xs), y0 + LOST_FRACTION * fl)
    else:
        p1 = (xr, axis.y(seg.arrive_time) + SLOT_PX * d.arrive_slot.get(i, 0))
    p0 = (xs, y0)
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    stub = None
    if seg.old_duplicate:
        back = STUB + BAND_W  # along the arrow's own line, backwards, out past the sender's band
        stub = (p0[0] - ux * back, p0[1] - uy * back)

    role = d.role[i] if i < len(d.role) else None
    if seg.old_duplicate:
        role = "old-duplicate"
    tag = style.role_text(role) if role else ""
    sev = d.worst.get(i)
    severity = sev.value if sev is not None else None

    flags, rest = label_parts(seg, ctx.relative, d.bases(i) if ctx.relative else None)
    w_flags = fonts.width(fonts.flags, flags)
    w_rest = fonts.width(fonts.label, rest)
    w_tag = fonts.width(fonts.tag, tag) if tag else 0.0
    m = fonts.metrics(fonts.label)
    spec = SegSpec(
        event=i, sender=sender, p0=p0, p1=p1, lost=lost, dup=seg.old_duplicate, stub=stub,
        flags=flags, rest=rest, tag=tag, severity=severity, selected=(ctx.selected == i),
        origin=(0.0, 0.0), angle=0.0, w_flags=w_flags, w_rest=w_rest, w_tag=w_tag,
        ascent=m.ascent(), descent=m.descent())
    _place_label(spec, ux, uy, length)
    return spec


def _place_label(spec: SegSpec, ux: float, uy: float, length: float) -> None:
    """Along the arrow near its sender (so crossing arrows keep their labels apart), or
    horizontal beside the start when the arrow is steep."""
    p0 = spec.p0
    w = spec.label_width()
    forward = ux >= 0  # A -> B: text runs with the arrow
    tx, ty = (ux, uy) if forward else (-ux, -uy)
    angle = math.degrees(math.atan2(ty, tx))
    if abs(angle) <= MAX_ALONG_ANGLE:
        # Far enough from the sender that the arrow arriving where this one leaves (the usual
        # zig-zag) has moved away from the text; near enough that crossing arrows keep their
        # labels on their own halves.
        d = min(LABEL_START_MAX, max(LABEL_START, length * LABEL_START_FRACTION))
        if d + w > length - 12:  # too long for the arrow: centre it
            d = max(4.0, (length - w) / 2)
        if forward:
            origin = (p0[0] + ux * d, p0[1] + uy * d)
        else:
            origin = (p0[0] + ux * (d + w), p0[1] + uy * (d + w))
        spec.origin = origin
        spec.angle = angle
        return
    # Steep: horizontal, on the side of the start point away from the arrow.
    spec.angle = 0.0
    x = p0[0] + 10 if forward else p0[0] - 10 - w
    if uy >= 0:
        y = p0[1] - 2
    else:
        y = p0[1] + spec.ascent + LABEL_GAP + 6
    spec.origin = (x, y)


def _sat_separated(a: list, b: list) -> bool:
    for poly in (a, b):
        n = len(poly)
        for k in range(n):
            x1, y1 = poly[k]
            x2, y2 = poly[(k + 1) % n]
            nx, ny = y1 - y2, x2 - x1
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if max(pa) < min(pb) or max(pb) < min(pa):
                return True
    return False


_LABEL_PRIORITY = {"error": 0, "warning": 1}


def place_labels(specs: list[SegSpec], margin: float = 2.0) -> None:
    """Hide labels that would overlap one already placed. The selected segment and segments
    with errors, then warnings, are placed first; the rest top to bottom. A shown label counts
    the hidden ones below it, up to the next shown one (``hidden``, drawn as "+N")."""
    placed: list[tuple[list, float, float]] = []

    def priority(s: SegSpec) -> tuple:
        first = 0 if s.selected else 1 + _LABEL_PRIORITY.get(s.severity, 2)
        return first, min(s.p0[1], s.p1[1]), s.event

    for s in sorted(specs, key=priority):
        s.hidden = 0
        poly = s.label_poly(extra=margin)
        ys = [p[1] for p in poly]
        top, bottom = min(ys), max(ys)
        clash = False
        for other_poly, o_top, o_bottom in placed:
            if o_bottom < top or o_top > bottom:
                continue
            if not _sat_separated(poly, other_poly):
                clash = True
                break
        s.show_label = not clash
        if not clash:
            placed.append((poly, top, bottom))
    last: SegSpec | None = None
    for s in sorted(specs, key=lambda s: (min(s.p0[1], s.p1[1]), s.event)):
        if s.show_label:
            last = s
        elif last is not None:
            last.hidden += 1


# ---- markers (calls, timeouts, crashes) --------------------------------------------------------

@dataclass(eq=True)
class MarkSpec:
    event: int
    host: str
    kind: str  # call, timeout, crash
    x: float
    y: float
    text: str
    text_w: float
    label_x: float  # left of the label box
    label_top: float
    bracket: tuple[float, float, float, str] | None  # x, y0, y1, short text
    severity: str | None
    selected: bool

    def label_rect(self) -> tuple[float, float, float, float]:
        return self.label_x, self.label_top, self.text_w + 12, MARK_H

    def bounds(self) -> tuple[float, float, float, float]:
        x0, y0, w, h = self.label_rect()
        xs = [x0, x0 + w, self.x - 10, self.x + 10]
        ys = [y0, y0 + h, self.y - 10, self.y + 10]
        if self.bracket is not None:
            bx, b0, b1, _ = self.bracket
            xs += [bx - 10, bx + 10]
            ys += [b0, b1]
        pad = 6.0
        return min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad


def marker_text(ev) -> str:
    if isinstance(ev, Call):
        return style.call_text(ev.call, ev.nbytes)
    if isinstance(ev, Timeout):
        return style.tr(style.TIMEOUT_TEXT[ev.timer])
    return style.crash_text()


def marker_kind(ev) -> str:
    if isinstance(ev, Call):
        return "call"
    if isinstance(ev, Timeout):
        return "timeout"
    return "crash"


def marker_spec(ctx: Ctx, i: int, ev, label_top: float | None) -> MarkSpec:
    hl, axis, fonts = ctx.hl, ctx.axis, ctx.fonts
    host = ev.host
    x = hl.x[host]
    y = axis.y(ev.time)
    text = marker_text(ev)
    limit = hl.notes_limit(host) - 12
    text_w = min(fonts.width(fonts.marker, text), limit)
    box_w = text_w + 12
    if host == "A":
        label_x = hl.outer_edge("A") - 6 - box_w
    else:
        label_x = hl.outer_edge("B") + 6
    top = label_top if label_top is not None else y - MARK_H / 2
    bracket = None
    start = ctx.derived.bracket.get(i) if isinstance(ev, Timeout) else None
    if start is not None:
        bracket = (hl.bracket_x(host), axis.y(start), y, style.tr(style.BRACKET_TEXT[ev.timer]))
    sev = ctx.derived.worst.get(i)
    return MarkSpec(
        event=i, host=host, kind=marker_kind(ev), x=x, y=y, text=text, text_w=text_w,
        label_x=label_x, label_top=top, bracket=bracket,
        severity=sev.value if sev is not None else None, selected=(ctx.selected == i))


# ---- notes beside the bands: state chips and marker labels, stacked without overlap ------------

@dataclass
class Chip:
    host: str
    index: int          # into derived.intervals[host]
    state: object
    top: float
    width: float
    y_start: float      # where the interval starts (band)
    y_end: float


def band_top() -> float:
    return TOP_PAD - 30.0


def layout_notes(ctx: Ctx) -> tuple[dict[str, list[Chip]], dict[int, float]]:
    """State chips (one per state interval) and marker labels per host, pushed down just enough
    not to overlap. Returns the chips and each marker's label top."""
    axis, fonts, d = ctx.axis, ctx.fonts, ctx.derived
    chips: dict[str, list[Chip]] = {"A": [], "B": []}
    mark_top: dict[int, float] = {}
    markers: dict[str, list[tuple[float, int]]] = {"A": [], "B": []}
    for i, ev in enumerate(ctx.trace.events):
        if not isinstance(ev, Segment):
            ev = ctx.event(i)
            markers[ev.host].append((axis.y(ev.time), i))
    bottom = axis.content_bottom - 20
    for host in ("A", "B"):
        entries = []  # (desired top, order, height, kind, payload)
        for k, iv in enumerate(d.intervals[host]):
            y0 = band_top() if iv.t0 == -INF else axis.y(iv.t0)
            y1 = bottom if iv.t1 == INF else axis.y(iv.t1)
            name = iv.state.value
            w = min(fonts.width(fonts.chip, name) + 12, ctx.hl.notes_limit(host))
            entries.append((y0 + 1, 1, CHIP_H, "chip", Chip(host, k, iv.state, 0.0, w, y0, y1)))
        for y, i in markers[host]:
            entries.append((y - MARK_H / 2, 0, MARK_H, "mark", i))
        entries.sort(key=lambda e: (e[0], e[1]))
        floor = -1e18
        for desired, _order, h, kind, payload in entries:
            top = max(desired, floor)
            floor = top + h + 2
            if kind == "chip":
                payload.top = top
                chips[host].append(payload)
            else:
                mark_top[payload] = top
    return chips, mark_top
