"""What the checker returns: per-step states and transitions, findings, inferences. Data only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from trainer.engine.findings import Finding, Severity
from trainer.engine.states import State
from trainer.engine.transitions import BY_ID

#: Order of the TCB variables in ``Step.tcb``.
TCB_FIELDS = ("iss", "irs", "snd_una", "snd_nxt", "snd_wnd", "rcv_nxt", "rcv_wnd")


class Step(NamedTuple):
    """One processed event. ``kind`` is send, arrive, call, timeout or crash; ``host`` is where
    it happens (the sender for ``send``, the receiver for ``arrive``). ``states`` are both
    hosts' states *after* the step, A first. ``tcb`` holds each host's variables after the step
    in ``TCB_FIELDS`` order (``None`` for a host without a TCB). ``role`` classifies a sent
    segment (``retransmission``, ``keepalive``, ``reply-rst``, ...) when it is not plain."""

    # A NamedTuple, not a dataclass: a long capture makes hundreds of thousands of these,
    # and the checker builds them with tuple.__new__ at a fraction of the cost.
    index: int
    kind: str
    host: str
    time: float
    event: int
    segment: int | None
    states: tuple[State, State]
    transitions: tuple[str, ...] = ()
    tcb: tuple[tuple | None, tuple | None] = (None, None)
    role: str | None = None

    def state_of(self, host: str) -> State:
        return self.states[0] if host == "A" else self.states[1]


@dataclass(slots=True)
class CheckResult:
    initial: tuple[State, State]
    steps: list[Step] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    inferred: list[dict] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def state_history(self, host: str) -> list[State]:
        """The state before the first event, then every state entered, repeats collapsed."""
        i = 0 if host == "A" else 1
        history = [self.initial[i]]
        for step in self.steps:
            if step.host == host:  # a step can pass through a state (SYN-RECEIVED -> ESTABLISHED -> CLOSE-WAIT)
                for tid in step.transitions:
                    target = BY_ID[tid].target
                    if target is not history[-1]:
                        history.append(target)
            s = step.states[i]
            if s is not history[-1]:
                history.append(s)
        return history

    def states_after(self, step_index: int) -> tuple[State, State]:
        if step_index < 0 or not self.steps:
            return self.initial
        return self.steps[min(step_index, len(self.steps) - 1)].states

    def findings_for_segment(self, segment: int) -> list[Finding]:
        return [f for f in self.findings if f.segment == segment]
