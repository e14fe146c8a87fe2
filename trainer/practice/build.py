"""Build exercises: a scenario in words; the learner draws the whole trace. The engine grades
it twice: the trace must be valid (no error finding), and it must satisfy the author's
requirements, declarative predicates over the checked trace.

Rules (``rule = ...`` in a ``[[exercise.require]]`` table):

- ``passes-through``: ``host`` is in ``state`` at some point.
- ``never-in``: ``host`` is never in ``state``.
- ``ends-in``: ``host``'s last state is ``state`` (or one of ``states``).
- ``sends``: segments sent by ``host`` with all of ``flags`` set, none of ``without``, the
  sender in ``state`` right after sending it (as the RFC's figures show states), carrying data
  (``data = true``) or not, ``lost`` or not; between ``min`` and ``max`` of them (default: at
  least one).
- ``calls``: user calls ``call`` made by ``host`` (``min``/``max`` as above).
- ``transition``: the state-diagram edge ``transition`` (``finwait1-rcv-finack``, ...) taken by
  ``host`` (``min``/``max`` as above).

``host`` is ``A``, ``B``, ``any`` or ``both`` (default ``any``). For the state rules ``any``
means at least one host (for ``never-in``: neither host); for the counting rules it counts both
hosts together. ``both`` means each host on its own.
"""

from __future__ import annotations

from trainer.engine.checker import check
from trainer.engine.states import State
from trainer.engine.trace import HOSTS, Call, Flag
from trainer.formats.errors import TraceFormatError
from trainer.formats.notation import parse_notation
from trainer.practice.errors import Problem
from trainer.practice.model import BuildSpec, Instance, Requirement
from trainer.practice.outcome import Item
from trainer.practice.traces import errors, names

KEYS = ("start", "require")
RULES = {
    # rule: keys it takes besides "rule" and "text"
    "passes-through": ("host", "state"),
    "never-in": ("host", "state"),
    "ends-in": ("host", "state", "states"),
    "sends": ("host", "flags", "without", "state", "data", "lost", "min", "max"),
    "calls": ("host", "call", "min", "max"),
    "transition": ("host", "transition", "min", "max"),
}
HOST_CHOICES = ("A", "B", "any", "both")
MAX_TRACE_CHARS = 1_000_000


def parse_answer(spec: BuildSpec, payload) -> str:
    text = payload.get("trace") if isinstance(payload, dict) else None
    if not isinstance(text, str) or len(text) > MAX_TRACE_CHARS:
        raise Problem("answer.malformed")
    return text


def grade(instance: Instance, text: str) -> tuple[list[Item], float]:
    spec: BuildSpec = instance.exercise.spec
    requirements = spec.requirements
    try:
        trace = parse_notation(text, "<answer>")
    except TraceFormatError as exc:
        items = [Item("build.unreadable", {}, 0.0, trace_error=exc)]
        items += [Item("build.requirement", requirement_params(r), 0.0, feedback=r.text)
                  for r in requirements]
        return items, 0.0
    result = check(trace)
    errs = errors(result)
    host_names = names(trace)
    items = [Item("build.valid" if not errs else "build.invalid", {"count": len(errs)},
                  0.0 if errs else 1.0, findings=errs, names=host_names)]
    for requirement in requirements:
        count = measure(requirement, trace, result)
        ok = satisfied(requirement, count)
        params = requirement_params(requirement)
        params["count"] = ", ".join(f"{host}: {value}" for host, value in count.items()
                                    if isinstance(value, int))
        items.append(Item("build.met" if ok else "build.unmet", params, 1.0 if ok else 0.0,
                          feedback=requirement.text, names=host_names))
    return items, sum(item.credit for item in items) / len(items)


def requirement_params(r: Requirement) -> dict:
    """A requirement as item parameters (``explain.describe_requirement`` words them)."""
    return {"rule": r.rule, "host": r.host, "state": r.state or "",
            "states": ", ".join(r.states), "flags": Flag(r.flags).text() if r.flags else "",
            "without": Flag(r.without).text() if r.without else "",
            "data": "" if r.data is None else ("yes" if r.data else "no"),
            "lost": "" if r.lost is None else ("yes" if r.lost else "no"),
            "call": r.call or "", "transition": r.transition or "",
            "min": "" if r.min is None else r.min, "max": "" if r.max is None else r.max}


def _hosts(requirement: Requirement) -> tuple[str, ...]:
    return HOSTS if requirement.host in ("any", "both") else (requirement.host,)


def measure(requirement: Requirement, trace, result) -> dict[str, object]:
    """Per host: for state rules the state history, for counting rules the count."""
    rule = requirement.rule
    out: dict[str, object] = {}
    for host in _hosts(requirement):
        if rule in ("passes-through", "never-in", "ends-in"):
            out[host] = result.state_history(host)
        elif rule == "sends":
            out[host] = _count_sends(requirement, host, trace, result)
        elif rule == "calls":
            out[host] = sum(1 for e in trace.events if isinstance(e, Call) and e.host == host
                            and e.call.value == requirement.call)
        else:
            out[host] = sum(step.transitions.count(requirement.transition)
                            for step in result.steps if step.host == host)
    return out


def _count_sends(requirement: Requirement, host: str, trace, result) -> int:
    count = 0
    for step in result.steps:
        if step.kind != "send" or step.host != host:
            continue
        seg = trace.events[step.event]
        flags = int(seg.flags)
        if flags & requirement.flags != requirement.flags or flags & requirement.without:
            continue
        if requirement.data is not None and (seg.length > 0) != requirement.data:
            continue
        if requirement.lost is not None and seg.lost != requirement.lost:
            continue
        if requirement.state is not None and step.state_of(host).value != requirement.state:
            continue
        count += 1
    return count


def satisfied(requirement: Requirement, measured: dict[str, object]) -> bool:
    rule = requirement.rule
    if rule in ("sends", "calls", "transition") and requirement.host == "any":
        measured = {"any": sum(measured.values())}  # both hosts' segments (calls, ...) together
    per_host = []
    for value in measured.values():
        if rule == "passes-through":
            per_host.append(State(requirement.state) in value)
        elif rule == "never-in":
            per_host.append(State(requirement.state) not in value)
        elif rule == "ends-in":
            wanted = requirement.states or (requirement.state,)
            per_host.append(value[-1].value in wanted)
        else:
            low = requirement.min if requirement.min is not None else (
                1 if requirement.max is None else 0)
            high = requirement.max
            per_host.append(value >= low and (high is None or value <= high))
    if requirement.host == "any" and rule != "never-in":
        return any(per_host)
    return all(per_host)

