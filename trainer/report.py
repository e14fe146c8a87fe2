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
from trainer.engine.states import State
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
    names = display_names(trace)
    return {
        "id": connection_id,
        "endpoints": {host: trace.endpoint_label(host) for host in HOSTS},
        "valid": result.valid,
        "states": {host: [state.value for state in result.state_history(host)] for host in HOSTS},
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
            for finding in result.findings
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
    state_text = _STATE_JSON
    parts = []
    append = parts.append
    for index, kind, host, time, _event, segment, states, transitions, _tcb, _role in result.steps:
        append('{"step":%d,"time":%s,"kind":"%s","host":"%s","segment":%s,"A":%s,"B":%s,'
               '"transition":%s}' % (
                   index, float.__repr__(float(time)), kind, host,
                   "null" if segment is None else segment,
                   state_text[states[0]], state_text[states[1]],
                   _transition_json(transitions)))
    dumps = json.dumps
    return (dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
            + ',"steps":[' + ",".join(parts) + "],"
            + dumps(tail, ensure_ascii=False, separators=(",", ":"))[1:])


def jsonable(value):
    """Plain JSON values: enums become their value (flags their ``SYN,ACK`` text), tuples lists,
    bytes hex; anything else unknown becomes its ``str``."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is dict:
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
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


_STATE_JSON = {state: json.dumps(state.value) for state in State}
_TRANSITIONS_JSON: dict[tuple, str] = {(): "null"}


def _transition_json(transitions: tuple) -> str:
    """A step's transitions as JSON text (``"a+b"`` or ``null``), made once per combination."""
    text = _TRANSITIONS_JSON.get(transitions)
    if text is None:
        text = _TRANSITIONS_JSON[transitions] = json.dumps("+".join(transitions))
    return text
