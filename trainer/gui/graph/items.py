"""The graphics items of the state graph, drawn in figure units (``layout``; y points down).

Plain ``QGraphicsItem``s (pyqtgraph's ``GraphicsObject`` runs change hooks for every item the
figure adds, and these items use none of what they serve); the widget puts them in one
``FigureItem`` inside pyqtgraph's view box.

Every item draws with non-cosmetic pens and pixel-sized fonts in figure units, so the same
``draw`` serves the screen (under the view's zoom, through a picture cache) and an export
painter (under a plain scale): ``StateGraphWidget.paint_export`` calls ``paint`` without a
widget, which draws directly. Items hold no model: the widget
tells them what to show (which hosts sit on a node, how often a host took an edge).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPainterPath,
    QPainterPathStroker, QPalette, QPen, QPixmap, QPolygonF, QTransform,
)
from PySide6.QtWidgets import QGraphicsItem

from trainer.gui import palette
from trainer.gui.graph import layout as L

HOSTS = ("A", "B")
#: Families tried in order; "Noto Sans CJK SC" keeps Han glyphs in their Simplified Chinese
#: shapes (Qt would otherwise fall back to the Japanese variant).
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                "WenQuanYi Micro Hei")

Z_EDGE, Z_LABEL, Z_NODE, Z_LEGEND, Z_ANIM = 1, 2, 3, 4, 5
EDGE_W, HOST_W, HOST_GAP = 1.3, 3.0, 2.4
ARROW_LEN, ARROW_HALF = 9.0, 3.8
HALO_GAP, HALO_W, BADGE_R = 4.0, 3.0, 7.0


#: Fonts already made, by (application font family, px, bold, italic): every paint asks for
#: them again, and building a QFont with its family list each time showed in the edit latency.
_FONTS: dict[tuple[str, int, bool, bool], QFont] = {}


def make_font(px: int, bold: bool = False, italic: bool = False) -> QFont:
    app = QGuiApplication.instance()
    base = app.font().family() if app is not None else "Sans Serif"
    key = (base, px, bold, italic)
    font = _FONTS.get(key)
    if font is None:
        font = QFont()
        font.setFamilies([base, *CJK_FAMILIES])
        font.setPixelSize(px)
        font.setBold(bold)
        font.setItalic(italic)
        # Unhinted outlines scale exactly, so text measured here fits at every zoom and in
        # exports.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        _FONTS[key] = font
    return QFont(font)  # a (cheap, shared) copy: callers may change theirs


_METRICS: dict[tuple[str, int, bool], QFontMetricsF] = {}


def font_metrics(px: int, bold: bool = False) -> QFontMetricsF:
    """``QFontMetricsF(make_font(px, bold))``, made once (asked for on every paint)."""
    app = QGuiApplication.instance()
    key = (app.font().family() if app is not None else "Sans Serif", px, bold)
    fm = _METRICS.get(key)
    if fm is None:
        fm = _METRICS[key] = QFontMetricsF(make_font(px, bold=bold))
    return fm


@dataclass(slots=True)
class Theme:
    """Colours taken from the widget's palette (light or dark)."""

    background: QColor
    text: QColor
    muted: QColor
    edge: QColor
    label_bg: QColor
    dark: bool

    @classmethod
    def from_palette(cls, pal: QPalette) -> "Theme":
        bg = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        dark = bg.lightness() < 128
        edge = _mix(text, bg, 0.62)
        muted = _mix(text, bg, 0.75)
        label_bg = QColor(bg)
        label_bg.setAlpha(215)
        return cls(bg, text, muted, edge, label_bg, dark)


def _mix(a: QColor, b: QColor, wa: float) -> QColor:
    wb = 1.0 - wa
    return QColor(round(a.red() * wa + b.red() * wb), round(a.green() * wa + b.green() * wb),
                  round(a.blue() * wa + b.blue() * wb))


def _readable_on(fill: QColor) -> QColor:
    lum = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor(20, 20, 20) if lum > 0.45 else QColor(250, 250, 250)


