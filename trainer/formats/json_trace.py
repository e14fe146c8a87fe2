"""The JSON trace format, version 1 (schema: ``resources/schemas/trace-v1.schema.json``).

Reading is strict (unknown keys are usually typos) and every error is located: the decoded
value is checked by a small validator that tracks the JSON path of each value, and when it
finds a problem a position scan of the original text turns that path into line and column.
The scan only runs on the error path, so reading a valid file costs one ``json.loads``.

Writing is minimal and stable: keys always in the same order, defaults left out.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from trainer.engine.states import State
from trainer.engine.trace import (
    FLAG_BY_NAME, HOSTS, Call, CallKind, Crash, Flag, HostSpec, InitialTcb, Segment, Timeout,
    Timer, Trace, TraceOptions,
)
from trainer.formats.errors import (
    BYTES_MAX, LEN_MAX, MSL_MIN, MSS_MAX, ROLES, SEQ_MAX, TIME_MAX, WIN_MAX, WSCALE_MAX,
    Problem, TraceFormatError, check_address, check_language, excerpt, line_and_column,
    parse_state,
)

FORMAT_NAME = "tcp-trainer-trace"
VERSION = 1

Path = tuple[str | int, ...]

# ==== writing ================================================================================

_TCB_KEYS = ("iss", "irs", "snd_una", "snd_nxt", "snd_wnd", "rcv_nxt", "rcv_wnd", "passive")


def trace_to_json(trace: Trace) -> dict:
    """The trace as a JSON-ready dict, defaults omitted, keys in a fixed order."""
    out: dict[str, Any] = {"format": FORMAT_NAME, "version": VERSION}
    if trace.title:
        out["title"] = _texts(trace.title)
    if trace.description:
        out["description"] = _texts(trace.description)
    options = _options_to_json(trace.options)
    if options:
        out["options"] = options
    hosts = {h: spec for h in HOSTS if (spec := _host_to_json(h, trace.hosts.get(h)))}
    if hosts:
        out["hosts"] = hosts
    out["events"] = [_event_to_json(e) for e in trace.events]
    return out


def dumps_json(trace: Trace) -> str:
    return json.dumps(trace_to_json(trace), indent=2, ensure_ascii=False) + "\n"


def _texts(texts: dict[str, str]) -> dict[str, str]:
    """English first, then the other languages alphabetically, so that output is stable."""
    return {lang: texts[lang] for lang in sorted(texts, key=lambda k: (k != "en", k))}


def _options_to_json(options: TraceOptions) -> dict:
    out: dict[str, Any] = {}
    if options.msl is not None:
        out["msl"] = options.msl
    if not options.rfc5961:
        out["rfc5961"] = False
    return out


def _host_to_json(host: str, spec: HostSpec | None) -> dict:
    if spec is None:
        return {}
    out: dict[str, Any] = {}
    if spec.name != host:
        out["name"] = spec.name
    if spec.role is not None:
        out["role"] = spec.role
    if spec.address is not None:
        out["address"] = spec.address
    if spec.initial is not None:
        tcb = spec.initial
        initial: dict[str, Any] = {"state": tcb.state.value}
        for key in _TCB_KEYS:
            value = getattr(tcb, key)
            if value is not None:
                initial[key] = value
        out["initial"] = initial
    return out


def _claims_to_json(claims: dict[str, State] | None) -> dict:
    return {h: State(claims[h]).value for h in HOSTS if claims and h in claims}


def _event_to_json(event) -> dict:
    if isinstance(event, Segment):
        return _segment_to_json(event)
    if isinstance(event, Call):
        out = {"type": "call", "host": event.host, "time": event.time, "call": event.call.value}
        if event.call is CallKind.SEND or event.nbytes:
            out["bytes"] = event.nbytes
    elif isinstance(event, Timeout):
        out = {"type": "timeout", "host": event.host, "time": event.time,
               "timer": event.timer.value}
    elif isinstance(event, Crash):
        out = {"type": "crash", "host": event.host, "time": event.time}
    else:
        raise TypeError(f"not a trace event: {event!r}")
    if claims := _claims_to_json(event.claims):
        out["claims"] = claims
    return out


def _segment_to_json(seg: Segment) -> dict:
    out: dict[str, Any] = {"type": "segment", "from": seg.sender, "send": seg.send_time}
    if seg.arrive_time is None:
        out["lost"] = True
    else:
        out["arrive"] = seg.arrive_time
    out["flags"] = Flag(seg.flags).names()
    out["seq"] = seg.seq
    if seg.ack is not None:
        out["ack"] = seg.ack
    if seg.win is not None:
        out["win"] = seg.win
    # len is written only when the data does not already say it (or disagrees with it, which
    # the reader then reports instead of silently losing either value).
    if seg.length != (len(seg.data) if seg.data is not None else 0):
        out["len"] = seg.length
    if seg.data is not None:
        out["data"] = seg.data.hex()
    if seg.urgent is not None:
        out["urgent"] = seg.urgent
    if seg.old_duplicate:
        out["old_duplicate"] = True
    if seg.options:
        out["options"] = {k: seg.options[k] for k in _SEG_OPTION_KEYS if k in seg.options}
    if claims := _claims_to_json(seg.claims):
        out["claims"] = claims
    if seg.label is not None:
        out["label"] = seg.label
    return out


# ==== reading ================================================================================

_SEG_OPTION_KEYS = ("mss", "wscale", "sack_permitted")
_TOP_KEYS = ("format", "version", "title", "description", "options", "hosts", "events")
_SEGMENT_KEYS = ("type", "from", "send", "arrive", "lost", "flags", "seq", "ack", "win", "len",
                 "data", "urgent", "old_duplicate", "options", "claims", "label")
_CALL_KEYS = ("type", "host", "time", "call", "bytes", "claims")
_TIMEOUT_KEYS = ("type", "host", "time", "timer", "claims")
_CRASH_KEYS = ("type", "host", "time", "claims")
_HOST_KEYS = ("name", "role", "address", "initial")
_INITIAL_KEYS = ("state",) + _TCB_KEYS
_HEX = re.compile(r"(?:[0-9a-f]{2})*")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Located(Exception):
    """A problem at a JSON path; ``on_key`` points at the key rather than at its value."""

    def __init__(self, code: str, params: dict, path: Path, on_key: bool = False,
                 occurrence: int = 1) -> None:
        super().__init__(code)
        self.code, self.params, self.path = code, params, path
        self.on_key, self.occurrence = on_key, occurrence


class _Object(dict):
    """A decoded JSON object that remembers keys it saw twice (``json`` keeps the last)."""

    duplicates: list[str] | tuple = ()


class _Constant(str):
    """``NaN``/``Infinity``: Python's json accepts them, JSON does not."""


