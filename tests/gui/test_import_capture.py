"""File > Import Capture: reading off the GUI thread with progress and cancel, the connection
picker, the messages for unreadable and cut-short files, and every way in (menu and shortcut,
drag and drop, the command line)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from tests.capture import pcapwriter as w
from trainer.capture import CaptureSession
from trainer.gui import background
from trainer.gui.capture_import import CaptureImporter
from trainer.gui.dialogs.import_capture import ConnectionPicker, ConnectionTable

SERVER = ("10.0.0.2", 80)
FLAGS = {"S": 0x02, "SA": 0x12, "A": 0x10, "PA": 0x18, "FA": 0x11}
X, Y = 1000, 5000


def handshake(t0):
    return [(t0, ">", "S", X, 0, 0), (t0 + 0.000050, "<", "SA", Y, X + 1, 0),
            (t0 + 0.000090, ">", "A", X + 1, Y + 1, 0)]


def close(t0, x, y):
    return [(t0, ">", "FA", x, y, 0), (t0 + 0.000040, "<", "A", y, x + 1, 0),
            (t0 + 0.000060, "<", "FA", y, x + 1, 0), (t0 + 0.000100, ">", "A", x + 1, y + 1, 0)]


#: Three connections, interleaved in time: a plain one (7 packets), one whose first data
#: segment is lost and resent after the RTO and which closes 3 s later (microsecond gaps next
#: to seconds), and one still open at the end (5 packets).
CONNECTIONS = [
    (("10.0.0.1", 40000), handshake(0.0) + close(0.010, X + 1, Y + 1)),
    (("10.0.0.3", 40001), handshake(0.005) + [
        (0.006, ">", "PA", X + 1, Y + 1, 100),     # lost
        (0.210, ">", "PA", X + 1, Y + 1, 100),     # resent after the RTO
        (0.210080, "<", "A", Y + 1, X + 101, 0),
    ] + close(3.210, X + 101, Y + 1)),
    (("10.0.0.5", 40002), handshake(0.008) + [
        (0.009, ">", "PA", X + 1, Y + 1, 20), (0.009070, "<", "A", Y + 1, X + 21, 0)]),
]


def write_capture(path: Path, connections=CONNECTIONS) -> Path:
    records = []
    for (client, sport), rows in connections:
        for time, way, flags, seq, ack, length in rows:
            seg = w.tcp(sport, SERVER[1], seq, ack, FLAGS[flags], payload=b"x" * length) \
                if way == ">" else w.tcp(SERVER[1], sport, seq, ack, FLAGS[flags],
                                         payload=b"y" * length)
            src, dst = (client, SERVER[0]) if way == ">" else (SERVER[0], client)
            records.append((1_700_000_000 + time, w.ethernet(w.ipv4(src, dst, seg))))
    records.sort(key=lambda r: r[0])
    path.write_bytes(w.pcap(records))
    return path


@pytest.fixture
def three(tmp_path):
    return write_capture(tmp_path / "three.pcap")


@pytest.fixture
def one(tmp_path):
    return write_capture(tmp_path / "one.pcap", CONNECTIONS[1:2])


@pytest.fixture
def boxes(monkeypatch):
    """Record every message box (title, text) instead of showing it."""
    seen: list[tuple[str, str, str]] = []

    def recorder(kind):
        def box(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return box

    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))
    return seen


@pytest.fixture
def no_picker(monkeypatch):
    def refuse(self):
        raise AssertionError("the picker must not be shown")
    monkeypatch.setattr(ConnectionPicker, "exec", refuse)


def when_picker_shown(action) -> list:
    """Run ``action(picker)`` as soon as the picker is on screen; close it if ``action``
    fails, so that a failing test cannot hang. Returns a list that receives the exception."""
    failures: list = []

    def poll():
        picker = QApplication.activeModalWidget()
        if not isinstance(picker, ConnectionPicker):
            QTimer.singleShot(20, poll)
            return
        try:
            action(picker)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test
            failures.append(exc)
            picker.reject()

    QTimer.singleShot(0, poll)
    return failures


def wait_all_checked(picker, timeout=10.0):
    import time

    end = time.monotonic() + timeout
    while len(picker.model.summaries) < len(picker.session.connections):
        assert time.monotonic() < end, "the connections were not checked in time"
        QApplication.processEvents()
        QTest.qWait(10)


def row_texts(picker, index):
    model = picker.model
    row = model.row_of(index)
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


# ---- the picker ---------------------------------------------------------------------------

def test_pick_a_connection_by_double_click_after_sorting(window, three, boxes):
    seen = {}

    def choose(picker):
        wait_all_checked(picker)
        seen["rows"] = {i: row_texts(picker, i) for i in range(3)}
        picker.table.sortByColumn(ConnectionTable.PACKETS, Qt.SortOrder.DescendingOrder)
        seen["order"] = [picker.model.connection_at(r) for r in range(3)]
        row = picker.model.row_of(1)
        rect = picker.table.visualRect(picker.model.index(row, ConnectionTable.ENDPOINTS))
        QTest.mouseClick(picker.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(picker.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    failures = when_picker_shown(choose)
    assert window.import_capture(three, ask=False)
    assert not failures, failures

    # The table as the user saw it: endpoints, packets, closed/open, final states, verdict.
    rows = seen["rows"]
    assert rows[0][:3] == ["0", "10.0.0.1:40000 → 10.0.0.2:80", "7"]
    assert rows[1][ConnectionTable.PACKETS] == "10" and rows[2][ConnectionTable.PACKETS] == "5"
    assert [rows[i][ConnectionTable.CLOSED] for i in range(3)] == ["closed", "closed", "open"]
    assert rows[0][ConnectionTable.STATES] == "A TIME-WAIT · B CLOSED"
    assert rows[2][ConnectionTable.STATES] == "A ESTABLISHED · B ESTABLISHED"
    assert rows[1][ConnectionTable.INFERRED] == "1 lost"
    assert all(rows[i][ConnectionTable.VERDICT] == "Valid" for i in range(3))
    assert float(rows[1][ConnectionTable.DURATION]) == pytest.approx(3.2051, abs=1e-6)
    assert seen["order"] == [1, 0, 2]  # by packets, most first

    # Connection 1 is now the document: its segments, the inferred loss explicit, a title.
    doc = window.doc
    expected = CaptureSession(three).check(1)
    assert doc.trace.segments() == expected.trace.segments()
    assert len(doc.trace.segments()) == 10
    assert doc.trace.segments()[3].arrive_time is None  # the lost first copy
    doc.select(3)  # the diagram scrolls to it (it draws only what is in view)
    QApplication.processEvents()
    assert window.diagram.item_for_event(3).spec.lost
    assert doc.trace.title["en"] == "10.0.0.3:40001 ↔ 10.0.0.2:80 (connection 1 of three.pcap)"
    assert "three.pcap" in doc.trace.title["zh_CN"]
    assert doc.result.valid
    assert boxes == []


def test_imported_connection_is_an_unsaved_document_saved_as_conn_n(window, three, monkeypatch,
                                                                    tmp_path, boxes):
    failures = when_picker_shown(lambda p: (p.select_connection(2), p.accept()))
    assert window.import_capture(three, ask=False)
    assert not failures, failures
    assert window.doc.path is None
    assert window.doc.is_modified() and window.isWindowModified()
    assert window.windowTitle().startswith("10.0.0.5:40002 ↔ 10.0.0.2:80 (connection 2 of three.pcap)")

    asked = {}

    def save_dialog(parent, caption, start, filters, selected):
        asked.update(start=start, selected=selected)
        return str(tmp_path / "saved.json"), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    assert window.save_as()
    assert Path(asked["start"]).name == "three-conn2.json"
    assert Path(asked["start"]).parent == three.parent  # next to the capture
    assert asked["selected"].endswith("(*.json)")
    assert not window.doc.is_modified()
    from trainer.formats import load_trace

    assert load_trace(tmp_path / "saved.json").segments() == window.doc.trace.segments()


def test_picker_filter_sort_and_details(app, qtbot, three):
    session = CaptureSession(three)
    picker = ConnectionPicker(session)
    qtbot.addWidget(picker)
    picker.show()
    try:
        wait_all_checked(picker)
        model = picker.model
        assert model.rowCount() == 3
        assert picker.chosen() == 0
        assert "Connection 0: 10.0.0.1:40000 → 10.0.0.2:80" in picker.details.text()
        assert "Valid" in picker.details.text()

        QTest.keyClicks(picker.filter, "10.0.0.5")
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
        assert model.connection_at(0) == 2 and picker.chosen() == 2
        picker.filter.clear()
        QTest.keyClicks(picker.filter, "open")
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
        assert model.connection_at(0) == 2
        picker.filter.clear()
        QTest.keyClicks(picker.filter, "no such host")
        qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=2000)
        assert picker.chosen() is None
        assert not picker.buttons.button(picker.buttons.StandardButton.Ok).isEnabled()
        picker.filter.clear()
        qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=2000)

        picker.table.sortByColumn(ConnectionTable.START, Qt.SortOrder.DescendingOrder)
        assert [model.connection_at(r) for r in range(3)] == [2, 1, 0]
        picker.table.sortByColumn(ConnectionTable.DURATION, Qt.SortOrder.DescendingOrder)
        assert model.connection_at(0) == 1

        picker.select_connection(1)
        qtbot.waitUntil(lambda: "lost" in picker.details.text(), timeout=2000)
        assert "was lost: it was sent again" in picker.details.text()
        # The checker thread re-runs the selected row to keep its full check (the summary
        # above came from the earlier pass); accepting stops the thread, so wait for it first.
        qtbot.waitUntil(lambda: picker.take_checked(1) is not None, timeout=5000)
        # Keyboard: Enter accepts the current row.
        QTest.keyClick(picker.table, Qt.Key.Key_Return)
        assert picker.result() == ConnectionPicker.DialogCode.Accepted
        assert picker.chosen() == 1
        kept = picker.take_checked(1)
        assert kept is not None and kept.id == 1 and len(kept.trace.segments()) == 10
    finally:
        picker.done(0) if picker.isVisible() else None
        picker.checker.wait(5000)
    assert picker.checker.isFinished()


def test_picker_speaks_chinese(app, qtbot, three):
    from trainer.gui import i18n

    session = CaptureSession(three)
    picker = ConnectionPicker(session)
    qtbot.addWidget(picker)
    try:
        english = picker.model.headerData(ConnectionTable.PACKETS, Qt.Orientation.Horizontal)
        i18n.set_language("zh_CN")
        chinese = picker.model.headerData(ConnectionTable.PACKETS, Qt.Orientation.Horizontal)
        assert english == "Packets" and chinese != english
        assert any("\u4e00" <= ch <= "\u9fff" for ch in picker.windowTitle() + chinese)
    finally:
        i18n.set_language("en")
        picker.reject()
        picker.checker.wait(5000)


# ---- reading: progress, cancel, errors ------------------------------------------------------

@pytest.fixture
def many(tmp_path):
    """3,000 connections (30,000 packets, 4 MB): the reader reports progress on the way."""
    from tests.bench.bench_capture_read import generate

    path = tmp_path / "many.pcap"
    generate(path, 3000)
    return path


@pytest.fixture
def progress_log(monkeypatch):
    """Every progress report the importer shows, with the dialog's value right after it."""
    log: list[tuple[str, int, int, int | None]] = []
    original = CaptureImporter.show_progress

    def show(self, phase, done, total):
        original(self, phase, done, total)
        dialog = self.progress_dialog
        log.append((phase, done, total, dialog.value() if dialog is not None else None))

    monkeypatch.setattr(CaptureImporter, "show_progress", show)
    return log


