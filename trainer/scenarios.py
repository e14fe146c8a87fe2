"""The built-in scenarios: ``resources/scenarios/*.tcpt``, found through ``trainer.resources``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from importlib.resources import as_file
from importlib.resources.abc import Traversable

from trainer.engine.trace import Trace
from trainer.resources import resource_path

SUFFIX = ".tcpt"


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    name: str
    path: Traversable
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        return _pick(self.title, lang) or self.name

    def description_in(self, lang: str) -> str:
        return _pick(self.description, lang)


class UnknownScenario(LookupError):
    def __init__(self, name: str, suggestions: list[str], available: list[str]):
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions
        self.available = available


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


def _files() -> list[Traversable]:
    folder = resource_path("scenarios")
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(SUFFIX) and f.is_file()),
                  key=lambda f: f.name)


def _load(path: Traversable) -> Trace:
    from trainer.formats import load_trace

    with as_file(path) as real_path:
        return load_trace(real_path)


def list_scenarios() -> list[ScenarioInfo]:
    """Every built-in scenario with its title and description, sorted by name."""
    infos = []
    for path in _files():
        trace = _load(path)
        infos.append(ScenarioInfo(path.name[: -len(SUFFIX)], path, dict(trace.title),
                                  dict(trace.description)))
    return infos


def scenario_names() -> list[str]:
    return [f.name[: -len(SUFFIX)] for f in _files()]


def scenario_file(name: str) -> Traversable:
    """The file of scenario ``name``; ``UnknownScenario`` (with close matches) if none."""
    names = scenario_names()
    if name in names:
        return resource_path("scenarios", name + SUFFIX)
    suggestions = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    raise UnknownScenario(name, suggestions, names)


def load_scenario(name: str) -> Trace:
    return _load(scenario_file(name))
