"""Every kind of exercise graded right and wrong, with the engine's explanations."""

from __future__ import annotations

import pytest

from trainer.practice.explain import grade_lines
from trainer.practice.grading import grade
from trainer.practice.loader import instantiate

from tests.practice.helpers import CALC, CHOICE, HANDSHAKE_FILL, exercise, load, sealed_number

# ---- fill-in --------------------------------------------------------------------------------


def _fill():
    return load(HANDSHAKE_FILL).exercises[0]


def test_fill_in_solution_comes_from_the_engine():
    ex = _fill()
    instance = instantiate(ex, 7)
    isn = instance.values["isn"]
    from trainer.practice.fillin import solution_for

    assert solution_for(instance) == {"state_b": "SYN-RECEIVED", "ack2": str(isn + 1),
                                      "seq3": str(isn + 1)}


def test_fill_in_right_answer_scores_full_marks():
    ex = _fill()
    isn = instantiate(ex, 3).values["isn"]
    result = grade(ex, 3, {"blanks": {"state_b": "syn_rcvd", "ack2": str(isn + 1),
                                      "seq3": f" {isn + 1} "}})
    assert result.raw == 1.0 and result.score == 10
    assert [item.code for item in result.items] == ["fillin.right"] * 3


def test_fill_in_wrong_ack_is_explained_by_the_engine():
    ex = _fill()
    isn = instantiate(ex, 3).values["isn"]
    result = grade(ex, 3, {"blanks": {"state_b": "SYN-RECEIVED", "ack2": str(isn),
                                      "seq3": str(isn + 1)}})
    wrong = [item for item in result.items if item.code == "fillin.wrong"]
    assert len(wrong) == 1 and wrong[0].params["name"] == "ack2"
    assert wrong[0].params["solution"] == str(isn + 1)
    finding = wrong[0].findings[0]
    assert finding.code == "ack-not-next" and finding.params["hint"] == "syn"
    assert result.raw == pytest.approx(2 / 3)
    text = "\n".join(grade_lines(result, instantiate(ex, 3), "en"))
    assert f"must be {isn + 1}" in text and "consumes one sequence number" in text
    assert "RFC 9293 §3.10.7.4" in text


def test_fill_in_myth_state_name_gets_its_own_explanation():
    ex = _fill()
    isn = instantiate(ex, 0).values["isn"]
    result = grade(ex, 0, {"blanks": {"state_b": "SYN_SEND", "ack2": str(isn + 1),
                                      "seq3": str(isn + 1)}})
    assert result.items[0].code == "fillin.syn-send"
    lines = grade_lines(result, instantiate(ex, 0), "zh_CN")
    assert any("SYN-SENT" in line and "SYN_SEND" in line for line in lines)


def test_fill_in_rejects_text_that_would_change_the_trace():
    """A learner's value is a value: it cannot smuggle extra notation into the trace."""
    ex = _fill()
    isn = instantiate(ex, 0).values["isn"]
    result = grade(ex, 0, {"blanks": {"ack2": f"{isn + 1} lost", "state_b": "X",
                                      "seq3": None}})
    codes = [item.code for item in result.items]
    assert codes == ["fillin.not-a-state", "fillin.not-a-number", "fillin.missing"]
    assert result.raw == 0


def test_fill_in_accepts_another_answer_the_rules_allow():
    text = exercise("""trace = '''
host A client state=ESTABLISHED snd.una=100 snd.nxt=100 rcv.nxt=300
host B server state=ESTABLISHED snd.una=300 snd.nxt=300 rcv.nxt=100
0.000 A close
0.000 A>B FIN,ACK seq=100 ack=300 @0.05
0.050 B>A ACK seq=300 ack=?ack @0.1    [A:?a]
'''
""", "fill-in", "alt")
    ex = load(text).exercises[0]
    right = grade(ex, 0, {"blanks": {"ack": "101", "a": "FIN-WAIT-2"}})
    assert right.raw == 1
    wrong = grade(ex, 0, {"blanks": {"ack": "100", "a": "FIN-WAIT-2"}})
    assert wrong.items[0].code == "fillin.wrong"
    assert wrong.items[0].findings[0].params["hint"] == "fin"


