"""Application-wide set-up shared by the GUI and ``render``: the QApplication, its names (which
QSettings uses), the window icon, the language and font, and the icon look-up."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

APP_NAME = "TCP Trainer"
ORG_NAME = "TCP Trainer"
DESKTOP_ID = "tcp-trainer"


@lru_cache(maxsize=1)
def icons_dir() -> Path:
    try:
        from trainer.resources import resource_path

        return Path(str(resource_path("icons")))
    except ImportError:  # pragma: no cover
        return Path(__file__).resolve().parents[2] / "resources" / "icons"


@lru_cache(maxsize=None)
def icon(name: str, theme: bool = True) -> QIcon:
    """An icon by freedesktop name: the desktop theme's when it has one, else ours (SVG, so it
    stays sharp at any device pixel ratio)."""
    path = icons_dir() / f"{name}.svg"
    fallback = QIcon(str(path)) if path.is_file() else QIcon()
    if theme and QIcon.hasThemeIcon(name):
        return QIcon.fromTheme(name, fallback)
    return fallback


def app_icon() -> QIcon:
    return icon("tcp-trainer", theme=False)


def set_application_names() -> None:
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    try:
        from trainer import __version__

        QCoreApplication.setApplicationVersion(__version__)
    except ImportError:  # pragma: no cover
        pass


def create_application(argv: list[str] | None = None, *, offscreen: bool = False) -> QApplication:
    """The QApplication (the existing one if there is one), named and with its icon.

    ``offscreen`` selects Qt's offscreen platform unless one was chosen already, for ``render``
    on machines without a display.
    """
    # pyproject excludes PySide6 6.12.0, whose void calls leak references to None; the guard
    # keeps an environment that has it anyway from aborting mid-paint.
    from trainer.gui.refcount_guard import guard_singleton_refcounts

    guard_singleton_refcounts()
    app = QApplication.instance()
    if app is None:
        if offscreen:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        set_application_names()
        QGuiApplication.setDesktopFileName(DESKTOP_ID)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    else:
        set_application_names()
    app.setWindowIcon(app_icon())
    return app

