"""The bases of relative sequence numbers: each host's ISS *of the connection at that step*.

Wireshark counts a stream's numbers from the ISN of its SYN in each direction, and a new SYN on
the same ports after the old connection ended starts a new stream with new bases. The checker
records each host's ISS in the TCB after every step, so the ISS in force at a step is simply
the last one recorded up to it: after a reconnect (TIME-WAIT over, a new SYN with a new ISS)
the numbers count from the new ISS. No Qt here.
"""

from __future__ import annotations

from bisect import bisect_right

from trainer.engine.result import CheckResult


class IssHistory:
    """Each host's ISS from step to step: ``at_step(k)`` is ``{"A": iss, "B": iss}`` after step
    ``k`` (``None`` for a host that has had no ISS yet)."""

    __slots__ = ("_steps", "_values", "_last")

    def __init__(self) -> None:
        self._steps: list[int] = []  # ascending step indices where an ISS changed
        self._values: list[tuple[int | None, int | None]] = []  # both ISSs from that step on
        self._last: tuple[int | None, int | None] = (None, None)

    @classmethod
    def from_result(cls, result: CheckResult) -> "IssHistory":
        history = cls()
        for step in result.steps:
            history.note(step.index, step.tcb)
        return history

    def note(self, index: int, tcb: tuple) -> None:
        """Record step ``index`` with both hosts' TCB tuples (``Step.tcb``), in step order: a
        caller already walking the steps (``Derived``) builds the history in the same pass."""
        ta, tb = tcb
        a, b = self._last
        na = ta[0] if ta is not None and ta[0] is not None else a
        nb = tb[0] if tb is not None and tb[0] is not None else b
        if na != a or nb != b:
            self._last = (na, nb)
            self._steps.append(index)
            self._values.append((na, nb))

    def at_step(self, step: int) -> dict[str, int | None]:
        k = bisect_right(self._steps, step) - 1
        a, b = self._values[k] if k >= 0 else (None, None)
        return {"A": a, "B": b}

    def first(self) -> dict[str, int | None]:
        """Each host's first ISS (the bases before this module knew about reconnects)."""
        out: dict[str, int | None] = {"A": None, "B": None}
        for a, b in self._values:
            out["A"] = out["A"] if out["A"] is not None else a
            out["B"] = out["B"] if out["B"] is not None else b
        return out

    def changes(self) -> list[tuple[int, dict[str, int | None]]]:
        """(step, bases from it on) for every change, for tests and tooltips."""
        return [(s, {"A": a, "B": b}) for s, (a, b) in zip(self._steps, self._values)]


def segment_bases(history: IssHistory, send_step: int, last_step: int) -> dict[str, int | None]:
    """The bases for a segment sent at ``send_step`` (its step in the check; ``-1`` when the
    check never sent it, e.g. after the end of a truncated check: the bases at ``last_step``)."""
    return history.at_step(send_step if send_step >= 0 else last_step)