def test_reading_reports_progress(window, many, progress_log, boxes):
    failures = when_picker_shown(lambda p: p.reject())
    assert not window.import_capture(many, ask=False)  # the picker was cancelled
    assert not failures, failures
    reads = [entry for entry in progress_log if entry[0] == "read"]
    size = many.stat().st_size
    assert len(reads) >= 3
    assert all(total == size for _, _, total, _ in reads)
    assert [done for _, done, _, _ in reads] == sorted(done for _, done, _, _ in reads)
    assert any(0 < done < size for _, done, _, _ in reads) and reads[-1][1] == size
    values = [value for _, _, _, value in reads]
    assert values[-1] == background.STEPS  # the bar was full at the end
    assert any(0 < value < background.STEPS for value in values)  # and part-way before
    assert window.doc.trace.events == [] and boxes == []


def test_cancel_stops_reading_and_changes_nothing(window, many, scenario_path, monkeypatch,
                                                  no_picker, boxes):
    assert window.open_file(scenario_path())
    before = window.doc.trace
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 0)  # the dialog shows at once
    gate = threading.Event()
    calls: list[tuple[int, int]] = []
    real_session = CaptureSession

    def gated_session(path, progress):
        # Hold the reader after each report until the test has answered it, so that what
        # follows the click does not depend on thread timing.
        def report(phase, done, total):
            calls.append((done, total))
            progress(phase, done, total)
            if done < total:
                gate.wait(5)
                gate.clear()
        return real_session(path, report)

    import trainer.capture

    monkeypatch.setattr(trainer.capture, "CaptureSession", gated_session)
    clicked = []

    def on_progress(self, phase, done, total):
        dialog = self.progress_dialog
        if not clicked and 0 < done < total and dialog.isVisible():
            button = next(b for b in dialog.findChildren(QPushButton) if b.isVisible())
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            clicked.append((len(calls), dialog.wasCanceled()))
        gate.set()

    monkeypatch.setattr(CaptureImporter, "show_progress", on_progress)
    assert not window.import_capture(many, ask=False)
    (reports_before, canceled), = clicked
    assert canceled
    # The reader stopped at its next report: that report raised, and reading unwound.
    assert len(calls) == reports_before + 1
    assert calls[-1][0] < calls[-1][1]
    assert window.doc.trace is before and not window.doc.is_modified()
    assert window.doc.path == scenario_path().resolve()
    assert boxes == []


