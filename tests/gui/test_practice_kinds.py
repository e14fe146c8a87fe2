"""Every kind of exercise answered right and wrong through its widgets, checked with the Check
button, in practice mode (instant checking, hints at their shown price)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QRadioButton

from tests.gui.test_practice_fixtures import HANDSHAKE_TEXT, exercise_set  # noqa: F401

pytestmark = pytest.mark.gui


def open_panel(qtbot, exercise_set, exercise_id: str, seed: int = 0):  # noqa: F811
    from trainer.gui.practice.question import QuestionPanel
    from trainer.practice.session import Session

    exercise = exercise_set.by_id()[exercise_id]
    session = Session([exercise], seeds=[seed], mode="practice", exercise_set=exercise_set)
    panel = QuestionPanel(session.focus(exercise.id), session, "practice")
    qtbot.addWidget(panel)
    panel.resize(1200, 820)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def check(qtbot, panel):
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.grade is not None
    return panel.grade


def type_into(qtbot, widget, text: str) -> None:
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.setFocus()
    target.clear()
    QTest.keyClicks(target, text)


def feedback(panel) -> str:
    return panel.feedback.toPlainText()


# ---- fill-in -----------------------------------------------------------------------------------

def fill(qtbot, panel, ack2: str, ack3: str, state: str) -> None:
    answer = panel.answer
    type_into(qtbot, answer.findChild(QLineEdit, "blank_ack2"), ack2)
    type_into(qtbot, answer.findChild(QLineEdit, "blank_ack3"), ack3)
    type_into(qtbot, answer.findChild(QComboBox, "blank_state_b"), state)


def test_fill_in_right(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "fill")
    view = panel.answer.view
    assert not view.states_visible() and not panel.answer.doc.revealed  # nothing given away
    assert "ack=?ack2" in view.masked_label(1)
    fill(qtbot, panel, "101", "301", "syn-received")
    assert "ack=101" in view.masked_label(1)  # the diagram follows the typing
    grade = check(qtbot, panel)
    assert grade.right and grade.score == 10
    assert "Score: 10 of 10" in feedback(panel)
    assert "A SYN takes one sequence number." in feedback(panel)  # the author's explanation
    assert panel.answer.doc.revealed and view.states_visible()


def test_fill_in_wrong_is_explained_by_the_engine(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "fill")
    fill(qtbot, panel, "100", "301", "ESTABLISHED")
    grade = check(qtbot, panel)
    assert not grade.right
    wrong = {i.params["name"] for i in grade.items if i.credit == 0}
    assert wrong == {"ack2", "state_b"}
    text = feedback(panel)
    assert "?ack2 (acknowledgment number) = 100: wrong; the answer is 101." in text
    assert "Score: 3.33 of 10" in text
    ack2 = panel.answer.findChild(QLineEdit, "blank_ack2")
    assert "border" in ack2.styleSheet()  # tinted by its verdict


def test_hint_shows_its_penalty_before_it_is_taken(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "fill")
    assert "costs 25 % of the points" in panel.hint_button.text()
    assert panel.hint_text.isHidden()
    qtbot.mouseClick(panel.hint_button, Qt.MouseButton.LeftButton)
    assert "A SYN takes one sequence number." in panel.hint_text.text()
    assert not panel.hint_button.isEnabled()  # the only hint is taken
    fill(qtbot, panel, "101", "301", "SYN-RECEIVED")
    grade = check(qtbot, panel)
    assert grade.right and grade.hints_used == 1 and grade.score == 7.5
    assert "Hints used: 1 (−25 %)" in feedback(panel)


# ---- find-the-bug ------------------------------------------------------------------------------

def mark(qtbot, panel, event: int, rule: str) -> None:
    answer = panel.answer
    box = answer.findChild(type(answer.marks_boxes[0]), f"wrong{event}")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    combo = answer.findChild(QComboBox, f"rule{event}")
    assert combo.isVisible()
    combo.setCurrentIndex(combo.findData(rule))


def test_find_the_bug_right(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "bug")
    assert panel.answer.doc.result.findings == []  # the diagram does not point at the bug
    mark(qtbot, panel, 2, "claim-mismatch")
    assert panel.payload() == {"marks": [{"event": 2, "rule": "claim-mismatch"}]}
    grade = check(qtbot, panel)
    assert grade.right
    assert panel.answer.doc.result.findings  # revealed after checking


def test_find_the_bug_wrong(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "bug")
    mark(qtbot, panel, 3, "ack-not-next")
    grade = check(qtbot, panel)
    assert grade.raw == 0
    assert [i.code for i in grade.items] == ["findbug.missed", "findbug.false-mark"]
    assert "Event 2" in feedback(panel) or "event 2" in feedback(panel)


# ---- predict-next ------------------------------------------------------------------------------

def predict(qtbot, panel, state: str, want_real: bool) -> None:
    answer = panel.answer
    assert len(answer.doc.trace.events) == 1  # only the SYN so far
    answer.state_box.setCurrentText(state)
    qtbot.mouseClick(answer.next_button, Qt.MouseButton.LeftButton)
    assert len(answer.doc.trace.events) == 1  # checkpoint 2 asks for event 2: not shown yet
    buttons = answer.findChildren(QRadioButton)
    assert len(buttons) == 2
    chosen = next(b for b in buttons if ("ack=101" in b.text()) == want_real)
    qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)


def test_predict_next_right(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "predict")
    predict(qtbot, panel, "SYN-RECEIVED", want_real=True)
    grade = check(qtbot, panel)
    assert grade.right
    assert len(panel.answer.doc.trace.events) == 3  # the whole trace once checked


def test_predict_next_wrong(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "predict")
    predict(qtbot, panel, "ESTABLISHED", want_real=False)
    grade = check(qtbot, panel)
    assert grade.raw == 0
    assert [i.code for i in grade.items] == ["predict.state-wrong", "predict.segment-wrong"]
    assert grade.items[1].findings  # the engine says why the distractor is wrong


# ---- build -------------------------------------------------------------------------------------

def send_mouse(view, kind, scene_pt: QPointF, button, buttons):
    from PySide6.QtGui import QMouseEvent

    vp = view.viewport()
    pos = QPointF(view.mapFromScene(scene_pt))
    QApplication.sendEvent(vp, QMouseEvent(kind, pos, QPointF(vp.mapToGlobal(pos.toPoint())),
                                           button, buttons, Qt.KeyboardModifier.NoModifier))


def drag(view, start: QPointF, end: QPointF, steps: int = 6) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(view, QEvent.Type.MouseButtonPress, start, left, left)
    for k in range(1, steps + 1):
        f = k / steps
        send_mouse(view, QEvent.Type.MouseMove, QPointF(start.x() + (end.x() - start.x()) * f,
                                                        start.y() + (end.y() - start.y()) * f),
                   none, left)
    send_mouse(view, QEvent.Type.MouseButtonRelease, end, left, none)


def at(view, host: str, t: float) -> QPointF:
    return QPointF(view.lifeline_x(host), view.time_to_y(t))


def test_build_right_written_in_the_text_pane(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "build")
    answer = panel.answer
    assert answer.payload() is None
    qtbot.mouseClick(answer.text_button, Qt.MouseButton.LeftButton)
    pane = answer.text_pane
    assert pane is not None and pane.isVisible()
    pane.editor.setPlainText(HANDSHAKE_TEXT)
    qtbot.waitUntil(lambda: len(answer.doc.trace.events) == 3, timeout=3000)
    grade = check(qtbot, panel)
    assert grade.right, [i.code for i in grade.items]


def test_build_wrong_drawn_in_the_diagram(qtbot, app, exercise_set):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "build")
    view = panel.answer.view
    assert view.is_editable() and view.suggest_enabled()  # practice: the normal editor
    drag(view, at(view, "A", 0.1), at(view, "B", 0.4))
    assert len(panel.answer.doc.trace.events) == 1
    grade = check(qtbot, panel)
    assert not grade.right
    codes = [i.code for i in grade.items]
    assert codes == ["build.valid", "build.met", "build.unmet"]  # B reached SYN-RECEIVED only
    assert "Requirement not met" in feedback(panel)


# ---- calculate and choice ----------------------------------------------------------------------

@pytest.mark.parametrize("typed, right", [("60", True), ("61", False), ("sixty", False)])
def test_calculate(qtbot, app, exercise_set, typed, right):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "calc")
    assert "RTT = 30 ms" in panel.prompt.text()
    assert panel.answer.unit.text() == "ms"
    type_into(qtbot, panel.answer.value, typed)
    grade = check(qtbot, panel)
    assert grade.right is right
    if typed == "61":
        assert "the answer is 60" in feedback(panel)
    if typed == "sixty":
        assert "'sixty'" in feedback(panel)


@pytest.mark.parametrize("option, right", [("b", True), ("a", False)])
def test_choice(qtbot, app, exercise_set, option, right):  # noqa: F811
    panel = open_panel(qtbot, exercise_set, "pick")
    answer = panel.answer
    assert all(note.isHidden() for note in answer.feedback.values())
    button = answer.buttons[option]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert answer.payload() == {"selected": [option]}
    grade = check(qtbot, panel)
    assert grade.right is right
    assert not answer.feedback["a"].isHidden()  # every option's feedback after checking
    assert "It passes through LAST-ACK." in answer.feedback["a"].text()


def test_an_instance_that_cannot_be_drawn_is_explained_not_raised(qtbot, app, exercise_set):  # noqa: F811
    """A parameter draw the file's validation never tried can break a trace: the panel says
    where, instead of failing."""
    import dataclasses

    from trainer.gui.practice.answer_base import UnusableAnswer
    from trainer.gui.practice.question import QuestionPanel
    from trainer.practice.model import Instance
    from trainer.practice.session import Question

    bug = exercise_set.by_id()["bug"]
    broken = dataclasses.replace(bug.spec, trace=bug.spec.trace.replace("seq=100", "seq={isn}"))
    exercise = dataclasses.replace(bug, spec=broken)
    panel = QuestionPanel(Question(Instance(exercise, 0, {"isn": -5})), None, "review")
    qtbot.addWidget(panel)
    assert isinstance(panel.answer, UnusableAnswer)
    assert panel.answer.label.text() == ("<exercise>:3:19: seq must be between 0 and 4294967295, "
                                         "found '-5'")
    assert panel.payload() is None
