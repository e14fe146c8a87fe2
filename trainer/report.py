"""The machine-readable result of checking traces: the shape ``tcp-trainer check --json`` prints.

Keep the keys and nesting stable: capture import and the GUI reuse this module, and scripts
parse its output.

```
{"file": "...", "connections": [{"id": 0,
  "endpoints": {"A": "...", "B": "..."}, "valid": true,
  "states": {"A": ["CLOSED", ...], "B": [...]},
  "steps": [{"step": 0, "time": 0.0, "kind": "send", "host": "A", "segment": 0,
             "A": "SYN-SENT", "B": "LISTEN", "transition": "active-open"}],
  "findings": [{"segment": 2, "step": 5, "host": "A", "severity": "error",
                "code": "ack-not-next", "params": {...}, "message": "...",
                "rfc": "9293 3.10.7.3"}],
  "inferred": []}]}
```
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import Enum, IntFlag

from trainer.engine.findings import CODES
from trainer.engine.result import CheckResult
from trainer.engine.trace import HOSTS, Trace
from trainer.i18n.catalog import render_finding


def display_names(trace: Trace) -> dict[str, str]:
    """What sentences call the hosts: their names (or addresses), else the letters."""
    return {host: trace.host_name(host) for host in HOSTS}


def check_report(trace: Trace, result: CheckResult, file: str, lang: str) -> dict:
    """The report for a file holding one connection."""
    return build_report(file, [(trace, result)], lang)


def build_report(file: str, connections: Iterable[tuple[Trace, CheckResult]], lang: str) -> dict:
    """The report for a file holding several connections (a capture), numbered from 0."""
    return {
        "file": str(file),
        "connections": [connection_report(trace, result, lang, index)
                        for index, (trace, result) in enumerate(connections)],
    }


def connection_report(trace: Trace, result: CheckResult, lang: str, connection_id: int = 0) -> dict:
    report = _connection_fields(trace, result, lang, connection_id)
    report["steps"] = [
        {
            "step": step.index,
            "time": float(step.time),
            "kind": step.kind,
            "host": step.host,
            "segment": step.segment,
            "A": step.states[0].value,
            "B": step.states[1].value,
            "transition": "+".join(step.transitions) or None,
        }
        for step in result.steps
    ]
    report["findings"] = report.pop("findings")  # keep the documented key order
    report["inferred"] = report.pop("inferred")
    return report


def _connection_fields(trace: Trace, result: CheckResult, lang: str, connection_id: int) -> dict:
    """Everything of a connection's report but its steps."""
    findings = result.findings
    names = display_names(trace) if findings else None
    return {
        "id": connection_id,
        "endpoints": {host: trace.endpoint_label(host) for host in HOSTS},
        "valid": result.valid,
        "states": {host: [state._value_ for state in result.state_history(host)]
                   for host in HOSTS},
        "findings": [
            {
                "segment": finding.segment,
                "step": finding.step,
                "host": finding.host,
                "severity": finding.severity.value,
                "code": finding.code,
                "params": jsonable(finding.params),
                "message": render_finding(finding, lang, names),
                "rfc": finding.rfc or (CODES[finding.code].rfc if finding.code in CODES else ""),
            }
            for finding in findings
        ],
        "inferred": jsonable(result.inferred),
    }


def connection_json(trace: Trace, result: CheckResult, lang: str, connection_id: int = 0,
                    extra: dict | None = None) -> str:
    """``connection_report`` (plus ``extra`` keys at the end) as compact JSON text, with the
    steps formatted directly instead of through 400k intermediate dicts — at 200k packets that
    was most of ``check --json``'s time. A test holds the two equal."""
    fields = _connection_fields(trace, result, lang, connection_id)
    head = {key: fields[key] for key in ("id", "endpoints", "valid", "states")}
    tail = {"findings": fields["findings"], "inferred": fields["inferred"]}
    if extra:
        tail.update(extra)
    transition_text = _TRANSITIONS_JSON
    float_text = float.__repr__
    # f-strings and the states' plain ``_value_`` (an Enum member's hash and str() run Python
    # code): this loop runs for every step of every connection of a capture.
    parts = [
        f'{{"step":{index},"time":{float_text(time)},"kind":"{kind}","host":"{host}",'
        f'"segment":{"null" if segment is None else segment},"A":"{states[0]._value_}",'
        f'"B":"{states[1]._value_}","transition":'
        f'{transition_text.get(transitions) or _transition_json(transitions)}}}'
        for index, kind, host, time, _event, segment, states, transitions, _tcb, _role
        in result.steps]
    encode = _COMPACT.encode
    return (encode(head)[:-1] + ',"steps":[' + ",".join(parts) + "],"
            + encode(tail)[1:])


#: ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` without building an encoder
#: per call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def jsonable(value):
    """Plain JSON values: enums become their value (flags their ``SYN,ACK`` text), tuples lists,
    bytes hex; anything else unknown becomes its ``str``."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is dict:
        return {k if type(k) is str else str(jsonable(k)):
                v if type(v) in _PLAIN else jsonable(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN else jsonable(v) for v in value]
    if isinstance(value, (bool, str)) and not isinstance(value, Enum):
        return value
    if isinstance(value, IntFlag):
        return value.text() if hasattr(value, "text") else int(value)
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


_PLAIN = frozenset({str, int, float, bool, type(None)})
_TRANSITIONS_JSON: dict[tuple, str] = {(): "null"}


def _transition_json(transitions: tuple) -> str:
    """A step's transitions as JSON text (``"a+b"`` or ``null``), made once per combination."""
    text = _TRANSITIONS_JSON.get(transitions)
    if text is None:
        text = _TRANSITIONS_JSON[transitions] = json.dumps("+".join(transitions))
    return text
