"""Calculate exercises: a number from the parameters (RTT, MSL, MSS, sizes), with a tolerance.

The answer is computed where possible: ``answer = "3 * rtt + 2 * msl * 1000"`` is an
expression over the parameters and over *measures*, times read off a checked scenario trace
(``t_closed = {host = "A", event = "enter", state = "CLOSED", which = "last"}``), so the
engine's timeline is the source of truth. A number the author gives by hand is sealed
(``key = "sha256$..."``, written by ``tcp-trainer exercise seal``) and compared after rounding
the learner's number to ``decimals``.

Tolerance for computed answers: ``tolerance`` (absolute), else ``relative`` (a fraction of the
answer), else half a unit of the last of ``decimals`` decimals.
"""

from __future__ import annotations

import math

from trainer.engine.states import State
from trainer.practice.errors import Problem
from trainer.practice.expr import compute
from trainer.practice.model import CalculateSpec, Instance, Measure
from trainer.practice.outcome import Item
from trainer.practice.sealing import canonical_number, matches
from trainer.practice.traces import instance_trace

KEYS = ("answer", "key", "decimals", "tolerance", "relative", "unit", "trace", "scenario",
        "measures")
MEASURE_KEYS = ("host", "event", "flags", "state", "which")
MAX_VALUE = 1e15


def measure_time(measure: Measure, trace, result) -> float | None:
    times = []
    for step in result.steps:
        if step.host != measure.host:
            continue
        if measure.event in ("send", "arrive"):
            if step.kind != measure.event:
                continue
            flags = int(trace.events[step.event].flags)
            if flags & measure.flags == measure.flags:
                times.append(step.time)
        elif measure.state is not None:
            entered = step.state_of(measure.host) is State(measure.state) and (
                step.transitions or _changed(result, step, measure.host))
            if entered:
                times.append(step.time)
    if not times:
        return None
    return times[0] if measure.which == "first" else times[-1]


def _changed(result, step, host: str) -> bool:
    i = 0 if host == "A" else 1
    before = result.steps[step.index - 1].states[i] if step.index > 0 else result.initial[i]
    return before is not step.states[i]


def names_for(instance: Instance) -> dict[str, float]:
    """Parameters and measures: every name the answer expression may use."""
    spec: CalculateSpec = instance.exercise.spec
    values = dict(instance.values)
    template = spec.scenario or spec.trace
    if spec.measures and template:
        key = "scenario" if spec.scenario else "trace"
        trace, result = instance_trace(instance, key, template)
        for m in spec.measures:
            time = measure_time(m, trace, result)
            if time is None:
                raise Problem("measure-not-found", name=m.name)
            values[m.name] = time
    return values


def correct_value(instance: Instance) -> float | None:
    spec: CalculateSpec = instance.exercise.spec
    if spec.formula is None:
        return None
    return compute(spec.formula, names_for(instance))


def tolerance(spec: CalculateSpec, correct: float) -> float:
    if spec.tolerance is not None:
        return spec.tolerance
    if spec.relative is not None:
        return abs(correct) * spec.relative
    return 0.5 * 10 ** -spec.decimals


def parse_answer(spec: CalculateSpec, payload) -> float:
    value = payload.get("value") if isinstance(payload, dict) else None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise Problem("calculate.not-a-number", found=value[:40]) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or abs(value) > MAX_VALUE:
        raise Problem("answer.malformed")
    return float(value)


def grade(instance: Instance, value: float) -> tuple[list[Item], float]:
    spec: CalculateSpec = instance.exercise.spec
    unit = spec.unit
    if spec.key is not None:
        ok = matches(spec.key, instance.exercise.id, canonical_number(value, spec.decimals))
        params = {"given": canonical_number(value, spec.decimals)}
        item = Item("calculate.sealed-right" if ok else "calculate.sealed-wrong", params,
                    1.0 if ok else 0.0, feedback=unit)
        return [item], item.credit
    correct = correct_value(instance)
    margin = tolerance(spec, correct)
    ok = abs(value - correct) <= margin + 1e-9 * max(1.0, abs(correct))
    params = {"given": _show(value), "correct": _show(correct), "tolerance": _show(margin)}
    item = Item("calculate.right" if ok else "calculate.wrong", params, 1.0 if ok else 0.0,
                feedback=unit)
    return [item], item.credit


def _show(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")
