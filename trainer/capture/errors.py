"""Errors and warnings of the capture readers: a code plus parameters plus a file offset.

Like ``trainer.formats.errors``, an error is never a sentence: ``trainer.i18n.capture_errors``
turns the code and parameters into English or Chinese. ``CaptureFormatError`` means the file
cannot be read as a capture (wrong magic, truncated header, a record or block longer than the
file or than a sane bound, a bad block length); it is the only exception the readers raise.
``CaptureWarning`` is a bad packet inside a good file: the packet is skipped, reading goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Every code with the parameters it carries. Errors first, then warnings.
ERROR_PARAMS: dict[str, tuple[str, ...]] = {
    # the file cannot be read (CaptureFormatError)
    "file-not-found": (),
    "file-unreadable": ("reason",),
    "empty-file": (),
    "bad-magic": ("found",),
    "truncated-file-header": ("size", "needed"),
    "unsupported-version": ("format", "version"),
    "truncated-record-header": ("size", "needed"),
    "record-beyond-end": ("length", "available"),
    "record-too-large": ("length", "limit"),
    "truncated-block-header": ("size", "needed"),
    "bad-block-length": ("block", "length"),
    "block-beyond-end": ("length", "available"),
    "block-too-large": ("length", "limit"),
    "block-length-mismatch": ("length", "trailer"),
    "bad-byte-order-magic": ("found",),
    # a bad packet inside a good file (CaptureWarning)
    "unknown-interface": ("interface", "count"),
    "packet-exceeds-block": ("length", "available"),
    "bad-block-option": ("block",),
    "truncated-link-header": ("link_type", "size", "needed"),
    "truncated-ip-header": ("size", "needed"),
    "bad-ip-version": ("found", "expected"),
    "bad-ip-header-length": ("found",),
    "bad-ip-total-length": ("found", "header", "packet"),
    "bad-ipv6-extension": ("header",),
    "fragmented-tcp": (),
    "truncated-tcp-header": ("size", "needed"),
    "bad-tcp-data-offset": ("found",),
}


#: Codes that are warnings (a bad packet), not errors (an unreadable file).
WARNING_CODES = frozenset(list(ERROR_PARAMS)[list(ERROR_PARAMS).index("unknown-interface"):])


def _checked(code: str, params: dict) -> dict:
    expected = ERROR_PARAMS.get(code)
    if expected is None:
        raise ValueError(f"unknown capture error code {code!r}")  # a programming bug
    if set(params) != set(expected):
        raise ValueError(f"capture error {code!r} takes {expected}, got {sorted(params)}")
    return params


class CaptureFormatError(Exception):
    """The file at ``path`` is not a readable capture; ``offset`` is the byte where reading
    stopped (the start of the bad header, record or block)."""

    def __init__(self, path: str, offset: int, code: str, params: dict | None = None) -> None:
        self.path = str(path)
        self.offset = offset
        self.code = code
        self.params = _checked(code, dict(params or {}))
        super().__init__(self.path, offset, code, self.params)

    def message(self, lang: str = "en") -> str:
        from trainer.i18n.capture_errors import location, message

        return location(self.path, self.offset, lang) + message(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.message("en")

    def __reduce__(self):
        return (CaptureFormatError, (self.path, self.offset, self.code, self.params))


@dataclass(slots=True)
class CaptureWarning:
    """A packet that was skipped (or decoded only in part): where, and why.

    ``frame`` is the 1-based packet number (as Wireshark counts) when known."""

    offset: int
    code: str
    params: dict = field(default_factory=dict)
    frame: int | None = None

    def __post_init__(self) -> None:
        _checked(self.code, self.params)

    def message(self, path: str = "", lang: str = "en") -> str:
        from trainer.i18n.capture_errors import location, message

        return location(path, self.offset, lang) + message(self.code, self.params, lang)