def _arrow(tip, direction, length=ARROW_LEN, half=ARROW_HALF) -> QPolygonF:
    (x, y), (dx, dy) = tip, direction
    bx, by = x - dx * length, y - dy * length
    return QPolygonF([QPointF(x, y), QPointF(bx - dy * half, by + dx * half),
                      QPointF(bx + dy * half, by - dx * half)])


def repaint(item) -> None:
    """Repaint ``item`` (its look changed): mark its area of the views showing it. A plain
    update of the viewport region, not ``item.update()``:

    ``item.update()`` goes through the scene's dirty-item pass, which ends by flushing the whole
    window's pending paint at once (``QGraphicsView`` dispatches the UpdateRequest right after
    its scene's pass). With the sequence diagram's scene doing the same, one edit painted the
    window twice: the diagram, then the graph. A viewport region marked here is painted by
    whichever flush comes first, together with the diagram."""
    scene = item.scene()
    if scene is None or not item.isVisible():
        return
    rect = item.sceneBoundingRect()
    for view in scene.views():
        area = view.mapFromScene(rect).boundingRect().adjusted(-2, -2, 2, 2)
        view.viewport().update(area)


#: Largest cached picture, in device pixels; a bigger item (zoomed far in) is drawn directly.
CACHE_MAX_PIXELS = 600 * 600
#: Pictures kept per item (its last few looks: a host arriving and leaving, a toggled edit).
PICTURES_PER_ITEM = 4


class FigureItem(QGraphicsItem):
    """Holds every item of the figure, so that the view box gets one child: it runs hooks for
    each item added to it (pyqtgraph's), and the figure's items need none of them."""

    def __init__(self):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return QRectF()

    def paint(self, *args) -> None:
        pass


class _Clickable(QGraphicsItem):
    """A figure item: reports left clicks to ``on_click(self)``, and paints on screen through
    pictures of itself at the view's scale (``draw`` makes them), one per ``look``.

    An edit changes a few items, but every item that meets the changed area is painted again;
    most of those only need their picture copied (~10x cheaper than drawing their text again),
    and an item going back to a look it had (a host leaving a state it had entered, an edit
    undone) finds that picture too. Qt's own item cache cannot be used: it is dropped by
    ``update()``, whose scene pass paints the window on its own (see ``repaint``).

    ``look()`` names everything ``draw`` shows that can change from step to step; whoever
    changes anything else it draws (geometry, theme, fonts) calls ``drop_cache``. Exports and
    prints (no widget) get vectors."""

    def __init__(self):
        super().__init__()
        self.on_click = None
        # (look, x scale, y scale, device pixel ratio) -> (pixmap, its corner relative to the
        # item's device origin); oldest first
        self._pictures: dict[tuple, tuple[QPixmap, QPointF]] = {}
        self._painted: set[tuple] = set()  # keys painted once, directly
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def look(self) -> tuple:
        return ()

    def drop_cache(self) -> None:
        self._pictures.clear()
        self._painted.clear()

    def draw(self, p: QPainter) -> None:  # pragma: no cover - every item overrides it
        raise NotImplementedError

    def paint(self, p: QPainter, option=None, widget=None) -> None:
        t = p.worldTransform()
        # (PySide's enums do not order: compare their values.)
        if widget is None or t.type().value > QTransform.TransformationType.TxScale.value:
            self.draw(p)  # an export, a print, or a rotated view: vectors
            return
        key = (self.look(), t.m11(), t.m22(), widget.devicePixelRatioF())
        picture = self._pictures.get(key)
        if picture is None:
            # A picture costs about twice a direct drawing: made only when the same look is
            # painted again at this scale (not for the first frame, nor while zooming).
            if key not in self._painted:
                if len(self._painted) >= 2 * PICTURES_PER_ITEM:
                    self._painted.clear()
                self._painted.add(key)
                self.draw(p)
                return
            picture = self._draw_picture(key, p.renderHints())
            if picture is None:
                self.draw(p)
                return
        pixmap, at = picture
        # The picture's corner on the device, on a whole pixel (as Qt's item cache does).
        p.save()
        p.setWorldTransform(QTransform())
        p.drawPixmap(QPointF(round(t.dx() + at.x()), round(t.dy() + at.y())), pixmap)
        p.restore()

    def _draw_picture(self, key: tuple, hints) -> tuple[QPixmap, QPointF] | None:
        """Draw and keep the picture for ``key``; None if it would be too big to keep."""
        _look, sx, sy, dpr = key
        scale = QTransform.fromScale(sx, sy)
        area = scale.mapRect(self.boundingRect())
        # One spare device pixel on each side for antialiased edges.
        w = math.ceil((area.width() + 2) * dpr)
        h = math.ceil((area.height() + 2) * dpr)
        if w * h > CACHE_MAX_PIXELS:
            return None
        pixmap = QPixmap(w, h)
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        q = QPainter(pixmap)
        q.setRenderHints(hints)
        q.setWorldTransform(scale * QTransform.fromTranslate(1 - area.left(), 1 - area.top()))
        self.draw(q)
        q.end()
        if len(self._pictures) >= PICTURES_PER_ITEM:
            del self._pictures[next(iter(self._pictures))]
        picture = self._pictures[key] = (pixmap, QPointF(area.left() - 1, area.top() - 1))
        return picture

    def mouseClickEvent(self, ev):  # noqa: N802 - pyqtgraph API
        if ev.button() == Qt.MouseButton.LeftButton and self.on_click is not None:
            ev.accept()
            self.on_click(self)


