"""Choice exercises: single or multiple choice, each option with its own feedback.

The key is sealed (``key = "sha256$..."``): the hash of the sorted ids of the right options.
Grading is all or nothing, as in the exam: the selection must be exactly the key. The feedback
of every option the learner picked is shown, and after grading that of every option, so the
author writes feedback that explains the option on its own merits (why a myth is a myth)
without saying "right" or "wrong": the verdict comes from the key.

Options are shown in an order shuffled by the seed unless ``shuffle = false``.
"""

from __future__ import annotations

import random

from trainer.practice.errors import Problem
from trainer.practice.model import ChoiceSpec, Instance, Option
from trainer.practice.outcome import Item
from trainer.practice.sealing import canonical_choice, matches

KEYS = ("options", "multiple", "shuffle", "key", "answer", "trace")
OPTION_KEYS = ("id", "text", "feedback")
MAX_OPTIONS = 10


def ordered_options(instance: Instance) -> list[Option]:
    spec: ChoiceSpec = instance.exercise.spec
    options = list(spec.options)
    if spec.shuffle:
        random.Random(f"tcp-trainer/{instance.exercise.id}/{instance.seed}/options").shuffle(options)
    return options


def parse_answer(spec: ChoiceSpec, payload) -> list[str]:
    selected = payload.get("selected") if isinstance(payload, dict) else None
    if isinstance(selected, str):
        selected = [selected]
    if not isinstance(selected, list) or not all(isinstance(s, str) for s in selected) \
            or len(selected) > MAX_OPTIONS:
        raise Problem("answer.malformed")
    return selected


def grade(instance: Instance, selected: list[str]) -> tuple[list[Item], float]:
    spec: ChoiceSpec = instance.exercise.spec
    known = {o.id for o in spec.options}
    unknown = [s for s in selected if s not in known]
    chosen = sorted(set(selected) & known)
    if unknown or (not spec.multiple and len(chosen) > 1):
        right = False
    else:
        right = bool(chosen) and matches(spec.key, instance.exercise.id, canonical_choice(chosen))
    items = [Item("choice.right" if right else ("choice.none" if not chosen else "choice.wrong"),
                  {"given": ", ".join(chosen), "multiple": spec.multiple}, 1.0 if right else 0.0)]
    for option in ordered_options(instance):
        if option.feedback is None:
            continue
        code = "choice.picked" if option.id in chosen else "choice.not-picked"
        items.append(Item(code, {"option": option.id}, 1.0 if right else 0.0, weight=0.0,
                          feedback=option.feedback))
    return items, 1.0 if right else 0.0
