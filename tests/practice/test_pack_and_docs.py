"""The built-in pack, the documentation's example, the JSON Schema and the catalogs."""

from __future__ import annotations

import json
import re
import string
import tomllib
from pathlib import Path

import jsonschema
import pytest

from trainer.engine.findings import CODES, Severity
from trainer.i18n.practice_text import PRACTICE, rule_name
from trainer.practice.authoring import seal_text
from trainer.practice.loader import instantiate, loads_exercises
from trainer.practice.model import KINDS, TOPICS
from trainer.practice.pack import builtin_files, load_builtin

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "resources/schemas/exercise-v1.schema.json").read_text("utf-8"))
DOC = (REPO / "resources/docs/exercise-format.md").read_text("utf-8")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def pack():
    return load_builtin()


def test_builtin_pack_validates_and_covers_every_kind(pack):
    exercises = [e for s in pack for e in s.exercises]
    assert len(exercises) >= 12
    assert {e.kind for e in exercises} == set(KINDS)
    assert len({e.id for e in exercises}) == len(exercises)  # ids unique across the pack
    for e in exercises:
        for text in (e.title, e.prompt, e.explanation):
            assert CJK.search(text["zh_CN"]) and not CJK.search(text["en"]), e.id


def test_builtin_pack_covers_the_core_curriculum(pack):
    topics = {t for s in pack for e in s.exercises for t in e.topics}
    assert {"handshake", "teardown", "time-wait", "simultaneous", "half-close", "seq-numbers",
            "states", "keepalive", "timing", "rst"} <= topics


def test_builtin_pack_matches_the_schema():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for path in builtin_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path.name


def test_schema_rejects_what_the_loader_rejects():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    data = tomllib.loads(builtin_files()[0].read_text(encoding="utf-8"))
    data["exercise"][0]["typo"] = 1
    assert list(validator.iter_errors(data))
    data = tomllib.loads(builtin_files()[0].read_text(encoding="utf-8"))
    data["exercise"][0]["title"] = {"en": "English only"}
    assert list(validator.iter_errors(data))


def test_q38_style_timing_is_three_rtt_plus_two_msl(pack):
    """The answer comes from the engine's timeline of the scenario; check it against the
    textbook formula for every parameter combination."""
    exercise = next(e for s in pack for e in s.exercises if e.id == "timing-syn-to-closed")
    from trainer.practice.calculate import correct_value

    seen = set()
    for seed in range(40):
        instance = instantiate(exercise, seed)
        rtt, msl = instance.values["rtt"], instance.values["msl"]
        seen.add((rtt, msl))
        assert correct_value(instance) == pytest.approx(3 * rtt / 1000 + 2 * msl)
    assert len(seen) > 5


def test_documentation_example_is_valid_and_seals():
    block = re.search(r"## A complete example\n\n```toml\n(.*?)```", DOC, re.S).group(1)
    loads_exercises(block, "example.toml", allow_unsealed=True)
    sealed, count = seal_text(block)
    assert count == 1
    loaded = loads_exercises(sealed, "example.toml")
    assert [e.kind for e in loaded.exercises] == ["fill-in", "choice"]


def test_documentation_names_every_kind_topic_and_rule():
    from trainer.practice.build import RULES

    for word in (*KINDS, *TOPICS, *RULES):
        assert f"`{word}`" in DOC or f"### {word}" in DOC, word


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_practice_catalog_has_both_languages_with_the_same_fields():
    for key, entry in PRACTICE.items():
        assert set(entry) == {"en", "zh_CN"}, key
        assert _fields(entry["en"]) == _fields(entry["zh_CN"]), key
    for topic in TOPICS:
        assert f"topic.{topic}" in PRACTICE
    for kind in KINDS:
        assert f"kind.{kind}" in PRACTICE


def test_every_error_rule_has_a_name_for_find_the_bug():
    errors = [code for code, info in CODES.items() if info.severity is Severity.ERROR]
    for code in errors:
        assert rule_name(code, "en") != code and CJK.search(rule_name(code, "zh_CN")), code


def test_every_item_code_has_a_sentence():
    """Grading items name their sentence by code; each code the kinds use must exist."""
    sources = "\n".join(p.read_text("utf-8") for p in (REPO / "trainer/practice").glob("*.py"))
    used = set(re.findall(r'"((?:fillin|findbug|predict|build|calculate|choice|answer)\.[a-z-]+)"',
                          sources))
    assert used and used <= set(PRACTICE), sorted(used - set(PRACTICE))
