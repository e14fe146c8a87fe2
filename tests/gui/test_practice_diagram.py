"""The question diagram gives nothing away: no findings until revealed, no state bands when
hidden, blanks in the labels, read-only unless it is a build answer. It relies on hooks of
``SequenceDiagramView`` (``_apply_spec``, ``_sync_items``, ``_fonts``): these tests break if
they change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from trainer.engine.trace import Flag, HostSpec, Segment, Trace
from tests.gui.test_practice_kinds import at, drag, send_mouse

pytestmark = pytest.mark.gui


def wrong_handshake() -> Trace:
    return Trace(hosts={"A": HostSpec("A", "client"), "B": HostSpec("B", "server")},
                 events=[Segment("A", 0.0, 0.5, Flag.SYN, 100),
                         Segment("B", 0.5, 1.0, Flag.SYN | Flag.ACK, 300, 100),  # ack should be 101
                         Segment("A", 1.0, 1.5, Flag.ACK, 101, 301)])


@pytest.fixture
def quiz(app, qtbot):
    from trainer.gui.practice.quiz_diagram import QuizDiagramView, QuizDocument

    def make(editable=False, states_visible=False, trace=None):
        doc = QuizDocument(trace if trace is not None else wrong_handshake())
        view = QuizDiagramView(doc, editable=editable, states_visible=states_visible)
        qtbot.addWidget(view)
        view.resize(800, 700)
        view.show()
        qtbot.waitExposed(view)
        return doc, view
    return make


def pixel(view, host: str, t: float) -> QColor:
    image = view.viewport().grab().toImage()
    p = view.mapFromScene(QPointF(view.lifeline_x(host), view.time_to_y(t)))
    return QColor(image.pixel(p.x(), p.y()))


def test_findings_hidden_until_revealed(quiz):
    doc, view = quiz()
    assert doc.full_result.findings and not doc.result.findings
    assert view.item_for_event(1).spec.severity is None  # the wrong arrow is not red
    doc.set_revealed(True)
    assert doc.result.findings
    assert view.item_for_event(1).spec.severity == "error"


def test_state_bands_hidden_and_shown(quiz):
    from trainer.engine.states import State
    from trainer.gui.palette import state_color

    doc, view = quiz()
    established = state_color(State.ESTABLISHED)
    syn_sent = state_color(State.SYN_SENT)
    hidden = pixel(view, "A", 0.25)
    assert hidden != syn_sent and hidden != established
    view.set_states_visible(True)
    assert pixel(view, "A", 0.25) == syn_sent


def test_band_tooltip_suppressed_when_states_are_hidden(quiz):
    doc, view = quiz()
    pos = view.mapFromScene(QPointF(view.lifeline_x("B"), view.time_to_y(0.75)))
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == ""


def test_blank_in_a_label(quiz):
    doc, view = quiz()
    view.set_masks({1: {"ack": "?ack2"}})
    spec = view.item_for_event(1).spec
    assert spec.rest == "seq=300 ack=?ack2"
    assert "ack=?ack2" in view.masked_label(1)
    view.set_masks({})
    assert view.item_for_event(1).spec.rest == "seq=300 ack=100"


def test_read_only_draws_nothing_but_selects(quiz):
    doc, view = quiz()
    drag(view, at(view, "A", 1.8), at(view, "B", 2.2))
    assert len(doc.trace.events) == 3 and doc.undo_stack.count() == 0
    item = view.item_for_event(2)
    line = item.line()
    mid = QPointF((line[0].x() + line[1].x()) / 2, (line[0].y() + line[1].y()) / 2)
    send_mouse(view, QEvent.Type.MouseButtonPress, mid, Qt.MouseButton.LeftButton,
               Qt.MouseButton.LeftButton)
    assert doc.selected == 2


def test_editable_is_the_normal_editor(quiz):
    doc, view = quiz(editable=True, trace=Trace(hosts={"A": HostSpec("A", "client"),
                                                      "B": HostSpec("B", "server")}))
    drag(view, at(view, "A", 0.1), at(view, "B", 0.4))
    assert len(doc.trace.events) == 1 and doc.undo_stack.count() == 1


def test_claims_are_drawn_beside_the_lifelines(quiz):
    from trainer.gui.practice.quiz_diagram import ClaimTag

    doc, view = quiz()
    before = view.viewport().grab().toImage()
    view.set_claims([ClaimTag(0.5, "B", "B: ?state_b", True)])
    QApplication.processEvents()
    after = view.viewport().grab().toImage()
    p = view.mapFromScene(QPointF(view.lifeline_x("B") + 40, view.time_to_y(0.5) + 12))
    assert before.pixel(p) != after.pixel(p)
    assert view.claims()[0].text == "B: ?state_b"
