"""Predict-next exercises: step through a trace; at chosen events the learner names a host's
state or picks the segment that comes next.

- ``ask = "state"``: the state of ``host`` once it has processed event ``event`` (the
  convention of state claims: the sender right after sending, the receiver right after the
  arrival). The engine says which state that is.
- ``ask = "segment"``: the learner has seen the events before ``event`` and picks event
  ``event`` among the real segment and the author's ``distractors`` (``"B>A ACK seq=300
  ack=101"``, sent and arriving when the real one does). The engine grades the choice: a
  distractor is wrong because sending it there breaks a rule, and that finding is its
  feedback. Validation checks that the real segment is valid and every distractor is not.
"""

from __future__ import annotations

import random
from dataclasses import replace

from trainer.engine.checker import check
from trainer.engine.states import State
from trainer.engine.trace import Segment, Trace
from trainer.formats.notation import parse_notation
from trainer.practice.errors import Problem
from trainer.practice.model import Instance, PredictSpec
from trainer.practice.outcome import Item
from trainer.practice.template import render
from trainer.practice.traces import (
    errors, event_of, instance_trace, names, segment_summary, state_after_event,
)

KEYS = ("trace", "checkpoints")
CHECKPOINT_KEYS = ("event", "ask", "host", "distractors")
LETTERS = "abcdefgh"


def distractor_segment(text: str, real: Segment) -> Segment:
    """A distractor line, read with the notation reader and placed where the real one is."""
    trace = parse_notation("0 " + text, "<distractor>")
    if len(trace.events) != 1 or not isinstance(trace.events[0], Segment):
        raise Problem("distractor-not-segment")
    seg = trace.events[0]
    return replace(seg, send_time=real.send_time, arrive_time=real.arrive_time, claims=None)


def try_segment(trace: Trace, event: int, candidate: Segment) -> list:
    """The error findings when ``candidate`` takes the place of event ``event`` and the trace
    stops there."""
    trial = Trace(hosts=trace.hosts, events=[*trace.events[:event], candidate],
                  options=trace.options)
    result = check(trial)
    return [f for f in errors(result) if event_of(result, f) == event]


def options(instance: Instance, index: int) -> list[tuple[str, Segment]]:
    """``[(letter, segment), ...]`` for segment checkpoint ``index``, shuffled by the seed."""
    key = ("predict-options", index)
    cached = instance.cache.get(key)
    if cached is not None:
        return cached
    spec: PredictSpec = instance.exercise.spec
    checkpoint = spec.checkpoints[index]
    trace, _ = instance_trace(instance, "trace", spec.trace)
    real = trace.events[checkpoint.event - 1]
    segments = [real] + [distractor_segment(render(d, instance.values).text, real)
                         for d in checkpoint.distractors]
    rng = random.Random(f"tcp-trainer/{instance.exercise.id}/{instance.seed}/checkpoint/{index}")
    rng.shuffle(segments)
    cached = instance.cache[key] = list(zip(LETTERS, segments, strict=False))
    return cached


def parse_answer(spec: PredictSpec, payload) -> list:
    picks = payload.get("checkpoints") if isinstance(payload, dict) else None
    if not isinstance(picks, list) or len(picks) > len(spec.checkpoints):
        raise Problem("answer.malformed")
    return [p if isinstance(p, str) else None for p in picks]


def grade(instance: Instance, picks: list) -> tuple[list[Item], float]:
    spec: PredictSpec = instance.exercise.spec
    trace, result = instance_trace(instance, "trace", spec.trace)
    host_names = names(trace)
    items = []
    for index, checkpoint in enumerate(spec.checkpoints):
        given = picks[index] if index < len(picks) else None
        event = checkpoint.event - 1
        if checkpoint.ask == "state":
            actual = state_after_event(trace, result, event, checkpoint.host)
            params = {"event": checkpoint.event, "host": checkpoint.host,
                      "actual": actual.value, "given": (given or "")[:40]}
            transitions = _transitions(result, event, checkpoint.host)
            if given is None:
                items.append(Item("predict.state-missing", params, 0.0, names=host_names,
                                  feedback=None))
                continue
            try:
                state = State.parse(given)
            except ValueError:
                code = "fillin.syn-send" if given.strip().upper().replace("-", "_") == "SYN_SEND" \
                    else "predict.state-unknown"
                items.append(Item(code, {**params, "found": given[:40]}, 0.0, names=host_names))
                continue
            params["given"] = state.value
            right = state is actual
            item = Item("predict.state-right" if right else "predict.state-wrong", params,
                        1.0 if right else 0.0, names=host_names)
            item.params["transitions"] = transitions
            items.append(item)
            continue
        choices = dict(options(instance, index))
        real = trace.events[event]
        params = {"event": checkpoint.event, "given": given or "",
                  "actual": segment_summary(real)}
        chosen = choices.get(given) if given else None
        if chosen is None:
            items.append(Item("predict.segment-missing", params, 0.0, names=host_names))
            continue
        params["chosen"] = segment_summary(chosen)
        if chosen is real:
            items.append(Item("predict.segment-right", params, 1.0, names=host_names))
            continue
        findings = try_segment(trace, event, chosen)
        code = "predict.segment-wrong" if findings else "predict.segment-also-valid"
        items.append(Item(code, params, 0.0 if findings else 1.0, findings=findings,
                          names=host_names))
    return items, sum(item.credit for item in items) / max(1, len(items))


def _transitions(result, event: int, host: str) -> tuple[str, ...]:
    out: list[str] = []
    for step in result.steps:
        if step.event == event and step.host == host:
            out.extend(step.transitions)
    return tuple(out)
