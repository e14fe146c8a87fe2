"""Grade one answer to one exercise: ``grade(exercise, seed, payload, hints_used)``.

The payload is the kind's answer as it is stored in an answer file (JSON data):

============== ====================================================================
kind           payload
============== ====================================================================
build          ``{"trace": "<the learner's trace in the text notation>"}``
fill-in        ``{"blanks": {"ack2": "301", "state_b": "SYN-RECEIVED", ...}}``
find-the-bug   ``{"marks": [{"event": 3, "rule": "ack-not-next"}, ...]}`` (events from 1)
predict-next   ``{"checkpoints": ["SYN-RECEIVED", "b", ...]}`` (a state or an option letter)
calculate      ``{"value": 60.0}``
choice         ``{"selected": ["a", "c"]}``
============== ====================================================================

A payload of the wrong shape is not an error: it scores 0 with an item that says so, so one
damaged answer never stops the grading of a class.
"""

from __future__ import annotations

from trainer.practice import build, calculate, choice, fillin, findbug, predict
from trainer.practice.errors import Problem
from trainer.practice.loader import instantiate
from trainer.practice.model import Exercise, Instance
from trainer.practice.outcome import Grade, Item

KIND_MODULES = {
    "build": build, "fill-in": fillin, "find-the-bug": findbug, "predict-next": predict,
    "calculate": calculate, "choice": choice,
}


def grade(exercise: Exercise, seed: int, payload, hints_used: int = 0) -> Grade:
    return grade_instance(instantiate(exercise, seed), payload, hints_used)


def grade_instance(instance: Instance, payload, hints_used: int = 0) -> Grade:
    exercise = instance.exercise
    hints_used = max(0, min(int(hints_used), len(exercise.hints)))
    penalty = exercise.hint_penalty(hints_used)
    module = KIND_MODULES[exercise.kind]

    def result(items: list[Item], raw: float, answered: bool = True) -> Grade:
        return Grade(exercise.id, instance.seed, exercise.points, raw, hints_used, penalty,
                     items, answered)

    if payload is None:
        return result([Item("answer.none", {}, 0.0)], 0.0, answered=False)
    try:
        answer = module.parse_answer(exercise.spec, payload)
    except Problem as problem:
        return result([Item(problem.code, dict(problem.params), 0.0)], 0.0)
    items, raw = module.grade(instance, answer)
    return result(items, raw)
