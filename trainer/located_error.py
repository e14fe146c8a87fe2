"""The one shape of a "this file cannot be used here" error: a code, its parameters, and where.

Trace files (``trainer.formats.errors.TraceFormatError``) and exercise or answer files
(``trainer.practice.errors.ExerciseFormatError``) both raise one. A subclass names its table of
codes (``PARAMS``: code -> the parameters it carries) and how its message reads; the location
prefix (``file:line:col:`` or ``第 N 行第 M 列``) is common. Building one with the wrong
parameters is a programming error and fails at once.
"""

from __future__ import annotations

import os


class LocatedError(Exception):
    #: code -> the names of the parameters it carries (set by each subclass)
    PARAMS: dict[str, tuple[str, ...]] = {}
    #: extra location fields a subclass keeps (names of keyword arguments, default None)
    EXTRA: tuple[str, ...] = ()

    def __init__(self, code: str, params: dict | None = None, *, source: str = "<text>",
                 line: int | None = None, column: int | None = None, **extra) -> None:
        params = dict(params or {})
        expected = self.PARAMS.get(code)
        if expected is None or set(params) != set(expected):
            raise ValueError(f"bug: error {code!r} built with params {sorted(params)}, "
                             f"expected {expected}")
        unknown = set(extra) - set(self.EXTRA)
        if unknown:
            raise TypeError(f"unexpected location fields {sorted(unknown)}")
        self.code = code
        self.params = params
        self.source = source
        self.line = line
        self.column = column
        for name in self.EXTRA:
            setattr(self, name, extra.get(name))
        super().__init__(code)

    def message(self, lang: str = "en") -> str:
        """The message alone, without the location."""
        raise NotImplementedError

    def render(self, lang: str = "en") -> str:
        """``file:line:col: message`` in ``lang`` (English when the language is unknown)."""
        from trainer.i18n.format_errors import location

        return location(self.source, self.line, self.column, lang) + self.message(lang)

    def __str__(self) -> str:
        return self.render("en")

    def __reduce__(self):
        fields = {name: getattr(self, name) for name in ("source", "line", "column", *self.EXTRA)}
        return (_rebuild, (type(self), self.code, self.params, fields))


def _rebuild(cls, code: str, params: dict, fields: dict) -> LocatedError:
    return cls(code, params, **fields)


def read_limited(source: str, limit: int, error: type[LocatedError],
                 directory_code: str | None = None) -> bytes:
    """The bytes of file ``source``, or ``error`` located at it: missing, unreadable (a folder
    too, with the system's reason, unless the caller has a ``directory_code`` of its own), or
    larger than ``limit`` bytes (never reading more than one byte past the limit)."""
    try:
        with open(source, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise error("file-not-found", {}, source=source) from None
    except IsADirectoryError as exc:
        if directory_code is not None:
            raise error(directory_code, {}, source=source) from None
        raise error("file-unreadable", {"reason": exc.strerror or str(exc)}, source=source) from None
    except OSError as exc:
        raise error("file-unreadable", {"reason": exc.strerror or str(exc)}, source=source) from None
    if len(data) > limit:
        raise error("file-too-large", {"size": os.path.getsize(source), "limit": limit},
                    source=source)
    return data
