"""Fill-in exercises: a trace with blanks for a seq, an ack, the flags, an arrival or a claimed
state, graded by the engine, so the file holds no answer key.

A blank is ``?name`` where a value goes in the text notation::

    0.050 B>A SYN,ACK seq={isn_b} ack=?ack1 ?arrival [A:?state_a]
    0.100 A>B ?flags seq=?seq3 ack=?ack3

(``seq=?x``, ``ack=?x``, the flags word, a bare word for the arrival: the answer is ``lost``
or a time, and ``HOST:?x`` inside the claims).

The engine solves the exercise: starting from placeholders it checks the trace, and each
error it reports about a blank says what the RFC expects there (``ack-not-next`` carries the
expected ack, ``claim-mismatch`` the actual state), so the blanks are filled in processing
order. Flags and arrivals are tried from a short list of candidates. A blank is only a good
question if it is determined: changing a number by one, or choosing another candidate, must
make the trace wrong; ``validate`` refuses the exercise otherwise.

Grading puts the learner's value into one blank at a time, with the engine's solution in the
others: the blank is right when the engine then finds no error (so a different but valid
answer, ``FIN,PSH,ACK`` for ``FIN,ACK``, counts), and the engine's findings explain a wrong one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from trainer.engine.checker import check
from trainer.engine.states import State
from trainer.engine.trace import Flag, Segment
from trainer.formats.errors import TraceFormatError
from trainer.formats.notation import format_seconds
from trainer.practice.errors import Problem
from trainer.practice.model import FillInSpec, Instance
from trainer.practice.outcome import Item
from trainer.practice.template import BLANK
from trainer.practice.traces import errors, event_of, names, render_trace

KEYS = ("trace",)
FIELDS = ("seq", "ack", "flags", "arrival", "claim")
FLAG_CANDIDATES = ("SYN", "SYN,ACK", "ACK", "FIN,ACK", "FIN", "RST", "RST,ACK", "PSH,ACK")
MAX_COMBINATIONS = 512
MAX_ARRIVAL_TIMES = 4
SEQ_CODES = frozenset({"seq-not-next", "syn-seq-not-iss", "fin-seq-changed", "rst-seq-wrong"})
ACK_CODES = frozenset({"ack-not-next", "rst-ack-wrong", "rst-ack-required"})
_NUMBER = re.compile(r"\d{1,10}")
_TIME = re.compile(r"\d{1,10}(?:\.\d{1,6})?")
_MOD = 2**32


@dataclass(frozen=True, slots=True)
class Blank:
    name: str
    field: str  # one of FIELDS
    event: int  # index in the trace's events
    host: str | None  # the claimed host, for "claim"
    offset: int  # of the "?" in the template
    has_ack: bool = False  # the segment line gives an ack= (so flags may include ACK)


# ---- finding the blanks -----------------------------------------------------------------------

def find_blanks(template: str) -> list[Blank]:
    """Every ``?name`` of the trace template, classified; ``Problem`` (with ``offset``) for a
    blank somewhere a value cannot be asked for."""
    blanks: list[Blank] = []
    seen: set[str] = set()
    event = -1
    line_start = 0
    for line in template.split("\n"):
        code, strings = _code_part(line)
        stripped = code.lstrip()
        is_event = bool(stripped) and stripped[0] in "0123456789+-.{"
        if is_event:
            event += 1
        words = _words(code)
        is_segment = is_event and len(words) > 1 and (">" in words[1][0] or "<" in words[1][0])
        has_ack = any(w.lower().startswith("ack=") for w, _ in words)
        for match in BLANK.finditer(code):
            name, at = match.group(1), match.start()
            offset = line_start + at
            if any(a <= at < b for a, b in strings):
                raise _problem("blank-in-string", offset, name=name)
            if name in seen:
                raise _problem("blank-repeated", offset, name=name)
            seen.add(name)
            field, host = _classify(code, at, words, is_segment) if is_event else (None, None)
            if field is None:
                raise _problem("blank-misplaced", offset, name=name)
            blanks.append(Blank(name, field, event, host, offset, has_ack))
        line_start += len(line) + 1
    return blanks


def _problem(code: str, offset: int, **params) -> Problem:
    problem = Problem(code, **params)
    problem.offset = offset
    return problem


def _code_part(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line without its comment, and the spans of its quoted strings."""
    strings, start, i = [], None, 0
    while i < len(line):
        ch = line[i]
        if start is not None:
            if ch == "\\":
                i += 1
            elif ch == '"':
                strings.append((start, i + 1))
                start = None
        elif ch == '"':
            start = i
        elif ch == "#":
            return line[:i], strings
        i += 1
    if start is not None:
        strings.append((start, len(line)))
    return line, strings


