"""The text notation: one event per line, in the spirit of RFC 9293's figures and packetdrill.

    # comment
    title: Basic three-way handshake
    host A client 10.0.0.1:40000
    option msl=60
    0.000 A>B SYN seq=100 @0.050 [A:SYN-SENT B:SYN-RECEIVED]
    0.050 B>A SYN,ACK seq=300 ack=101 @+0.05
    +0.100 A close

``resources/docs/trace-format.md`` is the user's description. ``format_notation`` writes what
``parse_notation`` reads back to an equal trace.

The parser reads line by line. One regular expression, whose alternatives never overlap (so
it cannot backtrack badly), splits a line into tokens; columns are worked out only when an
error needs one, which keeps a 20,000-line file well under a second. Every error names its
line and column.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from trainer.engine.checker import build_timeline  # the one definition of the event order
from trainer.engine.states import State
from trainer.engine.trace import (
    FLAG_BY_NAME, HOSTS, Call, CallKind, Crash, Flag, HostSpec, InitialTcb, Segment, Timeout,
    Timer, Trace,
)
from trainer.formats.errors import (
    BYTES_MAX, LEN_MAX, MSL_MIN, MSS_MAX, ROLES, SEQ_MAX, TIME_MAX, TIMERS_BY_NAME, WIN_MAX,
    WSCALE_MAX, Problem, TraceFormatError, check_address, excerpt, normalize_language,
    parse_state,
)

# ==== tokens =================================================================================
# A token's first character tells its kind: '[' state claims, '<' an RFC-style field, '#' the
# comment (always last, dropped), anything else a word (which may hold "quoted strings").

_TOKENS = re.compile(r"""
    \#.*                                            # comment
  | \[[^\]\#]*\]?                                   # claims [A:SYN-SENT B:LISTEN]
  | <[^>\#]*>?                                      # RFC field <SEQ=100>
  | (?:[^ \t\r\f\v\#"\[<]|"(?:[^"\\]|\\.)*"?)       # word, maybe with "quoted" parts
    (?:[^ \t\r\f\v\#"\[]|"(?:[^"\\]|\\.)*"?)*
""", re.X | re.S).findall
_SPACE = " \t\r\f\v"
_META = re.compile(r"(title|description)(?:\.([^ \t:#]*))?[ \t]*:", re.I)
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+").fullmatch
_SIGNED = re.compile(r"[+-]?[0-9]+").fullmatch
_QUOTE_OR_BACKSLASH = re.compile(r'["\\]').search
_HEX_DIGITS = re.compile(r"[0-9a-fA-F]*").fullmatch
_CLAIM_ITEM = re.compile(r"[^\s,\]]+").finditer
_TCPDUMP = re.compile(r"[SFRPUEW]*\.?").fullmatch
_TCPDUMP_BITS = {"S": Flag.SYN, "F": Flag.FIN, "R": Flag.RST, "P": Flag.PSH, "U": Flag.URG,
                 "E": Flag.ECE, "W": Flag.CWR, ".": Flag.ACK}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_BOOLEANS = {"yes": True, "on": True, "true": True, "1": True,
             "no": False, "off": False, "false": False, "0": False}

_CALLS = {"listen": CallKind.LISTEN, "connect": CallKind.CONNECT, "close": CallKind.CLOSE,
          "shutdown": CallKind.SHUTDOWN, "abort": CallKind.ABORT}
_SEGMENT_WORDS = {"lost": "lost", "dup": "dup", "old": "dup", "sackok": "sackok"}
_SEGMENT_FIELDS = {"seq": "seq", "ack": "ack", "win": "win", "wnd": "win", "window": "win",
                   "len": "len", "data": "data", "urg": "urg", "urgent": "urg", "mss": "mss",
                   "wscale": "wscale", "label": "label"}
_SEGMENT_FIELD_NAMES = "seq, ack, win, len, data, urg, mss, wscale, label"
_RFC_FIELDS = {"SEQ": "seq", "ACK": "ack", "CTL": "flags", "WND": "win", "WIN": "win",
               "LEN": "len", "URG": "urg"}
_INT_LIMITS = {"seq": SEQ_MAX, "ack": SEQ_MAX, "win": WIN_MAX, "len": LEN_MAX, "urg": SEQ_MAX,
               "mss": MSS_MAX, "wscale": WSCALE_MAX}
_HOST_FIELDS = ("name", "role", "address", "state", "iss", "irs", "snd.una", "snd.nxt",
                "snd.wnd", "rcv.nxt", "rcv.wnd", "passive")
_TCB_FIELDS = ("iss", "irs", "snd.una", "snd.nxt", "snd.wnd", "rcv.nxt", "rcv.wnd", "passive")
_OPTION_FIELDS = ("msl", "rfc5961", "latency")


def _directions() -> dict[str, str]:
    """Every spelling of a direction (``A>B``, ``a->b``, ``B<A``, ``B<-A``) -> the sender."""
    out = {}
    for sender, receiver in (("A", "B"), ("B", "A")):
        for s in (sender, sender.lower()):
            for r in (receiver, receiver.lower()):
                for arrow in (">", "->"):
                    out[f"{s}{arrow}{r}"] = sender
                for arrow in ("<", "<-"):
                    out[f"{r}{arrow}{s}"] = sender
    return out


_DIRECTIONS = _directions()


def parse_notation(text: str, source: str = "<text>") -> Trace:
    """Read a trace written in the text notation; raises ``TraceFormatError`` with its line
    and column for anything it cannot read."""
    return _Parser(source).parse(text)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.trace = Trace()
        self.lineno = 0
        self.line_start = 0  # offset of the current line in the text
        self.line = ""
        self.tokens: list[str] = []
        self.cols: list[int] | None = None  # token columns, computed on demand
        self.previous_time = 0.0
        self.latency = Decimal(0)
        self.seen: set[str] = set()  # header fields already given: "title.zh_CN", "option.msl"
        self.host_fields: dict[str, dict[str, object]] = {h: {} for h in HOSTS}
        self.tcb_position: dict[str, tuple[int, int, int]] = {}
        self.flag_cache: dict[str, Flag] = {}
        self.claims_cache: dict[str, dict[str, State]] = {}

    # ---- errors -----------------------------------------------------------------------------

    def fail(self, code: str, col: int, **params) -> None:
        """Raise ``code`` at 0-based column ``col`` of the current line."""
        raise TraceFormatError(code, params, source=self.source, line=self.lineno,
                               column=col + 1, offset=self.line_start + col)

    def col(self, index: int) -> int:
        """Column where token ``index`` starts (tokens are separated by spaces only)."""
        if self.cols is None:
            cols, pos, line = [], 0, self.line
            for token in self.tokens:
                pos = line.find(token, pos)
                cols.append(pos)
                pos += len(token)
            self.cols = cols
        return self.cols[index]

    def fail_at(self, code: str, index: int, inner: int = 0, **params) -> None:
        """Raise ``code`` at character ``inner`` of token ``index``."""
        self.fail(code, self.col(index) + inner, **params)

    def fail_after(self, code: str, index: int, **params) -> None:
        """Raise ``code`` just after token ``index`` (something is missing there)."""
        self.fail(code, self.col(index) + len(self.tokens[index]), **params)

    # ---- lines ------------------------------------------------------------------------------

    def parse(self, text: str) -> Trace:
        if text.startswith("\ufeff"):
            text = text[1:]
        start = 0
        for lineno, line in enumerate(text.split("\n"), 1):
            self.lineno, self.line_start = lineno, start
            start += len(line) + 1
            tokens = _TOKENS(line)
            if tokens and tokens[-1][0] == "#":
                tokens.pop()
            if not tokens:
                continue
            self.line, self.tokens, self.cols = line, tokens, None
            head = tokens[0][0]
            if head in "0123456789+-.":
                self._event_line(tokens)
            elif not (head.isalpha() and self._meta_line(line)):
                self._keyword_line(tokens)
        self._finish_hosts()
        return self.trace

    def _keyword_line(self, tokens: list[str]) -> None:
        keyword = tokens[0].lower()
        if keyword == "host":
            self._host_line()
        elif keyword in ("option", "options"):
            self._option_line(tokens)
        elif keyword in ("title", "description") or keyword.startswith(("title.", "description.")):
            self.fail_after("missing-colon", 0, keyword=tokens[0])
        else:
            self.fail_at("unknown-keyword", 0, found=excerpt(tokens[0]))

    def _meta_line(self, line: str) -> bool:
        """``title: text`` / ``description.zh_CN: text``; False if the line is not one."""
        first = len(line) - len(line.lstrip(_SPACE))
        m = _META.match(line, first)
        if m is None:
            return False
        key = m.group(1).lower()
        lang = "en"
        if m.group(2) is not None:
            try:
                lang = normalize_language(m.group(2))
            except Problem as p:
                self.fail(p.code, m.start(2), **p.params)
        field = key if lang == "en" else f"{key}.{lang}"
        if field in self.seen:
            self.fail("duplicate-field", first, field=field)
        self.seen.add(field)
        getattr(self.trace, key)[lang] = self._meta_value(line, m.end())
        return True

    def _meta_value(self, line: str, pos: int) -> str:
        """The rest of the line without its comment, or one "quoted string"."""
        start = len(line) - len(line[pos:].lstrip(_SPACE))
        if line[start:start + 1] == '"':
            value, end = self._unquote(line, start, as_bytes=False)
            tail = line[end:].lstrip(_SPACE)
            if tail and tail[0] != "#":
                self.fail("unexpected-word", len(line) - len(tail), found=excerpt(tail))
            return value
        comment = line.find("#", start)
        return line[start:comment if comment >= 0 else len(line)].rstrip(_SPACE)

    # ---- values -----------------------------------------------------------------------------

    def _integer(self, text: str, index: int, inner: int, what: str, low: int, high: int) -> int:
        if text.isdigit() and text.isascii() and len(text) <= 20:
            value = int(text)
        elif not _SIGNED(text):
            self.fail_at("expected-integer", index, inner, what=what, found=excerpt(text))
        else:
            value = int(text) if len(text) <= 21 else high + 1
        if not low <= value <= high:
            self.fail_at("out-of-range", index, inner, what=what, found=excerpt(text), min=low,
                         max=high)
        return value

    def _time(self, text: str, index: int, inner: int, base: float, bad: str = "") -> float:
        """An absolute time, or ``+D`` relative to ``base`` (added exactly, in decimal).
        ``bad`` replaces the syntax error code (``bad-arrival`` after '@')."""
        if _DECIMAL(text):
            value = float(text)
        elif text[:1] in ("+", "-") and _DECIMAL(text[1:]):
            if text[0] == "-":
                self.fail_at("time-out-of-range", index, inner, found=excerpt(text),
                             max=TIME_MAX)
            value = float(Decimal(repr(base)) + Decimal(text[1:]))
        else:
            self.fail_at(bad or "expected-time", index, inner, found=excerpt(text))
        if value > TIME_MAX:
            self.fail_at("time-out-of-range", index, inner, found=excerpt(text), max=TIME_MAX)
        return value + 0.0  # -0.0 -> 0.0

    def _boolean(self, text: str, index: int, inner: int, what: str) -> bool:
        value = _BOOLEANS.get(text.lower())
        if value is None:
            self.fail_at("expected-boolean", index, inner, what=what, found=excerpt(text))
        return value

    def _unquote(self, text: str, start: int, as_bytes: bool,
                 index: int | None = None) -> tuple[str | bytes, int]:
        """Decode the string whose opening quote is ``text[start]``: the value and the index
        after the closing quote. ``text`` is token ``index``, or the line when it is None."""
        parts: list = []
        pos = start + 1
        while True:
            m = _QUOTE_OR_BACKSLASH(text, pos)
            if m is None:
                self._fail_in(index, "unterminated-string", start)
            chunk = text[pos:m.start()]
            parts.append(chunk.encode() if as_bytes else chunk)
            if m.group() == '"':
                break
            piece, pos = self._escape(text, m.start(), as_bytes, index)
            parts.append(piece)
        return (b"" if as_bytes else "").join(parts), m.end()

    def _escape(self, text: str, pos: int, as_bytes: bool,
                index: int | None) -> tuple[str | bytes, int]:
        kind = text[pos + 1:pos + 2]
        if kind in _ESCAPES:
            char = _ESCAPES[kind]
            return (char.encode() if as_bytes else char), pos + 2
        if kind == "":
            self._fail_in(index, "unterminated-string", pos)
        size = {"x": 2, "u": 4, "U": 8}.get(kind, 0)
        digits = text[pos + 2:pos + 2 + size]
        code = int(digits, 16) if size and len(digits) == size and _HEX_DIGITS(digits) else -1
        if code < 0 or code > 0x10FFFF or (kind != "x" and 0xD800 <= code <= 0xDFFF):
            self._fail_in(index, "bad-escape", pos, found=excerpt(text[pos:pos + 2 + size]))
        if kind == "x" and as_bytes:
            return bytes([code]), pos + 4
        return (chr(code).encode() if as_bytes else chr(code)), pos + 2 + size

    def _fail_in(self, index: int | None, code: str, pos: int, **params) -> None:
        self.fail(code, (0 if index is None else self.col(index)) + pos, **params)

    def _text_value(self, index: int, inner: int) -> str:
        """The value part of token ``index`` as text: quoted with escapes, or a bare word."""
        token = self.tokens[index]
        if token[inner:inner + 1] == '"':
            value, stop = self._unquote(token, inner, as_bytes=False, index=index)
            if stop != len(token):
                self.fail_at("unexpected-word", index, stop, found=excerpt(token[stop:]))
            return value
        return self._bare(index, inner)

    def _bare(self, index: int, inner: int) -> str:
        token = self.tokens[index]
        quote_at = token.find('"', inner)
        if quote_at >= 0:
            self.fail_at("misplaced-quote", index, quote_at)
        return token[inner:]

    def _host(self, text: str, index: int, inner: int = 0) -> str:
        host = text.upper()
        if host not in HOSTS:
            self.fail_at("unknown-host", index, inner, found=excerpt(text))
        return host

    # ---- event lines ------------------------------------------------------------------------

    def _event_line(self, tokens: list[str]) -> None:
        first = tokens[0]
        if _DECIMAL(first) and float(first) <= TIME_MAX:
            time = float(first)  # fast path: 0.050
        else:
            time = self._time(first, 0, 0, self.previous_time)
        self.previous_time = time
        if len(tokens) < 2:
            self.fail_after("missing-event", 0)
        second = tokens[1]
        if second[0] in "[<":
            self.fail_at("missing-event", 1)
        sender = _DIRECTIONS.get(second)
        if sender is None and (">" in second or "<" in second):
            sender = self._direction(second)
        if sender is None:
            event = self._action(time, tokens)
        else:
            event = self._segment(time, sender, tokens)
        self.trace.events.append(event)

    def _action(self, time: float, tokens: list[str]) -> Call | Crash | Timeout:
        host = self._host(tokens[1], 1)
        if len(tokens) < 3:
            self.fail_after("missing-call", 1, host=host)
        verb = tokens[2].lower()
        rest = 3
        if verb in _CALLS:
            event = Call(host, time, _CALLS[verb])
        elif verb == "crash":
            event = Crash(host, time)
        elif verb in ("send", "timeout"):
            if len(tokens) < 4 or tokens[3][0] == "[":
                self.fail_after("missing-value", 2, what=verb)
            argument, rest = tokens[3], 4
            if verb == "send":
                event = Call(host, time, CallKind.SEND,
                             self._integer(argument, 3, 0, "send", 1, BYTES_MAX))
            else:
                timer = TIMERS_BY_NAME.get(argument.lower())
                if timer is None:
                    self.fail_at("unknown-timer", 3, found=excerpt(argument))
                event = Timeout(host, time, Timer(timer))
        else:
            self.fail_at("unknown-action", 2, found=excerpt(tokens[2]))
        for index in range(rest, len(tokens)):
            if tokens[index][0] != "[":
                self.fail_at("unexpected-word", index, found=excerpt(tokens[index]))
            if event.claims is not None:
                self.fail_at("duplicate-field", index, field="[...]")
            event.claims = self._claims(index)
        return event

    def _direction(self, text: str) -> str:
        """The slow path of ``_DIRECTIONS``: find what is wrong with an arrow token."""
        cut = min(i for i in (text.find(">"), text.find("<")) if i >= 0)
        left, right, right_at = text[:cut], text[cut + 1:], cut + 1
        if text[cut] == ">":
            left = left[:-1] if left.endswith("-") else left
            sender, sender_at, receiver, receiver_at = left, 0, right, right_at
        else:
            if right.startswith("-"):
                right, right_at = right[1:], right_at + 1
            sender, sender_at, receiver, receiver_at = right, right_at, left, 0
        host = self._host(sender or text, 1, sender_at)
        if self._host(receiver or text, 1, receiver_at) == host:
            self.fail_at("same-host", 1, host=host)
        return host

    def _segment(self, time: float, sender: str, tokens: list[str]) -> Segment:
        fields: dict[str, object] = {}
        where: dict[str, int] = {}  # field -> token index, for errors
        index, count = 2, len(tokens)
        if count > 2:
            first = tokens[2]
            if first[0] not in "[<@" and "=" not in first and first.lower() not in _SEGMENT_WORDS:
                fields["flags"] = self._flags(first, 2, 0)
                where["flags"] = 2
                index = 3
        limits = _INT_LIMITS
        while index < count:
            token = tokens[index]
            key, eq, value = token.partition("=")
            field = _SEGMENT_FIELDS.get(key)
            if (field in limits and value.isdigit() and len(value) <= 9 and value.isascii()
                    and int(value) <= limits[field]):  # fast path: seq=100
                value = int(value)
            elif token[0] == "@" and _DECIMAL(token, 1) and float(token[1:]) <= TIME_MAX:
                field, value = "@", float(token[1:])  # fast path: @0.050
            else:
                field, value = self._segment_item(token, index, time)
            if field in fields:
                shown = {"@": "@", "claims": "[...]", "flags": "CTL"}.get(field, field)
                self.fail_at("duplicate-field", index, field=shown)
            fields[field] = value
            where[field] = index
            index += 1
        return self._build_segment(sender, time, fields, where)

    def _segment_item(self, token: str, index: int, time: float) -> tuple[str, object]:
        head = token[0]
        if head == "[":
            return "claims", self._claims(index)
        if head == "<":
            return self._rfc_field(token, index)
        if head == "@":
            return "@", self._arrival(token, index, time)
        key, eq, value = token.partition("=")
        if not eq:
            word = _SEGMENT_WORDS.get(token.lower())
            if word is None:
                self.fail_at("unexpected-word", index, found=excerpt(token))
            return word, True
        field = _SEGMENT_FIELDS.get(key) or _SEGMENT_FIELDS.get(key.lower())
        if field is None:
            self.fail_at("unknown-field", index, found=excerpt(key),
                         allowed=_SEGMENT_FIELD_NAMES)
        if not value:
            self.fail_at("missing-value", index, what=key.lower())
        inner = len(key) + 1
        if field == "data":
            return field, self._data(index, inner)
        if field == "label":
            return field, self._text_value(index, inner)
        return field, self._integer(value, index, inner, field, 0, _INT_LIMITS[field])

    def _arrival(self, token: str, index: int, time: float) -> float:
        if len(token) == 1:
            self.fail_at("bad-arrival", index, found=token)
        return self._time(token[1:], index, 1, time, bad="bad-arrival")

    def _rfc_field(self, token: str, index: int) -> tuple[str, object]:
        if len(token) < 2 or token[-1] != ">":
            self.fail_at("unterminated-header", index)
        key, eq, value = token[1:-1].partition("=")
        field = _RFC_FIELDS.get(key.strip().upper())
        if field is None:
            self.fail_at("unknown-field", index, 1, found=excerpt(key),
                         allowed="SEQ, ACK, CTL, WND, LEN, URG")
        if not value:
            self.fail_at("missing-value", index, 1, what=key)
        inner = len(key) + 2
        if field == "flags":
            return field, self._flags(value, index, inner)
        return field, self._integer(value, index, inner, field, 0, _INT_LIMITS[field])

    def _flags(self, text: str, index: int, inner: int) -> Flag:
        flags = self.flag_cache.get(text)
        if flags is not None:
            return flags
        flags = Flag.NONE
        if _TCPDUMP(text):  # S, S., F., R, P. as tcpdump prints them
            for i, letter in enumerate(text):
                bit = _TCPDUMP_BITS[letter]
                if flags & bit:
                    self.fail_at("duplicate-flag", index, inner + i, found=letter)
                flags |= bit
        else:
            pos = inner
            for part in text.replace("+", ",").split(","):
                name = part.upper()
                if name and name != "NONE":
                    bit = FLAG_BY_NAME.get(name)
                    if bit is None:
                        self.fail_at("unknown-flag", index, pos, found=excerpt(part))
                    if flags & bit:
                        self.fail_at("duplicate-flag", index, pos, found=name)
                    flags |= bit
                pos += len(part) + 1
        self.flag_cache[text] = flags
        return flags

    def _data(self, index: int, inner: int) -> bytes:
        token = self.tokens[index]
        if token[inner] == '"':
            value, stop = self._unquote(token, inner, as_bytes=True, index=index)
            if stop != len(token):
                self.fail_at("unexpected-word", index, stop, found=excerpt(token[stop:]))
            return value
        value = self._bare(index, inner)
        if value[:2].lower() != "0x":
            self.fail_at("bad-data", index, inner, found=excerpt(value))
        digits = value[2:]
        if len(digits) % 2 or not _HEX_DIGITS(digits):
            self.fail_at("invalid-hex", index, inner, what="data", found=excerpt(value))
        return bytes.fromhex(digits)

    def _claims(self, index: int) -> dict[str, State] | None:
        token = self.tokens[index]
        cached = self.claims_cache.get(token)
        if cached is None:
            cached = self.claims_cache[token] = self._parse_claims(token, index)
        return dict(cached) or None  # a fresh dict: events must not share one

    def _parse_claims(self, token: str, index: int) -> dict[str, State]:
        if len(token) < 2 or token[-1] != "]":
            self.fail_at("unterminated-claims", index)
        claims: dict[str, State] = {}
        for m in _CLAIM_ITEM(token, 1):
            item, at = m.group(), m.start()
            cut = next((i for i, char in enumerate(item) if char in ":="), -1)
            if cut <= 0 or cut == len(item) - 1:
                self.fail_at("bad-claim", index, at, found=excerpt(item))
            host = self._host(item[:cut], index, at)
            if host in claims:
                self.fail_at("duplicate-field", index, at, field=f"[{host}:...]")
            try:
                claims[host] = parse_state(item[cut + 1:])
            except Problem as p:
                self.fail_at(p.code, index, at + cut + 1, **p.params)
        return claims

    def _build_segment(self, sender: str, time: float, fields: dict, where: dict) -> Segment:
        if "seq" not in fields:
            self.fail_at("missing-field", 1, field="seq")
        flags = fields.get("flags", Flag.NONE)
        if "ack" not in fields and flags & Flag.ACK:
            self.fail_at("ack-value-missing", where.get("flags", 1))
        if "lost" in fields and "@" in fields:
            self.fail_at("arrive-and-lost", max(where["lost"], where["@"]))
        data = fields.get("data")
        length = len(data) if data is not None else 0
        if "len" in fields:
            if data is not None and fields["len"] != length:
                self.fail_at("len-data-mismatch", where["len"], len=fields["len"],
                             data_len=length)
            length = fields["len"]
        options = None
        if "mss" in fields or "wscale" in fields or "sackok" in fields:
            options = {key: fields[word] for key, word in (
                ("mss", "mss"), ("wscale", "wscale"), ("sack_permitted", "sackok"))
                if word in fields}
        return Segment(
            sender=sender, send_time=time, arrive_time=self._arrive(time, fields), flags=flags,
            seq=fields["seq"], ack=fields.get("ack"), win=fields.get("win"), length=length,
            data=data, urgent=fields.get("urg"), old_duplicate="dup" in fields,
            options=options, claims=fields.get("claims"), label=fields.get("label"))

    def _arrive(self, time: float, fields: dict) -> float | None:
        if "@" in fields:
            return fields["@"]
        if "lost" in fields:
            return None
        if not self.latency:
            return time
        total = Decimal(repr(time)) + self.latency
        if total > TIME_MAX:
            self.fail_at("time-out-of-range", 0, found=str(total), max=TIME_MAX)
        return float(total)

    # ---- header lines -----------------------------------------------------------------------

    def _host_line(self) -> None:
        self._merge_adjacent()
        tokens = self.tokens
        if len(tokens) < 2:
            self.fail_after("missing-value", 0, what="host")
        host = self._host(tokens[1], 1)
        for index in range(2, len(tokens)):
            token = tokens[index]
            key, eq, value = token.partition("=")
            if eq:
                field = key.lower().replace("_", ".")
                field = "address" if field == "addr" else field
                if field not in _HOST_FIELDS:
                    self.fail_at("unknown-field", index, found=excerpt(key),
                                 allowed=", ".join(_HOST_FIELDS))
                if not value:
                    self.fail_at("missing-value", index, what=field)
                self._host_field(host, field, index, len(key) + 1)
            elif token.lower() in ROLES or not (token[0].isdigit() or
                                                any(c in token for c in ":.[")):
                self._host_field(host, "role", index, 0)
            else:
                self._host_field(host, "address", index, 0)

    def _merge_adjacent(self) -> None:
        """Host lines have no claims: glue ``[2001:db8::1]`` and ``:80`` back together."""
        tokens, cols = [], []
        for index, token in enumerate(self.tokens):
            col = self.col(index)
            if cols and cols[-1] + len(tokens[-1]) == col:
                tokens[-1] += token
            else:
                tokens.append(token)
                cols.append(col)
        self.tokens, self.cols = tokens, cols

    def _host_field(self, host: str, field: str, index: int, inner: int) -> None:
        fields = self.host_fields[host]
        if field in fields:
            self.fail_at("duplicate-field", index, field=field)
        raw = self._text_value(index, inner)
        try:
            value = self._host_value(field, raw, index, inner)
        except Problem as p:
            self.fail_at(p.code, index, inner, **p.params)
        fields[field] = value
        if field in _TCB_FIELDS and host not in self.tcb_position:
            self.tcb_position[host] = (self.lineno, self.col(index), self.line_start)

    def _host_value(self, field: str, raw: str, index: int, inner: int) -> object:
        if field == "name":
            return raw
        if field == "role":
            if raw.lower() not in ROLES:
                raise Problem("unknown-role", found=excerpt(raw))
            return raw.lower()
        if field == "address":
            return check_address(raw)
        if field == "state":
            return parse_state(raw)
        if field == "passive":
            return self._boolean(raw, index, inner, field)
        high = WIN_MAX if field.endswith("wnd") else SEQ_MAX
        return self._integer(raw, index, inner, field, 0, high)

    def _finish_hosts(self) -> None:
        for host in HOSTS:
            fields = self.host_fields[host]
            spec = self.trace.hosts[host]
            spec.name = fields.get("name", spec.name)
            spec.role = fields.get("role")
            spec.address = fields.get("address")
            if "state" in fields:
                spec.initial = InitialTcb(fields["state"], **{
                    f.replace(".", "_"): fields[f] for f in _TCB_FIELDS if f in fields})
            elif host in self.tcb_position:
                self.lineno, col, self.line_start = self.tcb_position[host]
                self.fail("missing-initial-state", col, host=host)

    def _option_line(self, tokens: list[str]) -> None:
        if len(tokens) < 2:
            self.fail_after("missing-value", 0, what="option")
        for index in range(1, len(tokens)):
            key, eq, value = tokens[index].partition("=")
            field = key.lower()
            if field not in _OPTION_FIELDS:
                self.fail_at("unknown-field", index, found=excerpt(key),
                             allowed=", ".join(_OPTION_FIELDS))
            if not value:
                self.fail_at("missing-value", index, what=field)
            if field != "latency" and f"option.{field}" in self.seen:
                self.fail_at("duplicate-field", index, field=field)
            self.seen.add(f"option.{field}")
            self._option(field, value, index, len(key) + 1)

    def _option(self, field: str, value: str, index: int, inner: int) -> None:
        if field == "rfc5961":
            self.trace.options.rfc5961 = self._boolean(value, index, inner, field)
            return
        if not _DECIMAL(value):
            self.fail_at("expected-number", index, inner, what=field, found=excerpt(value))
        number = Decimal(value)
        low = MSL_MIN if field == "msl" else 0
        if not low <= float(number) <= TIME_MAX:
            self.fail_at("out-of-range", index, inner, what=field, found=excerpt(value),
                         min=low, max=TIME_MAX)
        if field == "msl":
            self.trace.options.msl = float(number)
        else:
            self.latency = number


# ==== printing ===============================================================================

def format_notation(trace: Trace) -> str:
    """The trace in the text notation: header, a blank line, one line per event in file
    order. Times keep microseconds, or as many more decimals as the order of the events needs
    (see ``time_decimals``); everything else survives a round trip exactly."""
    decimals = time_decimals(trace)
    lines = ["# TCP Trainer trace"]
    for key in ("title", "description"):
        texts = getattr(trace, key)
        for lang in sorted(texts, key=lambda k: (k != "en", k)):
            name = key if lang == "en" else f"{key}.{lang}"
            lines.append(f"{name}: {_meta_text(texts[lang])}")
    for host in HOSTS:
        spec = trace.hosts.get(host)
        if spec is not None and (line := _host_line(host, spec)):
            lines.append(line)
    if trace.options.msl is not None:
        lines.append(f"option msl={format_seconds(trace.options.msl, 0)}")
    if not trace.options.rfc5961:
        lines.append("option rfc5961=off")
    lines.append("")
    lines.extend(_event_line(e, decimals) for e in trace.events)
    return "\n".join(lines) + "\n"


def format_seconds(value: float, min_decimals: int = 3, decimals: int | None = 6) -> str:
    """``0.05`` -> ``0.050``: at most ``decimals`` decimals (``None``: the exact value), no
    trailing zeros past ``min_decimals``."""
    if decimals is None:
        text = format(Decimal(repr(value + 0.0)), "f")  # repr may be 1e-07: no exponents here
        whole, _, fraction = text.partition(".")
    else:
        whole, _, fraction = f"{value + 0.0:.{decimals}f}".partition(".")
    fraction = fraction.rstrip("0").ljust(min_decimals, "0")
    return f"{whole}.{fraction}" if fraction else whole


#: Decimals tried, beyond the microseconds every file shows, before writing exact values.
_MAX_DECIMALS = 12


def time_decimals(trace: Trace) -> int | None:
    """The fewest decimals (6 to 12) at which the trace's events keep the order the checker
    processes them in; ``None`` when only exact values keep it. A capture's inferred arrival
    can fall half way between two sends a microsecond apart: rounded to microseconds it would
    tie with one of them and be processed on the wrong side."""
    def order(t: Trace) -> list[tuple[int, int, str]]:
        return [(entry.event, entry.sub, entry.kind) for entry in build_timeline(t)[0]]

    times = [t for e in trace.events for t in _times_of(e)]
    if all(float(f"{t:.6f}") == t for t in times):
        return 6  # nothing to round (every hand-written file)
    wanted = order(trace)
    for decimals in range(6, _MAX_DECIMALS + 1):
        if order(_rounded(trace, decimals)) == wanted:
            return decimals
    return None


def _times_of(event) -> tuple[float, ...]:
    if isinstance(event, Segment):
        return (event.send_time,) if event.arrive_time is None else \
            (event.send_time, event.arrive_time)
    return (event.time,)


def _rounded(trace: Trace, decimals: int) -> Trace:
    """A copy of ``trace`` with every time as the notation writes it with ``decimals``."""
    def r(t: float) -> float:
        return float(f"{t:.{decimals}f}")

    events = []
    for e in trace.events:
        if isinstance(e, Segment):
            events.append(replace(e, send_time=r(e.send_time),
                                  arrive_time=None if e.arrive_time is None else r(e.arrive_time)))
        else:
            events.append(replace(e, time=r(e.time)))
    return replace(trace, events=events)


def quote(text: str) -> str:
    """A double-quoted string the parser reads back to ``text``."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        elif char in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[char])
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _meta_text(text: str) -> str:
    plain = (text and text == text.strip(_SPACE) and text[0] != '"' and "#" not in text
             and text.isprintable())
    return text if plain else quote(text)


def _host_line(host: str, spec: HostSpec) -> str:
    parts = [f"host {host}"]
    if spec.role is not None:
        parts.append(spec.role if spec.role in ROLES else f"role={quote(spec.role)}")
    if spec.address is not None:
        parts.append(spec.address if _valid_address(spec.address) else
                     f"address={quote(spec.address)}")
    if spec.name != host:
        parts.append(f"name={quote(spec.name)}")
    if spec.initial is not None:
        tcb = spec.initial
        parts.append(f"state={State(tcb.state).value}")
        for field in _TCB_FIELDS:
            value = getattr(tcb, field.replace(".", "_"))
            if isinstance(value, bool):
                parts.append(f"{field}={'yes' if value else 'no'}")
            elif value is not None:
                parts.append(f"{field}={value}")
    return " ".join(parts) if len(parts) > 1 else ""


def _valid_address(address: str) -> bool:
    try:
        check_address(address)
    except Problem:
        return False
    return True


def _claims_text(claims: dict[str, State] | None) -> str:
    items = [f"{h}:{State(claims[h]).value}" for h in HOSTS if claims and h in claims]
    return f" [{' '.join(items)}]" if items else ""


def _event_line(event, decimals: int | None = 6) -> str:
    if isinstance(event, Segment):
        return _segment_line(event, decimals)
    when = format_seconds(event.time, decimals=decimals)
    if isinstance(event, Call):
        text = f"{when} {event.host} {event.call.value}"
        if event.call is CallKind.SEND:
            text += f" {event.nbytes}"
    elif isinstance(event, Timeout):
        text = f"{when} {event.host} timeout {event.timer.value}"
    elif isinstance(event, Crash):
        text = f"{when} {event.host} crash"
    else:
        raise TypeError(f"not a trace event: {event!r}")
    return text + _claims_text(event.claims)


def _segment_line(seg: Segment, decimals: int | None = 6) -> str:
    receiver = "B" if seg.sender == "A" else "A"
    parts = [format_seconds(seg.send_time, decimals=decimals), f"{seg.sender}>{receiver}",
             segment_fields(seg)]
    parts.append("lost" if seg.arrive_time is None else
                 f"@{format_seconds(seg.arrive_time, decimals=decimals)}")
    if seg.old_duplicate:
        parts.append("dup")
    return " ".join(parts) + _claims_text(seg.claims)


def segment_fields(seg: Segment) -> str:
    """A segment's header as the notation writes it (``SYN,ACK seq=300 ack=101 win=65535``),
    without times, arrival or claims; the diagram's inline editor shows exactly this."""
    parts = [Flag(seg.flags).text(), f"seq={seg.seq}"]
    for name, value in (("ack", seg.ack), ("win", seg.win)):
        if value is not None:
            parts.append(f"{name}={value}")
    if seg.length != (len(seg.data) if seg.data is not None else 0):
        parts.append(f"len={seg.length}")
    if seg.data is not None:
        parts.append(f"data={_data_text(seg.data)}")
    if seg.urgent is not None:
        parts.append(f"urg={seg.urgent}")
    options = seg.options or {}
    for key in ("mss", "wscale"):
        if key in options:
            parts.append(f"{key}={options[key]}")
    if options.get("sack_permitted"):
        parts.append("sackok")
    if seg.label is not None:
        parts.append(f"label={quote(seg.label)}")
    return " ".join(parts)


def _data_text(data: bytes) -> str:
    """Readable text in quotes when the bytes are printable ASCII, else ``0x`` + hex."""
    if all(32 <= b < 127 or b in (9, 10, 13) for b in data):
        return quote(data.decode("ascii"))
    return "0x" + data.hex()
