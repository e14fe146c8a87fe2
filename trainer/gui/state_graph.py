"""The state graph: RFC 9293's Figure 5 with both hosts on it.

``StateGraphWidget(doc)`` draws the eleven states and the transitions between them as the
figure does (layout in ``trainer.gui.graph.layout``), rings the state each host is in at the
document's time cursor (A and B in their host colours), draws the way each host came there
over the edges, and animates the transition just taken when the cursor steps forward.
Clicking a state or an edge explains it (``trainer.i18n.states_text``, in the UI language).

It is a pyqtgraph ``ViewBox`` (aspect locked, y down): wheel to zoom, drag to pan, double
click to fit again; it fits itself to its size until the user zooms. ``export_rect`` and
``paint_export`` draw the same figure into any painter (PNG, SVG, PDF).

Importing pyqtgraph costs about 0.4 s, and the figure's items do not need it: with
``interactive=False`` the widget first shows the figure in Qt's own view (``FirstView``), and
``attach_interactive_view`` imports pyqtgraph and moves the figure into its view box. The main
window does that at start, after the graph's first paint; this module imports no pyqtgraph.
"""

from __future__ import annotations

import html
import os
from bisect import bisect_right
from dataclasses import dataclass

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # never let pyqtgraph pick PyQt

from PySide6.QtCore import (  # noqa: E402 - after the pyqtgraph binding is pinned
    QEasingCurve, QEvent, QPointF, QRectF, QSize, Qt, QVariantAnimation,
)
from PySide6.QtGui import QKeySequence, QPainter, QShortcut  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget,
)

from trainer.engine.result import CheckResult  # noqa: E402
from trainer.engine.states import State  # noqa: E402
from trainer.engine.transitions import BY_ID  # noqa: E402
from trainer.gui import palette  # noqa: E402
from trainer.gui.document import TraceDocument  # noqa: E402
from trainer.gui.graph import layout as L  # noqa: E402
from trainer.gui.graph.first_view import FirstView  # noqa: E402
from trainer.gui.graph.items import (  # noqa: E402
    HOSTS, EdgeItem, FigureItem, LabelItem, LegendItem, NodeItem, Theme, TransitionAnimation,
    label_lines, repaint,
)
from trainer.i18n import states_text  # noqa: E402
from trainer.i18n.locale import DEFAULT, normalize  # noqa: E402

STEP_MS = 520  # how long the comet takes along one edge



def _ui_language() -> str:
    """The UI language: ``trainer.gui.i18n.current_language()``, else English."""
    try:
        from trainer.gui.i18n import current_language
    except ImportError:
        return DEFAULT
    return normalize(current_language()) or DEFAULT


def _fmt(template: str, *values) -> str:
    """Fill Qt-style ``%1``.. placeholders (translators may reorder them)."""
    for i in range(len(values), 0, -1):
        template = template.replace(f"%{i}", str(values[i - 1]))
    return template


# ---- what the hosts did, from the check result ------------------------------------------------

@dataclass(frozen=True, slots=True)
class Traversal:
    """One transition taken by one host at one step, and the edge that draws it."""

    host: str
    transition: str
    source: State
    target: State
    step: int
    edge: str | None     # EdgeSpec key, None if the graph has no edge for it
    target_node: str     # the node the host is on afterwards


def traversals(result: CheckResult, last_step: int) -> list[Traversal]:
    """Every transition the hosts took in steps 0..last_step, in order."""
    every, at_cut = _traversals(result, max(0, last_step + 1))
    return every[:at_cut]


def _traversals(result: CheckResult, cut: int) -> tuple[list[Traversal], int]:
    """Every transition the hosts took in the whole trace, in order, and how many of them
    were taken in the first ``cut`` steps."""
    out: list[Traversal] = []
    before = result.initial  # both states before the step
    at_cut = 0
    for number, step in enumerate(result.steps):
        if number == cut:
            at_cut = len(out)
        if step.transitions:
            host = step.host
            current = before[HOSTS.index(host)]
            for tid in step.transitions:
                t = BY_ID.get(tid)
                if t is None:
                    continue
                source = t.source if t.source is not None else current
                spec = L.edge_for(tid, source)
                out.append(Traversal(host, tid, source, t.target, step.index,
                                     spec.key if spec else None,
                                     spec.target if spec else L.PRIMARY[t.target]))
                current = t.target
        before = step.states  # (resyncs a state that changed without a transition id)
    if cut >= len(result.steps):
        at_cut = len(out)
    return out, at_cut


