"""Practice and exam sessions: the learner's progress through a list of exercises.

``Session`` holds the exercises (each with its seed), the answers, the hints shown and the time
spent per question. Time comes from an injectable ``clock`` (seconds, monotonic; tests pass a
fake) and wall-clock stamps from ``now``.

- Practice (``mode="practice"``): ``check`` grades an answer at once, as often as wanted.
- Exam (``mode="exam"``): no checking until the session is submitted. With a time limit,
  ``poll()`` (the GUI calls it from its countdown timer) submits automatically when the time
  is up, and any call after the deadline submits first and then refuses the late change.

``submit()`` grades everything once and returns a ``Report``; ``answer_file()`` gives what the
learner hands in.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone

from trainer.practice.answers import AnswerFile, AnswerRecord
from trainer.practice.grading import grade_instance
from trainer.practice.loader import instantiate
from trainer.practice.model import Exercise, ExerciseSet, Hint, Instance
from trainer.practice.outcome import Grade


class SessionError(Exception):
    """``code``: ``submitted`` (the session is over), ``time-up`` (submitted at the deadline),
    ``no-checking`` (an exam gives no feedback before submission), ``unknown-exercise``,
    ``no-more-hints``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(slots=True)
class Question:
    instance: Instance
    answer: object = None
    hints_used: int = 0
    seconds: float = 0.0
    started: str | None = None
    submitted: str | None = None

    @property
    def exercise(self) -> Exercise:
        return self.instance.exercise


@dataclass(slots=True)
class Report:
    grades: list[Grade]
    questions: list[Question]
    timed_out: bool
    started: str | None
    submitted: str | None
    seconds: float

    @property
    def score(self) -> float:
        return round(sum(g.score for g in self.grades), 4)

    @property
    def points(self) -> float:
        return sum(g.points for g in self.grades)

    def by_topic(self) -> dict[str, tuple[float, float]]:
        """``{topic: (score, points)}``; an exercise counts fully towards each of its topics."""
        out: dict[str, list[float]] = {}
        for grade, question in zip(self.grades, self.questions, strict=True):
            for topic in question.exercise.topics:
                total = out.setdefault(topic, [0.0, 0.0])
                total[0] += grade.score
                total[1] += grade.points
        return {topic: (s, p) for topic, (s, p) in out.items()}


class Session:
    def __init__(self, exercises: list[Exercise], *, seeds: list[int] | None = None,
                 mode: str = "practice", time_limit: float | None = None, student: str = "",
                 exercise_set: ExerciseSet | None = None, clock=time.monotonic, now=utc_now):
        if mode not in ("practice", "exam"):
            raise ValueError(f"mode must be 'practice' or 'exam', not {mode!r}")
        if seeds is None:
            seeds = [random.SystemRandom().randrange(2**31) for _ in exercises]
        if len(seeds) != len(exercises):
            raise ValueError("one seed per exercise")
        self.mode = mode
        self.time_limit = time_limit  # seconds
        self.student = student
        self.exercise_set = exercise_set
        self.questions = [Question(instantiate(e, s))
                          for e, s in zip(exercises, seeds, strict=True)]
        self._by_id = {q.exercise.id: q for q in self.questions}
        self._clock = clock
        self._now = now
        self._start: float | None = None
        self._current: Question | None = None
        self._since: float | None = None
        self.started: str | None = None
        self.report: Report | None = None

    # ---- time ----------------------------------------------------------------------------------
    def start(self) -> None:
        if self._start is None:
            self._start = self._clock()
            self.started = self._now()

    def elapsed(self) -> float:
        return 0.0 if self._start is None else self._clock() - self._start

    def remaining(self) -> float | None:
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed())

    def poll(self) -> bool:
        """Submit if the time is up; True when this call submitted the session."""
        if self.report is None and self.time_limit is not None and self._start is not None \
                and self.elapsed() >= self.time_limit:
            self._finish(timed_out=True)
            return True
        return False

    def _open(self) -> None:
        self.start()
        if self.poll():
            raise SessionError("time-up")
        if self.report is not None:
            raise SessionError("submitted")

    def _question(self, exercise_id: str) -> Question:
        question = self._by_id.get(exercise_id)
        if question is None:
            raise SessionError("unknown-exercise")
        return question

    def focus(self, exercise_id: str) -> Question:
        """The learner opens a question: time is counted for it until another is opened."""
        self._open()
        question = self._question(exercise_id)
        self._account()
        self._current = question
        if question.started is None:
            question.started = self._now()
        return question

    def _account(self) -> None:
        now = self._clock()
        if self._current is not None and self._since is not None:
            spent = now - self._since
            if self.time_limit is not None and self._start is not None:
                spent = min(spent, max(0.0, self._start + self.time_limit - self._since))
            self._current.seconds += max(0.0, spent)
        self._since = now

    # ---- the learner's actions -----------------------------------------------------------------
    def answer(self, exercise_id: str, payload) -> None:
        self._open()
        question = self._question(exercise_id)
        question.answer = payload
        question.submitted = self._now()

    def hint(self, exercise_id: str) -> Hint:
        """Show the next hint of a question (its penalty applies from now on)."""
        self._open()
        question = self._question(exercise_id)
        hints = question.exercise.hints
        if question.hints_used >= len(hints):
            raise SessionError("no-more-hints")
        question.hints_used += 1
        return hints[question.hints_used - 1]

    def check(self, exercise_id: str) -> Grade:
        """Practice only: grade the current answer now."""
        if self.mode == "exam" and self.report is None:
            raise SessionError("no-checking")
        question = self._question(exercise_id)
        return grade_instance(question.instance, question.answer, question.hints_used)

    def submit(self) -> Report:
        self.start()
        if self.poll():
            return self.report
        if self.report is not None:
            raise SessionError("submitted")
        return self._finish(timed_out=False)

    def _finish(self, timed_out: bool) -> Report:
        self._account()
        self._current = None
        grades = [grade_instance(q.instance, q.answer, q.hints_used) for q in self.questions]
        seconds = self.elapsed()
        if self.time_limit is not None:
            seconds = min(seconds, self.time_limit)
        self.report = Report(grades, self.questions, timed_out, self.started, self._now(), seconds)
        return self.report

    # ---- what the learner hands in -------------------------------------------------------------
    def answer_file(self) -> AnswerFile:
        digest = self.exercise_set.digest if self.exercise_set else None
        set_id = self.exercise_set.id if self.exercise_set else None
        return AnswerFile(
            student=self.student,
            answers=[AnswerRecord(q.exercise.id, q.instance.seed, q.answer, q.hints_used,
                                  q.started, q.submitted, round(q.seconds, 3))
                     for q in self.questions],
            exercise_set=set_id, exercises_digest=digest, started=self.started,
            submitted=self.report.submitted if self.report else None, mode=self.mode)


def draw(exercise_set: ExerciseSet, count: int, seed: int, *, topics: set[str] | None = None,
         difficulty: set[int] | None = None) -> tuple[list[Exercise], list[int]]:
    """A random exam: ``count`` exercises matching the filters, and a seed for each, both
    reproducible from ``seed``."""
    pool = [e for e in exercise_set.exercises
            if (not topics or topics & set(e.topics))
            and (not difficulty or e.difficulty in difficulty)]
    rng = random.Random(f"tcp-trainer/draw/{seed}")
    chosen = rng.sample(pool, min(count, len(pool)))
    return chosen, [rng.randrange(2**31) for _ in chosen]
