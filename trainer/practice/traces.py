"""Embedded traces: render a template for an instance, read it, check it, and look things up."""

from __future__ import annotations

from trainer.engine.checker import check
from trainer.engine.findings import Finding, Severity
from trainer.engine.result import CheckResult
from trainer.engine.trace import HOSTS, Segment, Trace
from trainer.formats.notation import parse_notation
from trainer.practice.template import Rendered, render

SOURCE = "<exercise>"


def render_trace(template: str, values: dict, blanks: dict | None = None) -> tuple[Rendered, Trace]:
    """Raises ``TemplateError`` or ``TraceFormatError`` (positions in the rendered text)."""
    rendered = render(template, values, blanks)
    return rendered, parse_notation(rendered.text, SOURCE)


def instance_trace(instance, key: str, template: str) -> tuple[Trace, CheckResult]:
    """The checked trace of an instance, computed once per template field."""
    cached = instance.cache.get(("trace", key))
    if cached is None:
        _, trace = render_trace(template, instance.values)
        cached = instance.cache[("trace", key)] = (trace, check(trace))
    return cached


def errors(result: CheckResult) -> list[Finding]:
    return sorted((f for f in result.findings if f.severity is Severity.ERROR),
                  key=lambda f: f.step)


def event_of(result: CheckResult, finding: Finding) -> int | None:
    """Index in ``trace.events`` of the event a finding is about."""
    if 0 <= finding.step < len(result.steps):
        return result.steps[finding.step].event
    return None


def names(trace: Trace) -> dict[str, str]:
    return {host: trace.host_name(host) for host in HOSTS}


def state_after_event(trace: Trace, result: CheckResult, event: int, host: str):
    """``host``'s state once it has processed event ``event`` (0-based), by the convention of
    state claims: the sender right after sending, the receiver right after the arrival (or at
    the send when the segment is lost); for a call, timeout or crash, right after it."""
    obj = trace.events[event]
    wanted = None
    for step in result.steps:
        if step.event != event:
            continue
        if isinstance(obj, Segment):
            if host == obj.sender and step.kind == "send":
                wanted = step
            elif host != obj.sender and (step.kind == "arrive"
                                         or (obj.lost and step.kind == "send")):
                wanted = step
        else:
            wanted = step
    if wanted is None:
        return None
    return wanted.state_of(host)


def segment_summary(seg: Segment) -> str:
    """``B>A SYN,ACK seq=300 ack=101`` (what a learner chooses between)."""
    parts = [f"{seg.sender}>{seg.receiver}", seg.flags.text(), f"seq={seg.seq}"]
    if seg.ack is not None:
        parts.append(f"ack={seg.ack}")
    if seg.length:
        parts.append(f"len={seg.length}")
    return " ".join(parts)
