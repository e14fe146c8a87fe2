"""Authoring: a new exercise file from the trace in the editor.

Choose a kind; fill in the id, topics, difficulty, points, and the title, prompt, explanation
and hints in both languages; then, by kind:

- **fill-in**: pick an event (click it in the diagram, or by number) and toggle the fields
  learners fill in: seq, ack, flags, arrival, or a host's state there (a claim ``?blank``).
- **find-the-bug**: plant mistakes in the trace (ack or seq off by one, a missing ACK flag,
  a wrong state claim); the engine's errors are listed, counted into ``bugs`` and offered
  among the rules learners choose from.
- **predict-next**: at chosen events, ask for a host's state or for the segment itself (wrong
  alternatives are proposed by the engine and can be edited).
- **build**: tick requirements the trace meets (the states it passes through, the last
  states); learners start from the trace's hosts.
- **choice**: options with feedback and the right one(s); **calculate**: a number given by
  hand, with its decimals and unit.

The file is shown as it will be written and validated as you type (``trainer.practice.loader``,
the same located errors as ``tcp-trainer exercise validate``). "Preview as Learner" opens the
exercise in a practice panel; "Save…" seals plain answers, writes the file atomically and
loads it again.

Not done here (edit the file by hand): randomised parameters, calculate answers computed from
measures, requirement kinds other than passes-through/ends-in, several exercises in one file.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDoubleSpinBox, QFileDialog, QFormLayout,
    QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox,
    QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from trainer.engine.states import State
from trainer.engine.trace import Flag, Segment, Trace
from trainer.gui.app import APP_NAME
from trainer.gui.i18n import current_language, fmt, mono_font
from trainer.gui.practice import drafting
from trainer.gui.practice.quiz_diagram import QuizDiagramView, QuizDocument
from trainer.gui.practice.toml_writer import ExerciseDraft, exercise_toml, trace_template
from trainer.i18n.practice_text import kind_name, rule_name, topic_name
from trainer.practice.errors import ExerciseFormatError
from trainer.practice.findbug import ERROR_CODES
from trainer.practice.model import KINDS, TOPICS

VALIDATE_MS = 350
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
FIELDS = ("seq", "ack", "flags", "arrival", "claim:A", "claim:B")
DEFAULT_RULES = ("ack-not-next", "seq-not-next", "claim-mismatch", "ack-flag-missing")
LANGS = ("zh_CN", "en")


def blank_name(field: str, event: int) -> str:
    """``ack3``, ``state_b2``: a blank's name from its field and event (from 1)."""
    if field.startswith("claim:"):
        return f"state_{field[-1].lower()}{event}"
    return f"{field}{event}"


