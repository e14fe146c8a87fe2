"""Randomised exercise parameters (ISNs, RTT, MSL, ports, sizes), reproducible from a seed.

A parameter is a fixed number, a range (``{min, max}``, with ``step`` for fractions) or a list
of ``choices``. ``draw(specs, exercise_id, seed)`` gives every parameter a value; the same
exercise id and seed always give the same values (``random.Random`` seeded with a string is
stable across runs and platforms), and two exercises with the same seed still differ.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

NAME_PATTERN = r"[a-z_][a-z0-9_]{0,31}"
MAX_STEPS = 10**12


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    low: int | float | None = None
    high: int | float | None = None
    step: int | float = 1
    choices: tuple = ()

    @property
    def fixed(self) -> bool:
        return not self.choices and self.low == self.high

    def draw(self, rng: random.Random) -> int | float:
        if self.choices:
            return self.choices[rng.randrange(len(self.choices))]
        count = int(round((self.high - self.low) / self.step))
        k = rng.randrange(count + 1)
        if isinstance(self.low, int) and isinstance(self.step, int):
            return self.low + k * self.step
        decimals = _decimals(self.step, self.low)
        return round(self.low + k * self.step, decimals)

    def values_count(self) -> int:
        if self.choices:
            return len(self.choices)
        return int(round((self.high - self.low) / self.step)) + 1


def _decimals(*numbers) -> int:
    """Decimals needed to write these numbers (0.05 -> 2), so that drawn values stay tidy."""
    most = 0
    for n in numbers:
        text = repr(float(n))
        if "e" in text:
            return 9
        most = max(most, len(text.split(".")[1].rstrip("0")))
    return most


def draw(specs: list[ParamSpec], exercise_id: str, seed: int) -> dict[str, int | float]:
    """Values for every parameter, drawn in name order (so reordering the file changes nothing)."""
    rng = random.Random(f"tcp-trainer/{exercise_id}/{seed}")
    return {spec.name: spec.draw(rng) for spec in sorted(specs, key=lambda s: s.name)}
