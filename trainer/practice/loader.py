"""Reading exercise files (TOML, ``format = "tcp-trainer-exercises"``, ``version = 1``).

Loading never runs code: ``tomllib`` reads the data, expressions go through the small parser of
``trainer.practice.expr``, traces through the notation reader. Every problem is an
``ExerciseFormatError`` with its line and column, whether it is TOML syntax, an unknown key, a
bad value, or an exercise the engine finds wrong (a fill-in blank it cannot determine, a
find-the-bug trace with a different number of errors than announced, a distractor that is in
fact valid). Semantic checks run for a few seeds (``VALIDATION_SEEDS``), so randomised
parameters that break an exercise for some draws are usually caught.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib

from trainer.engine.states import State
from trainer.engine.trace import Flag
from trainer.engine.transitions import BY_ID
from trainer.located_error import read_limited
from trainer.practice import build, calculate, choice, fillin, findbug, predict
from trainer.practice.errors import ExerciseFormatError, Problem
from trainer.practice.expr import ExprError, names_in, parse as parse_expr
from trainer.practice.loader_checks import check_instance
from trainer.practice.model import (
    DIFFICULTIES, FORMAT, KINDS, TOPICS, VERSION, BuildSpec, CalculateSpec, Checkpoint,
    ChoiceSpec, Exercise, ExerciseSet, FillInSpec, FindBugSpec, Hint, Instance, Measure, Option,
    PredictSpec, Requirement,
)
from trainer.practice.params import MAX_STEPS, NAME_PATTERN, ParamSpec, draw
from trainer.practice.reader import Context, Table, path_text, shown
from trainer.practice.sealing import SEALED
from trainer.practice.tomlspans import locate

MAX_FILE_SIZE = 4 * 1024 * 1024
VALIDATION_SEEDS = (0, 1, 2)
TOP_KEYS = ("format", "version", "set", "exercise")
SET_KEYS = ("id", "title", "description", "time_limit")
COMMON_KEYS = ("id", "kind", "title", "prompt", "topics", "difficulty", "points", "hints",
               "explanation", "params")
KIND_KEYS = {
    "build": build.KEYS, "fill-in": fillin.KEYS, "find-the-bug": findbug.KEYS,
    "predict-next": predict.KEYS, "calculate": calculate.KEYS, "choice": choice.KEYS,
}
HINT_KEYS = ("text", "penalty")
PARAM_KEYS = ("min", "max", "step", "choices")
MAX_PARAM_VALUE = 10**12
MAX_EXERCISES = 500
_NAME = re.compile(NAME_PATTERN)
_OPTION_ID = re.compile(r"[a-z0-9]{1,8}")
_RESERVED_NAMES = frozenset({"min", "max", "abs", "round", "floor", "ceil"})

_TOML_MESSAGES = (
    ("Invalid value", "toml-invalid-value"),
    ("Expected '=' after a key", "toml-expected-equals"),
    ("Unterminated string", "toml-unterminated-string"),
    ("Unclosed array", "toml-unclosed-array"),
    ("Unclosed inline table", "toml-unclosed-table"),
    ("Unescaped '\\' in a string", "toml-bad-escape"),
    ("Invalid hex value", "toml-bad-escape"),
    ("Escaped character is not", "toml-bad-escape"),
    ("Invalid initial character for a key part", "toml-bad-key"),
    ("Expected newline or end of document", "toml-expected-newline"),
    ("Expected ']' at the end of a table", "toml-bad-header"),
    ("Expected ']]' at the end of an array", "toml-bad-header"),
    ("Invalid date or datetime", "toml-invalid-date"),
    ("Invalid statement", "toml-syntax"),
)
_TOML_DUPLICATE = ("Cannot declare", "Cannot overwrite", "Cannot mutate", "Cannot redefine",
                   "Duplicate inline table key")
_TOML_PLACE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


# ---- entry points -----------------------------------------------------------------------------

def load_exercises(path: str | os.PathLike, *, allow_unsealed: bool = False,
                   check: bool = True) -> ExerciseSet:
    """Read and validate one exercise file."""
    source = os.fspath(path)
    data = read_bytes(source)
    return loads_exercises(data, source, allow_unsealed=allow_unsealed, check=check)


def loads_exercises(data: bytes | str, source: str = "<exercises>", *,
                    allow_unsealed: bool = False, check: bool = True) -> ExerciseSet:
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    digest = hashlib.sha256(raw).hexdigest()
    text = decode(raw, source)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(str(exc), source, text) from None
    except RecursionError:
        raise ExerciseFormatError("toml-syntax", {"detail": "nesting too deep"},
                                  source=source) from None
    ctx = Context(source, locate(text), doc)
    exercises = _Reader(ctx, allow_unsealed, check).document(doc)
    exercises.digest = digest
    return exercises


def instantiate(exercise: Exercise, seed: int) -> Instance:
    return Instance(exercise, seed, draw(list(exercise.params), exercise.id, seed))


# ---- bytes and TOML syntax --------------------------------------------------------------------

def read_bytes(source: str) -> bytes:
    """The file's bytes, or a located error (missing, a folder, unreadable, too large)."""
    return read_limited(source, MAX_FILE_SIZE, ExerciseFormatError, "file-is-directory")


