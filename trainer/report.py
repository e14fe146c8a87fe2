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
    names = display_names(trace)
    return {
        "id": connection_id,
        "endpoints": {host: trace.endpoint_label(host) for host in HOSTS},
        "valid": result.valid,
        "states": {host: [state.value for state in result.state_history(host)] for host in HOSTS},
        "steps": [
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
        ],
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


def jsonable(value):
    """Plain JSON values: enums become their value (flags their ``SYN,ACK`` text), tuples lists,
    bytes hex; anything else unknown becomes its ``str``."""
    if value is None or isinstance(value, (bool, str)) and not isinstance(value, Enum):
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
