"""One exercise on screen: its title and prompt, the answer widget of its kind, the hints,
and (in practice) the Check button with the engine's verdict.

Modes:

- ``practice``: Check grades at once, as often as wanted; hints show their penalty on the
  button before they are taken.
- ``exam``: no Check, no verdict; every change of the answer goes to the session (so that a
  time-out submits what is on screen).
- ``review``: after an exam (or for a preview): the answer as submitted, locked, with its
  verdict shown in the widget and below it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from trainer.gui.i18n import current_language, fmt
from trainer.formats.errors import TraceFormatError
from trainer.gui.practice.answer_base import UnusableAnswer
from trainer.gui.practice.answer_forms import make_answer_widget
from trainer.gui.practice.feedback import grade_html, number
from trainer.i18n.practice_text import kind_name, topic_name
from trainer.practice.errors import Problem
from trainer.practice.outcome import Grade
from trainer.practice.template import TemplateError
from trainer.practice.session import Question, Session, SessionError


class QuestionPanel(QWidget):
    #: Practice: the answer was checked (the Grade).
    checked = Signal(object)
    #: Exam: the answer changed (and went to the session).
    answered = Signal()
    #: A hint was taken.
    hintTaken = Signal()

    def __init__(self, question: Question, session: Session | None, mode: str = "practice",
                 parent: QWidget | None = None, *, number_in_set: int | None = None):
        super().__init__(parent)
        if mode not in ("practice", "exam", "review"):
            raise ValueError(mode)
        self.setObjectName("questionPanel")
        self.question = question
        self.instance = question.instance
        self.exercise = question.exercise
        self.session = session
        self.mode = mode
        self.number_in_set = number_in_set
        self.grade: Grade | None = None
        self.hints_shown = question.hints_used

        self.title = QLabel(self)
        self.title.setObjectName("questionTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.meta = QLabel(self)
        self.meta.setObjectName("questionMeta")
        self.meta.setEnabled(False)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("questionPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        try:
            self.answer = make_answer_widget(self.instance, exam=mode == "exam", parent=self)
        except (TraceFormatError, TemplateError, Problem) as error:
            self.answer = UnusableAnswer(self.instance, mode == "exam", error, self)
        self.answer.setObjectName("answerWidget")
        self.answer.changed.connect(self._answer_changed)

        self.hint_button = QPushButton(self)
        self.hint_button.setObjectName("hintButton")
        self.hint_button.clicked.connect(self.take_hint)
        self.hint_text = QLabel(self)
        self.hint_text.setObjectName("hintText")
        self.hint_text.setWordWrap(True)
        self.hint_text.setTextFormat(Qt.TextFormat.RichText)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("checkButton")
        self.check_button.setDefault(False)
        self.check_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.check_button.clicked.connect(self.check)
        self.feedback = QTextBrowser(self)
        self.feedback.setObjectName("feedback")
        self.feedback.setOpenLinks(False)
        self.feedback.setMinimumHeight(90)

        bar = QHBoxLayout()
        bar.addWidget(self.hint_button)
        bar.addStretch(1)
        bar.addWidget(self.check_button)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.answer, 1)
        top_layout.addWidget(self.hint_text)
        top_layout.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.feedback)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 90])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.prompt)
        layout.addWidget(self.splitter, 1)

        if question.answer is not None:
            self.answer.set_payload(question.answer)
        self.check_button.setVisible(mode == "practice")
        self.feedback.setVisible(mode != "exam")
        if mode == "review":
            self.answer.set_locked(True)
            self.hint_button.hide()
        self.retranslate()

    # ---- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = current_language()
        title = self.instance.text(self.exercise.title, lang)
        if self.number_in_set is not None:
            title = f"{self.number_in_set}. {title}"
        self.title.setText(title)
        topics = ("、" if lang == "zh_CN" else ", ").join(topic_name(t, lang)
                                                         for t in self.exercise.topics)
        self.meta.setText(fmt(self.tr("%1 · %2 · difficulty %3 · %4 points"),
                              kind_name(self.exercise.kind, lang), topics,
                              "★" * self.exercise.difficulty, number(self.exercise.points)))
        self.prompt.setText(self.instance.text(self.exercise.prompt, lang).strip())
        self.check_button.setText(self.tr("&Check"))
        self.check_button.setToolTip(self.tr("Grade the answer now (Ctrl+Enter)"))
        self._update_hints()
        self._show_grade()

    def _update_hints(self) -> None:
        from html import escape

        lang = current_language()
        hints = self.exercise.hints
        shown = hints[:self.hints_shown]
        label = self.tr("Hint %1:")
        self.hint_text.setText("<br>".join(
            f"<b>{escape(fmt(label, i + 1))}</b> {escape(self.instance.text(h.text, lang))}"
            for i, h in enumerate(shown)))
        self.hint_text.setVisible(bool(shown))
        if self.hints_shown < len(hints):
            penalty = hints[self.hints_shown].penalty
            self.hint_button.setText(fmt(self.tr("&Hint %1 of %2 (costs %3 % of the points)"),
                                         self.hints_shown + 1, len(hints),
                                         number(round(penalty * 100, 1))))
            self.hint_button.setEnabled(self.mode != "review" and not self.answer.locked)
        else:
            self.hint_button.setText(self.tr("No more hints") if hints else self.tr("No hints"))
            self.hint_button.setEnabled(False)

    def _show_grade(self) -> None:
        if self.grade is None:
            waiting = self.tr("Answer, then press Check.")
            self.feedback.setHtml("" if self.mode != "practice"
                                  else f"<p style='color:gray'>{waiting}</p>")
            return
        lang = current_language()
        grade = self.grade
        hints = ""
        if grade.hints_used:
            hints = fmt(self.tr("Hints used: %1 (−%2 %)"), grade.hints_used,
                        number(round(grade.penalty * 100, 1)))
        heading = fmt(self.tr("Score: %1 of %2"), number(grade.score), number(grade.points))
        if not grade.answered:
            heading += " · " + self.tr("not answered")
        self.feedback.setHtml(grade_html(grade, self.instance, lang, heading=heading,
                                         hints_line=hints, explanation_title=self.tr("Explanation")))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- actions -----------------------------------------------------------------------------
    def payload(self):
        return self.answer.payload()

    def take_hint(self) -> None:
        if self.hints_shown >= len(self.exercise.hints) or self.mode == "review":
            return
        if self.session is not None:
            try:
                self.session.hint(self.exercise.id)
            except SessionError:
                return
        self.hints_shown += 1
        self._update_hints()
        self.hintTaken.emit()

    def check(self) -> Grade | None:
        """Practice: grade what is on screen now."""
        if self.mode != "practice" or self.session is None:
            return None
        self.session.answer(self.exercise.id, self.answer.payload())
        self.grade = self.session.check(self.exercise.id)
        self.answer.reveal(self.grade)
        self._show_grade()
        self._room_for_feedback()
        self.checked.emit(self.grade)
        return self.grade

    def show_review(self, grade: Grade) -> None:
        """Review: the verdict of a submitted answer."""
        self.grade = grade
        self.answer.reveal(grade)
        self._show_grade()
        QTimer.singleShot(0, self._room_for_feedback)  # once the panel is laid out

    def _room_for_feedback(self) -> None:
        """A verdict to read: give the feedback about a third of the height."""
        total = sum(self.splitter.sizes()) or 1000  # not laid out yet: proportions only
        if self.splitter.sizes()[1] < total * 0.3:
            self.splitter.setSizes([round(total * 0.66), round(total * 0.34)])

    def set_locked(self, locked: bool) -> None:
        self.answer.set_locked(locked)
        self._update_hints()

    def _answer_changed(self) -> None:
        if self.mode == "exam" and self.session is not None:
            try:
                self.session.answer(self.exercise.id, self.answer.payload())
            except SessionError:
                return  # time is up: the exam window shows the report
            self.answered.emit()
