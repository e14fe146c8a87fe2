"""An edit repaints what it changed, once: the sequence diagram and the state graph in one
paint pass of the window, the graph only where its items changed (from pictures of its items
that follow their look), and neither the graph nor the diagram's host boxes when an edit
changes nothing they show."""

from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QPointF  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from trainer.engine.trace import Call, CallKind, Flag, HostSpec, Segment, Trace  # noqa: E402
from trainer.gui import palette  # noqa: E402
from trainer.gui.commands import ReplaceEventCommand, SetHostCommand  # noqa: E402
from trainer.gui.document import TraceDocument  # noqa: E402

pytestmark = pytest.mark.gui

ACK, SYN, FIN, PSH = Flag.ACK, Flag.SYN, Flag.FIN, Flag.PSH


def open_and_close() -> Trace:
    """Handshake, data both ways, A's FIN and B's ACK (A ends in FIN-WAIT-2, B in
    CLOSE-WAIT): losing the FIN changes both hosts' final states."""
    events = [Call("B", 0.0, CallKind.LISTEN), Call("A", 0.0, CallKind.CONNECT),
              Segment("A", 0.00, 0.01, SYN, 100, win=65535),
              Segment("B", 0.01, 0.02, SYN | ACK, 300, 101, win=65535),
              Segment("A", 0.02, 0.03, ACK, 101, 301, win=65535),
              Segment("A", 0.03, 0.04, ACK | PSH, 101, 301, win=65535, length=100),
              Segment("B", 0.04, 0.05, ACK, 301, 201, win=65535),
              Call("A", 0.06, CallKind.CLOSE),
              Segment("A", 0.06, 0.07, FIN | ACK, 201, 301, win=65535),
              Segment("B", 0.07, 0.08, ACK, 301, 202, win=65535)]
    return Trace(hosts={"A": HostSpec("A", "client"), "B": HostSpec("B", "server")},
                 events=events)


class PaintPasses(QObject):
    """Numbers the window's paint passes (its UpdateRequest events) and notes in which pass
    each watched widget was painted."""

    def __init__(self, window, watched: dict):
        super().__init__()
        self.window, self.watched = window, watched  # widget -> name
        self.passes = 0
        self.painted: list[tuple[str, int]] = []
        window.installEventFilter(self)
        for widget in watched:
            widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.window and event.type() == QEvent.Type.UpdateRequest:
            self.passes += 1
        elif event.type() == QEvent.Type.Paint and obj in self.watched:
            self.painted.append((self.watched[obj], self.passes))
        return False

    def clear(self) -> None:
        self.painted = []


def settle() -> None:
    for _ in range(6):
        QApplication.processEvents()


@pytest.fixture
def shown(app, qtbot, settings):
    from trainer.gui.main_window import MainWindow

    doc = TraceDocument(open_and_close())
    assert doc.result.valid
    window = MainWindow(settings, doc, progressive=False)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    doc.set_cursor(len(doc.result.steps) - 1)
    window.graph.set_animations_enabled(False)
    settle()
    passes = PaintPasses(window, {window.diagram.viewport(): "diagram",
                                  window.graph.view.viewport(): "graph",
                                  window.diagram._header: "header"})
    yield doc, window, passes
    doc.undo_stack.setClean()
    window.close()
    window.deleteLater()


def fin_index(doc) -> int:
    return next(i for i, e in enumerate(doc.trace.events)
                if isinstance(e, Segment) and e.flags & FIN)


def test_an_edit_paints_both_views_once_in_one_pass(shown):
    doc, window, passes = shown
    fin = fin_index(doc)
    for _ in range(3):  # lost, arrived, lost: the graph's rings move every time
        before = window.graph.highlighted_nodes()
        seg = doc.trace.events[fin]
        new = dataclasses.replace(seg, arrive_time=None if seg.arrive_time is not None
                                  else seg.send_time + 0.01)
        passes.clear()
        doc.undo_stack.push(ReplaceEventCommand(doc, fin, new, "toggle lost"))
        settle()
        assert window.graph.highlighted_nodes() != before
        views = [(name, n) for name, n in passes.painted if name in ("diagram", "graph")]
        assert sorted(name for name, _ in views) == ["diagram", "graph"], passes.painted
        assert views[0][1] == views[1][1], f"painted in separate passes: {views}"
        assert ("header", views[0][1]) not in passes.painted  # the host boxes did not change


def test_an_edit_the_graph_does_not_show_leaves_the_graph_alone(shown):
    doc, window, passes = shown
    data = next(i for i, e in enumerate(doc.trace.events)
                if isinstance(e, Segment) and e.flags & PSH)
    seg = doc.trace.events[data]
    passes.clear()
    doc.undo_stack.push(ReplaceEventCommand(doc, data, dataclasses.replace(seg, win=1000),
                                            "window"))
    settle()
    names = [name for name, _ in passes.painted]
    assert "diagram" in names  # the label changed ("win" is not drawn, but the arrow item is)
    assert "graph" not in names and "header" not in names, passes.painted


def test_renaming_a_host_repaints_the_host_boxes(shown):
    doc, window, passes = shown
    passes.clear()
    doc.undo_stack.push(SetHostCommand(doc, "A", HostSpec("Alice", "client"), "rename"))
    settle()
    assert "header" in [name for name, _ in passes.painted]


def ring_visible(graph, node_key: str, host: str) -> bool:
    """Whether the node's box shows ``host``'s ring in the graph as painted on screen: the
    host colour just outside the box's left edge, half-way down."""
    from trainer.gui.graph import items as GI

    rect = graph.nodes[node_key].spec.rect
    image = graph.view.viewport().grab().toImage()
    want = palette.host_color(host)
    for gap in (GI.HALO_GAP, GI.HALO_GAP + GI.HALO_W + 1.6):  # A inside, B outside when both
        p = graph.map_to_viewport(QPointF(rect.left() - gap, rect.center().y())).toPoint()
        for dx in (-1, 0, 1):
            c = QColor(image.pixel(p.x() + dx, p.y()))
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) \
                    + abs(c.blue() - want.blue()) < 60:
                return True
    return False


def test_graph_pictures_follow_the_hosts_back_and_forth(shown):
    """The graph paints its items from pictures kept per look: stepping back and forth brings
    back earlier looks, and the screen must show the rings where the hosts are each time."""
    doc, window, _ = shown
    graph = window.graph
    last = len(doc.result.steps) - 1
    for cursor in (last, 3, last, 3, last, 0, last):
        doc.set_cursor(cursor)
        settle()
        where = graph.highlighted_nodes()
        for host in ("A", "B"):
            for key in graph.nodes:
                if key == where[host]:
                    assert ring_visible(graph, key, host), (cursor, host, key)
                elif all(where[h] != key for h in ("A", "B")):
                    assert not ring_visible(graph, key, host), (cursor, host, key)


def test_graph_items_are_one_plain_figure_in_the_view_box(shown):
    """The figure's items are plain QGraphicsItems in one container (pyqtgraph runs change
    hooks for each of its own items and each item added to a view box)."""
    import pyqtgraph as pg

    from trainer.gui.graph.items import FigureItem

    _, window, _ = shown
    graph = window.graph
    figure = graph.figure
    assert isinstance(figure, FigureItem)
    assert figure.parentItem() is graph.viewbox.childGroup
    items = [*graph.nodes.values(), *graph.edges.values(), *graph.labels.values(), graph.legend]
    assert items and all(item.parentItem() is figure for item in items)
    assert not any(isinstance(item, pg.GraphicsObject) for item in items)
    assert graph.viewbox.addedItems == []  # bounds are never computed from them
