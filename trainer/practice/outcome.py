"""What grading returns: a score and one explained item per graded part. Data only.

An item says what was asked and whether the answer was right as a code with parameters
(``trainer.i18n.practice_text`` holds the sentences), plus the engine findings that explain it
(rendered by the finding catalog) or the trace reader's error when an answered trace could not
be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Item:
    code: str  # practice_text key, e.g. "fillin.right"
    params: dict
    credit: float  # 0 (wrong) .. 1 (right)
    weight: float = 1.0
    findings: list = field(default_factory=list)  # engine Findings that explain the verdict
    feedback: dict | None = None  # an author's bilingual text (choice options)
    trace_error: object = None  # TraceFormatError of an answered trace that cannot be read
    names: dict = field(default_factory=dict)  # host display names for the findings

    @property
    def right(self) -> bool:
        return self.credit >= 1.0


@dataclass(slots=True)
class Grade:
    exercise_id: str
    seed: int
    points: float
    raw: float  # 0..1 before the hint penalty
    hints_used: int
    penalty: float  # fraction lost to hints
    items: list[Item]
    answered: bool = True

    @property
    def score(self) -> float:
        return round(self.points * self.raw * (1.0 - self.penalty), 4)

    @property
    def right(self) -> bool:
        return self.raw >= 1.0
