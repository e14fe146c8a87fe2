"""Exam mode: a whole exercise set or a random draw, a time limit with a visible countdown, no
checking and no suggestions until the exam is submitted (or the time runs out and the session
submits what is on screen), then a score report per question with the explanations, a review
of every answer in the diagram, and the answer file for the instructor.

The countdown asks the session (``Session.poll``) twice a second; the session's clock is
injectable, so tests drive the time-out with a fake clock and ``tick()``.
"""

from __future__ import annotations

import os
import random
import sqlite3

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QRadioButton, QSpinBox, QSplitter, QStackedWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from trainer.gui.app import APP_NAME
from trainer.gui.i18n import current_language, fmt
from trainer.gui.practice.answer_base import credit_color
from trainer.gui.practice.feedback import number
from trainer.gui.practice.question import QuestionPanel
from trainer.gui.practice.sources import Sources, load_sources, set_title
from trainer.i18n.practice_text import kind_name, topic_name
from trainer.practice.errors import ExerciseFormatError
from trainer.practice.model import TOPICS, Exercise, ExerciseSet
from trainer.practice.session import Report, Session, SessionError, draw

TICK_MS = 500
WARN_SECONDS = 60


def clock_text(seconds: float) -> str:
    """``12:05`` or ``1:02:03``."""
    seconds = max(0, int(seconds + 0.999))  # 0.2 s left still reads 0:01
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ExamWindow(QWidget):
    #: True when an exam starts, False when it is submitted or the window closes.
    examRunning = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, sources: Sources | None = None,
                 history_path=None, clock=None, now=None, student: str = ""):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("examWindow")
        self.sources = sources if sources is not None else load_sources()
        self.history_path = history_path
        self.clock = clock
        self.now = now
        self.session: Session | None = None
        self.report: Report | None = None
        self.panels: dict[int, QuestionPanel] = {}
        self.review: QuestionPanel | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

        self.pages = QStackedWidget(self)
        self.setup_page = self._build_setup(student)
        self.run_page = self._build_run()
        self.report_page = self._build_report()
        for page in (self.setup_page, self.run_page, self.report_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.resize(1280, 820)
        self.retranslate()

    # ==== setup ================================================================================
    def _build_setup(self, student: str) -> QWidget:
        page = QWidget(self)
        self.what_box = QGroupBox(page)
        self.whole_set = QRadioButton(self.what_box)
        self.whole_set.setObjectName("examWholeSet")
        self.whole_set.setChecked(True)
        self.set_combo = QComboBox(self.what_box)
        self.set_combo.setObjectName("examSet")
        self.set_combo.currentIndexChanged.connect(self._suggest_time)
        self.open_button = QPushButton(self.what_box)
        self.open_button.clicked.connect(self.open_dialog)
        self.random_draw = QRadioButton(self.what_box)
        self.random_draw.setObjectName("examRandomDraw")
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.whole_set)
        self.mode_group.addButton(self.random_draw)
        self.count_label = QLabel(self.what_box)
        self.count = QSpinBox(self.what_box)
        self.count.setObjectName("examCount")
        self.count.setRange(1, 50)
        self.count.setValue(5)
        self.count.valueChanged.connect(self._suggest_time)
        self.count_label.setBuddy(self.count)
        self.topics_label = QLabel(self.what_box)
        self.topics = QListWidget(self.what_box)
        self.topics.setObjectName("examTopics")
        self.topics_label.setBuddy(self.topics)
        for topic in TOPICS:
            item = QListWidgetItem(self.topics)
            item.setData(Qt.ItemDataRole.UserRole, topic)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.topics.setMaximumHeight(190)
        for button in (self.whole_set, self.random_draw):
            button.toggled.connect(self._update_setup)

        grid = QFormLayout(self.what_box)
        set_row = QHBoxLayout()
        set_row.addWidget(self.set_combo, 1)
        set_row.addWidget(self.open_button)
        grid.addRow(self.whole_set, set_row)
        grid.addRow(self.random_draw)
        grid.addRow(self.count_label, self.count)
        grid.addRow(self.topics_label, self.topics)

        self.time_label = QLabel(page)
        self.time_limit = QSpinBox(page)
        self.time_limit.setObjectName("examTimeLimit")
        self.time_limit.setRange(0, 24 * 60)
        self.time_label.setBuddy(self.time_limit)
        self.name_label = QLabel(page)
        self.name = QLineEdit(student, page)
        self.name.setObjectName("examStudent")
        self.name_label.setBuddy(self.name)
        self.rules = QLabel(page)
        self.rules.setWordWrap(True)
        self.start_button = QPushButton(page)
        self.start_button.setObjectName("examStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_from_setup)
        self.setup_error = QLabel(page)
        self.setup_error.setStyleSheet("color: #c62828")
        self.setup_error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.time_label, self.time_limit)
        form.addRow(self.name_label, self.name)
        self.heading = QLabel(page)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)

        column = QVBoxLayout()
        column.addWidget(self.heading)
        column.addWidget(self.what_box)
        column.addLayout(form)
        column.addWidget(self.rules)
        column.addWidget(self.setup_error)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        outer = QHBoxLayout(page)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        return page

    def _update_setup(self) -> None:
        whole = self.whole_set.isChecked()
        self.set_combo.setEnabled(whole)
        self.count.setEnabled(not whole)
        self.topics.setEnabled(not whole)
        self._suggest_time()

    def _suggest_time(self) -> None:
        """A set's own time limit, else three minutes a question."""
        if self.whole_set.isChecked():
            exercise_set = self._chosen_set()
            if exercise_set is not None:
                minutes = exercise_set.time_limit or 3 * len(exercise_set.exercises)
                self.time_limit.setValue(int(round(minutes)))
        else:
            self.time_limit.setValue(3 * self.count.value())

    def _chosen_set(self) -> ExerciseSet | None:
        index = self.set_combo.currentData()
        return self.sources.sets[index] if index is not None else None

    def chosen_topics(self) -> set[str]:
        return {self.topics.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.topics.count())
                if self.topics.item(i).checkState() == Qt.CheckState.Checked}

    def start_from_setup(self) -> bool:
        minutes = self.time_limit.value()
        if self.whole_set.isChecked():
            exercise_set = self._chosen_set()
            if exercise_set is None:
                return False
            exercises = list(exercise_set.exercises)
            seeds = None
        else:
            pool = self.sources.pooled()
            exercises, seeds = draw(pool, self.count.value(), random.SystemRandom().randrange(2**31),
                                    topics=self.chosen_topics() or None)
            exercise_set = self.sources.sets[0] if len(self.sources.sets) == 1 else None
            if not exercises:
                self.setup_error.setText(self.tr("No exercise matches these topics."))
                return False
        self.setup_error.setText("")
        self.start_exam(exercises, seeds, minutes * 60 if minutes else None, exercise_set)
        return True

    # ==== running ==============================================================================
    def _build_run(self) -> QWidget:
        page = QWidget(self)
        self.countdown = QLabel(page)
        self.countdown.setObjectName("countdown")
        font = QFont(self.countdown.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.countdown.setFont(font)
        self.progress = QLabel(page)
        self.progress.setObjectName("examProgress")
        self.no_check_note = QLabel(page)
        self.no_check_note.setEnabled(False)
        self.submit_button = QPushButton(page)
        self.submit_button.setObjectName("examSubmit")
        self.submit_button.clicked.connect(self.confirm_submit)
        top = QHBoxLayout()
        top.addWidget(self.countdown)
        top.addSpacing(16)
        top.addWidget(self.progress)
        top.addSpacing(16)
        top.addWidget(self.no_check_note, 1)
        top.addWidget(self.submit_button)

        self.question_list = QListWidget(page)
        self.question_list.setObjectName("examQuestions")
        self.question_list.currentRowChanged.connect(self.show_question)
        self.question_stack = QStackedWidget(page)
        self.prev_button = QPushButton(page)
        self.prev_button.clicked.connect(lambda: self.question_list.setCurrentRow(
            max(0, self.question_list.currentRow() - 1)))
        self.next_button = QPushButton(page)
        self.next_button.clicked.connect(lambda: self.question_list.setCurrentRow(
            min(self.question_list.count() - 1, self.question_list.currentRow() + 1)))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        right = QWidget(page)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.question_stack, 1)
        right_layout.addLayout(nav)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.addWidget(self.question_list)
        splitter.addWidget(right)
        splitter.setSizes([260, 1020])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return page

    def start_exam(self, exercises: list[Exercise], seeds: list[int] | None,
                   time_limit: float | None, exercise_set: ExerciseSet | None = None) -> Session:
        """Start an exam on ``exercises`` (``time_limit`` in seconds, None for none)."""
        kwargs = {}
        if self.clock is not None:
            kwargs["clock"] = self.clock
        if self.now is not None:
            kwargs["now"] = self.now
        self.session = Session(exercises, seeds=seeds, mode="exam", time_limit=time_limit,
                               student=self.name.text().strip(), exercise_set=exercise_set, **kwargs)
        self.session.start()
        self.report = None
        for panel in self.panels.values():
            self.question_stack.removeWidget(panel)
            panel.deleteLater()
        self.panels.clear()
        self.question_list.clear()
        for _ in self.session.questions:
            self.question_list.addItem(QListWidgetItem())
        self._update_question_list()
        self.pages.setCurrentWidget(self.run_page)
        self.question_list.setCurrentRow(0)
        self.tick()
        self.timer.start()
        self.examRunning.emit(True)
        return self.session

    def panel(self, row: int) -> QuestionPanel:
        """The panel of question ``row`` (made when first shown, kept for the exam)."""
        panel = self.panels.get(row)
        if panel is None:
            question = self.session.questions[row]
            panel = QuestionPanel(question, self.session, "exam", self.question_stack,
                                  number_in_set=row + 1)
            panel.answered.connect(self._update_question_list)
            self.question_stack.addWidget(panel)
            self.panels[row] = panel
        return panel

    def show_question(self, row: int) -> None:
        if self.session is None or not 0 <= row < len(self.session.questions):
            return
        if self.session.report is None:
            try:
                self.session.focus(self.session.questions[row].exercise.id)
            except SessionError:  # the time ran out: tick() shows the report
                self.tick()
                return
        self.question_stack.setCurrentWidget(self.panel(row))
        self.prev_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.session.questions) - 1)

    def _update_question_list(self) -> None:
        if self.session is None:
            return
        lang = current_language()
        answered = 0
        for row, question in enumerate(self.session.questions):
            done = question.answer is not None
            answered += done
            title = question.instance.text(question.exercise.title, lang)
            item = self.question_list.item(row)
            item.setText(f"{'✔' if done else '○'}  {row + 1}. {title}")
        self.progress.setText(fmt(self.tr("Answered: %1 of %2"), answered,
                                  len(self.session.questions)))

    def tick(self) -> None:
        """The countdown: submit at the time limit, else show the time left."""
        if self.session is None or self.report is not None:
            return
        if self.session.poll():
            self.finish(self.session.report)
            return
        remaining = self.session.remaining()
        if remaining is None:
            self.countdown.setText(fmt(self.tr("Time: %1"), clock_text(self.session.elapsed())))
            self.countdown.setStyleSheet("")
        else:
            self.countdown.setText(fmt(self.tr("Time left: %1"), clock_text(remaining)))
            self.countdown.setStyleSheet("color: #c62828" if remaining <= WARN_SECONDS else "")

    def confirm_submit(self) -> bool:
        if self.session is None or self.report is not None:
            return False
        missing = sum(q.answer is None for q in self.session.questions)
        text = self.tr("Submit your answers? They cannot be changed afterwards.")
        if missing:
            text += "\n" + fmt(self.tr("%1 question(s) are not answered yet."), missing)
        answer = QMessageBox.question(self, self.tr("Submit the Exam"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.submit()
        return True

    def submit(self) -> Report:
        report = self.session.submit()
        self.finish(report)
        return report

    def finish(self, report: Report) -> None:
        """After submission or time-out: lock the answers, record them, show the report."""
        self.timer.stop()
        self.report = report
        for panel in self.panels.values():
            panel.set_locked(True)
        self._record(report)
        self.show_report()
        self.examRunning.emit(False)

    def _record(self, report: Report) -> None:
        from trainer.practice.history import History

        try:
            with History(self.history_path) as history:
                history.record_report(report, "exam")
        except (OSError, RuntimeError, sqlite3.Error) as error:
            QMessageBox.warning(self, self.tr("History Not Saved"),
                                fmt(self.tr("This result could not be stored in the history:\n%1"),
                                    str(error)))

    # ==== report ===============================================================================
    def _build_report(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("examSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.results = QTableWidget(0, 5, page)
        self.results.setObjectName("examResults")
        self.results.verticalHeader().hide()
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.currentCellChanged.connect(lambda row, *_: self.review_question(row))
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.topics_table = QTableWidget(0, 2, page)
        self.topics_table.setObjectName("examTopicsTable")
        self.topics_table.verticalHeader().hide()
        self.topics_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.topics_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.topics_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.save_button = QPushButton(page)
        self.save_button.setObjectName("saveAnswers")
        self.save_button.clicked.connect(self.save_dialog)
        self.again_button = QPushButton(page)
        self.again_button.setObjectName("newExam")
        self.again_button.clicked.connect(lambda: self.pages.setCurrentWidget(self.setup_page))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        left = QWidget(page)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.results, 3)
        self.topics_heading = QLabel(left)
        left_layout.addWidget(self.topics_heading)
        left_layout.addWidget(self.topics_table, 2)
        left_layout.addLayout(buttons)
        self.review_stack = QStackedWidget(page)
        self.review_hint = QLabel(page)
        self.review_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.review_hint.setEnabled(False)
        self.review_stack.addWidget(self.review_hint)
        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.addWidget(left)
        splitter.addWidget(self.review_stack)
        splitter.setSizes([430, 850])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(page)
        layout.addWidget(splitter)
        return page

    def show_report(self) -> None:
        self._fill_report()
        self.pages.setCurrentWidget(self.report_page)
        if self.results.rowCount():
            self.results.selectRow(0)
            self.review_question(0)

    def _fill_report(self) -> None:
        report = self.report
        if report is None:
            return
        lang = current_language()
        percent = round(100 * report.score / report.points) if report.points else 0
        lines = [f"<b style='font-size:large; color:{credit_color(report.score / report.points if report.points else 0).name()}'>"
                 + fmt(self.tr("Score: %1 of %2 (%3 %)"), number(report.score),
                       number(report.points), percent) + "</b>"]
        limit = self.session.time_limit if self.session else None
        used = clock_text(report.seconds)
        lines.append(fmt(self.tr("Time: %1 of %2"), used, clock_text(limit)) if limit
                     else fmt(self.tr("Time: %1"), used))
        if report.timed_out:
            lines.append(self.tr("The time ran out: the answers on screen were submitted."))
        self.summary.setText("<br>".join(lines))
        self.results.setHorizontalHeaderLabels([self.tr("Exercise"), self.tr("Kind"),
                                                self.tr("Score"), self.tr("Hints"),
                                                self.tr("Time")])
        self.results.setRowCount(len(report.grades))
        for row, (grade, question) in enumerate(zip(report.grades, report.questions, strict=True)):
            title = f"{row + 1}. " + question.instance.text(question.exercise.title, lang)
            cells = [title, kind_name(question.exercise.kind, lang),
                     f"{number(grade.score)} / {number(grade.points)}",
                     str(grade.hints_used) if grade.hints_used else "",
                     clock_text(question.seconds)]
            color = credit_color(grade.raw * (1 - grade.penalty))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setForeground(color)
                self.results.setItem(row, column, item)
        by_topic = sorted(report.by_topic().items(), key=lambda kv: (kv[1][0] / kv[1][1]
                                                                     if kv[1][1] else 0, kv[0]))
        self.topics_heading.setText(self.tr("By topic, weakest first:"))
        self.topics_table.setHorizontalHeaderLabels([self.tr("Topic"), self.tr("Score")])
        self.topics_table.setRowCount(len(by_topic))
        for row, (topic, (score, points)) in enumerate(by_topic):
            self.topics_table.setItem(row, 0, QTableWidgetItem(topic_name(topic, lang)))
            item = QTableWidgetItem(f"{number(round(score, 2))} / {number(points)}")
            item.setForeground(credit_color(score / points if points else 0))
            self.topics_table.setItem(row, 1, item)

    def review_question(self, row: int) -> QuestionPanel | None:
        """Show question ``row`` as submitted, locked, with its verdict and explanation."""
        if self.report is None or not 0 <= row < len(self.report.questions):
            return None
        if self.review is not None:
            self.review_stack.removeWidget(self.review)
            self.review.deleteLater()
        question = self.report.questions[row]
        self.review = QuestionPanel(question, None, "review", self.review_stack,
                                    number_in_set=row + 1)
        self.review.show_review(self.report.grades[row])
        self.review_stack.addWidget(self.review)
        self.review_stack.setCurrentWidget(self.review)
        return self.review

    # ---- the answer file -----------------------------------------------------------------------
    def save_dialog(self) -> bool:
        if self.session is None or self.report is None:
            return False
        student = self.session.student or self.name.text().strip()
        if not student:
            student, ok = QInputDialog.getText(self, self.tr("Your Name"),
                                               self.tr("Your name, as your instructor knows it:"))
            student = student.strip()
            if not ok or not student:
                return False
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in student)
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save Answers"), f"{safe}.tcpanswers",
            ";;".join([self.tr("Answer files (*.tcpanswers)"), self.tr("All files (*)")]))
        if not path:
            return False
        if not os.path.splitext(path)[1]:
            path += ".tcpanswers"
        return self.save_answers(path, student)

    def save_answers(self, path: str | os.PathLike, student: str | None = None) -> bool:
        """Write the answer file (atomically); False after telling why."""
        from trainer.practice import answers

        if student:
            self.session.student = student
        try:
            answers.save(self.session.answer_file(), path)
        except OSError as error:
            QMessageBox.critical(self, self.tr("Cannot Save Answers"),
                                 fmt(self.tr("The answers could not be saved to %1:\n%2"),
                                     str(path), error.strerror or str(error)))
            return False
        return True

    # ==== files, texts, closing ================================================================
    def open_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Exercise File"), "",
            ";;".join([self.tr("Exercise files (*.toml)"), self.tr("All files (*)")]))
        return bool(path) and self.open_file(path)

    def open_file(self, path) -> bool:
        try:
            exercise_set = self.sources.add_file(path)
        except ExerciseFormatError as error:
            QMessageBox.warning(self, self.tr("Cannot Open Exercise File"),
                                error.render(current_language()))
            return False
        self._fill_sets()
        self.set_combo.setCurrentIndex(self.set_combo.findData(self.sources.sets.index(exercise_set)))
        self.whole_set.setChecked(True)
        return True

    def _fill_sets(self) -> None:
        lang = current_language()
        current = self.set_combo.currentData()
        self.set_combo.blockSignals(True)
        self.set_combo.clear()
        for i, exercise_set in enumerate(self.sources.sets):
            label = fmt(self.tr("%1 (%2 exercises)"), set_title(exercise_set, lang),
                        len(exercise_set.exercises))
            self.set_combo.addItem(label, i)
        index = self.set_combo.findData(current)
        self.set_combo.setCurrentIndex(index if index >= 0 else 0)
        self.set_combo.blockSignals(False)
        self._suggest_time()

    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(fmt(self.tr("Exam — %1"), APP_NAME))
        self.heading.setText(self.tr("A new exam"))
        self.what_box.setTitle(self.tr("Questions"))
        self.whole_set.setText(self.tr("A whole &set:"))
        self.open_button.setText(self.tr("&Open File…"))
        self.random_draw.setText(self.tr("A &random draw from every exercise"))
        self.count_label.setText(self.tr("&Number of questions:"))
        self.topics_label.setText(self.tr("T&opics (none ticked: all):"))
        for i in range(self.topics.count()):
            item = self.topics.item(i)
            item.setText(topic_name(item.data(Qt.ItemDataRole.UserRole), lang))
        self.time_label.setText(self.tr("&Time limit:"))
        self.time_limit.setSuffix(self.tr(" min"))
        self.time_limit.setSpecialValueText(self.tr("no limit"))
        self.name_label.setText(self.tr("Your &name:"))
        self.name.setPlaceholderText(self.tr("for the answer file you hand in"))
        self.rules.setText(self.tr("During the exam nothing is checked and the diagram suggests "
                                   "no numbers. When you submit, or when the time is up, every "
                                   "answer is graded and explained."))
        self.start_button.setText(self.tr("&Start the Exam"))
        self._fill_sets()
        self._update_setup()
        self.no_check_note.setText(self.tr("No checking until you submit."))
        self.submit_button.setText(self.tr("S&ubmit…"))
        self.prev_button.setText(self.tr("◀ &Previous"))
        self.next_button.setText(self.tr("Ne&xt ▶"))
        self.save_button.setText(self.tr("&Save Answers…"))
        self.save_button.setToolTip(self.tr("Save an answer file to hand in to your instructor"))
        self.again_button.setText(self.tr("&New Exam"))
        self.review_hint.setText(self.tr("Select a question to review it."))
        self._update_question_list()
        self.tick()
        self._fill_report()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.session is not None and self.report is None:
            answer = QMessageBox.question(
                self, self.tr("Leave the Exam"),
                self.tr("The exam is still running. Submit it now and close?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.submit()
        self.timer.stop()
        self.examRunning.emit(False)
        super().closeEvent(event)
