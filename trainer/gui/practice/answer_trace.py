"""Answer widgets of the trace-based kinds: build, fill-in, find-the-bug, predict-next.

Each shows the exercise's trace in the sequence diagram (``QuizDiagramView`` on a
``QuizDocument``) beside a form:

- **fill-in**: the trace's event lines with an input where each ``?blank`` is; the diagram
  redraws with the learner's values as they type, the blanks highlighted in the labels and
  claims. Focusing an input selects its segment.
- **find-the-bug**: a table of the events; tick the wrong ones and name the rule broken.
- **predict-next**: one checkpoint at a time; the diagram shows the trace up to it; "Next"
  locks the answer and moves on, showing more of the trace.
- **build**: the diagram is the ordinary editor on the learner's own trace (with the text
  notation beside it on request); the requirements are listed. In an exam the diagram hides
  the states and findings and its "suggest" is off.

Nothing in the diagram gives the answer away before ``reveal``: no findings, no state bands.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QRegularExpression, QSignalBlocker, Qt
from PySide6.QtGui import QFont, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QRadioButton, QScrollArea, QSplitter, QToolButton, QVBoxLayout, QWidget,
)

from trainer.engine.states import State
from trainer.engine.trace import Trace
from trainer.formats.errors import TraceFormatError
from trainer.formats.notation import format_notation, parse_notation
from trainer.gui.i18n import fmt, mono_font
from trainer.gui.practice.answer_base import (
    AnswerWidget, FlowLayout, credit_color, event_lines, tint,
)
from trainer.gui.practice.quiz_diagram import ClaimTag, QuizDiagramView, QuizDocument, claim_point
from trainer.i18n.practice_text import pick, rule_name
from trainer.practice import build, fillin, predict
from trainer.practice.errors import Problem
from trainer.practice.explain import describe_requirement
from trainer.practice.model import Instance
from trainer.practice.template import BLANK, TemplateError, render
from trainer.practice.traces import instance_trace, segment_summary

STATES = [s.value for s in State]


def _diagram(doc: QuizDocument, parent: QWidget, *, editable: bool = False,
             states_visible: bool = False) -> QuizDiagramView:
    view = QuizDiagramView(doc, parent, editable=editable, states_visible=states_visible)
    view.setMinimumSize(380, 300)
    return view


def _claim_tags(trace: Trace, blanks: dict[tuple[int, str], str] | None = None) -> list[ClaimTag]:
    """Every state claim of ``trace`` as a tag; ``blanks`` maps (event, host) to the text shown
    for a claim that is a blank."""
    tags = []
    for index, event in enumerate(trace.events):
        for host, state in (event.claims or {}).items():
            text = (blanks or {}).get((index, host))
            if text is not None:
                tags.append(ClaimTag(claim_point(event, host), host, f"{host}: {text}", True))
            else:
                tags.append(ClaimTag(claim_point(event, host), host, f"{host}: {state.value}"))
    return tags


def _splitter(left: QWidget, right: QWidget, parent: QWidget) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes([600, 400])
    splitter.setChildrenCollapsible(False)
    return splitter


# ==== fill-in ===================================================================================

_SENTINELS = {"seq": "0", "ack": "0", "arrival": "lost", "claim": "CLOSED"}


class FillInAnswer(AnswerWidget):
    def __init__(self, instance: Instance, exam: bool, parent: QWidget | None = None):
        super().__init__(instance, exam, parent)
        self.spec = instance.exercise.spec
        self.blanks = {b.name: b for b in self.spec.blanks}
        self.doc = QuizDocument(parent=self)
        self.view = _diagram(self.doc, self)
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        self.rows: dict[int, QWidget] = {}

        form = QWidget(self)
        rows = QVBoxLayout(form)
        rows.setContentsMargins(6, 6, 6, 6)
        rows.setSpacing(4)
        self.intro = QLabel(form)
        self.intro.setWordWrap(True)
        rows.addWidget(self.intro)
        text = render(self.spec.trace, instance.values).text
        mono = mono_font()
        height = QLineEdit().sizeHint().height()

        def word(text: str, parent: QWidget) -> QLabel:
            label = QLabel(text, parent)
            label.setFont(mono)
            label.setFixedHeight(height)
            label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            return label

        for number, line in enumerate(event_lines(text)):
            row = QFrame(form)
            row.setObjectName(f"fillinRow{number + 1}")
            flow = FlowLayout(row)
            flow.setContentsMargins(4, 2, 4, 2)
            flow.addWidget(word(f"{number + 1}.", row))
            pos = 0
            for match in BLANK.finditer(line):
                for piece in line[pos:match.start()].split():
                    flow.addWidget(word(piece, row))
                blank = self.blanks.get(match.group(1))
                if blank is not None:
                    flow.addWidget(self._input(blank, row))
                pos = match.end()
            for piece in line[pos:].split():
                flow.addWidget(word(piece, row))
            rows.addWidget(row)
            self.rows[number] = row
        rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_splitter(self.view, scroll, self))
        self.doc.selectionChanged.connect(self._show_row)
        self.retranslate()
        self._redraw()

    def _input(self, blank, parent: QWidget):
        if blank.field == "claim":
            box = QComboBox(parent)
            box.setEditable(True)
            box.addItems(["", *STATES])
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            box.lineEdit().setPlaceholderText("?" + blank.name)
            box.setFixedWidth(150)
            box.currentTextChanged.connect(self._edited)
            box.lineEdit().installEventFilter(self)
            widget = box
        else:
            edit = QLineEdit(parent)
            edit.setPlaceholderText("?" + blank.name)
            if blank.field in ("seq", "ack"):
                edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}"), edit))
                edit.setFixedWidth(110)
            else:
                edit.setFixedWidth(96)
            edit.textChanged.connect(self._edited)
            edit.installEventFilter(self)
            widget = edit
        widget.setObjectName("blank_" + blank.name)
        widget.setProperty("blank", blank.name)
        self.inputs[blank.name] = widget
        return widget

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FocusIn:
            name = watched.property("blank") or watched.parent().property("blank")
            blank = self.blanks.get(name)
            if blank is not None:
                self.doc.select(blank.event)
        return False

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Fill in every blank. A state is written as in RFC 9293, "
                                   "for example SYN-SENT; an arrival is a time in seconds or "
                                   "“lost”."))
        for name, widget in self.inputs.items():
            blank = self.blanks[name]
            tips = {"seq": self.tr("A sequence number"), "ack": self.tr("An acknowledgment number"),
                    "flags": self.tr("Flags, such as SYN or FIN,ACK"),
                    "arrival": self.tr("The arrival time in seconds, or “lost”"),
                    "claim": self.tr("The host's state, such as SYN-SENT")}
            widget.setToolTip(tips[blank.field])

    # ---- values ------------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        out = {}
        for name, widget in self.inputs.items():
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            if text.strip():
                out[name] = text.strip()
        return out

    def payload(self):
        values = self.values()
        return {"blanks": values} if values else None

    def set_payload(self, payload) -> None:
        given = (payload or {}).get("blanks", {}) if isinstance(payload, dict) else {}
        for name, widget in self.inputs.items():
            value = str(given.get(name, ""))
            with QSignalBlocker(widget):
                if isinstance(widget, QComboBox):
                    widget.setEditText(value)
                else:
                    widget.setText(value)
        self._redraw()

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        for widget in self.inputs.values():
            if isinstance(widget, QComboBox):
                # Read-only but legible (a disabled box greys the answer out): the list
                # offers only the answer given.
                text = widget.currentText()
                with QSignalBlocker(widget):
                    widget.clear()
                    widget.addItems([text] if locked else ["", *STATES])
                    widget.setEditText(text)
                widget.lineEdit().setReadOnly(locked)
            else:
                widget.setReadOnly(locked)

    def reveal(self, grade) -> None:
        super().reveal(grade)
        by_name = {item.params.get("name"): item for item in grade.items}
        for name, widget in self.inputs.items():
            item = by_name.get(name)
            tint(widget, credit_color(item.credit) if item is not None else None)
        self.doc.set_revealed(True)
        self.view.set_states_visible(True)

    def _edited(self, _text: str = "") -> None:
        if self.grade is not None:  # a new answer: the old verdict no longer applies
            for widget in self.inputs.values():
                tint(widget, None)
        self._redraw()
        self.changed.emit()

    # ---- the diagram -------------------------------------------------------------------------
    def _display_values(self) -> tuple[dict[str, str], dict[str, str]]:
        """The value each blank has in the drawn trace, and what its label shows."""
        given = self.values()
        drawn, shown = {}, {}
        for name, blank in self.blanks.items():
            value = None
            if name in given:
                try:
                    value = fillin.normalize(blank, given[name])
                except Problem:
                    value = None
            if blank.field == "flags":
                drawn[name] = value or ("ACK" if blank.has_ack else "SYN")
            else:
                drawn[name] = value or _SENTINELS[blank.field]
            if value is None:
                shown[name] = "?" + name
            elif blank.field == "arrival":
                shown[name] = value if value == "lost" else value
            else:
                shown[name] = value
        return drawn, shown

    def _redraw(self) -> None:
        drawn, shown = self._display_values()
        trace = None
        for values in (drawn, {n: self._sentinel(n) for n in self.blanks}):
            try:
                trace = parse_notation(render(self.spec.trace, self.instance.values,
                                              values).text, "<exercise>")
                break
            except (TraceFormatError, TemplateError):
                continue
        if trace is None:  # pragma: no cover - the loader checked the template renders
            return
        selected = self.doc.selected
        self.doc.reset(trace)
        masks: dict[int, dict[str, str]] = {}
        claim_blanks: dict[tuple[int, str], str] = {}
        for name, blank in self.blanks.items():
            if blank.field == "claim":
                claim_blanks[(blank.event, blank.host)] = shown[name]
            else:
                masks.setdefault(blank.event, {})[blank.field] = shown[name]
        self.view.set_masks(masks)
        self.view.set_claims(_claim_tags(trace, claim_blanks))
        self.doc.select(selected)

    def _sentinel(self, name: str) -> str:
        blank = self.blanks[name]
        if blank.field == "flags":
            return "ACK" if blank.has_ack else "SYN"
        return _SENTINELS[blank.field]

    def _show_row(self, index) -> None:
        for number, row in self.rows.items():
            row.setFrameShape(QFrame.Shape.StyledPanel if number == index else QFrame.Shape.NoFrame)


# ==== find-the-bug ==============================================================================

class FindBugAnswer(AnswerWidget):
    def __init__(self, instance: Instance, exam: bool, parent: QWidget | None = None):
        super().__init__(instance, exam, parent)
        self.spec = instance.exercise.spec
        trace, _ = instance_trace(instance, "trace", self.spec.trace)
        self.doc = QuizDocument(copy.deepcopy(trace), parent=self)
        self.view = _diagram(self.doc, self)
        self.view.set_claims(_claim_tags(trace))
        self.lines = event_lines(render(self.spec.trace, instance.values).text)

        form = QWidget(self)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        self.intro = QLabel(form)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        mono = mono_font()
        self.frames: list[QFrame] = []
        self.marks_boxes: list[QCheckBox] = []
        self.texts: list[QLabel] = []
        self.rule_boxes: list[QComboBox] = []
        for row, line in enumerate(self.lines):
            frame = QFrame(form)
            grid = QGridLayout(frame)
            grid.setContentsMargins(4, 3, 4, 3)
            grid.setHorizontalSpacing(6)
            grid.setVerticalSpacing(2)
            mark = QCheckBox(f"{row + 1}.", frame)
            mark.setObjectName(f"wrong{row + 1}")
            mark.toggled.connect(lambda on, r=row: self._marked(r, on))
            text = QLabel(line, frame)
            text.setFont(mono)
            text.setWordWrap(True)
            text.mousePressEvent = lambda _e, r=row: self.doc.select(r)
            box = QComboBox(frame)
            box.setObjectName(f"rule{row + 1}")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(self._edited)
            box.hide()
            grid.addWidget(mark, 0, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, 0, 1)
            grid.addWidget(box, 1, 1, Qt.AlignmentFlag.AlignLeft)
            grid.setColumnStretch(1, 1)
            layout.addWidget(frame)
            self.frames.append(frame)
            self.marks_boxes.append(mark)
            self.texts.append(text)
            self.rule_boxes.append(box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.doc.selectionChanged.connect(self._show_row)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_splitter(self.view, scroll, self))
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(fmt(self.tr("This trace has %1 mistake(s). Tick each wrong event and "
                                       "choose the rule it breaks."), self.spec.bugs))
        for row, box in enumerate(self.rule_boxes):
            current = box.currentData()
            with QSignalBlocker(box):
                box.clear()
                box.addItem(self.tr("— which rule? —"), "")
                for code in self.spec.rules:
                    box.addItem(rule_name(code, self.lang), code)
                box.setCurrentIndex(max(0, box.findData(current)))
            self.marks_boxes[row].setToolTip(self.tr("This event is wrong"))

    def marks(self) -> list[dict]:
        return [{"event": row + 1, "rule": self.rule_boxes[row].currentData() or ""}
                for row, mark in enumerate(self.marks_boxes) if mark.isChecked()]

    def payload(self):
        marks = self.marks()
        return {"marks": marks} if marks else None

    def set_payload(self, payload) -> None:
        marks = (payload or {}).get("marks", []) if isinstance(payload, dict) else []
        by_event = {m.get("event"): m.get("rule", "") for m in marks if isinstance(m, dict)}
        for row, mark in enumerate(self.marks_boxes):
            box = self.rule_boxes[row]
            with QSignalBlocker(mark), QSignalBlocker(box):
                mark.setChecked((row + 1) in by_event)
                box.setCurrentIndex(max(0, box.findData(by_event.get(row + 1, ""))))
            box.setVisible(mark.isChecked())

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        for mark, box in zip(self.marks_boxes, self.rule_boxes, strict=True):
            mark.setEnabled(not locked)
            box.setEnabled(not locked)

    def reveal(self, grade) -> None:
        super().reveal(grade)
        verdicts: dict[int, float] = {}
        for item in grade.items:
            event = item.params.get("event")
            if isinstance(event, int):
                credit = 0.0 if item.code == "findbug.false-mark" else item.credit
                verdicts[event - 1] = min(verdicts.get(event - 1, 1.0), credit)
        for row, text in enumerate(self.texts):
            color = credit_color(verdicts[row]).name() if row in verdicts else None
            text.setStyleSheet(f"color: {color}" if color else "")
        self.doc.set_revealed(True)
        self.view.set_states_visible(True)

    def _marked(self, row: int, on: bool) -> None:
        self.rule_boxes[row].setVisible(on)
        self.doc.select(row)
        if on and not self.locked:
            self.rule_boxes[row].setFocus()
        self._edited()

    def _edited(self, *_args) -> None:
        self.changed.emit()

    def _show_row(self, index) -> None:
        for row, frame in enumerate(self.frames):
            frame.setFrameShape(QFrame.Shape.StyledPanel if row == index else QFrame.Shape.NoFrame)


# ==== predict-next ==============================================================================

class PredictAnswer(AnswerWidget):
    def __init__(self, instance: Instance, exam: bool, parent: QWidget | None = None):
        super().__init__(instance, exam, parent)
        self.spec = instance.exercise.spec
        self.full, _ = instance_trace(instance, "trace", self.spec.trace)
        self.lines = event_lines(render(self.spec.trace, instance.values).text)
        self.checkpoints = self.spec.checkpoints
        self.answers: list[str | None] = [None] * len(self.checkpoints)
        self.current = 0
        self.doc = QuizDocument(parent=self)
        self.view = _diagram(self.doc, self)

        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(6, 6, 6, 6)
        self.done_label = QLabel(side)
        self.done_label.setObjectName("predictDone")
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.done_label)
        self.heading = QLabel(side)
        self.heading.setObjectName("predictHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.question = QLabel(side)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.state_box = QComboBox(side)
        self.state_box.setObjectName("predictState")
        self.state_box.addItems(["", *STATES])
        self.state_box.currentTextChanged.connect(self._picked)
        layout.addWidget(self.state_box)
        self.options_box = QWidget(side)
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 0, 0, 0)
        self.option_group = QButtonGroup(self)
        self.option_group.setExclusive(True)
        self.option_group.buttonClicked.connect(lambda _b: self._picked())
        self.option_buttons: dict[str, QRadioButton] = {}
        layout.addWidget(self.options_box)
        self.next_button = QPushButton(side)
        self.next_button.setObjectName("predictNext")
        self.next_button.clicked.connect(self.next_checkpoint)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_splitter(self.view, side, self))
        self._show_checkpoint()

    # ---- checkpoints -------------------------------------------------------------------------
    def _upto(self, index: int) -> int:
        """How many events the learner sees at checkpoint ``index``."""
        checkpoint = self.checkpoints[index]
        return checkpoint.event if checkpoint.ask == "state" else checkpoint.event - 1

    def _show_trace(self, events: int, reveal: bool = False) -> None:
        trace = Trace(hosts=copy.deepcopy(self.full.hosts),
                      events=copy.deepcopy(self.full.events[:events]),
                      options=copy.deepcopy(self.full.options))
        self.doc.reset(trace)
        self.doc.set_revealed(reveal)
        self.view.set_states_visible(reveal)
        if events and not reveal:
            self.doc.select(events - 1)

    def _show_checkpoint(self) -> None:
        finished = self.current >= len(self.checkpoints)
        if finished:
            self._show_trace(len(self.full.events), reveal=self.grade is not None)
        else:
            self._show_trace(self._upto(self.current), reveal=False)
        self._fill_form()

    def _fill_form(self) -> None:
        finished = self.current >= len(self.checkpoints)
        for button in list(self.option_buttons.values()):
            self.option_group.removeButton(button)
            button.deleteLater()
        self.option_buttons.clear()
        self.state_box.setVisible(False)
        self.options_box.setVisible(False)
        self.done_label.setText(self._done_html())
        if finished:
            self.heading.setText(self.tr("Your answers; the diagram shows the whole trace.")
                                 if self.grade is not None or self.locked
                                 else self.tr("Every checkpoint is answered."))
            self.question.setText("")
            self.next_button.setVisible(False)
            return
        checkpoint = self.checkpoints[self.current]
        self.heading.setText(fmt(self.tr("Checkpoint %1 of %2"), self.current + 1,
                                 len(self.checkpoints)))
        if checkpoint.ask == "state":
            self.question.setText(fmt(self.tr("Event %1 has just been processed:\n%2\n"
                                              "Which state is %3 in now?"), checkpoint.event,
                                      self._line(checkpoint.event), self._host(checkpoint.host)))
            self.state_box.setVisible(True)
            with QSignalBlocker(self.state_box):
                self.state_box.setCurrentText(self.answers[self.current] or "")
            self.state_box.setEnabled(not self.locked)
        else:
            self.question.setText(fmt(self.tr("Which segment is event %1, the next one?"),
                                      checkpoint.event))
            self.options_box.setVisible(True)
            for letter, segment in predict.options(self.instance, self.current):
                button = QRadioButton(f"{letter})  {segment_summary(segment)}", self.options_box)
                button.setObjectName(f"option_{letter}")
                button.setFont(mono_font())
                button.setProperty("letter", letter)
                button.setChecked(self.answers[self.current] == letter)
                button.setEnabled(not self.locked)
                self.option_group.addButton(button)
                self.options_layout.addWidget(button)
                self.option_buttons[letter] = button
        last = self.current == len(self.checkpoints) - 1
        self.next_button.setVisible(not self.locked)
        self.next_button.setText(self.tr("&Finish the checkpoints") if last
                                 else self.tr("&Next checkpoint"))
        self.next_button.setToolTip(self.tr("Locks this answer and shows more of the trace"))

    def _host(self, host: str) -> str:
        return self.full.host_name(host)

    def _line(self, event: int) -> str:
        """Event ``event`` (from 1) as the trace writes it, without its time."""
        line = self.lines[event - 1] if 0 < event <= len(self.lines) else ""
        return line.split(" ", 1)[1] if " " in line else line

    def _done_html(self) -> str:
        from html import escape

        lines = []
        verdicts = {}
        if self.grade is not None:  # one item per checkpoint, or one "not answered"
            credits = [item.credit for item in self.grade.items] if self.grade.answered else []
            verdicts = {i: (credits[i] if i < len(credits) else 0.0)
                        for i in range(len(self.checkpoints))}
        for index in range(min(self.current, len(self.checkpoints))):
            checkpoint = self.checkpoints[index]
            answer = self.answers[index] or self.tr("(no answer)")
            if checkpoint.ask == "state":
                text = fmt(self.tr("%1. After event %2, %3: %4"), index + 1, checkpoint.event,
                           self._host(checkpoint.host), answer)
            else:
                text = fmt(self.tr("%1. Event %2: option %3"), index + 1, checkpoint.event, answer)
            if index in verdicts:
                text = f"<span style='color:{credit_color(verdicts[index]).name()}'>{escape(text)}</span>"
            else:
                text = escape(text)
            lines.append(text)
        return "<br>".join(lines)

    def _picked(self, *_args) -> None:
        if self.current >= len(self.checkpoints) or self.locked:
            return
        checkpoint = self.checkpoints[self.current]
        if checkpoint.ask == "state":
            self.answers[self.current] = self.state_box.currentText() or None
        else:
            button = self.option_group.checkedButton()
            self.answers[self.current] = button.property("letter") if button else None
        self.changed.emit()

    def next_checkpoint(self) -> None:
        if self.current < len(self.checkpoints) and not self.locked:
            self._picked()
            self.current += 1
            self._show_checkpoint()
            self.changed.emit()

    def retranslate(self) -> None:
        self._fill_form()

    # ---- answers -----------------------------------------------------------------------------
    def payload(self):
        if not any(self.answers):
            return None
        return {"checkpoints": list(self.answers)}

    def set_payload(self, payload) -> None:
        picks = payload.get("checkpoints", []) if isinstance(payload, dict) else []
        self.answers = [(picks[i] if i < len(picks) and isinstance(picks[i], str) else None)
                        for i in range(len(self.checkpoints))]
        answered = [i for i, a in enumerate(self.answers) if a]
        self.current = max(self.current, (answered[-1] + 1) if answered else 0)
        self._show_checkpoint()

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        if locked:
            self.current = len(self.checkpoints)
        self._show_checkpoint()

    def reveal(self, grade) -> None:
        super().reveal(grade)
        self.current = len(self.checkpoints)
        self._show_checkpoint()


# ==== build =====================================================================================

class BuildAnswer(AnswerWidget):
    def __init__(self, instance: Instance, exam: bool, parent: QWidget | None = None):
        super().__init__(instance, exam, parent)
        self.spec = instance.exercise.spec
        self.start = self._start_trace()
        self.doc = QuizDocument(copy.deepcopy(self.start), parent=self, revealed=not exam)
        self.view = _diagram(self.doc, self, editable=True, states_visible=not exam)
        self.view.set_suggest_enabled(not exam)
        self.text_pane = None

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        self.undo_action = self.doc.undo_stack.createUndoAction(self)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = self.doc.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button = QToolButton(self)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button = QToolButton(self)
        self.redo_button.setDefaultAction(self.redo_action)
        self.text_button = QToolButton(self)
        self.text_button.setObjectName("buildTextToggle")
        self.text_button.setCheckable(True)
        self.text_button.toggled.connect(self._toggle_text)
        self.reset_button = QToolButton(self)
        self.reset_button.clicked.connect(self.start_over)
        for button in (self.undo_button, self.redo_button, self.text_button, self.reset_button):
            tools.addWidget(button)
        tools.addStretch(1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(tools)
        self.vertical = QSplitter(Qt.Orientation.Vertical, left)
        self.vertical.addWidget(self.view)
        left_layout.addWidget(self.vertical, 1)

        side = QWidget(self)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(6, 6, 6, 6)
        self.heading = QLabel(side)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.requirements = QLabel(side)
        self.requirements.setObjectName("buildRequirements")
        self.requirements.setWordWrap(True)
        self.requirements.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.requirements)
        self.how = QLabel(side)
        self.how.setWordWrap(True)
        self.how.setObjectName("buildHow")
        layout.addWidget(self.how)
        layout.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_splitter(left, side, self))
        self.doc.changed.connect(lambda _change: self.changed.emit())
        self.retranslate()

    def _start_trace(self) -> Trace:
        if not self.spec.start:
            return Trace()
        return parse_notation(render(self.spec.start, self.instance.values).text, "<start>")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Your trace must be valid and meet these requirements:"))
        from html import escape

        items = []
        verdicts = {}
        if self.grade is not None:  # item 0 is "valid"; then one item per requirement
            verdicts = {i: item.credit for i, item in enumerate(self.grade.items[1:])}
        for i, requirement in enumerate(self.spec.requirements):
            text = pick(requirement.text, self.lang) if requirement.text else describe_requirement(
                build.requirement_params(requirement), self.lang)
            text = escape(text)
            if i in verdicts:
                text = f"<span style='color:{credit_color(verdicts[i]).name()}'>{text}</span>"
            items.append(f"<li>{text}</li>")
        self.requirements.setText("<ul style='margin-left:-20px'>" + "".join(items) + "</ul>")
        self.how.setText(self.tr("Draw in the diagram: drag from one lifeline to the other to send "
                                 "a segment, double-click an arrow to edit it, right-click for user "
                                 "calls, timeouts and more. Or write the trace as text."))
        self.undo_action.setText(self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo"))
        self.text_button.setText(self.tr("&Text"))
        self.text_button.setToolTip(self.tr("Show the trace in the text notation"))
        self.reset_button.setText(self.tr("Start &Over"))

    def _toggle_text(self, on: bool) -> None:
        if on and self.text_pane is None:
            from trainer.gui.panels.text_pane import TextPane

            self.text_pane = TextPane(self.doc, self.vertical)
            self.text_pane.setObjectName("buildTextPane")
            self.text_pane.editor.setReadOnly(self.locked)
            self.vertical.addWidget(self.text_pane)
        if self.text_pane is not None:
            self.text_pane.setVisible(on)

    def start_over(self) -> None:
        if not self.locked:
            self.doc.reset(copy.deepcopy(self.start))
            if self.text_pane is not None:
                self.text_pane.reload()
            self.changed.emit()

    def payload(self):
        if not self.doc.trace.events:
            return None
        return {"trace": format_notation(self.doc.trace)}

    def set_payload(self, payload) -> None:
        text = payload.get("trace") if isinstance(payload, dict) else None
        if not isinstance(text, str):
            return
        try:
            trace = parse_notation(text, "<answer>")
        except TraceFormatError:
            return  # graded as unreadable; the report says why
        self.doc.reset(trace)
        if self.text_pane is not None:
            self.text_pane.reload()

    def set_locked(self, locked: bool) -> None:
        super().set_locked(locked)
        self.view.set_editable(not locked)
        for widget in (self.undo_button, self.redo_button, self.reset_button):
            widget.setEnabled(not locked)
        self.undo_action.setEnabled(not locked and self.doc.undo_stack.canUndo())
        if self.text_pane is not None:
            self.text_pane.editor.setReadOnly(locked)

    def reveal(self, grade) -> None:
        super().reveal(grade)
        self.doc.set_revealed(True)
        self.view.set_states_visible(True)
        self.retranslate()
