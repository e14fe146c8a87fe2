"""Where exercises come from: the built-in pack and files the learner opens. No Qt.

A broken file never takes a screen down: it is listed with its located error (rendered in the
UI language by the exercise-error catalog) and the other files are still offered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.resources import as_file

from trainer.practice.errors import ExerciseFormatError
from trainer.practice.loader import load_exercises
from trainer.practice.model import Exercise, ExerciseSet


@dataclass(slots=True)
class Sources:
    sets: list[ExerciseSet] = field(default_factory=list)
    builtin: set[int] = field(default_factory=set)  # indices into ``sets``
    errors: list[ExerciseFormatError] = field(default_factory=list)

    def add_file(self, path: str | os.PathLike) -> ExerciseSet:
        """Load and add one exercise file; raises ``ExerciseFormatError`` (located)."""
        exercise_set = load_exercises(path)
        source = os.path.abspath(os.fspath(path))
        for i, known in enumerate(self.sets):  # opened again: the new version replaces it
            if i not in self.builtin and os.path.abspath(known.source) == source:
                self.sets[i] = exercise_set
                return exercise_set
        self.sets.append(exercise_set)
        return exercise_set

    def exercises(self) -> list[tuple[ExerciseSet, Exercise]]:
        return [(s, e) for s in self.sets for e in s.exercises]

    def pooled(self) -> ExerciseSet:
        """Every exercise of every set in one set (for a random draw); the first exercise of
        an id wins."""
        seen: dict[str, Exercise] = {}
        for _, exercise in self.exercises():
            seen.setdefault(exercise.id, exercise)
        return ExerciseSet(list(seen.values()), id=None)


def load_sources() -> Sources:
    """The built-in pack, file by file."""
    from trainer.practice.pack import builtin_files

    sources = Sources()
    for path in builtin_files():
        with as_file(path) as real_path:
            try:
                sources.sets.append(load_exercises(real_path))
            except ExerciseFormatError as error:
                sources.errors.append(error)
                continue
        sources.builtin.add(len(sources.sets) - 1)
    return sources


def set_title(exercise_set: ExerciseSet, lang: str) -> str:
    from trainer.i18n.practice_text import pick

    if exercise_set.title:
        return pick(exercise_set.title, lang)
    return exercise_set.id or os.path.basename(exercise_set.source)
