"""Fuzzing the exercise loader: whatever the bytes, the only exception is the located
ExerciseFormatError; and the key-position scanner agrees with tomllib on valid TOML."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.practice.errors import ExerciseFormatError
from trainer.practice.loader import loads_exercises
from trainer.practice.tomlspans import locate

from tests.practice.helpers import CALC, CHOICE, HANDSHAKE_FILL, HEAD
from tests.practice.test_kinds import BUGS, BUILD, PREDICT

SEED_DOCUMENT = HEAD + HANDSHAKE_FILL + CHOICE + CALC + BUILD + PREDICT + BUGS
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _load(data) -> None:
    try:
        loads_exercises(data, "fuzz.toml")
    except ExerciseFormatError as exc:
        exc.render("en")
        exc.render("zh_CN")


def test_seed_document_is_valid():
    assert len(loads_exercises(SEED_DOCUMENT).exercises) == 6


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _load(data)


@FUZZ
@given(st.lists(st.sampled_from(list('[]{}="\'\n .,#:?ab01-_\\') + ["'''", '"""', "[[exercise]]",
                                 "kind", "trace", "?x", "{isn}"]), max_size=80).map("".join))
def test_random_toml_looking_text(text):
    _load(HEAD + text)


_EDIT = st.tuples(st.integers(0, len(SEED_DOCUMENT)), st.integers(0, 12),
                  st.text(alphabet=st.characters(codec="utf-8"), max_size=8))


@FUZZ
@given(st.lists(_EDIT, min_size=1, max_size=4))
def test_mutated_valid_file(edits):
    text = SEED_DOCUMENT
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    _load(text)


@FUZZ
@given(st.integers(0, 10_000),
       st.lists(st.sampled_from(list("AB<>-=?@[]:{}+ .0123456789") + [
           "seq=", "ack=", "SYN", "FIN", "ACK", ",", "lost", "len=", "isn", "?ack2", "[A:"]),
           max_size=8).map("".join))
def test_mutated_trace_lines(index, token):
    """One word of an embedded trace replaced: notation errors, blanks, broken fields."""
    lines = SEED_DOCUMENT.split("\n")
    trace_lines = [i for i, line in enumerate(lines) if line[:1].isdigit() or line.startswith("host")]
    i = trace_lines[index % len(trace_lines)]
    words = lines[i].split(" ")
    words[index % len(words)] = token
    lines[i] = " ".join(words)
    _load("\n".join(lines))


_NUMBERS = st.one_of(st.integers(-5, 10**13), st.floats(allow_nan=False, allow_infinity=False),
                     st.just('"7"'), st.just("true")).map(str)


@FUZZ
@given(st.sampled_from(["difficulty", "points", "penalty", "min", "max", "event", "bugs"]),
       _NUMBERS)
def test_numbers_in_every_numeric_key(key, value):
    text = SEED_DOCUMENT.replace(f"\n{key} = ", f"\n{key} = {value}  # was ", 1)
    _load(text)


# ---- the position scanner ----------------------------------------------------------------------

_KEYS = st.one_of(st.from_regex(r"[a-z_][a-z0-9_-]{0,6}", fullmatch=True),
                  st.text(alphabet="ab c.é\"'", min_size=1, max_size=5))
_SCALARS = st.one_of(st.integers(-10**6, 10**6), st.booleans(),
                     st.text(alphabet="ab \n'\"\\#{}[]é", max_size=12),
                     st.floats(allow_nan=False, allow_infinity=False, width=32))


def _key(k: str) -> str:
    if k and all(c.isascii() and (c.isalnum() or c in "_-") for c in k):
        return k
    return '"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _scalar(v, style: int) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if not isinstance(v, float) or v == v else "nan"
    if style == 1 and "'" not in v and "\n" not in v:
        return "'" + v + "'"
    if style == 2 and "'''" not in v and not v.endswith("'"):
        return "'''\n" + v + "'''"
    escaped = v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + '"'


def _inline(v, style: int) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_inline(x, style)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        if not v:
            return "[ ]"
        return "[\n  " + ",\n  # c\n  ".join(_inline(x, style) for x in v) + ",\n]"
    return _scalar(v, 0 if style == 2 else style)


_TREES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(_KEYS, inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_KEYS, _TREES, min_size=1, max_size=4),
       st.dictionaries(_KEYS, st.dictionaries(_KEYS, _SCALARS, max_size=3), max_size=2),
       st.integers(0, 2))
def test_scanner_finds_every_key_tomllib_reads(top, tables, style):
    lines = [f"{_key(k)} = {_inline(v, style)}  # comment" for k, v in top.items()]
    for name, table in tables.items():
        if name in top:
            continue
        lines.append(f"\n[[{_key(name)}]]")
        lines += [f"{_key(k)} = {_scalar(v, style)}" for k, v in table.items()]
        lines.append(f"[[{_key(name)}]]")
    text = "\n".join(lines) + "\n"
    data = tomllib.loads(text)
    spans = locate(text).spans

    def walk(node, path):
        assert path == () or path in spans, (path, text)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + (i,))

    walk(data, ())
    for name, table in tables.items():
        if name not in top:
            for k in table:
                span = spans[(name, 0, k)]
                assert text.splitlines()[span.line - 1][span.column - 1:].startswith(_key(k))
