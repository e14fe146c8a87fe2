"""Typed, located access to the tables of a parsed exercise file.

``Table`` wraps one TOML table with its key path. Every accessor checks the type and range of
one value and, when it is wrong, raises an ``ExerciseFormatError`` at that value's line and
column (found by ``tomlspans``). Unknown keys are refused when the table is opened, so a typo is
never silently ignored.
"""

from __future__ import annotations

import math
import re

from trainer.formats.errors import TraceFormatError
from trainer.practice.errors import ExerciseFormatError, Problem
from trainer.practice.template import Rendered, TemplateError
from trainer.practice.tomlspans import Positions

LANGUAGES = ("zh_CN", "en")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def path_text(path: tuple) -> str:
    """``("exercise", 2, "hints", 0)`` -> ``exercise[3].hints[1]`` (1-based, as people count)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out or "(top level)"


def type_name(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return "date"


def shown(value) -> str:
    """A short excerpt of a value as the file spells it."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + value.replace("\n", "\\n") + '"'
    elif isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list):
        text = "[…]"
    else:
        text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


class Context:
    """The file being read: its name and where each key sits."""

    def __init__(self, source: str, positions: Positions | None, data: dict | None = None):
        self.source = source
        self.positions = positions
        self.data = data

    def error(self, code: str, path: tuple, *, at: str = "value", **params) -> ExerciseFormatError:
        place = None
        if self.positions is not None:
            place = self.positions.key(path) if at == "key" else self.positions.value(path)
        line, column = place or (None, None)
        return ExerciseFormatError(code, params, source=self.source, line=line, column=column)

    def error_in_string(self, code: str, path: tuple, offset: int, **params) -> ExerciseFormatError:
        """An error at character ``offset`` of the string value at ``path``."""
        line, column = self.string_place(path, offset)
        return ExerciseFormatError(code, params, source=self.source, line=line, column=column)

    def string_place(self, path: tuple, offset: int) -> tuple[int | None, int | None]:
        """Line and column of character ``offset`` of the string value at ``path`` (the
        string's start when the text does not map one to one onto the file)."""
        if self.positions is None:
            return None, None
        origin = self.positions.string_origin(path)
        if origin is None:
            return self.positions.value(path) or (None, None)
        line, column, exact = origin
        if not exact:
            return line, column
        value = self._value_at(path)
        if not isinstance(value, str) or offset > len(value):
            return line, column
        before = value[:offset]
        newlines = before.count("\n")
        if newlines:
            return line + newlines, offset - before.rfind("\n")
        return line, column + offset

    def _value_at(self, path: tuple):
        node = self.data
        try:
            for part in path:
                node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
        return node

    def template_error(self, exc: TemplateError, path: tuple) -> ExerciseFormatError:
        return self.error_in_string(exc.code, path, exc.offset, **exc.params)

    def trace_error(self, exc: TraceFormatError, path: tuple,
                    rendered: Rendered) -> ExerciseFormatError:
        """A trace-notation error in the rendered trace, placed in the exercise file."""
        if exc.line is not None:
            offset = rendered.template_offset_of(exc.line, exc.column or 1)
            line, column = self.string_place(path, offset)
        else:
            line, column = self.positions.value(path) if self.positions else (None, None)
        return ExerciseFormatError("trace-notation", {"code": exc.code, "params": exc.params},
                                   source=self.source, line=line, column=column)


