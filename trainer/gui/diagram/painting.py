"""Painting, shared by the interactive view (items, background, header) and the export."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from trainer.gui.diagram import style
from trainer.gui.diagram.axis import decimals_for, format_seconds
from trainer.gui.diagram.geometry import (
    CHIP_H, GUTTER, HEADER_H, LABEL_GAP, MARK_H, Chip, Ctx, MarkSpec, SegSpec, band_top,
)

ARROW_LEN = 9.0
ARROW_HALF = 4.0


def _pen(color: QColor, width: float, style_=Qt.PenStyle.SolidLine, round_caps: bool = False) -> QPen:
    # Round caps cost ~7x more to rasterize than flat ones (measured): only for short strokes.
    pen = QPen(color, width, style_)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap if round_caps else Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin if round_caps else Qt.PenJoinStyle.MiterJoin)
    return pen


# ---- segments ----------------------------------------------------------------------------------

def segment_color(spec: SegSpec, theme: style.Theme) -> QColor:
    if spec.severity in ("error", "warning"):
        return theme.severity(spec.severity)
    return theme.arrow


def paint_segment(p: QPainter, s: SegSpec, fonts: style.Fonts, theme: style.Theme) -> None:
    color = segment_color(s, theme)
    strong = s.severity in ("error", "warning")
    width = 2.0 if strong else 1.4
    p0, p1 = QPointF(*s.p0), QPointF(*s.p1)
    dx, dy = s.p1[0] - s.p0[0], s.p1[1] - s.p0[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    end = p1 if s.lost else QPointF(s.p1[0] - ux * (ARROW_LEN - 1), s.p1[1] - uy * (ARROW_LEN - 1))
    if s.selected:
        halo = QColor(theme.selection)
        halo.setAlpha(55)
        p.setPen(_pen(halo, 8.0))
        p.drawLine(p0, p1)
    line_style = Qt.PenStyle.DashLine if s.dup else Qt.PenStyle.SolidLine
    p.setPen(_pen(theme.selection if s.selected and not strong else color,
                  width + (0.6 if s.selected else 0), line_style))
    p.drawLine(p0, end)
    if s.stub is not None:
        stub_pen = _pen(color, width, Qt.PenStyle.DotLine)
        p.setPen(stub_pen)
        p.drawLine(QPointF(*s.stub), p0)
    head_color = theme.selection if s.selected and not strong else color
    if s.lost:
        r = 5.0
        p.setPen(_pen(theme.error if not strong else color, 2.2, round_caps=True))
        p.drawLine(QPointF(p1.x() - r, p1.y() - r), QPointF(p1.x() + r, p1.y() + r))
        p.drawLine(QPointF(p1.x() - r, p1.y() + r), QPointF(p1.x() + r, p1.y() - r))
    else:
        nx, ny = -uy, ux
        bx, by = s.p1[0] - ux * ARROW_LEN, s.p1[1] - uy * ARROW_LEN
        head = QPolygonF([p1, QPointF(bx + nx * ARROW_HALF, by + ny * ARROW_HALF),
                          QPointF(bx - nx * ARROW_HALF, by - ny * ARROW_HALF)])
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(head_color)
        p.drawPolygon(head)
        p.setBrush(Qt.BrushStyle.NoBrush)
    if s.show_label:
        paint_segment_label(p, s, fonts, theme)
    if s.selected:
        for pt in (p0, p1):
            p.setPen(_pen(theme.selection, 1.6))
            p.setBrush(theme.background)
            p.drawEllipse(pt, 4.0, 4.0)
        p.setBrush(Qt.BrushStyle.NoBrush)


def paint_segment_label(p: QPainter, s: SegSpec, fonts: style.Fonts, theme: style.Theme) -> None:
    p.save()
    p.translate(s.origin[0], s.origin[1])
    if s.angle:
        p.rotate(s.angle)
    base = -LABEL_GAP
    text_w = s.text_width()
    # A soft halo keeps the text readable where another arrow crosses it. Not antialiased: a
    # rotated antialiased fill costs ~20x more and the halo's edge is invisible anyway.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.halo)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.drawRect(QRectF(-2, base - s.ascent, text_w + 4, s.ascent + s.descent - 1))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    strong = s.severity in ("error", "warning")
    text_color = theme.severity(s.severity) if strong else theme.text
    p.setPen(text_color)
    p.setFont(fonts.flags)
    p.drawText(QPointF(0, base), s.flags)
    p.setFont(fonts.label)
    p.drawText(QPointF(s.w_flags + 4, base), s.rest)
    x = text_w + 6
    if s.tag:
        tm = fonts.metrics(fonts.tag)
        h = tm.ascent() + tm.descent() + 2
        rect = QRectF(x, base - s.ascent + (s.ascent + s.descent - h) / 2 - 1, s.w_tag + 10, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.tag_bg)
        p.drawRoundedRect(rect, h / 2, h / 2)
        p.setPen(theme.muted)
        p.setFont(fonts.tag)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, s.tag)
        x += s.w_tag + 10 + 6
    if s.severity:
        cy = base - s.ascent / 2 + 1
        paint_badge(p, QPointF(x + 7, cy), s.severity, fonts, theme)
        x += 20
    if s.hidden:
        p.setPen(theme.muted)
        p.setFont(fonts.small)
        p.drawText(QPointF(x + 2, base), f"+{s.hidden}")
    p.restore()


def paint_badge(p: QPainter, center: QPointF, severity: str, fonts: style.Fonts,
                theme: style.Theme, r: float = 6.5) -> None:
    color = theme.severity(severity)
    if severity == "info":
        p.setPen(_pen(color, 1.3))
        p.setBrush(theme.background)
        p.drawEllipse(center, r - 0.5, r - 0.5)
        glyph = "i"
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(center, r, r)
        color = QColor(255, 255, 255)
        glyph = "!"
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(color)
    p.setFont(fonts.badge)
    p.drawText(QRectF(center.x() - r, center.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, glyph)


def segment_shape(s: SegSpec) -> QPainterPath:
    """What a click hits: a band around the arrow, and the label box."""
    path = QPainterPath()
    dx, dy = s.p1[0] - s.p0[0], s.p1[1] - s.p0[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * 5, dx / length * 5
    path.addPolygon(QPolygonF([
        QPointF(s.p0[0] + nx, s.p0[1] + ny), QPointF(s.p1[0] + nx, s.p1[1] + ny),
        QPointF(s.p1[0] - nx, s.p1[1] - ny), QPointF(s.p0[0] - nx, s.p0[1] - ny)]))
    path.closeSubpath()
    if s.show_label:
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in s.label_poly()]))
        path.closeSubpath()
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


# ---- markers -----------------------------------------------------------------------------------

def paint_marker(p: QPainter, m: MarkSpec, fonts: style.Fonts, theme: style.Theme) -> None:
    sev_color = theme.severity(m.severity) if m.severity in ("error", "warning") else None
    if m.bracket is not None:
        bx, y0, y1, short = m.bracket
        color = sev_color or theme.timer
        p.setPen(_pen(color, 1.5))
        inward = 5.0 if m.host == "A" else -5.0
        p.drawLine(QPointF(bx, y0), QPointF(bx, y1))
        p.drawLine(QPointF(bx, y0), QPointF(bx + inward, y0))
        p.drawLine(QPointF(bx, y1), QPointF(bx + inward, y1))
        p.setFont(fonts.small)
        tw = fonts.width(fonts.small, short)
        if y1 - y0 > tw + 10:
            p.save()
            p.translate(bx - 3 if m.host == "A" else bx + 3, (y0 + y1) / 2)
            p.rotate(-90 if m.host == "A" else 90)
            p.setPen(color)
            p.drawText(QRectF(-tw / 2 - 4, -12, tw + 8, 12), Qt.AlignmentFlag.AlignCenter, short)
            p.restore()
    # leader from the lifeline to the label, when the label had to move down
    lx, top, w, h = m.label_rect()
    label_y = top + h / 2
    edge = m.x - 7 if m.host == "A" else m.x + 7
    near = lx + w if m.host == "A" else lx
    p.setPen(_pen(theme.muted, 0.8))
    if abs(label_y - m.y) > 2:
        p.drawPolyline(QPolygonF([QPointF(edge, m.y), QPointF((edge + near) / 2, m.y),
                                  QPointF(near, label_y)]))
    else:
        p.drawLine(QPointF(edge, m.y), QPointF(near, m.y))
    # label pill
    rect = QRectF(lx, top + 1, w, h - 2)
    fill = QColor(theme.background)
    p.setBrush(fill)
    border = sev_color or (theme.selection if m.selected else QColor(theme.muted))
    if not sev_color and not m.selected:
        border.setAlpha(110)
    p.setPen(_pen(border, 1.6 if (sev_color or m.selected) else 1.0))
    p.drawRoundedRect(rect, 4, 4)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(sev_color or theme.text)
    p.setFont(fonts.marker)
    p.drawText(rect.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
               fonts.metrics(fonts.marker).elidedText(m.text, Qt.TextElideMode.ElideRight, m.text_w + 1))
    # glyph on the lifeline
    c = QPointF(m.x, m.y)
    if m.selected:
        halo = QColor(theme.selection)
        halo.setAlpha(70)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(halo)
        p.drawEllipse(c, 10, 10)
    if m.kind == "call":
        ring = sev_color or theme.arrow  # not the host colour: B's orange would read as a warning
        p.setPen(_pen(ring, 2.0))
        p.setBrush(theme.background)
        p.drawEllipse(c, 5.5, 5.5)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ring)
        p.drawEllipse(c, 2.2, 2.2)
    elif m.kind == "timeout":
        color = sev_color or theme.timer
        p.setPen(_pen(color, 1.8))
        p.setBrush(theme.background)
        p.drawEllipse(c, 6.5, 6.5)
        p.drawLine(c, QPointF(m.x, m.y - 4))
        p.drawLine(c, QPointF(m.x + 3, m.y + 1.5))
    else:
        bolt = QPolygonF([QPointF(m.x + 2, m.y - 9), QPointF(m.x - 5, m.y + 1), QPointF(m.x - 0.5, m.y + 1),
                          QPointF(m.x - 2, m.y + 9), QPointF(m.x + 5, m.y - 1.5),
                          QPointF(m.x + 0.5, m.y - 1.5)])
        p.setPen(_pen(theme.background, 1.2))
        p.setBrush(theme.crash)
        p.drawPolygon(bolt)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if m.severity:
        bx = lx - 10 if m.host == "A" else lx + w + 10
        paint_badge(p, QPointF(bx, top + h / 2), m.severity, fonts, theme, r=6.0)


def marker_shape(m: MarkSpec) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(m.x, m.y), 9, 9)
    x, top, w, h = m.label_rect()
    path.addRect(QRectF(x, top, w, h))
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


# ---- background: axis, folds, bands, chips -------------------------------------------------------

def paint_axis(p: QPainter, ctx: Ctx, rect: QRectF, theme: style.Theme) -> None:
    axis, hl, fonts = ctx.axis, ctx.hl, ctx.fonts
    y0, y1 = max(rect.top(), 0.0), min(rect.bottom(), axis.content_bottom)
    step, ticks = axis.ticks(y0 - 20, y1 + 20)
    dec = decimals_for(step)
    x_axis = GUTTER - 0.5
    # Lines of one pen in one call each: painted on every repaint of the diagram.
    p.setPen(_pen(theme.grid, 1.0))
    p.drawLines([QLineF(GUTTER + 2, y, hl.width - 4, y) for y, _ in ticks])
    p.setPen(_pen(theme.muted, 1.0))
    p.drawLines([QLineF(x_axis - 5, y, x_axis, y) for y, _ in ticks])
    # minor ticks
    minor = step / 5 if axis.k * step / 5 >= 8 else step / 2
    minor_lines = []
    for ya, yb in axis.linear_pieces(y0, y1):
        ta, tb = axis.t(ya), axis.t(yb)
        n0, n1 = math.ceil(ta / minor), math.floor(tb / minor)
        if n1 - n0 > 600:
            continue
        for n in range(n0, n1 + 1):
            y = axis.y(n * minor)
            minor_lines.append(QLineF(x_axis - 2.5, y, x_axis, y))
    p.setPen(_pen(theme.muted, 0.8))
    p.drawLines(minor_lines)
    p.setPen(_pen(theme.muted, 1.0))
    p.drawLine(QPointF(x_axis, max(y0, 0.0)), QPointF(x_axis, y1))
    p.setFont(fonts.axis)
    p.setPen(theme.muted)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for y, t in ticks:
        p.drawText(QRectF(0, y - 8, GUTTER - 9, 16), right, format_seconds(t, dec))


def paint_folds(p: QPainter, ctx: Ctx, rect: QRectF, theme: style.Theme) -> None:
    axis, hl, fonts = ctx.axis, ctx.hl, ctx.fonts
    for k in axis.fold_indices(rect.top() - 10, rect.bottom() + 10):
        t0, t1, fy0, fy1 = axis.folds[k]
        band = QRectF(0, fy0, hl.width, fy1 - fy0)
        p.fillRect(band, theme.fold)
        pen = _pen(theme.muted, 1.0)
        p.setPen(pen)
        for yy in (fy0 + 6, fy1 - 6):
            zig = QPolygonF()
            x = 2.0
            up = True
            while x < hl.width:
                zig.append(QPointF(x, yy + (-3 if up else 3)))
                x += 7
                up = not up
            p.drawPolyline(zig)
        text = QCoreApplication.translate("SequenceDiagram", "+%1 s").replace(
            "%1", style.seconds(axis.fold_gaps[k], 3))
        p.setFont(fonts.axis)
        p.setPen(theme.muted)
        p.drawText(QRectF(0, fy0, GUTTER - 6, fy1 - fy0),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)


def paint_bands(p: QPainter, ctx: Ctx, chips: dict[str, list[Chip]], rect: QRectF,
                theme: style.Theme, sticky_top: float | None = None) -> None:
    """The state bands on both lifelines and their name chips. ``sticky_top``: the visible top
    (interactive view), where the chip of a state that began above stays visible."""
    hl, axis = ctx.hl, ctx.axis
    top_limit = band_top()
    bottom_limit = axis.content_bottom - 20
    r0, r1 = rect.top() - 2, rect.bottom() + 2
    for host in ("A", "B"):
        x = hl.x[host] - hl.band / 2
        for chip in chips[host]:
            y0 = max(chip.y_start, top_limit)
            y1 = min(chip.y_end, bottom_limit)
            if y1 < r0 or y0 > r1 or y1 - y0 < 0.5:
                continue
            color = theme.state(chip.state)
            p.fillRect(QRectF(x, y0, hl.band, y1 - y0), color)
            p.fillRect(QRectF(x, y0, hl.band, 1.2), theme.background)  # a seam between states
        # chips
        for chip in chips[host]:
            top = chip.top
            if sticky_top is not None and top < sticky_top + 2 and chip.y_end > sticky_top + CHIP_H + 6 \
                    and chip.y_start < sticky_top:
                top = min(sticky_top + 2, chip.y_end - CHIP_H - 2)
            if top + CHIP_H < r0 or top > r1:
                continue
            paint_chip(p, ctx, chip, top, theme)


#: Chip outlines at the origin, by (host, width): square on the band side, round outside.
_CHIP_PATHS: dict[tuple[str, float], QPainterPath] = {}


def _chip_path(host: str, w: float) -> QPainterPath:
    path = _CHIP_PATHS.get((host, w))
    if path is None:
        if len(_CHIP_PATHS) > 512:
            _CHIP_PATHS.clear()
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        round_part = QRectF(0, 0, w, CHIP_H)
        path.addRoundedRect(round_part, 4.0, 4.0)
        square = QRectF(w / 2, 0, w / 2, CHIP_H) if host == "A" else QRectF(0, 0, w / 2, CHIP_H)
        path.addRect(square)
        path = _CHIP_PATHS[(host, w)] = path.simplified()
    return path


def paint_chip(p: QPainter, ctx: Ctx, chip: Chip, top: float, theme: style.Theme) -> None:
    hl, fonts = ctx.hl, ctx.fonts
    host = chip.host
    w = chip.width
    if host == "A":
        rect = QRectF(hl.outer_edge("A") - w, top, w, CHIP_H)
    else:
        rect = QRectF(hl.outer_edge("B"), top, w, CHIP_H)
    color = theme.state(chip.state)
    fill = theme.state(chip.state, 70 if not theme.dark else 110)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.background)
    p.drawRect(rect)
    p.setBrush(fill)
    p.drawPath(_chip_path(host, w).translated(rect.left(), rect.top()))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(color.darker(260) if not theme.dark else color.lighter(170))
    p.setFont(fonts.chip)
    name = fonts.elided(fonts.chip, chip.state.value, w - 8)
    p.drawText(rect.adjusted(5, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter |
               (Qt.AlignmentFlag.AlignRight if host == "A" else Qt.AlignmentFlag.AlignLeft), name)


def paint_overview(p: QPainter, ctx: Ctx, rect: QRectF, visible: list[int], theme: style.Theme) -> None:
    """Zoomed far out: every visible segment as a thin line, no labels, and how many segments
    each stretch of the axis holds."""
    d, axis, hl, fonts = ctx.derived, ctx.axis, ctx.hl, ctx.fonts
    events = ctx.trace.events
    segs = [i for i in visible if d.is_seg[i]]
    # More lines than pixel rows add nothing but time.
    stride = max(1, len(segs) // max(200, int(rect.height() * 1.5)))
    lines_by_color: dict[str, list[QLineF]] = {}
    for i in segs[::stride]:
        ev = events[i]
        y0 = axis.y(ev.send_time)
        xs, xr = hl.inner_edge(ev.sender), hl.inner_edge(ev.receiver)
        if ev.arrive_time is None:
            x1, y1 = xs + 0.58 * (xr - xs), y0 + 0.58 * ctx.flight_px(ev.send_time)
        else:
            x1, y1 = xr, axis.y(ev.arrive_time)
        sev = d.worst.get(i)
        key = sev.value if sev is not None and sev.value != "info" else "plain"
        lines_by_color.setdefault(key, []).append(QLineF(xs, y0, x1, y1))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # thousands of thin lines: 7x faster
    for key in ("plain", "warning", "error"):
        lines = lines_by_color.get(key)
        if not lines:
            continue
        color = theme.arrow if key == "plain" else theme.severity(key)
        if key == "plain":  # lighter, but opaque: blending costs ~4x per line (measured)
            bg, fg = theme.background, color
            color = QColor((fg.red() * 6 + bg.red() * 4) // 10, (fg.green() * 6 + bg.green() * 4) // 10,
                           (fg.blue() * 6 + bg.blue() * 4) // 10)
        p.setPen(_pen(color, 1.0 if key == "plain" else 1.6))
        p.drawLines(lines)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # counts per labelled tick interval, in the middle
    step, ticks = axis.ticks(rect.top() - 40, rect.bottom() + 40, min_px=90)
    if len(ticks) < 2 or not segs:
        return
    sends = [events[i].send_time for i in segs]
    p.setFont(fonts.small)
    for (ya, ta), (yb, tb) in zip(ticks, ticks[1:]):
        count = sum(1 for t in sends if ta <= t < tb)
        if not count:
            continue
        text = QCoreApplication.translate("SequenceDiagram", "%n segment(s)", None, count)
        w = fonts.width(fonts.small, text) + 12
        box = QRectF(hl.mid - w / 2, (ya + yb) / 2 - 9, w, 18)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.halo)
        p.drawRoundedRect(box, 9, 9)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(theme.muted)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def paint_overview_markers(p: QPainter, ctx: Ctx, visible: list[int], theme: style.Theme) -> None:
    d, axis, hl = ctx.derived, ctx.axis, ctx.hl
    events = ctx.trace.events
    for i in visible:
        if d.is_seg[i]:
            continue
        ev = events[i]
        c = QPointF(hl.x[ev.host], axis.y(ev.time))
        p.setPen(_pen(theme.host(ev.host), 1.6))
        p.setBrush(theme.background)
        p.drawEllipse(c, 4, 4)
    p.setBrush(Qt.BrushStyle.NoBrush)


# ---- the time cursor ---------------------------------------------------------------------------

def paint_cursor(p: QPainter, ctx: Ctx, y: float, t: float | None, theme: style.Theme) -> None:
    hl, fonts = ctx.hl, ctx.fonts
    color = QColor(theme.cursor)
    y = math.floor(y) + 0.5  # on a pixel row: a crisp line, not two half-tone ones
    pen = _pen(color, 1.0, Qt.PenStyle.DashLine)
    pen.setDashPattern([6, 3])
    p.setPen(pen)
    p.drawLine(QPointF(GUTTER, y), QPointF(hl.width - 4, y))
    text = style.seconds(t, 6) if t is not None else QCoreApplication.translate("SequenceDiagram", "start")
    p.setFont(fonts.axis)
    w = fonts.width(fonts.axis, text) + 10
    box = QRectF(GUTTER - w - 2, y - 8, w, 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(box, 3, 3)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QColor(255, 255, 255))
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


# ---- the header: host boxes above the lifelines --------------------------------------------------

def paint_header(p: QPainter, ctx: Ctx, theme: style.Theme, top: float = 0.0,
                 states: tuple | None = None) -> None:
    hl, fonts, trace = ctx.hl, ctx.fonts, ctx.trace
    p.fillRect(QRectF(0, top, hl.width, HEADER_H), theme.header_bg)
    p.setPen(_pen(QColor(theme.muted.red(), theme.muted.green(), theme.muted.blue(), 90), 1.0))
    p.drawLine(QPointF(0, top + HEADER_H - 0.5), QPointF(hl.width, top + HEADER_H - 0.5))
    p.setFont(fonts.axis)
    p.setPen(theme.muted)
    p.drawText(QRectF(0, top, GUTTER - 6, HEADER_H - 6),
               Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
               QCoreApplication.translate("SequenceDiagram", "time (s)"))
    for host in ("A", "B"):
        spec = trace.hosts.get(host)
        name = (spec.name if spec and spec.name else host)
        role = spec.role if spec else None
        address = spec.address if spec else None
        sub = []
        if role:
            sub.append(style.tr(style.HOST_ROLE_TEXT[role]) if role in style.HOST_ROLE_TEXT else role)
        if address:
            sub.append(address)
        sub_text = " · ".join(sub)
        color = theme.host(host)
        w_name = fonts.width(fonts.header_name, name)
        w_sub = fonts.width(fonts.header_sub, sub_text) if sub_text else 0
        # Centred on the lifeline where there is room; in a narrow view the box may use its half
        # of the header (over the bracket or the margin, not the axis title), never the middle.
        lo, hi = (GUTTER + 2, hl.mid - 4) if host == "A" else (hl.mid + 4, hl.width - 4)
        box_w = min(max(w_name + 40, w_sub + 24, 120), max(2 * hl.notes + hl.band, 240.0), hi - lo)
        box_x = min(max(hl.x[host] - box_w / 2, lo), hi - box_w)
        box = QRectF(box_x, top + 6, box_w, HEADER_H - 14)
        fill = QColor(color)
        fill.setAlpha(26 if not theme.dark else 60)
        p.setPen(_pen(color, 1.2))
        p.setBrush(theme.background)
        p.drawRoundedRect(box, 6, 6)
        p.setBrush(fill)
        p.drawRoundedRect(box, 6, 6)
        p.setBrush(Qt.BrushStyle.NoBrush)
        # letter badge
        badge_r = 8.5
        name_h = 18 if sub_text else box.height()
        name_top = box.top() + (4 if sub_text else 0)
        badge_w = 2 * badge_r + 6 if name != host else 0.0
        shown = name
        if badge_w + w_name > box_w - 12:  # a narrow box: elide the name, keep the badge
            shown = fonts.metrics(fonts.header_name).elidedText(
                name, Qt.TextElideMode.ElideRight, max(12.0, box_w - 12 - badge_w))
            w_name = fonts.width(fonts.header_name, shown)
        total = badge_w + w_name
        start = box.center().x() - total / 2
        if name != host:
            c = QPointF(start + badge_r, name_top + name_h / 2)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawEllipse(c, badge_r, badge_r)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QColor(255, 255, 255))
            p.setFont(fonts.badge)
            p.drawText(QRectF(c.x() - badge_r, c.y() - badge_r, 2 * badge_r, 2 * badge_r),
                       Qt.AlignmentFlag.AlignCenter, host)
            start += 2 * badge_r + 6
        p.setPen(color.darker(135) if not theme.dark else color.lighter(130))
        p.setFont(fonts.header_name)
        p.drawText(QRectF(start, name_top, w_name + 2, name_h),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
        if sub_text:
            p.setPen(theme.muted)
            p.setFont(fonts.header_sub)
            sub_rect = QRectF(box.left() + 6, name_top + name_h, box.width() - 12,
                              box.bottom() - name_top - name_h - 2)
            p.drawText(sub_rect,
                       Qt.AlignmentFlag.AlignCenter,
                       fonts.metrics(fonts.header_sub).elidedText(sub_text, Qt.TextElideMode.ElideMiddle,
                                                                  box.width() - 12))
        # the lifeline stub below the box
        p.setPen(_pen(color, 2.0))
        p.drawLine(QPointF(hl.x[host], box.bottom()), QPointF(hl.x[host], top + HEADER_H))


__all__ = [
    "paint_segment", "paint_marker", "paint_axis", "paint_folds", "paint_bands", "paint_overview",
    "paint_overview_markers", "paint_cursor", "paint_header", "segment_shape", "marker_shape",
    "MARK_H",
]
