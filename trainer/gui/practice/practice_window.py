"""Practice mode: pick exercises by set, topic and difficulty, answer one at a time, check at
once with the engine's explanations, take hints at their shown price.

Each opened exercise is a one-question practice ``Session`` (new random parameters each time,
or on "New Numbers"). Its first check is recorded in the history database: later checks of
the same attempt are practice on an answer already seen graded, so they are not counted.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QSplitter, QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from trainer.gui.app import APP_NAME
from trainer.gui.i18n import current_language, fmt
from trainer.gui.practice.question import QuestionPanel
from trainer.gui.practice.sources import Sources, load_sources, set_title
from trainer.i18n.practice_text import kind_name, topic_name
from trainer.practice.errors import ExerciseFormatError
from trainer.practice.model import DIFFICULTIES, TOPICS, Exercise, ExerciseSet
from trainer.practice.session import Session, utc_now

ALL = "*"


class PracticeWindow(QWidget):
    def __init__(self, parent: QWidget | None = None, *, sources: Sources | None = None,
                 history_path=None, clock=None, seed_source=None):
        """``history_path``: the history database (default: the platform's data folder);
        ``clock``: the sessions' clock (tests); ``seed_source``: a callable giving the seed of
        each new attempt (tests; default random)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("practiceWindow")
        self.sources = sources if sources is not None else load_sources()
        self.history_path = history_path
        self.clock = clock
        self.seed_source = seed_source
        self.session: Session | None = None
        self.panel: QuestionPanel | None = None
        self.recorded = False
        self.current: tuple[ExerciseSet, Exercise] | None = None

        self.source_label = QLabel(self)
        self.source = QComboBox(self)
        self.source.setObjectName("practiceSource")
        self.source_label.setBuddy(self.source)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openExerciseFile")
        self.open_button.clicked.connect(self.open_dialog)
        self.topic_label = QLabel(self)
        self.topic = QComboBox(self)
        self.topic.setObjectName("practiceTopic")
        self.topic_label.setBuddy(self.topic)
        self.level_label = QLabel(self)
        self.level = QComboBox(self)
        self.level.setObjectName("practiceDifficulty")
        self.level_label.setBuddy(self.level)
        for box in (self.source, self.topic, self.level):
            box.currentIndexChanged.connect(self.refresh_list)
        self.problems = QLabel(self)
        self.problems.setObjectName("practiceProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c62828")
        self.list = QTreeWidget(self)
        self.list.setObjectName("exerciseList")
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(3)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda item, _c: self.open_item(item))
        self.list.itemClicked.connect(lambda item, _c: self.open_item(item))

        filters = QFormLayout()
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(self.open_button)
        filters.addRow(self.source_label, source_row)
        filters.addRow(self.topic_label, self.topic)
        filters.addRow(self.level_label, self.level)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.problems)
        left_layout.addWidget(self.list, 1)

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.prev_button = QPushButton(self)
        self.prev_button.setObjectName("previousExercise")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.again_button = QPushButton(self)
        self.again_button.setObjectName("newNumbers")
        self.again_button.clicked.connect(self.new_numbers)
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("nextExercise")
        self.next_button.clicked.connect(lambda: self.step(+1))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addStretch(1)
        nav.addWidget(self.again_button)
        nav.addWidget(self.next_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 8, 8)
        right_layout.addWidget(self.stack, 1)
        right_layout.addLayout(nav)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 860])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.resize(1280, 800)
        self.retranslate()
        self._update_nav()

    # ---- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(fmt(self.tr("Practice — %1"), APP_NAME))
        self.source_label.setText(self.tr("&Exercises:"))
        self.open_button.setText(self.tr("&Open File…"))
        self.open_button.setToolTip(self.tr("Open an exercise file (.toml) from your instructor"))
        self.topic_label.setText(self.tr("&Topic:"))
        self.level_label.setText(self.tr("&Difficulty:"))
        self.list.setHeaderLabels([self.tr("Exercise"), self.tr("Kind"), self.tr("Level")])
        self.placeholder.setText(self.tr("Pick an exercise on the left (Enter or a click opens "
                                         "it)."))
        self.prev_button.setText(self.tr("◀ &Previous"))
        self.next_button.setText(self.tr("Ne&xt ▶"))
        self.again_button.setText(self.tr("New &Numbers"))
        self.again_button.setToolTip(self.tr("The same exercise with other parameters"))
        self._fill_combo(self.source, [(ALL, self.tr("All exercises"))] + [
            (str(i), set_title(s, lang) + ("" if i in self.sources.builtin
                                          else " · " + os.path.basename(s.source)))
            for i, s in enumerate(self.sources.sets)])
        self._fill_combo(self.topic, [(ALL, self.tr("All topics"))]
                         + [(t, topic_name(t, lang)) for t in TOPICS])
        self._fill_combo(self.level, [(ALL, self.tr("Any difficulty"))]
                         + [(str(d), "★" * d) for d in DIFFICULTIES])
        self.problems.setText("\n".join(e.render(lang) for e in self.sources.errors))
        self.problems.setVisible(bool(self.sources.errors))
        self.refresh_list()

    @staticmethod
    def _fill_combo(box: QComboBox, entries: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for data, text in entries:
            box.addItem(text, data)
        index = box.findData(current)
        box.setCurrentIndex(index if index >= 0 else 0)
        box.blockSignals(False)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- the list ----------------------------------------------------------------------------
    def filtered(self) -> list[tuple[ExerciseSet, Exercise]]:
        source, topic, level = (self.source.currentData(), self.topic.currentData(),
                                self.level.currentData())
        out = []
        for i, exercise_set in enumerate(self.sources.sets):
            if source not in (None, ALL) and str(i) != source:
                continue
            for exercise in exercise_set.exercises:
                if topic not in (None, ALL) and topic not in exercise.topics:
                    continue
                if level not in (None, ALL) and str(exercise.difficulty) != level:
                    continue
                out.append((exercise_set, exercise))
        return out

    def refresh_list(self) -> None:
        lang = current_language()
        self.list.clear()
        self._entries = self.filtered()
        for index, (exercise_set, exercise) in enumerate(self._entries):
            title = exercise.title.get(lang) or exercise.title.get("en") or exercise.id
            if "{" in title:  # a title with fields: shown for seed 0
                from trainer.practice.loader import instantiate

                title = instantiate(exercise, 0).text(exercise.title, lang)
            item = QTreeWidgetItem([title, kind_name(exercise.kind, lang), "★" * exercise.difficulty])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(0, ", ".join(topic_name(t, lang) for t in exercise.topics))
            self.list.addTopLevelItem(item)
            if self.current is not None and self.current[1] is exercise:
                self.list.setCurrentItem(item)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._update_nav()

    def open_item(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if index is not None:
            self.open_exercise(*self._entries[index])

    # ---- one exercise ------------------------------------------------------------------------
    def _seed(self) -> int | None:
        return self.seed_source() if self.seed_source is not None else None

    def open_exercise(self, exercise_set: ExerciseSet, exercise: Exercise, seed: int | None = None
                      ) -> QuestionPanel:
        seed = seed if seed is not None else self._seed()
        kwargs = {"mode": "practice", "exercise_set": exercise_set}
        if self.clock is not None:
            kwargs["clock"] = self.clock
        self.session = Session([exercise], seeds=None if seed is None else [seed], **kwargs)
        question = self.session.focus(exercise.id)
        panel = QuestionPanel(question, self.session, "practice", self)
        panel.checked.connect(self._record)
        if self.panel is not None:
            self.stack.removeWidget(self.panel)
            self.panel.deleteLater()
        self.panel = panel
        self.stack.addWidget(panel)
        self.stack.setCurrentWidget(panel)
        self.recorded = False
        self.current = (exercise_set, exercise)
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if self._entries[item.data(0, Qt.ItemDataRole.UserRole)][1] is exercise:
                self.list.setCurrentItem(item)
        self._update_nav()
        return panel

    def new_numbers(self) -> None:
        if self.current is not None:
            self.open_exercise(*self.current)

    def step(self, delta: int) -> None:
        entries = self._entries
        if not entries:
            return
        position = next((i for i, (_s, e) in enumerate(entries)
                         if self.current is not None and e is self.current[1]), -1)
        target = position + delta if position >= 0 else (0 if delta > 0 else len(entries) - 1)
        if 0 <= target < len(entries):
            self.open_exercise(*entries[target])

    def _update_nav(self) -> None:
        entries = getattr(self, "_entries", [])
        position = next((i for i, (_s, e) in enumerate(entries)
                         if self.current is not None and e is self.current[1]), -1)
        self.prev_button.setEnabled(position > 0)
        self.next_button.setEnabled(bool(entries) and position < len(entries) - 1)
        self.again_button.setEnabled(self.current is not None and bool(self.current[1].params))

    def _record(self, grade) -> None:
        if self.recorded or self.session is None or self.current is None:
            return
        import sqlite3

        from trainer.practice.history import History

        try:
            with History(self.history_path) as history:
                history.record_session("practice", self.session.started, utc_now(),
                                       [(self.current[1], grade, round(self.session.elapsed(), 3))])
        except (OSError, RuntimeError, sqlite3.Error) as error:
            QMessageBox.warning(self, self.tr("History Not Saved"),
                                fmt(self.tr("This result could not be stored in the history:\n%1"),
                                    str(error)))
            return
        self.recorded = True

    # ---- files -------------------------------------------------------------------------------
    def open_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Exercise File"), "",
            ";;".join([self.tr("Exercise files (*.toml)"), self.tr("All files (*)")]))
        return bool(path) and self.open_file(path)

    def open_file(self, path: str | os.PathLike) -> bool:
        try:
            exercise_set = self.sources.add_file(path)
        except ExerciseFormatError as error:
            QMessageBox.warning(self, self.tr("Cannot Open Exercise File"),
                                error.render(current_language()))
            return False
        self.retranslate()
        index = self.sources.sets.index(exercise_set)
        self.source.setCurrentIndex(self.source.findData(str(index)))
        self.refresh_list()
        return True
