"""What the app remembers between runs (QSettings, organisation and application "TCP Trainer").

``Settings(None)`` keeps everything in memory: ``render`` and tests that must not touch the
user's settings use it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

#: Bump when the docks or toolbars change so much that an old saved layout would look broken:
#: ``restoreState`` then ignores the old state and the default layout is used.
LAYOUT_VERSION = 1
MAX_RECENT = 10

K_GEOMETRY = "window/geometry"
K_STATE = "window/state"
K_LANGUAGE = "ui/language"
K_RELATIVE = "view/relativeNumbers"
K_RECENT = "files/recent"
K_LAST_DIR = "files/lastDirectory"
K_SPEED = "timeline/speed"


class Settings:
    def __init__(self, backend: QSettings | None | str = "default"):
        if backend == "default":
            backend = QSettings()
        self._q: QSettings | None = backend if isinstance(backend, QSettings) else None
        self._memory: dict[str, object] = {}

    @property
    def persistent(self) -> bool:
        return self._q is not None

    # ---- raw access -------------------------------------------------------------------------
    def _get(self, key: str, default=None):
        if self._q is None:
            return self._memory.get(key, default)
        return self._q.value(key, default)

    def _set(self, key: str, value) -> None:
        if self._q is None:
            self._memory[key] = value
        else:
            self._q.setValue(key, value)

    def sync(self) -> None:
        if self._q is not None:
            self._q.sync()

    # ---- typed values -----------------------------------------------------------------------
    def language(self) -> str:
        """``"system"``, ``"zh_CN"`` or ``"en"``."""
        value = self._get(K_LANGUAGE, "system")
        return value if value in ("system", "zh_CN", "en") else "system"

    def set_language(self, choice: str) -> None:
        self._set(K_LANGUAGE, choice)

    def relative_numbers(self) -> bool:
        return _as_bool(self._get(K_RELATIVE, True))

    def set_relative_numbers(self, on: bool) -> None:
        self._set(K_RELATIVE, bool(on))

    def speed(self) -> float:
        try:
            value = float(self._get(K_SPEED, 1.0))
        except (TypeError, ValueError):
            return 1.0
        return value if 0.25 <= value <= 4 else 1.0

    def set_speed(self, value: float) -> None:
        self._set(K_SPEED, float(value))

    def last_directory(self) -> str:
        value = self._get(K_LAST_DIR, "")
        return value if isinstance(value, str) and os.path.isdir(value) else os.path.expanduser("~")

    def set_last_directory(self, path: str) -> None:
        self._set(K_LAST_DIR, path)

    # ---- recent files -----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Most recent first, at most ``MAX_RECENT``; files that no longer exist are dropped
        (and forgotten)."""
        stored = _as_list(self._get(K_RECENT, []))
        present = [p for p in stored if os.path.isfile(p)][:MAX_RECENT]
        if present != stored:
            self._set(K_RECENT, present)
        return present

    def add_recent_file(self, path: str | os.PathLike) -> None:
        path = os.path.abspath(os.fspath(path))
        files = [p for p in _as_list(self._get(K_RECENT, [])) if p != path]
        self._set(K_RECENT, [path, *files][:MAX_RECENT])

    def clear_recent_files(self) -> None:
        self._set(K_RECENT, [])

    # ---- window layout ----------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        return _as_bytes(self._get(K_GEOMETRY))

    def window_state(self) -> QByteArray | None:
        return _as_bytes(self._get(K_STATE))

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._set(K_GEOMETRY, geometry)
        self._set(K_STATE, state)


def _as_bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):  # QSettings gives a one-element list back as a plain string
        return [value]
    return [str(v) for v in value if v]


def _as_bytes(value) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None
