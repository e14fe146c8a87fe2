"""Where each key and value of a TOML document is, so that errors can name a line and column.

``tomllib`` reports positions for syntax errors only; once a document parses, the positions are
gone. ``locate(text)`` scans the same text again (it is already known to be valid TOML, so the
scanner only needs to follow the structure, not to judge it) and maps every key path to a
``Span``. Paths use the same shape as the parsed data: ``("exercise", 2, "hints", 0, "text")``,
with an index for every array element and every ``[[array.of.tables]]`` entry.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_VALUE_END = frozenset(",]}#\n")


@dataclass(frozen=True, slots=True)
class Span:
    """``line``/``column`` (1-based) of the key or table header; ``start``/``end`` are character
    offsets of the value (for a table: of its header); ``style`` says how the value is written:
    ``basic``, ``literal``, ``ml-basic``, ``ml-literal`` (strings), ``array``, ``inline-table``,
    ``table`` (a header), ``implicit`` (a table only named by dotted keys) or ``scalar``."""

    line: int
    column: int
    start: int
    end: int
    style: str


class Positions:
    """Line and column lookups for one document."""

    def __init__(self, text: str, spans: dict[tuple, Span]):
        self.text = text
        self.spans = spans
        self._line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self._line_starts.append(i + 1)

    def line_column(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self._line_starts[lo] + 1

    def key(self, path: tuple) -> tuple[int, int] | None:
        """Where the key of ``path`` is written, or its nearest written ancestor."""
        span = self._nearest(path)
        return None if span is None else (span.line, span.column)

    def value(self, path: tuple) -> tuple[int, int] | None:
        """Where the value of ``path`` starts, or where its nearest written ancestor is."""
        while path:
            span = self.spans.get(path)
            if span is not None:
                if span.style in ("table", "implicit"):
                    return span.line, span.column
                return self.line_column(span.start)
            path = path[:-1]
        return None

    def _nearest(self, path: tuple) -> Span | None:
        while path:
            span = self.spans.get(path)
            if span is not None:
                return span
            path = path[:-1]
        return None

    def string_origin(self, path: tuple) -> tuple[int, int, bool] | None:
        """For a string value: the line and column of its first character, and whether its
        text maps one to one onto the file (no escapes, no trimmed first line break shifts
        apart from the one accounted for), so that a position inside it maps back exactly."""
        span = self.spans.get(path)
        if span is None or span.style not in ("basic", "literal", "ml-basic", "ml-literal"):
            return None
        quote = 3 if span.style.startswith("ml-") else 1
        start = span.start + quote
        if quote == 3 and self.text.startswith("\r\n", start):
            start += 2
        elif quote == 3 and self.text.startswith("\n", start):
            start += 1
        body = self.text[start: span.end - quote]
        exact = "\\" not in body or span.style.endswith("literal")
        line, column = self.line_column(start)
        return line, column, exact


def locate(text: str) -> Positions:
    """Spans of every key in ``text``, which must be valid TOML (``tomllib`` parsed it)."""
    scanner = _Scanner(text)
    scanner.document()
    return Positions(text, scanner.spans)


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.spans: dict[tuple, Span] = {}
        self.table: tuple = ()
        self.aot: dict[tuple, int] = {}  # array-of-tables path -> index of its last entry
        self._line = 1
        self._line_start = 0
        self._counted = 0

    # ---- positions -----------------------------------------------------------------------------
    def _line_column(self, offset: int) -> tuple[int, int]:
        # Offsets only grow while scanning, so lines are counted incrementally.
        text = self.text
        while self._counted < offset:
            if text[self._counted] == "\n":
                self._line += 1
                self._line_start = self._counted + 1
            self._counted += 1
        return self._line, offset - self._line_start + 1

    def _record(self, path: tuple, key_at: int, start: int, end: int, style: str) -> None:
        if path in self.spans:
            return
        line, column = self._line_column(key_at)
        self.spans[path] = Span(line, column, start, end, style)

    # ---- lexical helpers -----------------------------------------------------------------------
    def _peek(self, n: int = 1) -> str:
        return self.text[self.pos: self.pos + n]

    def _skip_blank(self) -> None:
        """Spaces and tabs only."""
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        self.pos = pos

    def _skip_comment(self) -> None:
        if self._peek() == "#":
            end = self.text.find("\n", self.pos)
            self.pos = len(self.text) if end < 0 else end

    def _skip_space(self) -> None:
        """Blanks, line breaks and comments (inside arrays and between statements)."""
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in " \t\r\n":
                self.pos += 1
            elif ch == "#":
                self._skip_comment()
            else:
                return

    # ---- statements ----------------------------------------------------------------------------
    def document(self) -> None:
        while True:
            self._skip_space()
            if self.pos >= len(self.text):
                return
            if self._peek(2) == "[[":
                self._header(array=True)
            elif self._peek() == "[":
                self._header(array=False)
            else:
                self._key_value(self.table)

    def _header(self, array: bool) -> None:
        at = self.pos
        self.pos += 2 if array else 1
        self._skip_blank()
        parts = self._key()
        self._skip_blank()
        self.pos += 2 if array else 1
        path = self._resolve(parts[:-1]) + (parts[-1],)
        if array:
            index = self.aot.get(path, -1) + 1
            self.aot[path] = index
            self._record(path, at, at, at, "array")
            path = path + (index,)
        self._record(path, at, at, at, "table")
        self.table = path

    def _resolve(self, parts: list[str]) -> tuple:
        """A header's parent key path with the index of each array of tables it passes."""
        path: tuple = ()
        for part in parts:
            path = path + (part,)
            if path in self.aot:
                path = path + (self.aot[path],)
        return path

    def _key_value(self, table: tuple) -> None:
        at = self.pos
        parts = self._key()
        self._skip_blank()
        self.pos += 1  # '='
        self._skip_blank()
        path = table
        for part in parts[:-1]:
            path = path + (part,)
            self._record(path, at, at, at, "implicit")
        self._value(path + (parts[-1],), at)

    def _key(self) -> list[str]:
        parts = []
        while True:
            self._skip_blank()
            parts.append(self._key_part())
            self._skip_blank()
            if self._peek() != ".":
                return parts
            self.pos += 1

    def _key_part(self) -> str:
        ch = self._peek()
        if ch in ('"', "'"):
            start = self.pos
            self._string_end(ch, multiline=False)
            return tomllib.loads("k = " + self.text[start: self.pos])["k"]
        start = self.pos
        text = self.text
        while self.pos < len(text) and text[self.pos] in _BARE_KEY:
            self.pos += 1
        return text[start: self.pos]

    # ---- values --------------------------------------------------------------------------------
    def _value(self, path: tuple, key_at: int) -> None:
        start = self.pos
        three = self._peek(3)
        ch = self._peek()
        if three in ('"""', "'''"):
            self._string_end(ch, multiline=True)
            style = "ml-basic" if ch == '"' else "ml-literal"
        elif ch in ('"', "'"):
            self._string_end(ch, multiline=False)
            style = "basic" if ch == '"' else "literal"
        elif ch == "[":
            self._record(path, key_at, start, start, "array")
            self._array(path)
            self.spans[path] = _with_end(self.spans[path], self.pos)
            return
        elif ch == "{":
            self._record(path, key_at, start, start, "inline-table")
            self._inline_table(path)
            self.spans[path] = _with_end(self.spans[path], self.pos)
            return
        else:
            text = self.text
            while self.pos < len(text) and text[self.pos] not in _VALUE_END:
                self.pos += 1
            end = self.pos
            while end > start and text[end - 1] in " \t\r":
                end -= 1
            self.pos = end
            style = "scalar"
        self._record(path, key_at, start, self.pos, style)

    def _string_end(self, quote: str, multiline: bool) -> None:
        text = self.text
        if multiline:
            delimiter = quote * 3
            pos = self.pos + 3
            while True:
                if quote == '"' and text[pos] == "\\":
                    pos += 2
                    continue
                if text.startswith(delimiter, pos):
                    pos += 3
                    extra = 0  # up to two quotes may sit right before the closing delimiter
                    while extra < 2 and pos < len(text) and text[pos] == quote:
                        pos += 1
                        extra += 1
                    self.pos = pos
                    return
                pos += 1
        pos = self.pos + 1
        while text[pos] != quote:
            pos += 2 if (quote == '"' and text[pos] == "\\") else 1
        self.pos = pos + 1

    def _array(self, path: tuple) -> None:
        self.pos += 1  # '['
        index = 0
        while True:
            self._skip_space()
            if self._peek() == "]":
                self.pos += 1
                return
            self._value(path + (index,), self.pos)
            index += 1
            self._skip_space()
            if self._peek() == ",":
                self.pos += 1

    def _inline_table(self, path: tuple) -> None:
        self.pos += 1  # '{'
        while True:
            self._skip_space()
            if self._peek() == "}":
                self.pos += 1
                return
            self._key_value(path)
            self._skip_space()
            if self._peek() == ",":
                self.pos += 1


def _with_end(span: Span, end: int) -> Span:
    return Span(span.line, span.column, span.start, end, span.style)
