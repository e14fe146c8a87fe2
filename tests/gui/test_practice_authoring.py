"""Authoring round trip: write an exercise in the GUI from a trace, save it, load it as a
learner, answer it, get the score."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit

pytestmark = pytest.mark.gui


@pytest.fixture
def author(app, qtbot, scenario_path):
    from trainer.formats import load_trace
    from trainer.gui.practice.authoring_window import AuthoringWindow

    trace = load_trace(scenario_path())
    window = AuthoringWindow(trace=trace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def write_texts(author, title: str = "Handshake acks") -> None:
    author.title_edits["zh_CN"].insert("握手的确认号")  # as an input method commits it
    edit = author.title_edits["en"]
    edit.setFocus()
    QTest.keyClicks(edit, title)
    author.id_edit.clear()
    QTest.keyClicks(author.id_edit, "authored-one")


def learner_panel(qtbot, path):
    from trainer.gui.practice.practice_window import PracticeWindow
    from trainer.gui.practice.sources import Sources

    practice = PracticeWindow(sources=Sources(), history_path=path.parent / "h.sqlite3",
                              seed_source=lambda: 5)
    qtbot.addWidget(practice)
    practice.show()
    assert practice.open_file(path)
    item = practice.list.topLevelItem(0)
    practice.list.itemActivated.emit(item, 0)
    return practice.panel


def test_fill_in_round_trip(qtbot, author, tmp_path):
    from trainer.practice.loader import load_exercises

    assert author.kind.currentData() == "fill-in"
    write_texts(author)
    qtbot.mouseClick(author.event_spin, Qt.MouseButton.LeftButton)
    author.event_spin.setValue(3)  # the SYN,ACK
    assert author.doc.selected == 2
    qtbot.mouseClick(author.field_buttons["ack"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(author.field_buttons["claim:A"], Qt.MouseButton.LeftButton)
    assert author.blanks == {2: {"ack": "ack3", "claim:A": "state_a3"}}
    assert "ack=?ack3" in author.view.masked_label(2)
    assert author.validate(), author.status.text()
    assert "ack=?ack3" in author.toml_view.toPlainText()
    assert "✔" in author.status.text()

    path = tmp_path / "authored.toml"
    assert author.save_to(path)
    exercise = load_exercises(path).exercises[0]
    assert (exercise.id, exercise.kind, exercise.title["en"]) == ("authored-one", "fill-in",
                                                                  "Handshake acks")
    assert [b.name for b in exercise.spec.blanks] == ["ack3", "state_a3"]
    assert "[A:" not in exercise.spec.trace.replace("[A:?state_a3", "")  # other claims dropped

    panel = learner_panel(qtbot, path)
    ack = panel.answer.findChild(QLineEdit, "blank_ack3")
    ack.setFocus()
    QTest.keyClicks(ack, "101")
    state = panel.answer.findChild(QComboBox, "blank_state_a3")
    state.lineEdit().setFocus()
    QTest.keyClicks(state.lineEdit(), "ESTABLISHED")
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.grade.right and panel.grade.score == 10


def test_choice_round_trip_seals_the_key(qtbot, author, tmp_path):
    write_texts(author, "Who closes first")
    author.kind.setCurrentIndex(author.kind.findData("choice"))
    assert not author.validate()  # the options are still empty: a located error
    assert "options[1].text" in author.status.text()
    texts = [("先关闭的一方", "The side that closes first"), ("后关闭的一方", "The other side")]
    for row, (zh, en) in enumerate(texts):
        author.options.item(row, 1).setText(zh)
        author.options.item(row, 2).setText(en)
    while author.options.rowCount() > 2:
        author.options.removeRow(2)
    author.options.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert author.validate(), author.status.text()
    path = tmp_path / "choice.toml"
    assert author.save_to(path)
    text = path.read_text(encoding="utf-8")
    assert 'key = "sha256$' in text and "answer =" not in text  # sealed, no plain answer

    panel = learner_panel(qtbot, path)
    qtbot.mouseClick(panel.answer.buttons["a"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.grade.right
    qtbot.mouseClick(panel.answer.buttons["b"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert not panel.grade.right


def test_find_the_bug_plants_and_counts_bugs(qtbot, author, tmp_path):
    from trainer.practice.loader import load_exercises

    write_texts(author)
    author.kind.setCurrentIndex(author.kind.findData("find-the-bug"))
    assert not author.validate()  # no mistake planted yet
    author.event_spin.setValue(4)  # A's ACK: a wrong state claim changes nothing else
    author.claim_host.setCurrentText("B")
    author.claim_state.setCurrentText("SYN-RECEIVED")
    qtbot.mouseClick(author.plant_claim, Qt.MouseButton.LeftButton)
    assert "event 4: wrong state" in author.bug_list.text()
    assert author.validate(), author.status.text()
    path = tmp_path / "bug.toml"
    assert author.save_to(path)
    spec = load_exercises(path).exercises[0].spec
    assert spec.bugs == 1 and "claim-mismatch" in spec.rules


def test_predict_next_checkpoints_with_engine_distractors(qtbot, author, tmp_path):
    from trainer.practice.loader import load_exercises

    write_texts(author)
    author.kind.setCurrentIndex(author.kind.findData("predict-next"))
    author.event_spin.setValue(2)
    for ask in ("state:B", "segment"):
        if ask == "segment":
            author.event_spin.setValue(3)
        box = author.ask_boxes[ask]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        assert box.isChecked()
    assert "ack=100" in author.distractor_edit.text()
    assert author.validate(), author.status.text()
    path = tmp_path / "predict.toml"
    assert author.save_to(path)
    spec = load_exercises(path).exercises[0].spec
    assert [(c.event, c.ask, c.host) for c in spec.checkpoints] == [(2, "state", "B"),
                                                                   (3, "segment", None)]


def test_build_and_preview_as_learner(qtbot, author):
    write_texts(author)
    author.kind.setCurrentIndex(author.kind.findData("build"))
    ticked = [author.requirements.item(i).text() for i in range(author.requirements.count())
              if author.requirements.item(i).checkState() == Qt.CheckState.Checked]
    assert any("ESTABLISHED" in t for t in ticked)
    dialog = author.preview()
    assert dialog is not None
    qtbot.addWidget(dialog)
    panel = dialog.panel
    assert panel.exercise.kind == "build" and panel.mode == "practice"
    assert panel.answer.doc.trace.events == []  # learners start from the hosts only


def test_an_invalid_id_is_a_located_error(qtbot, author):
    author.id_edit.setText("Not An Id")
    assert not author.validate()
    assert "new exercise.toml:5:" in author.status.text()
    assert not author.save_button.isEnabled()


def test_toml_writer_round_trips_awkward_texts():
    import tomllib

    from trainer.gui.practice.toml_writer import toml_block, toml_string, toml_text

    for text in ['plain', 'quote " and \\ backslash', 'line\nbreak\ttab', '{braces}', "三次握手",
                 "'''", "\x01control"]:
        assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text
        assert tomllib.loads(f"v = {toml_block(text)}")["v"].rstrip("\n") == text.rstrip("\n")
    assert tomllib.loads(f"v = {toml_text({'zh_CN': '甲', 'en': 'a'})}")["v"] == {"zh_CN": "甲",
                                                                                "en": "a"}


def test_trace_template_keeps_braces_and_blanks_apart():
    import dataclasses

    from trainer.engine.trace import Flag, HostSpec, Segment, Trace
    from trainer.formats.notation import parse_notation
    from trainer.gui.practice.toml_writer import trace_template
    from trainer.practice.template import render

    trace = Trace(hosts={"A": HostSpec("A", "client"), "B": HostSpec("srv{1}", "server")},
                  events=[Segment("A", 0.0, 0.05, Flag.SYN, 100, label="x{y}"),
                          Segment("B", 0.05, 0.1, Flag.SYN | Flag.ACK, 300, 101)])
    template = trace_template(trace, {1: {"ack": "ack2", "claim:A": "state_a2"}})
    assert "ack=?ack2" in template and "[A:?state_a2]" in template
    rendered = render(template, {}, {"ack2": "101", "state_a2": "ESTABLISHED"}).text
    back = parse_notation(rendered)
    assert back.hosts["B"].name == "srv{1}" and back.events[0].label == "x{y}"
    expected = dataclasses.replace(trace.events[1], claims=back.events[1].claims)
    assert back.events[1] == expected and back.events[1].claims["A"].value == "ESTABLISHED"