# ---- choice --------------------------------------------------------------------------------

def test_choice_right_and_wrong():
    ex = load(CHOICE).exercises[0]
    assert grade(ex, 1, {"selected": ["c", "a"]}).raw == 1
    for wrong in (["a"], ["a", "b", "c"], ["b"], [], ["a", "c", "zz"]):
        assert grade(ex, 1, {"selected": wrong}).raw == 0, wrong


def test_choice_shows_the_feedback_of_the_options():
    ex = load(CHOICE).exercises[0]
    result = grade(ex, 1, {"selected": ["b"]})
    lines = grade_lines(result, instantiate(ex, 1), "en")
    assert any("about a" in line for line in lines)
    assert result.items[0].code == "choice.wrong"


def test_single_choice_refuses_two_picks():
    text = exercise(f"""key = "{__import__('tests.practice.helpers', fromlist=['x']).sealed_choice('one', ['a'])}"
[[exercise.options]]
id = "a"
text = {{zh_CN = "甲", en = "a"}}
[[exercise.options]]
id = "b"
text = {{zh_CN = "乙", en = "b"}}
""", "choice", "one")
    ex = load(text).exercises[0]
    assert grade(ex, 0, {"selected": "a"}).raw == 1
    assert grade(ex, 0, {"selected": ["a", "b"]}).raw == 0


# ---- calculate -----------------------------------------------------------------------------

def test_calculate_computed_answer_with_tolerance():
    ex = load(CALC).exercises[0]
    values = instantiate(ex, 5).values
    correct = 3 * values["rtt"] + 2 * values["msl"] * 1000
    assert grade(ex, 5, {"value": correct}).raw == 1
    assert grade(ex, 5, {"value": str(correct + 0.4)}).raw == 1
    assert grade(ex, 5, {"value": correct + 1}).raw == 0
    assert grade(ex, 5, {"value": "many"}).items[0].code == "calculate.not-a-number"


def test_calculate_sealed_number():
    text = exercise(f"""key = "{sealed_number('sealed', 7200)}"
""", "calculate", "sealed")
    ex = load(text).exercises[0]
    assert grade(ex, 0, {"value": 7200}).raw == 1
    assert grade(ex, 0, {"value": 7200.4}).raw == 1  # rounded to 0 decimals first
    assert grade(ex, 0, {"value": 3600}).raw == 0


def test_calculate_from_measures_of_a_checked_scenario():
    text = exercise("""answer = "(t_closed - t_syn) * 1000"
scenario = '''
host A client
host B server
option msl={msl}
0 A>B SYN seq=1 @0.05
0.05 B>A SYN,ACK seq=9 ack=2 @0.1
0.1 A close
0.1 A>B FIN,ACK seq=2 ack=10 @0.15
0.15 B close
0.15 B>A FIN,ACK seq=10 ack=3 @0.2
0.2 A>B ACK seq=3 ack=11 @0.25
{0.2 + 2 * msl} A timeout 2msl
'''
[exercise.params]
msl = {choices = [1, 2]}
[exercise.measures]
t_syn = {host = "A", event = "send", flags = "SYN"}
t_closed = {host = "A", event = "enter", state = "CLOSED", which = "last"}
""", "calculate", "measured")
    ex = load(text).exercises[0]
    msl = instantiate(ex, 0).values["msl"]
    assert grade(ex, 0, {"value": 200 + 2000 * msl}).raw == 1
    assert grade(ex, 0, {"value": 200 + 1000 * msl}).raw == 0


# ---- find-the-bug ----------------------------------------------------------------------------

BUGS = exercise("""bugs = 2
trace = '''
host A client
host B server
0.000 A>B SYN seq=2000 @0.050                       [A:SYN-SENT B:SYN-RECEIVED]
0.050 B>A SYN,ACK seq=7000 ack=2001 @0.100          [B:ESTABLISHED]
0.100 A>B ACK seq=2001 ack=7001 @0.150
0.120 A>B PSH,ACK seq=2002 ack=7001 len=50 @0.170
'''
""", "find-the-bug", "bugs")


