"""Randomised parameters are reproducible by seed; sealed answers verify and never leak."""

from __future__ import annotations

import re

import pytest

from trainer.practice.authoring import seal_text
from trainer.practice.errors import ExerciseFormatError
from trainer.practice.expr import ExprError, compute
from trainer.practice.loader import instantiate, loads_exercises
from trainer.practice.params import ParamSpec, draw
from trainer.practice.sealing import (
    canonical_choice, canonical_number, matches, recover_choice, seal,
)

from tests.practice.helpers import HANDSHAKE_FILL, HEAD, TEXT, exercise, load


def test_same_seed_same_values_different_seeds_differ():
    ex = load(HANDSHAKE_FILL).exercises[0]
    assert instantiate(ex, 42).values == instantiate(ex, 42).values
    assert len({instantiate(ex, seed).values["isn"] for seed in range(20)}) > 10


def test_values_do_not_depend_on_the_order_of_the_params():
    specs = [ParamSpec("b", 1, 10**9), ParamSpec("a", 1, 10**9)]
    assert draw(specs, "x", 5) == draw(list(reversed(specs)), "x", 5)
    assert draw(specs, "x", 5) != draw(specs, "y", 5)  # the exercise id is part of the seed


def test_ranges_choices_and_steps_stay_in_bounds():
    specs = [ParamSpec("i", 10, 20), ParamSpec("c", choices=(1, 5, 9)),
             ParamSpec("f", 0.01, 0.05, 0.01), ParamSpec("fixed", 7, 7)]
    for seed in range(200):
        values = draw(specs, "ex", seed)
        assert 10 <= values["i"] <= 20 and isinstance(values["i"], int)
        assert values["c"] in (1, 5, 9)
        assert values["f"] in (0.01, 0.02, 0.03, 0.04, 0.05)
        assert values["fixed"] == 7


def test_seeded_values_are_stable_across_runs():
    """A regression guard: answer files store seeds, so the draw must never change."""
    values = draw([ParamSpec("isn", 1000, 4000000000)], "handshake-seq-ack", 1)
    assert values == draw([ParamSpec("isn", 1000, 4000000000)], "handshake-seq-ack", 1)
    assert values["isn"] == 1501523830


# ---- expressions ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 // 2", 3), ("7 % 4", 3), ("2 ** 10", 1024),
    ("-3 + 5", 2), ("10 / 4", 2.5), ("max(1, rtt, 3)", 20), ("round(2 / 3, 2)", 0.67),
    ("ceil(2.1) + floor(2.9) + abs(-1)", 6), ("3 * rtt + 2 * msl * 1000", 60060),
])
def test_expressions(text, expected):
    assert compute(text, {"rtt": 20, "msl": 30}) == expected


@pytest.mark.parametrize("text, code", [
    ("1 +", "expr-expected-value"), ("(1", "expr-expected"), ("__import__('os')", "expr-syntax"),
    ("open(1)", "expr-unknown-function"), ("x", "expr-unknown-name"), ("1 / 0", "expr-division-by-zero"),
    ("10 ** 20", "expr-too-large"), ("max()", "expr-bad-call"), ("a.b", "expr-syntax"),
    ("(" * 60 + "1" + ")" * 60, "expr-too-deep"),
])
def test_bad_expressions(text, code):
    with pytest.raises(ExprError) as info:
        compute(text, {"y": 1})
    assert info.value.code == code


# ---- sealing --------------------------------------------------------------------------------

def test_seal_verifies_and_differs_per_salt_and_exercise():
    key = seal("ex", canonical_choice(["b", "a"]))
    assert matches(key, "ex", "a,b") and not matches(key, "ex", "a") and not matches(key, "ex2", "a,b")
    assert seal("ex", "a,b") != seal("ex", "a,b")  # a fresh salt every time
    assert canonical_number(59.9996, 3) == "60.000" and canonical_number(-0.0001, 2) == "0.00"
    assert recover_choice(key, "ex", ["a", "b", "c"], multiple=True) == ["a", "b"]
    assert recover_choice(key, "ex", ["a", "b", "c"], multiple=False) is None


CHOICE_DRAFT = exercise(f"""answer = ["c", "a"]
multiple = true
[[exercise.options]]
id = "a"
text = {{zh_CN = "选项甲", en = "option a"}}
[[exercise.options]]
id = "b"
text = {TEXT}
[[exercise.options]]
id = "c"
text = {TEXT}
""", "choice", "draft")

NUMBER_DRAFT = exercise("answer = 7875  # seconds\ndecimals = 0\n", "calculate", "number")


def test_sealing_removes_the_plain_key_and_keeps_the_rest_of_the_file():
    draft = HEAD + "# a comment that stays\n" + CHOICE_DRAFT + NUMBER_DRAFT
    with pytest.raises(ExerciseFormatError):
        loads_exercises(draft)  # plain answers are refused
    sealed, count = seal_text(draft)
    assert count == 2
    assert "# a comment that stays" in sealed and "# seconds" in sealed
    assert 'answer = ["c", "a"]' not in sealed and "7875" not in sealed
    assert not re.search(r"^answer\s*=", sealed, re.M)
    assert len(re.findall(r'^key = "sha256\$[0-9a-f]{32}\$[0-9a-f]{64}"', sealed, re.M)) == 2
    loaded = loads_exercises(sealed).by_id()
    from trainer.practice.grading import grade

    assert grade(loaded["draft"], 0, {"selected": ["a", "c"]}).raw == 1
    assert grade(loaded["draft"], 0, {"selected": ["a"]}).raw == 0
    assert grade(loaded["number"], 0, {"value": 7875}).raw == 1
    assert grade(loaded["number"], 0, {"value": 7874}).raw == 0


def test_builtin_pack_has_no_plain_answers():
    from trainer.practice.pack import builtin_files

    for path in builtin_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^answer\s*=\s*[\[\d]", text, re.M), path.name
        assert not re.search(r'^answer\s*=\s*"[a-z0-9]{1,8}"\s*$', text, re.M), path.name


def test_sealed_numbers_cannot_have_parameters():
    text = HEAD + exercise(f'key = "{seal("n", "1")}"\n[exercise.params]\nx = 1\n', "calculate", "n")
    with pytest.raises(ExerciseFormatError) as info:
        loads_exercises(text)
    assert info.value.code == "sealed-with-params"
