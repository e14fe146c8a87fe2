"""Every bad input is a located ExerciseFormatError, in both languages."""

from __future__ import annotations

import re
import string

import pytest

from trainer.i18n.exercise_errors import EXERCISE_ERRORS
from trainer.practice.errors import ERROR_PARAMS, ExerciseFormatError
from trainer.practice.loader import load_exercises, loads_exercises

from tests.practice.helpers import CHOICE, HANDSHAKE_FILL, HEAD, TEXT, exercise, load

CJK = re.compile(r"[\u4e00-\u9fff]")


def error_of(text: str, **kwargs) -> ExerciseFormatError:
    with pytest.raises(ExerciseFormatError) as info:
        loads_exercises(text, "bad.toml", **kwargs)
    return info.value


def position(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based line and column of ``needle`` in ``text``."""
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_toml_syntax_error_has_tomllib_position():
    text = HEAD + 'title = "unclosed\n'
    err = error_of(text)
    assert err.code == "toml-unterminated-string"
    assert (err.line, err.column) == (3, 18)
    assert err.render("en").startswith("bad.toml:3:18: TOML syntax error")
    assert err.render("zh_CN").startswith("bad.toml 第 3 行第 18 列：TOML 语法错误")


def test_two_single_exercise_tables_get_a_helpful_message():
    text = HEAD + "[exercise]\nid = \"a\"\n[exercise]\nid = \"b\"\n"
    err = error_of(text)
    assert err.code == "toml-duplicate-exercise" and err.line == 5
    assert "[[exercise]]" in err.message("en")


def test_unknown_key_is_located_at_the_key():
    text = HEAD + CHOICE.replace('multiple = true', 'multiple = true\n  hint = "typo"')
    err = error_of(text)
    assert err.code == "unknown-key" and err.params["key"] == "hint"
    assert (err.line, err.column) == position(text, "hint =")
    assert "exercise[1]" in err.message("en")


def test_unknown_key_in_a_nested_inline_table():
    text = HEAD + CHOICE.replace('feedback = {zh_CN = "甲", en = "about a"}',
                                 'feedback = {zh_CN = "甲", en = "about a", fr = "à propos"}')
    err = error_of(text)
    assert err.code == "unknown-key" and err.params["key"] == "fr"
    assert (err.line, err.column) == position(text, "fr =")


def test_bad_value_is_located_at_the_value():
    text = HEAD + exercise("difficulty = 7\nanswer = \"1\"\n", "calculate")
    err = error_of(text)
    assert err.code == "out-of-range" and err.params["found"] == "7"
    assert (err.line, err.column) == position(text, "7")


def test_wrong_type():
    text = HEAD + exercise('points = "ten"\nanswer = "1"\n', "calculate")
    err = error_of(text)
    assert err.code == "wrong-type" and err.params["expected"] == "number"
    assert (err.line, err.column) == position(text, '"ten"')


def test_missing_language_names_it():
    text = HEAD + exercise('answer = "1"\n', "calculate").replace(
        f"prompt = {TEXT}", 'prompt = {en = "English only"}')
    err = error_of(text)
    assert err.code == "missing-language" and err.params["lang"] == "zh_CN"
    assert err.line == position(text, "prompt =")[0]


def test_missing_key_and_unknown_kind():
    err = error_of(HEAD + '\n[[exercise]]\nid = "x"\nkind = "essay"\n')
    assert err.code == "not-one-of" and err.params["found"] == '"essay"'
    err = error_of(HEAD + '\n[[exercise]]\nkind = "choice"\n')
    assert err.code == "missing-key" and err.params["key"] == "id"
    assert err.line == 4  # the [[exercise]] header


def test_not_an_exercise_file_and_version():
    assert error_of('format = "tcp-trainer-trace"\nversion = 1\n').code == "not-exercises"
    err = error_of('format = "tcp-trainer-exercises"\nversion = 2\n')
    assert err.code == "unsupported-version" and (err.line, err.column) == (2, 11)
    assert error_of(HEAD).code == "no-exercises"


def test_expression_error_is_located_inside_the_prompt():
    text = HEAD + exercise('answer = "1"\n', "calculate").replace(
        f"prompt = {TEXT}", 'prompt = {zh_CN = "值 {x + }", en = "value {x + }"}')
    err = error_of(text)
    assert err.code == "expr-expected-value"
    line, column = position(text, "{x + }")
    assert (err.line, err.column) == (line, column + 5)


def test_unknown_name_in_a_formula():
    text = HEAD + exercise('answer = "2 * msl"\n', "calculate")
    err = error_of(text)
    assert err.code == "expr-unknown-name" and err.params["name"] == "msl"
    line, column = position(text, '"2 * msl"')
    assert (err.line, err.column) == (line, column + 1 + 4)


def test_trace_error_is_located_in_the_file():
    text = HEAD + HANDSHAKE_FILL.replace("ack=?ack2 @0.100", "ack=?ack2 @0.1OO")
    err = error_of(text)
    assert err.code == "trace-notation"
    assert (err.line, err.column) == position(text, "0.1OO")  # the reader points past the '@'
    assert "'0.1OO'" in err.message("en")
    assert CJK.search(err.message("zh_CN"))


def test_trace_error_after_a_field_maps_back_to_the_template_column():
    text = HEAD + HANDSHAKE_FILL.replace("0.050 B>A SYN,ACK seq=500", "0.050 B>A SYN,ACK seq={isn} x=1")
    err = error_of(text)
    assert err.code == "trace-notation" and err.params["code"] == "unknown-field"
    assert (err.line, err.column) == position(text, "x=1")


def test_blank_misplaced_and_repeated():
    text = HEAD + HANDSHAKE_FILL.replace("host B server", "host B ?role")
    err = error_of(text)
    assert err.code == "blank-misplaced" and (err.line, err.column) == position(text, "?role")
    text = HEAD + HANDSHAKE_FILL.replace("ack=501", "ack=?ack2")
    err = error_of(text)
    assert err.code == "blank-repeated" and (err.line, err.column) == position(text, "?ack2", 1)


def test_blank_that_the_rules_do_not_determine_is_refused():
    """The server's ISN is free: a fill-in cannot ask for it."""
    text = HEAD + HANDSHAKE_FILL.replace("SYN,ACK seq=500 ack=?ack2", "SYN,ACK seq=?isn_b ack=?ack2"
                                         ).replace("ack=501", "ack=?ack3")
    err = error_of(text)
    assert err.code in ("blank-not-determined", "blank-unsolvable")
    assert "isn_b" in err.message("en")


def test_find_the_bug_count_must_match_the_engine():
    text = HEAD + exercise("""bugs = 2
trace = '''
0.000 A>B SYN seq=2000 @0.050
0.050 B>A SYN,ACK seq=7000 ack=2000 @0.100
'''
""", "find-the-bug")
    err = error_of(text)
    assert err.code == "bug-count" and err.params["found"] >= 1
    assert "ack-not-next" in err.params["where"]
    assert (err.line, err.column) == position(text, "2\ntrace")


def test_valid_distractor_is_refused():
    text = HEAD + exercise("""trace = '''
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100
'''
[[exercise.checkpoints]]
event = 2
ask = "segment"
distractors = ["B>A SYN,ACK seq=999 ack=101"]
""", "predict-next")
    err = error_of(text)
    assert err.code == "distractor-valid"
    assert (err.line, err.column) == position(text, '"B>A SYN,ACK seq=999')


def test_reference_trace_of_predict_next_must_be_valid():
    text = HEAD + exercise("""trace = '''
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=100 @0.100
'''
[[exercise.checkpoints]]
event = 1
ask = "state"
host = "B"
""", "predict-next")
    err = error_of(text)
    assert err.code == "reference-invalid"
    assert "100" in err.message("en") and CJK.search(err.message("zh_CN"))


def test_plain_answers_must_be_sealed():
    text = HEAD + CHOICE.replace('key = "', 'answer = ["a"]\nx_key = "')
    text = re.sub(r'x_key = "[^"]*"\n', "", text)
    err = error_of(text)
    assert err.code == "unsealed-answer"
    assert (err.line, err.column) == position(text, "answer =")
    assert "seal" in err.message("en")


def test_bad_seal_and_single_choice_with_two_answers():
    err = error_of(HEAD + re.sub(r'key = "[^"]*"', 'key = "b"', CHOICE))
    assert err.code == "bad-seal"
    text = HEAD + re.sub(r'key = "[^"]*"', 'answer = ["a", "b"]', CHOICE.replace(
        "multiple = true", "multiple = false"))
    assert error_of(text, allow_unsealed=True).code == "single-needs-one"


def test_duplicate_ids():
    err = error_of(HEAD + CHOICE + CHOICE)
    assert err.code == "duplicate-id" and err.params["id"] == "pick"


def test_files_that_cannot_be_read(tmp_path):
    with pytest.raises(ExerciseFormatError) as info:
        load_exercises(tmp_path / "missing.toml")
    assert info.value.code == "file-not-found"
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(HEAD.encode() + b'x = "caf\xe9"\n')
    with pytest.raises(ExerciseFormatError) as info:
        load_exercises(bad)
    assert info.value.code == "not-utf8" and info.value.line == 3


def test_valid_file_with_a_byte_order_mark():
    data = "\ufeff" + HEAD + CHOICE
    assert loads_exercises(data.encode("utf-8"), "bom.toml").exercises[0].id == "pick"


# ---- the catalog --------------------------------------------------------------------------

def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_error_code_has_both_languages_with_the_same_fields():
    assert set(EXERCISE_ERRORS) == set(ERROR_PARAMS)
    for code, templates in EXERCISE_ERRORS.items():
        assert set(templates) == {"en", "zh_CN"}, code
        assert _fields(templates["en"]) == _fields(templates["zh_CN"]), code
        assert CJK.search(templates["zh_CN"]), code
        if code == "trace-notation":
            continue
        assert _fields(templates["en"]) <= set(ERROR_PARAMS[code]), code


def test_every_error_renders_in_both_languages():
    samples = {"finding": {"code": "ack-not-next", "params": {"host": "B", "expected": 2,
                                                              "got": 1, "hint": "syn"},
                           "names": {}}}
    for code, params in ERROR_PARAMS.items():
        values = {p: samples.get(p, "x") for p in params}
        if code == "trace-notation":
            values = {"code": "expected-integer", "params": {"what": "seq", "found": "abc"}}
        err = ExerciseFormatError(code, values, source="f.toml", line=1, column=2)
        for lang in ("en", "zh_CN"):
            assert err.render(lang).startswith(("f.toml:1:2: ", "f.toml 第 1 行第 2 列："))


def test_building_an_error_with_wrong_params_is_a_bug():
    with pytest.raises(ValueError):
        ExerciseFormatError("unknown-key", {"key": "x"})


def test_loaded_fixture_is_fine():
    assert [e.id for e in load(HANDSHAKE_FILL, CHOICE).exercises] == ["fill", "pick"]


@pytest.mark.parametrize("distractor, code", [
    ("0B>A SYN,ACK seq=300 ack=100", "trace-notation"),  # found by the fuzzer
    ("B crash", "distractor-not-segment"),
    ("B>A SYN,ACK seq=300 ack=101", "distractor-same"),
])
def test_bad_distractors_are_located(distractor, code):
    text = HEAD + exercise(f"""trace = '''
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100
'''
[[exercise.checkpoints]]
event = 2
ask = "segment"
distractors = ["{distractor}"]
""", "predict-next")
    err = error_of(text)
    assert err.code == code
    line, column = position(text, f'"{distractor}"')
    assert err.line == line and err.column >= column