# ---- nodes ------------------------------------------------------------------------------------

class NodeItem(_Clickable):
    """A state box: RFC name (and, in Chinese, the textbook name), halos for the hosts there."""

    def __init__(self, spec: L.NodeSpec, theme: Theme):
        super().__init__()
        self.spec = spec
        self.theme = theme
        self.gloss = ""
        self.hosts: tuple[str, ...] = ()
        self.selected = False  # its explanation is open
        self.setZValue(Z_NODE)
        self._bounds = spec.rect.adjusted(-14, -14, 14, 14)

    @property
    def state(self):
        return self.spec.state

    def look(self) -> tuple:
        return (self.hosts, self.selected, self.gloss)

    def set_hosts(self, hosts: tuple[str, ...]) -> None:
        if hosts != self.hosts:
            self.hosts = hosts
            repaint(self)

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            repaint(self)

    def set_gloss(self, gloss: str) -> None:
        if gloss != self.gloss:
            self.gloss = gloss
            repaint(self)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.spec.rect, L.NODE_RADIUS, L.NODE_RADIUS)
        return path

    def draw(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = self.spec.rect
        # Host halos: one ring per host, A inside B, so both show when they share a state.
        for i, host in enumerate(self.hosts):
            gap = HALO_GAP + i * (HALO_W + 1.6)
            p.setPen(QPen(palette.host_color(host), HALO_W))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(-gap, -gap, gap, gap), L.NODE_RADIUS + gap,
                              L.NODE_RADIUS + gap)
        fill = palette.state_color(self.spec.state)
        pen = QPen(self.theme.text, 2.2) if self.selected else QPen(fill.darker(170), 1.2)
        if self.spec.alias:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(fill)
        p.drawRoundedRect(rect, L.NODE_RADIUS, L.NODE_RADIUS)
        ink = _readable_on(fill)
        p.setPen(ink)
        name_font = make_font(L.NAME_PX, bold=True)
        if self.gloss:
            p.setFont(name_font)
            top = QRectF(rect.left(), rect.top() + 2, rect.width(), rect.height() * 0.55)
            p.drawText(top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                       self.spec.state.value)
            p.setFont(make_font(L.GLOSS_PX))
            bottom = QRectF(rect.left(), rect.top() + rect.height() * 0.55, rect.width(),
                            rect.height() * 0.45 - 1)
            p.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       self.gloss)
        else:
            p.setFont(name_font)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.spec.state.value)
        # "A" / "B" badges on the outer ring's top corners (A left, B right).
        if self.hosts:
            gap = HALO_GAP + (len(self.hosts) - 1) * (HALO_W + 1.6)
            outer = rect.adjusted(-gap, -gap, gap, gap)
            for host in self.hosts:
                x = outer.left() + 6 if host == "A" else outer.right() - 6
                draw_badge(p, QPointF(x, outer.top()), host)