def test_find_the_bug_all_found():
    ex = load(BUGS).exercises[0]
    result = grade(ex, 0, {"marks": [{"event": 2, "rule": "claim-mismatch"},
                                     {"event": 4, "rule": "seq-not-next"}]})
    assert result.raw == 1
    assert [i.code for i in result.items] == ["findbug.found", "findbug.found"]


def test_find_the_bug_partial_missed_and_false_marks():
    ex = load(BUGS).exercises[0]
    result = grade(ex, 0, {"marks": [{"event": 2, "rule": "ack-not-next"},
                                     {"event": 1, "rule": "seq-not-next"}]})
    assert [i.code for i in result.items] == ["findbug.wrong-rule", "findbug.missed",
                                              "findbug.false-mark"]
    assert result.raw == 0  # (0.5 + 0 - 0.5) / 2
    half = grade(ex, 0, {"marks": [{"event": 4, "rule": "seq-not-next"}]})
    assert half.raw == 0.5
    assert grade(ex, 0, {"marks": "everything"}).items[0].code == "answer.malformed"


# ---- predict-next --------------------------------------------------------------------------------

PREDICT = exercise("""trace = '''
host A client
host B server
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100
0.100 A>B ACK seq=101 ack=301 @0.150
'''
[[exercise.checkpoints]]
event = 1
ask = "state"
host = "B"
[[exercise.checkpoints]]
event = 2
ask = "segment"
distractors = ["B>A SYN,ACK seq=300 ack=100", "B>A ACK seq=300 ack=101"]
""", "predict-next", "predict")


def test_predict_next_right_and_wrong():
    from trainer.practice.predict import options
    from trainer.practice.traces import segment_summary

    ex = load(PREDICT).exercises[0]
    instance = instantiate(ex, 4)
    letters = {segment_summary(seg): letter for letter, seg in options(instance, 1)}
    real = letters["B>A SYN,ACK seq=300 ack=101"]
    wrong = letters["B>A SYN,ACK seq=300 ack=100"]
    assert grade(ex, 4, {"checkpoints": ["SYN-RECEIVED", real]}).raw == 1
    result = grade(ex, 4, {"checkpoints": ["ESTABLISHED", wrong]})
    assert result.raw == 0
    assert result.items[0].code == "predict.state-wrong"
    assert result.items[0].params["actual"] == "SYN-RECEIVED"
    assert result.items[1].code == "predict.segment-wrong"
    assert result.items[1].findings[0].code == "ack-not-next"


def test_predict_options_are_shuffled_by_seed_but_reproducible():
    from trainer.practice.predict import options
    from trainer.practice.traces import segment_summary

    ex = load(PREDICT).exercises[0]
    orders = {tuple(segment_summary(s) for _, s in options(instantiate(ex, seed), 1))
              for seed in range(12)}
    assert len(orders) > 1
    again = [segment_summary(s) for _, s in options(instantiate(ex, 3), 1)]
    assert again == [segment_summary(s) for _, s in options(instantiate(ex, 3), 1)]


# ---- build -----------------------------------------------------------------------------------------

BUILD = exercise("""[[exercise.require]]
rule = "passes-through"
host = "both"
state = "CLOSING"
[[exercise.require]]
rule = "sends"
flags = "FIN"
min = 2
max = 2
""", "build", "build")

SIMULTANEOUS = """\
host A peer state=ESTABLISHED snd.una=100 snd.nxt=100 rcv.nxt=300
host B peer state=ESTABLISHED snd.una=300 snd.nxt=300 rcv.nxt=100
0.000 A close
0.000 A>B FIN,ACK seq=100 ack=300 @0.080
0.010 B close
0.010 B>A FIN,ACK seq=300 ack=100 @0.060
0.060 A>B ACK seq=101 ack=301 @0.140
0.080 B>A ACK seq=301 ack=101 @0.130
"""


