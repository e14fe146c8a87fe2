"""Authoring helpers: ``seal`` replaces plain answers by salted hashes, in place.

An author writes ``answer = ["b", "d"]`` (choice) or ``answer = 7200`` (a number given by hand)
while drafting; ``seal_text`` turns each into ``key = "sha256$..."`` and leaves every other
byte of the file as it was (comments, layout). The result is loaded again before it is
returned, so a sealed file always validates.
"""

from __future__ import annotations

import os
import tomllib

from trainer.atomic import write_atomically
from trainer.practice.loader import decode, read_bytes, loads_exercises
from trainer.practice.sealing import canonical_choice, canonical_number, seal
from trainer.practice.tomlspans import locate


def seal_text(text: str, source: str = "<exercises>") -> tuple[str, int]:
    """``(new text, number of answers sealed)``; raises ``ExerciseFormatError`` for a file
    that does not validate even with plain answers allowed."""
    loads_exercises(text, source, allow_unsealed=True)  # every other problem first
    doc = tomllib.loads(text[1:] if text.startswith("\ufeff") else text)
    positions = locate(text[1:] if text.startswith("\ufeff") else text)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    entries = doc["exercise"]
    tables = [(("exercise",), entries)] if isinstance(entries, dict) else [
        (("exercise", i), e) for i, e in enumerate(entries)]
    edits = []
    for path, table in tables:
        answer = table.get("answer")
        kind = table.get("kind")
        if answer is None:
            continue
        if kind == "choice":
            picked = [answer] if isinstance(answer, str) else answer
            canonical = canonical_choice(picked)
        elif kind == "calculate" and not isinstance(answer, str):
            canonical = canonical_number(answer, table.get("decimals", 0))
        else:
            continue
        span = positions.spans[path + ("answer",)]
        start = _offset(body, span.line, span.column)
        edits.append((start, span.end, f'key = "{seal(table["id"], canonical)}"'))
    for start, end, replacement in sorted(edits, reverse=True):
        body = body[:start] + replacement + body[end:]
    sealed = bom + body
    loads_exercises(sealed, source)
    return sealed, len(edits)


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def seal_file(path: str | os.PathLike) -> int:
    source = os.fspath(path)
    raw = read_bytes(source)
    sealed, count = seal_text(decode(raw, source), source)
    if count:
        write_atomically(source, sealed.encode("utf-8"))
    return count
