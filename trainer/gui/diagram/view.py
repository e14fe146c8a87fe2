"""The editable two-host sequence diagram.

A plain ``QGraphicsScene`` that is *not* the model: it draws ``doc.trace`` and ``doc.result`` and
every edit goes through a command on ``doc.undo_stack``. The view subscribes to
``doc.changed`` / ``cursorChanged`` / ``selectionChanged``.

Drawing is lazy: the axis, the state bands and their chips are painted straight from sorted
data for the exposed rectangle (``drawBackground``); segments and markers get a graphics item
only while they are in (or near) the viewport, so a 20,000-segment trace never holds more than
a screenful of items. Zoomed far out (too many events in view to label), the view paints thin
lines and per-interval counts instead of items.

Interactions (see also the context menu, which lists the keys):

* **New segment**: press on a lifeline and drag to the other one; let go there at the arrival
  time. Let go before the middle and the segment is *lost*. A plain click or a short drag does
  nothing. Flags and numbers are filled in from the sender's state (``suggest``).
* **Select**: click an arrow or a marker (the time cursor moves to its step); click empty space
  to move the time cursor there. Arrow keys walk through the events in time order.
* **Move an end**: the selected arrow shows handles at both ends; drag one up or down to change
  the send or arrival time (crossing arrows are fine). A drag that *starts* sideways from a
  lifeline always sends a new segment instead (the reply leaving where the selected arrow
  arrives). Once an arrival end is moving, pull it back across the middle to make the segment
  lost; drag a lost segment's ✕ over to the receiver to deliver it.
  Dragging an arrow by its body moves both times; dragging a marker moves its time. Times snap
  to other events' times within a few pixels, else to a step that suits the zoom. A drag is one
  undo step.
* **Edit**: double-click an arrow (or Enter / F2): flags and fields in the trace notation.
* **Keys** (also in the context menu): Up/Down (Left/Right) walk the events, Home/End jump,
  Delete removes, Enter/F2 edits, Ctrl+L lost/arrived, Ctrl+D old duplicate, Ctrl+G suggest
  seq/ack (the main window's Edit menu uses the same keys), Esc cancels a drag or deselects.
* Ctrl + mouse wheel zooms about the mouse.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import time
from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication as _Q
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsScene, QGraphicsView, QMenu, QToolTip, QWidget,
)

from trainer.engine.trace import Call, CallKind, Crash, Segment, Timeout, Timer
from trainer.gui.commands import InsertEventCommand, RemoveEventCommand, ReplaceEventCommand
from trainer.gui.diagram import geometry, painting, style
from trainer.gui.diagram.axis import TOP_PAD, TimeAxis, decimals_for, default_scale, fit_scale
from trainer.gui.diagram.derived import INF, Derived
from trainer.gui.diagram.editor import SegmentEditor
from trainer.gui.diagram.geometry import HEADER_H, Ctx, HLayout
from trainer.gui.diagram.items import MarkerItem, SegmentItem
from trainer.gui.diagram.labels import EditError, edit_bases, edit_text, label_text, parse_edit
from trainer.gui.diagram.suggest import new_segment, suggest
from trainer.gui.document import Change, TraceDocument

OVERVIEW_LIMIT = 320      # more events than this in view: thin lines and counts, no items
SYNC_MARGIN = 160.0       # pixels beyond the viewport that still get items
DRAG_THRESHOLD = 5        # pixels before a press becomes a drag
SNAP_PX = 6.0             # snap to another event's time within this many pixels
SNAP_STEP_PX = 4.0        # else to a round time: the nice step at least this many pixels long
CREATE_MIN_DX = 36.0      # a new segment needs to leave its lifeline by this much
HANDLE_PX = 8.0           # grab radius of the selected arrow's end handles
SLOW_PUSH = 0.08          # seconds: slower re-checks make a drag preview locally until release
LIVE_DRAG_EVENTS = 2000   # longer traces preview drags locally from the start
ZOOM_STEP = 1.25

_drag_ids = itertools.count(1)


def _event_time(ev) -> float:
    return ev.send_time if isinstance(ev, Segment) else ev.time


@dataclass
class _Drag:
    press_view: QPoint
    press_scene: QPointF
    handle: tuple[int, str] | None
    item_event: int | None
    on_marker: bool
    host: str | None
    mode: str = "pending"  # pending, create, end, body, marker, none
    event: int | None = None
    end: str | None = None
    original: object = None
    current: object = None
    pushed: object = None
    merge_key: object = None
    live: bool = True
    t0: float = 0.0
    template: Segment | None = None
    pos: QPointF | None = None


class _Header(QWidget):
    """The host boxes above the scrolling diagram (they stay put while it scrolls)."""

    def __init__(self, view: "SequenceDiagramView"):
        super().__init__(view)
        self._view = view
        self.setObjectName("SequenceDiagramHeader")

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painting.paint_header(p, self._view._ctx, self._view._theme)
        p.end()


class SequenceDiagramView(QGraphicsView):
    """The sequence diagram of ``doc``: two lifelines, time downward, one arrow per segment."""

    #: A one-line hint about what the mouse would do here (for a status bar).
    statusHint = Signal(str)

    def __init__(self, doc: TraceDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("SequenceDiagramView")
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self._scene = scene
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setViewportMargins(0, HEADER_H, 0, 0)
        self.setMinimumSize(420, 260)

        self._lang = style.current_language()
        self._fonts = style.Fonts(self._lang)
        self._theme = style.Theme()
        self._relative = False
        self._suggest_enabled = True
        self._k: float | None = None
        self._items: dict[int, SegmentItem | MarkerItem] = {}
        self._overview = False
        self._visible: list[int] = []
        self._drag: _Drag | None = None
        self._editor: SegmentEditor | None = None
        self._editing: int | None = None
        self._editing_bases: dict[str, int | None] = {}  # what the editor's numbers are relative to
        self._slow_doc = False
        self._context_host: str | None = None
        self._chips: dict = {"A": [], "B": []}
        self._generation = 0
        self._mark_tops: dict[int, float] = {}

        derived = Derived(doc.trace, doc.result)
        self._ctx = Ctx(doc.trace, derived, TimeAxis(derived.times, 400.0), HLayout(self.viewport().width()),
                        self._fonts, selected=doc.selected)
        self._header = _Header(self)
        self._relayout()

        doc.changed.connect(self._on_changed)
        doc.cursorChanged.connect(self._on_cursor)
        doc.selectionChanged.connect(self._on_selection)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # ==== public API ===========================================================================
    def set_relative_numbers(self, relative: bool) -> None:
        """Show seq/ack relative to each host's ISS (Wireshark style) or absolute."""
        relative = bool(relative)
        if relative != self._relative:
            self._close_editor()  # its numbers were written the other way
            self._relative = relative
            self._ctx.relative = relative
            self._sync_items()

    def relative_numbers(self) -> bool:
        return self._relative

    def set_suggest_enabled(self, enabled: bool) -> None:
        """Exam mode turns suggestions off: ``suggest_selected`` does nothing and new segments
        copy the numbers of the sender's previous segment."""
        self._suggest_enabled = bool(enabled)

    def suggest_enabled(self) -> bool:
        return self._suggest_enabled

    def delete_selected(self) -> bool:
        i = self.doc.selected
        if i is None:
            return False
        n_before = len(self.doc.trace.events)
        self.doc.undo_stack.push(RemoveEventCommand(self.doc, i, self._describe_delete(i)))
        n = len(self.doc.trace.events)
        if n and n < n_before:
            self._select(min(i, n - 1))
        return True

    def toggle_lost_selected(self) -> bool:
        seg = self._selected_segment()
        if seg is None:
            return False
        i = self.doc.selected
        if seg.arrive_time is None:
            new = dataclasses.replace(seg, arrive_time=self._default_arrival(seg.send_time))
            text = _Q.translate("SequenceDiagram", "Mark segment as arrived")
        else:
            new = dataclasses.replace(seg, arrive_time=None)
            text = _Q.translate("SequenceDiagram", "Mark segment as lost")
        self.doc.undo_stack.push(ReplaceEventCommand(self.doc, i, new, text))
        return True

    def toggle_duplicate_selected(self) -> bool:
        seg = self._selected_segment()
        if seg is None:
            return False
        new = dataclasses.replace(seg, old_duplicate=not seg.old_duplicate)
        if new.old_duplicate:
            text = _Q.translate("SequenceDiagram", "Mark as old duplicate")
        else:
            text = _Q.translate("SequenceDiagram", "Unmark old duplicate")
        self.doc.undo_stack.push(ReplaceEventCommand(self.doc, self.doc.selected, new, text))
        return True

    def insert_call(self, kind: CallKind, host: str | None = None) -> int:
        """Insert a user call at the time cursor on the selected event's host (else A)."""
        kind = CallKind(kind)
        host = host or self._insertion_host()
        nbytes = 100 if kind is CallKind.SEND else 0
        event = Call(host, self._insertion_time(), kind, nbytes)
        text = _Q.translate("SequenceDiagram", "Insert %1").replace("%1", style.call_text(kind, nbytes))
        return self._insert(event, text)

    def insert_timeout(self, timer: Timer, host: str | None = None) -> int:
        """Insert a timeout at the time cursor on the selected event's host (else A)."""
        timer = Timer(timer)
        host = host or self._insertion_host()
        event = Timeout(host, self._insertion_time(), timer)
        text = _Q.translate("SequenceDiagram", "Insert %1").replace("%1", style.tr(style.TIMEOUT_TEXT[timer]))
        return self._insert(event, text)

    def insert_crash(self, host: str) -> int:
        """Insert a crash of ``host`` ("A" or "B") at the time cursor."""
        if host not in ("A", "B"):
            raise ValueError(f"host must be 'A' or 'B', not {host!r}")
        event = Crash(host, self._insertion_time())
        text = _Q.translate("SequenceDiagram", "Insert crash of %1").replace("%1", self._name(host))
        return self._insert(event, text)

    def suggest_selected(self) -> bool:
        """Fill in the seq/ack the engine expects for the selected segment (one undo step)."""
        if not self._suggest_enabled:
            return False
        i = self.doc.selected
        if i is None or not isinstance(self.doc.trace.events[i], Segment):
            return False
        d = self._ctx.derived
        new = suggest(self.doc.trace, self.doc.result, d.findings_by_step, i, d.first_step[i])
        if new is None:
            return False
        text = _Q.translate("SequenceDiagram", "Suggest seq/ack")
        self.doc.undo_stack.push(ReplaceEventCommand(self.doc, i, new, text))
        return True

    def edit_selected(self) -> bool:
        """Open the inline editor on the selected segment."""
        i = self.doc.selected
        if i is None or not isinstance(self.doc.trace.events[i], Segment):
            return False
        self._open_editor(i)
        return True

    def export_rect(self) -> QRectF:
        """The whole diagram, host boxes included, in the coordinates ``paint_export`` uses.
        Its width is the view's (resize the view first to export at another width; this works
        without ever showing it)."""
        self._follow_width()
        return QRectF(0, -HEADER_H, self._ctx.hl.width, HEADER_H + self._ctx.axis.content_bottom)

    def paint_export(self, painter: QPainter, target: QRectF) -> None:
        """Paint the whole diagram (every event, not only what is on screen) into ``target``,
        keeping proportions; for PNG/SVG/PDF export and printing."""
        src = self.export_rect()  # (also lays out for the current width)
        if src.width() <= 0 or src.height() <= 0 or target.width() <= 0 or target.height() <= 0:
            return
        scale = min(target.width() / src.width(), target.height() / src.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(target.left() + (target.width() - src.width() * scale) / 2,
                          target.top() + (target.height() - src.height() * scale) / 2)
        painter.scale(scale, scale)
        painter.translate(-src.left(), -src.top())
        painter.fillRect(src, self._theme.background)
        ctx = self._export_ctx()
        body = QRectF(0, 0, src.width(), ctx.axis.content_bottom)
        painter.save()
        painter.setClipRect(body)
        painting.paint_axis(painter, ctx, body, self._theme)
        painting.paint_folds(painter, ctx, body, self._theme)
        painting.paint_bands(painter, ctx, self._chips, body, self._theme)
        segs, marks = [], []
        for i, ev in enumerate(ctx.trace.events):
            if isinstance(ev, Segment):
                segs.append(geometry.segment_spec(ctx, i, ev))
            else:
                marks.append(geometry.marker_spec(ctx, i, ev, self._mark_tops.get(i)))
        geometry.place_labels(segs)
        for s in segs:
            painting.paint_segment(painter, s, ctx.fonts, self._theme)
        for m in marks:
            painting.paint_marker(painter, m, ctx.fonts, self._theme)
        painter.restore()
        painting.paint_header(painter, ctx, self._theme, top=-HEADER_H)
        painter.restore()

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def zoom_fit(self) -> None:
        """Fit the whole trace into the viewport: its height (within readable limits) and its
        width (the layout follows the viewport's width; only below ``geometry.MIN_WIDTH`` does
        the view scroll sideways, and then it shows the middle, between the two lifelines)."""
        times = self._ctx.derived.times
        height = max(80.0, self.viewport().height() - TOP_PAD - 40)
        cap = default_scale(times, self._ctx.derived.flight) * 2
        self._k = fit_scale(times, height, cap, self._ctx.derived.busy)
        self._relayout()
        self.verticalScrollBar().setValue(0)
        hbar = self.horizontalScrollBar()
        if hbar.maximum() > hbar.minimum():
            hl = self._ctx.hl
            hbar.setValue(int(round(hl.mid - self.viewport().width() / 2)))
        else:
            hbar.setValue(hbar.minimum())
        self._sync_items()

    # ---- read access (tests, main window) -------------------------------------------------------
    def item_for_event(self, index: int) -> SegmentItem | MarkerItem | None:
        """The graphics item of event ``index`` if it is currently drawn as an item."""
        return self._items.get(index)

    def items_in_view(self) -> dict[int, SegmentItem | MarkerItem]:
        return dict(self._items)

    def is_overview(self) -> bool:
        return self._overview

    def pixels_per_second(self) -> float:
        """The current zoom."""
        return self._ctx.axis.k

    def time_to_y(self, t: float) -> float:
        return self._ctx.axis.y(t)

    def y_to_time(self, y: float) -> float:
        return self._ctx.axis.t(y)

    def lifeline_x(self, host: str) -> float:
        return self._ctx.hl.x[host]

    def state_intervals(self, host: str) -> list[tuple[float, float, object]]:
        """The state bands drawn on ``host``'s lifeline: ``(t_start, t_end, state)``; the first
        starts at ``-inf``, the last ends at ``+inf``."""
        return [(iv.t0, iv.t1, iv.state) for iv in self._ctx.derived.intervals[host]]

    def state_chips(self, host: str) -> list[geometry.Chip]:
        return list(self._chips[host])

    def event_tooltip(self, index: int) -> str:
        """The tooltip (rich text) of event ``index``: label, timing, role and findings."""
        return self._tooltip_for_event(index)

    def editor(self) -> SegmentEditor | None:
        return self._editor

    # ==== layout ================================================================================
    def _export_ctx(self) -> Ctx:
        ctx = dataclasses.replace(self._ctx, selected=None, override={})
        return ctx

    def _relayout(self, anchor_view_y: float | None = None) -> None:
        """Rebuild the axis for the current zoom and width, keep the time at ``anchor_view_y``
        where it was, and update every drawn item."""
        self._invalidate()
        ctx = self._ctx
        d = ctx.derived
        vbar = self.verticalScrollBar()
        anchor_t = None
        if anchor_view_y is not None:
            anchor_t = ctx.axis.t(vbar.value() + anchor_view_y)
        if self._k is None:
            self._k = default_scale(d.times, d.flight)
        ctx.axis = TimeAxis(d.times, self._k, d.busy)
        self._k = ctx.axis.k
        old_width, old_fonts = ctx.hl.width, ctx.fonts
        ctx.hl = HLayout(self._layout_width())
        ctx.fonts = self._fonts
        self._chips, self._mark_tops = geometry.layout_notes(ctx)
        height = max(ctx.axis.content_bottom, float(self.viewport().height()))
        self._scene.setSceneRect(0, 0, ctx.hl.width, height)
        if anchor_t is not None:
            vbar.setValue(int(round(ctx.axis.y(anchor_t) - anchor_view_y)))
        if ctx.hl.width != old_width or ctx.fonts is not old_fonts:
            # The host boxes show the hosts at this width, nothing that an event changes.
            self._header.update()
        self._sync_items()

    def _layout_width(self) -> float:
        """The width to lay out for: the viewport's, or (never shown yet, so no resize event
        has arrived) what it will be at the view's current size."""
        if self.isVisible():
            return float(self.viewport().width())
        return float(self.width() - 2 * self.frameWidth())

    def _follow_width(self) -> None:
        if abs(self._ctx.hl.width - max(geometry.MIN_WIDTH, self._layout_width())) > 0.5:
            self._relayout()

    def _zoom_by(self, factor: float, anchor_view_y: float | None = None) -> None:
        if anchor_view_y is None:
            anchor_view_y = self.viewport().height() / 2
        self._k = (self._k or 400.0) * factor
        self._relayout(anchor_view_y)

    def _visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _on_scrolled(self, _value: int) -> None:
        self._sync_items(scrolled_only=True)

    def _invalidate(self) -> None:
        """Something specs depend on changed (layout, data, selection, language...): every
        item's spec is built again on the next sync, not only the new items'."""
        self._generation += 1

    def _sync_items(self, scrolled_only: bool = False) -> None:
        """Give every event in (or near) the viewport an up-to-date item; drop the others.
        ``scrolled_only``: nothing changed but the scroll position, so the items already there
        keep their specs."""
        if not scrolled_only:
            self._invalidate()
        ctx = self._ctx
        rect = self._visible_scene_rect()
        t0 = ctx.axis.t(rect.top() - SYNC_MARGIN)
        t1 = ctx.axis.t(rect.bottom() + SYNC_MARGIN)
        vis = ctx.derived.visible(t0, t1)
        if ctx.override:  # an event being dragged stays drawn wherever it is dragged to
            shown = set(vis)
            extra = [i for i in ctx.override if i not in shown]
            if extra:
                vis = vis + extra
        self._visible = vis
        if len(vis) > OVERVIEW_LIMIT:
            if self._items:
                self._clear_items()
            self._overview = True
            self.viewport().update()
            return
        self._overview = False
        wanted = set(vis)
        for i in [i for i in self._items if i not in wanted]:
            self._scene.removeItem(self._items.pop(i))
        seg_specs = []
        mark_specs = []
        gen = self._generation
        for i in sorted(wanted):
            item = self._items.get(i)
            if item is not None and item.generation == gen and i not in ctx.override:
                # Only scrolled: the spec still holds (labels are placed again below).
                spec = dataclasses.replace(item.spec) if item.kind == "segment" else item.spec
                (seg_specs if item.kind == "segment" else mark_specs).append(spec)
                continue
            ev = ctx.event(i)
            if isinstance(ev, Segment):
                seg_specs.append(geometry.segment_spec(ctx, i, ev))
            else:
                mark_specs.append(geometry.marker_spec(ctx, i, ev, self._mark_tops.get(i)))
        geometry.place_labels(seg_specs)
        for spec in seg_specs:
            self._apply_spec(spec, SegmentItem)
        for spec in mark_specs:
            self._apply_spec(spec, MarkerItem)
        self.viewport().update()

    def _apply_spec(self, spec, cls) -> None:
        item = self._items.get(spec.event)
        if item is not None and not isinstance(item, cls):
            self._scene.removeItem(item)
            item = None
        if item is None:
            item = cls(spec, self._fonts, self._theme)
            self._items[spec.event] = item
            self._scene.addItem(item)
        else:
            item.set_spec(spec, self._fonts, self._theme)
        item.generation = self._generation

    def _clear_items(self) -> None:
        for item in self._items.values():
            self._scene.removeItem(item)
        self._items.clear()

    # ==== document signals ======================================================================
    def _on_changed(self, change: Change) -> None:
        if self._editor is not None and self._editing is not None and \
                change != Change(updated=(self._editing,)):
            self._close_editor()
        if self._drag is not None and self._drag.mode != "pending" and (
                change.reset or change.inserted or change.removed):
            self._cancel_drag()
        if change.reset or change.hosts:
            self._clear_items()
        else:
            for r in change.removed:
                item = self._items.pop(r, None)
                if item is not None:
                    self._scene.removeItem(item)
                self._rekey(lambda i: i - 1 if i > r else i)
            for ins in change.inserted:
                self._rekey(lambda i: i + 1 if i >= ins else i)
        self._ctx.trace = self.doc.trace
        self._ctx.derived = Derived(self.doc.trace, self.doc.result)
        self._ctx.selected = self.doc.selected
        if change.reset:
            # A new trace (a scenario, the text pane): keep the zoom unless it no longer suits.
            d = self._ctx.derived
            fresh = default_scale(d.times, d.flight)
            if not d.times or self._k is None or not fresh / 4 <= self._k <= fresh * 4:
                self._k = None
        self._relayout()
        if change.hosts or change.reset:
            self._header.update()

    def _rekey(self, f) -> None:
        items = {}
        for i, item in self._items.items():
            items[f(i)] = item
        self._items = items

    def _stale(self) -> bool:
        """Inside a document mutation, before ``changed`` arrives (the document emits
        ``selectionChanged`` first when it removes the selected event)."""
        return self._ctx.derived.n != len(self.doc.trace.events) or self._ctx.trace is not self.doc.trace

    def _on_selection(self, index) -> None:
        self._ctx.selected = index
        if self._stale():
            return
        self._sync_items()
        if index is not None:
            self._ensure_event_visible(index)

    def _on_cursor(self, _step: int) -> None:
        if self._stale():
            return
        y = self._cursor_y()
        rect = self._visible_scene_rect()
        if y is not None and not (rect.top() + 20 <= y <= rect.bottom() - 20) and self._drag is None:
            self.verticalScrollBar().setValue(int(y - rect.height() / 3))
        self.viewport().update()

    def _ensure_event_visible(self, index: int) -> None:
        if self._drag is not None and self._drag.mode != "pending":
            return
        d = self._ctx.derived
        if index >= d.n:
            return
        y0 = self._ctx.axis.y(float(d.lo[index]))
        y1 = self._ctx.axis.y(float(d.hi[index]))
        rect = self._visible_scene_rect()
        if y0 >= rect.top() + 10 and y1 <= rect.bottom() - 10:
            return
        if y0 >= rect.top() + 10 and y1 - y0 > rect.height():
            return
        self.verticalScrollBar().setValue(int(y0 - rect.height() / 3))

    # ==== painting ==============================================================================
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt API
        painter.fillRect(rect, self._theme.background)
        ctx = self._ctx
        painting.paint_axis(painter, ctx, rect, self._theme)
        painting.paint_folds(painter, ctx, rect, self._theme)
        sticky = self._visible_scene_rect().top()
        painting.paint_bands(painter, ctx, self._chips, rect, self._theme, sticky_top=sticky)
        if self._overview:
            painting.paint_overview(painter, ctx, rect, self._visible, self._theme)
            painting.paint_overview_markers(painter, ctx, self._visible, self._theme)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt API
        ctx = self._ctx
        y = self._cursor_y()
        if y is not None:
            c = self.doc.cursor
            t = self.doc.result.steps[c].time if c >= 0 and self.doc.result.steps else None
            painting.paint_cursor(painter, ctx, y, t, self._theme)
        d = self._drag
        if d is not None and d.mode == "create" and d.pos is not None:
            self._paint_create_preview(painter, d)
        if not ctx.trace.events:
            self._paint_empty_hint(painter, rect)

    def _cursor_y(self) -> float | None:
        steps = self.doc.result.steps
        c = self.doc.cursor
        if not steps:
            return None
        if c < 0:
            return TOP_PAD - 16
        return self._ctx.axis.y(steps[min(c, len(steps) - 1)].time)

    def _paint_create_preview(self, p: QPainter, d: _Drag) -> None:
        ctx = self._ctx
        hl, axis = ctx.hl, ctx.axis
        sender = d.host
        receiver = "B" if sender == "A" else "A"
        p0 = QPointF(hl.inner_edge(sender), axis.y(d.t0))
        arrive = self._create_arrival(d)
        pen = QPen(self._theme.selection, 1.8, Qt.PenStyle.DashLine)
        p.setPen(pen)
        if arrive is None:
            p1 = QPointF(d.pos)
            p.drawLine(p0, p1)
            r = 5
            p.setPen(QPen(self._theme.error, 2.2))
            p.drawLine(QPointF(p1.x() - r, p1.y() - r), QPointF(p1.x() + r, p1.y() + r))
            p.drawLine(QPointF(p1.x() - r, p1.y() + r), QPointF(p1.x() + r, p1.y() - r))
        else:
            p1 = QPointF(hl.inner_edge(receiver), axis.y(arrive))
            p.drawLine(p0, p1)
            p.setBrush(self._theme.selection)
            p.drawEllipse(p1, 3.5, 3.5)
            p.setBrush(Qt.BrushStyle.NoBrush)
        if d.template is not None:
            text = label_text(d.template, self._relative, ctx.derived.bases_at_time(d.t0))
            if arrive is None:
                text += "  (" + _Q.translate("SequenceDiagram", "lost") + ")"
            else:
                text += "  @" + style.seconds(arrive, 6)
            p.setFont(self._fonts.label)
            w = self._fonts.width(self._fonts.label, text)
            x = min(max(hl.x["A"] + 12, (p0.x() + p1.x()) / 2 - w / 2), hl.x["B"] - w - 12)
            box = QRectF(x - 4, min(p0.y(), p1.y()) - 24, w + 8, 18)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._theme.halo)
            p.drawRoundedRect(box, 3, 3)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(self._theme.selection)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_empty_hint(self, p: QPainter, rect: QRectF) -> None:
        hl = self._ctx.hl
        text = _Q.translate("SequenceDiagram",
                            "Drag from one lifeline to the other to send a segment.\n"
                            "Right-click a lifeline to add a user call, a timeout or a crash.")
        p.setFont(self._fonts.label)
        p.setPen(self._theme.muted)
        box = QRectF(hl.x["A"] + 24, TOP_PAD + 40, hl.x["B"] - hl.x["A"] - 48, 80)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    # ==== Qt events =============================================================================
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        fw = self.frameWidth()
        self._header.setGeometry(fw, fw, self.viewport().width(), HEADER_H)
        if abs(self._ctx.hl.width - max(geometry.MIN_WIDTH, self._layout_width())) > 0.5 or \
                self._scene.sceneRect().height() < self.viewport().height():
            self._relayout(anchor_view_y=0)
        else:
            self._sync_items()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._sync_items()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.LanguageChange:
            self._retranslate()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._theme = style.Theme()
            self._sync_items()
            self._header.update()
        elif kind == QEvent.Type.FontChange:
            self._fonts = style.Fonts(self._lang)
            self._relayout()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._lang = style.current_language()
        self._fonts = style.Fonts(self._lang)
        self._ctx.fonts = self._fonts
        # labels, tags and marker texts are re-rendered; every visible item gets a new spec
        for item in self._items.values():
            item.fonts = self._fonts
        self._relayout()
        self._header.update()
        if self._editor is not None:
            self._editor.retranslate()

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()
            html = self._tooltip_at(pos)
            if html:
                QToolTip.showText(event.globalPos(), html, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self._zoom_by(ZOOM_STEP ** (delta / 120), anchor_view_y=event.position().y())
            event.accept()
            return
        super().wheelEvent(event)

    # ---- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        sp = self.mapToScene(pos)
        item = self._item_at(pos)
        self._drag = _Drag(
            press_view=pos, press_scene=sp, handle=self._handle_at(sp),
            item_event=item.event_index if item is not None else None,
            on_marker=isinstance(item, MarkerItem), host=self._ctx.hl.host_at(sp.x()))
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        pos = event.position().toPoint()
        d = self._drag
        if d is None or not event.buttons() & Qt.MouseButton.LeftButton:
            self._hover(pos)
            super().mouseMoveEvent(event)
            return
        sp = self.mapToScene(pos)
        if d.mode == "pending":
            delta = pos - d.press_view
            if abs(delta.x()) + abs(delta.y()) < DRAG_THRESHOLD:
                return
            self._start_drag(d, delta)
        if d.mode == "create":
            d.pos = sp
            self.viewport().update()
        elif d.mode in ("end", "body", "marker"):
            self._drag_to(d, sp)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        d = self._drag
        if d is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._drag = None
        sp = self.mapToScene(event.position().toPoint())
        if d.mode == "pending":
            self._click(d)
        elif d.mode == "create":
            d.pos = sp
            self._finish_create(d)
        elif d.mode in ("end", "body", "marker"):
            self._drag_to(d, sp)
            self._finish_move(d)
        self.viewport().update()
        self._hover(event.position().toPoint())
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        item = self._item_at(event.position().toPoint())
        if isinstance(item, SegmentItem):
            self._drag = None
            self._select(item.event_index)
            self._open_editor(item.event_index)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _hover(self, pos: QPoint) -> None:
        sp = self.mapToScene(pos)
        if self._handle_at(sp) is not None:
            self.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
            self.statusHint.emit(_Q.translate(
                "SequenceDiagram", "Drag up or down to change this time; pull the arrival back "
                                   "across the middle to lose the segment"))
            return
        item = self._item_at(pos)
        host = self._ctx.hl.host_at(sp.x())
        if host is not None:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
            self.statusHint.emit(_Q.translate("SequenceDiagram",
                                              "Drag to the other lifeline to send a segment from %1")
                                 .replace("%1", self._name(host)))
        elif item is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
            self.statusHint.emit(_Q.translate("SequenceDiagram",
                                              "Click to select, drag to move, double-click to edit"))
        else:
            self.viewport().unsetCursor()
            self.statusHint.emit("")

    def _item_at(self, pos: QPoint):
        for item in self.items(pos):
            if isinstance(item, (SegmentItem, MarkerItem)):
                return item
        return None

    def _handle_at(self, sp: QPointF) -> tuple[int, str] | None:
        i = self.doc.selected
        item = self._items.get(i) if i is not None else None
        if not isinstance(item, SegmentItem):
            return None
        p0, p1 = item.line()
        for end, pt in (("arrive", p1), ("send", p0)):
            if math.hypot(pt.x() - sp.x(), pt.y() - sp.y()) <= HANDLE_PX:
                return i, end
        return None

    def _click(self, d: _Drag) -> None:
        if d.handle is not None:
            return
        if d.item_event is not None:
            self._select(d.item_event)
            return
        # empty space: move the time cursor to the last step at or before that time
        t = self._ctx.axis.t(d.press_scene.y())
        self.doc.select(None)
        self.doc.set_cursor(self._ctx.derived.last_step_at(t + 1e-12))

    def _select(self, index: int | None) -> None:
        self.doc.select(index)
        if index is not None and index < self._ctx.derived.n:
            step = self._ctx.derived.first_step[index]
            if step >= 0:
                self.doc.set_cursor(step)

    # ---- drags ----------------------------------------------------------------------------------
    def _start_drag(self, d: _Drag, delta: QPoint) -> None:
        horizontal = abs(delta.x()) >= abs(delta.y())
        on_lifeline = d.handle is not None and not (
            d.handle[1] == "arrive" and self.doc.trace.events[d.handle[0]].arrive_time is None)
        if d.handle is not None and not (horizontal and on_lifeline and d.host is not None):
            # An end handle moves when the drag starts vertically (or it is a lost one's ✕);
            # a sideways drag from a lifeline always sends a new segment, e.g. the reply that
            # leaves where the selected arrow arrives.
            d.mode, d.event, d.end = "end", d.handle[0], d.handle[1]
        elif d.host is not None and (horizontal or d.item_event is None):
            d.mode = "create"
            d.t0 = self._snap_time(d.press_scene.y())
            ctx = self._ctx
            d.template = new_segment(self.doc.trace, self.doc.result, ctx.derived, d.host, d.t0, None,
                                     self._suggest_enabled)
            return
        elif d.item_event is not None:
            d.mode, d.event = ("marker" if d.on_marker else "body"), d.item_event
        else:
            d.mode = "none"
            return
        d.original = d.current = d.pushed = self.doc.trace.events[d.event]
        d.merge_key = ("diagram-drag", next(_drag_ids))
        # Re-checking a long trace on every mouse move would stall the drag: preview locally
        # and push once on release (still one undo step either way).
        d.live = not self._slow_doc and len(self.doc.trace.events) <= LIVE_DRAG_EVENTS
        if self.doc.selected != d.event:
            self._select(d.event)

    def _drag_to(self, d: _Drag, sp: QPointF) -> None:
        ev = d.original
        axis = self._ctx.axis
        if d.mode == "end":
            if d.end == "send":
                t = self._snap_time(sp.y())
                if ev.arrive_time is not None:
                    t = min(t, ev.arrive_time)
                new = dataclasses.replace(ev, send_time=t)
            else:
                if self._ctx.hl.side_of(sp.x()) == ev.sender:
                    new = dataclasses.replace(ev, arrive_time=None)
                else:
                    t = max(self._snap_time(sp.y()), ev.send_time)
                    new = dataclasses.replace(ev, arrive_time=t)
        else:
            start = ev.send_time if isinstance(ev, Segment) else ev.time
            y = axis.y(start) + (sp.y() - d.press_scene.y())
            t = self._snap_time(y)
            if isinstance(ev, Segment):
                dt = t - ev.send_time
                arrive = None if ev.arrive_time is None else self._round_time(ev.arrive_time + dt)
                new = dataclasses.replace(ev, send_time=t, arrive_time=arrive)
            else:
                new = dataclasses.replace(ev, time=t)
        if new == d.current:
            return
        d.current = new
        if d.live:
            self._push_move(d)
        else:
            self._ctx.override[d.event] = new
            self._sync_items()

    def _push_move(self, d: _Drag) -> None:
        if d.current == d.pushed:
            return
        text = {"end": _Q.translate("SequenceDiagram", "Move segment end"),
                "body": _Q.translate("SequenceDiagram", "Move segment"),
                "marker": _Q.translate("SequenceDiagram", "Move event")}[d.mode]
        started = time.perf_counter()
        self.doc.undo_stack.push(ReplaceEventCommand(self.doc, d.event, d.current, text, d.merge_key))
        d.pushed = d.current
        if time.perf_counter() - started > SLOW_PUSH:
            d.live = False
            self._slow_doc = True

    def _finish_move(self, d: _Drag) -> None:
        self._ctx.override.pop(d.event, None)
        if d.current != d.pushed:
            self._push_move(d)
        else:
            self._sync_items()

    def _cancel_drag(self) -> None:
        d = self._drag
        self._drag = None
        if d is not None and d.event is not None:
            self._ctx.override.pop(d.event, None)
        self.viewport().update()

    def _create_arrival(self, d: _Drag) -> float | None:
        if d.pos is None or self._ctx.hl.side_of(d.pos.x()) == d.host:
            return None
        return max(self._snap_time(d.pos.y()), d.t0)

    def _finish_create(self, d: _Drag) -> None:
        hl = self._ctx.hl
        if abs(d.pos.x() - hl.x[d.host]) < CREATE_MIN_DX:
            self.viewport().update()
            return
        arrive = self._create_arrival(d)
        seg = dataclasses.replace(d.template, arrive_time=arrive)
        index = self._insert_index(seg.send_time)
        text = _Q.translate("SequenceDiagram", "Add segment")
        self.doc.undo_stack.push(InsertEventCommand(self.doc, index, seg, text))
        self._select(index)

    def _snap_time(self, y: float) -> float:
        """The time at scene ``y``: another event's time within a few pixels, else a round one."""
        axis = self._ctx.axis
        t = axis.t(y)
        times = self._ctx.derived.times
        j = bisect_left(times, t)
        best, best_d = None, SNAP_PX + 1
        for c in (j - 1, j):
            if 0 <= c < len(times):
                dist = abs(axis.y(times[c]) - y)
                if dist <= SNAP_PX and dist < best_d:
                    best, best_d = times[c], dist
        if best is not None:
            return best
        step = axis.snap_step(SNAP_STEP_PX) if not axis.in_fold(t) else axis.snap_step(SNAP_STEP_PX) * 10
        return max(0.0, self._round_time(round(t / step) * step, step))

    def _round_time(self, t: float, step: float | None = None) -> float:
        step = step or self._ctx.axis.snap_step(SNAP_STEP_PX)
        return round(t, min(9, decimals_for(step) + 2))

    # ---- insertion helpers ----------------------------------------------------------------------
    def _insert_index(self, t: float) -> int:
        """Just after the last event at or before ``t`` in file order."""
        last = -1
        for j, ev in enumerate(self.doc.trace.events):
            if _event_time(ev) <= t:
                last = j
        return last + 1

    def _insertion_host(self) -> str:
        if self._context_host is not None:
            return self._context_host
        i = self.doc.selected
        if i is not None and i < len(self.doc.trace.events):
            ev = self.doc.trace.events[i]
            return ev.sender if isinstance(ev, Segment) else ev.host
        return "A"

    def _insertion_time(self) -> float:
        """The time cursor's time; after a send, halfway to the next step (a call at the very
        instant of a send would be processed before it)."""
        steps = self.doc.result.steps
        if not steps:
            return 0.0
        c = self.doc.cursor
        if c < 0:
            return steps[0].time
        st = steps[min(c, len(steps) - 1)]
        if st.kind != "send":
            return st.time
        later = next((s.time for s in steps[st.index + 1:st.index + 200] if s.time > st.time), None)
        if later is None:
            return self._round_time(st.time + self._ctx.axis.snap_step(40.0))
        mid = (st.time + later) / 2
        step = self._ctx.axis.snap_step(4.0)
        snapped = self._round_time(round(mid / step) * step, step)
        return snapped if st.time < snapped < later else mid

    def _insert(self, event, text: str) -> int:
        index = self._insert_index(_event_time(event))
        self.doc.undo_stack.push(InsertEventCommand(self.doc, index, event, text))
        self._select(index)
        return index

    def _default_arrival(self, send_time: float) -> float:
        flight = self._ctx.derived.flight or self._ctx.axis.snap_step(60.0)
        return self._round_time(send_time + flight)

    def _selected_segment(self) -> Segment | None:
        i = self.doc.selected
        if i is None or i >= len(self.doc.trace.events):
            return None
        ev = self.doc.trace.events[i]
        return ev if isinstance(ev, Segment) else None

    def _name(self, host: str) -> str:
        return self.doc.trace.host_name(host)

    def _describe_delete(self, i: int) -> str:
        ev = self.doc.trace.events[i]
        if isinstance(ev, Segment):
            return _Q.translate("SequenceDiagram", "Delete %1").replace("%1", label_text(ev))
        return _Q.translate("SequenceDiagram", "Delete %1").replace("%1", geometry.marker_text(ev))

    # ---- inline editor --------------------------------------------------------------------------
    def _open_editor(self, index: int) -> None:
        self._close_editor()
        seg = self.doc.trace.events[index]
        self._ensure_event_visible(index)
        self._sync_items()
        self._editing = index
        # With relative numbers on, the editor shows (and reads) the numbers the arrow shows.
        self._editing_bases = edit_bases(seg, self._relative, self._ctx.derived.bases(index))
        relative = any(b is not None for b in self._editing_bases.values())
        editor = SegmentEditor(self.viewport(), edit_text(seg, self._editing_bases),
                               self._submit_edit, relative=relative)
        editor.closed.connect(self._editor_closed)
        self._editor = editor
        item = self._items.get(index)
        editor.adjustSize()
        w, h = max(editor.sizeHint().width(), 340), editor.sizeHint().height()
        if isinstance(item, SegmentItem):
            p0, p1 = item.line()
            mid = self.mapFromScene(QPointF((p0.x() + p1.x()) / 2, (p0.y() + p1.y()) / 2))
            x, y = mid.x() - w / 2, mid.y() + 8
        else:
            x, y = (self.viewport().width() - w) / 2, 20
        vw, vh = self.viewport().width(), self.viewport().height()
        x = int(min(max(4, x), max(4, vw - w - 4)))
        y = int(min(max(4, y), max(4, vh - h - 4)))
        editor.setGeometry(x, y, w, h)
        editor.show()
        editor.raise_()
        editor.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit_edit(self, text: str):
        index = self._editing
        if index is None or index >= len(self.doc.trace.events):
            return None
        seg = self.doc.trace.events[index]
        try:
            new = parse_edit(text, seg, self._editing_bases)
        except EditError as exc:
            return exc.message(self._lang), exc.column
        if new != seg:
            text = _Q.translate("SequenceDiagram", "Edit segment")
            self.doc.undo_stack.push(ReplaceEventCommand(self.doc, index, new, text))
        return None

    def _editor_closed(self) -> None:
        self._editor = None
        self._editing = None
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_editor(self) -> None:
        if self._editor is not None:
            editor = self._editor
            self._editor = None
            self._editing = None
            editor.cancel()

    # ---- keyboard -------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        # The same keys as the main window's Edit menu (whose shortcuts win when it is there).
        ctrl = mods == Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.delete_selected()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Right) and plain:
            self._step_selection(+1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left) and plain:
            self._step_selection(-1)
        elif key == Qt.Key.Key_Home and plain:
            self._step_selection(-10 ** 9)
        elif key == Qt.Key.Key_End and plain:
            self._step_selection(10 ** 9)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and plain:
            self.edit_selected()
        elif key == Qt.Key.Key_L and ctrl:
            self.toggle_lost_selected()
        elif key == Qt.Key.Key_D and ctrl:
            self.toggle_duplicate_selected()
        elif key == Qt.Key.Key_G and ctrl:
            self.suggest_selected()
        elif key == Qt.Key.Key_Escape and plain:
            if self._drag is not None:
                self._cancel_drag()
            else:
                self.doc.select(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_selection(self, delta: int) -> None:
        d = self._ctx.derived
        if not d.order:
            return
        sel = self.doc.selected
        if sel is None or sel not in d.rank:
            rank = 0 if delta > 0 else len(d.order) - 1
        else:
            rank = min(max(0, d.rank[sel] + delta), len(d.order) - 1)
        self._select(d.order[rank])

    # ---- context menu ---------------------------------------------------------------------------
    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        pos = event.pos()
        sp = self.mapToScene(pos)
        item = self._item_at(pos)
        if item is not None:
            self._select(item.event_index)
        else:
            host = self._ctx.hl.host_at(sp.x(), slack=40)
            t = self._ctx.axis.t(sp.y())
            self.doc.select(None)
            self.doc.set_cursor(self._ctx.derived.last_step_at(t + 1e-12))
            self._context_host = host
        menu = self._build_menu()
        try:
            menu.exec(event.globalPos())
        finally:
            self._context_host = None
        event.accept()

    def _build_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("SequenceDiagramMenu")
        seg = self._selected_segment()
        i = self.doc.selected

        def action(text: str, slot, key: str | None = None, enabled: bool = True,
                   checked: bool | None = None, name: str = "") -> QAction:
            act = QAction(text, menu)
            if key:
                act.setShortcut(QKeySequence(key))
            act.setEnabled(enabled)
            if checked is not None:
                act.setCheckable(True)
                act.setChecked(checked)
            act.setObjectName(name)
            act.triggered.connect(lambda _=False: slot())
            menu.addAction(act)
            return act

        if seg is not None:
            action(_Q.translate("SequenceDiagram", "Edit segment…"), self.edit_selected, "Return",
                   name="edit")
            lost_text = (_Q.translate("SequenceDiagram", "Mark as arrived") if seg.lost
                         else _Q.translate("SequenceDiagram", "Mark as lost"))
            action(lost_text, self.toggle_lost_selected, "Ctrl+L", name="lost")
            action(_Q.translate("SequenceDiagram", "Old duplicate"), self.toggle_duplicate_selected,
                   "Ctrl+D", checked=seg.old_duplicate, name="duplicate")
            action(_Q.translate("SequenceDiagram", "Suggest seq/ack"), self.suggest_selected, "Ctrl+G",
                   enabled=self._suggest_enabled, name="suggest")
        if i is not None:
            action(_Q.translate("SequenceDiagram", "Delete"), self.delete_selected, "Del", name="delete")
            menu.addSeparator()
        host = self._context_host or self._insertion_host()
        name = self._name(host)
        calls = menu.addMenu(_Q.translate("SequenceDiagram", "Insert user call on %1").replace("%1", name))
        calls.setObjectName("calls")
        for kind in CallKind:
            act = calls.addAction(style.call_text(kind, 100))
            act.setObjectName(f"call-{kind.value}")
            act.triggered.connect(lambda _=False, k=kind, h=host: self.insert_call(k, h))
        timeouts = menu.addMenu(_Q.translate("SequenceDiagram", "Insert timeout on %1").replace("%1", name))
        timeouts.setObjectName("timeouts")
        for timer in Timer:
            act = timeouts.addAction(style.tr(style.TIMEOUT_TEXT[timer]))
            act.setObjectName(f"timeout-{timer.value}")
            act.triggered.connect(lambda _=False, tm=timer, h=host: self.insert_timeout(tm, h))
        for h in ("A", "B"):
            act = menu.addAction(_Q.translate("SequenceDiagram", "Insert crash of %1")
                                 .replace("%1", self._name(h)))
            act.setObjectName(f"crash-{h}")
            act.triggered.connect(lambda _=False, hh=h: self.insert_crash(hh))
        menu.addSeparator()
        rel = menu.addAction(_Q.translate("SequenceDiagram", "Relative sequence numbers"))
        rel.setObjectName("relative")
        rel.setCheckable(True)
        rel.setChecked(self._relative)
        rel.toggled.connect(self.set_relative_numbers)
        zoom = menu.addMenu(_Q.translate("SequenceDiagram", "Zoom"))
        zoom.addAction(_Q.translate("SequenceDiagram", "Zoom in"), self.zoom_in)
        zoom.addAction(_Q.translate("SequenceDiagram", "Zoom out"), self.zoom_out)
        zoom.addAction(_Q.translate("SequenceDiagram", "Fit the whole trace"), self.zoom_fit)
        return menu

    # ---- tooltips -------------------------------------------------------------------------------
    def _tooltip_at(self, pos: QPoint) -> str:
        item = self._item_at(pos)
        if item is not None:
            return self._tooltip_for_event(item.event_index)
        sp = self.mapToScene(pos)
        return self._band_tooltip(sp)

    def _names(self) -> dict[str, str]:
        return {h: self._name(h) for h in ("A", "B")}

    def _tooltip_for_event(self, index: int) -> str:
        from html import escape

        from trainer.i18n.catalog import render_finding, rfc_label

        trace = self.doc.trace
        if index >= len(trace.events):
            return ""
        ev = trace.events[index]
        d = self._ctx.derived
        lines = []
        if isinstance(ev, Segment):
            head = escape(label_text(ev))
            rel = label_text(ev, True, d.bases(index))
            if self._relative and escape(rel) != head:
                word = _Q.translate("SequenceDiagram", "relative numbers:")
                head += f" <span style='color:gray'>({escape(word)} {escape(rel)})</span>"
            lines.append(f"<b>{head}</b>")
            route = _Q.translate("SequenceDiagram", "%1 → %2")
            lines.append(escape(route.replace("%1", self._name(ev.sender))
                                .replace("%2", self._name(ev.receiver))))
            sent = style.seconds(ev.send_time, 6)
            if ev.arrive_time is None:
                when = _Q.translate("SequenceDiagram", "sent at %1 s, lost").replace("%1", sent)
            else:
                when = (_Q.translate("SequenceDiagram", "sent at %1 s, arrives at %2 s")
                        .replace("%1", sent).replace("%2", style.seconds(ev.arrive_time, 6)))
            lines.append(escape(when))
            if ev.old_duplicate:
                lines.append(escape(_Q.translate("SequenceDiagram",
                                                 "Old duplicate from an earlier connection")))
            role = d.role[index] if index < len(d.role) else None
            if role and not ev.old_duplicate:
                lines.append("<i>" + escape(style.role_text(role)) + "</i>")
        else:
            lines.append(f"<b>{escape(geometry.marker_text(ev))}</b>")
            where = _Q.translate("SequenceDiagram", "%1 at %2 s")
            lines.append(escape(where.replace("%1", self._name(ev.host))
                                .replace("%2", style.seconds(ev.time, 6))))
        names = self._names()
        for f in d.findings.get(index, []):
            color = self._theme.severity(f.severity).name()
            severity = escape(style.tr(style.SEVERITY_TEXT[f.severity.value]))
            message = escape(render_finding(f, self._lang, names))
            rfc = rfc_label(f.rfc, self._lang)
            extra = f" <span style='color:gray'>({escape(rfc)})</span>" if rfc else ""
            lines.append(f"<span style='color:{color}'><b>{severity}:</b></span> {message}{extra}")
        return "<p>" + "<br>".join(lines) + "</p>"

    def _band_tooltip(self, sp: QPointF) -> str:
        """The state band (or its name chip) under ``sp``: which state, from when to when."""
        from html import escape

        hl = self._ctx.hl
        x, y = sp.x(), sp.y()
        for host in ("A", "B"):
            edge = hl.outer_edge(host)
            chip = None
            for c in self._chips[host]:
                left, right = (edge - c.width, edge) if host == "A" else (edge, edge + c.width)
                if c.top <= y <= c.top + geometry.CHIP_H and left <= x <= right:
                    chip = c
                    break
            if chip is None and abs(x - hl.x[host]) <= hl.band / 2 + 2:
                chip = next((c for c in self._chips[host] if c.y_start <= y < c.y_end), None)
            if chip is None:
                continue
            iv = self._ctx.derived.intervals[host][chip.index]
            at = _Q.translate("SequenceDiagram", "%1 s")
            start = (_Q.translate("SequenceDiagram", "the start") if iv.t0 == -INF
                     else at.replace("%1", style.seconds(iv.t0, 6)))
            end = (_Q.translate("SequenceDiagram", "the end") if iv.t1 == INF
                   else at.replace("%1", style.seconds(iv.t1, 6)))
            gloss = self._state_gloss(iv.state)
            title = f"{self._name(host)}: {iv.state.value}" + (f" ({gloss})" if gloss else "")
            span = _Q.translate("SequenceDiagram", "from %1 to %2").replace("%1", start).replace("%2", end)
            return f"<b>{escape(title)}</b><br>{escape(span)}"
        return ""

    def _state_gloss(self, state) -> str:
        try:
            from trainer.i18n import states_text
        except ImportError:  # pragma: no cover
            return ""
        entry = getattr(states_text, "STATES", {}).get(state, {}).get(self._lang, {})
        return entry.get("gloss", "") if isinstance(entry, dict) else ""
