"""Render finding codes and trace-format error codes as sentences in the user's language.

``render(code, params, lang, names)`` looks the code up among the finding templates
(``findings_text.TEMPLATES``) and the format-error templates (``format_errors.FORMAT_ERRORS``,
owned by the formats engineer and imported lazily, so this module works before it exists).
It falls back to English, then to the code itself; ``strict=True`` turns every fallback and every
missing parameter into a ``KeyError`` (the tests use it to prove no code needs a fallback).
"""

from __future__ import annotations

import math
import string
import unicodedata
from enum import Enum, IntFlag

from trainer.i18n.findings_text import (
    DERIVED, GLOSSED_STATES, PRESENCE, TEMPLATES, VALUE_WORDS, VARIANTS,
)
from trainer.i18n.locale import DEFAULT, normalize
from trainer.i18n.states_text import state_label

#: Parameters that name a host ("A"/"B") and are shown with the user's display names.
HOST_PARAMS = ("host", "peer")

# Host names travel through str.format wrapped in these markers, so that the spacing around them
# can be fixed afterwards ("A 的" but "客户端的").
_NAME_OPEN, _NAME_CLOSE = "\x02", "\x03"

_FORMATTER = string.Formatter()
_format_errors_cache: dict | None = None


def _format_errors() -> dict:
    """``FORMAT_ERRORS`` of ``trainer.i18n.format_errors``, or ``{}`` while it does not exist."""
    global _format_errors_cache
    if _format_errors_cache is None:
        try:
            from trainer.i18n.format_errors import FORMAT_ERRORS
        except ModuleNotFoundError as exc:
            if exc.name != "trainer.i18n.format_errors":
                raise
            return {}  # not cached: the module may appear later in a long-lived process
        _format_errors_cache = FORMAT_ERRORS
    return _format_errors_cache


def candidate_keys(code: str, params: dict) -> list[str]:
    """Template keys for ``code`` with these params, most specific first, the bare code last."""
    parts: list[str] = []
    for name, values in VARIANTS.get(code, {}).items():
        value = params.get(name)
        if values is PRESENCE:
            parts.append("none" if value is None else "some")
        else:
            parts.append(_raw(value))
    return ["/".join([code, *parts[:n]]) for n in range(len(parts), 0, -1)] + [code]


def find_template(code: str, params: dict, lang: str) -> tuple[str, str] | None:
    """``(key, template)`` for the most specific key that has a template in ``lang``."""
    tables = (TEMPLATES, _format_errors())
    for key in candidate_keys(code, params):
        for table in tables:
            entry = table.get(key)
            if entry and entry.get(lang):
                return key, entry[lang]
    return None


def render(code: str, params: dict | None, lang: str, names: dict | None = None, *,
           strict: bool = False) -> str:
    """The sentence for ``code`` with ``params`` in ``lang`` (``"zh_CN"`` or ``"en"``).

    ``names`` maps ``"A"``/``"B"`` to display names (default: the letters).
    """
    lang = normalize(lang) or DEFAULT
    params = dict(params or {})
    found = find_template(code, params, lang)
    if found is None:
        if strict:
            raise KeyError(f"no {lang} template for {code!r}")
        found = find_template(code, params, DEFAULT)
        if found is None:
            return code
    template = found[1]
    values = _display_values(code, params, lang, names or {})
    if strict:
        text = _FORMATTER.vformat(template, (), values)
    else:
        text = template.format_map(_Lenient(values))
    if lang == "en" and text.startswith(_NAME_OPEN):  # "server acknowledges" opens a sentence
        text = _NAME_OPEN + text[1:2].upper() + text[2:]
    return _space_names(text)


def render_finding(finding, lang: str, names: dict | None = None) -> str:
    """The sentence for an engine ``Finding``."""
    return render(finding.code, finding.params, lang, names)


def rfc_label(rfc: str | None, lang: str) -> str:
    """``"9293 3.10.7.3"`` -> ``"RFC 9293 §3.10.7.3"`` / ``"RFC 9293 第 3.10.7.3 节"``."""
    text = (rfc or "").strip()
    if text[:3].upper() == "RFC":
        text = text[3:].strip()
    if not text:
        return ""
    number, _, section = text.partition(" ")
    section = section.strip().lstrip("§").strip()
    if not section:
        return f"RFC {number}"
    if (normalize(lang) or DEFAULT) == "zh_CN":
        return f"RFC {number} 第 {section} 节"
    return f"RFC {number} §{section}"


def value_word(param: str, value, lang: str) -> str:
    """How an enumerated parameter value reads (``call="connect"`` -> ``connect() (active OPEN)``)."""
    raw = _raw(value)
    words = VALUE_WORDS.get(param, {}).get(raw)
    if words:
        return words.get(normalize(lang) or DEFAULT) or words[DEFAULT]
    return raw


# ---- helpers -------------------------------------------------------------------------------

class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _raw(value) -> str:
    if isinstance(value, Enum) and not isinstance(value, IntFlag):
        return str(value.value)
    return "" if value is None else str(value)


def format_number(value) -> str:
    """Numbers as people write them in a trace: ``100``, ``0.05``, ``60`` (not ``60.0``)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".") if math.isfinite(value) else str(value)
    return str(value)


def _display(param: str, value, lang: str, names: dict) -> str:
    if param in HOST_PARAMS and isinstance(value, str):
        return f"{_NAME_OPEN}{names.get(value) or value}{_NAME_CLOSE}"
    if param in VALUE_WORDS:
        return value_word(param, value, lang)
    if value is None:
        return "—"
    if isinstance(value, IntFlag):
        return value.text() if hasattr(value, "text") else str(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_display(param, v, lang, names) for v in value)
    return str(value)


def _display_values(code: str, params: dict, lang: str, names: dict) -> dict[str, str]:
    params = dict(params)
    host = params.get("host")
    if "peer" not in params and host in ("A", "B"):
        params["peer"] = "B" if host == "A" else "A"
    derive = DERIVED.get(code)
    if derive is not None:
        for key, value in derive(params).items():
            params.setdefault(key, value)
    values = {key: _display(key, value, lang, names) for key, value in params.items()}
    for key in GLOSSED_STATES.get(code, ()):
        if params.get(key) is not None:
            try:
                values[key] = state_label(params[key], lang)
            except ValueError:  # not a state after all: keep it as it is
                pass
    return values


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _space_names(text: str) -> str:
    """Drop the space written between CJK text and a host name when the name is CJK too."""
    if _NAME_OPEN not in text:
        return text
    parts = text.replace(_NAME_CLOSE, _NAME_OPEN).split(_NAME_OPEN)  # text, name, text, ...
    for i in range(1, len(parts), 2):
        name = parts[i]
        if not name:
            continue
        before, after = parts[i - 1], parts[i + 1]
        if _wide(name[0]) and len(before) >= 2 and before[-1] == " " and _wide(before[-2]):
            parts[i - 1] = before[:-1]
        if _wide(name[-1]) and len(after) >= 2 and after[0] == " " and _wide(after[1]):
            parts[i + 1] = after[1:]
    return "".join(parts)
