"""Answers the engine cannot derive (choice keys, numbers given by hand), stored salted and hashed.

A sealed answer reads ``sha256$SALT$DIGEST``: the SHA-256 of the salt, the exercise id and the
answer in its canonical spelling (``canonical_choice``, ``canonical_number``). The key is never
in the file in plain text, and two exercises with the same answer get different digests.

What this protects against, honestly: reading the answer off the file. It does not stop someone
who runs code from trying every possible answer (a four-option question has 15 of them); the
exporter does exactly that to recover a choice key for Moodle.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import os
import re

PREFIX = "sha256"
SEALED = re.compile(r"sha256\$[0-9a-f]{32}\$[0-9a-f]{64}")
MAX_DECIMALS = 6


def canonical_choice(option_ids) -> str:
    return ",".join(sorted(set(option_ids)))


def canonical_number(value: float, decimals: int) -> str:
    text = f"{round(float(value), decimals):.{decimals}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def _digest(salt: str, exercise_id: str, canonical: str) -> str:
    data = f"{salt}\x00{exercise_id}\x00{canonical}".encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def seal(exercise_id: str, canonical: str, salt: str | None = None) -> str:
    salt = salt or os.urandom(16).hex()
    return f"{PREFIX}${salt}${_digest(salt, exercise_id, canonical)}"


def matches(sealed: str, exercise_id: str, canonical: str) -> bool:
    try:
        prefix, salt, digest = sealed.split("$")
    except ValueError:
        return False
    if prefix != PREFIX:
        return False
    return hmac.compare_digest(_digest(salt, exercise_id, canonical), digest)


def recover_choice(sealed: str, exercise_id: str, option_ids: list[str],
                   multiple: bool) -> list[str] | None:
    """The options the key stands for, found by trying every possible selection (for export)."""
    sizes = range(1, len(option_ids) + 1) if multiple else (1,)
    for size in sizes:
        for combo in itertools.combinations(option_ids, size):
            if matches(sealed, exercise_id, canonical_choice(combo)):
                return sorted(combo)
    return None
