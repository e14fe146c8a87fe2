"""The sequence diagram: mouse editing, drawing from the check result, undo, i18n.

Mouse drags are synthesized ``QMouseEvent``s sent to the viewport (QTest's press-hold-drag is
unreliable on a QGraphicsView).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import html
import math

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QMouseEvent, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from trainer.engine.states import State
from trainer.engine.trace import (
    Call, CallKind, Crash, Flag, HostSpec, Segment, Timeout, Timer, Trace,
)
from trainer.gui import palette
from trainer.gui.diagram import SequenceDiagramView
from trainer.gui.diagram.items import MarkerItem, SegmentItem
from trainer.gui.document import TraceDocument
from trainer.i18n.catalog import render_finding

pytestmark = pytest.mark.gui

L = Qt.MouseButton.LeftButton
NO = Qt.MouseButton.NoButton


# ---- helpers -------------------------------------------------------------------------------------

def send_mouse(view, kind, scene_pt: QPointF, button=L, buttons=L, modifiers=Qt.KeyboardModifier.NoModifier):
    vp = view.viewport()
    pos = QPointF(view.mapFromScene(scene_pt))
    glob = QPointF(vp.mapToGlobal(pos.toPoint()))
    QApplication.sendEvent(vp, QMouseEvent(kind, pos, glob, button, buttons, modifiers))


def drag(view, start: QPointF, end: QPointF, steps: int = 6, via: QPointF | None = None):
    """Press at ``start``, move in ``steps`` (through ``via`` first, if given), release at ``end``."""
    send_mouse(view, QEvent.Type.MouseButtonPress, start)
    legs = [(start, via), (via, end)] if via is not None else [(start, end)]
    for a, b in legs:
        for k in range(1, steps + 1):
            f = k / steps
            pt = QPointF(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f)
            send_mouse(view, QEvent.Type.MouseMove, pt, button=NO, buttons=L)
    send_mouse(view, QEvent.Type.MouseButtonRelease, end, button=L, buttons=NO)


def click(view, pt: QPointF):
    send_mouse(view, QEvent.Type.MouseButtonPress, pt)
    send_mouse(view, QEvent.Type.MouseButtonRelease, pt, button=L, buttons=NO)


def handshake(iss_a=100, iss_b=300) -> Trace:
    return Trace(
        hosts={"A": HostSpec("A", "client"), "B": HostSpec("B", "server")},
        events=[
            Segment("A", 0.0, 0.5, Flag.SYN, iss_a),
            Segment("B", 0.5, 1.0, Flag.SYN | Flag.ACK, iss_b, iss_a + 1),
            Segment("A", 1.0, 1.5, Flag.ACK, iss_a + 1, iss_b + 1),
        ])


@pytest.fixture
def make_view(qtbot):
    def make(trace: Trace | None = None, width=900, height=760):
        doc = TraceDocument(trace if trace is not None else
                            Trace(hosts={"A": HostSpec("A", "client"), "B": HostSpec("B", "server")}))
        view = SequenceDiagramView(doc)
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        return doc, view
    return make


def at(view, host: str, t: float) -> QPointF:
    return QPointF(view.lifeline_x(host), view.time_to_y(t))


def band_color_at(view, host: str, t: float) -> QColor:
    img = view.viewport().grab().toImage()
    p = view.mapFromScene(QPointF(view.lifeline_x(host), view.time_to_y(t)))
    return QColor(img.pixel(p.x(), p.y()))


def expected_intervals(result, host):
    """State intervals computed independently from the steps: the state after each step, until
    the next change."""
    i = 0 if host == "A" else 1
    out = [[-math.inf, math.inf, result.initial[i]]]
    for st in result.steps:
        if st.states[i] is not out[-1][2]:
            out[-1][1] = st.time
            out.append([st.time, math.inf, st.states[i]])
    return [tuple(x) for x in out]


# ---- creating a segment by dragging ------------------------------------------------------------

def test_drag_from_lifeline_to_lifeline_creates_one_segment(make_view):
    doc, view = make_view()
    start, end = at(view, "A", 0.1), at(view, "B", 0.6)
    drag(view, start, end)

    events = doc.trace.events
    assert len(events) == 1
    seg = events[0]
    assert isinstance(seg, Segment)
    assert seg.sender == "A"
    assert seg.send_time == pytest.approx(0.1)
    assert seg.arrive_time == pytest.approx(0.6)
    assert seg.flags == Flag.SYN  # A is CLOSED (a client): the first thing it sends is a SYN
    assert doc.undo_stack.count() == 1
    assert doc.selected == 0

    item = view.item_for_event(0)
    assert isinstance(item, SegmentItem)
    p0, p1 = item.line()
    hl = view._ctx.hl
    assert p0.x() == pytest.approx(hl.inner_edge("A"))
    assert p1.x() == pytest.approx(hl.inner_edge("B"))
    assert p0.y() == pytest.approx(view.time_to_y(0.1))
    assert p1.y() == pytest.approx(view.time_to_y(0.6))
    assert p1.y() > p0.y()  # slanted downward: it arrives later

    # state bands follow the check result
    for host in ("A", "B"):
        assert view.state_intervals(host) == expected_intervals(doc.result, host)
    assert [iv[2] for iv in view.state_intervals("A")] == [State.CLOSED, State.SYN_SENT]
    assert [iv[2] for iv in view.state_intervals("B")] == [State.LISTEN, State.SYN_RECEIVED]
    assert [c.state for c in view.state_chips("B")] == [State.LISTEN, State.SYN_RECEIVED]
    # ... and are painted in the state colours
    assert band_color_at(view, "A", 0.35).name() == palette.state_color(State.SYN_SENT).name()
    assert band_color_at(view, "B", 0.8).name() == palette.state_color(State.SYN_RECEIVED).name()
    assert band_color_at(view, "B", 0.4).name() == palette.state_color(State.LISTEN).name()

    doc.undo_stack.undo()
    assert doc.trace.events == []
    assert view.item_for_event(0) is None
    doc.undo_stack.redo()
    assert len(doc.trace.events) == 1 and doc.trace.events[0] == seg
    assert isinstance(view.item_for_event(0), SegmentItem)


def test_drag_answer_gets_synack_with_expected_numbers(make_view):
    trace = Trace(hosts={"A": HostSpec("A", "client"), "B": HostSpec("B", "server")},
                  events=[Segment("A", 0.0, 0.5, Flag.SYN, 1000)])
    doc, view = make_view(trace)
    drag(view, at(view, "B", 0.5), at(view, "A", 1.0))
    assert len(doc.trace.events) == 2
    new = doc.trace.events[1]
    assert (new.sender, new.flags, new.seq, new.ack) == ("B", Flag.SYN | Flag.ACK, 300, 1001)
    assert new.send_time == pytest.approx(0.5) and new.arrive_time == pytest.approx(1.0)
    drag(view, at(view, "A", 1.0), at(view, "B", 1.5))
    last = doc.trace.events[2]
    assert (last.flags, last.seq, last.ack) == (Flag.ACK, 1001, 301)
    assert doc.result.valid
    assert doc.undo_stack.count() == 2


def test_drag_released_before_the_middle_creates_a_lost_segment(make_view):
    doc, view = make_view(handshake())
    mid = view._ctx.hl.mid
    drag(view, at(view, "A", 2.0), QPointF(mid - 60, view.time_to_y(2.3)))
    seg = doc.trace.events[-1]
    assert seg.send_time == pytest.approx(2.0)
    assert seg.arrive_time is None
    assert view.item_for_event(3).spec.lost


def test_a_plain_click_on_a_lifeline_creates_nothing(make_view):
    doc, view = make_view(handshake())
    click(view, at(view, "A", 2.0))
    assert len(doc.trace.events) == 3
    assert doc.undo_stack.count() == 0


def test_suggest_disabled_copies_previous_numbers(make_view):
    trace = Trace(hosts={"A": HostSpec("A", "client"), "B": HostSpec("B", "server")},
                  events=[Segment("A", 0.0, 0.5, Flag.SYN, 1000)])
    doc, view = make_view(trace)
    view.set_suggest_enabled(False)
    drag(view, at(view, "A", 1.0), at(view, "B", 1.5))
    new = doc.trace.events[1]
    assert new.seq == 1000  # the sender's previous segment, not what the engine expects
    assert view.suggest_selected() is False  # exam mode: no suggestion
    assert doc.undo_stack.count() == 1


# ---- moving ends ---------------------------------------------------------------------------------

def test_dragging_an_end_is_one_undo_step(make_view):
    doc, view = make_view(handshake())
    click(view, QPointF((view._ctx.hl.x["A"] + view._ctx.hl.x["B"]) / 2, view.time_to_y(0.25)))
    assert doc.selected == 0
    assert doc.cursor == 0  # the cursor moved to the segment's send step
    before = doc.undo_stack.count()
    item = view.item_for_event(0)
    _, p1 = item.line()
    drag(view, p1, QPointF(p1.x(), view.time_to_y(0.7)), steps=8)
    seg = doc.trace.events[0]
    assert seg.arrive_time == pytest.approx(0.7)
    assert seg.send_time == pytest.approx(0.0)
    assert doc.undo_stack.count() == before + 1
    assert view.item_for_event(0).line()[1].y() == pytest.approx(view.time_to_y(0.7))
    doc.undo_stack.undo()
    assert doc.trace.events[0].arrive_time == pytest.approx(0.5)


def test_dragging_the_send_end_moves_only_the_send_time(make_view):
    doc, view = make_view(handshake())
    doc.select(1)
    p0, _ = view.item_for_event(1).line()
    drag(view, p0, QPointF(p0.x(), view.time_to_y(0.6)))
    seg = doc.trace.events[1]
    assert seg.send_time == pytest.approx(0.6) and seg.arrive_time == pytest.approx(1.0)
    assert doc.undo_stack.count() == 1


def test_dragging_the_arrival_back_across_the_middle_makes_it_lost_and_back(make_view):
    doc, view = make_view(handshake())
    doc.select(2)
    _, p1 = view.item_for_event(2).line()
    # grab the arrival end (a vertical start moves the end), then pull it back past the middle
    drag(view, p1, QPointF(view._ctx.hl.x["A"] + 60, p1.y()), via=QPointF(p1.x(), p1.y() + 20))
    assert doc.trace.events[2].arrive_time is None
    assert view.item_for_event(2).spec.lost
    assert doc.undo_stack.count() == 1
    _, x_end = view.item_for_event(2).line()
    drag(view, x_end, at(view, "B", 1.75))
    assert doc.trace.events[2].arrive_time == pytest.approx(1.75)
    assert doc.undo_stack.count() == 2


def test_toggle_lost_and_duplicate(make_view):
    doc, view = make_view(handshake())
    doc.select(2)
    assert view.toggle_lost_selected()
    assert doc.trace.events[2].arrive_time is None
    assert view.item_for_event(2).spec.lost
    assert view.toggle_lost_selected()
    assert doc.trace.events[2].arrive_time == pytest.approx(1.5)  # the typical flight time
    assert view.toggle_duplicate_selected()
    assert doc.trace.events[2].old_duplicate
    spec = view.item_for_event(2).spec
    assert spec.dup and spec.stub is not None
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    assert not doc.trace.events[2].old_duplicate


def test_keyboard_shortcuts(make_view, qtbot):
    doc, view = make_view(handshake())
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert doc.selected == 0
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert doc.selected == 1
    assert doc.cursor == view._ctx.derived.first_step[1]
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert doc.selected == 0
    QTest.keyClick(view, Qt.Key.Key_L)  # a plain letter edits nothing
    assert doc.trace.events[0].arrive_time == 0.5
    QTest.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert doc.trace.events[0].arrive_time is None
    QTest.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert doc.trace.events[0].old_duplicate
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert len(doc.trace.events) == 2
    assert doc.undo_stack.count() == 3


# ---- inline editing ------------------------------------------------------------------------------

def test_double_click_opens_editor_and_enter_commits(make_view, qtbot):
    doc, view = make_view(handshake())
    p0, p1 = view.item_for_event(1).line()
    mid = QPointF((p0.x() + p1.x()) / 2, (p0.y() + p1.y()) / 2)
    send_mouse(view, QEvent.Type.MouseButtonPress, mid)
    send_mouse(view, QEvent.Type.MouseButtonRelease, mid, buttons=NO)
    send_mouse(view, QEvent.Type.MouseButtonDblClick, mid)
    send_mouse(view, QEvent.Type.MouseButtonRelease, mid, buttons=NO)
    editor = view.editor()
    assert editor is not None and editor.isVisible()
    assert editor.line.text() == "SYN,ACK seq=300 ack=101"

    editor.line.setText("SYN,ACK seq=300 ack=abc")
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    assert editor.error.isVisible()
    assert "ack" in editor.error.text()
    assert doc.undo_stack.count() == 0  # nothing pushed for a bad edit
    assert editor.line.cursorPosition() == len("SYN,ACK seq=300 ack=")

    editor.line.setText("SYN,ACK seq=777 ack=101 len=5")
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    seg = doc.trace.events[1]
    assert (seg.seq, seg.ack, seg.length) == (777, 101, 5)
    assert seg.send_time == 0.5 and seg.arrive_time == 1.0  # times kept
    assert doc.undo_stack.count() == 1
    assert view.editor() is None


def test_escape_cancels_editing(make_view):
    doc, view = make_view(handshake())
    doc.select(0)
    assert view.edit_selected()
    editor = view.editor()
    editor.line.setText("RST seq=1")
    QTest.keyClick(editor.line, Qt.Key.Key_Escape)
    assert view.editor() is None
    assert doc.trace.events[0].flags == Flag.SYN
    assert doc.undo_stack.count() == 0


# ---- labels --------------------------------------------------------------------------------------

def test_labels_absolute_and_relative(make_view):
    doc, view = make_view(handshake(iss_a=1000, iss_b=5000))
    spec = [view.item_for_event(i).spec for i in range(3)]
    assert [(s.flags, s.rest) for s in spec] == [
        ("SYN", "seq=1000"), ("SYN,ACK", "seq=5000 ack=1001"), ("ACK", "seq=1001 ack=5001")]
    view.set_relative_numbers(True)
    spec = [view.item_for_event(i).spec for i in range(3)]
    assert [(s.flags, s.rest) for s in spec] == [
        ("SYN", "seq=0"), ("SYN,ACK", "seq=0 ack=1"), ("ACK", "seq=1 ack=1")]
    view.set_relative_numbers(False)
    assert view.item_for_event(2).spec.rest == "seq=1001 ack=5001"


def test_data_segment_label_shows_length_and_role_tag(make_view):
    trace = handshake()
    trace.events += [Segment("A", 2.0, None, Flag.ACK | Flag.PSH, 101, 301, length=100),
                     Segment("A", 3.0, 3.5, Flag.ACK | Flag.PSH, 101, 301, length=100)]
    doc, view = make_view(trace)
    spec = view.item_for_event(4).spec
    assert spec.rest == "seq=101 ack=301 len=100"
    assert spec.tag == "retransmission"
    assert view.item_for_event(3).spec.lost


# ---- findings ------------------------------------------------------------------------------------

def error_trace() -> Trace:
    trace = handshake()
    trace.events[2] = Segment("A", 1.0, 1.5, Flag.ACK, 101, 999)  # wrong ack
    return trace


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # QToolTip, offscreen
def test_findings_make_the_arrow_red_with_the_message_as_tooltip(make_view):
    doc, view = make_view(error_trace())
    errors = [f for f in doc.result.findings if f.code == "ack-not-next"]
    assert errors
    spec = view.item_for_event(2).spec
    assert spec.severity == "error"
    from trainer.gui.diagram.painting import segment_color
    assert segment_color(spec, view._theme).name() == palette.error_color().name()
    assert view.item_for_event(0).spec.severity is None
    message = render_finding(errors[0], "en", {"A": "A", "B": "B"})
    assert html.escape(message) in view.event_tooltip(2)
    assert "Error" in view.event_tooltip(2)

    # the real tooltip path: a ToolTip help event on the arrow
    p0, p1 = view.item_for_event(2).line()
    pos = view.mapFromScene(QPointF((p0.x() + p1.x()) / 2, (p0.y() + p1.y()) / 2))
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert "ack" in QToolTip.text()
    QToolTip.hideText()

    # the arrow is painted red: sample the rendered viewport along the arrow
    img = view.viewport().grab().toImage()
    red = palette.error_color()
    hits = 0
    for k in range(30, 70):
        x = p0.x() + (p1.x() - p0.x()) * k / 100
        y = p0.y() + (p1.y() - p0.y()) * k / 100
        vp = view.mapFromScene(QPointF(x, y))
        c = QColor(img.pixel(vp.x(), vp.y()))
        if max(abs(c.red() - red.red()), abs(c.green() - red.green()), abs(c.blue() - red.blue())) < 40:
            hits += 1
    assert hits > 10


def test_warning_on_a_marker(make_view):
    trace = handshake()
    trace.events.append(Timeout("A", 3.0, Timer.TIME_WAIT))  # A is ESTABLISHED: no 2MSL timer
    doc, view = make_view(trace)
    item = view.item_for_event(3)
    assert isinstance(item, MarkerItem)
    assert item.spec.severity == "error"
    assert "2MSL" in item.spec.text


# ---- insertion at the cursor -----------------------------------------------------------------------

def test_insert_call_timeout_crash_at_the_cursor(make_view):
    doc, view = make_view(handshake())
    doc.set_cursor(len(doc.result.steps) - 1)  # the last ACK arrives at 1.5
    i = view.insert_call(CallKind.CLOSE)
    ev = doc.trace.events[i]
    assert isinstance(ev, Call) and ev.call is CallKind.CLOSE and ev.host == "A"
    assert ev.time == pytest.approx(1.5)
    assert isinstance(view.item_for_event(i), MarkerItem)
    assert view.item_for_event(i).spec.text == "close()"
    assert doc.selected == i
    # the host of the selection (a call of A) is used for the timeout
    j = view.insert_timeout(Timer.USER)
    assert isinstance(doc.trace.events[j], Timeout) and doc.trace.events[j].host == "A"
    k = view.insert_crash("B")
    assert isinstance(doc.trace.events[k], Crash) and doc.trace.events[k].host == "B"
    assert doc.undo_stack.count() == 3
    for _ in range(3):
        doc.undo_stack.undo()
    assert len(doc.trace.events) == 3


def test_insert_after_a_send_goes_between_steps(make_view):
    doc, view = make_view(handshake())
    doc.set_cursor(0)  # the SYN is sent at 0.0; its arrival is at 0.5
    i = view.insert_call(CallKind.ABORT)
    t = doc.trace.events[i].time
    assert 0.0 < t < 0.5


# ---- suggest -------------------------------------------------------------------------------------

def test_suggest_fills_expected_numbers(make_view):
    trace = handshake()
    trace.events[1] = Segment("B", 0.5, 1.0, Flag.SYN | Flag.ACK, 300, 555)
    trace.events[2] = Segment("A", 1.0, 1.5, Flag.ACK, 7, 8)
    doc, view = make_view(trace)
    assert not doc.result.valid
    doc.select(1)
    assert view.suggest_selected()
    assert (doc.trace.events[1].seq, doc.trace.events[1].ack) == (300, 101)
    doc.select(2)
    assert view.suggest_selected()
    assert (doc.trace.events[2].seq, doc.trace.events[2].ack) == (101, 301)
    assert doc.result.valid
    assert doc.undo_stack.count() == 2
    assert view.suggest_selected() is False  # nothing left to fix: no empty undo step
    assert doc.undo_stack.count() == 2


def test_suggest_rst_reply_from_a_closed_host(make_view):
    trace = Trace(hosts={"A": HostSpec("A", "client"), "B": HostSpec("B", "peer")},
                  events=[Segment("A", 0.0, 0.5, Flag.SYN, 100),
                          Segment("B", 0.5, 1.0, Flag.RST, 1)])
    doc, view = make_view(trace)
    doc.select(1)
    assert view.suggest_selected()
    rst = doc.trace.events[1]
    # the SYN had no ACK: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
    assert (rst.flags, rst.seq, rst.ack) == (Flag.RST | Flag.ACK, 0, 101)
    assert not doc.result.errors()


# ---- incremental updates and big traces ------------------------------------------------------------

def test_a_change_keeps_the_other_items(make_view):
    doc, view = make_view(handshake())
    before = {i: view.item_for_event(i) for i in range(3)}
    specs = {i: before[i].spec for i in range(3)}
    doc.select(None)
    from trainer.gui.commands import InsertEventCommand
    doc.undo_stack.push(InsertEventCommand(doc, 3, Call("A", 1.6, CallKind.CLOSE), "close"))
    for i in range(3):
        assert view.item_for_event(i) is before[i]
        assert view.item_for_event(i).spec.p0 == specs[i].p0
    assert isinstance(view.item_for_event(3), MarkerItem)
    # inserting in front shifts the items with the events
    doc.undo_stack.push(InsertEventCommand(doc, 0, Call("B", 0.0, CallKind.LISTEN), "listen"))
    assert view.item_for_event(1) is before[0]
    assert view.item_for_event(3) is before[2]


def big_trace(n_pairs: int) -> Trace:
    ev = [Segment("A", 0.0, 0.05, Flag.SYN, 100), Segment("B", 0.05, 0.1, Flag.SYN | Flag.ACK, 300, 101),
          Segment("A", 0.1, 0.15, Flag.ACK, 101, 301)]
    a, b, t = 101, 301, 0.15
    for _ in range(n_pairs):
        ev.append(Segment("A", t, t + 0.05, Flag.ACK | Flag.PSH, a, b, length=100))
        a += 100
        ev.append(Segment("B", t + 0.05, t + 0.1, Flag.ACK, b, a))
        t += 0.1
    return Trace(events=ev)


def test_large_trace_keeps_item_count_bounded(make_view):
    doc, view = make_view(big_trace(2000))
    assert 0 < len(view.items_in_view()) < 200
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    items = view.items_in_view()
    assert 0 < len(items) < 200
    top = view.y_to_time(view.verticalScrollBar().value())
    assert all(doc.trace.events[i].send_time > top - 1.0 for i in items)
    for _ in range(10):
        view.zoom_out()
    # zoomed out, arrows crowd: some labels are hidden and the one before them counts them
    specs = [item.spec for item in view.items_in_view().values() if isinstance(item, SegmentItem)]
    hidden = [s for s in specs if not s.show_label]
    assert hidden and any(s.show_label for s in specs)
    assert sum(s.hidden for s in specs) > 0
    for _ in range(15):
        view.zoom_out()
    assert view.is_overview()
    assert view.items_in_view() == {}
    view.zoom_fit()
    assert view.is_overview()


# ---- language ------------------------------------------------------------------------------------

def test_language_switch_retranslates_labels_and_tooltips(make_view):
    from trainer.gui import i18n

    trace = error_trace()
    trace.events.insert(2, Segment("A", 0.9, None, Flag.SYN, 100))  # a retransmitted SYN, lost
    trace.events.append(Timeout("A", 3.0, Timer.TIME_WAIT))
    doc, view = make_view(trace)
    assert view.item_for_event(2).spec.tag == "retransmission"
    assert view.item_for_event(4).spec.text == "2MSL timeout"
    try:
        i18n.set_language("zh_CN")
        QApplication.processEvents()
        assert view.item_for_event(2).spec.tag == "重传"
        assert view.item_for_event(4).spec.text == "2MSL 超时"
        err = next(f for f in doc.result.findings if f.code == "ack-not-next")
        zh = render_finding(err, "zh_CN", {"A": "A", "B": "B"})
        assert html.escape(zh) in view.event_tooltip(3)
        assert "错误" in view.event_tooltip(3)
    finally:
        i18n.set_language("en")
        QApplication.processEvents()
    assert view.item_for_event(2).spec.tag == "retransmission"
    assert "Error" in view.event_tooltip(3)


# ---- export --------------------------------------------------------------------------------------

def test_export_paints_the_whole_diagram(make_view):
    trace = handshake()
    trace.events.append(Segment("A", 40.0, 40.5, Flag.ACK | Flag.PSH, 101, 301, length=10))
    doc, view = make_view(trace, height=400)
    rect = view.export_rect()
    assert rect.height() > view.viewport().height()
    img = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    view.paint_export(p, rect.translated(-rect.left(), -rect.top()))
    p.end()
    # the last segment (far below the screen) is drawn: sample its arrow
    hl = view._ctx.hl
    y = view.time_to_y(40.25) - rect.top()
    x = (hl.inner_edge("A") + hl.inner_edge("B")) / 2
    dark = [QColor(img.pixel(int(x), int(y) + dy)).lightness() for dy in range(-3, 4)]
    assert min(dark) < 160


def test_context_menu_lists_actions_with_shortcuts(make_view):
    doc, view = make_view(handshake())
    doc.select(0)
    menu = view._build_menu()
    names = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert {"edit", "lost", "duplicate", "suggest", "delete"} <= set(names)
    assert names["lost"].shortcut().toString() == "Ctrl+L"
    assert names["suggest"].shortcut().toString() == "Ctrl+G"
    assert names["delete"].shortcut().toString() == "Del"
    names["lost"].trigger()
    assert doc.trace.events[0].arrive_time is None
    view.set_suggest_enabled(False)
    menu = view._build_menu()
    assert not next(a for a in menu.actions() if a.objectName() == "suggest").isEnabled()


# ---- more drags ------------------------------------------------------------------------------------

def test_dragging_an_arrow_by_its_body_moves_both_times(make_view):
    doc, view = make_view(handshake())
    p0, p1 = view.item_for_event(1).line()
    mid = QPointF((p0.x() + p1.x()) / 2, (p0.y() + p1.y()) / 2)
    dy = view.time_to_y(0.8) - view.time_to_y(0.5)
    drag(view, mid, QPointF(mid.x(), mid.y() + dy), steps=5)
    seg = doc.trace.events[1]
    assert seg.send_time == pytest.approx(0.8)
    assert seg.arrive_time == pytest.approx(1.3)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert (doc.trace.events[1].send_time, doc.trace.events[1].arrive_time) == (0.5, 1.0)


def test_dragging_a_marker_moves_its_time(make_view):
    trace = handshake()
    trace.events.append(Call("A", 2.0, CallKind.CLOSE))
    doc, view = make_view(trace)
    item = view.item_for_event(3)
    x, top, w, h = item.spec.label_rect()
    label = QPointF(x + w / 2, top + h / 2)  # grab the label (the glyph sits on the lifeline)
    dy = view.time_to_y(2.5) - view.time_to_y(2.0)
    drag(view, label, QPointF(label.x(), label.y() + dy))
    assert doc.trace.events[3].time == pytest.approx(2.5)
    assert doc.undo_stack.count() == 1


def test_big_trace_drag_previews_locally_and_pushes_once(make_view):
    doc, view = make_view(big_trace(1200))
    i = 10
    doc.select(i)
    _, p1 = view.item_for_event(i).line()
    seen = []
    doc.changed.connect(seen.append)
    target = doc.trace.events[i].arrive_time + 0.02
    drag(view, p1, QPointF(p1.x(), view.time_to_y(target)), steps=6)
    assert len(seen) == 1  # the model changed once, on release
    assert doc.undo_stack.count() == 1
    assert doc.trace.events[i].arrive_time == pytest.approx(target, abs=0.003)


# ---- tooltips on bands, hosts, export formats --------------------------------------------------------

@pytest.mark.qt_log_ignore("This plugin does not support raise")  # QToolTip, offscreen
def test_band_tooltip_names_the_state(make_view):
    doc, view = make_view(handshake())
    pos = view.mapFromScene(QPointF(view.lifeline_x("B"), view.time_to_y(0.75)))
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos,
                                                       view.viewport().mapToGlobal(pos)))
    text = QToolTip.text()
    QToolTip.hideText()
    assert "SYN-RECEIVED" in text and "0.5" in text and "1" in text


def test_host_names_in_header_and_tooltips(make_view, qtbot):
    from trainer.gui.commands import SetHostCommand

    doc, view = make_view(handshake())
    doc.undo_stack.push(SetHostCommand(doc, "A", HostSpec("Alice", "client", "10.0.0.1:4000"), "name"))
    assert "Alice" in view.event_tooltip(0)
    header = view.findChild(type(view._header), "SequenceDiagramHeader")
    img = header.grab().toImage()
    assert img.width() == view.viewport().width()


def test_export_to_svg_and_pdf(make_view, tmp_path):
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPageSize, QPdfWriter
    from PySide6.QtSvg import QSvgGenerator

    doc, view = make_view(error_trace())
    rect = view.export_rect()
    svg = QSvgGenerator()
    svg.setFileName(str(tmp_path / "d.svg"))
    svg.setSize(QSize(int(rect.width()), int(rect.height())))
    svg.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    p = QPainter(svg)
    view.paint_export(p, QRectF(0, 0, rect.width(), rect.height()))
    p.end()
    text = (tmp_path / "d.svg").read_text(encoding="utf-8")
    assert "SYN,ACK" in text and "ack=999" in text
    pdf = QPdfWriter(str(tmp_path / "d.pdf"))
    pdf.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    p = QPainter(pdf)
    view.paint_export(p, QRectF(0, 0, pdf.width(), pdf.height()))
    p.end()
    assert (tmp_path / "d.pdf").stat().st_size > 1000


def test_editor_on_focus_loss_keeps_valid_and_drops_invalid_edits(make_view, qtbot):
    doc, view = make_view(handshake())
    view.activateWindow()
    qtbot.waitActive(view)
    doc.select(0)
    view.edit_selected()
    editor = view.editor()
    qtbot.waitUntil(editor.line.hasFocus)
    editor.line.setText("SYN seq=x")
    view.setFocus()  # clicking elsewhere drops an invalid edit
    QApplication.processEvents()
    assert view.editor() is None
    assert doc.trace.events[0].seq == 100 and doc.undo_stack.count() == 0
    view.edit_selected()
    editor = view.editor()
    qtbot.waitUntil(editor.line.hasFocus)
    editor.line.setText("SYN seq=42")
    view.setFocus()  # ... and keeps a valid one
    QApplication.processEvents()
    assert doc.trace.events[0].seq == 42
    assert view.editor() is None
    assert doc.undo_stack.count() == 1


def test_segments_sent_at_the_same_instant_do_not_overlap(make_view):
    trace = handshake()
    trace.events += [Segment("A", 2.0, 2.5, Flag.ACK | Flag.PSH, 101, 301, length=10),
                     Segment("A", 2.0, 2.5, Flag.ACK | Flag.PSH, 111, 301, length=10)]
    doc, view = make_view(trace)
    a, b = view.item_for_event(3).line(), view.item_for_event(4).line()
    assert a[0].y() == pytest.approx(view.time_to_y(2.0))
    assert b[0].y() > a[0].y() + 8 and b[1].y() > a[1].y() + 8


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # layouts, offscreen
def test_tab_moves_focus_on(make_view, qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    doc = TraceDocument(handshake())
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    view = SequenceDiagramView(doc)
    after = QLineEdit()
    layout.addWidget(view)
    layout.addWidget(after)
    box.resize(800, 600)
    box.show()
    box.activateWindow()
    qtbot.waitActive(box)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)


def test_export_of_a_view_that_was_never_shown(qtbot):
    doc = TraceDocument(handshake())
    view = SequenceDiagramView(doc)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    rect = view.export_rect()
    assert rect.width() == pytest.approx(1000 - 2 * view.frameWidth())
    img = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    view.paint_export(p, rect.translated(-rect.left(), -rect.top()))
    p.end()
    # the SYN arrow, a third of the way across, is drawn
    hl = view._ctx.hl
    x = hl.inner_edge("A") + (hl.inner_edge("B") - hl.inner_edge("A")) * 0.6
    y = view.time_to_y(0.3) - rect.top()
    assert min(QColor(img.pixel(int(x), int(y) + dy)).lightness() for dy in range(-3, 4)) < 160


def test_click_on_empty_space_moves_the_time_cursor(make_view):
    doc, view = make_view(handshake())
    doc.select(1)
    click(view, QPointF(view._ctx.hl.x["A"] - 60, view.time_to_y(0.75)))
    assert doc.selected is None
    steps = doc.result.steps
    assert doc.cursor == max(k for k, st in enumerate(steps) if st.time <= 0.75)
    # the cursor line is drawn there: sample the cursor colour on the viewport
    img = view.viewport().grab().toImage()
    y = view.mapFromScene(QPointF(0, view.time_to_y(steps[doc.cursor].time))).y()
    xs = range(int(view._ctx.hl.mid) - 40, int(view._ctx.hl.mid) + 40)
    want = view._theme.cursor

    def near(c: QColor) -> bool:
        return max(abs(c.red() - want.red()), abs(c.green() - want.green()), abs(c.blue() - want.blue())) < 60

    purple = sum(1 for x in xs for dy in (-1, 0, 1) if near(QColor(img.pixel(x, y + dy))))
    assert purple > 20


def test_selecting_elsewhere_scrolls_the_event_into_view(make_view):
    doc, view = make_view(big_trace(1500))
    far = len(doc.trace.events) - 5
    assert view.item_for_event(far) is None
    doc.select(far)
    item = view.item_for_event(far)
    assert isinstance(item, SegmentItem) and item.spec.selected
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(item.line()[0])
