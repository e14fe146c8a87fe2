"""macOS hands documents opened from Finder to a running app as QFileOpenEvents."""

from __future__ import annotations

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from trainer.gui.launch import file_open_handler


def test_a_file_open_event_opens_the_file(window, scenario_path, settle):
    app = QApplication.instance()
    handler = file_open_handler([window])
    app.installEventFilter(handler)
    try:
        path = scenario_path("abort")
        QApplication.sendEvent(app, QFileOpenEvent(str(path)))
        settle()
        assert window.doc.path == path.resolve()
        assert len(window.doc.trace.events) > 0
    finally:
        app.removeEventFilter(handler)
