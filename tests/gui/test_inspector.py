"""Inspector: editing a segment's header fields edits the trace through undo commands."""

from __future__ import annotations

import pytest

from trainer.engine.trace import Flag, Segment
from trainer.formats import load_trace
from trainer.gui.document import TraceDocument
from trainer.gui.panels.inspector import InspectorPanel, option_bytes, port_of


@pytest.fixture
def handshake(app, scenario_path):
    return TraceDocument(load_trace(scenario_path()))


@pytest.fixture
def inspector(qtbot, handshake):
    panel = InspectorPanel(handshake)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def first_segment(doc) -> int:
    return next(i for i, e in enumerate(doc.trace.events) if isinstance(e, Segment))


def test_flag_checkbox_edits_model_and_result_and_undo_restores(inspector, handshake, settle):
    doc = handshake
    syn = first_segment(doc)
    doc.select(syn)
    assert doc.result.valid
    assert inspector.flag_boxes["SYN"].isChecked()
    assert not inspector.flag_boxes["RST"].isChecked()

    inspector.flag_boxes["SYN"].click()  # A's first segment without SYN: not a handshake

    assert doc.trace.events[syn].flags == Flag.NONE
    assert not doc.result.valid
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.trace.events[syn].flags == Flag.SYN
    assert doc.result.valid
    settle()
    assert inspector.flag_boxes["SYN"].isChecked()  # the form follows the undo
    doc.undo_stack.redo()
    assert doc.trace.events[syn].flags == Flag.NONE
    settle()
    assert not inspector.flag_boxes["SYN"].isChecked()
    assert not doc.result.valid


def test_typing_a_number_is_one_undo_step(inspector, handshake, qtbot, settle):
    doc = handshake
    syn = first_segment(doc)
    doc.select(syn)
    inspector.set_relative_numbers(False)
    box = inspector.seq
    box.selectAll()
    box.lineEdit().setFocus()
    qtbot.keyClicks(box.lineEdit(), "4242")
    assert doc.trace.events[syn].seq == 4242
    assert doc.undo_stack.count() == 1, "every keystroke merged into one command"
    assert not doc.result.valid  # B's ack 101 no longer fits
    doc.undo_stack.undo()
    assert doc.trace.events[syn].seq == 100
    assert doc.result.valid
    settle()
    assert int(box.value()) == 100


def test_checking_ack_fills_the_expected_ack_and_unchecking_clears_it(inspector, handshake):
    doc = handshake
    syn = first_segment(doc)
    doc.select(syn)
    inspector.flag_boxes["ACK"].click()
    seg = doc.trace.events[syn]
    assert seg.flags & Flag.ACK and seg.ack is not None
    inspector.flag_boxes["ACK"].click()
    assert doc.trace.events[syn].ack is None
    assert doc.undo_stack.count() == 2


def test_lost_and_old_duplicate_checkboxes(inspector, handshake, settle):
    doc = handshake
    syn = first_segment(doc)
    doc.select(syn)
    assert inspector.arrive_time.isEnabled()
    inspector.lost.click()
    assert doc.trace.events[syn].arrive_time is None
    settle()
    assert not inspector.arrive_time.isEnabled()
    inspector.old_dup.click()
    assert doc.trace.events[syn].old_duplicate
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.trace.events[syn].arrive_time == 0.05
    assert not doc.trace.events[syn].old_duplicate


def test_relative_numbers_show_offsets_from_the_iss_and_edit_back(inspector, handshake):
    doc = handshake
    synack = [i for i, e in enumerate(doc.trace.events) if isinstance(e, Segment)][1]
    doc.select(synack)  # B>A SYN,ACK seq=300 ack=101
    inspector.set_relative_numbers(True)
    assert int(inspector.seq.value()) == 0
    assert int(inspector.ack.value()) == 1
    inspector.seq.setValue(5)
    assert doc.trace.events[synack].seq == 305
    inspector.set_relative_numbers(False)
    assert int(inspector.seq.value()) == 305


def test_header_fields_ports_and_data_offset(inspector, handshake):
    doc = handshake
    doc.select(first_segment(doc))
    assert inspector.ports.text() == "50000 → 80"
    assert inspector.data_offset.text().startswith("5 (20")
    assert port_of("[2001:db8::1]:443") == 443 and port_of("10.0.0.1") is None
    assert option_bytes({"mss": 1460, "wscale": 7, "sack_permitted": True}) == 12


def test_tcb_table_follows_the_cursor(inspector, handshake, settle):
    doc = handshake
    doc.set_cursor(-1)
    settle()
    assert inspector.tcb.item(1, 0).text() == "—"
    doc.set_cursor(len(doc.result.steps) - 1)
    settle()
    assert inspector.tcb.item(0, 0).text().startswith("ESTABLISHED")
    assert inspector.tcb.item(0, 1).text().startswith("ESTABLISHED")
    inspector.set_relative_numbers(False)
    assert inspector.tcb.item(1, 0).text() == "100"  # A's ISS
    assert inspector.tcb.item(1, 1).text() == "300"  # B's ISS


def test_call_form_edits_time(inspector, handshake):
    doc = handshake
    doc.select(0)  # A connect
    assert inspector.pages.currentIndex() == 2
    inspector.call_time.setValue(0.01)  # connect() after the SYN it sends: invalid
    assert doc.trace.events[0].time == pytest.approx(0.01)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.trace.events[0].time == 0.0
