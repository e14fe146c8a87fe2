"""The main window: the sequence diagram in the middle, docks around it, menus, toolbars.

The window owns one ``TraceDocument`` and hands it to every view; views subscribe to it and
never talk to each other. The window only connects *actions* to views (the relative-numbers
toggle, zoom, insert...) and does file handling: new, open, save, export, print, recent files,
unsaved-changes prompts, drag and drop.

Start-up is progressive: the first frame shows the menus, toolbars and the sequence diagram;
right after it the state graph replaces the light "loading" label of its dock (drawn by Qt's
own view), then the panels fill theirs, and last the graph imports pyqtgraph (~0.4 s) for its
zoomable view.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QToolBar,
    QUndoView, QWidget,
)

from trainer.engine.trace import CallKind, Timer, Trace
from trainer.gui import i18n
from trainer.gui.i18n import fmt
from trainer.gui.app import APP_NAME, icon
from trainer.gui.diagram import SequenceDiagramView
from trainer.gui.document import TraceDocument
from trainer.gui.panels.common import Coalesced
from trainer.gui.panels.timeline import TimelineBar
from trainer.gui.settings import LAYOUT_VERSION, Settings

#: Suffixes a dropped or opened file may have; anything else is still tried when opened.
TRACE_SUFFIXES = (".tcptrace", ".json", ".tcpt", ".txt", ".trace")


def _std(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """A standard shortcut, or ``fallback`` on platforms that define none for it."""
    keys = QKeySequence.keyBindings(key)
    return keys or [QKeySequence(fallback)]


#: Exercise files (TOML, see resources/docs/exercise-format.md) open in the practice window.
EXERCISE_SUFFIXES = (".toml",)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, doc: TraceDocument | None = None,
                 *, progressive: bool = True, parent: QWidget | None = None):
        """``progressive``: paint the window first (menus, toolbars, the diagram, empty docks),
        then fill the docks: the state graph at once, the panels after it, then the graph's
        pyqtgraph view. Without it everything is built here (``render``, tests)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else Settings(None)
        self.doc = doc if doc is not None else TraceDocument(parent=self)
        self.graph: QWidget | None = None
        self.inspector = self.findings = self.text = self.undo_view = None
        self._startup_scheduled = not progressive
        self._progressive = progressive
        self._reference = None
        self._translated = False
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)

        self.diagram = SequenceDiagramView(self.doc, self)
        self.diagram.setObjectName("sequenceDiagram")
        self.setCentralWidget(self.diagram)

        self.graph_loading = QLabel(self)
        self.graph_loading.setObjectName("graphLoading")
        self.graph_loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.graph_loading.setEnabled(False)
        self.graph_dock = self._dock("dock-state-graph", self.graph_loading)
        self.inspector_dock = self._dock("dock-inspector", QWidget(self))
        self.findings_dock = self._dock("dock-findings", QWidget(self))
        self.text_dock = self._dock("dock-text", QWidget(self))
        self.undo_dock = self._dock("dock-undo", QWidget(self))

        self.timeline = TimelineBar(self.doc, self)
        self._create_actions()
        self._create_menus()
        self._create_toolbars()
        self.verdict = QLabel(self)
        self.verdict.setObjectName("statusVerdict")
        self.verdict.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.verdict)
        self.default_layout()

        self.relative_action.setChecked(self.settings.relative_numbers())
        self.diagram.set_relative_numbers(self.relative_action.isChecked())
        self.timeline.set_speed(self.settings.speed())
        self.timeline.speedChanged.connect(self.settings.set_speed)
        self.diagram.set_suggest_enabled(self.suggest_enabled_action.isChecked())

        #: Save As's proposal for an imported, never saved trace (cleared when the path changes).
        self.suggested_name: str | None = None
        self.doc.pathChanged.connect(lambda _path: setattr(self, "suggested_name", None))
        self.doc.cleanChanged.connect(lambda _clean: self._update_title())
        self.doc.pathChanged.connect(lambda _path: self._update_title())
        self.doc.changed.connect(lambda _change: self._update_status())
        self.doc.selectionChanged.connect(lambda _index: self._update_edit_actions())
        self.doc.changed.connect(lambda _change: self._update_edit_actions())

        self.retranslate_ui()
        self._restore_layout()
        self._update_edit_actions()
        if progressive:
            self.installEventFilter(self)
        else:
            self.create_panels()
            self.create_state_graph()

    # ---- docks --------------------------------------------------------------------------------
    def _dock(self, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        return dock

    def docks(self) -> list[QDockWidget]:
        return [self.graph_dock, self.inspector_dock, self.findings_dock, self.text_dock,
                self.undo_dock]

    def default_layout(self) -> None:
        """Diagram in the middle; inspector on the left; state graph over the findings on the
        right; the text pane under the diagram, with the undo history behind it."""
        for dock in self.docks():
            dock.setFloating(False)
            self.removeDockWidget(dock)
        area = Qt.DockWidgetArea
        self.addDockWidget(area.LeftDockWidgetArea, self.inspector_dock)
        self.addDockWidget(area.RightDockWidgetArea, self.graph_dock)
        self.splitDockWidget(self.graph_dock, self.findings_dock, Qt.Orientation.Vertical)
        self.addDockWidget(area.BottomDockWidgetArea, self.text_dock)
        self.tabifyDockWidget(self.text_dock, self.undo_dock)
        self.setCorner(Qt.Corner.BottomLeftCorner, area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, area.RightDockWidgetArea)
        for dock in self.docks():
            dock.show()
        self.text_dock.raise_()
        for bar in (self.main_toolbar, self.timeline):
            bar.show()
        self.size_docks()

    def size_docks(self) -> None:
        """Default dock sizes for the window's size: the diagram keeps at least about 40 % of
        the width."""
        width, height = max(self.width(), 800), max(self.height(), 560)
        left = min(340, max(270, round(width * 0.24)))
        right = min(440, max(280, round(width * 0.3)))
        self.resizeDocks([self.inspector_dock, self.graph_dock], [left, right],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.graph_dock, self.findings_dock],
                         [round(height * 0.5), round(height * 0.5)], Qt.Orientation.Vertical)
        self.resizeDocks([self.text_dock], [round(height * 0.24)], Qt.Orientation.Vertical)

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            width, height = 1280, 800
            screen = self.screen()
            if screen is not None:  # a first start on a small screen: fit it
                available = screen.availableGeometry()
                width = min(width, round(available.width() * 0.95))
                height = min(height, round(available.height() * 0.92))
            self.resize(max(width, 640), max(height, 480))
            self.size_docks()
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        self.settings.set_window_layout(self.saveGeometry(), self.saveState(LAYOUT_VERSION))

    def reset_layout(self) -> None:
        self.default_layout()

    # ---- the state graph, after the first paint ---------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self and event.type() == QEvent.Type.Paint and not self._startup_scheduled:
            self._startup_scheduled = True
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._finish_startup)
        return False

    def _finish_startup(self) -> None:
        # The state graph first, drawn by Qt's own view; the panels once it has been painted;
        # last pyqtgraph's zoomable view, whose import (~0.4 s) nothing visible waits for.
        self.create_state_graph()
        QTimer.singleShot(0, self.create_panels)
        QTimer.singleShot(0, self.graph, self.graph.attach_interactive_view)  # (not if closed)

    def create_panels(self) -> None:
        """Inspector, findings, text pane and undo history, in their docks."""
        if self.inspector is not None:
            return
        self._retranslate_insert_words()
        from trainer.gui.panels.findings import FindingsPanel
        from trainer.gui.panels.inspector import InspectorPanel
        from trainer.gui.panels.text_pane import TextPane

        self.inspector = InspectorPanel(self.doc, self)
        self.inspector.set_relative_numbers(self.relative_action.isChecked())
        self.findings = FindingsPanel(self.doc, self)
        self.text = TextPane(self.doc, self)
        self.undo_view = QUndoView(self.doc.undo_stack, self)
        self.undo_view.setObjectName("undoView")
        self.undo_view.setEmptyLabel(self.tr("<opened>"))
        for dock, widget in ((self.inspector_dock, self.inspector),
                             (self.findings_dock, self.findings), (self.text_dock, self.text),
                             (self.undo_dock, self.undo_view)):
            placeholder = dock.widget()
            dock.setWidget(widget)
            placeholder.deleteLater()

    def create_state_graph(self) -> QWidget:
        if self.graph is None:
            from trainer.gui.state_graph import StateGraphWidget

            # At a progressive start the graph attaches pyqtgraph later (_finish_startup).
            self.graph = StateGraphWidget(self.doc, self.graph_dock,
                                          interactive=not self._progressive)
            self.graph.setObjectName("stateGraph")
            self.graph_dock.setWidget(self.graph)
            self.graph_loading.deleteLater()
            self.graph_loading = None
            self._update_edit_actions()
        return self.graph

    # ---- actions ------------------------------------------------------------------------------
    def _action(self, icon_name: str | None = None, keys: list | None = None, slot=None,
                checkable: bool = False) -> QAction:
        action = QAction(self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        SK = QKeySequence.StandardKey
        self.new_action = self._action("document-new", _std(SK.New, "Ctrl+N"), self.new_trace)
        self.open_action = self._action("document-open", _std(SK.Open, "Ctrl+O"), self.open_dialog)
        self.import_action = self._action("document-import", ["Ctrl+I"], self.import_dialog)
        self.save_action = self._action("document-save", _std(SK.Save, "Ctrl+S"), self.save)
        self.save_as_action = self._action(None, _std(SK.SaveAs, "Ctrl+Shift+S"), self.save_as)
        self.export_diagram_action = self._action(
            "document-export", ["Ctrl+E"], lambda: self.export_dialog("diagram"))
        self.export_graph_action = self._action(
            None, ["Ctrl+Shift+E"], lambda: self.export_dialog("graph"))
        self.print_action = self._action("document-print", _std(SK.Print, "Ctrl+P"),
                                         self.print_dialog)
        self.quit_action = self._action("application-exit", _std(SK.Quit, "Ctrl+Q"), self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.redo_action = None
        self._install_undo_actions()
        self.delete_action = self._action("edit-delete", _std(SK.Delete, "Del"),
                                          lambda: self.diagram.delete_selected())
        self.lost_action = self._action("segment-lost", ["Ctrl+L"],
                                        lambda: self.diagram.toggle_lost_selected())
        self.duplicate_action = self._action("segment-duplicate", ["Ctrl+D"],
                                             lambda: self.diagram.toggle_duplicate_selected())
        self.suggest_action = self._action("suggest", ["Ctrl+G"],
                                           lambda: self.diagram.suggest_selected())
        self.suggest_enabled_action = self._action(
            None, None, lambda on: self.diagram.set_suggest_enabled(on), checkable=True)
        self.suggest_enabled_action.setChecked(True)
        self.call_actions = {
            kind: self._action(None, None, lambda _=False, k=kind: self.diagram.insert_call(k))
            for kind in CallKind}
        self.timeout_actions = {
            timer: self._action(None, None, lambda _=False, t=timer: self.diagram.insert_timeout(t))
            for timer in Timer}
        for key, action in [*self.call_actions.items(), *self.timeout_actions.items()]:
            action.setText(key.value)  # until _retranslate_insert_words
        self.crash_actions = {
            host: self._action(None, None, lambda _=False, h=host: self.diagram.insert_crash(h))
            for host in ("A", "B")}

        self.relative_action = self._action("numbers-relative", ["Ctrl+R"], checkable=True)
        self.relative_action.toggled.connect(self._set_relative)
        self.zoom_in_action = self._action("zoom-in", _std(SK.ZoomIn, "Ctrl++"),
                                           lambda: self.diagram.zoom_in())
        self.zoom_out_action = self._action("zoom-out", _std(SK.ZoomOut, "Ctrl+-"),
                                            lambda: self.diagram.zoom_out())
        self.zoom_fit_action = self._action("zoom-fit-best", ["Ctrl+0"],
                                            lambda: self.diagram.zoom_fit())
        self.reset_layout_action = self._action(None, None, self.reset_layout)

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for choice in i18n.CHOICES:
            action = self._action(None, None, checkable=True)
            action.setData(choice)
            action.triggered.connect(lambda _=False, c=choice: self.set_language_choice(c))
            self.language_group.addAction(action)
            self.language_actions[choice] = action
        self._check_language_in_effect()

        self.reference_action = self._action("help-contents", _std(SK.HelpContents, "F1"),
                                             self.show_reference)
        self.about_action = self._action("help-about", None, self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = self._action(None, None, QApplication.aboutQt)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
        t = self.timeline
        for action in [*self.findChildren(QAction), t.first_action, t.back_action, t.play_action,
                       t.forward_action, t.last_action, t.slower_action, t.faster_action]:
            if action.parent() in (self, t):
                self.addAction(action)  # shortcuts work even with a toolbar or menu hidden

    def _install_undo_actions(self) -> None:
        """Undo/Redo come from the undo stack, which fixes their prefix when it creates them;
        on a language switch they are created again with the new prefix, in the same places."""
        SK = QKeySequence.StandardKey
        stack = self.doc.undo_stack
        undo = stack.createUndoAction(self, self.tr("&Undo"))
        undo.setIcon(icon("edit-undo"))
        undo.setShortcuts(_std(SK.Undo, "Ctrl+Z"))
        redo = stack.createRedoAction(self, self.tr("&Redo"))
        redo.setIcon(icon("edit-redo"))
        redo.setShortcuts(_std(SK.Redo, "Ctrl+Shift+Z"))
        for old, new in ((self.undo_action, undo), (self.redo_action, redo)):
            if old is None:
                continue
            for widget in [w for w in old.associatedObjects() if isinstance(w, (QMenu, QToolBar))]:
                widget.insertAction(old, new)
                widget.removeAction(old)
            self.removeAction(old)
            old.deleteLater()
        self.undo_action, self.redo_action = undo, redo
        self.addAction(undo)
        self.addAction(redo)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.rebuild_recent_menu)
        self.export_menu = QMenu(self)
        self.export_menu.setIcon(icon("document-export"))
        self.export_menu.addAction(self.export_diagram_action)
        self.export_menu.addAction(self.export_graph_action)
        m = self.file_menu
        m.addAction(self.new_action)
        m.addAction(self.open_action)
        self.recent_menu_action = m.addMenu(self.recent_menu)
        m.addAction(self.import_action)
        m.addSeparator()
        m.addAction(self.save_action)
        m.addAction(self.save_as_action)
        m.addSeparator()
        self.export_menu_action = m.addMenu(self.export_menu)
        m.addAction(self.print_action)
        m.addSeparator()
        m.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("")
        m = self.edit_menu
        m.addAction(self.undo_action)
        m.addAction(self.redo_action)
        m.addSeparator()
        m.addAction(self.delete_action)
        m.addAction(self.lost_action)
        m.addAction(self.duplicate_action)
        m.addSeparator()
        self.insert_menu = QMenu(self)
        self.call_menu = QMenu(self)
        self.call_menu.setIcon(icon("insert-call"))
        for action in self.call_actions.values():
            self.call_menu.addAction(action)
        self.timeout_menu = QMenu(self)
        self.timeout_menu.setIcon(icon("insert-timeout"))
        for action in self.timeout_actions.values():
            self.timeout_menu.addAction(action)
        self.crash_menu = QMenu(self)
        self.crash_menu.setIcon(icon("insert-crash"))
        for action in self.crash_actions.values():
            self.crash_menu.addAction(action)
        self.insert_menu.addMenu(self.call_menu)
        self.insert_menu.addMenu(self.timeout_menu)
        self.insert_menu.addMenu(self.crash_menu)
        m.addMenu(self.insert_menu)
        m.addSeparator()
        m.addAction(self.suggest_action)
        m.addAction(self.suggest_enabled_action)

        self.view_menu = bar.addMenu("")
        m = self.view_menu
        m.addAction(self.relative_action)
        m.addSeparator()
        m.addAction(self.zoom_in_action)
        m.addAction(self.zoom_out_action)
        m.addAction(self.zoom_fit_action)
        m.addSeparator()
        self.timeline_menu = QMenu(self)
        t = self.timeline
        for action in (t.first_action, t.back_action, t.play_action, t.forward_action,
                       t.last_action):
            self.timeline_menu.addAction(action)
        self.timeline_menu.addSeparator()
        self.timeline_menu.addAction(t.slower_action)
        self.timeline_menu.addAction(t.faster_action)
        m.addMenu(self.timeline_menu)
        m.addSeparator()
        self.panels_menu = QMenu(self)
        for dock in self.docks():
            self.panels_menu.addAction(dock.toggleViewAction())
        m.addMenu(self.panels_menu)
        m.addAction(self.reset_layout_action)

        from trainer.gui.practice.menu import PracticeMenu  # light: its windows load lazily

        self.practice_menu = PracticeMenu(self)
        bar.addMenu(self.practice_menu)

        self.language_menu = bar.addMenu("")
        for choice in i18n.CHOICES:
            self.language_menu.addAction(self.language_actions[choice])
            if choice == i18n.SYSTEM:
                self.language_menu.addSeparator()

        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.reference_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)

    def _create_toolbars(self) -> None:
        self.main_toolbar = QToolBar(self)
        self.main_toolbar.setObjectName("toolbar-main")
        for action in (self.new_action, self.open_action, self.save_action, None,
                       self.undo_action, self.redo_action, None, self.relative_action,
                       self.zoom_in_action, self.zoom_out_action, self.zoom_fit_action):
            if action is None:
                self.main_toolbar.addSeparator()
            else:
                self.main_toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.main_toolbar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.timeline)
        self.panels_menu.addSeparator()
        self.panels_menu.addAction(self.main_toolbar.toggleViewAction())
        self.panels_menu.addAction(self.timeline.toggleViewAction())

    def _update_edit_actions(self) -> None:
        from trainer.engine.trace import Segment

        index = self.doc.selected
        event = self.doc.event_at(index) if index is not None else None
        self.delete_action.setEnabled(event is not None)
        is_segment = isinstance(event, Segment)
        for action in (self.lost_action, self.duplicate_action, self.suggest_action):
            action.setEnabled(is_segment)
        self.lost_action.setCheckable(True)
        self.duplicate_action.setCheckable(True)
        self.lost_action.setChecked(is_segment and event.lost)
        self.duplicate_action.setChecked(is_segment and event.old_duplicate)
        self.export_graph_action.setEnabled(self.graph is not None)

    def _set_relative(self, on: bool) -> None:
        self.diagram.set_relative_numbers(on)
        if self.inspector is not None:
            self.inspector.set_relative_numbers(on)
        self.settings.set_relative_numbers(on)

    # ---- language -----------------------------------------------------------------------------
    def set_language_choice(self, choice: str) -> None:
        """Language menu: ``"system"``, ``"zh_CN"`` or ``"en"``; remembered, applied at once."""
        self.settings.set_language(choice)
        i18n.set_language(i18n.resolve_choice(choice))
        self._check_language_in_effect()

    def _check_language_in_effect(self) -> None:
        """Check the Language menu's entry for the language the GUI actually speaks: the saved
        choice when it is what is in effect, else (e.g. ``--lang`` overrides it for this session)
        the language in use."""
        current = i18n.current_language()
        saved = self.settings.language()
        key = saved if saved in self.language_actions and i18n.resolve_choice(saved) == current \
            else current
        action = self.language_actions.get(key)
        if action is not None:
            action.setChecked(True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _tip(self, action: QAction, text: str) -> None:
        self._tips[action] = text

    def retranslate_ui(self) -> None:
        self._tips: dict[QAction, str] = {}
        self.file_menu.setTitle(self.tr("&File"))
        self.new_action.setText(self.tr("&New…"))
        self._tip(self.new_action, self.tr("New trace: blank or from a built-in scenario"))
        self.open_action.setText(self.tr("&Open…"))
        self._tip(self.open_action, self.tr("Open a trace file"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.import_action.setText(self.tr("&Import Capture…"))
        self._tip(self.import_action,
                  self.tr("Open one connection of a pcap or pcapng capture as a new trace"))
        self.save_action.setText(self.tr("&Save"))
        self._tip(self.save_action, self.tr("Save the trace"))
        self.save_as_action.setText(self.tr("Save &As…"))
        self.export_menu.setTitle(self.tr("&Export"))
        self.export_diagram_action.setText(self.tr("Sequence &Diagram as Image…"))
        self.export_graph_action.setText(self.tr("State &Graph as Image…"))
        self.print_action.setText(self.tr("&Print…"))
        self.quit_action.setText(self.tr("&Quit"))

        self.edit_menu.setTitle(self.tr("&Edit"))
        if self._translated:
            self._install_undo_actions()
        self.delete_action.setText(self.tr("&Delete"))
        self.lost_action.setText(self.tr("Mark &Lost"))
        self._tip(self.lost_action, self.tr("The selected segment never arrives"))
        self.duplicate_action.setText(self.tr("Mark Old D&uplicate"))
        self._tip(self.duplicate_action,
                  self.tr("The selected segment is left over from an earlier connection"))
        self.insert_menu.setTitle(self.tr("&Insert at Cursor"))
        self.call_menu.setTitle(self.tr("User &Call"))
        self.timeout_menu.setTitle(self.tr("&Timeout"))
        self.crash_menu.setTitle(self.tr("C&rash"))
        if self._startup_scheduled:  # else right after the first frame (create_panels)
            self._retranslate_insert_words()
        self._update_crash_texts()
        self.suggest_action.setText(self.tr("&Suggest Seq/Ack"))
        self._tip(self.suggest_action,
                  self.tr("Fill in the sequence and acknowledgment numbers RFC 9293 expects"))
        self.suggest_enabled_action.setText(self.tr("Suggest Numbers &While Drawing"))

        self.view_menu.setTitle(self.tr("&View"))
        self.relative_action.setText(self.tr("&Relative Sequence Numbers"))
        self._tip(self.relative_action,
                  self.tr("Show sequence numbers relative to each host's ISS, as Wireshark does"))
        self.zoom_in_action.setText(self.tr("Zoom &In"))
        self.zoom_out_action.setText(self.tr("Zoom &Out"))
        self.zoom_fit_action.setText(self.tr("&Fit to Window"))
        self.timeline_menu.setTitle(self.tr("&Timeline"))
        self.panels_menu.setTitle(self.tr("&Panels"))
        self.reset_layout_action.setText(self.tr("Reset &Layout"))
        self.graph_dock.setWindowTitle(self.tr("State Graph"))
        self.inspector_dock.setWindowTitle(self.tr("Inspector"))
        self.findings_dock.setWindowTitle(self.tr("Findings"))
        self.text_dock.setWindowTitle(self.tr("Text"))
        self.undo_dock.setWindowTitle(self.tr("Undo History"))
        self.main_toolbar.setWindowTitle(self.tr("Main Toolbar"))
        if self.undo_view is not None:
            self.undo_view.setEmptyLabel(self.tr("<opened>"))
        if self.graph_loading is not None:
            self.graph_loading.setText(self.tr("Loading the state graph…"))

        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[i18n.SYSTEM].setText(self.tr("&System Language"))
        for choice in i18n.CHOICES[1:]:
            self.language_actions[choice].setText(i18n.language_name(choice))
        self._check_language_in_effect()

        self.help_menu.setTitle(self.tr("&Help"))
        self.reference_action.setText(self.tr("RFC 9293 &Quick Reference"))
        self.about_action.setText(self.tr("&About TCP Trainer"))
        self.about_qt_action.setText(self.tr("About &Qt"))

        for action in self.actions():
            if action.parent() is self:
                self._add_shortcut_to_tip(action, self._tips.get(action))
        self._translated = True
        self._update_title()
        self._update_status()

    def _retranslate_insert_words(self) -> None:
        """Name the user calls and timers of the Insert menu in the UI language. They come from
        the engine's word catalog, whose import (~10 ms) the first frame, which does not show
        them, need not wait for: until then they read ``connect``, ``2msl``..."""
        from trainer.i18n.catalog import value_word

        lang = i18n.current_language()
        for kind, action in self.call_actions.items():
            action.setText(value_word("call", kind, lang))
            self._add_shortcut_to_tip(action, None)
        for timer, action in self.timeout_actions.items():
            action.setText(value_word("timer", timer, lang))
            self._add_shortcut_to_tip(action, None)

    @staticmethod
    def _add_shortcut_to_tip(action: QAction, tip: str | None) -> None:
        text = tip or action.text().replace("&", "")
        keys = action.shortcut()
        if not keys.isEmpty():
            text = f"{text} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(text)

    def _update_crash_texts(self) -> None:
        for host, action in self.crash_actions.items():
            action.setText(fmt(self.tr("%1 Crashes or Reboots"), self.doc.trace.host_name(host)))

    # ---- title and status ---------------------------------------------------------------------
    def document_name(self) -> str:
        if self.doc.path is not None:
            return self.doc.path.name
        if self.suggested_name:  # an imported connection: its title
            title = self.doc.trace.title
            return title.get(i18n.current_language()) or title.get("en") or self.suggested_name
        return self.tr("Untitled")

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.doc.is_modified())

    def _update_status(self) -> None:
        result = self.doc.result
        errors = len(result.errors())
        if not self.doc.trace.events:
            self.verdict.setText(self.tr("No events"))
        elif result.valid:
            self.verdict.setText(self.tr("✔ Valid"))
        else:
            self.verdict.setText(fmt(self.tr("✘ Invalid · errors: %1"), errors))
        self._update_crash_texts()

    # ---- files --------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Before the trace is replaced or the window closes: True to go on."""
        if not self.doc.is_modified():
            return True
        answer = QMessageBox.warning(
            self, self.tr("Unsaved Changes"),
            fmt(self.tr("“%1” has changes that are not saved. Save them first?"),
                self.document_name()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_trace(self) -> bool:
        if not self.maybe_save():
            return False
        from trainer.gui.dialogs.new_trace import BLANK, NewTraceDialog

        try:
            dialog = NewTraceDialog(self)
        except Exception as error:  # a broken scenario file must not take New down
            self._error(self.tr("Cannot List the Scenarios"), str(error))
            dialog = NewTraceDialog(self, scenarios=[])
        if dialog.exec() != NewTraceDialog.DialogCode.Accepted:
            return False
        return self.start_new(dialog.choice() or BLANK, ask=False)

    def start_new(self, scenario: str = "", *, ask: bool = True) -> bool:
        """Replace the trace by a blank one or built-in ``scenario``, unsaved (``Untitled``)."""
        if ask and not self.maybe_save():
            return False
        trace = Trace()
        if scenario:
            from trainer.scenarios import load_scenario

            try:
                trace = load_scenario(scenario)
            except Exception as error:
                self._error(self.tr("Cannot Open the Scenario"), self._describe(error))
                return False
        self.timeline.stop()
        self.doc.reset(trace, None)
        if self.text is not None:
            self.text.reload()
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Trace"), self.settings.last_directory(), self._open_filters())
        return bool(path) and self.open_file(path, ask=False)

    def open_file(self, path: str | os.PathLike, *, ask: bool = True) -> bool:
        """Load ``path``; on any problem say where and why and keep the current trace."""
        from trainer.cli_capture import is_capture

        if is_capture(str(path)):
            return self.import_capture(path, ask=ask)
        if str(path).lower().endswith(EXERCISE_SUFFIXES):
            # An exercise file (a double-click in a file manager) opens for practice.
            return self.practice_menu.open_practice().open_file(path)
        if ask and not self.maybe_save():
            return False
        from trainer.formats import load_trace

        path = Path(path)
        try:
            trace = load_trace(path)
        except Exception as error:
            self._error(self.tr("Cannot Open File"),
                        self.tr("The file could not be opened; nothing was changed.") + "\n\n"
                        + self._describe(error))
            return False
        self.timeline.stop()
        self.doc.reset(trace, path.resolve())
        if self.text is not None:
            self.text.reload()
        self.settings.add_recent_file(path)
        self.settings.set_last_directory(str(path.resolve().parent))
        self.statusBar().showMessage(fmt(self.tr("Opened %1"), str(path)), 4000)
        return True

    def import_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        from trainer.gui.capture_import import CAPTURE_PATTERNS

        filters = ";;".join([fmt(self.tr("Packet captures (%1)"), CAPTURE_PATTERNS),
                             self.tr("All files (*)")])
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import Capture"), self.settings.last_directory(), filters)
        return bool(path) and self.import_capture(path, ask=False)

    def import_capture(self, path: str | os.PathLike, *, ask: bool = True) -> bool:
        """Open one connection of the capture ``path`` as a new, unsaved trace (see
        ``trainer.gui.capture_import``); the current trace stays on any problem or cancel."""
        if ask and not self.maybe_save():
            return False
        from trainer.gui.capture_import import CaptureImporter

        importer = CaptureImporter(self)
        try:
            imported = importer.run(path)
        finally:
            importer.deleteLater()
        if imported is None:
            return False
        self.timeline.stop()
        self.doc.reset(imported.trace, None, imported.result)
        self.doc.undo_stack.resetClean()  # unsaved: closing asks, Save asks for a name
        self.suggested_name = imported.suggested_name
        if self.text is not None:
            self.text.reload()
        self.settings.set_last_directory(str(imported.capture.resolve().parent))
        self.settings.add_recent_file(imported.capture.resolve())  # reopening imports again
        self._update_title()
        self.statusBar().showMessage(
            fmt(self.tr("Imported connection %1 of %2 (%3 packets)"), imported.index,
                imported.capture.name, imported.packets), 6000)
        return True

    def save(self) -> bool:
        from trainer.formats import format_for_path

        path = self.doc.path
        if path is None or format_for_path(path) is None:
            return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        filters = self._save_filters()
        start = str(self.doc.path) if self.doc.path else os.path.join(
            self.settings.last_directory(),
            self.suggested_name or self.tr("untitled") + ".tcptrace")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save Trace As"), start, ";;".join(filters),
            filters[2] if start.endswith(".json") else filters[0])
        if not path:
            return False
        if not Path(path).suffix:
            path += (".tcpt" if chosen == filters[1] else ".json" if chosen == filters[2]
                     else ".tcptrace")
        return self.save_to(path)

    def save_to(self, path: str | os.PathLike) -> bool:
        """Write the trace to ``path`` (JSON or text by its suffix); False after telling why."""
        from trainer.formats import save_trace

        path = Path(path)
        try:
            save_trace(self.doc.trace, path, None if path.suffix.lower() in TRACE_SUFFIXES
                       else "json")
        except (OSError, ValueError) as error:
            self._error(self.tr("Cannot Save File"),
                        fmt(self.tr("The trace could not be saved to %1."), str(path)) + "\n\n"
                        + (error.strerror if isinstance(error, OSError) and error.strerror
                           else str(error)))
            return False
        self.doc.mark_saved(path.resolve())
        self.settings.add_recent_file(path)
        self.settings.set_last_directory(str(path.resolve().parent))
        self.statusBar().showMessage(fmt(self.tr("Saved %1"), str(path)), 4000)
        return True

    def _open_filters(self) -> str:
        return ";;".join([self.tr("Trace files (*.tcptrace *.json *.tcpt *.txt *.trace)"),
                          self.tr("All files (*)")])

    def _save_filters(self) -> list[str]:
        return [self.tr("TCP Trainer trace (*.tcptrace)"), self.tr("Text notation (*.tcpt)"),
                self.tr("JSON (*.json)")]

    def _describe(self, error: Exception) -> str:
        render = getattr(error, "render", None)
        if callable(render):
            return render(i18n.current_language())
        if isinstance(error, OSError):
            return f"{error.filename}: {error.strerror}" if error.filename else str(error)
        return str(error)

    def _error(self, title: str, text: str) -> None:
        QMessageBox.critical(self, title, text)

    def rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            label = f"&{number % 10} {Path(path).name}" if number <= 10 else Path(path).name
            action = self.recent_menu.addAction(label)
            action.setData(path)
            action.setStatusTip(path)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if not files:
            empty = self.recent_menu.addAction(self.tr("No Recent Files"))
            empty.setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(self.tr("&Clear Menu"))
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.settings.clear_recent_files)

    # ---- export and print ---------------------------------------------------------------------
    def _export_target(self, which: str):
        return self.diagram if which == "diagram" else self.graph

    def export_dialog(self, which: str) -> bool:
        view = self._export_target(which)
        if view is None:
            return False
        stem = self.doc.path.stem if self.doc.path else (
            Path(self.suggested_name).stem if self.suggested_name else self.tr("untitled"))
        suffix = self.tr("diagram") if which == "diagram" else self.tr("state-graph")
        filters = [self.tr("PNG image (*.png)"), self.tr("SVG drawing (*.svg)"),
                   self.tr("PDF document (*.pdf)")]
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export"), os.path.join(self.settings.last_directory(),
                                                  f"{stem}-{suffix}.png"),
            ";;".join(filters), filters[0])
        if not path:
            return False
        from trainer.gui.render import export_format

        if export_format(path) is None:
            path += (".svg" if chosen == filters[1] else ".pdf" if chosen == filters[2] else ".png")
        return self.export_to(which, path)

    def export_to(self, which: str, path: str | os.PathLike) -> bool:
        from trainer.gui.render import export_view

        view = self._export_target(which)
        if view is None:
            return False
        try:
            export_view(view, path, title=self.document_name())
        except (OSError, ValueError) as error:
            self._error(self.tr("Cannot Export"),
                        fmt(self.tr("The image could not be written to %1."), str(path)) + "\n\n"
                        + str(error))
            return False
        self.statusBar().showMessage(fmt(self.tr("Exported %1"), str(path)), 4000)
        return True

    def print_dialog(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document_name())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print Trace"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer) -> bool:
        from trainer.gui.render import print_views

        try:
            print_views(printer, [self.diagram, self.graph], title=self.document_name())
        except OSError as error:
            self._error(self.tr("Cannot Print"), str(error))
            return False
        return True

    # ---- help ---------------------------------------------------------------------------------
    def show_reference(self) -> None:
        from trainer.gui.dialogs.reference import ReferenceDialog

        if self._reference is None:
            self._reference = ReferenceDialog(self)
        self._reference.show()
        self._reference.raise_()
        self._reference.activateWindow()

    def show_about(self) -> None:
        from trainer.gui.dialogs.about import show_about

        show_about(self)

    def showEvent(self, event) -> None:  # noqa: N802
        # Panels refresh on the next pass of the event loop after a change; the first frame
        # must not show them empty, so bring them up to date before it is painted.
        for pending in self.findChildren(Coalesced):
            pending.flush()
        super().showEvent(event)

    # ---- drag and drop, closing ----------------------------------------------------------------
    @staticmethod
    def _dropped_file(mime) -> str | None:
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and os.path.isfile(url.toLocalFile()):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._dropped_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        path = self._dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_file(path))  # not inside the drag's event loop
        else:
            event.ignore()

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        self.timeline.stop()
        self.save_layout()
        self.settings.sync()
        event.accept()
