"""The GUI's language: Qt translators for every GUI area, Qt's own dialogs, and the font.

Every GUI string goes through Qt's ``tr`` with a stable context (the class that says it). The
translations live in ``resources/translations/<area>_zh_CN.qm``, one file per GUI area (``shell``
for the main window, panels and dialogs; ``diagram``; ``graph``), all of which are loaded, plus
Qt's own ``qtbase_zh_CN.qm`` so that file dialogs and message-box buttons speak Chinese too.

Switching the language installs or removes the translators; Qt then sends ``LanguageChange`` to
every widget, which retranslates itself in ``changeEvent``. Text that does not come from ``tr``
(finding messages, state meanings, rendered by ``trainer.i18n``) is rendered again in the same
handler, with ``current_language()``.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QGuiApplication

from trainer.i18n.locale import DEFAULT, SUPPORTED, normalize, system_language

#: What the Language menu offers: follow the system, or one of the shipped languages.
SYSTEM = "system"
CHOICES = (SYSTEM, *SUPPORTED)

#: Fonts that hold Simplified Chinese glyph shapes, best first. Without one of them first in the
#: list Han characters fall back to a Japanese font (different glyph shapes for many characters).
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI", "Microsoft YaHei",
                "PingFang SC", "WenQuanYi Micro Hei")
MONO_FAMILIES = ("DejaVu Sans Mono", "Noto Sans Mono", "Consolas", "Menlo", "Noto Sans Mono CJK SC",
                 "Sarasa Mono SC")

_current = DEFAULT
_installed: list[QTranslator] = []
_base_families: list[str] | None = None


def translations_dir() -> Path:
    """Where the ``.qm`` files are (``resources/translations``)."""
    try:
        from trainer.resources import resource_path

        return Path(str(resource_path("translations")))
    except ImportError:  # pragma: no cover - a source tree without trainer/resources.py
        return Path(__file__).resolve().parents[2] / "resources" / "translations"


def current_language() -> str:
    """The language the GUI speaks now: ``"zh_CN"`` or ``"en"``."""
    return _current


def resolve_choice(choice: str | None) -> str:
    """A language for a Language-menu choice (``"system"``, ``"zh_CN"``, ``"en"`` or ``None``)."""
    if choice in (None, "", SYSTEM):
        return system_language()
    return normalize(choice) or system_language()


def qm_files(lang: str) -> list[Path]:
    """Every GUI area's ``.qm`` for ``lang`` (none for English: the source strings are English)."""
    if lang == DEFAULT:
        return []
    folder = translations_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*_{lang}.qm"))


def set_language(lang: str) -> str:
    """Speak ``lang`` from now on; returns the language actually set.

    Every widget receives ``QEvent.LanguageChange`` (also when no translator changed, e.g. the
    ``.qm`` files are missing), so that engine messages are rendered again in any case.
    """
    global _current
    lang = normalize(lang) or DEFAULT
    app = QCoreApplication.instance()
    _current = lang
    if app is None:
        return lang
    QLocale.setDefault(QLocale(lang))
    changed = bool(_installed)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    for path in qm_files(lang):
        _install(app, str(path.parent), path.stem)
    if lang != DEFAULT:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _install(app, qt_dir, f"qtbase_{lang}")
    changed = changed or bool(_installed)
    if isinstance(app, QGuiApplication):
        apply_font(app, lang)
    if not changed:
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    # QApplication posts the event to each window: deliver it now, so that the whole UI speaks
    # the new language when this returns.
    for kind in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange,
                 QEvent.Type.LanguageChange):
        QCoreApplication.sendPostedEvents(None, kind)
    return lang


def _install(app: QCoreApplication, folder: str, name: str) -> None:
    translator = QTranslator(app)
    if translator.load(name, folder):
        app.installTranslator(translator)
        _installed.append(translator)


def ui_font(lang: str, base: QFont | None = None) -> QFont:
    """The application font for ``lang``: the system's family for Latin text with a Simplified
    Chinese fallback, or the Chinese family first when the UI speaks Chinese."""
    global _base_families
    font = QFont(base) if base is not None else QFont()
    if _base_families is None:
        _base_families = [f for f in font.families() if f not in CJK_FAMILIES] or [font.family()]
    if lang == "zh_CN":
        families = [*CJK_FAMILIES, *_base_families]
    else:
        families = [*_base_families, *CJK_FAMILIES]
    font.setFamilies(families)
    return font


def mono_font(point_size: float | None = None) -> QFont:
    """A monospace font that also has Chinese glyphs (for titles in the text notation)."""
    from PySide6.QtGui import QFontDatabase

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setFamilies([*MONO_FAMILIES, font.family(), *CJK_FAMILIES])
    font.setStyleHint(QFont.StyleHint.Monospace)
    if point_size:
        font.setPointSizeF(point_size)
    return font


def apply_font(app: QGuiApplication, lang: str) -> None:
    app.setFont(ui_font(lang, app.font()))


def language_name(lang: str) -> str:
    """A language's own name, as language menus show it (never translated)."""
    return {"zh_CN": "简体中文", "en": "English"}.get(lang, lang)


_PLACEHOLDER = re.compile(r"%(\d)")


def fmt(template: str, *values) -> str:
    """Fill Qt-style ``%1``..``%9`` placeholders (PySide's ``tr`` returns a Python ``str``,
    which has no ``QString.arg``). Translators may reorder the placeholders."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(values)
        else m.group(0), template)
