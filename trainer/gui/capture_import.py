"""File > Import Capture, start to end: read the capture off the GUI thread (progress,
cancellable), say what is wrong with it if anything, let the user pick a connection (skipped
when there is only one), check it, and hand back the trace to open as a new document.

The main window calls ``CaptureImporter(window).run(path)`` for the menu, the shortcut, a
dropped capture and ``tcp-trainer CAPTURE`` alike; it gets an ``ImportedConnection`` or
``None`` (cancelled, or the user was told why not), and the current document is untouched
until then.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from trainer.capture.importing import suggested_file_name, trace_for_import
from trainer.engine.result import CheckResult
from trainer.engine.trace import Trace
from trainer.gui import background
from trainer.gui.i18n import current_language, fmt

#: What the file dialog offers (the readers also recognise a capture by its magic).
CAPTURE_PATTERNS = "*.pcap *.pcapng *.cap"


@dataclass(frozen=True, slots=True)
class ImportedConnection:
    trace: Trace
    capture: Path
    index: int
    packets: int
    suggested_name: str  # <capture>-conn<N>.json, for Save As
    result: CheckResult | None = None  # the check made while importing (not repeated)


class CaptureImporter(QObject):
    """One import. ``progress_dialog`` is the dialog on screen while reading or checking."""

    #: True while an import runs: a second one (a drop during the first) is refused.
    busy = False

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.window = parent
        self.progress_dialog: QProgressDialog | None = None
        self.picker = None

    def run(self, path: str | os.PathLike) -> ImportedConnection | None:
        if CaptureImporter.busy:
            return None
        CaptureImporter.busy = True
        try:
            return self._run(Path(path))
        finally:
            CaptureImporter.busy = False

    def _run(self, path: Path) -> ImportedConnection | None:
        session = self.read(path)
        if session is None:
            return None
        if session.error is not None:
            QMessageBox.warning(
                self.window, self.tr("Capture Cut Short"),
                self.tr("The capture ends in the middle of a record; the connections are "
                        "checked up to the cut.") + "\n\n"
                + session.error.message(current_language()))
        if not session.connections:
            QMessageBox.information(
                self.window, self.tr("No TCP Connections"),
                fmt(self.tr("%1 holds no TCP connection; nothing was imported."), path.name))
            return None
        checked = None
        if len(session.connections) == 1:
            index = 0
        else:
            index, checked = self.pick(session)
            if index is None:
                return None
        conn = checked if checked is not None else self.check(session, index)
        if conn is None:
            return None
        trace = trace_for_import(session, index, conn)
        return ImportedConnection(trace, path, index, conn.packets,
                                  suggested_file_name(session, index), conn.result)

    # ---- the steps (separate, so that tests can watch each) ---------------------------------
    def read(self, path: Path):
        """The ``CaptureSession``, or ``None`` after a cancel or an error message."""
        from trainer.capture import CaptureFormatError, CaptureSession

        task = background.BackgroundTask(lambda progress: CaptureSession(path, progress))
        dialog = background.progress_dialog(
            self.window, fmt(self.tr("Reading “%1”…"), path.name))
        dialog.setWindowTitle(self.tr("Import Capture"))
        task.progressed.connect(self.show_progress)
        self._run_task(task, dialog)
        if task.cancelled:
            return None
        if task.error is not None:
            error = task.error
            if isinstance(error, CaptureFormatError):
                detail = error.message(current_language())
            else:  # a bug or no memory: still a message, never a traceback
                detail = f"{path}: {type(error).__name__}: {error}"
            QMessageBox.critical(self.window, self.tr("Cannot Import Capture"),
                                 self.tr("The capture could not be read; nothing was changed.")
                                 + "\n\n" + detail)
            return None
        session = task.result
        session.progress = None  # the callback belongs to the finished task
        return session

    def pick(self, session):
        """``(index, checked connection or None)``; ``(None, None)`` when cancelled."""
        from trainer.gui.dialogs.import_capture import ConnectionPicker

        self.picker = picker = ConnectionPicker(session, self.window)
        try:
            if picker.exec() != ConnectionPicker.DialogCode.Accepted:
                return None, None
            index = picker.chosen()
            return index, (picker.take_checked(index) if index is not None else None)
        finally:
            self.picker = None
            picker.deleteLater()

    def check(self, session, index: int):
        """Connection ``index`` checked (off the GUI thread), or ``None`` if cancelled."""
        conn = session.connections[index]
        task = background.BackgroundTask(lambda _progress: session.check(index))
        dialog = background.progress_dialog(
            self.window, fmt(self.tr("Checking connection %1 (%2 packets)…"), index, conn.count),
            busy=True)
        dialog.setWindowTitle(self.tr("Import Capture"))
        self._run_task(task, dialog)
        if task.cancelled:
            return None
        if task.error is not None:
            QMessageBox.critical(self.window, self.tr("Cannot Import Capture"),
                                 fmt(self.tr("Connection %1 could not be checked: %2"), index,
                                     f"{type(task.error).__name__}: {task.error}"))
            return None
        return task.result

    def show_progress(self, phase: str, done: int, total: int) -> None:
        dialog = self.progress_dialog
        if dialog is not None and phase == "read":
            background.show_fraction(dialog, done, total)

    def _run_task(self, task, dialog: QProgressDialog) -> None:
        self.progress_dialog = dialog
        try:
            background.run_with_progress(task, dialog)
        finally:
            self.progress_dialog = None
            dialog.deleteLater()
