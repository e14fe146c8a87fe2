"""Exam mode: a visible countdown on an injected clock, automatic submission at the time limit,
the report per question and by topic, review in the diagram, the answer file, no checking and
no suggestions while the exam runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from tests.gui.test_practice_fixtures import FakeClock, sources_for
from tests.gui.test_practice_kinds import at, drag

pytestmark = pytest.mark.gui


@pytest.fixture
def exam(app, qtbot, tmp_path):
    from trainer.gui.practice.exam_window import ExamWindow

    clock = FakeClock()
    window = ExamWindow(sources=sources_for(tmp_path), history_path=tmp_path / "history.sqlite3",
                        clock=clock, student="Li Hua")
    window.show()  # not qtbot.addWidget: pytest-qt would close it before this fixture ends
    qtbot.waitExposed(window)
    window.clock_ = clock
    yield window
    window.timer.stop()
    window.session = None  # closing must not ask
    window.close()
    window.deleteLater()


def start(qtbot, exam, minutes: int = 1) -> None:
    assert exam.whole_set.isChecked()
    assert exam.time_limit.value() == 10  # the set's own time limit is proposed
    exam.time_limit.setValue(minutes)
    qtbot.mouseClick(exam.start_button, Qt.MouseButton.LeftButton)
    assert exam.pages.currentWidget() is exam.run_page


def row_of(exam, exercise_id: str) -> int:
    return next(i for i, q in enumerate(exam.session.questions) if q.exercise.id == exercise_id)


def test_countdown_times_out_and_submits_what_is_on_screen(qtbot, exam, tmp_path):
    from trainer.practice.history import History

    start(qtbot, exam)
    assert exam.countdown.text() == "Time left: 1:00"
    exam.question_list.setCurrentRow(row_of(exam, "calc"))
    panel = exam.question_stack.currentWidget()
    assert panel.check_button.isHidden() and panel.feedback.isHidden()  # no checking
    edit = panel.answer.findChild(QLineEdit, "calculateValue")
    edit.setFocus()
    QTest.keyClicks(edit, "60")
    assert "Answered: 1 of 6" in exam.progress.text()
    exam.clock_.advance(45)
    exam.tick()
    assert exam.countdown.text() == "Time left: 0:15"
    assert "c62828" in exam.countdown.styleSheet()  # the last minute is red
    assert exam.pages.currentWidget() is exam.run_page

    exam.clock_.advance(16)
    qtbot.waitUntil(lambda: exam.report is not None, timeout=3000)  # the countdown's own timer
    report = exam.report
    assert report.timed_out
    assert exam.pages.currentWidget() is exam.report_page
    assert "The time ran out" in exam.summary.text()
    assert "Score: 10 of 60 (17 %)" in exam.summary.text()
    assert exam.results.rowCount() == 6
    calc = row_of(exam, "calc")
    assert exam.results.item(calc, 2).text() == "10 / 10"
    assert exam.results.item(row_of(exam, "fill"), 2).text() == "0 / 10"
    topics = {exam.topics_table.item(r, 0).text(): exam.topics_table.item(r, 1).text()
              for r in range(exam.topics_table.rowCount())}
    assert topics["timing calculations"] == "10 / 10"
    assert exam.topics_table.item(0, 1).text().startswith("0 /")  # weakest first
    assert panel.answer.locked  # answers cannot change after submission
    with History(tmp_path / "history.sqlite3") as history:
        assert history.session_count() == 1
        assert {a.exercise: a.score for a in history.attempts()}["calc"] == 10


def test_submit_reports_and_reviews_each_answer_in_the_diagram(qtbot, exam, monkeypatch, tmp_path):
    start(qtbot, exam, minutes=10)
    exam.question_list.setCurrentRow(row_of(exam, "bug"))
    panel = exam.question_stack.currentWidget()
    assert panel.answer.doc.result.findings == []  # hidden during the exam
    qtbot.mouseClick(panel.answer.marks_boxes[1], Qt.MouseButton.LeftButton,
                     pos=panel.answer.marks_boxes[1].rect().center())
    combo = panel.answer.rule_boxes[1]
    combo.setCurrentIndex(combo.findData("claim-mismatch"))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(exam.submit_button, Qt.MouseButton.LeftButton)
    assert "5 question(s) are not answered yet." in asked[0]
    assert exam.report is not None and not exam.report.timed_out
    row = row_of(exam, "bug")
    exam.results.selectRow(row)
    review = exam.review
    assert review.mode == "review" and review.answer.locked
    assert review.answer.doc.revealed and review.answer.doc.result.findings  # now shown
    assert "Score: 10 of 10" in review.feedback.toPlainText()
    assert review.check_button.isHidden()


def test_answer_file_for_the_instructor(qtbot, exam, tmp_path):
    from trainer.practice import answers

    start(qtbot, exam)
    exam.question_list.setCurrentRow(row_of(exam, "pick"))
    panel = exam.question_stack.currentWidget()
    qtbot.mouseClick(panel.answer.buttons["b"], Qt.MouseButton.LeftButton)
    exam.submit()
    target = tmp_path / "li-hua.tcpanswers"
    assert exam.save_answers(target)
    handed_in = answers.load(target)  # the integrity code verifies
    assert handed_in.student == "Li Hua" and handed_in.mode == "exam"
    by_id = {a.exercise: a for a in handed_in.answers}
    assert by_id["pick"].answer == {"selected": ["b"]}
    assert by_id["fill"].answer is None
    assert handed_in.exercises_digest == exam.session.exercise_set.digest
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, no leftovers


def test_no_suggest_in_an_exam(qtbot, exam):
    start(qtbot, exam, minutes=10)
    exam.question_list.setCurrentRow(row_of(exam, "build"))
    view = exam.question_stack.currentWidget().answer.view
    assert not view.suggest_enabled()
    assert not view.states_visible()  # the bands would check the requirements
    drag(view, at(view, "A", 0.1), at(view, "B", 0.4))
    doc = view.doc
    assert len(doc.trace.events) == 1
    drag(view, at(view, "B", 0.5), at(view, "A", 0.8))  # the reply: numbers not worked out
    reply = doc.trace.events[1]
    assert reply.ack is None or reply.ack != doc.trace.events[0].seq + 1
    doc.select(1)
    before = doc.trace.events[1]
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert doc.trace.events[1] == before  # Ctrl+G suggests nothing
    menu = view._build_menu()
    assert not next(a for a in menu.actions() if a.objectName() == "suggest").isEnabled()
    assert doc.result.findings == []  # and no findings while the exam runs


def test_main_window_suggest_is_off_while_an_exam_runs(qtbot, window, tmp_path):
    menu = window.practice_menu
    menu.sources = sources_for(tmp_path)
    menu.history_path = tmp_path / "history.sqlite3"
    assert window.suggest_action.isVisible() and window.suggest_enabled_action.isChecked()
    exam = menu.open_exam()
    try:
        exam.time_limit.setValue(5)
        exam.start_from_setup()
        assert not window.suggest_action.isVisible()  # Edit > Suggest and Ctrl+G are gone
        assert not window.suggest_enabled_action.isEnabled()
        assert not window.diagram.suggest_enabled()
        exam.submit()
        assert window.suggest_action.isVisible()
        assert window.suggest_enabled_action.isChecked() and window.diagram.suggest_enabled()
    finally:
        exam.timer.stop()
        exam.close()


def test_random_draw_by_topic(qtbot, exam):
    exam.random_draw.setChecked(True)
    exam.count.setValue(2)
    for i in range(exam.topics.count()):
        item = exam.topics.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "states":
            item.setCheckState(Qt.CheckState.Checked)
    assert exam.time_limit.value() == 6  # three minutes a question
    assert exam.start_from_setup()
    ids = {q.exercise.id for q in exam.session.questions}
    assert ids == {"bug", "predict"}  # the two exercises on "states"
    assert exam.session.time_limit == 360


def test_exam_without_time_limit_counts_up(qtbot, exam):
    start(qtbot, exam, minutes=0)
    assert exam.session.time_limit is None
    exam.clock_.advance(75)
    exam.tick()
    assert exam.countdown.text() == "Time: 1:15"
    assert exam.report is None


def test_clock_text():
    from trainer.gui.practice.exam_window import clock_text

    assert clock_text(0) == "0:00"
    assert clock_text(0.2) == "0:01"
    assert clock_text(59.5) == "1:00"
    assert clock_text(3725) == "1:02:05"

