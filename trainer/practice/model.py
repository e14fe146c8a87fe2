"""What an exercise file holds once it is read: exercises and their kind-specific parts. Data only.

Texts are bilingual dicts ``{"zh_CN": ..., "en": ...}`` that may contain ``{expression}``
fields; ``Instance.text`` renders one for a seed and a language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.i18n.locale import shipped_language
from trainer.practice.params import ParamSpec
from trainer.practice.template import render

FORMAT = "tcp-trainer-exercises"
VERSION = 1

KINDS = ("build", "fill-in", "find-the-bug", "predict-next", "calculate", "choice")

#: The curriculum's topics; history aggregates by these. Names live in the practice catalog.
TOPICS = (
    "handshake", "teardown", "seq-numbers", "states", "time-wait", "simultaneous",
    "half-close", "rst", "keepalive", "syn-queue", "header", "wireshark", "sockets",
    "timing", "retransmission",
)

DIFFICULTIES = (1, 2, 3)

Text = dict  # {"zh_CN": str, "en": str}


@dataclass(frozen=True, slots=True)
class Hint:
    text: Text
    penalty: float  # fraction of the exercise's points lost when this hint is shown


@dataclass(slots=True)
class Exercise:
    id: str
    kind: str
    title: Text
    prompt: Text
    topics: tuple[str, ...]
    difficulty: int
    points: float
    hints: tuple[Hint, ...] = ()
    explanation: Text | None = None
    params: tuple[ParamSpec, ...] = ()
    spec: object = None  # the kind's own part: BuildSpec, FillInSpec, ...
    source: str = "<text>"
    line: int | None = None
    path: tuple = ()  # key path in the file, for located errors

    def hint_penalty(self, hints_used: int) -> float:
        """The fraction of the points lost for the first ``hints_used`` hints (at most 1)."""
        used = self.hints[:max(0, hints_used)]
        return min(1.0, sum(h.penalty for h in used))


@dataclass(slots=True)
class ExerciseSet:
    exercises: list[Exercise]
    id: str | None = None
    title: Text | None = None
    description: Text | None = None
    time_limit: float | None = None  # minutes, for an exam on this set
    source: str = "<text>"
    digest: str = ""  # SHA-256 of the file's bytes

    def by_id(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}


# ---- the kinds --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Requirement:
    """One declarative predicate a built trace must satisfy (see ``trainer.practice.build``)."""

    rule: str
    host: str = "any"  # "A", "B", "any" or "both"
    state: str | None = None
    states: tuple[str, ...] = ()
    flags: int = 0  # every one of these flags is set
    without: int = 0  # none of these flags is set
    data: bool | None = None
    lost: bool | None = None
    call: str | None = None
    transition: str | None = None
    min: int | None = None
    max: int | None = None
    text: Text | None = None  # the author's own wording, instead of the generated one


@dataclass(slots=True)
class BuildSpec:
    requirements: tuple[Requirement, ...]
    start: str | None = None  # a trace template the learner starts from


@dataclass(slots=True)
class FillInSpec:
    trace: str  # template with {expressions} and ?blanks
    blanks: tuple = ()  # Blank, see fillin.py


@dataclass(slots=True)
class FindBugSpec:
    trace: str
    bugs: int
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Checkpoint:
    event: int  # 1-based event number in the trace
    ask: str  # "state" or "segment"
    host: str | None = None  # for "state"
    distractors: tuple[str, ...] = ()  # for "segment": notation templates, "B>A ACK seq=.."


@dataclass(slots=True)
class PredictSpec:
    trace: str
    checkpoints: tuple[Checkpoint, ...]


@dataclass(frozen=True, slots=True)
class Measure:
    """A time read off the checked scenario: when ``host`` sends/receives a segment with
    ``flags``, or enters ``state``; the ``which`` (first/last) such moment."""

    name: str
    host: str
    event: str  # "send", "arrive" or "enter"
    flags: int = 0
    state: str | None = None
    which: str = "first"


@dataclass(slots=True)
class CalculateSpec:
    formula: str | None = None  # computed answer
    key: str | None = None  # sealed hand-given answer
    decimals: int = 0
    tolerance: float | None = None
    relative: float | None = None
    unit: Text | None = None
    trace: str | None = None  # shown to the learner
    scenario: str | None = None  # used for measures only
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: Text
    feedback: Text | None = None


@dataclass(slots=True)
class ChoiceSpec:
    options: tuple[Option, ...]
    multiple: bool
    key: str
    shuffle: bool = True
    trace: str | None = None


@dataclass(slots=True)
class Instance:
    """An exercise with its parameters drawn for one seed."""

    exercise: Exercise
    seed: int
    values: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    def text(self, text: Text | None, lang: str) -> str:
        """An author's text for this instance: its ``{fields}`` filled in, in ``lang``."""
        if not text:
            return ""
        return render(text[shipped_language(lang)], self.values).text
