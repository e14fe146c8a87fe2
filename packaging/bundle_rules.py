"""What goes into the frozen app: used by ``tcp-trainer.spec`` and tested in ``tests/packaging``.

Kept out of the spec so that the choices are plain data and functions a test can check without
running PyInstaller.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# Measured with the GUI and ``render`` running (sys.modules at exit): pyqtgraph imports QtTest,
# QtOpenGL and QtOpenGLWidgets itself; QtSvg (SVG export) and QtPrintSupport (printing) are ours.
QT_MODULES_USED = (
    "QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport",
    "QtOpenGL", "QtOpenGLWidgets", "QtTest",
)

# Python modules never wanted in the bundle even if something mentions them.
EXCLUDED_MODULES = (
    "tkinter", "_tkinter",
    # Qt bindings other than ours (pyqtgraph's shim tries them in turn).
    "PyQt5", "PyQt6", "PySide2",
    # pyqtgraph parts that need packages we do not ship, or that start a QApplication on import.
    "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter",
    # Optional extras of numpy and friends.
    "matplotlib", "scipy", "h5py", "IPython", "pandas",
)

# Qt plugin folders (under PySide6/Qt/plugins) and the plugins in them to keep, by file name
# without "lib" and suffix; a folder not listed is dropped whole, None keeps the whole folder.
QT_PLUGINS_KEPT: dict[str, tuple[str, ...] | None] = {
    # offscreen for ``render`` and CI, xcb for X11, wayland for Wayland sessions; windows and
    # cocoa for the other systems' builds.
    "platforms": ("qoffscreen", "qminimal", "qxcb", "qwayland", "qwindows", "qcocoa"),
    "platformthemes": None,          # native file dialogs (GTK, portals)
    # compose and ibus: needed to type Chinese; the virtual keyboard would need QtQuick.
    "platforminputcontexts": ("composeplatforminputcontextplugin",
                              "ibusplatforminputcontextplugin"),
    "iconengines": None,             # SVG icons
    "imageformats": ("qsvg", "qico", "qjpeg"),
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
    "printsupport": None,            # CUPS printing
    "styles": None,                  # macOS and Windows native styles
    "accessiblebridge": None,
}

# Qt's own translations: only the Chinese catalog for the Qt-provided dialogs and buttons.
QT_TRANSLATIONS_KEPT = ("qtbase_zh_CN.qm",)

# pyqtgraph modules imported only when a feature is first used (the plot context menu's Export).
PYQTGRAPH_LAZY = (
    "pyqtgraph.GraphicsScene.exportDialog",
    "pyqtgraph.exporters",
    "pyqtgraph.exporters.CSVExporter",
    "pyqtgraph.exporters.ImageExporter",
    "pyqtgraph.exporters.PrintExporter",
    "pyqtgraph.exporters.SVGExporter",
)


def trainer_modules(repo: Path) -> list[str]:
    """Every module of the ``trainer`` package in the source tree, so that modules imported
    lazily or by name (now or added later) are frozen too."""
    root = repo / "trainer"
    names = []
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(repo).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


# Like pyproject.toml's exclude-package-data: the README's pictures are not needed at run time.
RESOURCES_DROPPED = ("docs/screenshots",)


def keep(dest: str) -> bool:
    """Whether a collected file (``dest`` is its path inside the bundle) belongs in the bundle:
    Qt plugins and translations as listed above, no byte-code caches, no README pictures."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "__pycache__" in parts:
        return False
    if parts[0] == "trainer_resources":
        inner = "/".join(parts[1:])
        return not any(inner.startswith(prefix + "/") for prefix in RESOURCES_DROPPED)
    if "plugins" in parts:
        index = parts.index("plugins")
        if parts[:index][-2:] != ("PySide6", "Qt") or len(parts) < index + 3:
            return True
        folder, name = parts[index + 1], parts[-1]
        if folder not in QT_PLUGINS_KEPT:
            return False
        wanted = QT_PLUGINS_KEPT[folder]
        stem = name.split(".")[0].removeprefix("lib")
        return wanted is None or stem in wanted
    if "translations" in parts and parts[-1].endswith(".qm"):
        index = parts.index("translations")
        if parts[:index][-2:] == ("PySide6", "Qt"):
            return parts[-1] in QT_TRANSLATIONS_KEPT
    return True


def version(repo: Path) -> str:
    """``__version__`` from trainer/__init__.py, read without importing the package."""
    match = re.search(r'^__version__ = "([^"]+)"', (repo / "trainer" / "__init__.py")
                      .read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise SystemExit("trainer/__init__.py has no __version__ line")
    return match.group(1)


def python_binaries(internal: Path) -> list[Path]:
    """libpython and the standard library's extension modules inside a bundle's ``_internal``."""
    found = sorted(internal.glob("libpython3*.so*"))
    found += sorted(internal.glob("python3*/lib-dynload/*.so"))
    return [path for path in found if path.is_file() and not path.is_symlink()]


def strip_python_debug_info(internal: Path) -> None:
    """``strip --strip-debug`` on :func:`python_binaries`; a no-op without ``strip``."""
    import shutil
    import subprocess

    strip = shutil.which("strip")
    files = python_binaries(internal)
    if strip and files:
        subprocess.run([strip, "--strip-debug", *map(str, files)], check=True)


def excluded_qt_modules(available: list[str]) -> list[str]:
    """``PySide6.X`` for every binding module present in the environment that we do not use."""
    return sorted(f"PySide6.{name}" for name in available if name not in QT_MODULES_USED)
