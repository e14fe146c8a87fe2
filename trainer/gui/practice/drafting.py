"""What the authoring window works out from a trace, without Qt: wrong alternatives for a
predict-next segment checkpoint, build requirements the reference trace meets, planted bugs,
and starting texts for a new exercise (written into the file in both languages, so they are
content, not GUI strings).
"""

from __future__ import annotations

import dataclasses

from trainer.engine.checker import check
from trainer.engine.states import State
from trainer.engine.trace import Flag, Segment, Trace
from trainer.formats.notation import segment_fields
from trainer.practice.predict import try_segment

MAX_DISTRACTORS = 3

DEFAULT_PROMPTS = {
    "fill-in": {"zh_CN": "填写轨迹中空缺的值（序号、确认号、标志位、到达时间或状态）。",
                "en": "Fill in the missing values of the trace (numbers, flags, arrivals or states)."},
    "find-the-bug": {"zh_CN": "这条轨迹中有错误。标出有错误的事件，并指出各自违反的规则。",
                     "en": "This trace has mistakes. Mark the wrong events and name the rule each one breaks."},
    "predict-next": {"zh_CN": "逐步观察这条轨迹。在每个检查点，说出主机的状态，或选出接下来真正会发送的报文段。",
                     "en": "Step through the trace. At each checkpoint, name the host's state or pick the segment that really comes next."},
    "build": {"zh_CN": "在图中构造一条满足下列要求的轨迹。",
              "en": "Build a trace in the diagram that meets the requirements below."},
    "choice": {"zh_CN": "选择正确的答案。", "en": "Choose the right answer."},
    "calculate": {"zh_CN": "计算所求的数值。", "en": "Calculate the value asked for."},
}


def distractor_text(segment: Segment) -> str:
    """A segment as a predict-next distractor is written: ``B>A SYN,ACK seq=300 ack=100``."""
    receiver = "B" if segment.sender == "A" else "A"
    return f"{segment.sender}>{receiver} {segment_fields(segment)}"


def distractors(trace: Trace, event: int, limit: int = MAX_DISTRACTORS) -> list[str]:
    """Segments that could be mistaken for event ``event`` (0-based) but break a rule there,
    as the engine says: the ack or seq off by one, a flag missing or added."""
    real = trace.events[event]
    if not isinstance(real, Segment):
        return []
    candidates = []
    if real.ack is not None:
        candidates += [dataclasses.replace(real, ack=(real.ack - 1) % 2**32),
                       dataclasses.replace(real, ack=(real.ack + 1) % 2**32)]
    candidates.append(dataclasses.replace(real, seq=(real.seq + 1) % 2**32))
    if real.flags & Flag.ACK and not real.flags & Flag.SYN:
        candidates.append(dataclasses.replace(real, flags=Flag(int(real.flags) & ~int(Flag.ACK)),
                                              ack=None))
    if real.flags & Flag.SYN and real.flags & Flag.ACK:
        candidates.append(dataclasses.replace(real, flags=Flag.SYN, ack=None))
    if not real.flags & Flag.FIN and not real.flags & Flag.SYN and real.flags & Flag.ACK:
        candidates.append(dataclasses.replace(real, flags=Flag(int(real.flags) | int(Flag.FIN))))
    out: list[str] = []
    for candidate in candidates:
        candidate = dataclasses.replace(candidate, claims=None)
        text = distractor_text(candidate)
        if text in out or text == distractor_text(dataclasses.replace(real, claims=None)):
            continue
        if try_segment(trace, event, candidate):
            out.append(text)
        if len(out) >= limit:
            break
    return out


def suggested_requirements(trace: Trace) -> list[dict]:
    """Build requirements the trace meets: each state a host passes through (beyond its first)
    and each host's last state."""
    result = check(trace)
    out = []
    for host in ("A", "B"):
        history = result.state_history(host)
        for state in dict.fromkeys(history[1:]):
            out.append({"rule": "passes-through", "host": host, "state": state.value})
        if len(history) > 1:
            out.append({"rule": "ends-in", "host": host, "state": history[-1].value})
    return out


def interesting(requirement: dict) -> bool:
    """Checked by default: the last states, and the states of closing and simultaneity."""
    return requirement["rule"] == "ends-in" or requirement.get("state") not in (
        State.CLOSED.value, State.LISTEN.value, State.SYN_SENT.value,
        State.SYN_RECEIVED.value, State.ESTABLISHED.value)


def errors_found(trace: Trace) -> list[tuple[int, str]]:
    """``(event index, finding code)`` of every error the engine finds: the bugs of a
    find-the-bug exercise on this trace."""
    from trainer.practice.traces import errors, event_of

    result = check(trace)
    found = []
    for finding in errors(result):
        key = (event_of(result, finding), finding.code)
        if key not in found:
            found.append(key)
    return found


def without_claims(trace: Trace) -> Trace:
    """The trace with every state claim removed (claims would give states away)."""
    events = [dataclasses.replace(e, claims=None) for e in trace.events]
    return Trace(hosts=trace.hosts, events=events, title=trace.title,
                 description=trace.description, options=trace.options)
