"""Located, translatable errors for exercise files and answer files.

Like ``trainer.formats.errors``: an error is a code, parameters and a place (file, line,
column), never a sentence; ``trainer.i18n.exercise_errors`` holds the sentences. Building an
error with an unknown code or the wrong parameters is a programming bug and raises
``ValueError`` at once.

An error inside an embedded trace keeps the trace reader's own code and parameters
(``trace-notation``), so the message is the one the trace reader gives everywhere else.
"""

from __future__ import annotations

from trainer.located_error import LocatedError

ERROR_PARAMS: dict[str, tuple[str, ...]] = {
    # reading the file
    "file-not-found": (),
    "file-unreadable": ("reason",),
    "file-is-directory": (),
    "file-too-large": ("size", "limit"),
    "not-utf8": ("byte",),
    "no-exercise-files": (),
    # TOML syntax, from tomllib's messages
    "toml-invalid-value": (),
    "toml-expected-equals": (),
    "toml-unterminated-string": (),
    "toml-unclosed-array": (),
    "toml-unclosed-table": (),
    "toml-duplicate-key": ("key",),
    "toml-duplicate-exercise": (),
    "toml-bad-escape": (),
    "toml-bad-key": (),
    "toml-expected-newline": (),
    "toml-bad-header": (),
    "toml-illegal-character": ("found",),
    "toml-invalid-date": (),
    "toml-syntax": ("detail",),
    # structure
    "not-exercises": ("found",),
    "unsupported-version": ("found", "supported"),
    "missing-key": ("key", "where"),
    "unknown-key": ("key", "where", "allowed"),
    "wrong-type": ("what", "expected", "found"),
    "out-of-range": ("what", "found", "min", "max"),
    "not-one-of": ("what", "found", "allowed"),
    "missing-language": ("what", "lang"),
    "empty-text": ("what", "lang"),
    "bad-id": ("found",),
    "duplicate-id": ("id", "line"),
    "duplicate-value": ("what", "found"),
    "no-exercises": (),
    "mutually-exclusive": ("first", "second"),
    "one-of-required": ("first", "second"),
    "penalties-too-high": ("total",),
    # parameters, expressions and templates
    "bad-param-name": ("found",),
    "param-range-empty": ("name", "min", "max"),
    "param-too-many-values": ("name", "limit"),
    "param-step-mixed": ("name",),
    "template-brace": ("found",),
    "expr-syntax": ("found",),
    "expr-expected": ("expected", "found"),
    "expr-expected-value": ("found",),
    "expr-too-long": ("limit",),
    "expr-too-deep": ("limit",),
    "expr-unknown-name": ("name", "known"),
    "expr-unknown-function": ("name", "allowed"),
    "expr-bad-call": ("name", "count"),
    "expr-division-by-zero": (),
    "expr-too-large": ("limit",),
    # embedded traces
    "trace-notation": ("code", "params"),
    "trace-not-shown": (),
    # sealed answers
    "unsealed-answer": ("id",),
    "bad-seal": ("found",),
    "sealed-with-params": (),
    # build
    "unknown-rule": ("found", "allowed"),
    "rule-key-not-allowed": ("key", "rule", "allowed"),
    "count-bounds": ("min", "max"),
    # fill-in
    "no-blanks": (),
    "blank-misplaced": ("name",),
    "blank-repeated": ("name",),
    "blank-in-string": ("name",),
    "blank-unsolvable": ("names", "finding"),
    "blank-not-determined": ("name", "other"),
    "blank-too-many-combinations": ("limit",),
    # find-the-bug
    "bug-count": ("expected", "found", "where"),
    "rule-missing": ("codes",),
    "not-an-error-code": ("found",),
    # predict-next
    "event-out-of-range": ("found", "count"),
    "checkpoint-not-segment": ("event",),
    "checkpoints-out-of-order": ("event",),
    "distractor-valid": ("found",),
    "distractor-same": ("found",),
    "distractor-not-segment": ("found",),
    "reference-invalid": ("finding",),
    # calculate
    "measure-not-found": ("name",),
    "needs-trace": ("name",),
    # choice
    "single-needs-one": ("found",),
    "too-many-options": ("limit",),
    "unknown-option": ("found", "allowed"),
    # answer files
    "answer-not-json": (),
    "answer-not-answers": (),
    "answer-unsupported-version": ("found", "supported"),
    "answer-tampered": (),
    "answer-bad-field": ("field",),
}


class ExerciseFormatError(LocatedError):
    """An exercise or answer file could not be used. ``line``/``column`` are 1-based."""

    PARAMS = ERROR_PARAMS

    def message(self, lang: str = "en") -> str:
        from trainer.i18n.exercise_errors import message

        return message(self.code, self.params, lang)


class Problem(Exception):
    """An error found where the location is not known; the reader adds the place."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
