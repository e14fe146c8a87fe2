"""Answer files: what a learner hands in (``*.tcpanswers``, JSON).

One file holds one learner's answers to one or more exercises: for each, the exercise id, the
parameter seed, the answer payload (see ``trainer.practice.grading``), the hints used and the
times. The file ends with an integrity code, an HMAC-SHA256 over the canonical JSON of
everything else, so an edit by hand or a damaged copy is detected and reported as a clear
line. Honestly: the HMAC key ships with the app, so this detects changes, it does not prove
authorship against someone who reads the source.

Files are written to a temporary file next to the target, flushed, then renamed over it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
from dataclasses import dataclass, field

from trainer import __version__
from trainer.atomic import write_atomically
from trainer.located_error import read_limited
from trainer.practice.errors import ExerciseFormatError

FORMAT = "tcp-trainer-answers"
VERSION = 1
SUFFIX = ".tcpanswers"
MAX_FILE_SIZE = 16 * 1024 * 1024
_KEY = b"tcp-trainer answers v1"
_PREFIX = "hmac-sha256:"


@dataclass(slots=True)
class AnswerRecord:
    exercise: str
    seed: int
    answer: object  # the kind's payload; None when not answered
    hints_used: int = 0
    started: str | None = None  # ISO 8601, UTC
    submitted: str | None = None
    seconds: float | None = None  # time spent on this exercise


@dataclass(slots=True)
class AnswerFile:
    student: str
    answers: list[AnswerRecord] = field(default_factory=list)
    app_version: str = __version__
    exercise_set: str | None = None
    exercises_digest: str | None = None  # SHA-256 of the exercise file answered
    started: str | None = None
    submitted: str | None = None
    mode: str = "practice"  # or "exam"

    def to_json(self) -> dict:
        body = {
            "format": FORMAT, "version": VERSION, "student": self.student,
            "app_version": self.app_version, "mode": self.mode,
            "exercise_set": self.exercise_set, "exercises_digest": self.exercises_digest,
            "started": self.started, "submitted": self.submitted,
            "answers": [{"exercise": a.exercise, "seed": a.seed, "answer": a.answer,
                         "hints_used": a.hints_used, "started": a.started,
                         "submitted": a.submitted, "seconds": a.seconds} for a in self.answers],
        }
        body["integrity"] = _integrity(body)
        return body


def _canonical(body: dict) -> bytes:
    payload = {k: v for k, v in body.items() if k != "integrity"}
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _integrity(body: dict) -> str:
    return _PREFIX + hmac.new(_KEY, _canonical(body), hashlib.sha256).hexdigest()


def dumps(answers: AnswerFile) -> str:
    return json.dumps(answers.to_json(), ensure_ascii=False, indent=2) + "\n"


def save(answers: AnswerFile, path: str | os.PathLike) -> None:
    write_atomically(os.fspath(path), dumps(answers).encode("utf-8"))


# ---- reading ----------------------------------------------------------------------------------

def load(path: str | os.PathLike) -> AnswerFile:
    source = os.fspath(path)
    return loads(read_limited(source, MAX_FILE_SIZE, ExerciseFormatError, "file-is-directory"), source)


def loads(data: bytes | str, source: str = "<answers>") -> AnswerFile:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExerciseFormatError("not-utf8", {"byte": f"0x{data[exc.start]:02x}"},
                                      source=source) from None
    try:
        body = json.loads(data, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ExerciseFormatError("answer-not-json", {}, source=source, line=exc.lineno,
                                  column=exc.colno) from None
    except (ValueError, RecursionError):
        raise ExerciseFormatError("answer-not-json", {}, source=source) from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ExerciseFormatError("answer-not-answers", {}, source=source)
    if body.get("version") != VERSION:
        raise ExerciseFormatError("answer-unsupported-version",
                                  {"found": str(body.get("version"))[:20], "supported": VERSION},
                                  source=source)
    stated = body.get("integrity")
    try:
        expected = _integrity(body)
    except (TypeError, ValueError):
        expected = None
    if not isinstance(stated, str) or expected is None or not hmac.compare_digest(stated, expected):
        raise ExerciseFormatError("answer-tampered", {}, source=source)
    return _read(body, source)


def _no_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON


def _read(body: dict, source: str) -> AnswerFile:
    def bad(name: str) -> ExerciseFormatError:
        return ExerciseFormatError("answer-bad-field", {"field": name}, source=source)

    def optional_text(obj: dict, name: str, where: str) -> str | None:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise bad(where + name)
        return value

    student = body.get("student")
    if not isinstance(student, str) or not student.strip():
        raise bad("student")
    records = body.get("answers")
    if not isinstance(records, list):
        raise bad("answers")
    out = AnswerFile(student.strip(), [], app_version=optional_text(body, "app_version", "") or "?",
                     exercise_set=optional_text(body, "exercise_set", ""),
                     exercises_digest=optional_text(body, "exercises_digest", ""),
                     started=optional_text(body, "started", ""),
                     submitted=optional_text(body, "submitted", ""),
                     mode=optional_text(body, "mode", "") or "practice")
    for i, record in enumerate(records):
        where = f"answers[{i + 1}]."
        if not isinstance(record, dict):
            raise bad(f"answers[{i + 1}]")
        exercise, seed = record.get("exercise"), record.get("seed")
        if not isinstance(exercise, str):
            raise bad(where + "exercise")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise bad(where + "seed")
        hints = record.get("hints_used", 0)
        if isinstance(hints, bool) or not isinstance(hints, int) or hints < 0:
            raise bad(where + "hints_used")
        seconds = record.get("seconds")
        number = isinstance(seconds, (int, float)) and not isinstance(seconds, bool)
        if seconds is not None and (not number or not math.isfinite(seconds) or seconds < 0):
            raise bad(where + "seconds")
        out.answers.append(AnswerRecord(
            exercise, seed, record.get("answer"), hints,
            optional_text(record, "started", where), optional_text(record, "submitted", where),
            None if seconds is None else float(seconds)))
    return out
