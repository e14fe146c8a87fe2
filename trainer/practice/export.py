"""Export exercises to Moodle XML and GIFT, for the kinds those formats can express.

==============  ===========================================  ===================================
kind            Moodle XML                                   GIFT
==============  ===========================================  ===================================
choice          multichoice (single or multiple)             multiple choice (weights for many)
calculate       numerical with tolerance                     numerical ``{#value:tolerance}``
fill-in         cloze (one SHORTANSWER per blank)            short answer, one blank only
build, find-the-bug, predict-next: skipped (they need the trace editor and the engine)
==============  ===========================================  ===================================

A randomised exercise is exported as one variant, the one of ``seed``. Keys are plain in the
export (Moodle needs them): a sealed choice key is recovered by trying every selection; a
sealed number cannot be recovered and the exercise is skipped. Text is in one language.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from trainer.i18n.practice_text import pick
from trainer.practice import calculate, fillin
from trainer.practice.loader import instantiate
from trainer.practice.model import Exercise, ExerciseSet, Instance
from trainer.practice.sealing import recover_choice
from trainer.practice.template import render


@dataclass(slots=True)
class Export:
    text: str
    exported: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # id, kind, reason key


class _Skip(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ---- shared -----------------------------------------------------------------------------------

def _texts(instance: Instance, lang: str) -> tuple[str, str, str]:
    e = instance.exercise
    return (instance.text(e.title, lang), instance.text(e.prompt, lang),
            instance.text(e.explanation, lang))


def _trace_html(instance: Instance, template: str | None, blanks: dict | None = None) -> str:
    """The trace in a ``<pre>``, HTML-escaped; ``blanks`` maps blank names to markup that is
    inserted as it is (Moodle's cloze fields)."""
    if not template:
        return ""
    names = list(blanks or {})
    placeholders = {name: f"\x00{i}\x00" for i, name in enumerate(names)}
    text = html.escape(render(template, instance.values, placeholders).text.strip("\n"),
                       quote=False)
    for name in names:
        text = text.replace(placeholders[name], blanks[name])
    return "<pre>" + text + "</pre>"


def _choice_key(instance: Instance) -> list[str]:
    spec = instance.exercise.spec
    key = recover_choice(spec.key, instance.exercise.id, [o.id for o in spec.options],
                         spec.multiple)
    if key is None:
        raise _Skip("skip.no-key")
    return key


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(float(value))


def _calculated(instance: Instance) -> tuple[float, float]:
    spec = instance.exercise.spec
    if spec.key is not None:
        raise _Skip("skip.sealed-number")
    correct = calculate.correct_value(instance)
    return correct, calculate.tolerance(spec, correct)


def _fractions(count_right: int, count_wrong: int) -> tuple[str, str]:
    right = 100 / count_right
    wrong = -100 / count_wrong if count_wrong else 0
    return f"{right:.5f}".rstrip("0").rstrip("."), f"{wrong:.5f}".rstrip("0").rstrip(".")


# ---- Moodle XML -------------------------------------------------------------------------------

def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html_paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def moodle_xml(exercise_set: ExerciseSet, lang: str, seed: int = 0) -> Export:
    out = Export("")
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    category = pick(exercise_set.title, lang) if exercise_set.title else (exercise_set.id or "")
    if category:
        parts.append('  <question type="category"><category><text>$course$/TCP Trainer/'
                     f"{escape(category)}</text></category></question>")
    for exercise in exercise_set.exercises:
        try:
            parts.append(_moodle_question(instantiate(exercise, seed), lang))
            out.exported.append(exercise.id)
        except _Skip as skip:
            out.skipped.append((exercise.id, exercise.kind, skip.reason))
    parts.append("</quiz>")
    out.text = "\n".join(parts) + "\n"
    return out


def _moodle_question(instance: Instance, lang: str) -> str:
    e = instance.exercise
    title, prompt, explanation = _texts(instance, lang)
    spec = e.spec
    body = _html_paragraphs(prompt)
    extra: list[str] = []
    if e.kind == "choice":
        qtype = "multichoice"
        key = _choice_key(instance)
        body += _trace_html(instance, spec.trace)
        right, wrong = _fractions(len(key), len(spec.options) - len(key))
        extra.append(f"    <single>{'false' if spec.multiple else 'true'}</single>")
        extra.append(f"    <shuffleanswers>{'true' if spec.shuffle else 'false'}</shuffleanswers>")
        extra.append("    <answernumbering>abc</answernumbering>")
        for option in spec.options:
            fraction = right if option.id in key else (wrong if spec.multiple else "0")
            feedback = instance.text(option.feedback, lang)
            extra.append(f'    <answer fraction="{fraction}" format="html">'
                         f"<text>{_cdata(html.escape(instance.text(option.text, lang)))}</text>"
                         f'<feedback format="html"><text>{_cdata(html.escape(feedback))}</text>'
                         "</feedback></answer>")
    elif e.kind == "calculate":
        qtype = "numerical"
        correct, margin = _calculated(instance)
        body += _trace_html(instance, spec.trace)
        extra.append(f'    <answer fraction="100"><text>{_number(correct)}</text>'
                     f"<tolerance>{_number(margin)}</tolerance></answer>")
        if spec.unit:
            extra.append("    <units><unit><multiplier>1</multiplier><unit_name>"
                         f"{escape(instance.text(spec.unit, lang))}</unit_name></unit></units>")
            extra.append("    <showunits>3</showunits><unitsleft>0</unitsleft>")
    elif e.kind == "fill-in":
        qtype = "cloze"
        solution = fillin.solution_for(instance)
        markers = {b.name: "{1:SHORTANSWER:" + _cloze_answers(b, solution[b.name]) + "}"
                   for b in spec.blanks}
        body += _trace_html(instance, spec.trace, markers)
    else:
        raise _Skip("skip.kind")
    hints = [f'    <hint format="html"><text>{_cdata(html.escape(instance.text(h.text, lang)))}'
             "</text></hint>" for h in e.hints]
    lines = [
        f'  <question type="{qtype}">',
        f"    <name><text>{escape(title)}</text></name>",
        f'    <questiontext format="html"><text>{_cdata(body)}</text></questiontext>',
        f'    <generalfeedback format="html"><text>{_cdata(_html_paragraphs(explanation))}'
        "</text></generalfeedback>",
        f"    <defaultgrade>{_number(e.points)}</defaultgrade>",
        f"    <idnumber>{escape(e.id)}</idnumber>",
        *extra, *hints, "  </question>",
    ]
    return "\n".join(lines)


def _cloze_answers(blank, value: str) -> str:
    shown = value[1:] if value.startswith("@") else value
    answers = [shown]
    if blank.field == "claim" and "-" in shown:
        answers.append(shown.replace("-", "_"))
    return "~".join("%100%" + _cloze_escape(a) for a in answers)


def _cloze_escape(text: str) -> str:
    for ch in "\\}#~/\"":
        text = text.replace(ch, "\\" + ch)
    return text


# ---- GIFT -------------------------------------------------------------------------------------

def _gift_escape(text: str) -> str:
    for ch in "\\~=#{}:":
        text = text.replace(ch, "\\" + ch)
    return "\n".join(line for line in text.split("\n") if line.strip())


def gift(exercise_set: ExerciseSet, lang: str, seed: int = 0) -> Export:
    out = Export("")
    blocks = []
    for exercise in exercise_set.exercises:
        try:
            blocks.append(_gift_question(instantiate(exercise, seed), lang))
            out.exported.append(exercise.id)
        except _Skip as skip:
            out.skipped.append((exercise.id, exercise.kind, skip.reason))
    out.text = "\n\n".join(blocks) + "\n"
    return out


def _gift_question(instance: Instance, lang: str) -> str:
    e: Exercise = instance.exercise
    title, prompt, explanation = _texts(instance, lang)
    spec = e.spec
    head = f"// {e.id}\n::{_gift_escape(title)}::[html]{_gift_escape(_html_paragraphs(prompt))}"
    general = f"####{_gift_escape(explanation)}" if explanation else ""
    if e.kind == "choice":
        key = _choice_key(instance)
        head += _gift_escape(_trace_html(instance, spec.trace))
        right, wrong = _fractions(len(key), len(spec.options) - len(key))
        answers = []
        for option in spec.options:
            text = _gift_escape(instance.text(option.text, lang))
            feedback = instance.text(option.feedback, lang)
            tail = f"#{_gift_escape(feedback)}" if feedback else ""
            if spec.multiple:
                weight = right if option.id in key else wrong
                answers.append(f"~%{weight}%{text}{tail}")
            else:
                answers.append(("=" if option.id in key else "~") + text + tail)
        return head + " {\n" + "\n".join("\t" + a for a in answers) + f"\n{general}\n}}"
    if e.kind == "calculate":
        correct, margin = _calculated(instance)
        head += _gift_escape(_trace_html(instance, spec.trace))
        return head + f" {{#{_number(correct)}:{_number(margin)}{general}}}"
    if e.kind == "fill-in" and len(spec.blanks) > 1:
        raise _Skip("skip.gift-blanks")
    if e.kind == "fill-in":
        blank = spec.blanks[0]
        solution = fillin.solution_for(instance)[blank.name]
        shown = solution[1:] if solution.startswith("@") else solution
        marker = "\x00"
        trace = _gift_escape(_trace_html(instance, spec.trace, {blank.name: marker}))
        before, _, after = trace.partition(marker)
        return f"{head}{before}{{={_gift_escape(shown)}{general}}}{after}"
    raise _Skip("skip.kind")
