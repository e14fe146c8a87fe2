"""Text pane <-> document, both ways; a parse error is shown in place and loses nothing."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QTextCursor

from trainer.formats import format_notation, load_trace
from trainer.gui.commands import InsertEventCommand, ReplaceEventCommand
from trainer.gui.document import TraceDocument
from trainer.gui.panels.text_pane import TextPane
from trainer.engine.trace import Call, CallKind


@pytest.fixture
def doc(app, scenario_path):
    return TraceDocument(load_trace(scenario_path()))


@pytest.fixture
def pane(qtbot, doc):
    p = TextPane(doc)
    qtbot.addWidget(p)
    p.resize(600, 400)
    p.show()
    qtbot.waitExposed(p)
    return p


def replace_line(pane: TextPane, old: str, new: str) -> None:
    text = pane.editor.toPlainText()
    assert old in text
    pane.editor.setPlainText(text.replace(old, new, 1))


def test_shows_the_trace_in_notation(pane, doc):
    assert pane.editor.toPlainText() == format_notation(doc.trace)
    assert not pane.error_bar.isVisible()


def test_typing_pushes_an_undoable_set_trace_after_a_pause(pane, doc, qtbot, settle):
    replace_line(pane, "SYN seq=100 @0.050", "SYN seq=100 @0.060")
    assert doc.trace.events[1].arrive_time == 0.05  # not yet: debounced
    qtbot.waitUntil(lambda: doc.undo_stack.count() == 1, timeout=3000)
    assert doc.trace.events[1].arrive_time == 0.06
    assert doc.undo_stack.undoText() == "Edit in text"
    doc.undo_stack.undo()
    assert doc.trace.events[1].arrive_time == 0.05
    settle()
    assert "@0.050" in pane.editor.toPlainText().split("\n")[next(
        i for i, line in enumerate(pane.editor.toPlainText().split("\n")) if "SYN seq=100" in line)]


def test_typing_at_the_keyboard_goes_through_the_same_path(pane, doc, qtbot):
    cursor = pane.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    pane.editor.setTextCursor(cursor)
    pane.editor.setFocus()
    qtbot.keyClicks(pane.editor, "0.300 B close")
    qtbot.waitUntil(lambda: doc.undo_stack.count() == 1, timeout=3000)
    last = doc.trace.events[-1]
    assert isinstance(last, Call) and last.call is CallKind.CLOSE and last.host == "B"


def test_a_text_that_parses_to_the_same_trace_pushes_nothing(pane, doc):
    replace_line(pane, "# TCP Trainer trace", "# a comment of my own")
    assert pane.parse_now()
    assert doc.undo_stack.count() == 0


def test_parse_error_is_shown_in_place_and_keeps_the_last_good_trace(pane, doc):
    before = format_notation(doc.trace)
    replace_line(pane, "SYN,ACK seq=300", "SYN,ACK seq=3x0")
    assert not pane.parse_now()
    assert pane.has_error()
    assert pane.error_bar.isVisible()
    line = next(i for i, text in enumerate(pane.editor.toPlainText().split("\n"), 1)
                if "seq=3x0" in text)
    assert pane.error.line == line
    assert f"Line {line}, column" in pane.error_label.text()
    assert pane.editor.error_line == line
    selections = pane.editor.extraSelections()
    assert selections and selections[-1].cursor.block().blockNumber() == line - 1
    assert "3x0" in selections[-1].cursor.selectedText()
    assert format_notation(doc.trace) == before  # the document kept the last good trace
    assert doc.undo_stack.count() == 0

    replace_line(pane, "seq=3x0", "seq=300")  # fixed: the error goes away
    assert pane.parse_now()
    assert not pane.has_error() and not pane.error_bar.isVisible()


def test_parse_error_message_follows_the_language(pane, app):
    from trainer.gui import i18n

    replace_line(pane, "SYN,ACK seq=300", "SYN,ACK seq=3x0")
    pane.parse_now()
    english = pane.error_label.text()
    i18n.set_language("zh_CN")
    try:
        chinese = pane.error_label.text()
        assert chinese != english
        assert "行" in chinese  # "第 5 行" location
    finally:
        i18n.set_language("en")
    assert pane.error_label.text() == english


def test_document_changes_elsewhere_rewrite_the_text(pane, doc, settle):
    seg = doc.trace.events[1]
    doc.undo_stack.push(ReplaceEventCommand(doc, 1, dataclasses.replace(seg, seq=777), "edit"))
    settle()
    assert "SYN seq=777" in pane.editor.toPlainText()
    assert pane.editor.toPlainText() == format_notation(doc.trace)
    doc.undo_stack.push(InsertEventCommand(doc, len(doc.trace.events),
                                           Call("B", 0.4, CallKind.CLOSE), "insert"))
    settle()
    assert pane.editor.toPlainText() == format_notation(doc.trace)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    settle()
    assert pane.editor.toPlainText() == format_notation(doc.trace)
    assert "SYN seq=100" in pane.editor.toPlainText()


def test_unfinished_text_is_not_clobbered_by_changes_elsewhere(pane, doc, settle):
    replace_line(pane, "SYN,ACK seq=300", "SYN,ACK seq=3x0")
    typed = pane.editor.toPlainText()
    seg = doc.trace.events[1]
    doc.undo_stack.push(ReplaceEventCommand(doc, 1, dataclasses.replace(seg, seq=777), "edit"))
    settle()
    assert pane.editor.toPlainText() == typed  # the half-typed text survives


def test_hidden_pane_catches_up_when_shown(pane, doc, qtbot, settle):
    pane.hide()
    seg = doc.trace.events[1]
    doc.undo_stack.push(ReplaceEventCommand(doc, 1, dataclasses.replace(seg, seq=555), "edit"))
    settle()
    assert "SYN seq=555" not in pane.editor.toPlainText()  # no work while hidden
    pane.show()
    qtbot.waitExposed(pane)
    assert "SYN seq=555" in pane.editor.toPlainText()