class Table:
    """One table of the file. ``allowed`` lists the keys it may have."""

    def __init__(self, ctx: Context, data: dict, path: tuple, allowed: tuple[str, ...]):
        self.ctx = ctx
        self.data = data
        self.path = path
        for key in data:
            if key not in allowed:
                raise ctx.error("unknown-key", path + (key,), at="key", key=key,
                                where=path_text(path), allowed=", ".join(allowed))

    # ---- plumbing ------------------------------------------------------------------------------
    def has(self, key: str) -> bool:
        return key in self.data

    def at(self, key: str, *more) -> tuple:
        return self.path + (key, *more)

    def fail(self, code: str, key: str | None = None, *more, place: str = "value",
             **params) -> ExerciseFormatError:
        """An error at the value of ``key`` (``place="key"``: at the key itself)."""
        path = self.path if key is None else self.at(key, *more)
        return self.ctx.error(code, path, at=place, **params)

    def _get(self, key: str, required: bool):
        if key not in self.data:
            if required:
                raise self.ctx.error("missing-key", self.path, at="key", key=key,
                                     where=path_text(self.path))
            return None
        return self.data[key]

    def _wrong(self, key: str, expected: str, value) -> ExerciseFormatError:
        return self.fail("wrong-type", key, what=path_text(self.at(key)), expected=expected,
                         found=shown(value))

    # ---- scalars -------------------------------------------------------------------------------
    def string(self, key: str, required: bool = False, default: str | None = None) -> str | None:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self._wrong(key, "string", value)
        return value

    def identifier(self, key: str, required: bool = True) -> str | None:
        value = self.string(key, required)
        if value is not None and not ID_PATTERN.fullmatch(value):
            raise self.fail("bad-id", key, found=shown(value))
        return value

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = False,
               default: str | None = None) -> str | None:
        value = self.string(key, required, default)
        if value is not None and value not in allowed:
            raise self.fail("not-one-of", key, what=path_text(self.at(key)), found=shown(value),
                            allowed=", ".join(allowed))
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self._wrong(key, "boolean", value)
        return value

    def integer(self, key: str, low: int, high: int, required: bool = False,
                default: int | None = None) -> int | None:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "integer", value)
        if not low <= value <= high:
            raise self.fail("out-of-range", key, what=path_text(self.at(key)), found=str(value),
                            min=low, max=high)
        return value

    def number(self, key: str, low: float, high: float, required: bool = False,
               default: float | None = None) -> int | float | None:
        value = self._get(key, required)
        if value is None:
            return default
        return self.check_number(value, (key,), low, high)

    def check_number(self, value, rel: tuple, low: float, high: float) -> int | float:
        path = self.path + rel
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.ctx.error("wrong-type", path, what=path_text(path), expected="number",
                                 found=shown(value))
        if not math.isfinite(value) or not low <= value <= high:
            raise self.ctx.error("out-of-range", path, what=path_text(path), found=shown(value),
                                 min=low, max=high)
        return value

    # ---- composite values ----------------------------------------------------------------------
    def text(self, key: str, required: bool = True) -> dict[str, str] | None:
        """A bilingual text: ``{zh_CN = "...", en = "..."}``, both required and not empty."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail("wrong-type", key, what=path_text(self.at(key)),
                            expected="{zh_CN = \"…\", en = \"…\"}", found=shown(value))
        Table(self.ctx, value, self.at(key), LANGUAGES)
        for lang in LANGUAGES:
            if lang not in value:
                raise self.fail("missing-language", key, what=path_text(self.at(key)), lang=lang)
            if not isinstance(value[lang], str):
                raise self.fail("wrong-type", key, lang, what=path_text(self.at(key, lang)),
                                expected="string", found=shown(value[lang]))
            if not value[lang].strip():
                raise self.fail("empty-text", key, lang, what=path_text(self.at(key)), lang=lang)
        return {lang: value[lang] for lang in LANGUAGES}

    def strings(self, key: str, required: bool = False) -> list[str] | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, list):
            raise self._wrong(key, "array of strings", value)
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail("wrong-type", key, i, what=path_text(self.at(key, i)),
                                expected="string", found=shown(item))
        return list(value)

    def table(self, key: str, allowed: tuple[str, ...], required: bool = False) -> Table | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self._wrong(key, "table", value)
        return Table(self.ctx, value, self.at(key), allowed)

    def raw_table(self, key: str) -> dict | None:
        """A table whose keys are names chosen by the author (parameters, blanks, measures)."""
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self._wrong(key, "table", value)
        return value

    def tables(self, key: str, allowed: tuple[str, ...], required: bool = False,
               limit: int = 200) -> list[Table]:
        """An array of tables: ``[[exercise.hints]]`` or ``hints = [{...}, {...}]``."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._wrong(key, "array of tables", value)
        if len(value) > limit:
            raise self.fail("out-of-range", key, what=path_text(self.at(key)),
                            found=str(len(value)), min=0, max=limit)
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail("wrong-type", key, i, what=path_text(self.at(key, i)),
                                expected="table", found=shown(item))
            out.append(Table(self.ctx, item, self.at(key, i), allowed))
        return out

    def problem(self, exc: Problem, key: str | None = None, *more) -> ExerciseFormatError:
        return self.fail(exc.code, key, *more, **exc.params)
