"""Answer files (integrity), and the instructor's commands: validate, seal, export, grade."""

from __future__ import annotations

import json
import os
import xml.dom.minidom

import pytest

from trainer.cli import main
from trainer.practice import answers
from trainer.practice.answers import AnswerFile, AnswerRecord
from trainer.practice.errors import ExerciseFormatError
from trainer.practice.loader import instantiate

from tests.practice.helpers import CALC, CHOICE, HANDSHAKE_FILL, HEAD, load


def _sample(student: str = "Wang Fang") -> AnswerFile:
    return AnswerFile(student, [AnswerRecord("pick", 12, {"selected": ["a", "c"]}, 0,
                                             "2025-03-01T08:00:00+00:00",
                                             "2025-03-01T08:00:20+00:00", 20.0)],
                      exercise_set="set", exercises_digest="ab" * 32)


def test_answer_file_round_trip_and_atomic_write(tmp_path):
    path = tmp_path / "wang.tcpanswers"
    answers.save(_sample(), path)
    loaded = answers.load(path)
    assert loaded == _sample()
    assert os.listdir(tmp_path) == ["wang.tcpanswers"]  # no temporary file left behind
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["format"] == "tcp-trainer-answers" and body["integrity"].startswith("hmac-sha256:")


@pytest.mark.parametrize("edit", [
    lambda b: b["answers"][0].update(answer={"selected": ["b"]}),
    lambda b: b.update(student="Someone Else"),
    lambda b: b["answers"][0].update(seconds=1.0),
    lambda b: b.pop("integrity"),
    lambda b: b.update(integrity="hmac-sha256:" + "0" * 64),
])
def test_any_edit_is_detected(tmp_path, edit):
    path = tmp_path / "a.tcpanswers"
    answers.save(_sample(), path)
    body = json.loads(path.read_text(encoding="utf-8"))
    edit(body)
    path.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(ExerciseFormatError) as info:
        answers.load(path)
    assert info.value.code == "answer-tampered"
    assert info.value.render("en") == (f"{path}: the answer file was changed after TCP Trainer "
                                       "wrote it (integrity check failed)")


def test_unreadable_answer_files_are_clear_errors(tmp_path):
    cases = {"x.json": b"{not json", "y.json": b'{"format": "tcp-trainer-trace"}',
             "z.json": b'{"format": "tcp-trainer-answers", "version": 7}', "w.json": b"\xff\xfe"}
    codes = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ExerciseFormatError) as info:
            answers.load(tmp_path / name)
        codes[name] = info.value.code
    assert codes == {"x.json": "answer-not-json", "y.json": "answer-not-answers",
                     "z.json": "answer-unsupported-version", "w.json": "not-utf8"}


# ---- grade: an exact CSV for a small class ---------------------------------------------------

EXPECTED_CSV = """\
student,file,exercise,seed,score,points,hints,seconds,status
'=cmd,quote.tcpanswers,fill,,0,10,0,,missing
'=cmd,quote.tcpanswers,pick,1,0,10,0,,unanswered
'=cmd,quote.tcpanswers,calc,,0,10,0,,missing
'=cmd,quote.tcpanswers,TOTAL,,0,30,0,0,
Wang Fang,wang.tcpanswers,fill,11,7.5,10,1,30.5,answered
Wang Fang,wang.tcpanswers,pick,12,10,10,0,20,answered
Wang Fang,wang.tcpanswers,calc,13,10,10,0,15.25,answered
Wang Fang,wang.tcpanswers,TOTAL,,27.5,30,1,65.75,
Zhang Wei,zhang.tcpanswers,fill,21,6.6667,10,0,100,answered
Zhang Wei,zhang.tcpanswers,pick,22,0,10,0,,answered
Zhang Wei,zhang.tcpanswers,calc,,0,10,0,,missing
Zhang Wei,zhang.tcpanswers,TOTAL,,6.6667,30,0,100,
"""


@pytest.fixture
def fixture_class(tmp_path):
    exercise_file = tmp_path / "quiz.toml"
    exercise_file.write_text(HEAD + HANDSHAKE_FILL + CHOICE + CALC, encoding="utf-8")
    exercises = load(HANDSHAKE_FILL, CHOICE, CALC).by_id()
    folder = tmp_path / "submissions"
    folder.mkdir()

    def fill(seed: int, right: int) -> dict:
        isn = instantiate(exercises["fill"], seed).values["isn"]
        values = {"state_b": "SYN-RECEIVED", "ack2": str(isn + 1), "seq3": str(isn + 1)}
        if right < 3:
            values["seq3"] = str(isn)
        return {"blanks": values}

    calc_values = instantiate(exercises["calc"], 13).values
    wang = AnswerFile("Wang Fang", [
        AnswerRecord("fill", 11, fill(11, 3), 1, seconds=30.5),
        AnswerRecord("pick", 12, {"selected": ["c", "a"]}, 0, seconds=20),
        AnswerRecord("calc", 13, {"value": 3 * calc_values["rtt"] + 2000 * calc_values["msl"]},
                     seconds=15.25),
    ])
    zhang = AnswerFile("Zhang Wei", [
        AnswerRecord("fill", 21, fill(21, 2), 0, seconds=100),
        AnswerRecord("pick", 22, {"selected": ["b"]}),
        AnswerRecord("essay", 1, {"text": "..."}),
    ])
    quote = AnswerFile("=cmd", [AnswerRecord("pick", 1, None)])
    answers.save(wang, folder / "wang.tcpanswers")
    answers.save(zhang, folder / "zhang.tcpanswers")
    answers.save(quote, folder / "quote.tcpanswers")
    answers.save(_sample("Chen Jing"), folder / "chen.tcpanswers")
    tampered = json.loads((folder / "chen.tcpanswers").read_text(encoding="utf-8"))
    tampered["answers"][0]["answer"] = {"selected": ["a"]}
    (folder / "chen.tcpanswers").write_text(json.dumps(tampered), encoding="utf-8")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / "notes.txt").write_text("not an answer file", encoding="utf-8")
    return exercise_file, folder


