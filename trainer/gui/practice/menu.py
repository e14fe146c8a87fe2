"""The main window's Practice menu: Practice…, Exam…, Progress…, New Exercise….

Light on purpose: the main window builds this menu before its first frame, so the practice
modules (and the exercise pack, and pyqtgraph for the progress chart) are imported only when
one of its windows is opened. Each window is made once and raised when asked for again.

While an exam runs the main window's "suggest" is switched off too (Edit > Suggest and
Ctrl+G), so the answer cannot be worked out in the editor next door.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


class PracticeMenu(QMenu):
    def __init__(self, window, *, history_path=None, clock=None):
        """``window``: the main window (its document is where authoring starts from);
        ``history_path``/``clock``: injectable for tests (default: the platform's data folder,
        the monotonic clock)."""
        super().__init__(window)
        self.setObjectName("practiceMenu")
        self.window_ = window
        self.history_path = history_path
        self.clock = clock
        self.sources = None
        self.windows: dict[str, QWidget] = {}
        self._suggest_was: bool | None = None

        def action(name: str, keys: str, slot) -> QAction:
            a = QAction(self)
            a.setObjectName(name)
            a.setShortcut(QKeySequence(keys))
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.practice_action = action("practiceAction", "Ctrl+Shift+P", self.open_practice)
        self.exam_action = action("examAction", "Ctrl+Shift+X", self.open_exam)
        self.progress_action = action("progressAction", "Ctrl+Shift+H", self.open_progress)
        self.addSeparator()
        self.author_action = action("authorAction", "Ctrl+Shift+N", self.open_authoring)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Practice"))
        self.practice_action.setText(self.tr("&Practice…"))
        self.practice_action.setToolTip(self.tr("Exercises with instant checking and hints"))
        self.exam_action.setText(self.tr("&Exam…"))
        self.exam_action.setToolTip(self.tr("A timed exam, graded when you submit"))
        self.progress_action.setText(self.tr("P&rogress…"))
        self.progress_action.setToolTip(self.tr("Your results over time, weakest topics first"))
        self.author_action.setText(self.tr("&New Exercise…"))
        self.author_action.setToolTip(self.tr("Write an exercise starting from the current trace"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- windows -----------------------------------------------------------------------------
    def _sources(self):
        if self.sources is None:
            from trainer.gui.practice.sources import load_sources

            self.sources = load_sources()
        return self.sources

    def _show(self, key: str, make) -> QWidget:
        window = self.windows.get(key)
        if window is None:
            window = self.windows[key] = make()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_practice(self) -> QWidget:
        from trainer.gui.practice.practice_window import PracticeWindow

        return self._show("practice", lambda: PracticeWindow(
            self.window_, sources=self._sources(), history_path=self.history_path,
            clock=self.clock))

    def open_exam(self) -> QWidget:
        from trainer.gui.practice.exam_window import ExamWindow

        def make():
            window = ExamWindow(self.window_, sources=self._sources(),
                                history_path=self.history_path, clock=self.clock)
            window.examRunning.connect(self._exam_running)
            return window
        return self._show("exam", make)

    def open_progress(self) -> QWidget:
        from trainer.gui.practice.progress_window import ProgressWindow

        window = self._show("progress", lambda: ProgressWindow(
            self.window_, history_path=self.history_path))
        window.refresh()
        return window

    def open_authoring(self) -> QWidget:
        from trainer.gui.practice.authoring_window import AuthoringWindow

        window = self.windows.get("author")
        if window is not None:
            window.close()
            window.deleteLater()
        # Always from the trace in the editor now.
        window = self.windows["author"] = AuthoringWindow(self.window_,
                                                          trace=self.window_.doc.snapshot())
        window.show()
        window.raise_()
        return window

    def _exam_running(self, running: bool) -> None:
        """No suggestions in the editor while an exam runs."""
        window = self.window_
        action = getattr(window, "suggest_enabled_action", None)
        if action is None:
            return
        if running and self._suggest_was is None:
            self._suggest_was = action.isChecked()
            action.setChecked(False)
            window.diagram.set_suggest_enabled(False)
            action.setEnabled(False)
            window.suggest_action.setVisible(False)
        elif not running and self._suggest_was is not None:
            action.setEnabled(True)
            action.setChecked(self._suggest_was)
            window.diagram.set_suggest_enabled(self._suggest_was)
            window.suggest_action.setVisible(True)
            self._suggest_was = None