def _count_before(every: list[Traversal], cursor: int) -> int:
    """How many of ``every`` (a check's traversals, in order) were taken in steps 0..cursor."""
    return bisect_right([tr.step for tr in every], cursor) if cursor >= 0 else 0


def _pills(counts: dict[str, int]) -> tuple[str, ...]:
    """The hosts a label draws an "A×n" pill for (n >= 2): pills widen the figure."""
    return tuple(h for h in HOSTS if counts.get(h, 0) >= 2)


# ---- strings: every user-visible string is made in this class, so Qt's tr() and lupdate
# ---- both file them under the context "StateGraph" -------------------------------------------

class StateGraph:
    """Translation context of the state graph (mixed into ``StateGraphWidget``)."""

    def _legend_rows(self, names: dict[str, str]) -> list[list[tuple[str, str]]]:
        def host(h):
            name = names.get(h, h)
            return _fmt(self.tr("host %1"), h) if name in ("", h) \
                else _fmt(self.tr("host %1: %2"), h, name)
        return [[("A", host("A")), ("B", host("B"))],
                [("dashed", self.tr("not drawn in Figure 5"))],
                [("x", self.tr("no action"))]]

    def _rfc_section(self, ref: str) -> str:
        # ref is "9293 3.10.7.4"
        number, _, section = ref.partition(" ")
        return _fmt(self.tr("RFC %1, section %2"), number, section)

    def _state_html(self, state: State, lang: str, here: list[str]) -> tuple[str, str]:
        text = states_text.state_text(state, lang)
        parts = [
            ("title", states_text.state_label(state, lang)),
            ("p", text.meaning),
            ("label", self.tr("How you get in:"), text.enter),
            ("label", self.tr("How you get out:"), text.leave),
        ]
        if len(here) == 2:
            parts.append(("p", self.tr("At the cursor: both hosts are in this state.")))
        elif here:
            parts.append(("p", _fmt(self.tr("At the cursor: host %1 is in this state."), here[0])))
        parts.append(("ref", self._rfc_section("9293 3.3.2") + " · " + self.tr("Figure 5")))
        return _render(parts)

    def _edge_html(self, transitions, lang: str, sources: list[State],
                   counts: dict[str, int]) -> tuple[str, str]:
        parts = []
        for t in transitions:
            src = t.source.value if t.source is not None else \
                " / ".join(s.value for s in sources) if sources else self.tr("any state")
            parts.append(("title", f"{src} → {t.target.value}"))
            parts.append(("code", f"{t.event} / {t.action}"))
            parts.append(("p", states_text.transition_text(t.id, lang)))
            parts.append(("ref", self._rfc_section(t.rfc)))
        if not all(t.in_figure for t in transitions):
            parts.append(("note", self.tr("Not drawn in Figure 5: the figure leaves it out "
                                          "for legibility (see its notes and section 3.10).")))
        if any(t.action == "x" for t in transitions):
            parts.append(("note", self.tr("\"x\" means that nothing is sent.")))
        taken = [_fmt(self.tr("host %1 ×%2"), h, n) for h, n in sorted(counts.items()) if n]
        if taken:
            parts.append(("p", _fmt(self.tr("Taken up to the cursor: %1"),
                                    self.tr(", ").join(taken))))
        return _render(parts)

    def _tooltips(self) -> dict[str, str]:
        return {
            "fit": self.tr("Fit the whole diagram into the view (or double-click the background)"),
            "close": self.tr("Close the explanation"),
            "node": self.tr("Click for what this state means and how to get in and out"),
            "alias": self.tr("CLOSED again: Figure 5 draws CLOSED twice; this is the same state "
                             "as the box at the top"),
            "edge": self.tr("Click for an explanation of this transition"),
        }

    def _fit_text(self) -> str:
        return self.tr("Fit")

    def _accessible(self) -> tuple[str, str]:
        return (self.tr("TCP state diagram"),
                self.tr("RFC 9293 Figure 5 with the states of host A and host B at the cursor"))