def test_grade_writes_the_exact_csv_and_one_line_per_bad_file(fixture_class, tmp_path, capsys):
    exercise_file, folder = fixture_class
    out = tmp_path / "out.csv"
    status = main(["grade", str(exercise_file), str(folder), "--csv", str(out), "--lang", "en"])
    assert status == 1  # some files were rejected, the table is still written
    assert out.read_text(encoding="utf-8") == EXPECTED_CSV
    err = capsys.readouterr().err.splitlines()
    assert f"tcp-trainer: {folder / 'broken.json'}:1:2: not an answer file: it is not JSON" in err
    assert f"tcp-trainer: {folder / 'chen.tcpanswers'}: the answer file was changed after " \
           "TCP Trainer wrote it (integrity check failed)" in err
    assert any("unknown exercise \"essay\"" in line for line in err)
    assert not any("notes.txt" in line for line in err)


def test_grade_in_chinese_and_with_a_bad_exercise_file(fixture_class, tmp_path, capsys):
    exercise_file, folder = fixture_class
    status = main(["grade", str(exercise_file), str(folder), "--csv", str(tmp_path / "o.csv"),
                   "--lang", "zh_CN"])
    assert status == 1
    assert "完整性校验失败" in capsys.readouterr().err
    exercise_file.write_text(HEAD + "[[exercise]]\nid = 5\n", encoding="utf-8")
    status = main(["grade", str(exercise_file), str(folder), "--csv", str(tmp_path / "o.csv"),
                   "--lang", "en"])
    assert status == 2
    assert f"{exercise_file}:4:6: " in capsys.readouterr().err


def test_grade_with_no_answer_files(tmp_path, capsys):
    (tmp_path / "quiz.toml").write_text(HEAD + CHOICE, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    status = main(["grade", str(tmp_path / "quiz.toml"), str(tmp_path / "empty"),
                   "--csv", str(tmp_path / "o.csv"), "--lang", "en"])
    assert status == 2 and "no answer files" in capsys.readouterr().err


# ---- exercise validate / seal / export ---------------------------------------------------------

def test_validate_reports_located_errors_with_exit_2(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(HEAD + CHOICE, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(HEAD + CHOICE.replace("multiple = true", "multiple = yes"), encoding="utf-8")
    assert main(["exercise", "validate", str(good), "--lang", "en"]) == 0
    assert "good.toml: 1 exercise(s), valid" in capsys.readouterr().out
    assert main(["exercise", "validate", str(good), str(bad), "--lang", "zh_CN"]) == 2
    captured = capsys.readouterr()
    assert f"{bad} 第 10 行第 12 列：TOML 语法错误" in captured.err
    assert "good.toml" in captured.out


def test_seal_then_validate(tmp_path, capsys):
    draft = tmp_path / "draft.toml"
    draft.write_text(HEAD + CHOICE.replace('key = "', 'answer = ["a", "c"]\nold = "'), encoding="utf-8")
    text = draft.read_text(encoding="utf-8")
    draft.write_text("\n".join(line for line in text.splitlines() if not line.startswith("old =")),
                     encoding="utf-8")
    assert main(["exercise", "validate", str(draft), "--lang", "en"]) == 2
    assert main(["exercise", "seal", str(draft), "--lang", "en"]) == 0
    assert "sealed 1 answer(s)" in capsys.readouterr().out
    assert main(["exercise", "validate", str(draft), "--lang", "en"]) == 0
    assert main(["exercise", "seal", str(draft), "--lang", "en"]) == 0
    assert "no plain answers" in capsys.readouterr().out


def test_export_moodle_and_gift_say_what_they_skip(tmp_path, capsys):
    quiz = tmp_path / "quiz.toml"
    from tests.practice.test_kinds import BUILD

    quiz.write_text(HEAD + HANDSHAKE_FILL + CHOICE + CALC + BUILD, encoding="utf-8")
    out = tmp_path / "quiz.xml"
    assert main(["exercise", "export", str(quiz), "--moodle-xml", "-o", str(out), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "exported 3 exercise(s)" in captured.out
    assert "skipped build (build the trace): Moodle XML has no question type" in captured.err
    document = xml.dom.minidom.parse(str(out))
    types = [q.getAttribute("type") for q in document.getElementsByTagName("question")]
    assert types == ["cloze", "multichoice", "numerical"]
    assert "SHORTANSWER:%100%SYN-RECEIVED" in out.read_text(encoding="utf-8")
    assert main(["exercise", "export", str(quiz), "--gift", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "::English::" in captured.out and "{#" in captured.out
    assert "skipped fill (fill in): GIFT allows one blank per question" in captured.err
    with pytest.raises(SystemExit) as info:  # a format is required: argparse says so
        main(["exercise", "export", str(quiz), "--lang", "en"])
    assert info.value.code == 2
