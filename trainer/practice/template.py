"""Templates: text with ``{expression}`` fields (and, in fill-in traces, ``?blank`` marks).

``render`` replaces each ``{...}`` by the value of the arithmetic expression inside
(``trainer.practice.expr``), ``{{`` and ``}}`` by single braces, and, when blank values are
given, each ``?name`` by its value. It remembers what it replaced, so that a position in the
result (an error the notation parser found) maps back to the template, and from there to the
exercise file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from trainer.i18n.catalog import format_number
from trainer.practice.expr import ExprError, compute

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")
_FIELD_AND_BLANK = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]|\?([A-Za-z_][A-Za-z0-9_]*)")
BLANK = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")


class TemplateError(Exception):
    """A bad field at ``offset`` (0-based, in the template). ``code`` is ``template-brace`` or
    one of the expression error codes."""

    def __init__(self, code: str, offset: int, **params):
        super().__init__(code)
        self.code = code
        self.offset = offset
        self.params = params


@dataclass(slots=True)
class Rendered:
    text: str
    template: str
    # (template offset, template length, output offset, output length) per replacement
    replacements: list[tuple[int, int, int, int]] = field(default_factory=list)

    def template_offset(self, offset: int) -> int:
        """The template offset that produced output ``offset`` (the start of a replaced field)."""
        starts = [r[2] for r in self.replacements]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return offset
        t_off, t_len, o_off, o_len = self.replacements[i]
        if offset < o_off + o_len:
            return t_off
        return t_off + t_len + (offset - o_off - o_len)

    def template_offset_of(self, line: int, column: int) -> int:
        """Map a 1-based line and column of the output to a template offset."""
        start = 0
        for _ in range(line - 1):
            nl = self.text.find("\n", start)
            if nl < 0:
                break
            start = nl + 1
        return self.template_offset(min(start + max(column, 1) - 1, len(self.text)))


def show_number(value) -> str:
    """A parameter's value as the file would write it: ``100``, ``0.05``."""
    if isinstance(value, float) and value == int(value) and abs(value) < 2**53:
        return str(int(value))
    return format_number(value)


def render(template: str, values: dict, blanks: dict[str, str] | None = None) -> Rendered:
    pattern = _FIELD if blanks is None else _FIELD_AND_BLANK
    out: list[str] = []
    result = Rendered("", template)
    last = 0
    length = 0
    for match in pattern.finditer(template):
        token = match.group(0)
        out.append(template[last: match.start()])
        length += match.start() - last
        if token in ("{{", "}}"):
            value = token[0]
        elif token in ("{", "}"):
            raise TemplateError("template-brace", match.start(), found=token)
        elif token.startswith("?"):
            name = match.group(2)
            if name not in blanks:
                value = token  # not a blank of this exercise: kept as written
            else:
                value = blanks[name]
        else:
            expression = match.group(1)
            try:
                value = show_number(compute(expression, values))
            except ExprError as exc:
                raise TemplateError(exc.code, match.start(1) + min(exc.offset, len(expression)),
                                    **exc.params) from None
        if value != token:
            result.replacements.append((match.start(), len(token), length, len(value)))
        out.append(value)
        length += len(value)
        last = match.end()
    out.append(template[last:])
    result.text = "".join(out)
    return result


def field_names(template: str) -> list[tuple[str, int]]:
    """Each ``{expression}`` of the template with its offset (for validation)."""
    return [(m.group(1), m.start(1)) for m in _FIELD.finditer(template) if m.group(1) is not None]
