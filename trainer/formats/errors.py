"""Located, translatable errors for trace files, and the value rules both formats share.

An error is a code plus parameters plus a location, never a sentence: the catalog in
``trainer.i18n.format_errors`` turns it into English or Chinese. ``ERROR_PARAMS`` lists every
code with the parameters it carries; building an error with an unknown code or the wrong
parameters is a programming bug and raises ``ValueError`` at once (the tests catch it).

Conventions for parameters: ``what``/``where``/``field`` name the offending field as the file
spells it (``seq`` in the text notation, ``events[3].seq`` in JSON); ``found`` is a short excerpt
of what the file holds (JSON values keep their JSON spelling, so a string shows its quotes).
"""

from __future__ import annotations

import ipaddress
import re

from trainer.engine.states import State
from trainer.located_error import LocatedError

# ---- the error type -----------------------------------------------------------------------

ERROR_PARAMS: dict[str, tuple[str, ...]] = {
    # reading the file
    "file-not-found": (),
    "file-unreadable": ("reason",),
    "file-too-large": ("size", "limit"),
    "not-utf8": ("byte",),
    # JSON syntax (mapped from json.JSONDecodeError)
    "json-expected-value": (),
    "json-expected-key": (),
    "json-expected-colon": (),
    "json-expected-comma": (),
    "json-trailing-comma": (),
    "json-unterminated-string": (),
    "json-bad-escape": (),
    "json-control-character": (),
    "json-extra-data": (),
    "json-syntax": (),
    # JSON structure
    "json-not-object": ("found",),
    "duplicate-key": ("key",),
    "not-a-trace": (),
    "unsupported-version": ("found", "supported"),
    "missing-key": ("key", "where"),
    "unknown-key": ("key", "where", "allowed"),
    "expected-object": ("what", "found"),
    "expected-array": ("what", "found"),
    "expected-string": ("what", "found"),
    "expected-true": ("what",),
    "unknown-event-type": ("found",),
    "arrive-or-lost": (),
    "bytes-not-allowed": ("call",),
    "unknown-call": ("found",),
    # values, both formats
    "expected-boolean": ("what", "found"),
    "expected-integer": ("what", "found"),
    "expected-number": ("what", "found"),
    "out-of-range": ("what", "found", "min", "max"),
    "arrive-and-lost": (),
    "unknown-flag": ("found",),
    "duplicate-flag": ("found",),
    "unknown-state": ("found",),
    "unknown-host": ("found",),
    "same-host": ("host",),
    "unknown-timer": ("found",),
    "unknown-role": ("found",),
    "invalid-address": ("found",),
    "invalid-hex": ("what", "found"),
    "invalid-language": ("found",),
    "len-data-mismatch": ("len", "data_len"),
    "ack-value-missing": (),
    "missing-initial-state": ("host",),
    "duplicate-field": ("field",),
    # text notation
    "unknown-keyword": ("found",),
    "missing-colon": ("keyword",),
    "expected-time": ("found",),
    "time-out-of-range": ("found", "max"),
    "missing-event": (),
    "missing-call": ("host",),
    "unknown-action": ("found",),
    "unexpected-word": ("found",),
    "missing-value": ("what",),
    "missing-field": ("field",),
    "unknown-field": ("found", "allowed"),
    "unterminated-string": (),
    "bad-escape": ("found",),
    "misplaced-quote": (),
    "unterminated-claims": (),
    "bad-claim": ("found",),
    "unterminated-header": (),
    "bad-arrival": ("found",),
    "bad-data": ("found",),
}


class TraceFormatError(LocatedError):
    """A trace file could not be read. ``line``/``column`` are 1-based; ``offset`` counts
    characters of the decoded text (bytes for ``not-utf8``). ``path`` is the JSON path of the
    offending value (``events[3].seq``) for JSON input, else ``None``."""

    PARAMS = ERROR_PARAMS
    EXTRA = ("offset", "path")

    def message(self, lang: str = "en") -> str:
        """The message alone, without the location."""
        from trainer.i18n.format_errors import message

        return message(self.code, self.params, lang)


class Problem(Exception):
    """An error whose location is not known yet; the format that catches it adds it."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (lines end at ``\\n`` only)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def excerpt(text: str, limit: int = 40) -> str:
    """Shorten ``found`` values so that a message stays one readable line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- value rules shared by both formats ----------------------------------------------------

SEQ_MAX = 2**32 - 1  # seq, ack, urgent, ISS and friends: 32-bit sequence space
WIN_MAX = 2**30  # a window may be given already scaled (65535 << 14 < 2**30)
LEN_MAX = 2**31
TIME_MAX = 1_000_000_000  # seconds; about 31 years is plenty for a teaching trace
MSL_MIN = 0.001
MSS_MAX = 65535
WSCALE_MAX = 14  # RFC 7323 2.3
BYTES_MAX = 2**31

ROLES = ("client", "server", "peer")
TIMERS_BY_NAME = {  # the text notation also accepts the aliases
    "retransmission": "retransmission", "retransmit": "retransmission", "rto": "retransmission",
    "time-wait": "time-wait", "timewait": "time-wait", "2msl": "time-wait",
    "keepalive": "keepalive", "keep-alive": "keepalive",
    "user": "user",
}

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")


def parse_state(text: str) -> State:
    try:
        return State.parse(text)
    except ValueError:
        raise Problem("unknown-state", found=excerpt(text)) from None


def check_language(tag: str) -> str:
    if not _LANGUAGE.fullmatch(tag):
        raise Problem("invalid-language", found=excerpt(tag))
    return tag


def normalize_language(tag: str) -> str:
    """``zh-cn`` / ``ZH_cn`` -> ``zh_CN`` (the text notation is forgiving, JSON is not)."""
    lang, sep, region = tag.replace("-", "_").partition("_")
    return check_language(lang.lower() + (sep + region.upper() if sep else ""))


def check_address(text: str) -> str:
    """``10.0.0.1``, ``10.0.0.1:40000``, ``[2001:db8::1]`` or ``[2001:db8::1]:80``."""
    try:
        if text.startswith("["):
            end = text.index("]")
            ipaddress.IPv6Address(text[1:end])
            rest = text[end + 1:]
        else:
            host, sep, port = text.partition(":")
            ipaddress.IPv4Address(host)
            rest = sep + port
        if rest and not (rest[0] == ":" and 1 < len(rest) <= 6 and rest[1:].isascii()
                         and rest[1:].isdigit() and int(rest[1:]) <= 65535):
            raise ValueError(rest)
    except ValueError:
        raise Problem("invalid-address", found=excerpt(text)) from None
    return text
