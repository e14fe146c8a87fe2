"""A tiny arithmetic language for exercise files: ``isn_a + 1``, ``3 * rtt + 2 * msl * 1000``.

Exercise files are data, so nothing in them is ever handed to ``eval``. This module tokenises
and parses the expression itself and evaluates the tree over named numbers. It knows numbers,
names, ``+ - * / // %``, ``**`` (small exponents only), parentheses and the functions
``min max abs round floor ceil``. Integers stay integers unless ``/`` is used.

Errors are ``ExprError(code, offset, **params)`` with the offset of the offending character in
the expression; the loader turns them into located exercise-file errors.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MAX_LENGTH = 300
MAX_DEPTH = 40
MAX_MAGNITUDE = 10**15  # larger results are an authoring mistake, not a TCP quantity
MAX_EXPONENT = 16

FUNCTIONS = {
    "min": (2, None), "max": (2, None), "abs": (1, 1), "round": (1, 2),
    "floor": (1, 1), "ceil": (1, 1),
}

#: Every error code with its parameters.
EXPR_ERRORS = {
    "expr-syntax": ("found",), "expr-expected": ("expected", "found"),
    "expr-expected-value": ("found",), "expr-too-long": ("limit",), "expr-too-deep": ("limit",),
    "expr-unknown-name": ("name", "known"), "expr-unknown-function": ("name", "allowed"),
    "expr-bad-call": ("name", "count"), "expr-division-by-zero": (),
    "expr-too-large": ("limit",),
}

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                    r"|(?P<op>\*\*|//|[-+*/%(),]))")


class ExprError(Exception):
    """``code`` is one of ``EXPR_ERRORS``; ``offset`` is 0-based in the expression."""

    def __init__(self, code: str, offset: int, **params):
        super().__init__(code)
        self.code = code
        self.offset = offset
        self.params = params


@dataclass(frozen=True, slots=True)
class Node:
    op: str  # "num", "name", "neg", "call", or a binary operator
    value: object = None  # the number, the name, or the function name
    args: tuple = ()
    offset: int = 0


def parse(text: str) -> Node:
    if len(text) > MAX_LENGTH:
        raise ExprError("expr-too-long", MAX_LENGTH, limit=MAX_LENGTH)
    tokens = _tokens(text)
    parser = _Parser(tokens, len(text))
    node = parser.expression(0)
    if parser.i < len(tokens):
        kind, value, offset = tokens[parser.i]
        raise ExprError("expr-syntax", offset, found=value)
    return node


def names_in(node: Node) -> set[str]:
    found = {node.value} if node.op == "name" else set()
    for arg in node.args:
        found |= names_in(arg)
    return found


def evaluate(node: Node, names: dict[str, int | float]) -> int | float:
    value = _evaluate(node, names)
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise ExprError("expr-too-large", node.offset, limit=MAX_MAGNITUDE)
    return value


def compute(text: str, names: dict[str, int | float]) -> int | float:
    return evaluate(parse(text), names)


# ---- parsing ----------------------------------------------------------------------------------

def _tokens(text: str) -> list[tuple[str, str, int]]:
    tokens = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            bad = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            raise ExprError("expr-syntax", bad, found=text[bad])
        kind = match.lastgroup
        tokens.append((kind, match.group(kind), match.start(kind)))
        pos = match.end()
    return tokens


_BINARY = {"+": 1, "-": 1, "*": 2, "/": 2, "//": 2, "%": 2}


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, int]], end: int):
        self.tokens = tokens
        self.i = 0
        self.end = end

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _expect(self, op: str) -> None:
        token = self._peek()
        if token is None or token[1] != op:
            offset = token[2] if token else self.end
            raise ExprError("expr-expected", offset, expected=op, found=token[1] if token else "")
        self.i += 1

    def expression(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            token = self._peek()
            raise ExprError("expr-too-deep", token[2] if token else self.end, limit=MAX_DEPTH)
        return self._binary(1, depth)

    def _binary(self, level: int, depth: int) -> Node:
        left = self._unary(depth) if level == 2 else self._binary(2, depth)
        while True:
            token = self._peek()
            if token is None or token[0] != "op" or _BINARY.get(token[1]) != level:
                return left
            self.i += 1
            right = self._unary(depth) if level == 2 else self._binary(2, depth)
            left = Node(token[1], None, (left, right), token[2])

    def _unary(self, depth: int) -> Node:
        token = self._peek()
        if token is not None and token[1] in ("-", "+"):
            self.i += 1
            inner = self._unary(depth + 1)
            return Node("neg", None, (inner,), token[2]) if token[1] == "-" else inner
        return self._power(depth)

    def _power(self, depth: int) -> Node:
        base = self._atom(depth)
        token = self._peek()
        if token is not None and token[1] == "**":
            self.i += 1
            exponent = self._unary(depth + 1)
            return Node("**", None, (base, exponent), token[2])
        return base

    def _atom(self, depth: int) -> Node:
        token = self._peek()
        if token is None:
            raise ExprError("expr-expected-value", self.end, found="")
        kind, value, offset = token
        self.i += 1
        if kind == "num":
            number = float(value) if "." in value else int(value)
            return Node("num", number, (), offset)
        if kind == "name":
            following = self._peek()
            if following is not None and following[1] == "(":
                return self._call(value, offset, depth)
            return Node("name", value, (), offset)
        if value == "(":
            inner = self.expression(depth + 1)
            self._expect(")")
            return inner
        raise ExprError("expr-expected-value", offset, found=value)

    def _call(self, name: str, offset: int, depth: int) -> Node:
        if name not in FUNCTIONS:
            raise ExprError("expr-unknown-function", offset, name=name,
                            allowed=", ".join(FUNCTIONS))
        self.i += 1  # '('
        args = []
        token = self._peek()
        if token is None or token[1] != ")":
            while True:
                args.append(self.expression(depth + 1))
                token = self._peek()
                if token is not None and token[1] == ",":
                    self.i += 1
                    continue
                break
        self._expect(")")
        low, high = FUNCTIONS[name]
        if len(args) < low or (high is not None and len(args) > high):
            raise ExprError("expr-bad-call", offset, name=name, count=len(args))
        return Node("call", name, tuple(args), offset)


# ---- evaluation -------------------------------------------------------------------------------

def _evaluate(node: Node, names: dict) -> int | float:
    op = node.op
    if op == "num":
        return node.value
    if op == "name":
        if node.value not in names:
            raise ExprError("expr-unknown-name", node.offset, name=node.value,
                            known=", ".join(sorted(names)) or "—")
        return names[node.value]
    args = [_evaluate(arg, names) for arg in node.args]
    for value in args:
        if abs(value) > MAX_MAGNITUDE:
            raise ExprError("expr-too-large", node.offset, limit=MAX_MAGNITUDE)
    if op == "neg":
        return -args[0]
    if op == "call":
        return _call_value(node, args)
    a, b = args
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op in ("/", "//", "%") and b == 0:
        raise ExprError("expr-division-by-zero", node.offset)
    if op == "/":
        return a / b
    if op == "//":
        return a // b
    if op == "%":
        return a % b
    # "**"
    if abs(b) > MAX_EXPONENT:
        raise ExprError("expr-too-large", node.offset, limit=MAX_MAGNITUDE)
    if a == 0 and b < 0:
        raise ExprError("expr-division-by-zero", node.offset)
    return a ** b


def _call_value(node: Node, args: list) -> int | float:
    name = node.value
    if name == "min":
        return min(args)
    if name == "max":
        return max(args)
    if name == "abs":
        return abs(args[0])
    if name == "floor":
        return math.floor(args[0])
    if name == "ceil":
        return math.ceil(args[0])
    digits = int(args[1]) if len(args) > 1 else 0
    if not 0 <= digits <= 9:
        raise ExprError("expr-bad-call", node.offset, name=name, count=len(args))
    value = round(args[0], digits)
    return int(value) if digits == 0 else value
