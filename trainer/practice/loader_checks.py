"""The checks an exercise must pass for every validation seed: its templates render, its traces
read, and the engine agrees with what the author meant (see each kind's module).

Each failure is located in the file: at the expression, blank or trace line when the position
inside a string is known, else at the value.
"""

from __future__ import annotations

from trainer.engine.trace import Segment
from trainer.formats.errors import TraceFormatError
from trainer.practice import calculate, fillin, findbug, predict
from trainer.practice.errors import ExerciseFormatError, Problem
from trainer.practice.expr import ExprError
from trainer.practice.model import Exercise, Instance
from trainer.practice.reader import Context, Table
from trainer.practice.template import TemplateError, render
from trainer.practice.traces import errors, instance_trace, names, render_trace


def finding_param(finding, trace) -> dict:
    """A finding as an error parameter: rendered later, in the reader's language."""
    return {"code": finding.code, "params": dict(finding.params), "names": names(trace)}


def check_instance(ctx: Context, t: Table, exercise: Exercise, instance: Instance) -> None:
    _check_texts(ctx, t, instance)
    checker = _KIND_CHECKS[exercise.kind]
    checker(ctx, t, exercise, instance)


# ---- texts ------------------------------------------------------------------------------------

def _text_paths(t: Table) -> list[tuple[tuple, dict]]:
    data = t.data
    found = []
    for key in ("title", "prompt", "explanation", "unit"):
        if isinstance(data.get(key), dict):
            found.append(((key,), data[key]))
    for group, keys in (("hints", ("text",)), ("options", ("text", "feedback")),
                        ("require", ("text",))):
        for i, item in enumerate(data.get(group) or ()):
            for key in keys:
                if isinstance(item, dict) and isinstance(item.get(key), dict):
                    found.append(((group, i, key), item[key]))
    return found


def _check_texts(ctx: Context, t: Table, instance: Instance) -> None:
    for rel, text in _text_paths(t):
        for lang, value in text.items():
            try:
                render(value, instance.values)
            except TemplateError as exc:
                raise ctx.template_error(exc, t.path + rel + (lang,)) from None


def _trace(ctx: Context, t: Table, key: str, instance: Instance, blanks: dict | None = None):
    template = t.data[key]
    try:
        _, trace = render_trace(template, instance.values, blanks)
    except TemplateError as exc:
        raise ctx.template_error(exc, t.at(key)) from None
    except TraceFormatError as exc:
        rendered = render(template, instance.values, blanks)
        raise ctx.trace_error(exc, t.at(key), rendered) from None
    return trace


def _must_be_valid(ctx: Context, t: Table, key: str, instance: Instance):
    _trace(ctx, t, key, instance)
    trace, result = instance_trace(instance, key, t.data[key])
    errs = errors(result)
    if errs:
        raise t.fail("reference-invalid", key, finding=finding_param(errs[0], trace))
    return trace, result


# ---- kinds ------------------------------------------------------------------------------------

def _build(ctx, t, exercise, instance) -> None:
    if t.has("start"):
        _trace(ctx, t, "start", instance)


def _fill_in(ctx, t, exercise: Exercise, instance) -> None:
    spec = exercise.spec
    _trace(ctx, t, "trace", instance, {b.name: fillin._sentinel(b) for b in spec.blanks})
    try:
        fillin.solution_for(instance)
    except Problem as p:
        offset = getattr(p, "offset", None)
        if offset is not None:
            raise ctx.error_in_string(p.code, t.at("trace"), offset, **p.params) from None
        raise t.fail(p.code, "trace", **p.params) from None
    except TraceFormatError as exc:
        rendered = render(spec.trace, instance.values, {b.name: fillin._sentinel(b)
                                                        for b in spec.blanks})
        raise ctx.trace_error(exc, t.at("trace"), rendered) from None


def _find_the_bug(ctx, t, exercise: Exercise, instance) -> None:
    spec = exercise.spec
    _trace(ctx, t, "trace", instance)
    bugs = findbug.planted(instance)
    if len(bugs) != spec.bugs:
        where = "; ".join(f"{event + 1}:{code}" for event, code in sorted(bugs)) or "—"
        raise t.fail("bug-count", "bugs", expected=spec.bugs, found=len(bugs), where=where)
    missing = sorted({code for _, code in bugs} - set(spec.rules))
    if missing:
        raise t.fail("rule-missing", "rules", codes=", ".join(missing))


def _predict_next(ctx, t, exercise: Exercise, instance) -> None:
    spec = exercise.spec
    trace, result = _must_be_valid(ctx, t, "trace", instance)
    count = len(trace.events)
    for i, checkpoint in enumerate(spec.checkpoints):
        if checkpoint.event > count:
            raise t.fail("event-out-of-range", "checkpoints", i, "event", found=checkpoint.event,
                         count=count)
        if checkpoint.ask != "segment":
            continue
        real = trace.events[checkpoint.event - 1]
        if not isinstance(real, Segment):
            raise t.fail("checkpoint-not-segment", "checkpoints", i, "event",
                         event=checkpoint.event)
        for j, template in enumerate(checkpoint.distractors):
            path = t.at("checkpoints", i, "distractors", j)
            try:
                rendered = render(template, instance.values)
                candidate = predict.distractor_segment(rendered.text, real)
            except TemplateError as exc:
                raise ctx.template_error(exc, path) from None
            except TraceFormatError as exc:
                offset = rendered.template_offset(max(0, (exc.column or 1) - 1 - len("0 ")))
                line, column = ctx.string_place(path, offset)
                raise ExerciseFormatError("trace-notation", {"code": exc.code, "params": exc.params},
                                          source=ctx.source, line=line, column=column) from None
            except Problem:
                raise ctx.error("distractor-not-segment", path, found=rendered.text) from None
            shown = (candidate.sender, int(candidate.flags), candidate.seq, candidate.ack,
                     candidate.length)
            if shown == (real.sender, int(real.flags), real.seq, real.ack, real.length):
                raise ctx.error("distractor-same", path, found=rendered.text)
            if not predict.try_segment(trace, checkpoint.event - 1, candidate):
                raise ctx.error("distractor-valid", path, found=rendered.text)


def _calculate(ctx, t, exercise: Exercise, instance) -> None:
    spec = exercise.spec
    for key in ("trace", "scenario"):
        if t.has(key):
            _trace(ctx, t, key, instance)
    if spec.measures:
        _must_be_valid(ctx, t, "scenario" if spec.scenario else "trace", instance)
    if spec.formula is None:
        return
    try:
        calculate.correct_value(instance)
    except Problem as p:
        raise t.fail(p.code, "measures", p.params["name"], place="key", **p.params) from None
    except ExprError as exc:
        raise ctx.error_in_string(exc.code, t.at("answer"), exc.offset, **exc.params) from None


def _choice(ctx, t, exercise, instance) -> None:
    if t.has("trace"):
        _trace(ctx, t, "trace", instance)


_KIND_CHECKS = {
    "build": _build, "fill-in": _fill_in, "find-the-bug": _find_the_bug,
    "predict-next": _predict_next, "calculate": _calculate, "choice": _choice,
}