def test_build_right():
    ex = load(BUILD).exercises[0]
    result = grade(ex, 0, {"trace": SIMULTANEOUS})
    assert result.raw == 1
    assert [i.code for i in result.items] == ["build.valid", "build.met", "build.met"]


def test_build_valid_but_not_what_was_asked():
    ex = load(BUILD).exercises[0]
    ordinary = SIMULTANEOUS.replace("0.010 B close\n0.010 B>A FIN,ACK seq=300 ack=100 @0.060\n",
                                    "").replace("0.060 A>B ACK seq=101 ack=301 @0.140\n", "")
    ordinary = ordinary.replace("0.080 B>A ACK seq=301 ack=101 @0.130",
                                "0.080 B>A ACK seq=300 ack=101 @0.130")
    result = grade(ex, 0, {"trace": ordinary})
    assert [i.code for i in result.items] == ["build.valid", "build.unmet", "build.unmet"]
    assert result.raw == pytest.approx(1 / 3)
    lines = grade_lines(result, None, "en")
    assert any("CLOSING is reached by both hosts" in line for line in lines)


def test_build_invalid_trace_lists_the_engine_errors():
    ex = load(BUILD).exercises[0]
    broken = SIMULTANEOUS.replace("0.060 A>B ACK seq=101 ack=301", "0.060 A>B ACK seq=101 ack=300")
    result = grade(ex, 0, {"trace": broken})
    assert result.items[0].code == "build.invalid"
    assert any(f.code == "ack-not-next" for f in result.items[0].findings)


def test_build_unreadable_trace_is_located():
    ex = load(BUILD).exercises[0]
    result = grade(ex, 0, {"trace": "0.0 A>B SYN seq=abc"})
    assert result.items[0].code == "build.unreadable"
    assert result.items[0].trace_error.line == 1
    assert result.raw == 0


# ---- hints and unanswered ------------------------------------------------------------------------

def test_hint_penalty_reduces_the_score():
    ex = _fill()
    isn = instantiate(ex, 3).values["isn"]
    answer = {"blanks": {"state_b": "SYN-RECEIVED", "ack2": str(isn + 1), "seq3": str(isn + 1)}}
    assert grade(ex, 3, answer, hints_used=1).score == 7.5
    assert grade(ex, 3, answer, hints_used=5).hints_used == 1  # only one hint exists


def test_unanswered_scores_zero():
    result = grade(_fill(), 0, None)
    assert not result.answered and result.score == 0
    assert result.items[0].code == "answer.none"


LOST_SYN = exercise("""trace = '''
host A client
host B server
0.000 A>B SYN seq=100 ?arr1     [B:LISTEN]
1.000 A timeout rto
1.000 A>B SYN seq=100 @1.050
1.050 B>A ?flags2 seq=300 ack=101 @1.100
'''
""", "fill-in", "lost-syn", '["retransmission"]')


def test_fill_in_arrival_and_flags_blanks():
    ex = load(LOST_SYN).exercises[0]
    from trainer.practice.fillin import solution_for

    assert solution_for(instantiate(ex, 0)) == {"arr1": "lost", "flags2": "SYN,ACK"}
    assert grade(ex, 0, {"blanks": {"arr1": "LOST", "flags2": "syn+ack"}}).raw == 1
    result = grade(ex, 0, {"blanks": {"arr1": "0.5", "flags2": "ACK"}})
    assert [i.code for i in result.items] == ["fillin.wrong", "fillin.wrong"]
    assert result.items[0].findings[0].code == "claim-mismatch"  # B would have left LISTEN
    assert grade(ex, 0, {"blanks": {"arr1": "soon", "flags2": "SYN,FOO"}}).items[1].code == \
        "fillin.not-flags"


def test_fill_in_arrival_left_open_by_the_rules_is_refused():
    from trainer.practice.errors import ExerciseFormatError

    with pytest.raises(ExerciseFormatError) as info:
        load(LOST_SYN.replace("     [B:LISTEN]", ""))
    assert info.value.code == "blank-not-determined" and info.value.params["name"] == "arr1"
