"""Find-the-bug exercises: a trace with planted errors. The learner marks each wrong event and
names the rule it breaks; the engine's own error findings are the answer, so none is stored.

``bugs`` in the file says how many errors the author planted: validation checks that the
engine finds exactly that many (event, rule) pairs, which catches a slip that plants one too
many or too few. ``rules`` is the list the learner chooses from (default: every error code).

Scoring per planted error: the right event with the right rule 1, the right event with another
rule 1/2, missed 0; each marked event with no error costs 1/2. The total is divided by the
number of errors and kept between 0 and 1.
"""

from __future__ import annotations

from trainer.engine.findings import CODES, Severity
from trainer.practice.errors import Problem
from trainer.practice.model import FindBugSpec, Instance
from trainer.practice.outcome import Item
from trainer.practice.traces import errors, event_of, instance_trace, names

KEYS = ("trace", "bugs", "rules")
ERROR_CODES = tuple(code for code, info in CODES.items() if info.severity is Severity.ERROR)
MAX_MARKS = 100


def planted(instance: Instance) -> dict[tuple[int, str], object]:
    """``{(event index, code): finding}`` for every error the engine finds in the trace."""
    trace, result = instance_trace(instance, "trace", instance.exercise.spec.trace)
    found = {}
    for finding in errors(result):
        event = event_of(result, finding)
        found.setdefault((event, finding.code), finding)
    return found


def parse_answer(spec: FindBugSpec, payload) -> list[tuple[int, str]]:
    marks = payload.get("marks") if isinstance(payload, dict) else None
    if not isinstance(marks, list) or len(marks) > MAX_MARKS:
        raise Problem("answer.malformed")
    out = []
    for mark in marks:
        if not isinstance(mark, dict):
            raise Problem("answer.malformed")
        event, rule = mark.get("event"), mark.get("rule")
        if isinstance(event, bool) or not isinstance(event, int) or not isinstance(rule, str):
            raise Problem("answer.malformed")
        out.append((event - 1, rule))  # files count events from 1
    return out


def grade(instance: Instance, marks: list[tuple[int, str]]) -> tuple[list[Item], float]:
    trace, result = instance_trace(instance, "trace", instance.exercise.spec.trace)
    bugs = planted(instance)
    host_names = names(trace)
    marked: dict[int, set[str]] = {}
    for event, rule in marks:
        marked.setdefault(event, set()).add(rule)
    items = []
    bug_events = {event for event, _ in bugs}
    for (event, code), finding in sorted(bugs.items(), key=lambda kv: kv[0]):
        given = ", ".join(sorted(marked.get(event, ())))
        params = {"event": event + 1, "rule": code, "given": given}
        if code in marked.get(event, ()):
            items.append(Item("findbug.found", params, 1.0, findings=[finding], names=host_names))
        elif event in marked:
            items.append(Item("findbug.wrong-rule", params, 0.5, findings=[finding],
                              names=host_names))
        else:
            items.append(Item("findbug.missed", params, 0.0, findings=[finding], names=host_names))
    false_marks = sorted(set(marked) - bug_events)
    for event in false_marks:
        params = {"event": event + 1, "given": ", ".join(sorted(marked[event]))}
        items.append(Item("findbug.false-mark", params, 0.0, weight=0.0))
    total = sum(item.credit for item in items) - 0.5 * len(false_marks)
    return items, max(0.0, min(1.0, total / max(1, len(bugs))))
