"""Which language to speak: the user's choice, else the system's, else English.

Only two languages ship: Simplified Chinese (``zh_CN``) and English (``en``). Every Chinese
locale maps to ``zh_CN`` because it is the only Chinese we have.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

SUPPORTED = ("zh_CN", "en")
DEFAULT = "en"


def normalize(tag: str | None) -> str | None:
    """Map a locale or language tag to a supported language, or ``None`` if it is not one.

    ``zh``, ``zh_CN.UTF-8``, ``zh-Hans``, ``zh_SG``, ``zh_TW``, ``zh-HK`` -> ``zh_CN``;
    ``en``, ``en_US.UTF-8``, ``C``, ``POSIX`` -> ``en``; anything else -> ``None``.
    """
    if not tag:
        return None
    base = tag.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    if not base:
        return None
    if base == "zh" or base.startswith("zh_"):
        return "zh_CN"
    if base in ("en", "c", "posix") or base.startswith("en_"):
        return "en"
    return None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language to use when the user did not choose one: ``"zh_CN"`` or ``"en"``.

    Follows gettext's precedence: ``LANGUAGE`` (a colon-separated priority list; its first
    supported entry wins unless the locale is explicitly "C"/"POSIX"), then the first of
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set. A locale we do not ship (``fr_FR``) gives
    English.
    """
    env = os.environ if environ is None else environ
    locale_name = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    explicit_c = locale_name.split(".", 1)[0].upper() in ("C", "POSIX")
    if not explicit_c:  # gettext ignores LANGUAGE when the locale is "C"
        for item in env.get("LANGUAGE", "").split(":"):
            found = normalize(item)
            if found:
                return found
    return normalize(locale_name) or DEFAULT


def resolve(lang: str | None) -> str:
    """A supported language for an explicit choice (``--lang``), else the system language."""
    return normalize(lang) or system_language()


def shipped_language(lang: str | None) -> str:
    """``lang`` as one of the languages we ship, English when it is not one of them."""
    return normalize(lang) or "en"


def catalog_message(catalog: dict[str, dict[str, str]], code: str, params: dict, lang: str) -> str:
    """The sentence for ``code`` from a ``{code: {language: template}}`` catalog, in ``lang``
    (English for a language we do not ship); an unknown code shows the code and its params."""
    templates = catalog.get(code)
    if templates is None:
        return f"{code} {params}"
    return templates[shipped_language(lang)].format(**params)
