"""The built-in exercises: ``resources/exercises/*.toml``, found through ``trainer.resources``."""

from __future__ import annotations

from importlib.resources import as_file
from importlib.resources.abc import Traversable

from trainer.practice.loader import load_exercises
from trainer.practice.model import ExerciseSet
from trainer.resources import resource_path

SUFFIX = ".toml"


def builtin_files() -> list[Traversable]:
    folder = resource_path("exercises")
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(SUFFIX) and f.is_file()),
                  key=lambda f: f.name)


def load_builtin() -> list[ExerciseSet]:
    """Every built-in exercise set, in file-name order."""
    sets = []
    for path in builtin_files():
        with as_file(path) as real_path:
            sets.append(load_exercises(real_path))
    return sets
