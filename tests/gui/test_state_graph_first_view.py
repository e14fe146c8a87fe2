"""The state graph is drawn before pyqtgraph is imported: at start the figure appears in Qt's own
view (every state and edge, the hosts' rings), clicks explain as usual, and pyqtgraph's
zoomable view takes the figure over afterwards at the same place and scale."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]

FIRST_VIEW_CHECK = r"""
import sys
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
app = QApplication([])
from trainer.formats import load_trace
from trainer.gui import palette
from trainer.gui.document import TraceDocument
from trainer.gui.graph import layout as L
from trainer.gui.state_graph import StateGraphWidget

doc = TraceDocument(load_trace(sys.argv[1]))
doc.set_cursor(len(doc.result.steps) - 1)
graph = StateGraphWidget(doc, interactive=False)
graph.resize(420, 460)
graph.show()
for _ in range(5):
    app.processEvents()

def fills():
    image = graph.view.viewport().grab().toImage()
    out = {}
    for key, node in L.NODES.items():
        # inside the box, left of its text: the state's fill colour
        r = node.rect
        p = graph.map_to_viewport(r.topLeft() + (r.bottomLeft() - r.topLeft()) * 0.5
                                  + (r.topRight() - r.topLeft()) * 0.06).toPoint()
        c, want = QColor(image.pixel(p)), palette.state_color(node.state)
        out[key] = (abs(c.red() - want.red()) + abs(c.green() - want.green())
                    + abs(c.blue() - want.blue()))
    return out

before = fills()
print("pyqtgraph imported:", "pyqtgraph" in sys.modules, "numpy imported:", "numpy" in sys.modules)
print("interactive:", graph.is_interactive())
print("nodes drawn:", sum(d < 40 for d in before.values()), "of", len(before))
print("edges visible:", sum(e.isVisible() for e in graph.edges.values()))
print("rings:", sorted(graph.highlighted_nodes().items()))
graph.attach_interactive_view()
for _ in range(5):
    app.processEvents()
after = fills()
print("pyqtgraph imported:", "pyqtgraph" in sys.modules)
print("interactive:", graph.is_interactive())
print("nodes drawn:", sum(d < 40 for d in after.values()), "of", len(after))
print("same place:", all(abs(a - b) < 40 for a, b in zip(before.values(), after.values())))
"""


def test_first_view_draws_the_whole_figure_without_pyqtgraph(app, scenario_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", FIRST_VIEW_CHECK,
                          str(scenario_path("rfc9293-fig12-normal-close"))],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = out.stdout.splitlines()
    assert out.returncode == 0, out.stderr[-2000:]
    assert lines[0] == "pyqtgraph imported: False numpy imported: False"
    assert lines[1] == "interactive: False"
    assert lines[2] == "nodes drawn: 12 of 12"
    assert int(lines[3].split(": ")[1]) >= 20  # every edge of Figure 5
    assert lines[4] == "rings: [('A', 'CLOSED@end'), ('B', 'CLOSED@end')]"
    assert lines[5] == "pyqtgraph imported: True"
    assert lines[6] == "interactive: True"
    assert lines[7] == "nodes drawn: 12 of 12"
    assert lines[8] == "same place: True"


def click_figure(graph, point: QPointF) -> None:
    viewport = graph.view.viewport()
    pos = graph.map_to_viewport(point)
    glob = QPointF(viewport.mapToGlobal(pos.toPoint()))
    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        QApplication.sendEvent(viewport, QMouseEvent(kind, pos, glob, Qt.MouseButton.LeftButton,
                                                     buttons, Qt.KeyboardModifier.NoModifier))


def test_progressive_start_explains_on_click_then_attaches_pyqtgraph(app, qtbot, settings,
                                                                    scenario_path, monkeypatch):
    from trainer.engine.states import State
    from trainer.gui.main_window import MainWindow
    from trainer.gui.state_graph import StateGraphWidget

    attach = StateGraphWidget.attach_interactive_view
    asked = []  # hold pyqtgraph back until the first view has been tried
    monkeypatch.setattr(StateGraphWidget, "attach_interactive_view",
                        lambda self: asked.append(self))
    window = MainWindow(settings)  # progressive, as the app starts
    try:
        assert window.open_file(scenario_path("rfc9293-fig12-normal-close"), ask=False)
        window.resize(1280, 800)
        window.show()
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
        graph = window.graph
        assert asked == [graph] and not graph.is_interactive()
        assert window.inspector is not None  # the panels came before pyqtgraph
        click_figure(graph, graph.node_rect(State.LISTEN).center())
        assert graph.explanation_subject() == ("state", State.LISTEN)
        click_figure(graph, graph.label_rect("synsent-rcv-synack").center())
        assert graph.explanation_subject() == ("edge", "synsent-rcv-synack")

        attach(graph)
        assert graph.is_interactive()
        assert graph.figure.parentItem() is graph.viewbox.childGroup
        assert graph.explanation_visible()  # still open, over the new view
        graph.hide_explanation()
        QApplication.processEvents()
        click_figure(graph, graph.node_rect(State.ESTABLISHED).center())
        assert graph.explanation_subject() == ("state", State.ESTABLISHED)
    finally:
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()
