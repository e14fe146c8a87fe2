"""Where the state graph puts its nodes, edges and labels: RFC 9293 Figure 5, redrawn.

Pure geometry (plain tuples; ``QPainterPath`` only to build outlines), no pyqtgraph, so it is
cheap to import and easy to test. Coordinates are "figure units" with y pointing down; at the
default dock size one unit is about one pixel, so the font sizes below are pixel sizes there.

The figure draws CLOSED twice: at the top, where every connection starts, and bottom right,
where LAST-ACK and TIME-WAIT end. We keep that second box (``END_CLOSED``), drawn with a
dashed outline as an alias of the first: learners compare this graph with the RFC figure,
and routing those two edges back to the top would cross the whole right column.

Edges are routed by hand, like the figure's: each has a control polygon and a label anchor.
``kind`` says how the polygon becomes a curve: ``line`` (two points), ``cubic`` (four points,
a Bézier curve) or ``round`` (a polyline whose corners are rounded with ``radius``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from trainer.engine.states import State
from trainer.engine.transitions import BY_ID, TRANSITIONS

Point = tuple[float, float]

NODE_W, NODE_H, NODE_RADIUS = 100.0, 32.0, 8.0
NAME_PX, GLOSS_PX, LABEL_PX, SMALL_PX = 12, 10, 11, 10

END_CLOSED = "CLOSED@end"

# Figure 5's grid: three columns, seven rows.
_XL, _XM, _XR = 50.0, 235.0, 420.0
_Y = (0.0, 86.0, 174.0, 258.0, 340.0, 422.0, 504.0)


@dataclass(frozen=True, slots=True)
class NodeSpec:
    key: str
    state: State
    x: float
    y: float
    alias: bool = False  # the figure's second CLOSED box

    @property
    def rect(self) -> QRectF:
        return QRectF(self.x - NODE_W / 2, self.y - NODE_H / 2, NODE_W, NODE_H)


S = State
NODES: dict[str, NodeSpec] = {n.key: n for n in (
    NodeSpec("CLOSED", S.CLOSED, _XM, _Y[0]),
    NodeSpec("LISTEN", S.LISTEN, _XM, _Y[1]),
    NodeSpec("SYN-RECEIVED", S.SYN_RECEIVED, _XL, _Y[2]),
    NodeSpec("SYN-SENT", S.SYN_SENT, _XR, _Y[2]),
    NodeSpec("ESTABLISHED", S.ESTABLISHED, _XM, _Y[3]),
    NodeSpec("FIN-WAIT-1", S.FIN_WAIT_1, _XL, _Y[4]),
    NodeSpec("CLOSE-WAIT", S.CLOSE_WAIT, _XR, _Y[4]),
    NodeSpec("FIN-WAIT-2", S.FIN_WAIT_2, _XL, _Y[5]),
    NodeSpec("CLOSING", S.CLOSING, _XM, _Y[5]),
    NodeSpec("LAST-ACK", S.LAST_ACK, _XR, _Y[5]),
    NodeSpec("TIME-WAIT", S.TIME_WAIT, _XM, _Y[6]),
    NodeSpec(END_CLOSED, S.CLOSED, _XR, _Y[6], alias=True),
)}

#: The node that stands for a state when nothing says otherwise (CLOSED: the top one).
PRIMARY: dict[State, str] = {s: s.value for s in State}


def _c(key: str) -> Point:
    n = NODES[key]
    return n.x, n.y


def N(key: str, dx: float = 0.0) -> Point:
    x, y = _c(key)
    return x + dx, y - NODE_H / 2


def S_(key: str, dx: float = 0.0) -> Point:
    x, y = _c(key)
    return x + dx, y + NODE_H / 2


def E(key: str, dy: float = 0.0) -> Point:
    x, y = _c(key)
    return x + NODE_W / 2, y + dy


def W(key: str, dy: float = 0.0) -> Point:
    x, y = _c(key)
    return x - NODE_W / 2, y + dy


@dataclass(frozen=True, slots=True)
class Route:
    kind: str                 # "line", "cubic" or "round"
    points: tuple[Point, ...]
    radius: float = 14.0

    def path(self, offset: float = 0.0, trim_end: float = 0.0) -> QPainterPath:
        pts = offset_polygon(self.points, offset) if offset else list(self.points)
        if trim_end:
            pts = _trim_end(pts, trim_end, self.kind)
        return build_path(self.kind, pts, self.radius)

    def end(self, offset: float = 0.0) -> tuple[Point, Point]:
        """The tip and the unit direction of travel at the target."""
        pts = offset_polygon(self.points, offset) if offset else list(self.points)
        return pts[-1], _end_direction(pts)


@dataclass(frozen=True, slots=True)
class EdgeSpec:
    """An edge of the graph. ``label`` is the anchor of its label and how the label sits on
    it: ``halign`` l/c/r (the anchor is the left edge / centre / right edge of the label
    box); ``valign`` t/c/b likewise, or ``s`` to straddle the edge like Figure 5's labels do
    (event above the line, action below it). ``wrap`` > 0 breaks texts wider than that many
    units at spaces (where a label sits between two lines)."""

    key: str
    source: str  # node keys
    target: str
    route: Route
    label: tuple[float, float, str, str]
    wrap: float = 0.0
    pills: str = ""  # where the "A×n" counts go: l, r, b(elow), lv / rv (a column on the left /
    #                  right);
    #                  default: the side away from the anchor


def _e(key, source, target, kind, points, label, radius=14.0, wrap=0.0, pills="") -> EdgeSpec:
    return EdgeSpec(key, source, target, Route(kind, tuple(points), radius), label, wrap, pills)


# ---- the edges of Figure 5, keyed by transition id -------------------------------------------
_Y45 = (_Y[4] + _Y[5]) / 2
_Y56 = (_Y[5] + _Y[6]) / 2
_MARGIN_L, _MARGIN_R, _BOTTOM = -20.0, _XR + NODE_W / 2 + 22, _Y[6] + 56
_CORRIDOR = _XM + NODE_W / 2 + 17  # between the middle and the right column, below ESTABLISHED
EDGES: dict[str, EdgeSpec] = {e.key: e for e in (
    _e("passive-open", "CLOSED", "LISTEN", "line",
       [S_("CLOSED", -16), N("LISTEN", -16)], (_XM - 22, _Y[0] + 45, "r", "c")),
    _e("listen-close", "LISTEN", "CLOSED", "line",
       [N("LISTEN", 16), S_("CLOSED", 16)], (_XM + 22, _Y[0] + 45, "l", "c")),
    _e("active-open", "CLOSED", "SYN-SENT", "round",
       [E("CLOSED", -9), (_XR + 38, -9), N("SYN-SENT", 38)], (_XR - 8, -14, "c", "b"), 22),
    _e("synsent-close", "SYN-SENT", "CLOSED", "round",
       [N("SYN-SENT", 16), (_XR + 16, 1), E("CLOSED", 1)], (_XR - 1, 62, "r", "c"), 16),
    _e("listen-rcv-syn", "LISTEN", "SYN-RECEIVED", "round",
       [S_("LISTEN", -26), (_XM - 26, _Y[2] - 8), E("SYN-RECEIVED", -8)],
       (_XM - 34, _Y[2] - 12, "r", "b"), 20),
    _e("listen-send", "LISTEN", "SYN-SENT", "round",
       [S_("LISTEN", 26), (_XM + 26, _Y[2] - 8), W("SYN-SENT", -8)],
       (_XM + 34, _Y[2] - 12, "l", "b"), 20),
    _e("synrcvd-rcv-rst", "SYN-RECEIVED", "LISTEN", "cubic",
       [N("SYN-RECEIVED", -26), (_XL - 26, _Y[1] + 12), (100, _Y[1]), W("LISTEN")],
       (112, _Y[1] - 4, "c", "b")),
    _e("synsent-rcv-syn", "SYN-SENT", "SYN-RECEIVED", "line",
       [W("SYN-SENT", 8), E("SYN-RECEIVED", 8)], (_XM, _Y[2] + 8, "c", "s")),
    _e("synrcvd-rcv-ack", "SYN-RECEIVED", "ESTABLISHED", "round",
       [S_("SYN-RECEIVED", 26), (_XL + 26, _Y[2] + 48), (_XM - 24, _Y[2] + 48),
        N("ESTABLISHED", -24)], (_XL + 34, _Y[2] + 53, "l", "t"), 16, pills="b"),
    _e("synsent-rcv-synack", "SYN-SENT", "ESTABLISHED", "round",
       [S_("SYN-SENT", -26), (_XR - 26, _Y[2] + 48), (_XM + 24, _Y[2] + 48),
        N("ESTABLISHED", 24)], (_XR - 34, _Y[2] + 53, "r", "t"), 16, pills="r"),
    _e("synrcvd-close", "SYN-RECEIVED", "FIN-WAIT-1", "line",
       [S_("SYN-RECEIVED", -26), N("FIN-WAIT-1", -26)],
       (_XL - 20, (_Y[2] + _Y[4]) / 2 + 10, "l", "c")),
    _e("estab-close", "ESTABLISHED", "FIN-WAIT-1", "cubic",
       [S_("ESTABLISHED", -26), (_XM - 26, _Y[4] - 3), (150, _Y[4] - 9), E("FIN-WAIT-1", -9)],
       (160, _Y[4] - 22, "r", "c")),
    _e("estab-rcv-fin", "ESTABLISHED", "CLOSE-WAIT", "cubic",
       [S_("ESTABLISHED", 26), (_XM + 26, _Y[4] - 3), (_XR - 100, _Y[4] - 9), W("CLOSE-WAIT", -9)],
       (_XR - 110, _Y[4] - 22, "l", "c")),
    _e("finwait1-rcv-ack", "FIN-WAIT-1", "FIN-WAIT-2", "line",
       [S_("FIN-WAIT-1", -26), N("FIN-WAIT-2", -26)], (_XL - 20, _Y45, "l", "c")),
    _e("finwait1-rcv-fin", "FIN-WAIT-1", "CLOSING", "round",
       [E("FIN-WAIT-1", 2), (_XM - 12, _Y[4] + 2), N("CLOSING", -12)],
       (_XM - 4, _Y45 - 2, "l", "c"), 18),
    _e("finwait2-rcv-fin", "FIN-WAIT-2", "TIME-WAIT", "round",
       [S_("FIN-WAIT-2", -10), (_XL - 10, _Y[6] + 8), W("TIME-WAIT", 8)],
       (_XL - 4, _Y56 + 8, "l", "c"), 20, pills="rv"),
    _e("closewait-close", "CLOSE-WAIT", "LAST-ACK", "line",
       [S_("CLOSE-WAIT"), N("LAST-ACK")], (_XR + 6, _Y45, "l", "c")),
    _e("closing-rcv-ack", "CLOSING", "TIME-WAIT", "line",
       [S_("CLOSING"), N("TIME-WAIT")], (_XM - 6, _Y56, "r", "c")),
    _e("lastack-rcv-ack", "LAST-ACK", END_CLOSED, "line",
       [S_("LAST-ACK"), N(END_CLOSED)], (_XR - 6, _Y56, "r", "c")),
    _e("timewait-timeout", "TIME-WAIT", END_CLOSED, "line",
       [E("TIME-WAIT"), W(END_CLOSED)], ((_XM + _XR) / 2, _Y[6] + NODE_H / 2 + 2, "c", "t"),
       pills="b"),
    # Not in the figure (dashed), drawn only when the trace takes them:
    _e("finwait1-rcv-finack", "FIN-WAIT-1", "TIME-WAIT", "round",
       [E("FIN-WAIT-1", 11), (128, _Y[4] + 11), (128, _Y[6] - 7), W("TIME-WAIT", -7)],
       (134, _Y45 - 3, "l", "c"), 14, wrap=66, pills="lv"),
    _e("synrcvd-rcv-syn", "SYN-RECEIVED", "LISTEN", "cubic",
       [N("SYN-RECEIVED", -17), (_XL - 17, _Y[1] + 20), (100, _Y[1] + 9), W("LISTEN", 9)],
       (60, _Y[1] - 4, "c", "b")),
    _e("timewait-rcv-syn", "TIME-WAIT", "SYN-RECEIVED", "round",
       [S_("TIME-WAIT", -30), (_XM - 30, _BOTTOM + 8), (_MARGIN_L - 8, _BOTTOM + 8),
        (_MARGIN_L - 8, _Y[2] + 10), W("SYN-RECEIVED", 10)],
       (_MARGIN_L - 14, _Y45, "r", "c"), 16),
)}

#: Edges drawn whether or not they are taken: the figure's. The others (dashed) appear when the
#: trace takes them.
ALWAYS_DRAWN = tuple(t.id for t in TRANSITIONS if t.in_figure)

# ---- "from any state" transitions (rcv RST, ABORT, crash...): one dashed edge per source ------
# Drawn only when taken, to the nearer CLOSED box. Where a figure edge already joins the two
# boxes they run beside it, inside; elsewhere they share "buses" along the margins.
ANY_EDGES: dict[str, EdgeSpec] = {e.source: e for e in (
    _e("any:CLOSED", "CLOSED", "CLOSED", "cubic",
       [N("CLOSED", -25), (_XM - 37, -60), (_XM + 17, -60), N("CLOSED", 10)],
       (_XM + 20, -40, "l", "c"), pills="lv"),
    _e("any:LISTEN", "LISTEN", "CLOSED", "round",
       [E("LISTEN", -4), (_XM + 110, _Y[1] - 4), (_XM + 110, 11), E("CLOSED", 11)],
       (_XM + 116, 18, "l", "t"), 12, wrap=72, pills="lv"),
    _e("any:SYN-SENT", "SYN-SENT", "CLOSED", "round",
       [N("SYN-SENT", 6), (_XR + 6, 11), E("CLOSED", 11)], (_XR, _Y[1] + 30, "r", "c"), 12,
       wrap=80, pills="lv"),
    _e("any:SYN-RECEIVED", "SYN-RECEIVED", "CLOSED", "round",
       [W("SYN-RECEIVED", -6), (_MARGIN_L, _Y[2] - 6), (_MARGIN_L, 9), W("CLOSED", 9)],
       (_MARGIN_L + 6, 14, "l", "t"), 14),
    _e("any:ESTABLISHED", "ESTABLISHED", END_CLOSED, "round",
       [E("ESTABLISHED", 8), (_CORRIDOR, _Y[3] + 8), (_CORRIDOR, _Y[6] - 10), W(END_CLOSED, -10)],
       (_CORRIDOR + 4, _Y45, "l", "c"), 12, wrap=60, pills="b"),
    _e("any:FIN-WAIT-1", "FIN-WAIT-1", END_CLOSED, "round",
       [W("FIN-WAIT-1", 8), (_MARGIN_L, _Y[4] + 8), (_MARGIN_L, _BOTTOM), (_XR, _BOTTOM),
        S_(END_CLOSED)], (_MARGIN_L + 8, _BOTTOM + 4, "l", "t"), 14),
    _e("any:FIN-WAIT-2", "FIN-WAIT-2", END_CLOSED, "round",
       [W("FIN-WAIT-2"), (_MARGIN_L, _Y[5]), (_MARGIN_L, _BOTTOM), (_XR, _BOTTOM),
        S_(END_CLOSED)], (_MARGIN_L + 8, _BOTTOM + 4, "l", "t"), 14),
    _e("any:CLOSE-WAIT", "CLOSE-WAIT", END_CLOSED, "round",
       [E("CLOSE-WAIT"), (_MARGIN_R, _Y[4]), (_MARGIN_R, _Y[6]), E(END_CLOSED)],
       (_MARGIN_R + 6, _Y45, "l", "c"), 14),
    _e("any:LAST-ACK", "LAST-ACK", END_CLOSED, "round",
       [E("LAST-ACK"), (_MARGIN_R, _Y[5]), (_MARGIN_R, _Y[6]), E(END_CLOSED)],
       (_MARGIN_R + 6, _Y56 + 6, "l", "c"), 14),
    _e("any:CLOSING", "CLOSING", END_CLOSED, "round",
       [E("CLOSING", 8), (_CORRIDOR, _Y[5] + 8), (_CORRIDOR, _Y[6] - 10), W(END_CLOSED, -10)],
       (_CORRIDOR + 4, _Y[5] + 18, "l", "c"), 12, wrap=60, pills="b"),
    _e("any:TIME-WAIT", "TIME-WAIT", END_CLOSED, "round",
       [S_("TIME-WAIT", 30), (_XM + 30, _BOTTOM), (_XR, _BOTTOM), S_(END_CLOSED)],
       ((_XM + _XR) / 2 + 10, _BOTTOM + 4, "c", "t"), 12),
)}

#: Labels that move aside while another edge is drawn: {label: (that edge, anchor meanwhile)}.
ALT_LABELS: dict[str, tuple[str, tuple[float, float, str, str]]] = {
    "lastack-rcv-ack": ("any:CLOSING", (_XR + 6, _Y56, "l", "c")),
    "synsent-close": ("any:LISTEN", (_XR - 1, 120, "r", "c")),
}


def edge_for(transition_id: str, source: State) -> EdgeSpec | None:
    """The edge that draws transition ``transition_id`` taken from state ``source``."""
    t = BY_ID.get(transition_id)
    if t is None:
        return None
    if t.source is None:
        return ANY_EDGES.get(PRIMARY[source]) if t.target is State.CLOSED else None
    return EDGES.get(transition_id)


# ---- geometry ---------------------------------------------------------------------------------

def _unit(dx: float, dy: float) -> Point:
    n = math.hypot(dx, dy)
    return (dx / n, dy / n) if n else (0.0, 0.0)


def offset_polygon(points, d: float) -> list[Point]:
    """Shift a control polygon sideways by ``d`` (positive: to the left of the direction of
    travel on screen, y down), mitring the corners; a good parallel for gentle curves too."""
    pts = list(points)
    out = []
    for i, (x, y) in enumerate(pts):
        normals = []
        if i > 0:
            tx, ty = _unit(x - pts[i - 1][0], y - pts[i - 1][1])
            normals.append((ty, -tx))
        if i < len(pts) - 1:
            tx, ty = _unit(pts[i + 1][0] - x, pts[i + 1][1] - y)
            normals.append((ty, -tx))
        nx = sum(n[0] for n in normals)
        ny = sum(n[1] for n in normals)
        nx, ny = _unit(nx, ny)
        cos_half = max(0.35, sum(nx * n[0] + ny * n[1] for n in normals) / len(normals))
        out.append((x + nx * d / cos_half, y + ny * d / cos_half))
    return out


def _end_direction(pts) -> Point:
    for i in range(len(pts) - 2, -1, -1):
        d = _unit(pts[-1][0] - pts[i][0], pts[-1][1] - pts[i][1])
        if d != (0.0, 0.0):
            return d
    return (0.0, 1.0)


def _trim_end(pts, length: float, kind: str) -> list[Point]:
    """Pull the last point back along the final direction, so a stroke stops under the
    arrowhead instead of poking through its tip."""
    dx, dy = _end_direction(pts)
    pts = list(pts)
    x, y = pts[-1]
    pts[-1] = (x - dx * length, y - dy * length)
    if kind == "cubic":
        cx, cy = pts[-2]
        pts[-2] = (cx - dx * length * 0.5, cy - dy * length * 0.5)
    return pts


def build_path(kind: str, pts, radius: float = 14.0) -> QPainterPath:
    path = QPainterPath(QPointF(*pts[0]))
    if kind == "cubic" and len(pts) == 4:
        path.cubicTo(QPointF(*pts[1]), QPointF(*pts[2]), QPointF(*pts[3]))
    elif kind == "round" and len(pts) > 2:
        for i in range(1, len(pts) - 1):
            (ax, ay), (bx, by), (cx, cy) = pts[i - 1], pts[i], pts[i + 1]
            la, lc = math.hypot(bx - ax, by - ay), math.hypot(cx - bx, cy - by)
            r = min(radius, la / 2, lc / 2)
            ux, uy = _unit(bx - ax, by - ay)
            vx, vy = _unit(cx - bx, cy - by)
            path.lineTo(QPointF(bx - ux * r, by - uy * r))
            path.quadTo(QPointF(bx, by), QPointF(bx + vx * r, by + vy * r))
        path.lineTo(QPointF(*pts[-1]))
    else:
        for p in pts[1:]:
            path.lineTo(QPointF(*p))
    return path


def self_check() -> list[str]:
    """Problems in the tables above (used by the tests): unknown nodes, figure edges that do
    not join their transition's states."""
    problems = []
    for tid, spec in EDGES.items():
        t = BY_ID.get(tid)
        if t is None:
            problems.append(f"{tid}: not a transition id")
            continue
        if NODES[spec.source].state is not t.source or NODES[spec.target].state is not t.target:
            problems.append(f"{tid}: drawn {spec.source}->{spec.target}, is {t.source}->{t.target}")
    for src, spec in ANY_EDGES.items():
        if NODES[spec.target].state is not State.CLOSED:
            problems.append(f"{src}: any-state edge does not end in CLOSED")
    for t in TRANSITIONS:
        if t.source is not None and t.id not in EDGES:
            problems.append(f"{t.id}: no route")
    return problems