class _BigNumber(str):
    """An integer too long to convert cheaply; always out of range anyway."""


def _object_hook(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = [k for k, _ in pairs if k in seen or seen.add(k)]
    return obj


def _parse_int(text: str) -> int | _BigNumber:
    return int(text) if len(text) <= 40 else _BigNumber(text)


def trace_from_json(obj_or_text: str | bytes | dict, source: str = "<json>") -> Trace:
    """Read a version-1 JSON trace from its text or from an already decoded dict.

    Errors are located by line and column when the text is given, by JSON path always.
    """
    text: str | None = None
    if isinstance(obj_or_text, (bytes, bytearray)):
        from trainer.formats.loader import decode_trace_bytes  # loader imports this module

        obj_or_text = decode_trace_bytes(bytes(obj_or_text), source)
    if isinstance(obj_or_text, str):
        text = obj_or_text[1:] if obj_or_text.startswith("\ufeff") else obj_or_text
        obj = _decode(text, source)
    else:
        obj = obj_or_text
    try:
        return _read_trace(obj)
    except _Located as problem:
        raise _locate_error(problem, text, source) from None


def _decode(text: str, source: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_object_hook, parse_constant=_Constant,
                          parse_int=_parse_int)
    except json.JSONDecodeError as e:
        raise TraceFormatError(_syntax_code(e.msg), {}, source=source, line=e.lineno,
                               column=e.colno, offset=e.pos) from None
    except RecursionError:  # thousands of nested brackets
        raise TraceFormatError("json-syntax", {}, source=source) from None


_SYNTAX_CODES = (
    ("Expecting value", "json-expected-value"),
    ("Expecting property name", "json-expected-key"),
    ("Expecting ':'", "json-expected-colon"),
    ("Expecting ','", "json-expected-comma"),
    ("Illegal trailing comma", "json-trailing-comma"),
    ("Unterminated string", "json-unterminated-string"),
    ("Invalid \\escape", "json-bad-escape"),
    ("Invalid \\u", "json-bad-escape"),
    ("Invalid control character", "json-control-character"),
    ("Extra data", "json-extra-data"),
)


def _syntax_code(msg: str) -> str:
    for prefix, code in _SYNTAX_CODES:
        if msg.startswith(prefix):
            return code
    return "json-syntax"


def _locate_error(problem: _Located, text: str | None, source: str) -> TraceFormatError:
    line = column = offset = None
    if text is not None:
        try:
            offset = _find_position(text, problem.path, problem.on_key, problem.occurrence)
        except (IndexError, AttributeError, ValueError):  # a bug here must not hide the error
            offset = None
        if offset is not None:
            line, column = line_and_column(text, offset)
    return TraceFormatError(problem.code, problem.params, source=source, line=line,
                            column=column, offset=offset, path=path_text(problem.path))


def path_text(path: Path) -> str:
    """``("events", 3, "seq")`` -> ``events[3].seq``; the root is ``trace``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out or "trace"


# ---- the validator: typed getters that raise _Located ----------------------------------------

def _shown(value: Any) -> str:
    """How ``found`` shows a JSON value: in JSON spelling, shortened."""
    if isinstance(value, (_Constant, _BigNumber)):
        return excerpt(str(value))
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    return excerpt(json.dumps(value, ensure_ascii=False))


def _fail(code: str, path: Path, **params) -> None:
    raise _Located(code, params, path)


def _wrong(code: str, value: Any, path: Path) -> None:
    raise _Located(code, {"what": path_text(path), "found": _shown(value)}, path)


def _object(value: Any, path: Path, allowed: tuple[str, ...], required: tuple[str, ...] = ()):
    if not isinstance(value, dict):
        _wrong("expected-object", value, path)
    duplicates = getattr(value, "duplicates", None)
    if duplicates:
        raise _Located("duplicate-key", {"key": duplicates[0]}, path + (duplicates[0],),
                       on_key=True, occurrence=2)
    for key in value:
        if key not in allowed:
            raise _Located("unknown-key", {"key": key, "where": path_text(path),
                                           "allowed": ", ".join(allowed)},
                           path + (key,), on_key=True)
    for key in required:
        if key not in value:
            _fail("missing-key", path, key=key, where=path_text(path))
    return value


def _string(value: Any, path: Path) -> str:
    if not isinstance(value, str) or isinstance(value, (_Constant, _BigNumber)):
        _wrong("expected-string", value, path)
    if not value.isascii() and _SURROGATE.search(value):  # "\ud800": not a character
        _fail("json-bad-escape", path)
    return value


def _boolean(value: Any, path: Path) -> bool:
    if not isinstance(value, bool):
        _wrong("expected-boolean", value, path)
    return value


def _true(value: Any, path: Path) -> bool:
    if value is not True:
        if isinstance(value, bool):
            _fail("expected-true", path, what=path_text(path))
        _wrong("expected-boolean", value, path)
    return True


def _integer(value: Any, path: Path, low: int, high: int) -> int:
    if isinstance(value, _BigNumber):
        _out_of_range(value, path, low, high)
    number = value
    if isinstance(value, float) and value.is_integer():  # JSON Schema: 1.0 is an integer
        number = int(value)
    if not isinstance(number, int) or isinstance(number, bool):
        _wrong("expected-integer", value, path)
    if not low <= number <= high:
        _out_of_range(value, path, low, high)
    return number


def _number(value: Any, path: Path, low: float, high: float) -> float:
    if isinstance(value, _BigNumber):
        _out_of_range(value, path, low, high)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        _wrong("expected-number", value, path)
    if not (math.isfinite(value) and low <= value <= high):
        _out_of_range(value, path, low, high)
    return float(value) + 0.0  # + 0.0 turns -0.0 into 0.0


def _out_of_range(value: Any, path: Path, low, high) -> None:
    raise _Located("out-of-range", {"what": path_text(path), "found": _shown(value),
                                    "min": low, "max": high}, path)


def _time(value: Any, path: Path) -> float:
    return _number(value, path, 0, TIME_MAX)


def _host(value: Any, path: Path) -> str:
    host = _string(value, path)
    if host not in HOSTS:
        _fail("unknown-host", path, found=excerpt(host))
    return host


def _state(value: Any, path: Path) -> State:
    try:
        return parse_state(_string(value, path))
    except Problem as p:
        raise _Located(p.code, p.params, path) from None


def _array(value: Any, path: Path) -> list:
    if not isinstance(value, list):
        _wrong("expected-array", value, path)
    return value


# ---- the trace, part by part --------------------------------------------------------------

def _read_trace(obj: Any) -> Trace:
    if not isinstance(obj, dict):
        raise _Located("json-not-object", {"found": _shown(obj)}, ())
    if obj.get("format") != FORMAT_NAME:
        path: Path = ("format",) if "format" in obj else ()
        raise _Located("not-a-trace", {}, path)
    if "version" not in obj:
        _fail("missing-key", (), key="version", where="trace")
    version = obj["version"]
    if version != VERSION or isinstance(version, bool):
        if not isinstance(version, (int, _BigNumber)) or isinstance(version, bool):
            _wrong("expected-integer", version, ("version",))
        _fail("unsupported-version", ("version",), found=_shown(version), supported=VERSION)
    _object(obj, (), _TOP_KEYS, required=("events",))
    trace = Trace()
    trace.title = _read_texts(obj.get("title", {}), ("title",))
    trace.description = _read_texts(obj.get("description", {}), ("description",))
    trace.options = _read_options(obj.get("options", {}))
    trace.hosts = _read_hosts(obj.get("hosts", {}))
    events = _array(obj["events"], ("events",))
    trace.events = [_read_event(e, ("events", i)) for i, e in enumerate(events)]
    return trace


def _read_texts(value: Any, path: Path) -> dict[str, str]:
    if not isinstance(value, dict):
        _wrong("expected-object", value, path)
    _object(value, path, tuple(value))  # duplicates only
    out = {}
    for lang, text in value.items():
        try:
            check_language(lang)
        except Problem as p:
            raise _Located(p.code, p.params, path + (lang,), on_key=True) from None
        out[lang] = _string(text, path + (lang,))
    return out


def _read_options(value: Any) -> TraceOptions:
    path: Path = ("options",)
    _object(value, path, ("msl", "rfc5961"))
    options = TraceOptions()
    if "msl" in value:
        options.msl = _number(value["msl"], path + ("msl",), MSL_MIN, TIME_MAX)
    if "rfc5961" in value:
        options.rfc5961 = _boolean(value["rfc5961"], path + ("rfc5961",))
    return options


def _read_hosts(value: Any) -> dict[str, HostSpec]:
    path: Path = ("hosts",)
    if not isinstance(value, dict):
        _wrong("expected-object", value, path)
    _object(value, path, tuple(value))  # duplicates only
    for key in value:
        if key not in HOSTS:
            raise _Located("unknown-host", {"found": excerpt(key)}, path + (key,), on_key=True)
    return {h: _read_host(h, value[h], path + (h,)) if h in value else HostSpec(h) for h in HOSTS}


def _read_host(host: str, value: Any, path: Path) -> HostSpec:
    _object(value, path, _HOST_KEYS)
    spec = HostSpec(host)
    if "name" in value:
        spec.name = _string(value["name"], path + ("name",))
    if "role" in value:
        spec.role = _string(value["role"], path + ("role",))
        if spec.role not in ROLES:
            _fail("unknown-role", path + ("role",), found=excerpt(spec.role))
    if "address" in value:
        try:
            spec.address = check_address(_string(value["address"], path + ("address",)))
        except Problem as p:
            raise _Located(p.code, p.params, path + ("address",)) from None
    if "initial" in value:
        spec.initial = _read_initial(value["initial"], path + ("initial",))
    return spec


def _read_initial(value: Any, path: Path) -> InitialTcb:
    _object(value, path, _INITIAL_KEYS, required=("state",))
    tcb = InitialTcb(_state(value["state"], path + ("state",)))
    for key in _TCB_KEYS:
        if key not in value:
            continue
        if key == "passive":
            tcb.passive = _boolean(value[key], path + (key,))
        else:
            high = WIN_MAX if key.endswith("wnd") else SEQ_MAX
            setattr(tcb, key, _integer(value[key], path + (key,), 0, high))
    return tcb


def _read_claims(event: dict, path: Path) -> dict[str, State] | None:
    if "claims" not in event:
        return None
    path = path + ("claims",)
    value = event["claims"]
    if not isinstance(value, dict):
        _wrong("expected-object", value, path)
    _object(value, path, tuple(value))  # duplicates only
    for key in value:
        if key not in HOSTS:
            raise _Located("unknown-host", {"found": excerpt(key)}, path + (key,), on_key=True)
    claims = {h: _state(value[h], path + (h,)) for h in HOSTS if h in value}
    return claims or None


_EVENT_READERS = {}  # filled below: type name -> (allowed keys, reader)


def _read_event(value: Any, path: Path):
    if not isinstance(value, dict):
        _wrong("expected-object", value, path)
    if "type" not in value:
        _fail("missing-key", path, key="type", where=path_text(path))
    kind = value["type"]
    if not isinstance(kind, str) or kind not in _EVENT_READERS:
        _fail("unknown-event-type", path + ("type",), found=_shown(kind))
    keys, reader = _EVENT_READERS[kind]
    required = ("from", "send", "flags", "seq") if kind == "segment" else ("host", "time")
    required += {"call": ("call",), "timeout": ("timer",)}.get(kind, ())
    _object(value, path, keys, required)
    return reader(value, path)


def _read_segment(e: dict, path: Path) -> Segment:
    sender = _host(e["from"], path + ("from",))
    send = _time(e["send"], path + ("send",))
    if "arrive" in e and "lost" in e:
        raise _Located("arrive-and-lost", {}, path + ("lost",), on_key=True)
    if "lost" in e:
        _true(e["lost"], path + ("lost",))
        arrive = None
    elif "arrive" in e:
        arrive = _time(e["arrive"], path + ("arrive",))
    else:
        _fail("arrive-or-lost", path)
    flags = _read_flags(e["flags"], path + ("flags",))
    seg = Segment(sender, send, arrive, flags, _integer(e["seq"], path + ("seq",), 0, SEQ_MAX))
    if "ack" in e:
        seg.ack = _integer(e["ack"], path + ("ack",), 0, SEQ_MAX)
    elif flags & Flag.ACK:
        _fail("ack-value-missing", path + ("flags",))
    if "win" in e:
        seg.win = _integer(e["win"], path + ("win",), 0, WIN_MAX)
    if "data" in e:
        seg.data = _read_hex(e["data"], path + ("data",))
        seg.length = len(seg.data)
    if "len" in e:
        length = _integer(e["len"], path + ("len",), 0, LEN_MAX)
        if seg.data is not None and length != len(seg.data):
            _fail("len-data-mismatch", path + ("len",), len=length, data_len=len(seg.data))
        seg.length = length
    if "urgent" in e:
        seg.urgent = _integer(e["urgent"], path + ("urgent",), 0, SEQ_MAX)
    if "old_duplicate" in e:
        seg.old_duplicate = _boolean(e["old_duplicate"], path + ("old_duplicate",))
    if "options" in e:
        seg.options = _read_segment_options(e["options"], path + ("options",))
    seg.claims = _read_claims(e, path)
    if "label" in e:
        seg.label = _string(e["label"], path + ("label",))
    return seg


def _read_flags(value: Any, path: Path) -> Flag:
    flags = Flag.NONE
    for i, item in enumerate(_array(value, path)):
        name = _string(item, path + (i,))
        bit = FLAG_BY_NAME.get(name)
        if bit is None:
            _fail("unknown-flag", path + (i,), found=excerpt(name))
        if flags & bit:
            _fail("duplicate-flag", path + (i,), found=name)
        flags |= bit
    return flags


def _read_hex(value: Any, path: Path) -> bytes:
    text = _string(value, path)
    if not _HEX.fullmatch(text):
        _fail("invalid-hex", path, what=path_text(path), found=_shown(text))
    return bytes.fromhex(text)


def _read_segment_options(value: Any, path: Path) -> dict | None:
    _object(value, path, _SEG_OPTION_KEYS)
    out: dict[str, Any] = {}
    if "mss" in value:
        out["mss"] = _integer(value["mss"], path + ("mss",), 0, MSS_MAX)
    if "wscale" in value:
        out["wscale"] = _integer(value["wscale"], path + ("wscale",), 0, WSCALE_MAX)
    if "sack_permitted" in value:
        out["sack_permitted"] = _true(value["sack_permitted"], path + ("sack_permitted",))
    return out or None


def _read_call(e: dict, path: Path) -> Call:
    host = _host(e["host"], path + ("host",))
    time = _time(e["time"], path + ("time",))
    name = _string(e["call"], path + ("call",))
    try:
        kind = CallKind(name)
    except ValueError:
        _fail("unknown-call", path + ("call",), found=excerpt(name))
    call = Call(host, time, kind)
    if kind is CallKind.SEND:
        if "bytes" not in e:
            _fail("missing-key", path, key="bytes", where=path_text(path))
        call.nbytes = _integer(e["bytes"], path + ("bytes",), 1, BYTES_MAX)
    elif "bytes" in e:
        raise _Located("bytes-not-allowed", {"call": name}, path + ("bytes",), on_key=True)
    call.claims = _read_claims(e, path)
    return call


def _read_timeout(e: dict, path: Path) -> Timeout:
    host = _host(e["host"], path + ("host",))
    time = _time(e["time"], path + ("time",))
    name = _string(e["timer"], path + ("timer",))
    try:
        timer = Timer(name)
    except ValueError:
        _fail("unknown-timer", path + ("timer",), found=excerpt(name))
    return Timeout(host, time, timer, _read_claims(e, path))


def _read_crash(e: dict, path: Path) -> Crash:
    return Crash(_host(e["host"], path + ("host",)), _time(e["time"], path + ("time",)),
                 _read_claims(e, path))


_EVENT_READERS.update({
    "segment": (_SEGMENT_KEYS, _read_segment),
    "call": (_CALL_KEYS, _read_call),
    "timeout": (_TIMEOUT_KEYS, _read_timeout),
    "crash": (_CRASH_KEYS, _read_crash),
})


# ==== from a JSON path back to a position in the text ========================================
# Only used once the text is known to be valid JSON, so the scan can be simple.

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"[^\s,\]}]+")
_STRUCTURE = re.compile(r'[\[\]{}"]')


def _find_position(text: str, path: Path, on_key: bool, occurrence: int) -> int | None:
    """Character offset of the value at ``path`` (or of its key), ``None`` if not found."""
    pos = _WS.match(text, 0).end()
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        found = None
        if isinstance(step, int) and text[pos] == "[":
            for index, value_pos in enumerate(_elements(text, pos)):
                if index == step:
                    found = value_pos
                    break
        elif isinstance(step, str) and text[pos] == "{":
            seen = 0
            for key, key_pos, value_pos in _members(text, pos):
                if key == step:
                    seen += 1
                    if seen == (occurrence if last else 1):
                        found = key_pos if (last and on_key) else value_pos
                        break
        if found is None:
            return None
        pos = found
    return pos


def _skip_value(text: str, pos: int) -> int:
    char = text[pos]
    if char == '"':
        return _STRING.match(text, pos).end()
    if char not in "[{":
        return _SCALAR.match(text, pos).end()
    depth = 0
    while True:
        m = _STRUCTURE.search(text, pos)
        char = m.group()
        if char == '"':
            pos = _STRING.match(text, m.start()).end()
            continue
        depth += 1 if char in "[{" else -1
        pos = m.end()
        if depth == 0:
            return pos


def _members(text: str, pos: int):
    """(key, key offset, value offset) of each member of the object starting at ``pos``."""
    pos = _WS.match(text, pos + 1).end()
    while text[pos] != "}":
        m = _STRING.match(text, pos)
        key = json.loads(m.group())
        colon = _WS.match(text, m.end()).end()
        value_pos = _WS.match(text, colon + 1).end()
        yield key, pos, value_pos
        pos = _WS.match(text, _skip_value(text, value_pos)).end()
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()


def _elements(text: str, pos: int):
    pos = _WS.match(text, pos + 1).end()
    while text[pos] != "]":
        yield pos
        pos = _WS.match(text, _skip_value(text, pos)).end()
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
