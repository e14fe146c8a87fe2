"""Findings panel: verdict, every finding in the UI language, click to go there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from trainer.engine.findings import Severity
from trainer.formats import load_trace, parse_notation
from trainer.gui.document import TraceDocument
from trainer.gui.panels.findings import ROLE_META, FindingsPanel

WRONG_ACK = """\
host A client 10.0.0.1:40000 name="client"
host B server 10.0.0.2:80 name="server"
0.000 A connect
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=100 @0.100
0.100 A>B ACK seq=101 ack=301 @0.150
"""


@pytest.fixture
def panel(app, qtbot):
    def make(doc):
        p = FindingsPanel(doc)
        qtbot.addWidget(p)
        p.resize(500, 400)
        p.show()
        return p
    return make


def test_valid_trace_shows_green_verdict_and_counts(panel, scenario_path):
    doc = TraceDocument(load_trace(scenario_path("rfc9293-fig8-old-duplicate-syn")))
    p = panel(doc)
    assert doc.result.valid
    assert p.banner.valid
    assert p.banner.title.text() == "Valid — every step follows RFC 9293"
    assert p.filters[Severity.ERROR].text() == "Errors: 0"
    infos = sum(f.severity is Severity.INFO for f in doc.result.findings)
    assert infos >= 1
    assert p.filters[Severity.INFO].text() == f"Notes: {infos}"
    assert len(p.finding_texts()) == len(doc.result.findings)


def test_error_findings_are_rendered_with_names_and_rfc(panel):
    doc = TraceDocument(parse_notation(WRONG_ACK))
    p = panel(doc)
    assert not doc.result.valid
    assert not p.banner.valid
    assert "Invalid" in p.banner.title.text()
    errors = doc.result.errors()
    assert p.filters[Severity.ERROR].text() == f"Errors: {len(errors)}"
    texts = p.finding_texts()
    assert any("server" in t for t in texts), texts  # host display names, not "A"/"B"
    first_error = next(r for r in range(p.model.rowCount())
                       if p.severity_at(r) is Severity.ERROR)
    meta = p.model.item(first_error).data(ROLE_META)
    assert "RFC 9293 §" in meta and "Step" in meta


def test_click_selects_event_and_moves_cursor(panel, qtbot):
    doc = TraceDocument(parse_notation(WRONG_ACK))
    doc.set_cursor(-1)
    p = panel(doc)
    row = next(r for r in range(p.model.rowCount())
               if p.severity_at(r) is Severity.ERROR)
    finding = doc.result.findings[row]
    rect = p.view.visualRect(p.model.index(row, 0))
    with qtbot.waitSignals([doc.selectionChanged, doc.cursorChanged]):
        qtbot.mouseClick(p.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert doc.cursor == finding.step
    assert doc.selected == doc.result.steps[finding.step].event
    assert doc.selected == 2  # the SYN,ACK with the wrong ack


def test_filters_hide_and_show_severities(panel, scenario_path):
    doc = TraceDocument(load_trace(scenario_path("rfc9293-fig8-old-duplicate-syn")))
    p = panel(doc)
    info_rows = [r for r in range(p.model.rowCount())
                 if p.severity_at(r) is Severity.INFO]
    p.filters[Severity.INFO].setChecked(False)
    assert all(p.view.isRowHidden(r) for r in info_rows)
    p.filters[Severity.INFO].setChecked(True)
    assert not any(p.view.isRowHidden(r) for r in info_rows)


def test_findings_follow_document_changes_after_the_views(panel, qtbot):
    from trainer.gui.commands import SetTraceCommand

    doc = TraceDocument(parse_notation(WRONG_ACK))
    p = panel(doc)
    fixed = parse_notation(WRONG_ACK.replace("ack=100", "ack=101"))
    doc.undo_stack.push(SetTraceCommand(doc, fixed, "fix"))
    doc.undo_stack.undo()
    doc.undo_stack.redo()
    assert not p.banner.valid  # refreshed once, on the next pass of the event loop
    qtbot.waitUntil(lambda: p.banner.valid, timeout=2000)
    assert p.filters[Severity.ERROR].text() == "Errors: 0"
    doc.undo_stack.undo()
    qtbot.waitUntil(lambda: not p.banner.valid, timeout=2000)