def test_unreadable_file_says_where_and_why(window, tmp_path, boxes, no_picker):
    bad = tmp_path / "bad.pcap"
    bad.write_bytes(b"this is not a capture, just text\n")
    assert not window.import_capture(bad, ask=False)
    (kind, title, text), = boxes
    assert kind == "critical" and title == "Cannot Import Capture"
    assert f"{bad}, offset 0: not a pcap or pcapng capture" in text
    assert "a capture starts with a1b2c3d4" in text
    assert window.doc.trace.events == []


def test_unreadable_file_message_in_chinese(window, tmp_path, boxes, no_picker):
    from trainer.gui import i18n

    bad = tmp_path / "bad.pcap"
    bad.write_bytes(b"this is not a capture, just text\n")
    i18n.set_language("zh_CN")
    assert not window.import_capture(bad, ask=False)
    (kind, title, text), = boxes
    assert kind == "critical"
    assert f"{bad}，偏移 0：不是 pcap 或 pcapng 抓包文件" in text
    assert title != "Cannot Import Capture" and any("\u4e00" <= ch <= "\u9fff" for ch in title)


def test_missing_file(window, tmp_path, boxes, no_picker):
    assert not window.import_capture(tmp_path / "gone.pcap", ask=False)
    (kind, _title, text), = boxes
    assert kind == "critical" and "gone.pcap" in text


