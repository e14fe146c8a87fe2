"""The instructor's commands: ``exercise validate|seal|export`` and ``grade``.

``add_commands`` is called by ``trainer.cli.build_parser`` with its own helpers, so these
commands get the same ``--help``/``--lang`` handling and translated help as the others. Heavy
imports happen inside the commands, not when the parser is built.

Exit codes, as for ``check``: 0 success; 1 ``grade`` wrote its table but some answer files
were rejected; 2 the input cannot be used (an invalid exercise file, no answer files, a file
that cannot be written).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_SOME_REJECTED, EXIT_UNUSABLE = 0, 1, 2
ANSWER_SUFFIXES = (".tcpanswers", ".json")
CSV_COLUMNS = ("student", "file", "exercise", "seed", "score", "points", "hints", "seconds",
               "status")


def add_commands(commands, lang: str) -> None:
    """Add ``exercise`` and ``grade`` to the top-level ``commands`` (argparse subparsers)."""
    from trainer.cli import add_command
    from trainer.i18n.ui_text import text

    exercise = add_command(commands, lang, "exercise", "help.exercise", _no_subcommand)
    actions = exercise.add_subparsers(title=text("help.commands", lang), dest="action",
                                      metavar="ACTION")

    def action(name: str, help_key: str, run) -> argparse.ArgumentParser:
        return add_command(actions, lang, name, help_key, run)

    validate = action("validate", "help.exercise.validate", cmd_validate)
    validate.add_argument("files", metavar="FILE", nargs="+", help=text("help.exercise.file", lang))

    seal = action("seal", "help.exercise.seal", cmd_seal)
    seal.add_argument("files", metavar="FILE", nargs="+", help=text("help.exercise.file", lang))

    export = action("export", "help.exercise.export", cmd_export)
    export.add_argument("file", metavar="FILE", help=text("help.exercise.one-file", lang))
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--moodle-xml", dest="format", action="store_const", const="moodle-xml",
                        help=text("help.exercise.moodle", lang))
    target.add_argument("--gift", dest="format", action="store_const", const="gift",
                        help=text("help.exercise.gift", lang))
    export.add_argument("-o", "--output", metavar="OUT", help=text("help.exercise.output", lang))
    export.add_argument("--seed", type=int, default=0, help=text("help.exercise.seed", lang))

    grade = add_command(commands, lang, "grade", "help.grade", cmd_grade)
    grade.add_argument("exercises", metavar="EXERCISES", help=text("help.grade.exercises", lang))
    grade.add_argument("submissions", metavar="SUBMISSIONS",
                       help=text("help.grade.submissions", lang))
    grade.add_argument("--csv", required=True, metavar="OUT.csv", help=text("help.grade.csv", lang))


def _err(message: str) -> None:
    print(f"tcp-trainer: {message}", file=sys.stderr)


def _no_subcommand(args: argparse.Namespace, lang: str) -> int:
    from trainer.i18n.ui_text import text

    _err(text("error.exercise-action", lang))
    return EXIT_UNUSABLE


# ---- exercise validate / seal / export --------------------------------------------------------

def cmd_validate(args: argparse.Namespace, lang: str) -> int:
    from trainer.i18n.practice_text import text
    from trainer.practice.errors import ExerciseFormatError
    from trainer.practice.loader import load_exercises

    status = EXIT_OK
    files = [f for name in args.files for f in (_exercise_files(name) or [name])]
    for file in files:
        try:
            loaded = load_exercises(file)
        except ExerciseFormatError as exc:
            _err(exc.render(lang))
            status = EXIT_UNUSABLE
            continue
        print(text("cli.valid", lang, file=file, n=len(loaded.exercises)))
    return status


def cmd_seal(args: argparse.Namespace, lang: str) -> int:
    from trainer.i18n.practice_text import text
    from trainer.practice.authoring import seal_file
    from trainer.practice.errors import ExerciseFormatError

    status = EXIT_OK
    files = [f for name in args.files for f in (_exercise_files(name) or [name])]
    for file in files:
        try:
            count = seal_file(file)
        except ExerciseFormatError as exc:
            _err(exc.render(lang))
            status = EXIT_UNUSABLE
            continue
        except OSError as exc:
            _err(f"{file}: {exc.strerror or exc}")
            status = EXIT_UNUSABLE
            continue
        key = "cli.sealed" if count else "cli.nothing-to-seal"
        print(text(key, lang, file=file, n=count))
    return status


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    from trainer.i18n.practice_text import kind_name, text
    from trainer.atomic import write_atomically
    from trainer.practice.errors import ExerciseFormatError
    from trainer.practice.export import gift, moodle_xml
    from trainer.practice.loader import load_exercises

    try:
        loaded = load_exercises(args.file)
    except ExerciseFormatError as exc:
        _err(exc.render(lang))
        return EXIT_UNUSABLE
    exporter = moodle_xml if args.format == "moodle-xml" else gift
    result = exporter(loaded, lang, args.seed)
    name = "Moodle XML" if args.format == "moodle-xml" else "GIFT"
    for exercise_id, kind, reason in result.skipped:
        _err(text("cli.skipped", lang, id=exercise_id, kind=kind_name(kind, lang),
                  reason=text(reason, lang, format=name)))
    if args.output:
        try:
            write_atomically(args.output, result.text.encode("utf-8"))
        except OSError as exc:
            _err(f"{args.output}: {exc.strerror or exc}")
            return EXIT_UNUSABLE
        print(text("cli.exported", lang, n=len(result.exported), target=args.output))
    else:
        sys.stdout.write(result.text)
    return EXIT_OK


# ---- grade ------------------------------------------------------------------------------------

def _exercise_files(path: str) -> list[str]:
    if os.path.isdir(path):
        return sorted(str(p) for p in Path(path).iterdir() if p.suffix == ".toml" and p.is_file())
    return [path]


def _answer_files(path: str) -> list[str]:
    if os.path.isdir(path):
        return sorted(str(p) for p in Path(path).iterdir()
                      if p.suffix in ANSWER_SUFFIXES and p.is_file())
    return [path]


def cmd_grade(args: argparse.Namespace, lang: str) -> int:
    from trainer.atomic import write_atomically
    from trainer.i18n.practice_text import text
    from trainer.practice.answers import load
    from trainer.practice.errors import ExerciseFormatError
    from trainer.practice.loader import load_exercises

    files = _exercise_files(args.exercises)
    if not files:
        _err(ExerciseFormatError("no-exercise-files", {}, source=args.exercises).render(lang))
        return EXIT_UNUSABLE
    exercises, digests = [], set()
    for file in files:
        try:
            loaded = load_exercises(file)
        except ExerciseFormatError as exc:
            _err(exc.render(lang))
            return EXIT_UNUSABLE
        digests.add(loaded.digest)
        exercises.extend(loaded.exercises)
    by_id = {}
    for exercise in exercises:
        if exercise.id in by_id:
            _err(f"{exercise.source}: " + ExerciseFormatError(
                "duplicate-id", {"id": exercise.id, "line": by_id[exercise.id].line or "?"},
                source=exercise.source, line=exercise.line).message(lang))
            return EXIT_UNUSABLE
        by_id[exercise.id] = exercise

    submissions = _answer_files(args.submissions)
    if not submissions:
        _err(text("cli.no-submissions", lang, folder=args.submissions))
        return EXIT_UNUSABLE
    rows: list[list] = []
    rejected = 0
    graded_students: dict[str, str] = {}
    loaded_files = []
    for file in submissions:
        try:
            loaded_files.append((file, load(file)))
        except ExerciseFormatError as exc:
            _err(exc.render(lang))
            rejected += 1
    loaded_files.sort(key=lambda pair: (pair[1].student.casefold(), pair[0]))
    for file, answers in loaded_files:
        if answers.student in graded_students:
            _err(text("cli.duplicate-student", lang, file=file, student=answers.student))
        graded_students[answers.student] = file
        if answers.exercises_digest and answers.exercises_digest not in digests:
            _err(text("cli.other-version", lang, file=file))
        for record in answers.answers:
            if record.exercise not in by_id:
                _err(text("cli.unknown-exercise", lang, file=file, id=record.exercise))
        rows.extend(_student_rows(file, answers, exercises))
    try:
        write_atomically(args.csv, _csv_text(rows).encode("utf-8"))
    except OSError as exc:
        _err(f"{args.csv}: {exc.strerror or exc}")
        return EXIT_UNUSABLE
    print(text("cli.graded", lang, students=len(loaded_files), exercises=len(exercises),
               csv=args.csv))
    return EXIT_SOME_REJECTED if rejected else EXIT_OK


def _student_rows(file: str, answers, exercises) -> list[list]:
    from trainer.practice.grading import grade

    records = {}
    for record in answers.answers:
        records.setdefault(record.exercise, record)  # the first answer to an exercise counts
    rows = []
    total_score = total_points = total_hints = total_seconds = 0.0
    name = os.path.basename(file)
    for exercise in exercises:
        record = records.get(exercise.id)
        if record is None:
            rows.append([answers.student, name, exercise.id, "", 0, exercise.points, 0, "",
                         "missing"])
            total_points += exercise.points
            continue
        result = grade(exercise, record.seed, record.answer, record.hints_used)
        status = "answered" if result.answered else "unanswered"
        seconds = "" if record.seconds is None else record.seconds
        rows.append([answers.student, name, exercise.id, record.seed, result.score, result.points,
                     result.hints_used, seconds, status])
        total_score += result.score
        total_points += result.points
        total_hints += result.hints_used
        total_seconds += record.seconds or 0.0
    rows.append([answers.student, name, "TOTAL", "", round(total_score, 4), total_points,
                 int(total_hints), round(total_seconds, 3), ""])
    return rows


def _csv_text(rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else f"{value:.4f}".rstrip("0").rstrip(".")
    text = str(value)
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text  # a spreadsheet would run a student name "=HYPERLINK(...)" as a formula
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