class AuthoringWindow(QWidget):
    #: An exercise file was saved (its path).
    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, trace: Trace | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("authoringWindow")
        self.original = copy.deepcopy(trace) if trace is not None else Trace()
        self.planted = copy.deepcopy(self.original)  # find-the-bug: the trace with its plants
        self.blanks: dict[int, dict[str, str]] = {}  # fill-in: event -> field -> blank name
        self.asks: dict[tuple[int, str], list[str]] = {}  # predict: (event, ask) -> distractors
        self.path: str | None = None
        self.last_error: ExerciseFormatError | None = None
        self.text = ""
        self._ready = False  # changed() waits until every widget exists
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_MS)
        self._validate_timer.timeout.connect(self.validate)

        self.doc = QuizDocument(copy.deepcopy(self.original), parent=self, revealed=True)
        self.view = QuizDiagramView(self.doc, self, editable=False, states_visible=True)
        self.view.setMinimumSize(420, 300)
        self.doc.selectionChanged.connect(self._selection_changed)

        form = QWidget(self)
        column = QVBoxLayout(form)
        column.addWidget(self._build_common(form))
        self.kind_box = QGroupBox(form)
        kind_layout = QVBoxLayout(self.kind_box)
        self.event_row = QWidget(self.kind_box)
        event_layout = QHBoxLayout(self.event_row)
        event_layout.setContentsMargins(0, 0, 0, 0)
        self.event_label = QLabel(self.event_row)
        self.event_spin = QSpinBox(self.event_row)
        self.event_spin.setObjectName("authorEvent")
        self.event_spin.setRange(1, max(1, len(self.original.events)))
        self.event_spin.valueChanged.connect(lambda v: self.doc.select(v - 1))
        self.event_label.setBuddy(self.event_spin)
        self.event_text = QLabel(self.event_row)
        self.event_text.setFont(mono_font())
        event_layout.addWidget(self.event_label)
        event_layout.addWidget(self.event_spin)
        event_layout.addWidget(self.event_text, 1)
        kind_layout.addWidget(self.event_row)
        self.page_for: dict[str, QWidget] = {
            "fill-in": self._build_fill_in(), "find-the-bug": self._build_find_bug(),
            "predict-next": self._build_predict(), "build": self._build_build(),
            "choice": self._build_choice(), "calculate": self._build_calculate()}
        for page in self.page_for.values():  # only the kind's page is shown (and takes room)
            kind_layout.addWidget(page)
        column.addWidget(self.kind_box)
        column.addWidget(self._build_texts(form))
        column.addWidget(self._build_hints(form))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(560)

        self.toml_view = QPlainTextEdit(self)
        self.toml_view.setObjectName("authorToml")
        self.toml_view.setReadOnly(True)
        self.toml_view.setFont(mono_font())
        self.toml_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.view, "")
        self.tabs.addTab(self.toml_view, "")
        self.status = QLabel(self)
        self.status.setObjectName("authorStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("authorPreview")
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("authorSave")
        self.save_button.clicked.connect(self.save_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([600, 700])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1320, 860)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._ready = True
        self.retranslate()
        self.kind.setCurrentIndex(self.kind.findData("fill-in"))
        self._kind_changed()
        if self.original.events:
            self.doc.select(0)

    # ==== common fields ========================================================================
    def _build_common(self, parent: QWidget) -> QGroupBox:
        box = self.common_box = QGroupBox(parent)
        self.kind = QComboBox(box)
        self.kind.setObjectName("authorKind")
        for kind in KINDS:
            self.kind.addItem(kind, kind)
        self.id_edit = QLineEdit("my-exercise", box)
        self.id_edit.setObjectName("authorId")
        self.topics = QListWidget(box)
        self.topics.setObjectName("authorTopics")
        self.topics.setMaximumHeight(120)
        for topic in TOPICS:
            item = QListWidgetItem(self.topics)
            item.setData(Qt.ItemDataRole.UserRole, topic)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if topic == "handshake"
                               else Qt.CheckState.Unchecked)
        self.difficulty = QSpinBox(box)
        self.difficulty.setRange(1, 3)
        self.points = QDoubleSpinBox(box)
        self.points.setRange(0.5, 1000)
        self.points.setDecimals(1)
        self.points.setValue(10)
        self.keep_claims = QCheckBox(box)
        self.keep_claims.setObjectName("authorKeepClaims")
        self.kind_label, self.id_label, self.topics_label = QLabel(box), QLabel(box), QLabel(box)
        self.difficulty_label, self.points_label = QLabel(box), QLabel(box)
        form = QFormLayout(box)
        for label, widget in ((self.kind_label, self.kind), (self.id_label, self.id_edit),
                              (self.topics_label, self.topics),
                              (self.difficulty_label, self.difficulty),
                              (self.points_label, self.points)):
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.keep_claims)
        self.id_edit.textChanged.connect(self.changed)
        self.topics.itemChanged.connect(self.changed)
        self.difficulty.valueChanged.connect(self.changed)
        self.points.valueChanged.connect(self.changed)
        self.keep_claims.toggled.connect(self.changed)
        return box

    def _build_texts(self, parent: QWidget) -> QGroupBox:
        box = self.texts_box = QGroupBox(parent)
        grid = QGridLayout(box)
        self.lang_labels = [QLabel("中文", box), QLabel("English", box)]
        grid.addWidget(self.lang_labels[0], 0, 1)
        grid.addWidget(self.lang_labels[1], 0, 2)
        self.title_edits = {lang: QLineEdit(box) for lang in LANGS}
        self.prompt_edits = {lang: QPlainTextEdit(box) for lang in LANGS}
        self.explanation_edits = {lang: QPlainTextEdit(box) for lang in LANGS}
        self.title_label, self.prompt_label, self.explanation_label = (QLabel(box), QLabel(box),
                                                                       QLabel(box))
        rows = (("title", self.title_label, self.title_edits),
                ("prompt", self.prompt_label, self.prompt_edits),
                ("explanation", self.explanation_label, self.explanation_edits))
        for row, (name, label, edits) in enumerate(rows, start=1):
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            for col, lang in enumerate(LANGS, start=1):
                edit = edits[lang]
                edit.setObjectName(f"author_{name}_{lang}")
                if isinstance(edit, QPlainTextEdit):
                    edit.setFixedHeight(70)
                edit.textChanged.connect(self.changed)
                grid.addWidget(edit, row, col)
            label.setBuddy(edits["zh_CN"])
        return box

    def _build_hints(self, parent: QWidget) -> QGroupBox:
        box = self.hints_box = QGroupBox(parent)
        self.hints = QTableWidget(0, 3, box)
        self.hints.setObjectName("authorHints")
        self.hints.verticalHeader().hide()
        self.hints.setMaximumHeight(130)
        header = self.hints.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.hints.itemChanged.connect(self.changed)
        self.add_hint_button = QPushButton(box)
        self.add_hint_button.clicked.connect(lambda: self.add_hint())
        self.remove_hint_button = QPushButton(box)
        self.remove_hint_button.clicked.connect(self._remove_hint)
        layout = QVBoxLayout(box)
        layout.addWidget(self.hints)
        row = QHBoxLayout()
        row.addWidget(self.add_hint_button)
        row.addWidget(self.remove_hint_button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def add_hint(self, zh: str = "", en: str = "", penalty: float = 0.1) -> None:
        row = self.hints.rowCount()
        self.hints.insertRow(row)
        self.hints.setItem(row, 0, QTableWidgetItem(zh))
        self.hints.setItem(row, 1, QTableWidgetItem(en))
        spin = QDoubleSpinBox(self.hints)
        spin.setRange(0, 1)
        spin.setSingleStep(0.05)
        spin.setDecimals(2)
        spin.setValue(penalty)
        spin.valueChanged.connect(self.changed)
        self.hints.setCellWidget(row, 2, spin)
        self.changed()

    def _remove_hint(self) -> None:
        row = self.hints.currentRow()
        if row >= 0:
            self.hints.removeRow(row)
            self.changed()

    # ==== kind pages ===========================================================================
    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        return page, layout

    def _build_fill_in(self) -> QWidget:
        page, layout = self._page()
        self.fill_note = QLabel(page)
        self.fill_note.setWordWrap(True)
        layout.addWidget(self.fill_note)
        row = QHBoxLayout()
        self.field_buttons: dict[str, QPushButton] = {}
        for field in FIELDS:
            button = QPushButton(page)
            button.setObjectName("blank_" + field.replace(":", "_"))
            button.setCheckable(True)
            button.toggled.connect(lambda on, f=field: self.toggle_blank(f, on))
            self.field_buttons[field] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.blank_list = QLabel(page)
        self.blank_list.setObjectName("authorBlanks")
        self.blank_list.setFont(mono_font())
        layout.addWidget(self.blank_list)
        return page

    def _build_find_bug(self) -> QWidget:
        page, layout = self._page()
        self.bug_note = QLabel(page)
        self.bug_note.setWordWrap(True)
        layout.addWidget(self.bug_note)
        row = QHBoxLayout()
        self.plant_ack = QPushButton(page)
        self.plant_ack.setObjectName("plantAck")
        self.plant_ack.clicked.connect(lambda: self.plant("ack"))
        self.plant_seq = QPushButton(page)
        self.plant_seq.setObjectName("plantSeq")
        self.plant_seq.clicked.connect(lambda: self.plant("seq"))
        self.plant_flag = QPushButton(page)
        self.plant_flag.setObjectName("plantFlag")
        self.plant_flag.clicked.connect(lambda: self.plant("no-ack"))
        for button in (self.plant_ack, self.plant_seq, self.plant_flag):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.claim_label = QLabel(page)
        self.claim_host = QComboBox(page)
        self.claim_host.addItems(["A", "B"])
        self.claim_state = QComboBox(page)
        self.claim_state.setObjectName("plantClaimState")
        self.claim_state.addItems([s.value for s in State])
        self.plant_claim = QPushButton(page)
        self.plant_claim.setObjectName("plantClaim")
        self.plant_claim.clicked.connect(lambda: self.plant("claim"))
        self.unplant = QPushButton(page)
        self.unplant.clicked.connect(self.reset_plants)
        for widget in (self.claim_label, self.claim_host, self.claim_state, self.plant_claim):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.unplant)
        layout.addLayout(row)
        self.bug_list = QLabel(page)
        self.bug_list.setObjectName("authorBugs")
        layout.addWidget(self.bug_list)
        self.rules_label = QLabel(page)
        layout.addWidget(self.rules_label)
        self.rules = QListWidget(page)
        self.rules.setObjectName("authorRules")
        self.rules.setMaximumHeight(150)
        for code in ERROR_CODES:
            item = QListWidgetItem(self.rules)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in DEFAULT_RULES
                               else Qt.CheckState.Unchecked)
        self.rules.itemChanged.connect(self.changed)
        layout.addWidget(self.rules)
        return page

    def _build_predict(self) -> QWidget:
        page, layout = self._page()
        self.predict_note = QLabel(page)
        self.predict_note.setWordWrap(True)
        layout.addWidget(self.predict_note)
        self.ask_boxes: dict[str, QCheckBox] = {}
        for ask in ("state:A", "state:B", "segment"):
            box = QCheckBox(page)
            box.setObjectName("ask_" + ask.replace(":", "_"))
            box.toggled.connect(lambda on, a=ask: self.toggle_ask(a, on))
            self.ask_boxes[ask] = box
            layout.addWidget(box)
        self.distractor_label = QLabel(page)
        layout.addWidget(self.distractor_label)
        self.distractor_edit = QLineEdit(page)
        self.distractor_edit.setObjectName("authorDistractors")
        self.distractor_edit.setFont(mono_font())
        self.distractor_edit.textEdited.connect(self._distractors_edited)
        layout.addWidget(self.distractor_edit)
        self.ask_list = QLabel(page)
        self.ask_list.setObjectName("authorCheckpoints")
        self.ask_list.setFont(mono_font())
        layout.addWidget(self.ask_list)
        return page

    def _build_build(self) -> QWidget:
        page, layout = self._page()
        self.build_note = QLabel(page)
        self.build_note.setWordWrap(True)
        layout.addWidget(self.build_note)
        self.start_hosts = QCheckBox(page)
        self.start_hosts.setChecked(True)
        self.start_hosts.toggled.connect(self.changed)
        layout.addWidget(self.start_hosts)
        self.requirements = QListWidget(page)
        self.requirements.setObjectName("authorRequirements")
        self.requirements.itemChanged.connect(self.changed)
        layout.addWidget(self.requirements)
        return page

    def _build_choice(self) -> QWidget:
        page, layout = self._page()
        self.multiple = QCheckBox(page)
        self.multiple.toggled.connect(self.changed)
        self.choice_trace = QCheckBox(page)
        self.choice_trace.toggled.connect(self.changed)
        layout.addWidget(self.multiple)
        layout.addWidget(self.choice_trace)
        self.options = QTableWidget(0, 5, page)
        self.options.setObjectName("authorOptions")
        self.options.verticalHeader().hide()
        header = self.options.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.options.itemChanged.connect(self.changed)
        layout.addWidget(self.options)
        row = QHBoxLayout()
        self.add_option_button = QPushButton(page)
        self.add_option_button.clicked.connect(lambda: self.add_option())
        self.remove_option_button = QPushButton(page)
        self.remove_option_button.clicked.connect(self._remove_option)
        row.addWidget(self.add_option_button)
        row.addWidget(self.remove_option_button)
        row.addStretch(1)
        layout.addLayout(row)
        for _ in range(4):
            self.add_option()
        return page

    def add_option(self, zh: str = "", en: str = "", right: bool = False, feedback_zh: str = "",
                   feedback_en: str = "") -> None:
        with QSignalBlocker(self.options):
            row = self.options.rowCount()
            self.options.insertRow(row)
            mark = QTableWidgetItem()
            mark.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            mark.setCheckState(Qt.CheckState.Checked if right else Qt.CheckState.Unchecked)
            self.options.setItem(row, 0, mark)
            for column, text in enumerate((zh, en, feedback_zh, feedback_en), start=1):
                self.options.setItem(row, column, QTableWidgetItem(text))
        self.changed()

    def _remove_option(self) -> None:
        row = self.options.currentRow()
        if row >= 0:
            self.options.removeRow(row)
            self.changed()

    def _build_calculate(self) -> QWidget:
        page, layout = self._page()
        form = QFormLayout()
        self.answer_value = QDoubleSpinBox(page)
        self.answer_value.setObjectName("authorAnswer")
        self.answer_value.setRange(-1e12, 1e12)
        self.answer_value.setDecimals(6)
        self.answer_value.valueChanged.connect(self.changed)
        self.decimals = QSpinBox(page)
        self.decimals.setRange(0, 6)
        self.decimals.valueChanged.connect(self.changed)
        self.unit_edits = {lang: QLineEdit(page) for lang in LANGS}
        for edit in self.unit_edits.values():
            edit.textChanged.connect(self.changed)
        self.answer_label, self.decimals_label, self.unit_label = QLabel(page), QLabel(page), QLabel(page)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_edits["zh_CN"])
        unit_row.addWidget(self.unit_edits["en"])
        form.addRow(self.answer_label, self.answer_value)
        form.addRow(self.decimals_label, self.decimals)
        form.addRow(self.unit_label, unit_row)
        layout.addLayout(form)
        self.calculate_trace = QCheckBox(page)
        self.calculate_trace.toggled.connect(self.changed)
        layout.addWidget(self.calculate_trace)
        self.calculate_note = QLabel(page)
        self.calculate_note.setWordWrap(True)
        layout.addWidget(self.calculate_note)
        return page

    # ==== texts ================================================================================
    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(fmt(self.tr("New Exercise — %1"), APP_NAME))
        self.common_box.setTitle(self.tr("Exercise"))
        self.kind_label.setText(self.tr("&Kind:"))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, kind_name(self.kind.itemData(i), lang))
        self.id_label.setText(self.tr("&Id:"))
        self.id_edit.setToolTip(self.tr("Lower-case letters, digits and “-”; answer files refer "
                                        "to it"))
        self.topics_label.setText(self.tr("&Topics:"))
        for i in range(self.topics.count()):
            item = self.topics.item(i)
            item.setText(topic_name(item.data(Qt.ItemDataRole.UserRole), lang))
        self.difficulty_label.setText(self.tr("&Difficulty:"))
        self.points_label.setText(self.tr("&Points:"))
        self.keep_claims.setText(self.tr("Keep the state claims written in the trace (they "
                                         "show learners states)"))
        self.texts_box.setTitle(self.tr("Texts, in both languages"))
        self.title_label.setText(self.tr("T&itle:"))
        self.prompt_label.setText(self.tr("P&rompt:"))
        self.explanation_label.setText(self.tr("E&xplanation:"))
        for edit in self.explanation_edits.values():
            edit.setPlaceholderText(self.tr("Shown after grading"))
        self.hints_box.setTitle(self.tr("Hints, shown one at a time"))
        self.hints.setHorizontalHeaderLabels(["中文", "English", self.tr("Penalty")])
        self.add_hint_button.setText(self.tr("Add &Hint"))
        self.remove_hint_button.setText(self.tr("Remove Hint"))
        self.event_label.setText(self.tr("&Event:"))
        self.fill_note.setText(self.tr("Select an event (click it in the diagram or choose its "
                                       "number), then click the fields learners fill in."))
        self.field_texts = {"seq": self.tr("seq"), "ack": self.tr("ack"),
                            "flags": self.tr("flags"), "arrival": self.tr("arrival"),
                            "claim:A": self.tr("A's state"), "claim:B": self.tr("B's state")}
        for field, button in self.field_buttons.items():
            button.setText(self.field_texts[field])
        self.bug_note.setText(self.tr("Plant mistakes in the selected event. Every error the "
                                      "engine then finds is a bug learners must find."))
        self.plant_ack.setText(self.tr("ack + 1"))
        self.plant_seq.setText(self.tr("seq + 1"))
        self.plant_flag.setText(self.tr("Drop the ACK flag"))
        self.claim_label.setText(self.tr("Claim:"))
        self.plant_claim.setText(self.tr("Add the Claim"))
        self.unplant.setText(self.tr("Undo All Plants"))
        self.rules_label.setText(self.tr("Rules learners choose from (the planted ones are "
                                         "always offered):"))
        for i in range(self.rules.count()):
            item = self.rules.item(i)
            item.setText(rule_name(item.data(Qt.ItemDataRole.UserRole), lang))
        self.predict_note.setText(self.tr("At the selected event, ask learners for:"))
        self.ask_boxes["state:A"].setText(self.tr("A's state once the event is processed"))
        self.ask_boxes["state:B"].setText(self.tr("B's state once the event is processed"))
        self.ask_boxes["segment"].setText(self.tr("the segment itself, among wrong ones"))
        self.distractor_label.setText(self.tr("Wrong segments offered (separated by “;”):"))
        self.build_note.setText(self.tr("Learners must build a valid trace that meets the "
                                        "ticked requirements; these are met by this trace."))
        self.start_hosts.setText(self.tr("Learners start from this trace's hosts (no events)"))
        self.multiple.setText(self.tr("Several options are right"))
        self.choice_trace.setText(self.tr("Show the trace with the question"))
        self.options.setHorizontalHeaderLabels([self.tr("Right"), "中文", "English",
                                                self.tr("Feedback (中文)"),
                                                self.tr("Feedback (English)")])
        self.add_option_button.setText(self.tr("Add &Option"))
        self.remove_option_button.setText(self.tr("Remove Option"))
        self.answer_label.setText(self.tr("&Answer:"))
        self.decimals_label.setText(self.tr("Decimals:"))
        self.unit_label.setText(self.tr("Unit (中文, English):"))
        self.calculate_trace.setText(self.tr("Show the trace with the question"))
        self.calculate_note.setText(self.tr("The answer is sealed (salted and hashed) when the "
                                            "file is saved. Answers computed from parameters "
                                            "and measures: edit the file by hand."))
        self.tabs.setTabText(0, self.tr("Trace"))
        self.tabs.setTabText(1, self.tr("Exercise File"))
        self.preview_button.setText(self.tr("Pre&view as Learner"))
        self.save_button.setText(self.tr("&Save…"))
        self._kind_box_title()
        self._update_lists()
        self._show_status()

    def _kind_box_title(self) -> None:
        self.kind_box.setTitle(fmt(self.tr("%1: what learners answer"),
                                   kind_name(self.kind_value(), current_language())))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ==== state ================================================================================
    def kind_value(self) -> str:
        return self.kind.currentData() or KINDS[0]

    def _kind_changed(self) -> None:
        kind = self.kind_value()
        for name, page in self.page_for.items():
            page.setVisible(name == kind)
        self.event_row.setVisible(kind in ("fill-in", "find-the-bug", "predict-next"))
        if kind == "build" and self.requirements.count() == 0:
            self._fill_requirements()
        for lang in LANGS:
            edit = self.prompt_edits[lang]
            if not edit.toPlainText().strip() or edit.property("default"):
                with QSignalBlocker(edit):
                    edit.setPlainText(drafting.DEFAULT_PROMPTS[kind][lang])
                edit.setProperty("default", True)
        self._kind_box_title()
        self._show_trace()
        self.changed()

    def _fill_requirements(self) -> None:
        lang = current_language()
        from trainer.practice.explain import describe_requirement

        self.requirements.clear()
        for requirement in drafting.suggested_requirements(self.original):
            params = {"rule": requirement["rule"], "host": requirement["host"],
                      "state": requirement["state"], "states": ""}
            item = QListWidgetItem(describe_requirement(params, lang), self.requirements)
            item.setData(Qt.ItemDataRole.UserRole, requirement)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if drafting.interesting(requirement)
                               else Qt.CheckState.Unchecked)

    def current_event(self) -> int | None:
        index = self.doc.selected
        if index is None or not 0 <= index < len(self.doc.trace.events):
            return None
        return index

    def _selection_changed(self, index) -> None:
        if index is not None:
            with QSignalBlocker(self.event_spin):
                self.event_spin.setValue(index + 1)
        self._sync_event_controls()

    def _sync_event_controls(self) -> None:
        index = self.current_event()
        event = self.doc.trace.events[index] if index is not None else None
        from trainer.gui.practice.toml_writer import event_line

        self.event_text.setText(event_line(event).replace("{{", "{").replace("}}", "}")
                                if event is not None else "")
        is_segment = isinstance(event, Segment)
        chosen = self.blanks.get(index, {}) if index is not None else {}
        for field, button in self.field_buttons.items():
            with QSignalBlocker(button):
                button.setChecked(field in chosen)
            enabled = event is not None and (field.startswith("claim:") or is_segment)
            if field == "ack" and is_segment and event.ack is None:
                enabled = False
            button.setEnabled(enabled)
        for button in (self.plant_ack, self.plant_seq, self.plant_flag):
            button.setEnabled(is_segment)
        self.plant_claim.setEnabled(event is not None)
        for ask, box in self.ask_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(index is not None and (index, ask) in self.asks)
            box.setEnabled(event is not None and (ask != "segment" or is_segment))
        distractors = self.asks.get((index, "segment")) if index is not None else None
        self.distractor_edit.setText("; ".join(distractors or []))
        self.distractor_edit.setEnabled(distractors is not None)

    def toggle_blank(self, field: str, on: bool) -> None:
        index = self.current_event()
        if index is None:
            return
        chosen = self.blanks.setdefault(index, {})
        if on:
            chosen[field] = blank_name(field, index + 1)
        else:
            chosen.pop(field, None)
            if not chosen:
                self.blanks.pop(index)
        self._show_trace()
        self.changed()

    def plant(self, how: str) -> None:
        """A planted mistake in the selected event of the find-the-bug trace."""
        index = self.current_event()
        if index is None:
            return
        event = self.planted.events[index]
        if how == "claim":
            claims = dict(event.claims or {})
            claims[self.claim_host.currentText()] = State(self.claim_state.currentText())
            new = dataclasses.replace(event, claims=claims)
        elif not isinstance(event, Segment):
            return
        elif how == "ack":
            if event.ack is None:
                return
            new = dataclasses.replace(event, ack=(event.ack + 1) % 2**32)
        elif how == "seq":
            new = dataclasses.replace(event, seq=(event.seq + 1) % 2**32)
        else:  # no-ack
            new = dataclasses.replace(event, flags=Flag(int(event.flags) & ~int(Flag.ACK)))
        self.planted.events[index] = new
        self._show_trace()
        self.changed()

    def reset_plants(self) -> None:
        self.planted = copy.deepcopy(self.original)
        self._show_trace()
        self.changed()

    def toggle_ask(self, ask: str, on: bool) -> None:
        index = self.current_event()
        if index is None:
            return
        if on:
            trace = self._learner_trace()
            self.asks[(index, ask)] = drafting.distractors(trace, index) if ask == "segment" else []
        else:
            self.asks.pop((index, ask), None)
        self._sync_event_controls()
        self.changed()

    def _distractors_edited(self, text: str) -> None:
        index = self.current_event()
        if index is not None and (index, "segment") in self.asks:
            self.asks[(index, "segment")] = [t.strip() for t in text.split(";") if t.strip()]
            self.changed()

    def _learner_trace(self) -> Trace:
        """The trace as the exercise uses it: planted (find-the-bug), claims kept or not."""
        if self.kind_value() == "find-the-bug":
            return self.planted
        if self.keep_claims.isChecked():
            return self.original
        return drafting.without_claims(self.original)

    def _show_trace(self) -> None:
        selected = self.doc.selected
        self.doc.reset(copy.deepcopy(self._learner_trace()))
        masks = {}
        if self.kind_value() == "fill-in":
            for index, fields in self.blanks.items():
                masks[index] = {f: "?" + name for f, name in fields.items()
                                if f in ("seq", "ack", "flags")}
                if "arrival" in fields:
                    masks[index]["arrival"] = "@?" + fields["arrival"]
        self.view.set_masks(masks)
        self.doc.select(selected)
        self._sync_event_controls()

    def _update_lists(self) -> None:
        lang = current_language()
        lines = []
        for index in sorted(self.blanks):
            for field, name in self.blanks[index].items():
                lines.append(fmt(self.tr("?%1 — event %2, %3"), name, index + 1,
                                 self.field_texts[field]))
        self.blank_list.setText("\n".join(lines) or self.tr("No blanks yet."))
        found = drafting.errors_found(self.planted)
        self.bug_list.setText(
            "\n".join(fmt(self.tr("event %1: %2"), event + 1, rule_name(code, lang))
                      for event, code in found) or self.tr("No mistakes planted yet."))
        asks = []
        for (index, ask), distractors in sorted(self.asks.items()):
            if ask == "segment":
                asks.append(fmt(self.tr("event %1: the segment (%2 wrong ones)"), index + 1,
                                len(distractors)))
            else:
                asks.append(fmt(self.tr("event %1: %2"), index + 1,
                                self.field_texts["claim:" + ask[-1]]))
        self.ask_list.setText("\n".join(asks) or self.tr("No checkpoints yet."))

    # ==== the draft ============================================================================
    def changed(self, *_args) -> None:
        if not self._ready:
            return
        for lang in LANGS:  # a prompt typed by the author is no longer the default
            edit = self.prompt_edits[lang]
            if edit.property("default") and edit.toPlainText() != drafting.DEFAULT_PROMPTS[
                    self.kind_value()][lang]:
                edit.setProperty("default", False)
        self._update_lists()
        self._validate_timer.start()

    def _texts(self, edits: dict) -> dict:
        return {lang: (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()
                for lang, e in edits.items()}

    def draft(self) -> ExerciseDraft:
        kind = self.kind_value()
        topics = [self.topics.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.topics.count())
                  if self.topics.item(i).checkState() == Qt.CheckState.Checked]
        hints = []
        for row in range(self.hints.rowCount()):
            texts = {lang: (self.hints.item(row, col).text() if self.hints.item(row, col) else "")
                     for col, lang in enumerate(LANGS)}
            hints.append((texts, self.hints.cellWidget(row, 2).value()))
        draft = ExerciseDraft(
            id=self.id_edit.text().strip(), kind=kind, title=self._texts(self.title_edits),
            prompt=self._texts(self.prompt_edits), topics=topics,
            difficulty=self.difficulty.value(), points=self.points.value(),
            explanation=self._texts(self.explanation_edits), hints=hints)
        trace = self._learner_trace()
        if kind == "fill-in":
            draft.trace = trace_template(trace, self.blanks)
        elif kind == "find-the-bug":
            found = drafting.errors_found(trace)
            draft.trace = trace_template(trace)
            draft.bugs = len(found)
            chosen = {self.rules.item(i).data(Qt.ItemDataRole.UserRole)
                      for i in range(self.rules.count())
                      if self.rules.item(i).checkState() == Qt.CheckState.Checked}
            chosen |= {code for _, code in found}
            draft.rules = [code for code in ERROR_CODES if code in chosen]
        elif kind == "predict-next":
            draft.trace = trace_template(trace)
            for (index, ask), distractors in sorted(self.asks.items()):
                if ask == "segment":
                    draft.checkpoints.append({"event": index + 1, "ask": "segment",
                                              "distractors": list(distractors)})
                else:
                    draft.checkpoints.append({"event": index + 1, "ask": "state",
                                              "host": ask[-1]})
        elif kind == "build":
            from trainer.gui.practice.toml_writer import trace_header

            if self.start_hosts.isChecked():
                draft.start = trace_header(trace)
            for i in range(self.requirements.count()):
                item = self.requirements.item(i)
                if item.checkState() == Qt.CheckState.Checked:
                    draft.requirements.append(dict(item.data(Qt.ItemDataRole.UserRole)))
        elif kind == "choice":
            draft.multiple = self.multiple.isChecked()
            if self.choice_trace.isChecked():
                draft.trace = trace_template(trace)
            right = []
            for row in range(self.options.rowCount()):
                option_id = "abcdefghij"[row] if row < 10 else f"o{row}"
                cell = [self.options.item(row, c).text() if self.options.item(row, c) else ""
                        for c in range(1, 5)]
                draft.options.append({"id": option_id,
                                      "text": {"zh_CN": cell[0], "en": cell[1]},
                                      "feedback": {"zh_CN": cell[2], "en": cell[3]}})
                if self.options.item(row, 0).checkState() == Qt.CheckState.Checked:
                    right.append(option_id)
            draft.answer = right
        elif kind == "calculate":
            draft.decimals = self.decimals.value()
            draft.answer = round(self.answer_value.value(), self.decimals.value())
            if self.decimals.value() == 0:
                draft.answer = int(draft.answer)
            draft.unit = self._texts(self.unit_edits)
            if self.calculate_trace.isChecked():
                draft.trace = trace_template(trace)
        return draft

    def toml(self) -> str:
        return exercise_toml(self.draft())

    def validate(self) -> bool:
        """Check the file as it would be written; the located error is shown if any."""
        from trainer.practice.loader import loads_exercises

        self._validate_timer.stop()
        self.text = self.toml()
        self.toml_view.setPlainText(self.text)
        try:
            loads_exercises(self.text, self._source(), allow_unsealed=True)
        except ExerciseFormatError as error:
            self.last_error = error
        else:
            self.last_error = None
        self._show_status()
        return self.last_error is None

    def _source(self) -> str:
        return os.path.basename(self.path) if self.path else self.tr("new exercise") + ".toml"

    def _show_status(self) -> None:
        if self.last_error is not None:
            self.status.setText(self.last_error.render(current_language()))
            self.status.setStyleSheet("color: #c62828")
        elif self.text:
            self.status.setText(self.tr("✔ The exercise is valid."))
            self.status.setStyleSheet("color: #2e7d32")
        else:
            self.status.setText("")
        self.preview_button.setEnabled(self.last_error is None)
        self.save_button.setEnabled(self.last_error is None)

    def sealed_text(self) -> str:
        """The file with its plain answers sealed; raises ``ExerciseFormatError``."""
        from trainer.practice.authoring import seal_text

        text, _count = seal_text(self.toml(), self._source())
        return text

    # ==== preview and save =====================================================================
    def preview(self) -> QDialog | None:
        """The exercise as a learner meets it, in a practice panel."""
        from trainer.gui.practice.question import QuestionPanel
        from trainer.practice.loader import loads_exercises
        from trainer.practice.session import Session

        if not self.validate():
            return None
        try:
            exercise_set = loads_exercises(self.sealed_text(), self._source())
        except ExerciseFormatError as error:
            self.last_error = error
            self._show_status()
            return None
        exercise = exercise_set.exercises[0]
        session = Session([exercise], mode="practice", exercise_set=exercise_set)
        dialog = QDialog(self)
        dialog.setObjectName("authorPreviewDialog")
        dialog.setWindowTitle(self.tr("Preview as Learner"))
        layout = QVBoxLayout(dialog)
        panel = QuestionPanel(session.focus(exercise.id), session, "practice", dialog)
        layout.addWidget(panel)
        dialog.panel = panel
        dialog.resize(1100, 760)
        dialog.show()
        return dialog

    def save_dialog(self) -> bool:
        start = self.path or f"{self.id_edit.text().strip() or 'exercise'}.toml"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Exercise File"), start,
            ";;".join([self.tr("Exercise files (*.toml)"), self.tr("All files (*)")]))
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".toml"
        return self.save_to(path)

    def save_to(self, path: str | os.PathLike) -> bool:
        """Seal, write atomically, load again (it must validate); False after saying why."""
        from trainer.atomic import write_atomically
        from trainer.practice.loader import load_exercises

        path = os.fspath(path)
        self.path = path
        try:
            text = self.sealed_text()
        except ExerciseFormatError as error:
            self.last_error = error
            self._show_status()
            return False
        try:
            write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            QMessageBox.critical(self, self.tr("Cannot Save the Exercise"),
                                 fmt(self.tr("The file could not be written to %1:\n%2"), path,
                                     error.strerror or str(error)))
            return False
        try:
            load_exercises(path)
        except ExerciseFormatError as error:  # pragma: no cover - validated before writing
            self.last_error = error
            self._show_status()
            return False
        self.status.setText(fmt(self.tr("✔ Saved %1"), path))
        self.status.setStyleSheet("color: #2e7d32")
        self.saved.emit(path)
        return True
