"""Answer widgets of the form kinds: calculate (a number) and choice (options).

Either may show a trace the author gives (``trace = ...``), read-only, with its states: the
question is about the numbers or the reasons, not about spotting them in the picture.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QButtonGroup, QCheckBox, QFrame, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QRadioButton, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from trainer.gui.i18n import fmt
from trainer.gui.practice.answer_base import AnswerWidget, credit_color, tint
from trainer.gui.practice.quiz_diagram import QuizDiagramView, QuizDocument
from trainer.practice import choice
from trainer.practice.model import Instance
from trainer.practice.traces import instance_trace


def _trace_view(instance: Instance, template: str | None, parent: QWidget) -> QuizDiagramView | None:
    """The author's trace, if there is one: revealed, states shown, read-only."""
    if not template:
        return None
    trace, _ = instance_trace(instance, "trace", template)
    doc = QuizDocument(copy.deepcopy(trace), parent=parent, revealed=True)
    view = QuizDiagramView(doc, parent, editable=False, states_visible=True)
    view.setMinimumSize(380, 260)
    return view


def _with_trace(form: QWidget, view: QuizDiagramView | None, owner: QWidget) -> None:
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    if view is None:
        layout.addWidget(form)
        return
    splitter = QSplitter(Qt.Orientation.Horizontal, owner)
    splitter.addWidget(view)
    splitter.addWidget(form)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setChildrenCollapsible(False)
    layout.addWidget(splitter)


# ==== calculate =================================================================================

class CalculateAnswer(AnswerWidget):
    def __init__(self, instance: Instance, exam: bool, parent: QWidget | None = None):
        super().__init__(instance, exam, parent)
        self.spec = instance.exercise.spec
        self.view = _trace_view(instance, self.spec.trace, self)
        form = QWidget(self)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        self.label = QLabel(form)
        self.value = QLineEdit(form)
        self.value.setObjectName("calculateValue")
        self.value.setMinimumWidth(160)
        self.value.textChanged.connect(lambda _t: self._edited())
        self.label.setBuddy(self.value)
        self.unit = QLabel(form)
        row.addWidget(self.label)
        row.addWidget(self.value)
        row.addWidget(self.unit)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = QLabel(form)
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        layout.addWidget(self.note)
        layout.addStretch(1)
        _with_trace(form, self.view, self)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("&Answer:"))
        self.unit.setText(self.instance.text(self.spec.unit, self.lang) if self.spec.unit else "")
        if self.spec.decimals:
            self.note.setText(fmt(self.tr("Give %1 decimal place(s); a decimal comma is fine too."),
                                  self.spec.decimals))
        else:
            self.note.setText(self.tr("Give a whole number."))

    def payload(self):
        text = self.value.text().strip()
        if not text:
            return None
        try:
            return {"value": float(text.replace(",", "."))}
        except ValueError:
            return {"value": text}  # graded: "not a number", with the text quoted

    def set_payload(self, payload) -> None:
        value = payload.get("value") if isinstance(payload, dict) else None
        with QSignalBlocker(self.value):
            self.value.setText("" if value is None else _plain(value))

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        self.value.setReadOnly(locked)

    def reveal(self, grade) -> None:
        super().reveal(grade)
        tint(self.value, credit_color(grade.raw))

    def _edited(self) -> None:
        if self.grade is not None:
            tint(self.value, None)
        self.changed.emit()


def _plain(value) -> str:
    if isinstance(value, float) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return str(value)


# ==== choice ====================================================================================

class ChoiceAnswer(AnswerWidget):
    def __init__(self, instance: Instance, exam: bool, parent: QWidget | None = None):
        super().__init__(instance, exam, parent)
        self.spec = instance.exercise.spec
        self.options = choice.ordered_options(instance)
        self.view = _trace_view(instance, self.spec.trace, self)
        form = QWidget(self)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(6, 6, 6, 6)
        self.intro = QLabel(form)
        layout.addWidget(self.intro)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.spec.multiple)
        self.buttons: dict[str, QAbstractButton] = {}
        self.texts: dict[str, QLabel] = {}
        self.feedback: dict[str, QLabel] = {}
        for row, option in enumerate(self.options):
            button = QCheckBox(form) if self.spec.multiple else QRadioButton(form)
            button.setObjectName("option_" + option.id)
            button.setProperty("option", option.id)
            self.group.addButton(button)
            label = QLabel(form)
            label.setWordWrap(True)
            label.setObjectName("optionText_" + option.id)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            label.mousePressEvent = lambda _e, b=button: None if self.locked else b.click()
            note = QLabel(form)
            note.setWordWrap(True)
            note.setObjectName("optionFeedback_" + option.id)
            note.hide()
            grid.addWidget(button, 2 * row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, 2 * row, 1)
            grid.addWidget(note, 2 * row + 1, 1)
            self.buttons[option.id] = button
            self.texts[option.id] = label
            self.feedback[option.id] = note
        self.group.buttonToggled.connect(lambda *_a: self._edited())
        layout.addLayout(grid)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        _with_trace(scroll, self.view, self)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Choose every right answer:") if self.spec.multiple
                           else self.tr("Choose one answer:"))
        for option in self.options:
            self.texts[option.id].setText(self.instance.text(option.text, self.lang))
            if option.feedback:
                self.feedback[option.id].setText(self.instance.text(option.feedback, self.lang))

    def selected(self) -> list[str]:
        return [oid for oid, button in self.buttons.items() if button.isChecked()]

    def payload(self):
        picked = self.selected()
        return {"selected": picked} if picked else None

    def set_payload(self, payload) -> None:
        picked = payload.get("selected", []) if isinstance(payload, dict) else []
        picked = [picked] if isinstance(picked, str) else picked
        with QSignalBlocker(self.group):
            exclusive = self.group.exclusive()
            self.group.setExclusive(False)
            for oid, button in self.buttons.items():
                button.setChecked(oid in picked)
            self.group.setExclusive(exclusive)

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        for button in self.buttons.values():
            button.setEnabled(not locked)

    def reveal(self, grade) -> None:
        super().reveal(grade)
        color = credit_color(grade.raw).name()
        for oid, note in self.feedback.items():
            if note.text():
                note.show()
        for oid in self.selected():
            self.texts[oid].setStyleSheet(f"color: {color}; font-weight: bold;")

    def _edited(self) -> None:
        if self.grade is not None:
            for label in self.texts.values():
                label.setStyleSheet("")
        self.changed.emit()


def make_answer_widget(instance: Instance, exam: bool, parent: QWidget | None = None) -> AnswerWidget:
    from trainer.gui.practice.answer_trace import BuildAnswer, FillInAnswer, FindBugAnswer, PredictAnswer

    kinds = {"build": BuildAnswer, "fill-in": FillInAnswer, "find-the-bug": FindBugAnswer,
             "predict-next": PredictAnswer, "calculate": CalculateAnswer, "choice": ChoiceAnswer}
    return kinds[instance.exercise.kind](instance, exam, parent)
