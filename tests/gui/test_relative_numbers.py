"""Relative sequence numbers count from the ISS of the connection a segment belongs to (a new
SYN after TIME-WAIT starts new bases, as Wireshark's streams do), in the diagram, its tooltips,
the inspector and the inline editor, which shows and reads relative numbers when they are on."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from trainer.engine.trace import (  # noqa: E402
    Call, CallKind, Flag, HostSpec, Segment, Timeout, Timer, Trace, TraceOptions,
)
from trainer.gui.document import TraceDocument  # noqa: E402
from trainer.gui.relative import IssHistory  # noqa: E402

pytestmark = pytest.mark.gui

ACK, SYN, FIN, RST = Flag.ACK, Flag.SYN, Flag.FIN, Flag.RST


def reconnect() -> Trace:
    """A connection (ISS 100 / 300) closed by A, whose TIME-WAIT ends; then the same pair of
    sockets again with new ISSs (7000 / 9000) and one data segment each way."""
    return Trace(
        hosts={"A": HostSpec("A", "client", "10.0.0.1:40000"),
               "B": HostSpec("B", "server", "10.0.0.2:80")},
        options=TraceOptions(msl=1.0),
        events=[
            Call("A", 0.0, CallKind.CONNECT),
            Segment("A", 0.00, 0.01, SYN, 100),
            Segment("B", 0.01, 0.02, SYN | ACK, 300, 101),
            Segment("A", 0.02, 0.03, ACK, 101, 301),
            Call("A", 0.1, CallKind.CLOSE),
            Segment("A", 0.10, 0.11, FIN | ACK, 101, 301),
            Segment("B", 0.11, 0.12, ACK, 301, 102),
            Call("B", 0.2, CallKind.CLOSE),
            Segment("B", 0.20, 0.21, FIN | ACK, 301, 102),
            Segment("A", 0.21, 0.22, ACK, 102, 302),
            Timeout("A", 2.21, Timer.TIME_WAIT),
            Call("B", 3.0, CallKind.LISTEN),
            Call("A", 3.0, CallKind.CONNECT),
            Segment("A", 3.00, 3.01, SYN, 7000),
            Segment("B", 3.01, 3.02, SYN | ACK, 9000, 7001),
            Segment("A", 3.02, 3.03, ACK | Flag.PSH, 7001, 9001, length=10),
            Segment("B", 3.03, 3.04, ACK, 9001, 7011),
        ])


def index_of(doc, flags, seq) -> int:
    return next(i for i, e in enumerate(doc.trace.events)
                if isinstance(e, Segment) and e.flags == flags and e.seq == seq)


@pytest.fixture
def doc(app):
    d = TraceDocument(reconnect())
    assert d.result.valid, [f.code for f in d.result.errors()]
    return d


@pytest.fixture
def view(doc, qtbot):
    from trainer.gui.diagram import SequenceDiagramView

    v = SequenceDiagramView(doc)
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    v.set_relative_numbers(True)
    return v


def label(view, index: int) -> str:
    view._ensure_event_visible(index)
    view._sync_items()
    item = view.item_for_event(index)
    assert item is not None
    return f"{item.spec.flags} {item.spec.rest}"


def test_iss_history_starts_new_bases_with_the_new_connection(doc):
    changes = IssHistory.from_result(doc.result).changes()
    assert [bases for _, bases in changes] == [
        {"A": 100, "B": None}, {"A": 100, "B": 300}, {"A": 7000, "B": 300},
        {"A": 7000, "B": 9000}]
    assert IssHistory.from_result(doc.result).first() == {"A": 100, "B": 300}


def test_diagram_labels_count_each_connection_from_its_own_iss(doc, view):
    assert label(view, index_of(doc, SYN, 100)) == "SYN seq=0"
    assert label(view, index_of(doc, SYN | ACK, 300)) == "SYN,ACK seq=0 ack=1"
    assert label(view, index_of(doc, FIN | ACK, 301)) == "FIN,ACK seq=1 ack=2"
    # the second connection: from 7000 and 9000, not from the first ISSs
    assert label(view, index_of(doc, SYN, 7000)) == "SYN seq=0"
    assert label(view, index_of(doc, SYN | ACK, 9000)) == "SYN,ACK seq=0 ack=1"
    assert label(view, index_of(doc, ACK | Flag.PSH, 7001)).endswith(" seq=1 ack=1 len=10")
    assert label(view, index_of(doc, ACK, 9001)) == "ACK seq=1 ack=11"
    tip = view.event_tooltip(index_of(doc, SYN | ACK, 9000))
    assert "SYN,ACK seq=9000 ack=7001" in tip and "SYN,ACK seq=0 ack=1" in tip
    view.set_relative_numbers(False)
    assert label(view, index_of(doc, SYN | ACK, 9000)) == "SYN,ACK seq=9000 ack=7001"


def test_inspector_counts_from_the_iss_of_the_segments_connection(doc, qtbot, settle):
    from trainer.gui.panels.inspector import InspectorPanel

    panel = InspectorPanel(doc)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_relative_numbers(True)
    second = index_of(doc, SYN | ACK, 9000)
    doc.select(second)
    assert (int(panel.seq.value()), int(panel.ack.value())) == (0, 1)
    panel.seq.setValue(5)  # relative 5 is 9005 in this connection
    assert doc.trace.events[second].seq == 9005
    doc.undo_stack.undo()
    first = index_of(doc, SYN | ACK, 300)
    doc.select(first)
    assert (int(panel.seq.value()), int(panel.ack.value())) == (0, 1)
    # the TCB table at the end: relative to the new ISSs (SND.UNA row 3, RCV.NXT row 6)
    doc.set_cursor(len(doc.result.steps) - 1)
    settle()
    assert panel.tcb.item(3, 0).text() == "11"   # A's SND.UNA: 7011 - 7000
    assert panel.tcb.item(6, 0).text() == "1"    # A's RCV.NXT: 9001 - 9000
    assert panel.tcb.item(1, 0).text() == "7000"  # ISS stays absolute
    first_ack = index_of(doc, ACK, 101)
    doc.set_cursor(next(s.index for s in doc.result.steps if s.event == first_ack))
    settle()  # after the first handshake: the first ISSs
    assert panel.tcb.item(1, 0).text() == "100"
    assert panel.tcb.item(3, 0).text() == "1"


# ---- the inline editor ---------------------------------------------------------------------

def open_editor(view, doc, index):
    doc.select(index)
    assert view.edit_selected()
    editor = view.editor()
    assert editor is not None and editor.isVisible()
    return editor


def commit(editor, text):
    editor.line.setText(text)
    QTest.keyClick(editor.line, Qt.Key.Key_Return)


def test_editor_shows_and_reads_relative_numbers(doc, view):
    second = index_of(doc, SYN | ACK, 9000)
    editor = open_editor(view, doc, second)
    assert editor.line.text() == "SYN,ACK seq=0 ack=1"
    assert "relative" in editor.hint.text()
    commit(editor, "SYN,ACK seq=5 ack=1 len=3")
    seg = doc.trace.events[second]
    assert (seg.seq, seg.ack, seg.length) == (9005, 7001, 3)
    assert view.editor() is None
    doc.undo_stack.undo()
    # the first connection's segment: relative to the first ISSs
    editor = open_editor(view, doc, index_of(doc, FIN | ACK, 301))
    assert editor.line.text() == "FIN,ACK seq=1 ack=2"
    commit(editor, "FIN,ACK seq=1 ack=3")
    assert doc.trace.events[index_of(doc, FIN | ACK, 301)].ack == 103


def test_editor_uses_absolute_numbers_when_relative_ones_are_off(doc, view):
    view.set_relative_numbers(False)
    second = index_of(doc, SYN | ACK, 9000)
    editor = open_editor(view, doc, second)
    assert editor.line.text() == "SYN,ACK seq=9000 ack=7001"
    assert "absolute" in editor.hint.text()
    commit(editor, "SYN,ACK seq=5 ack=7001")
    assert doc.trace.events[second].seq == 5


def test_editor_keeps_numbers_absolute_that_the_label_shows_absolute(doc, view):
    """An old duplicate, and a number more than half the sequence space from the base (a RST
    with seq=0), read as written both ways."""
    rst = Segment("B", 3.05, 3.06, RST, 0)
    doc.trace.events.append(rst)
    dup = Segment("B", 3.06, 3.07, ACK, 301, 102, old_duplicate=True)
    doc.trace.events.append(dup)
    doc.reset(doc.trace)
    view.set_relative_numbers(True)
    r, d = len(doc.trace.events) - 2, len(doc.trace.events) - 1
    editor = open_editor(view, doc, r)
    assert editor.line.text() == "RST seq=0"
    commit(editor, "RST seq=1")
    assert doc.trace.events[r].seq == 1
    editor = open_editor(view, doc, d)
    assert editor.line.text() == "ACK seq=301 ack=102"
    commit(editor, "ACK seq=302 ack=102")
    assert doc.trace.events[d].seq == 302


def test_switching_number_style_closes_the_open_editor(doc, view):
    open_editor(view, doc, index_of(doc, SYN | ACK, 9000))
    view.set_relative_numbers(False)
    assert view.editor() is None
    assert doc.undo_stack.count() == 0
