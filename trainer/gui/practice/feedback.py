"""A graded answer as HTML for the practice and exam screens.

The sentences come from the Qt-free catalogs (``trainer.practice.explain`` and the catalogs it
uses), in the UI language; this module only adds colour and layout: one line per graded item
with its mark, the engine's findings indented under it, then the author's explanation.
"""

from __future__ import annotations

from html import escape

from trainer.gui.palette import error_color, ok_color, warning_color
from trainer.practice.explain import item_lines
from trainer.practice.model import Instance
from trainer.practice.outcome import Grade, Item


def number(value: float) -> str:
    """``10``, ``7.5``: points as people write them."""
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def verdict_color(credit: float) -> str:
    if credit >= 1.0:
        return ok_color().name()
    if credit > 0:
        return warning_color().name()
    return error_color().name()


def item_html(item: Item, instance: Instance | None, lang: str) -> str:
    lines = item_lines(item, instance, lang)
    head, rest = lines[0], lines[1:]
    informative = item.weight == 0 and item.code.startswith("choice.")
    style = "" if informative else f" style='color:{verdict_color(item.credit)}'"
    parts = [f"<p style='margin:4px 0 0 0'><span{style}>{_text(head)}</span></p>"]
    for line in rest:
        parts.append(f"<p style='margin:0 0 0 22px'>{_text(line.strip())}</p>")
    return "".join(parts)


def grade_html(grade: Grade, instance: Instance | None, lang: str, *, heading: str,
               hints_line: str = "", explanation_title: str = "") -> str:
    """The whole verdict. ``heading`` (already translated, e.g. "Score: 7.5 of 10") leads;
    ``hints_line`` says what the hints cost; the explanation closes it."""
    color = verdict_color(grade.raw)
    parts = [f"<p style='margin:0'><b style='color:{color}'>{escape(heading)}</b></p>"]
    if hints_line:
        parts.append(f"<p style='margin:0'>{escape(hints_line)}</p>")
    for item in grade.items:
        parts.append(item_html(item, instance, lang))
    if instance is not None and instance.exercise.explanation:
        text = instance.text(instance.exercise.explanation, lang).strip()
        parts.append(f"<p style='margin:10px 0 0 0'><b>{escape(explanation_title)}</b></p>")
        parts.append(f"<p style='margin:0'>{_text(text)}</p>")
    return "".join(parts)


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")