def _words(code: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in re.finditer(r"\[[^\]]*\]?|\S+", code)]


def _classify(code: str, at: int, words: list[tuple[str, int]], is_segment: bool):
    for index, (word, start) in enumerate(words):
        if not start <= at < start + len(word):
            continue
        if word.startswith("["):
            before = code[:at]
            m = re.search(r"(?:^|[\s\[])([AaBb])[:=]$", before)
            return ("claim", m.group(1).upper()) if m else (None, None)
        if not is_segment:
            return None, None
        inner = at - start
        key = word[:inner].lower()
        if key in ("seq=", "ack="):
            return key[:-1], None
        if inner == 0 and index == 2:
            return "flags", None
        if inner == 0 and index >= 3:
            return "arrival", None
        return None, None
    return None, None


# ---- the engine's solution --------------------------------------------------------------------

def _sentinel(blank: Blank) -> str:
    return {"seq": "0", "ack": "0", "flags": "ACK" if blank.has_ack else "SYN",
            "arrival": "lost", "claim": "CLOSED"}[blank.field]


def _domain(blank: Blank, template: str, values: dict, base: dict) -> list[str]:
    if blank.field == "flags":
        return [f for f in FLAG_CANDIDATES if blank.has_ack or "ACK" not in f]
    # arrival: lost, or one of the first few moments at or after the send
    _, trace = render_trace(template, values, base)
    seg = trace.events[blank.event]
    times = {e.time for e in trace.events} | {
        e.arrive_time for e in trace.events if isinstance(e, Segment) and e.arrive_time is not None}
    later = sorted(t for t in times if t is not None and t >= seg.send_time)
    return ["lost"] + ["@" + format_seconds(t) for t in later[:MAX_ARRIVAL_TIMES]]


def solve(spec: FillInSpec, values: dict) -> dict[str, str]:
    """The value of every blank as the engine derives it; ``Problem`` when the exercise has
    no solution or more than one."""
    blanks = list(spec.blanks)
    base = {b.name: _sentinel(b) for b in blanks}
    chosen = [b for b in blanks if b.field in ("flags", "arrival")]
    domains = [_domain(b, spec.trace, values, base) for b in chosen]
    total = 1
    for d in domains:
        total *= len(d)
    if total > MAX_COMBINATIONS:
        raise Problem("blank-too-many-combinations", limit=MAX_COMBINATIONS)
    solutions: list[dict[str, str]] = []
    first_failure = None
    for combo in itertools.product(*domains):
        attempt = dict(base)
        attempt.update({b.name: value for b, value in zip(chosen, combo, strict=True)})
        solved, failure = _fix_numbers(spec, values, attempt, blanks)
        if solved is not None:
            solutions.append(solved)
        elif first_failure is None:
            first_failure = failure
    if not solutions:
        raise Problem("blank-unsolvable", names=", ".join("?" + b.name for b in blanks),
                      finding=first_failure)
    solution = solutions[0]
    for other in solutions[1:]:
        for b in chosen:
            if _kind_of(b, other[b.name]) != _kind_of(b, solution[b.name]):
                raise _problem("blank-not-determined", b.offset, name=b.name,
                               other=_display(b, other[b.name]))
    for b in blanks:
        if b.field in ("seq", "ack"):
            for delta in (1, -1):
                # Another value here, the other blanks worked out again: still a valid trace?
                trial = dict(solution)
                trial[b.name] = str((int(solution[b.name]) + delta) % _MOD)
                solved, _ = _fix_numbers(spec, values, trial, blanks, frozen=b.name)
                if solved is not None:
                    raise _problem("blank-not-determined", b.offset, name=b.name,
                                   other=trial[b.name])
    return solution


def _kind_of(blank: Blank, value: str) -> str:
    """What must agree between two solutions: flags exactly, an arrival only lost or not."""
    if blank.field == "arrival":
        return "lost" if value == "lost" else "arrives"
    return value