def decode(raw: bytes, source: str) -> str:
    """UTF-8 with or without a byte order mark; a bad byte is reported where it is."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = body[:exc.start].decode("utf-8")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        raise ExerciseFormatError("not-utf8", {"byte": f"0x{body[exc.start]:02x}"},
                                  source=source, line=line, column=column) from None


def _syntax_error(message: str, source: str, text: str) -> ExerciseFormatError:
    place = _TOML_PLACE.search(message)
    line = column = None
    if place:
        message = message[:place.start()]
        if place.group(1):
            line, column = int(place.group(1)), int(place.group(2))
    if message.startswith(_TOML_DUPLICATE):
        key = _key_at(text, line, column)
        if key == "exercise":
            return ExerciseFormatError("toml-duplicate-exercise", {}, source=source, line=line,
                                       column=column)
        return ExerciseFormatError("toml-duplicate-key", {"key": key}, source=source, line=line,
                                   column=column)
    for prefix, code in _TOML_MESSAGES:
        if message.startswith(prefix):
            params = {"detail": message} if code == "toml-syntax" else {}
            return ExerciseFormatError(code, params, source=source, line=line, column=column)
    match = re.match(r"(?:Illegal character|Found invalid character) '?(.*?)'?$", message)
    if match and match.group(1) in ("\\n", "\\r"):  # a line break inside a one-line string
        return ExerciseFormatError("toml-unterminated-string", {}, source=source, line=line,
                                   column=column)
    if match:
        return ExerciseFormatError("toml-illegal-character", {"found": match.group(1)},
                                   source=source, line=line, column=column)
    return ExerciseFormatError("toml-syntax", {"detail": message}, source=source, line=line,
                               column=column)


def _key_at(text: str, line: int | None, column: int | None) -> str:
    """The key or table name written where tomllib stopped (for "defined twice")."""
    if line is None:
        return "?"
    lines = text.split("\n")
    if line > len(lines):
        return "?"
    rest = lines[line - 1][max(0, (column or 1) - 1):]
    whole = lines[line - 1].strip()
    if whole.startswith("["):
        return whole.strip("[] \t")
    name = rest.split("=", 1)[0].strip().strip("[]").strip()
    return name[:60] or "?"


# ---- the document -----------------------------------------------------------------------------

class _Reader:
    def __init__(self, ctx: Context, allow_unsealed: bool, check: bool):
        self.ctx = ctx
        self.allow_unsealed = allow_unsealed
        self.check = check

    def document(self, doc: dict) -> ExerciseSet:
        fmt = doc.get("format")
        if fmt != FORMAT:  # checked first: another TOML file is "not an exercise file"
            found = shown(fmt) if "format" in doc else "—"
            raise self.ctx.error("not-exercises", ("format",), found=found)
        top = Table(self.ctx, doc, (), TOP_KEYS)
        version = doc.get("version")
        if version is None:
            raise self.ctx.error("missing-key", (), at="key", key="version", where="(top level)")
        if isinstance(version, bool) or not isinstance(version, int) or version != VERSION:
            raise top.fail("unsupported-version", "version", found=shown(version),
                           supported=VERSION)
        result = ExerciseSet([], source=self.ctx.source)
        header = top.table("set", SET_KEYS)
        if header is not None:
            result.id = header.identifier("id", required=False)
            result.title = header.text("title", required=False)
            result.description = header.text("description", required=False)
            result.time_limit = header.number("time_limit", 1, 24 * 60)
        entries = doc.get("exercise")
        if entries is None:
            raise self.ctx.error("no-exercises", (), at="key")
        if isinstance(entries, dict):
            tables = [Table(self.ctx, entries, ("exercise",), COMMON_KEYS + _kind_keys(entries))]
        elif isinstance(entries, list):
            tables = top.tables("exercise", COMMON_KEYS + tuple(
                {k for keys in KIND_KEYS.values() for k in keys}), limit=MAX_EXERCISES)
            tables = [Table(self.ctx, t.data, t.path, COMMON_KEYS + _kind_keys(t.data))
                      for t in tables]
        else:
            raise top.fail("wrong-type", "exercise", what="exercise", expected="table",
                           found=shown(entries))
        if not tables:
            raise self.ctx.error("no-exercises", ("exercise",), at="key")
        seen: dict[str, Exercise] = {}
        for table in tables:
            exercise = self.exercise(table)
            if exercise.id in seen:
                raise table.fail("duplicate-id", "id", id=exercise.id,
                                 line=seen[exercise.id].line or "?")
            seen[exercise.id] = exercise
            result.exercises.append(exercise)
        return result

    # ---- one exercise --------------------------------------------------------------------------
    def exercise(self, t: Table) -> Exercise:
        exercise_id = t.identifier("id")
        kind = t.choice("kind", KINDS, required=True)
        topics = t.strings("topics", required=True)
        if not topics:
            raise t.fail("out-of-range", "topics", what=path_text(t.at("topics")), found="0",
                         min=1, max=len(TOPICS))
        for i, topic in enumerate(topics):
            if topic not in TOPICS:
                raise t.fail("not-one-of", "topics", i, what=path_text(t.at("topics", i)),
                             found=shown(topic), allowed=", ".join(TOPICS))
        if len(set(topics)) != len(topics):
            raise t.fail("duplicate-value", "topics", what=path_text(t.at("topics")),
                         found=next(x for x in topics if topics.count(x) > 1))
        place = self.ctx.positions.key(t.path) if self.ctx.positions else None
        exercise = Exercise(
            id=exercise_id, kind=kind, title=t.text("title"), prompt=t.text("prompt"),
            topics=tuple(topics),
            difficulty=t.integer("difficulty", min(DIFFICULTIES), max(DIFFICULTIES), default=1),
            points=t.number("points", 0.5, 1000, default=10),
            explanation=t.text("explanation", required=False),
            source=self.ctx.source, line=place[0] if place else None, path=t.path,
        )
        exercise.hints = tuple(self.hint(h) for h in t.tables("hints", HINT_KEYS, limit=10))
        total = sum(h.penalty for h in exercise.hints)
        if total > 1 + 1e-9:
            raise t.fail("penalties-too-high", "hints", total=round(total, 4))
        exercise.params = self.params(t)
        reader = getattr(self, "kind_" + kind.replace("-", "_"))
        exercise.spec = reader(t, exercise)
        if self.check:
            self.validate(t, exercise)
        return exercise

    def hint(self, t: Table) -> Hint:
        return Hint(t.text("text"), t.number("penalty", 0, 1, default=0.0))

    def params(self, t: Table) -> tuple[ParamSpec, ...]:
        raw = t.raw_table("params")
        if not raw:
            return ()
        specs = []
        for name, value in raw.items():
            path = ("params", name)
            if not _NAME.fullmatch(name) or name in _RESERVED_NAMES:
                raise t.fail("bad-param-name", *path, place="key", found=name)
            if isinstance(value, dict):
                p = Table(self.ctx, value, t.at(*path), PARAM_KEYS)
                specs.append(self.param_table(p, name))
            else:
                number = t.check_number(value, path, -MAX_PARAM_VALUE, MAX_PARAM_VALUE)
                specs.append(ParamSpec(name, number, number))
        return tuple(specs)

    def param_table(self, p: Table, name: str) -> ParamSpec:
        if p.has("choices"):
            for key in ("min", "max", "step"):
                if p.has(key):
                    raise p.fail("mutually-exclusive", key, place="key", first="choices",
                                 second=key)
            values = p.data["choices"]
            if not isinstance(values, list) or not values:
                raise p.fail("wrong-type", "choices", what=path_text(p.at("choices")),
                             expected="non-empty array of numbers", found=shown(values))
            numbers = tuple(p.check_number(v, ("choices", i), -MAX_PARAM_VALUE, MAX_PARAM_VALUE)
                            for i, v in enumerate(values))
            return ParamSpec(name, choices=numbers)
        low = p.number("min", -MAX_PARAM_VALUE, MAX_PARAM_VALUE, required=True)
        high = p.number("max", -MAX_PARAM_VALUE, MAX_PARAM_VALUE, required=True)
        step = p.number("step", 1e-6, MAX_PARAM_VALUE, default=1)
        if high < low:
            raise p.fail("param-range-empty", "max", name=name, min=low, max=high)
        if isinstance(low, float) or isinstance(high, float):
            if not p.has("step") or isinstance(step, int):
                raise p.fail("param-step-mixed", "step" if p.has("step") else None, name=name)
        elif not isinstance(step, int):
            low, high = float(low), float(high)
        if (high - low) / step > MAX_STEPS:
            raise p.fail("param-too-many-values", "step" if p.has("step") else "max", name=name,
                         limit=MAX_STEPS)
        return ParamSpec(name, low, high, step)

    # ---- the kinds -----------------------------------------------------------------------------
    def kind_build(self, t: Table, exercise: Exercise) -> BuildSpec:
        requirements = []
        allowed_all = ("rule", "text") + tuple({k for ks in build.RULES.values() for k in ks})
        for r in t.tables("require", allowed_all, required=True, limit=30):
            rule = r.choice("rule", tuple(build.RULES), required=True)
            allowed = ("rule", "text") + build.RULES[rule]
            for key in r.data:
                if key not in allowed:
                    raise r.fail("rule-key-not-allowed", key, place="key", key=key, rule=rule,
                                 allowed=", ".join(allowed))
            requirements.append(self.requirement(r, rule))
        return BuildSpec(tuple(requirements), t.string("start"))

    def requirement(self, r: Table, rule: str) -> Requirement:
        host = r.choice("host", build.HOST_CHOICES, default="any")
        state = self.state(r, "state", required=rule in ("passes-through", "never-in"))
        states: tuple[str, ...] = ()
        if rule == "ends-in":
            if r.has("state") and r.has("states"):
                raise r.fail("mutually-exclusive", "states", place="key", first="state",
                             second="states")
            if not r.has("state") and not r.has("states"):
                raise r.fail("one-of-required", None, place="key", first="state", second="states")
            if r.has("states"):
                values = r.strings("states")
                states = tuple(self.state_value(r, v, ("states", i)) for i, v in enumerate(values))
        low = r.integer("min", 0, 1000)
        high = r.integer("max", 0, 1000)
        if low is not None and high is not None and high < low:
            raise r.fail("count-bounds", "max", min=low, max=high)
        call = r.choice("call", ("listen", "connect", "send", "close", "shutdown", "abort"),
                        required=rule == "calls")
        transition = r.choice("transition", tuple(BY_ID), required=rule == "transition")
        return Requirement(
            rule=rule, host=host, state=state, states=states,
            flags=self.flags(r, "flags"), without=self.flags(r, "without"),
            data=r.boolean("data", None) if r.has("data") else None,
            lost=r.boolean("lost", None) if r.has("lost") else None,
            call=call, transition=transition, min=low, max=high,
            text=r.text("text", required=False))

    def state(self, t: Table, key: str, required: bool = False) -> str | None:
        value = t.string(key, required)
        return None if value is None else self.state_value(t, value, (key,))

    def state_value(self, t: Table, value: str, rel: tuple) -> str:
        try:
            return State.parse(value).value
        except ValueError:
            raise t.fail("not-one-of", *rel, what=path_text(t.path + rel), found=shown(value),
                         allowed=", ".join(s.value for s in State)) from None

    def flags(self, t: Table, key: str) -> int:
        value = t.string(key)
        if value is None:
            return 0
        try:
            return int(Flag.parse(value))
        except ValueError:
            raise t.fail("not-one-of", key, what=path_text(t.at(key)), found=shown(value),
                         allowed="SYN, ACK, FIN, RST, PSH, URG, ECE, CWR") from None

    def kind_fill_in(self, t: Table, exercise: Exercise) -> FillInSpec:
        template = t.string("trace", required=True)
        try:
            blanks = fillin.find_blanks(template)
        except Problem as p:
            raise self.ctx.error_in_string(p.code, t.at("trace"), p.offset, **p.params) from None
        if not blanks:
            raise t.fail("no-blanks", "trace")
        return FillInSpec(template, tuple(blanks))

    def kind_find_the_bug(self, t: Table, exercise: Exercise) -> FindBugSpec:
        template = t.string("trace", required=True)
        bugs = t.integer("bugs", 1, 50, required=True)
        rules = t.strings("rules")
        if rules is None:
            rules = list(findbug.ERROR_CODES)
        for i, code in enumerate(rules):
            if code not in findbug.ERROR_CODES:
                raise t.fail("not-an-error-code", "rules", i, found=shown(code))
        return FindBugSpec(template, bugs, tuple(rules))

    def kind_predict_next(self, t: Table, exercise: Exercise) -> PredictSpec:
        template = t.string("trace", required=True)
        checkpoints = []
        for c in t.tables("checkpoints", predict.CHECKPOINT_KEYS, required=True, limit=30):
            event = c.integer("event", 1, 10_000, required=True)
            ask = c.choice("ask", ("state", "segment"), required=True)
            if ask == "state":
                host = c.choice("host", ("A", "B"), required=True)
                if c.has("distractors"):
                    raise c.fail("rule-key-not-allowed", "distractors", place="key",
                                 key="distractors", rule="state", allowed="event, ask, host")
                checkpoints.append(Checkpoint(event, ask, host))
            else:
                if c.has("host"):
                    raise c.fail("rule-key-not-allowed", "host", place="key", key="host",
                                 rule="segment", allowed="event, ask, distractors")
                distractors = c.strings("distractors", required=True)
                if not 1 <= len(distractors) <= len(predict.LETTERS) - 1:
                    raise c.fail("out-of-range", "distractors",
                                 what=path_text(c.at("distractors")), found=str(len(distractors)),
                                 min=1, max=len(predict.LETTERS) - 1)
                checkpoints.append(Checkpoint(event, ask, None, tuple(distractors)))
        for i in range(1, len(checkpoints)):
            if checkpoints[i].event < checkpoints[i - 1].event:
                raise t.fail("checkpoints-out-of-order", "checkpoints", i, "event",
                             event=checkpoints[i].event)
        return PredictSpec(template, tuple(checkpoints))

    def kind_calculate(self, t: Table, exercise: Exercise) -> CalculateSpec:
        spec = CalculateSpec(
            decimals=t.integer("decimals", 0, 6, default=0),
            tolerance=t.number("tolerance", 0, 1e12),
            relative=t.number("relative", 0, 1),
            unit=t.text("unit", required=False),
            trace=t.string("trace"), scenario=t.string("scenario"))
        if spec.tolerance is not None and spec.relative is not None:
            raise t.fail("mutually-exclusive", "relative", place="key", first="tolerance",
                         second="relative")
        answer = t.data.get("answer")
        if t.has("key") and t.has("answer"):
            raise t.fail("mutually-exclusive", "answer", place="key", first="key", second="answer")
        if t.has("key"):
            spec.key = self.sealed(t)
            if exercise.params:
                raise t.fail("sealed-with-params", "key")
            for key in ("tolerance", "relative"):
                if t.has(key):
                    raise t.fail("mutually-exclusive", key, place="key", first="key", second=key)
        elif isinstance(answer, str):
            spec.formula = answer
        elif answer is None:
            raise t.fail("one-of-required", None, place="key", first="answer", second="key")
        elif self.allow_unsealed and type(answer) in (int, float):
            spec.key = answer  # plain, for ``seal`` only
        elif isinstance(answer, bool) or not isinstance(answer, (int, float)):
            raise t.fail("wrong-type", "answer", what=path_text(t.at("answer")),
                         expected="string (a formula) or number", found=shown(answer))
        else:
            raise t.fail("unsealed-answer", "answer", place="key", id=exercise.id)
        measures = []
        raw = t.raw_table("measures") or {}
        for name, value in raw.items():
            if not _NAME.fullmatch(name) or name in _RESERVED_NAMES:
                raise t.fail("bad-param-name", "measures", name, place="key", found=name)
            if any(p.name == name for p in exercise.params):
                raise t.fail("duplicate-value", "measures", name, place="key",
                             what=path_text(t.at("measures")), found=name)
            if not isinstance(value, dict):
                raise t.fail("wrong-type", "measures", name,
                             what=path_text(t.at("measures", name)), expected="table",
                             found=shown(value))
            m = Table(self.ctx, value, t.at("measures", name), calculate.MEASURE_KEYS)
            event = m.choice("event", ("send", "arrive", "enter"), required=True)
            measures.append(Measure(
                name=name, host=m.choice("host", ("A", "B"), required=True), event=event,
                flags=self.flags(m, "flags"),
                state=self.state(m, "state", required=event == "enter"),
                which=m.choice("which", ("first", "last"), default="first")))
            if not (spec.scenario or spec.trace):
                raise t.fail("needs-trace", "measures", name, place="key", name=name)
        spec.measures = tuple(measures)
        if spec.formula is not None:
            try:
                node = parse_expr(spec.formula)
            except ExprError as exc:
                raise self.ctx.error_in_string(exc.code, t.at("answer"), exc.offset,
                                               **exc.params) from None
            known = {p.name for p in exercise.params} | {m.name for m in measures}
            for name in sorted(names_in(node)):
                if name not in known:
                    offset = re.search(rf"\b{re.escape(name)}\b", spec.formula).start()
                    raise self.ctx.error_in_string("expr-unknown-name", t.at("answer"), offset,
                                                   name=name, known=", ".join(sorted(known)) or "—")
        return spec

    def kind_choice(self, t: Table, exercise: Exercise) -> ChoiceSpec:
        options = []
        tables = t.tables("options", choice.OPTION_KEYS, required=True, limit=choice.MAX_OPTIONS)
        if len(tables) < 2:
            raise t.fail("out-of-range", "options", what=path_text(t.at("options")),
                         found=str(len(tables)), min=2, max=choice.MAX_OPTIONS)
        for o in tables:
            option_id = o.string("id", required=True)
            if not _OPTION_ID.fullmatch(option_id):
                raise o.fail("bad-id", "id", found=shown(option_id))
            if any(x.id == option_id for x in options):
                raise o.fail("duplicate-value", "id", what=path_text(t.at("options")),
                             found=option_id)
            options.append(Option(option_id, o.text("text"), o.text("feedback", required=False)))
        multiple = t.boolean("multiple", False)
        if t.has("key") and t.has("answer"):
            raise t.fail("mutually-exclusive", "answer", place="key", first="key", second="answer")
        if t.has("key"):
            key = self.sealed(t)
        elif t.has("answer"):
            picked = t.data["answer"]
            picked = [picked] if isinstance(picked, str) else picked
            if (not isinstance(picked, list) or not picked
                    or not all(isinstance(p, str) for p in picked)):
                raise t.fail("wrong-type", "answer", what=path_text(t.at("answer")),
                             expected="option id or array of option ids", found=shown(picked))
            ids = [o.id for o in options]
            for p in picked:
                if p not in ids:
                    raise t.fail("unknown-option", "answer", found=shown(p), allowed=", ".join(ids))
            if not multiple and len(picked) != 1:
                raise t.fail("single-needs-one", "answer", found=len(picked))
            if not self.allow_unsealed:
                raise t.fail("unsealed-answer", "answer", place="key", id=exercise.id)
            key = picked  # plain, for ``seal`` only
        else:
            raise t.fail("one-of-required", None, place="key", first="key", second="answer")
        return ChoiceSpec(tuple(options), multiple, key, t.boolean("shuffle", True),
                          t.string("trace"))

    def sealed(self, t: Table) -> str:
        value = t.string("key")
        if not SEALED.fullmatch(value):
            raise t.fail("bad-seal", "key", found=shown(value))
        return value

    # ---- semantic checks, per seed -------------------------------------------------------------
    def validate(self, t: Table, exercise: Exercise) -> None:
        for seed in VALIDATION_SEEDS:
            check_instance(self.ctx, t, exercise, instantiate(exercise, seed))


def _kind_keys(data: dict) -> tuple[str, ...]:
    kind = data.get("kind")
    if isinstance(kind, str) and kind in KIND_KEYS:
        return KIND_KEYS[kind]
    return tuple({k for keys in KIND_KEYS.values() for k in keys})

