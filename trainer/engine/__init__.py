"""The RFC 9293 engine: endpoint model, trace model and trace checker.

Pure Python: nothing under ``trainer.engine`` may import Qt (a test enforces it).
"""

from trainer.engine.states import State
from trainer.engine.trace import (
    Call,
    CallKind,
    Crash,
    Flag,
    HostSpec,
    InitialTcb,
    Segment,
    Timeout,
    Timer,
    Trace,
    TraceOptions,
)
from trainer.engine.findings import Finding, Severity
from trainer.engine.result import CheckResult, Step

__all__ = [
    "Call", "CallKind", "CheckResult", "Crash", "Finding", "Flag", "HostSpec", "InitialTcb",
    "Segment", "Severity", "State", "Step", "Timeout", "Timer", "Trace", "TraceOptions",
]
