"""Sequence-number arithmetic modulo 2**32 (RFC 9293 section 3.4).

``a < b`` means "b is ahead of a by less than half the sequence space".
"""

MOD = 1 << 32
MASK = MOD - 1
HALF = 1 << 31


def add(a: int, n: int) -> int:
    return (a + n) & MASK


def diff(a: int, b: int) -> int:
    """Signed distance ``a - b`` in the sequence space, in ``[-2**31, 2**31)``."""
    d = (a - b) & MASK
    return d - MOD if d >= HALF else d


def lt(a: int, b: int) -> bool:
    return 0 < ((b - a) & MASK) < HALF


def le(a: int, b: int) -> bool:
    return ((b - a) & MASK) < HALF


def gt(a: int, b: int) -> bool:
    return 0 < ((a - b) & MASK) < HALF


def ge(a: int, b: int) -> bool:
    return ((a - b) & MASK) < HALF


def between(lo: int, x: int, hi: int) -> bool:
    """``lo =< x < hi`` modulo 2**32 (the receive-window test of 3.10.7.4)."""
    return ((x - lo) & MASK) < ((hi - lo) & MASK)