def _fix_numbers(spec, values, attempt, blanks, frozen: str | None = None):
    """Fill the number and state blanks from the engine's findings, earliest step first;
    ``(values, None)`` when the trace ends up valid, else ``(None, the first error)``."""
    by_event: dict[int, list[Blank]] = {}
    for b in blanks:
        if b.name != frozen:
            by_event.setdefault(b.event, []).append(b)
    failure = None
    for _ in range(3 * len(blanks) + 5):
        try:
            _, trace = render_trace(spec.trace, values, attempt)
        except TraceFormatError as exc:
            return None, {"trace_code": exc.code, "params": exc.params, "names": {}}
        result = check(trace)
        errs = errors(result)
        if not errs:
            return attempt, None
        first = errs[0].step
        failure = {"code": errs[0].code, "params": errs[0].params, "names": names(trace)}
        progressed = False
        for finding in (f for f in errs if f.step == first):
            fix = _attribute(finding, result, by_event)
            if fix is not None and attempt[fix[0].name] != fix[1]:
                attempt[fix[0].name] = fix[1]
                progressed = True
                break
        if not progressed:
            return None, failure
    return None, failure


def _attribute(finding, result, by_event) -> tuple[Blank, str] | None:
    event = event_of(result, finding)
    for b in by_event.get(event, ()):
        expected = finding.params.get("expected")
        if b.field == "seq" and finding.code in SEQ_CODES and isinstance(expected, int):
            return b, str(expected)
        if b.field == "ack" and finding.code in ACK_CODES and isinstance(expected, int):
            return b, str(expected)
        if (b.field == "claim" and finding.code == "claim-mismatch"
                and finding.params.get("host") == b.host):
            return b, finding.params["actual"]
    return None


def solution_for(instance: Instance) -> dict[str, str]:
    cached = instance.cache.get("fillin-solution")
    if cached is None:
        cached = instance.cache["fillin-solution"] = solve(instance.exercise.spec, instance.values)
    return cached


# ---- answers and grading ----------------------------------------------------------------------

def normalize(blank: Blank, text) -> str:
    """The learner's answer as it goes into the trace; ``Problem`` when it cannot."""
    if not isinstance(text, str) or not text.strip():
        raise Problem("fillin.blank-empty")
    value = text.strip()
    if blank.field in ("seq", "ack"):
        if not _NUMBER.fullmatch(value) or int(value) >= _MOD:
            raise Problem("fillin.not-a-number", found=value[:40])
        return str(int(value))
    if blank.field == "flags":
        try:
            flags = Flag.parse(value)
        except ValueError:
            raise Problem("fillin.not-flags", found=value[:40]) from None
        return flags.text()
    if blank.field == "claim":
        if value.upper().replace("-", "_") in ("SYN_SEND", "SYN_SENT_"):
            raise Problem("fillin.syn-send", found=value[:40])
        try:
            return State.parse(value).value
        except ValueError:
            raise Problem("fillin.not-a-state", found=value[:40]) from None
    if value.lower() == "lost":
        return "lost"
    time = value[1:] if value.startswith("@") else value
    if not _TIME.fullmatch(time):
        raise Problem("fillin.not-an-arrival", found=value[:40])
    return "@" + time


def _display(blank: Blank, value: str) -> str:
    return value[1:] if blank.field == "arrival" and value.startswith("@") else value


def parse_answer(spec: FillInSpec, payload) -> dict[str, str]:
    if not isinstance(payload, dict) or not isinstance(payload.get("blanks", {}), dict):
        raise Problem("answer.malformed")
    return {str(k): v for k, v in payload.get("blanks", {}).items()}


def grade(instance: Instance, answer: dict) -> tuple[list[Item], float]:
    spec: FillInSpec = instance.exercise.spec
    solution = solution_for(instance)
    items = []
    for blank in spec.blanks:
        params = {"name": blank.name, "field": blank.field,
                  "solution": _display(blank, solution[blank.name]), "given": ""}
        given = answer.get(blank.name)
        if given is None:
            items.append(Item("fillin.missing", params, 0.0))
            continue
        params["given"] = str(given)[:40]
        try:
            value = normalize(blank, given)
        except Problem as p:
            items.append(Item(p.code, {**params, **p.params}, 0.0))
            continue
        params["given"] = _display(blank, value)
        if value == solution[blank.name]:
            items.append(Item("fillin.right", params, 1.0))
            continue
        trial = dict(solution)
        trial[blank.name] = value
        try:
            _, trace = render_trace(spec.trace, instance.values, trial)
        except TraceFormatError as exc:
            items.append(Item("fillin.wrong", params, 0.0, trace_error=exc))
            continue
        result = check(trace)
        errs = errors(result)
        if not errs:
            items.append(Item("fillin.right-alternative", params, 1.0))
            continue
        # The claims the solution makes further on may now be wrong too: not the point here.
        here = [f for f in errs if event_of(result, f) == blank.event
                and (f.code != "claim-mismatch" or blank.field == "claim")] or errs
        items.append(Item("fillin.wrong", params, 0.0, findings=here, names=names(trace)))
    return items, sum(item.credit for item in items) / max(1, len(items))