def test_cut_short_file_warns_then_shows_the_picker(window, three, boxes):
    data = three.read_bytes()
    cut = three.with_name("cut.pcap")
    cut.write_bytes(data[:-30])  # in the middle of the last record
    shown = {}

    def look(picker):
        shown["label"] = picker.cut_short.isVisibleTo(picker), picker.cut_short.text()
        shown["rows"] = picker.model.rowCount()
        picker.select_connection(0)
        picker.accept()

    failures = when_picker_shown(look)
    assert window.import_capture(cut, ask=False)
    assert not failures, failures
    (kind, title, text), = boxes
    assert kind == "warning" and title == "Capture Cut Short"
    assert f"{cut}, offset" in text and "checked up to the cut" in text
    assert shown["label"][0] and "cut short" in shown["label"][1]
    assert shown["rows"] == 3
    assert len(window.doc.trace.segments()) == 7


def test_a_capture_without_tcp_says_so(window, tmp_path, boxes, no_picker):
    empty = tmp_path / "udp.pcap"
    udp = w.ipv4("10.0.0.1", "10.0.0.2", b"\x00" * 12, proto=17)
    empty.write_bytes(w.pcap([(1.0, w.ethernet(udp))]))
    assert not window.import_capture(empty, ask=False)
    (kind, _title, text), = boxes
    assert kind == "information" and "udp.pcap" in text


# ---- the ways in ----------------------------------------------------------------------------

def test_one_connection_skips_the_picker(window, one, no_picker, boxes):
    assert window.import_capture(one, ask=False)
    assert len(window.doc.trace.segments()) == 10
    assert window.doc.trace.title["en"].endswith("(connection 0 of one.pcap)")
    assert boxes == []


def test_menu_action_and_shortcut_open_the_file_dialog(window, one, monkeypatch, no_picker):
    action = window.import_action
    assert action in window.file_menu.actions()
    assert action.shortcut() == QKeySequence("Ctrl+I")
    assert action.text().replace("&", "") == "Import Capture…"
    asked = {}

    def open_dialog(parent, caption, start, filters):
        asked["filters"] = filters
        return str(one), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    window.activateWindow()
    window.diagram.setFocus()
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert "*.pcap *.pcapng *.cap" in asked["filters"].split(";;")[0]
    assert len(window.doc.trace.segments()) == 10


def test_dropping_a_capture_imports_it(window, one, qtbot, no_picker, boxes):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(one))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: len(window.doc.trace.segments()) == 10, timeout=5000)
    assert "one.pcap" in window.doc.trace.title["en"] and window.doc.is_modified()


def test_command_line_capture_opens_the_import(app, qtbot, one, settings, no_picker, boxes):
    from trainer.gui.launch import open_windows

    windows = open_windows([str(one)], "en", settings)
    try:
        (window,) = windows
        qtbot.waitUntil(lambda: len(window.doc.trace.segments()) == 10, timeout=5000)
        assert window.isVisible() and window.doc.path is None
        assert window.windowTitle().startswith("10.0.0.3:40001 ↔ 10.0.0.2:80")
    finally:
        for window in windows:
            window.doc.undo_stack.setClean()
            window.close()
            window.deleteLater()


def test_cli_routes_a_capture_to_the_gui():
    from trainer.cli import _default_to_gui

    assert _default_to_gui(["trace.pcap"])[0] == "gui"
    assert _default_to_gui(["trace.pcapng", "--lang", "zh_CN"])[0] == "gui"