def _render(parts) -> tuple[str, str]:
    """(rich text, plain text) of an explanation."""
    h, plain = [], []
    for kind, *rest in parts:
        if kind == "title":
            h.append(f"<p style='margin:0 0 2px 0'><b>{html.escape(rest[0])}</b></p>")
        elif kind == "code":
            h.append(f"<p style='margin:0 0 4px 0'><tt>{html.escape(rest[0])}</tt></p>")
        elif kind == "label":
            h.append(f"<p style='margin:4px 0 0 0'><b>{html.escape(rest[0])}</b> "
                     f"{html.escape(rest[1])}</p>")
        elif kind == "note":
            h.append(f"<p style='margin:4px 0 0 0'><i>{html.escape(rest[0])}</i></p>")
        elif kind == "ref":
            h.append(f"<p style='margin:4px 0 2px 0; color:gray'>{html.escape(rest[0])}</p>")
        else:
            h.append(f"<p style='margin:4px 0 0 0'>{html.escape(rest[0])}</p>")
        plain.append(" ".join(rest))
    return "".join(h), "\n".join(plain)


class _InfoPanel(QFrame):
    """The explanation card floating over the graph (not part of exports)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("stateGraphInfo")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        top = QVBoxLayout()
        top.addWidget(self.close_button)
        top.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 4, 6)
        row.addWidget(self.scroll, 1)
        row.addLayout(top)
        self.plain = ""
        self.hide()

    def set_content(self, rich: str, plain: str) -> None:
        self.label.setText(rich)
        self.plain = plain


class StateGraphWidget(StateGraph, QWidget):
    """RFC 9293 Figure 5 with host A's and host B's states at ``doc``'s cursor."""

    def __init__(self, doc: TraceDocument, parent: QWidget | None = None, *, animate: bool = True,
                 interactive: bool = True):
        """``interactive=False``: show the figure in Qt's own view first (``FirstView``; clicks
        explain, no zoom or pan) and import pyqtgraph only in ``attach_interactive_view``."""
        QWidget.__init__(self, parent)
        self.doc = doc
        self._lang = _ui_language()
        self._animate = animate
        self._auto_fit = True
        self._fitted = QRectF()
        self._subject: tuple[str, object] | None = None  # ("state", State) / ("edge", key)
        self._last_cursor = doc.cursor
        self._travs: list[Traversal] = []
        self._every: tuple | None = None  # (result, all traversals, how many before the cursor)

        self.theme = Theme.from_palette(self.palette())
        self._build_items()
        self.viewbox = None  # pyqtgraph's, once attached
        self.view = FirstView(self.figure, self)
        self.view.set_background(self.theme.background)
        self.view.on_item_click = lambda item: item.on_click(item)
        self.view.on_background_click = self.hide_explanation
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.view, 0, 0)

        self.panel = _InfoPanel(self)
        self.panel.close_button.clicked.connect(self.hide_explanation)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.hide_explanation)
        self.fit_button = QToolButton(self)
        self.fit_button.setAutoRaise(False)
        self.fit_button.clicked.connect(self.fit)
        self.fit_button.hide()

        self.animation = QVariantAnimation(self)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self.animation.valueChanged.connect(self._on_anim_value)
        self.animation.finished.connect(self._on_anim_finished)

        doc.changed.connect(self._on_doc_changed)
        doc.cursorChanged.connect(self._on_cursor)

        # The labels were measured with the current font a moment ago: no second pass.
        self._retranslate(relayout_text=False)
        self._refresh()
        self.fit()
        self._ready = True
        if interactive:
            self.attach_interactive_view()

    def is_interactive(self) -> bool:
        """Whether pyqtgraph's view (zoom, pan) is attached."""
        return self.viewbox is not None

    def attach_interactive_view(self) -> None:
        """Move the figure into pyqtgraph's view: wheel to zoom, drag to pan, double click to
        fit. Imports pyqtgraph (~0.4 s) the first time."""
        if self.viewbox is not None:
            return
        import pyqtgraph as pg

        first = self.view
        had_focus = first.hasFocus()
        view = pg.GraphicsView(self)
        view.setAntialiasing(True)
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setBackground(self.theme.background)
        viewbox = pg.ViewBox(enableMenu=False, invertY=True, lockAspect=True)
        viewbox.setMouseEnabled(True, True)
        # From one box filling the view to the figure at a quarter of the fitted size.
        viewbox.setLimits(minXRange=80, maxXRange=2400, minYRange=80, maxYRange=2400)
        view.setCentralItem(viewbox)
        viewbox.addItem(first.take_figure(), ignoreBounds=True)  # the widget fits the view
        self.view, self.viewbox = view, viewbox
        self.layout().replaceWidget(first, view)
        first.hide()
        first.deleteLater()
        viewbox.sigResized.connect(self._on_resized)
        viewbox.sigRangeChangedManually.connect(self._on_manual_range)
        view.scene().sigMouseClicked.connect(self._on_scene_click)
        self._set_range(self._fitted if self._auto_fit else self.export_rect())
        for overlay in (self.panel, self.fit_button):
            overlay.raise_()
        if had_focus:
            view.setFocus()

    # ---- construction ----------------------------------------------------------------------
    def _build_items(self) -> None:
        # Built inside one container that joins the view box at the end: one set of view box
        # hooks instead of one per item.
        self.figure = FigureItem()
        self.nodes: dict[str, NodeItem] = {}
        for key, spec in L.NODES.items():
            node = NodeItem(spec, self.theme)
            node.on_click = self._on_node_clicked
            node.setParentItem(self.figure)
            self.nodes[key] = node
        self.edges: dict[str, EdgeItem] = {}
        self.labels: dict[str, LabelItem] = {}
        for tid in L.ALWAYS_DRAWN:
            self._edge_item(L.EDGES[tid], (tid,))
        self.legend = LegendItem(self.theme, QPointF(-20, -58))
        self.legend.setParentItem(self.figure)
        self.comet = TransitionAnimation()
        self.comet.hide()
        self.comet.setParentItem(self.figure)

    def _edge_item(self, spec: L.EdgeSpec, tids: tuple[str, ...]) -> EdgeItem:
        """The item for an edge, created on first use (the dashed ones only when taken)."""
        item = self.edges.get(spec.key)
        if item is None:
            dashed = not all(BY_ID[t].in_figure for t in tids)
            item = EdgeItem(spec, self.theme, dashed, tids)
            item.on_click = self._on_edge_clicked
            label = LabelItem(item, label_lines(BY_ID[t] for t in tids), self.theme)
            label.on_click = lambda _l, e=item: self._on_edge_clicked(e)
            item.setParentItem(self.figure)
            label.setParentItem(self.figure)
            self.edges[spec.key] = item
            self.labels[spec.key] = label
            self._set_edge_tooltip(item)
        return item

    # ---- model -> items ----------------------------------------------------------------------
    def _refresh(self) -> None:
        """Bring the items up to date with the document. Items repaint only what changed (see
        ``items.repaint``); the figure is fitted again only when its extent may have changed."""
        result = self.doc.result
        cursor = self.doc.cursor
        # The traversals up to the cursor are the first ones of the whole trace's: one pass.
        # Stepping the cursor keeps the result, and so the pass.
        if self._every is None or self._every[0] is not result:
            self._every = (result, *_traversals(result, max(0, cursor + 1)))
            every, at_cursor = self._every[1], self._every[2]
        else:
            every = self._every[1]
            at_cursor = _count_before(every, cursor)
        self._travs = every[:at_cursor]
        # Edges the figure leaves out appear when the trace takes them anywhere, so the
        # figure does not change shape while the cursor steps through one trace.
        wanted: dict[str, list[str]] = {}
        for tr in every:
            if tr.edge is not None and tr.edge not in L.ALWAYS_DRAWN:
                tids = wanted.setdefault(tr.edge, [])
                if tr.transition not in tids:
                    tids.append(tr.transition)
        reshaped = False  # may the figure's extent have changed?
        for key, tids in wanted.items():
            spec = L.EDGES.get(key) or next(s for s in L.ANY_EDGES.values() if s.key == key)
            reshaped |= key not in self.edges
            item = self._edge_item(spec, tuple(tids))
            if item.transitions != tuple(tids):
                item.transitions = tuple(tids)
                item.dashed = True
                repaint(item)
                self.labels[key].set_lines(label_lines(BY_ID[t] for t in tids), force=True)
                self._set_edge_tooltip(item)
                reshaped = True
        for key, item in self.edges.items():
            visible = key in L.ALWAYS_DRAWN or key in wanted
            if item.isVisible() != visible:
                item.setVisible(visible)
                self.labels[key].setVisible(visible)
                reshaped = True
        for key, (trigger, anchor) in L.ALT_LABELS.items():
            reshaped |= self.labels[key].set_anchor(anchor if trigger in wanted else None)

        counts: dict[str, dict[str, int]] = {}
        for tr in self._travs:
            if tr.edge is not None:
                per = counts.setdefault(tr.edge, {})
                per[tr.host] = per.get(tr.host, 0) + 1
        recent_by_edge: dict[str, set[str]] = {}
        for tr in reversed(self._travs):
            if tr.step != cursor:
                break
            if tr.edge is not None:
                recent_by_edge.setdefault(tr.edge, set()).add(tr.host)
        for key, item in self.edges.items():
            recent = tuple(sorted(recent_by_edge.get(key, ())))
            before = item.counts
            item.set_traversals(counts.get(key, {}), recent)
            if item.counts != before:  # the label draws the counts (bold, "A×n" pills)
                repaint(self.labels[key])
                reshaped |= _pills(before) != _pills(item.counts)

        states = result.states_after(cursor)
        where: dict[str, str] = {}
        for i, host in enumerate(HOSTS):
            last = next((tr for tr in reversed(self._travs) if tr.host == host), None)
            if last is not None and last.target is states[i]:
                where[host] = last.target_node
            else:
                where[host] = L.PRIMARY[states[i]]
        self._where = where
        for key, node in self.nodes.items():
            node.set_hosts(tuple(h for h in HOSTS if where[h] == key))
        reshaped |= self.legend.set_rows(
            self._legend_rows({h: self.doc.trace.host_name(h) for h in HOSTS}))
        if self._subject is not None:
            kind, key = self._subject
            if kind == "edge" and not self.edges[key].isVisible():
                self.hide_explanation()  # the edge went away with an edit
            else:
                self._show_subject(self._subject, reposition=False)
        if self._auto_fit and reshaped and self.export_rect() != self._fitted:
            self.fit()

    def _on_doc_changed(self, change) -> None:
        self._stop_animation()
        self._last_cursor = self.doc.cursor
        self._refresh()

    def _on_cursor(self, step: int) -> None:
        previous, self._last_cursor = self._last_cursor, step
        self._refresh()
        if step == previous + 1 and self._animate:
            self._animate_step(step)
        else:
            self._stop_animation()

    # ---- animation -------------------------------------------------------------------------
    def set_animations_enabled(self, enabled: bool) -> None:
        self._animate = enabled
        if not enabled:
            self._stop_animation()

    def animations_enabled(self) -> bool:
        return self._animate

    def is_animating(self) -> bool:
        return self.animation.state() == QVariantAnimation.State.Running

    def _animate_step(self, step: int) -> None:
        legs = []
        for tr in self._travs:
            if tr.step == step and tr.edge in self.edges:
                edge = self.edges[tr.edge]
                legs.append((edge.host_path(tr.host), palette.host_color(tr.host)))
        self._stop_animation()
        if not legs:
            return
        self.comet.set_legs(legs)
        self.comet.show()
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(float(len(legs)))
        self.animation.setDuration(STEP_MS * len(legs))
        self.animation.start()

    def _on_anim_value(self, value) -> None:
        self.comet.set_progress(float(value))

    def _on_anim_finished(self) -> None:
        self.comet.hide()

    def _stop_animation(self) -> None:
        if self.animation.state() != QVariantAnimation.State.Stopped:
            self.animation.stop()
        self.comet.hide()

    # ---- clicks and explanations -------------------------------------------------------------
    def _on_node_clicked(self, node: NodeItem) -> None:
        self._show_subject(("state", node.spec.key))

    def _on_edge_clicked(self, edge: EdgeItem) -> None:
        self._show_subject(("edge", edge.spec.key))

    def _on_scene_click(self, ev) -> None:
        if ev.isAccepted():
            return
        if ev.double():
            self.fit()
        elif ev.button() == Qt.MouseButton.LeftButton:
            self.hide_explanation()

    def explain_state(self, state: State | str) -> None:
        """Open the explanation of ``state`` (as a click on its box does)."""
        state = state if isinstance(state, State) else State.parse(state)
        self._show_subject(("state", L.PRIMARY[state]))

    def explain_transition(self, key: str) -> None:
        """Open the explanation of an edge: a transition id, or an edge key (``any:LISTEN``)."""
        if key not in self.edges:
            raise KeyError(key)
        self._show_subject(("edge", key))

    def hide_explanation(self) -> None:
        self._subject = None
        self.panel.hide()
        self._mark_selected()

    def _mark_selected(self) -> None:
        kind, key = self._subject if self._subject is not None else (None, None)
        for k, node in self.nodes.items():
            node.set_selected(kind == "state" and k == key)
        for k, edge in self.edges.items():
            edge.set_selected(kind == "edge" and k == key)

    def explanation_visible(self) -> bool:
        return self.panel.isVisible()

    def explanation_subject(self) -> tuple[str, object] | None:
        """``("state", State)`` or ``("edge", key)`` of the open explanation, else None."""
        if self._subject is None:
            return None
        kind, key = self._subject
        return (kind, L.NODES[key].state) if kind == "state" else (kind, key)

    def explanation_text(self) -> str:
        """The open explanation as plain text ("" when none is open)."""
        return self.panel.plain if self.panel.isVisible() else ""

    def _show_subject(self, subject: tuple[str, str], reposition: bool = True) -> None:
        kind, key = subject
        if kind == "state":
            state = L.NODES[key].state
            here = [h for h in HOSTS if self.doc.result.states_after(self.doc.cursor)[
                HOSTS.index(h)] is state]
            rich, plain = self._state_html(state, self._lang, here)
            anchor = L.NODES[key].rect
        else:
            edge = self.edges[key]
            sources = sorted({tr.source for tr in traversals(self.doc.result,
                                                             len(self.doc.result.steps) - 1)
                              if tr.edge == key and BY_ID[tr.transition].source is None},
                             key=lambda s: list(State).index(s))
            rich, plain = self._edge_html([BY_ID[t] for t in edge.transitions], self._lang,
                                          sources, edge.counts)
            anchor = self.labels[key].rect
        self._subject = subject
        self._mark_selected()
        self.panel.set_content(rich, plain)
        self.panel.show()
        self.panel.raise_()
        if reposition or not hasattr(self, "_panel_top"):
            # Put the card on the half of the view away from what was clicked.
            self._panel_top = self.map_to_viewport(anchor.center()).y() > self.height() / 2
        self._place_overlays()

    def _place_overlays(self) -> None:
        w, h = self.width(), self.height()
        if self.panel.isVisible():
            pw = min(w - 16, 560)
            # The text's width is the scroll area's, known once the card has its width.
            self.panel.resize(pw, self.panel.height())
            self.panel.layout().activate()
            text_w = self.panel.scroll.width() - \
                self.panel.scroll.verticalScrollBar().sizeHint().width() - 2
            label_h = self.panel.label.heightForWidth(text_w)
            m = self.panel.layout().contentsMargins()
            ph = min(max(label_h + m.top() + m.bottom() + 4, 60), int(h * 0.48))
            y = 8 if self._panel_top else h - ph - 8
            self.panel.setGeometry((w - pw) // 2, y, pw, ph)
        self.fit_button.adjustSize()
        self.fit_button.move(w - self.fit_button.width() - 6, 6)

    # ---- view ------------------------------------------------------------------------------
    def fit(self) -> None:
        """Show the whole figure, and keep fitting it to the widget's size."""
        self._auto_fit = True
        self.fit_button.hide()
        self._fitted = self.export_rect()
        self._set_range(self._fitted)

    def _set_range(self, rect: QRectF) -> None:
        if self.viewbox is not None:
            self.viewbox.setRange(rect=rect, padding=0.0)
        else:
            self.view.fit(rect)

    def _on_resized(self, *_):
        if self._auto_fit:
            self._set_range(self.export_rect())

    def _on_manual_range(self, *_):
        self._auto_fit = False
        self.fit_button.show()
        self.fit_button.raise_()
        self._place_overlays()

    def resizeEvent(self, ev) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self._place_overlays()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(450, 500)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, 220)

    def changeEvent(self, ev) -> None:  # noqa: N802
        kind = ev.type()
        if not getattr(self, "_ready", False):  # still being constructed
            pass
        elif kind == QEvent.Type.LanguageChange:
            self._lang = _ui_language()
            self._retranslate()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
                      QEvent.Type.StyleChange):
            self._apply_theme()
        elif kind in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._relayout_text()
        super().changeEvent(ev)

    def _apply_theme(self) -> None:
        theme = Theme.from_palette(self.palette())
        if theme == self.theme:
            return
        self.theme = theme
        if self.viewbox is not None:
            self.view.setBackground(theme.background)
        else:
            self.view.set_background(theme.background)
        # Hidden edges too: they may be shown later.
        for item in [*self.edges.values(), *self.labels.values(), *self.nodes.values(),
                     self.legend]:
            if hasattr(item, "theme"):
                item.theme = theme
            if hasattr(item, "drop_cache"):
                item.drop_cache()
            item.update()

    def _relayout_text(self) -> None:
        """Measure the labels again: the figure's font follows the application's, which the
        language switch changes (a Chinese font first for Chinese)."""
        if not hasattr(self, "labels"):
            return
        for label in self.labels.values():
            label.set_lines(label.lines, force=True)
        if hasattr(self, "_where"):
            self.legend.rows = []
            self.legend.set_rows(self._legend_rows({h: self.doc.trace.host_name(h) for h in HOSTS}))
        for node in self.nodes.values():
            node.drop_cache()
            node.update()
        if self._auto_fit:
            self.fit()

    def _retranslate(self, relayout_text: bool = True) -> None:
        tips = self._tooltips()
        zh = self._lang != "en"
        for node in self.nodes.values():
            node.set_gloss(states_text.state_text(node.state, self._lang).gloss if zh else "")
            node.setToolTip(tips["alias"] if node.spec.alias else tips["node"])
        for item in self.edges.values():
            self._set_edge_tooltip(item)
        self.fit_button.setText(self._fit_text())
        self.fit_button.setToolTip(tips["fit"])
        self.panel.close_button.setToolTip(tips["close"])
        name, description = self._accessible()
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        if relayout_text:
            self._relayout_text()
        if self._subject is not None:
            self._show_subject(self._subject, reposition=False)
        self._place_overlays()

    def _set_edge_tooltip(self, item: EdgeItem) -> None:
        tip = self._tooltips()["edge"]
        text = "; ".join(f"{BY_ID[t].event} / {BY_ID[t].action}" for t in item.transitions)
        item.setToolTip(f"{text}\n{tip}")
        if item.spec.key in self.labels:
            self.labels[item.spec.key].setToolTip(f"{text}\n{tip}")

    # ---- export ------------------------------------------------------------------------------
    def _figure_items(self):
        items = [*self.edges.values(), *self.labels.values(), *self.nodes.values(), self.legend]
        return sorted((i for i in items if i.isVisible()), key=lambda i: i.zValue())

    def export_rect(self) -> QRectF:
        """The figure's extent in figure units (what ``paint_export`` draws)."""
        rect = QRectF()
        for item in self._figure_items():
            if isinstance(item, NodeItem):
                r = item.spec.rect.adjusted(-12, -16, 12, 12)
            elif isinstance(item, EdgeItem):
                r = item.path_bounds.adjusted(-5, -5, 5, 5)
            elif isinstance(item, LabelItem):
                r = item.rect
                for _, cr in item.count_rects():
                    r = r.united(cr)
            else:
                r = item.boundingRect()
            rect = rect.united(r)
        return rect.adjusted(-6, -6, 6, 6)

    def paint_export(self, painter: QPainter, target: QRectF) -> None:
        """Draw the figure (state at the cursor, without animation or explanation card) into
        ``target``, centred and scaled to fit, on the widget's background colour."""
        source = self.export_rect()
        if source.isEmpty() or target.width() <= 0 or target.height() <= 0:
            return
        scale = min(target.width() / source.width(), target.height() / source.height())
        painter.save()
        painter.fillRect(target, self.theme.background)
        painter.translate(target.center())
        painter.scale(scale, scale)
        painter.translate(-source.center())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # An export shows the figure, not the pointer: no hover or selection emphasis.
        marked = [(i, i.selected, getattr(i, "hovered", False)) for i in self._figure_items()
                  if isinstance(i, (NodeItem, EdgeItem))]
        for item, _, _ in marked:
            item.selected = False
            if isinstance(item, EdgeItem):
                item.hovered = False
        try:
            for item in self._figure_items():
                painter.save()
                item.paint(painter, None, None)
                painter.restore()
        finally:
            for item, selected, hovered in marked:
                item.selected = selected
                if isinstance(item, EdgeItem):
                    item.hovered = hovered
            painter.restore()

    # ---- read access for tests and other views ------------------------------------------------
    def language(self) -> str:
        return self._lang

    def highlighted_states(self) -> dict[str, State]:
        """The state whose box carries each host's ring, read from the node items."""
        out = {}
        for node in self.nodes.values():
            for host in node.hosts:
                out[host] = node.state
        return out

    def highlighted_nodes(self) -> dict[str, str]:
        """Which box (node key; ``CLOSED@end`` is the figure's second CLOSED) rings each host."""
        return {h: key for key, node in self.nodes.items() for h in node.hosts}

    def drawn_edges(self) -> list[tuple[str, tuple[str, ...], State, State, bool]]:
        """(key, transition ids, source state, target state, dashed) of every visible edge."""
        return [(k, e.transitions, L.NODES[e.spec.source].state, L.NODES[e.spec.target].state,
                 e.dashed) for k, e in self.edges.items() if e.isVisible()]

    def edge_counts(self) -> dict[str, dict[str, int]]:
        """How often each host's path runs over each edge, read from the edge items."""
        return {k: dict(e.counts) for k, e in self.edges.items() if any(e.counts.values())}

    def path(self, host: str) -> list[str]:
        """The transition ids host ``host`` took up to the cursor, in order."""
        return [tr.transition for tr in self._travs if tr.host == host]

    def recent_edges(self) -> dict[str, tuple[str, ...]]:
        """Edges glowing as "just taken" (by the step at the cursor), with their hosts."""
        return {k: e.recent for k, e in self.edges.items() if e.recent}

    def node_rect(self, state: State | str) -> QRectF:
        key = state.value if isinstance(state, State) else state
        return L.NODES[key].rect

    def label_rect(self, key: str) -> QRectF:
        return self.labels[key].rect

    def map_to_viewport(self, point: QPointF) -> QPointF:
        """A point in figure units -> viewport pixels (for synthesized clicks)."""
        if self.viewbox is None:  # the first view: figure units are its scene's
            return QPointF(self.view.mapFromScene(point))
        return QPointF(self.view.mapFromScene(self.viewbox.mapViewToScene(point)))


__all__ = ["StateGraphWidget", "Traversal", "traversals"]
