"""Write an authored exercise as an exercise file (TOML). No Qt.

``ExerciseDraft`` holds what the authoring window collects; ``exercise_toml`` writes it in the
format of ``resources/docs/exercise-format.md``: plain answers (a choice key, a number) are
written as ``answer = ...`` and sealed by ``trainer.practice.authoring.seal_text`` before the
file is saved. ``trace_template`` turns a trace into the text notation for an exercise (braces
doubled, since ``{...}`` is a field there), with chosen fields replaced by ``?blanks``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.engine.trace import HOSTS, Flag, Segment, Trace
from trainer.formats.notation import format_notation, format_seconds, segment_fields
from trainer.practice.model import FORMAT, VERSION

LANGS = ("zh_CN", "en")


def toml_string(text: str) -> str:
    """A TOML basic string: ``"..."`` with escapes."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_text(texts: dict) -> str:
    """A bilingual text: ``{zh_CN = "...", en = "..."}``."""
    return "{" + ", ".join(f"{lang} = {toml_string(texts.get(lang, ''))}" for lang in LANGS) + "}"


def toml_block(text: str) -> str:
    """A trace: a multi-line literal string when it can be one, else a basic string."""
    if "'''" not in text and all(ch == "\n" or ch == "\t" or ord(ch) >= 0x20 for ch in text):
        return "'''\n" + text + ("" if text.endswith("\n") else "\n") + "'''"
    return toml_string(text)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return toml_text(value)
    raise TypeError(f"no TOML for {value!r}")


# ---- traces -----------------------------------------------------------------------------------

def _escape_braces(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def trace_header(trace: Trace) -> str:
    """Host lines and options of ``trace`` (no events), for an exercise's ``trace``/``start``."""
    empty = Trace(hosts=trace.hosts, events=[], options=trace.options)
    lines = [line for line in format_notation(empty).split("\n")
             if line and not line.startswith("#") and not line.startswith(("title", "description"))]
    return _escape_braces("\n".join(lines) + "\n")


def event_line(event, blanks: dict[str, str] | None = None) -> str:
    """One event in the notation; ``blanks`` maps ``seq``, ``ack``, ``flags``, ``arrival``
    and ``claim:A`` / ``claim:B`` to blank names."""
    blanks = blanks or {}
    if not isinstance(event, Segment):
        text = format_notation(Trace(events=[event])).rstrip("\n").split("\n")[-1]
        text = text.split(" [", 1)[0]  # its claims are written below, with any blanks
        return _escape_braces(text) + _claims_text(event.claims, blanks)
    words = _escape_braces(segment_fields(event)).split(" ")
    if "flags" in blanks:
        words[0] = "?" + blanks["flags"]
    for i, word in enumerate(words[:3]):
        for name in ("seq", "ack"):
            if word.startswith(name + "=") and name in blanks:
                words[i] = f"{name}=?{blanks[name]}"
    receiver = "B" if event.sender == "A" else "A"
    parts = [format_seconds(event.send_time), f"{event.sender}>{receiver}", " ".join(words)]
    if "arrival" in blanks:
        parts.append("?" + blanks["arrival"])
    else:
        parts.append("lost" if event.arrive_time is None else f"@{format_seconds(event.arrive_time)}")
    if event.old_duplicate:
        parts.append("dup")
    return " ".join(parts) + _claims_text(event.claims, blanks)


def _claims_text(claims, blanks: dict[str, str]) -> str:
    items = []
    for host in HOSTS:
        if f"claim:{host}" in blanks:
            items.append(f"{host}:?{blanks['claim:' + host]}")
        elif claims and host in claims:
            items.append(f"{host}:{claims[host].value}")
    return f" [{' '.join(items)}]" if items else ""


def trace_template(trace: Trace, blanks: dict[int, dict[str, str]] | None = None) -> str:
    """The whole trace for an exercise file; ``blanks`` per event index as in ``event_line``."""
    blanks = blanks or {}
    lines = [event_line(e, blanks.get(i)) for i, e in enumerate(trace.events)]
    return trace_header(trace) + "\n".join(lines) + "\n"


def flags_without_ack(seg: Segment) -> Flag:
    return Flag(int(seg.flags) & ~int(Flag.ACK))


# ---- the exercise -----------------------------------------------------------------------------

@dataclass
class ExerciseDraft:
    id: str
    kind: str
    title: dict
    prompt: dict
    topics: list[str]
    difficulty: int = 1
    points: float = 10
    explanation: dict | None = None
    hints: list[tuple[dict, float]] = field(default_factory=list)
    trace: str | None = None  # fill-in, find-the-bug, predict-next, and shown for choice/calc
    start: str | None = None  # build
    bugs: int | None = None  # find-the-bug
    rules: list[str] = field(default_factory=list)
    checkpoints: list[dict] = field(default_factory=list)  # predict-next
    requirements: list[dict] = field(default_factory=list)  # build
    options: list[dict] = field(default_factory=list)  # choice: id, text, feedback
    multiple: bool = False
    answer: object = None  # choice ids or a number: sealed before saving
    decimals: int = 0
    unit: dict | None = None


def exercise_toml(draft: ExerciseDraft) -> str:
    """The exercise file for ``draft``: one ``[exercise]``."""
    out = [f'format = "{FORMAT}"', f"version = {VERSION}", "", "[exercise]",
           f"id = {toml_string(draft.id)}", f"kind = {toml_string(draft.kind)}",
           f"topics = {toml_value(list(draft.topics))}", f"difficulty = {draft.difficulty}",
           f"points = {toml_value(draft.points)}", f"title = {toml_text(draft.title)}",
           f"prompt = {toml_text(draft.prompt)}"]
    if draft.explanation and any(draft.explanation.values()):
        out.append(f"explanation = {toml_text(draft.explanation)}")
    kind = draft.kind
    if kind == "find-the-bug":
        out.append(f"bugs = {draft.bugs}")
        if draft.rules:
            out.append(f"rules = {toml_value(list(draft.rules))}")
    if kind == "choice":
        out.append(f"multiple = {toml_value(draft.multiple)}")
        out.append(f"answer = {toml_value(list(draft.answer or []))}")
    if kind == "calculate":
        out.append(f"decimals = {draft.decimals}")
        if draft.unit and any(draft.unit.values()):
            out.append(f"unit = {toml_text(draft.unit)}")
        out.append(f"answer = {toml_value(draft.answer)}")
    if kind == "build" and draft.start:
        out.append(f"start = {toml_block(draft.start)}")
    if draft.trace and kind != "build":
        out.append(f"trace = {toml_block(draft.trace)}")
    for hint, penalty in draft.hints:
        out += ["", "[[exercise.hints]]", f"text = {toml_text(hint)}",
                f"penalty = {toml_value(float(penalty))}"]
    for checkpoint in draft.checkpoints:
        out += ["", "[[exercise.checkpoints]]"]
        out += [f"{key} = {toml_value(value)}" for key, value in checkpoint.items()]
    for requirement in draft.requirements:
        out += ["", "[[exercise.require]]"]
        out += [f"{key} = {toml_value(value)}" for key, value in requirement.items()]
    for option in draft.options:
        out += ["", "[[exercise.options]]", f"id = {toml_string(option['id'])}",
                f"text = {toml_text(option['text'])}"]
        if option.get("feedback") and any(option["feedback"].values()):
            out.append(f"feedback = {toml_text(option['feedback'])}")
    return "\n".join(out) + "\n"
