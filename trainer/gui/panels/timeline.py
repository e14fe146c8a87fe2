"""Timeline toolbar: step through the check one event at a time, or play it.

The position is the document's cursor (the step whose after-state the views show; -1 is the
start, before any step), so the diagram, the state graph and the inspector follow it on their
own. The actions live here and are also put in the View menu by the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QSlider, QToolBar, QWidget

from trainer.gui.app import icon
from trainer.gui.document import TraceDocument
from trainer.gui.i18n import fmt
from trainer.gui.panels.common import Coalesced

SPEEDS = (0.25, 0.5, 1.0, 1.5, 2.0, 4.0)
#: Time between two steps at 1× speed.
BASE_INTERVAL_MS = 800


def shortcut_text(sequences: list[QKeySequence]) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)


class TimelineBar(QToolBar):
    speedChanged = Signal(float)

    def __init__(self, doc: TraceDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("toolbar-timeline")
        self.setMovable(True)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

        def action(name: str | None, keys: list) -> QAction:
            a = QAction(icon(name) if name else QIcon(), "", self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            return a

        self.first_action = action("media-skip-backward", [Qt.Key.Key_Home])
        self.back_action = action("media-seek-backward", [Qt.Key.Key_Left, Qt.Key.Key_Comma])
        self.play_action = action("media-playback-start", [Qt.Key.Key_Space])
        self.play_action.setCheckable(True)
        self.forward_action = action("media-seek-forward", [Qt.Key.Key_Right, Qt.Key.Key_Period])
        self.last_action = action("media-skip-forward", [Qt.Key.Key_End])
        self.slower_action = action(None, [Qt.Key.Key_BracketLeft])
        self.faster_action = action(None, [Qt.Key.Key_BracketRight])
        self.first_action.triggered.connect(lambda: self.go(-1))
        self.back_action.triggered.connect(lambda: self.go(self.doc.cursor - 1))
        self.forward_action.triggered.connect(lambda: self.go(self.doc.cursor + 1))
        self.last_action.triggered.connect(lambda: self.go(len(self.doc.result.steps) - 1))
        self.play_action.toggled.connect(self._play_toggled)
        self.slower_action.triggered.connect(lambda: self._nudge_speed(-1))
        self.faster_action.triggered.connect(lambda: self._nudge_speed(+1))

        self.addAction(self.first_action)
        self.addAction(self.back_action)
        self.addAction(self.play_action)
        self.addAction(self.forward_action)
        self.addAction(self.last_action)

        self.speed = QComboBox(self)
        self.speed.setObjectName("timelineSpeed")
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(self._speed_changed)
        self.speed.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.addWidget(self.speed)

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("timelineSlider")
        self.slider.setMinimumWidth(160)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.slider.setPageStep(5)
        self.slider.valueChanged.connect(self.go)
        self.slider_action = self.addWidget(self.slider)

        self.label = QLabel(self)
        self.label.setObjectName("timelineLabel")
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("00000000000000000000000"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.label.setContentsMargins(6, 0, 6, 0)
        self.addWidget(self.label)

        doc.cursorChanged.connect(self._sync)
        # After an edit the views draw first; the step count follows on the next pass.
        self._sync_later = Coalesced(self, self._sync)
        doc.changed.connect(self._sync_later)
        self.retranslate_ui()
        self._sync()

    # ---- moving -------------------------------------------------------------------------------
    def go(self, step: int) -> None:
        self.doc.set_cursor(step)

    def set_speed(self, value: float) -> None:
        best = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - value))
        self.speed.setCurrentIndex(best)

    def speed_value(self) -> float:
        return float(self.speed.currentData())

    def _nudge_speed(self, delta: int) -> None:
        self.speed.setCurrentIndex(max(0, min(len(SPEEDS) - 1, self.speed.currentIndex() + delta)))

    def _speed_changed(self, _index: int) -> None:
        self._timer.setInterval(round(BASE_INTERVAL_MS / self.speed_value()))
        self.speedChanged.emit(self.speed_value())

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def _play_toggled(self, on: bool) -> None:
        if on:
            if self.doc.cursor >= len(self.doc.result.steps) - 1:
                self.go(-1)  # at the end: play from the start
            self._timer.start(round(BASE_INTERVAL_MS / self.speed_value()))
        else:
            self._timer.stop()
        self._update_play_look()

    def _tick(self) -> None:
        last = len(self.doc.result.steps) - 1
        if self.doc.cursor >= last:
            self.play_action.setChecked(False)
            return
        self.go(self.doc.cursor + 1)
        if self.doc.cursor >= last:
            self.play_action.setChecked(False)

    def stop(self) -> None:
        self.play_action.setChecked(False)

    # ---- showing ------------------------------------------------------------------------------
    def _sync(self, _step: int | None = None) -> None:
        steps = self.doc.result.steps
        cursor = self.doc.cursor
        self.slider.blockSignals(True)
        self.slider.setRange(-1, max(-1, len(steps) - 1))
        self.slider.setValue(cursor)
        self.slider.blockSignals(False)
        has_steps = bool(steps)
        self.first_action.setEnabled(cursor > -1)
        self.back_action.setEnabled(cursor > -1)
        self.forward_action.setEnabled(cursor < len(steps) - 1)
        self.last_action.setEnabled(cursor < len(steps) - 1)
        self.play_action.setEnabled(has_steps)
        self.slider.setEnabled(has_steps)
        if not has_steps:
            self.label.setText(self.tr("No steps"))
        elif cursor < 0:
            self.label.setText(fmt(self.tr("Start · %1 steps"), len(steps)))
        else:
            self.label.setText(fmt(self.tr("Step %1 / %2 · t = %3 s"), cursor, len(steps) - 1,
                                   f"{steps[cursor].time:.3f}"))

    def _update_play_look(self) -> None:
        playing = self.play_action.isChecked()
        self.play_action.setIcon(
            icon("media-playback-pause" if playing else "media-playback-start"))
        self.play_action.setText(self.tr("Pause") if playing else self.tr("Play"))
        self._tip(self.play_action)

    def _tip(self, action: QAction) -> None:
        keys = shortcut_text(action.shortcuts())
        action.setToolTip(f"{action.text()} ({keys})" if keys else action.text())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Timeline"))
        self.first_action.setText(self.tr("First Step"))
        self.back_action.setText(self.tr("Step Back"))
        self.forward_action.setText(self.tr("Step Forward"))
        self.last_action.setText(self.tr("Last Step"))
        self.slower_action.setText(self.tr("Slower"))
        self.faster_action.setText(self.tr("Faster"))
        for a in (self.first_action, self.back_action, self.forward_action, self.last_action,
                  self.slower_action, self.faster_action):
            self._tip(a)
        self._update_play_look()
        self.speed.setToolTip(fmt(self.tr("Playback speed (%1 slower, %2 faster)"),
                                  shortcut_text(self.slower_action.shortcuts()),
                                  shortcut_text(self.faster_action.shortcuts())))
        self.slider.setToolTip(self.tr("Drag to move through the steps of the check"))
        self.slider.setAccessibleName(self.tr("Step"))
        self._sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
