"""Main window: timeline, actions, settings, layout, export and print."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QDockWidget

from trainer.engine.trace import CallKind, Segment
from trainer.gui.main_window import MainWindow
from trainer.gui.settings import Settings


@pytest.fixture
def opened(window, scenario_path):
    assert window.open_file(scenario_path("rfc9293-fig8-old-duplicate-syn"))
    return window


def test_opened_trace_reaches_every_view(opened):
    w = opened
    assert w.doc.cursor == len(w.doc.result.steps) - 1  # opened at the end: final states
    assert w.findings.finding_texts()
    assert "TCP Peer A" in w.text.editor.toPlainText()
    assert w.timeline.slider.maximum() == len(w.doc.result.steps) - 1
    assert w.graph is not None and w.graph_dock.widget() is w.graph


def test_timeline_buttons_keys_and_slider_move_the_cursor(opened, qtbot):
    w, doc = opened, opened.doc
    w.timeline.first_action.trigger()
    assert doc.cursor == -1
    assert not w.timeline.back_action.isEnabled()
    w.timeline.forward_action.trigger()
    assert doc.cursor == 0
    w.diagram.setFocus()
    qtbot.keyClick(w.diagram, Qt.Key.Key_Period)
    assert doc.cursor == 1
    qtbot.keyClick(w.diagram, Qt.Key.Key_Right)
    assert doc.cursor == 2
    qtbot.keyClick(w.diagram, Qt.Key.Key_Comma)
    assert doc.cursor == 1
    qtbot.keyClick(w.diagram, Qt.Key.Key_End)
    assert doc.cursor == len(doc.result.steps) - 1
    assert not w.timeline.forward_action.isEnabled()
    w.timeline.slider.setValue(3)
    assert doc.cursor == 3
    assert "Step 3 /" in w.timeline.label.text()
    assert "(Right, .)" in w.timeline.forward_action.toolTip()


def test_step_keys_stay_with_text_editors(opened, qtbot):
    w, doc = opened, opened.doc
    doc.set_cursor(2)
    w.text.editor.setFocus()
    qtbot.keyClick(w.text.editor, Qt.Key.Key_Right)
    assert doc.cursor == 2  # the editor moved its caret instead


def test_space_toggles_a_focused_check_box_not_the_playback(opened, qtbot, settle):
    w, doc = opened, opened.doc
    seg = next(i for i, e in enumerate(doc.trace.events) if isinstance(e, Segment))
    doc.select(seg)
    box = w.inspector.old_dup
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert doc.trace.events[seg].old_duplicate
    assert not w.timeline.is_playing()
    w.diagram.setFocus()
    qtbot.keyClick(w.diagram, Qt.Key.Key_Space)  # elsewhere Space plays
    assert w.timeline.is_playing()
    w.timeline.stop()


def test_play_steps_to_the_end_and_stops(opened, qtbot):
    w, doc = opened, opened.doc
    w.timeline.set_speed(4.0)
    assert w.timeline.speed_value() == 4.0
    w.timeline.first_action.trigger()
    w.timeline.play_action.trigger()
    assert w.timeline.is_playing()
    assert w.timeline.play_action.text() == "Pause"
    qtbot.waitUntil(lambda: not w.timeline.is_playing(), timeout=10000)
    assert doc.cursor == len(doc.result.steps) - 1
    assert w.timeline.play_action.text() == "Play"
    assert w.settings.speed() == 4.0


def test_edit_actions_follow_the_selection_and_edit_the_trace(opened):
    w, doc = opened, opened.doc
    doc.select(None)
    assert not w.delete_action.isEnabled() and not w.lost_action.isEnabled()
    seg = next(i for i, e in enumerate(doc.trace.events) if isinstance(e, Segment))
    doc.select(seg)
    assert w.delete_action.isEnabled() and w.lost_action.isEnabled()
    w.lost_action.trigger()
    assert doc.trace.events[seg].lost
    assert w.lost_action.isChecked()
    w.undo_action.trigger()
    assert not doc.trace.events[seg].lost
    count = len(doc.trace.events)
    w.call_actions[CallKind.CLOSE].trigger()
    assert len(doc.trace.events) == count + 1
    w.undo_action.trigger()
    assert len(doc.trace.events) == count
    w.redo_action.trigger()
    assert len(doc.trace.events) == count + 1
    assert w.isWindowModified()


def test_standard_shortcuts(window):
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert not window.quit_action.shortcut().isEmpty()
    assert "Ctrl+O" in window.open_action.toolTip()


def test_every_menu_action_has_text(window):
    def walk(menu):
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert action.text().strip(), menu.title()
            if action.menu():
                walk(action.menu())
    window.rebuild_recent_menu()
    for menu in (window.file_menu, window.edit_menu, window.view_menu, window.language_menu,
                 window.help_menu):
        assert "&" in menu.title()  # a mnemonic: Alt+letter opens it
        walk(menu)


def test_relative_numbers_toggle_is_remembered(app, qtbot, settings):
    w = MainWindow(settings, progressive=False)
    qtbot.addWidget(w)
    w.relative_action.setChecked(False)
    assert not w.inspector.relative_numbers()
    assert settings.relative_numbers() is False
    w2 = MainWindow(settings, progressive=True)
    qtbot.addWidget(w2)
    assert not w2.relative_action.isChecked()


def test_layout_is_saved_restored_and_reset(app, qtbot, settings):
    w = MainWindow(settings, progressive=True)
    qtbot.addWidget(w)
    w.resize(760, 560)  # within the offscreen screen, which restoreGeometry keeps it to
    w.show()
    qtbot.waitExposed(w)
    w.text_dock.hide()
    w.save_layout()
    assert settings.window_state() is not None
    w2 = MainWindow(settings, progressive=True)
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert not w2.text_dock.isVisible()
    assert w2.size() == w.size()
    w2.reset_layout_action.trigger()
    assert w2.text_dock.isVisible()
    assert w2.dockWidgetArea(w2.inspector_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert w2.dockWidgetArea(w2.graph_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    # a state saved by another layout version is ignored
    settings.set_window_layout(w2.saveGeometry(), QByteArray(w2.saveState(99)))
    w3 = MainWindow(settings, progressive=True)
    qtbot.addWidget(w3)
    assert all(isinstance(d, QDockWidget) for d in w3.docks())


def test_docks_are_filled_after_the_first_paint(app, qtbot, settings):
    w = MainWindow(settings, progressive=True)
    qtbot.addWidget(w)
    assert w.graph is None and w.inspector is None and w.findings is None
    assert w.graph_loading is not None and w.graph_loading.text() == "Loading the state graph…"
    w.show()
    qtbot.waitUntil(lambda: w.inspector is not None, timeout=5000)
    assert w.inspector_dock.widget() is w.inspector
    assert w.findings_dock.widget() is w.findings and w.text_dock.widget() is w.text
    qtbot.waitUntil(lambda: w.graph is not None, timeout=5000)
    assert w.graph_dock.widget() is w.graph
    assert w.inspector.relative_numbers() == w.relative_action.isChecked()


def test_actions_work_before_the_docks_are_filled(app, qtbot, settings, scenario_path):
    w = MainWindow(settings, progressive=True)
    qtbot.addWidget(w)
    assert w.open_file(scenario_path())  # before show: no panels yet
    w.relative_action.toggle()
    w.set_language_choice("zh_CN")
    w.set_language_choice("en")
    w.show()
    qtbot.waitUntil(lambda: w.text is not None, timeout=5000)
    assert "TCP Peer A" in w.text.editor.toPlainText()
    assert w.findings.finding_texts() == [] or w.findings.banner.valid


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
@pytest.mark.parametrize("which", ["diagram", "graph"])
def test_export(opened, tmp_path, which, suffix):
    path = tmp_path / f"out.{suffix}"
    assert opened.export_to(which, path)
    data = path.read_bytes()
    assert len(data) > 500
    if suffix == "png":
        image = QImage(str(path))
        assert not image.isNull()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert len(colours) > 3
    elif suffix == "svg":
        assert b"<svg" in data
    else:
        assert data.startswith(b"%PDF")


def test_print_to_pdf_printer(opened, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert opened.print_to(printer)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2  # diagram and graph


def test_settings_in_memory_do_not_persist(app):
    s = Settings(None)
    assert not s.persistent
    s.set_language("zh_CN")
    assert s.language() == "zh_CN"
    assert Settings(None).language() == "system"
