"""Long work off the GUI thread, behind a progress dialog that can cancel it.

``BackgroundTask`` runs ``work(progress)`` in a ``QThread``; ``progress(phase, done, total)``
is the callback the Qt-free code (e.g. ``CaptureSession``) already calls. Cancelling makes
the next ``progress`` call raise ``Cancelled`` inside the worker, so the work unwinds through
its own ``with``/``finally`` blocks (files closed, nothing kept) and the task reports
``cancelled`` instead of a result. Work that never calls ``progress`` cannot be interrupted;
its result is then thrown away when it ends.

``run_with_progress`` shows a ``QProgressDialog`` (only if the work lasts longer than
``SHOW_AFTER_MS``) and spins a local event loop until the thread has finished, like
``QDialog.exec``: the window stays painted and responsive, input goes to the dialog.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

#: progress(phase, done, total), as ``trainer.capture.check.Progress``.
Progress = Callable[[str, int, int], None]

#: The progress bar's range: per mille of the work, whatever its unit (bytes can pass 2**31).
STEPS = 1000


class Cancelled(Exception):
    """Raised in the worker by the progress callback once the user has cancelled."""


class BackgroundTask(QThread):
    """``work(progress)`` in a thread. After ``finished``: exactly one of ``result`` (the return
    value), ``error`` (an exception it raised) or ``cancelled`` describes the outcome."""

    progressed = Signal(str, int, int)

    def __init__(self, work: Callable[[Progress], object], parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self.result: object = None
        self.error: Exception | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self._stop.set()

    def is_cancelling(self) -> bool:
        return self._stop.is_set()

    def _progress(self, phase: str, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled
        self.progressed.emit(phase, done, total)

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.cancelled = True
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user by the caller
            self.error = exc
            return
        if self._stop.is_set():  # cancelled while a step that cannot be interrupted ran
            self.cancelled = True
            return
        self.result = result


def progress_dialog(parent: QWidget | None, label: str, *, busy: bool = False) -> QProgressDialog:
    """A window-modal progress dialog that shows itself only when told (see
    ``run_with_progress``) and never resets or closes on its own."""
    dialog = QProgressDialog(parent)
    dialog.setObjectName("importProgress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumDuration(2**31 - 1)  # we decide when it appears (SHOW_AFTER_MS)
    dialog.setRange(0, 0 if busy else STEPS)
    dialog.setValue(0)
    dialog.setLabelText(label)
    dialog.setMinimumWidth(420)
    return dialog


def show_fraction(dialog: QProgressDialog, done: int, total: int) -> None:
    if dialog.maximum() > 0:
        dialog.setValue(min(STEPS, STEPS * max(done, 0) // max(total, 1)))


#: A progress dialog appears only for work that lasts longer than this (milliseconds).
SHOW_AFTER_MS = 300


def run_with_progress(task: BackgroundTask, dialog: QProgressDialog,
                      show_after_ms: int | None = None) -> None:
    """Start ``task`` and return once its thread has finished; the dialog's Cancel cancels it.
    The dialog is closed (not deleted) on return."""
    delay = SHOW_AFTER_MS if show_after_ms is None else show_after_ms
    loop = QEventLoop()
    task.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog.canceled.connect(task.cancel)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: None if task.isFinished() or task.is_cancelling()
                          else dialog.show())
    task.start()
    timer.start(delay)
    loop.exec()
    task.wait()
    timer.stop()
    dialog.close()
