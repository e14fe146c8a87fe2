"""A graded answer as sentences: one line per item, the engine's findings under it.

Used by the CLI and, later, by the practice and exam screens. Everything goes through the
catalogs: ``practice_text`` for verdicts, the finding catalog for engine findings, the state
catalog for transitions, the trace-format catalog for an unreadable trace.
"""

from __future__ import annotations

from trainer.i18n.catalog import render_finding, rfc_label
from trainer.i18n.practice_text import pick, rule_name, text
from trainer.i18n.states_text import transition_text
from trainer.practice.model import Instance
from trainer.practice.outcome import Grade, Item


def describe_requirement(params: dict, lang: str, show_count: bool = False) -> str:
    """The sentence for a build requirement (its parameters as
    ``build.requirement_params`` gives them)."""
    rule = params.get("rule", "")
    host = params.get("host", "any")
    host_key = f"req.host.{host}"
    if host == "any" and rule == "never-in":
        host_key = "req.host.never-any"
    elif host == "any" and rule in ("sends", "calls", "transition"):
        host_key = "req.host.together"
    host_word = text(host_key, lang)
    if lang == "zh_CN" and host_word.isascii():
        host_word += " "  # "A 经过", but "双方经过"
    values = {"host": host_word, "state": params.get("state", ""),
              "states": text("req.or", lang).join(
                  (params.get("states") or params.get("state") or "").split(", ")),
              "call": params.get("call", ""), "bounds": _bounds(params, lang),
              "transition": transition_text(params.get("transition", ""), lang)
              if params.get("transition") else ""}
    for part in ("flags", "without", "state"):
        values[part] = (text(f"req.{part}", lang, **{part: params[part]})
                        if params.get(part) else "")
    for part in ("data", "lost"):
        values[part] = text(f"req.{part}.{params[part]}", lang) if params.get(part) else ""
    if rule != "sends":
        values["state"] = params.get("state", "")
    sentence = text(f"req.{rule}", lang, **values)
    if show_count and params.get("count"):
        sentence += text("req.count", lang, count=params["count"])
    return sentence


def _bounds(params: dict, lang: str) -> str:
    low, high = params.get("min", ""), params.get("max", "")
    if low == "" and high == "":
        return text("req.bounds.at-least", lang, min=1)
    if high == "":
        return text("req.bounds.at-least", lang, min=low)
    if low == "":
        return text("req.bounds.at-most", lang, max=high)
    if low == high:
        return text("req.bounds.exactly", lang, min=low)
    return text("req.bounds.between", lang, min=low, max=high)


def item_lines(item: Item, instance: Instance | None, lang: str) -> list[str]:
    params = dict(item.params)
    values = instance.values if instance is not None else {}
    if "field" in params:
        params["field"] = text(f"field.{params['field']}", lang)
    if item.code.startswith("findbug."):
        if "rule" in params:
            params["rule_name"] = rule_name(params["rule"], lang)
        comma = "、" if lang == "zh_CN" else ", "
        params["given"] = comma.join(rule_name(code, lang)
                                     for code in str(params.get("given", "")).split(", ") if code)
    if item.code.startswith("build.") and "rule" in params:
        params["requirement"] = (pick(item.feedback, lang) if item.feedback else
                                 describe_requirement(params, lang, item.code == "build.unmet"))
    if "option" in params and instance is not None:
        option = next((o for o in instance.exercise.spec.options if o.id == params["option"]), None)
        params["option_text"] = _render(pick(option.text, lang), values) if option else ""
    if item.code.startswith("calculate."):
        unit = _render(pick(item.feedback, lang), values)
        params["unit"] = f" {unit}" if unit else ""
    mark = _mark(item)
    lines = [f"{mark} {text(item.code, lang, **params)}"]
    for finding in item.findings:
        line = "    " + render_finding(finding, lang, item.names)
        label = rfc_label(finding.rfc, lang)
        lines.append(line + (f" [{label}]" if label else ""))
    if item.trace_error is not None:
        lines.append("    " + item.trace_error.render(lang))
    for transition in params.get("transitions", ()):
        lines.append("    " + transition_text(transition, lang))
    if item.feedback and item.code.startswith("choice."):
        lines.append("    " + _render(pick(item.feedback, lang), values))
    return lines


def _mark(item: Item) -> str:
    if item.weight == 0 and item.code.startswith("choice."):
        return "  "
    if item.right:
        return "✓"
    if item.credit > 0:
        return "½"
    return "✗"


def _render(template: str, values: dict) -> str:
    from trainer.practice.template import TemplateError, render

    try:
        return render(template, values).text
    except TemplateError:
        return template


def grade_lines(grade: Grade, instance: Instance | None, lang: str) -> list[str]:
    """The whole report for one graded exercise."""
    lines = [text("report.score", lang, score=_number(grade.score), points=_number(grade.points))]
    if grade.hints_used:
        lines.append(text("report.hints", lang, n=grade.hints_used,
                          percent=_number(round(grade.penalty * 100, 1))))
    for item in grade.items:
        lines.extend(item_lines(item, instance, lang))
    if instance is not None and instance.exercise.explanation:
        lines.append(text("report.solution", lang,
                          text=instance.text(instance.exercise.explanation, lang)))
    return lines


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")
