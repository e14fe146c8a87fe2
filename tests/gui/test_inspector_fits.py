"""The inspector fits its dock at the default layout of a 1024 px window, in English and in
Chinese: nothing sticks out past the right edge (it has no horizontal scroll bar), whatever
the selected event (a segment, a user call, a timeout, a crash) and with the TCB table."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget  # noqa: E402

from trainer.engine.trace import Call, Crash, Segment, Timeout, Timer  # noqa: E402
from trainer.gui import i18n  # noqa: E402

pytestmark = pytest.mark.gui


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def _overflow(inspector) -> list[str]:
    """The visible widgets in the inspector whose right edge lies past its scroll area's
    viewport (what the dock clips), as readable descriptions."""
    scroll = inspector.findChild(QScrollArea)
    viewport = scroll.viewport()
    out = []
    body = scroll.widget()
    if body.minimumSizeHint().width() > viewport.width():
        out.append(f"body needs {body.minimumSizeHint().width()} px of {viewport.width()}")
    for widget in body.findChildren(QWidget):
        if not widget.isVisible() or widget.width() == 0:
            continue
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        if right > viewport.width():
            text = getattr(widget, "text", lambda: "")()
            out.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}: right edge "
                       f"{right} > {viewport.width()}")
    return out


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_inspector_fits_its_dock_in_a_1024_px_window(app, qtbot, scenario_path, lang):
    from trainer.gui.main_window import MainWindow
    from trainer.gui.settings import Settings

    i18n.set_language(lang)
    window = MainWindow(Settings(None), progressive=False)
    try:
        window.resize(1024, 700)
        window.size_docks()
        window.show()
        qtbot.waitExposed(window)
        assert window.open_file(scenario_path("rfc9293-fig8-old-duplicate-syn"), ask=False)
        doc = window.doc
        doc.set_cursor(len(doc.result.steps) - 1)
        _settle()
        inspector = window.inspector
        assert window.inspector_dock.width() <= 280  # the narrow default this is about
        # one event of each kind the inspector has a page for (a timeout and a crash added)
        doc.undo_stack.push(_insert(doc, Timeout("A", 0.25, Timer.RETRANSMISSION)))
        doc.undo_stack.push(_insert(doc, Crash("A", 0.26)))
        kinds = {}
        for i, event in enumerate(doc.trace.events):
            kinds.setdefault(type(event), i)
        assert set(kinds) == {Segment, Call, Timeout, Crash}
        for kind, index in kinds.items():
            doc.select(index)
            _settle()
            assert _overflow(inspector) == [], (kind.__name__, _overflow(inspector))
        # the long check box text wraps instead of widening the panel
        doc.select(kinds[Segment])
        _settle()
        row = inspector.old_dup_row
        assert row.label.wordWrap()
        assert row.width() <= inspector.findChild(QScrollArea).viewport().width()
    finally:
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()


def _insert(doc, event):
    from trainer.gui.commands import InsertEventCommand

    return InsertEventCommand(doc, len(doc.trace.events), event, "insert")


def test_old_duplicate_text_toggles_its_check_box(app, qtbot, scenario_path):
    """The wrapped text acts as the check box's own text would: a click toggles it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from trainer.formats import load_trace
    from trainer.gui.document import TraceDocument
    from trainer.gui.panels.inspector import InspectorPanel

    doc = TraceDocument(load_trace(scenario_path()))
    panel = InspectorPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(260, 700)
    panel.show()
    qtbot.waitExposed(panel)
    first = next(i for i, e in enumerate(doc.trace.events) if isinstance(e, Segment))
    doc.select(first)
    assert not doc.trace.events[first].old_duplicate
    QTest.mouseClick(panel.old_dup_row.label, Qt.MouseButton.LeftButton)
    assert doc.trace.events[first].old_duplicate
    assert panel.old_dup.isChecked()
    assert panel.old_dup.accessibleName() == panel.old_dup_row.text()
