"""Trace files: the versioned JSON format and the human-writable text notation.

No Qt here. Every reading error is a ``TraceFormatError``: a code, parameters and a location
(file, line, column), rendered in the user's language by ``trainer.i18n.format_errors``.
"""

from trainer.formats.errors import TraceFormatError
from trainer.formats.json_trace import dumps_json, trace_from_json, trace_to_json
from trainer.formats.loader import format_for_path, load_trace, save_trace
from trainer.formats.notation import format_notation, parse_notation

__all__ = [
    "TraceFormatError", "dumps_json", "format_for_path", "format_notation", "load_trace",
    "parse_notation", "save_trace", "trace_from_json", "trace_to_json",
]