def draw_badge(p: QPainter, centre: QPointF, host: str, r: float = BADGE_R) -> None:
    color = palette.host_color(host)
    p.setPen(QPen(QColor(255, 255, 255), 1.2))
    p.setBrush(color)
    p.drawEllipse(centre, r, r)
    p.setPen(QColor(255, 255, 255))
    p.setFont(make_font(max(8, round(r * 1.45)), bold=True))
    p.drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter,
               host)


# ---- edges ------------------------------------------------------------------------------------

class EdgeItem(_Clickable):
    """One directed edge: a grey curve with an arrowhead, dashed when the RFC figure leaves it
    out; over it, a host-coloured stroke per host that took it (side by side when both did),
    and a glow for the transition taken by the step at the cursor."""

    def __init__(self, spec: L.EdgeSpec, theme: Theme, dashed: bool, transitions: tuple[str, ...]):
        super().__init__()
        self.spec = spec
        self.theme = theme
        self.dashed = dashed
        self.transitions = transitions  # the transition ids this edge draws
        self.counts: dict[str, int] = {}
        self.recent: tuple[str, ...] = ()
        self.hovered = False
        self.selected = False  # its explanation is open
        self.setZValue(Z_EDGE)
        self.setAcceptHoverEvents(True)
        self._base = spec.route.path(trim_end=ARROW_LEN * 0.6)
        stroker = QPainterPathStroker()
        stroker.setWidth(9.0)
        self.path_bounds = spec.route.path().boundingRect()
        self._shape = stroker.createStroke(spec.route.path())
        self._bounds = self._shape.boundingRect().adjusted(-8, -8, 8, 8)

    def set_traversals(self, counts: dict[str, int], recent: tuple[str, ...]) -> None:
        if counts != self.counts or recent != self.recent:
            self.counts = dict(counts)
            self.recent = recent
            repaint(self)

    def look(self) -> tuple:
        taken = tuple(h for h in HOSTS if self.counts.get(h))
        return (taken, self.recent, self.hovered, self.selected, self.dashed)

    def host_offset(self, host: str) -> float:
        both = all(self.counts.get(h) for h in HOSTS)
        if not both:
            return 0.0
        return -HOST_GAP if host == "A" else HOST_GAP

    def host_path(self, host: str) -> QPainterPath:
        return self.spec.route.path(offset=self.host_offset(host))

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def set_hovered(self, hovered: bool) -> None:
        if hovered != self.hovered:
            self.hovered = hovered
            repaint(self)

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            repaint(self)

    def hoverEnterEvent(self, ev):  # noqa: N802
        self.set_hovered(True)

    def hoverLeaveEvent(self, ev):  # noqa: N802
        self.set_hovered(False)

    def draw(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        route = self.spec.route
        strong = self.hovered or self.selected
        color = self.theme.text if strong else self.theme.edge
        pen = QPen(color, EDGE_W * (1.7 if strong else 1.0))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self.dashed:
            pen.setDashPattern([4.0, 3.0])
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self._base)
        tip, direction = route.end()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawPolygon(_arrow(tip, direction))
        for host in HOSTS:
            if not self.counts.get(host):
                continue
            off = self.host_offset(host)
            hc = palette.host_color(host)
            if host in self.recent:
                glow = QColor(hc)
                glow.setAlpha(70)
                gpen = QPen(glow, HOST_W + 6)
                gpen.setCapStyle(Qt.PenCapStyle.RoundCap)
                p.setPen(gpen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(route.path(offset=off, trim_end=ARROW_LEN * 0.8))
            hpen = QPen(hc, HOST_W)
            hpen.setCapStyle(Qt.PenCapStyle.FlatCap)
            hpen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if self.dashed:
                hpen.setDashPattern([2.2, 1.2])
            p.setPen(hpen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(route.path(offset=off, trim_end=ARROW_LEN * 0.8))
            htip, hdir = route.end(offset=off)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(hc)
            p.drawPolygon(_arrow(htip, hdir, ARROW_LEN + 1.5, ARROW_HALF + 1.3))


class LabelItem(_Clickable):
    """An edge's label in Figure 5's style: the event over a rule over the action, on a
    translucent background so that a line passing behind it does not hurt. A straddling label
    (``valign == "s"``) uses the edge itself as the rule. Several events on one edge (the
    "any state" ones) stack. Hosts that took the edge more than once get "A×n" pills."""

    GAP = 3.0   # between the rule and the text
    PAD = 2.0
    BLOCK_GAP = 2.0  # between stacked events

    def __init__(self, edge: EdgeItem, lines: list[tuple[str, str]], theme: Theme):
        super().__init__()
        self.edge = edge
        self.theme = theme
        self.setZValue(Z_LABEL)
        self.setAcceptHoverEvents(True)
        self.lines = lines
        self.anchor = edge.spec.label
        self._layout()

    def look(self) -> tuple:
        counts = self.edge.counts
        pills = tuple((h, counts[h]) for h in HOSTS if counts.get(h, 0) >= 2)
        return (self.edge.dashed, any(counts.values()), pills)

    def hoverEnterEvent(self, ev):  # noqa: N802
        self.edge.set_hovered(True)

    def hoverLeaveEvent(self, ev):  # noqa: N802
        self.edge.set_hovered(False)

    def set_anchor(self, anchor: tuple[float, float, str, str] | None) -> bool:
        """Move the label (``None``: back to its own place), e.g. to make room for another.
        Returns whether it moved."""
        anchor = anchor or self.edge.spec.label
        if anchor == self.anchor:
            return False
        self.prepareGeometryChange()
        self.anchor = anchor
        self._layout()
        self.drop_cache()
        self.update()
        return True

    def set_lines(self, lines: list[tuple[str, str]], force: bool = False) -> None:
        if force or lines != self.lines:
            self.prepareGeometryChange()
            self.lines = lines
            self._layout()
            self.drop_cache()
            self.update()

    def _blocks(self, fm: QFontMetricsF) -> list[tuple[list[str], list[str]]]:
        limit = self.edge.spec.wrap - 2 * self.PAD if self.edge.spec.wrap else 0.0
        return [(_wrap(event, fm, limit), _wrap(action, fm, limit))
                for event, action in self.lines]

    def _layout(self) -> None:
        # The figure's own edges get the full size, the dashed extras one pixel less.
        self.px = L.LABEL_PX - 1 if self.edge.dashed else L.LABEL_PX
        # Measured in bold: a taken edge's label is drawn bold and must still fit its box.
        fm = QFontMetricsF(make_font(self.px, bold=True))
        self.line_h = self.px * 1.16
        blocks = self._blocks(fm)
        width = max(fm.horizontalAdvance(t) for ev, act in blocks for t in ev + act)
        width += 2 * self.PAD
        x, y, halign, valign = self.anchor
        left = x if halign == "l" else x - width if halign == "r" else x - width / 2
        # rows: (text, rect); rules: y of each rule; parts: background rectangles
        self.rows: list[tuple[str, QRectF]] = []
        self.rules: list[tuple[float, float, float]] = []
        if valign == "s" and len(blocks) == 1:
            # Each half only as wide as its text, centred on the anchor: the halves must fit
            # between lines that run close to the edge.
            ev, act = blocks[0]
            self.parts = []
            for texts, top in ((ev, y - self.GAP - len(ev) * self.line_h), (act, y + self.GAP)):
                w = max(fm.horizontalAdvance(t) for t in texts) + 2 * self.PAD
                l0 = x if halign == "l" else x - w if halign == "r" else x - w / 2
                for i, t in enumerate(texts):
                    self.rows.append((t, QRectF(l0, top + i * self.line_h, w, self.line_h)))
                self.parts.append(QRectF(l0, top, w, len(texts) * self.line_h))
        else:
            height = sum((len(ev) + len(act)) * self.line_h + self.GAP for ev, act in blocks)
            height += self.BLOCK_GAP * (len(blocks) - 1) + 2 * self.PAD
            top = y if valign == "t" else y - height if valign == "b" else y - height / 2
            cy = top + self.PAD
            for ev, act in blocks:
                for t in ev:
                    self.rows.append((t, QRectF(left, cy, width, self.line_h)))
                    cy += self.line_h
                self.rules.append((cy + self.GAP / 2, left + self.PAD + 1,
                                   left + width - self.PAD - 1))
                cy += self.GAP
                for t in act:
                    self.rows.append((t, QRectF(left, cy, width, self.line_h)))
                    cy += self.line_h
                cy += self.BLOCK_GAP
            self.parts = [QRectF(left, top, width, height)]
        rect = QRectF()
        for part in self.parts:
            rect = rect.united(part)
        self.rect = rect
        self._bounds = rect.adjusted(-64, -4, 64, 22)

    def text(self) -> str:
        return "; ".join(f"{e} / {a}" for e, a in self.lines)

    def count_rects(self) -> list[tuple[str, QRectF]]:
        """Where the "A×n" pills go: in a row beside the label (by default on the side away
        from its anchor), or centred below it."""
        fm = font_metrics(L.SMALL_PX, bold=True)
        pills = []
        for host in HOSTS:
            n = self.edge.counts.get(host, 0)
            if n >= 2:
                text = f"{host}×{n}"
                pills.append((text, fm.horizontalAdvance(text) + 6))
        if not pills:
            return []
        h = L.SMALL_PX + 4
        total = sum(w for _, w in pills) + 2 * (len(pills) - 1)
        side = self.edge.spec.pills or ("l" if self.anchor[2] == "r" else "r")
        top = self.parts[-1].top()  # a straddling label: beside its lower half
        out = []
        if side in ("lv", "rv"):  # a column on the left / right
            for text, w in pills:
                x = self.rect.left() - 2 - w if side == "lv" else self.rect.right() + 2
                out.append((text, QRectF(x, top, w, h)))
                top += h + 2
            return out
        if side == "l":
            x = self.rect.left() - 2 - total
        elif side == "r":
            x = self.rect.right() + 2
        else:
            x = self.rect.center().x() - total / 2
            top = self.rect.bottom() + 2
        for text, w in pills:
            out.append((text, QRectF(x, top, w, h)))
            x += w + 2
        return out

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        for part in self.parts:
            path.addRect(part)
        return path

    def draw(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.theme.label_bg)
        for part in self.parts:
            p.drawRoundedRect(part, 3, 3)
        taken = any(self.edge.counts.values())
        ink = self.theme.text if (taken or not self.edge.dashed) else self.theme.muted
        p.setPen(ink)
        p.setFont(make_font(self.px, bold=taken))
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        for text, r in self.rows:
            p.drawText(r, centre, text)
        p.setPen(QPen(ink, 0.8))
        for y, x0, x1 in self.rules:
            p.drawLine(QPointF(x0, y), QPointF(x1, y))
        for text, r in self.count_rects():
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(palette.host_color(text[0]))
            p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
            p.setPen(QColor(255, 255, 255))
            p.setFont(make_font(L.SMALL_PX, bold=True))
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)


# ---- legend and animation ---------------------------------------------------------------------

class LegendItem(QGraphicsItem):
    """Host badges with the hosts' names, the dashed style, and Figure 5's "x" (no action)."""

    def __init__(self, theme: Theme, origin: QPointF):
        super().__init__()
        self.theme = theme
        self.origin = origin
        self.rows: list[list[tuple[str, str]]] = []
        self.setZValue(Z_LEGEND)
        self._bounds = QRectF()

    def set_rows(self, rows: list[list[tuple[str, str]]]) -> bool:
        """Rows of (kind, text) entries; kind is "A", "B", "dashed" or "x". Returns whether
        they changed."""
        if rows == self.rows:
            return False
        self.prepareGeometryChange()
        self.rows = rows
        fm = QFontMetricsF(make_font(L.SMALL_PX))
        width = 0.0
        for row in rows:
            width = max(width, sum(22 + fm.horizontalAdvance(t) + 12 for _, t in row))
        self._bounds = QRectF(self.origin.x(), self.origin.y(), width,
                              len(rows) * (L.SMALL_PX + 8))
        self.update()
        return True

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, p: QPainter, *args) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = make_font(L.SMALL_PX)
        fm = QFontMetricsF(font)
        row_h = L.SMALL_PX + 8
        for i, row in enumerate(self.rows):
            x = self.origin.x()
            cy = self.origin.y() + i * row_h + row_h / 2
            for kind, text in row:
                if kind in HOSTS:
                    draw_badge(p, QPointF(x + 7, cy), kind, 6.0)
                elif kind == "dashed":
                    pen = QPen(self.theme.edge, EDGE_W)
                    pen.setDashPattern([4.0, 3.0])
                    p.setPen(pen)
                    p.drawLine(QPointF(x, cy), QPointF(x + 17, cy))
                else:
                    p.setPen(self.theme.text)
                    p.setFont(make_font(L.LABEL_PX))
                    p.drawText(QRectF(x, cy - row_h / 2, 17, row_h), Qt.AlignmentFlag.AlignCenter,
                               kind)
                p.setPen(self.theme.muted)
                p.setFont(font)
                w = fm.horizontalAdvance(text)
                p.drawText(QRectF(x + 21, cy - row_h / 2, w + 2, row_h),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
                x += 22 + w + 12


class TransitionAnimation(QGraphicsItem):
    """A bright comet running along the edges just taken, one after the other.
    ``legs`` are (path, host colour); ``progress`` runs from 0 to len(legs)."""

    def __init__(self):
        super().__init__()
        self.legs: list[tuple[QPainterPath, QColor]] = []
        self.progress = 0.0
        self.setZValue(Z_ANIM)
        self._bounds = QRectF()

    def set_legs(self, legs) -> None:
        self.prepareGeometryChange()
        self.legs = legs
        rect = QRectF()
        for path, _ in legs:
            rect = rect.united(path.boundingRect())
        self._bounds = rect.adjusted(-12, -12, 12, 12)
        self.progress = 0.0
        self.update()

    def set_progress(self, value: float) -> None:
        self.progress = value
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, p: QPainter, *args) -> None:
        if not self.legs:
            return
        i = min(int(self.progress), len(self.legs) - 1)
        t = min(1.0, self.progress - i)
        path, color = self.legs[i]
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        tail = 0.35
        steps = 14
        for k in range(steps):  # the tail fades in toward the head
            a = max(0.0, t - tail + tail * k / steps)
            b = max(0.0, t - tail + tail * (k + 1) / steps)
            if b <= 0:
                continue
            c = QColor(color)
            c.setAlpha(int(40 + 180 * (k + 1) / steps))
            pen = QPen(c, 2.5 + 4.5 * (k + 1) / steps)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(path.pointAtPercent(a), path.pointAtPercent(b))
        head = path.pointAtPercent(t)
        p.setPen(QPen(QColor(255, 255, 255), 1.5))
        p.setBrush(color)
        p.drawEllipse(head, 5.5, 5.5)


def _wrap(text: str, fm: QFontMetricsF, limit: float) -> list[str]:
    """``text`` in lines no wider than ``limit`` (greedy, at spaces; a word longer than the
    limit gets a line of its own)."""
    if not limit or fm.horizontalAdvance(text) <= limit:
        return [text]
    lines: list[str] = []
    for word in text.split(" "):
        if lines and fm.horizontalAdvance(lines[-1] + " " + word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def label_lines(transitions) -> list[tuple[str, str]]:
    """(event, action) of each transition, each pair once."""
    seen = []
    for t in transitions:
        pair = (t.event, t.action)
        if pair not in seen:
            seen.append(pair)
    return seen


def angle_deg(direction) -> float:
    return math.degrees(math.atan2(direction[1], direction[0]))
