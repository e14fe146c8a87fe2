"""What the PyInstaller spec keeps and drops (packaging/bundle_rules.py)."""

from __future__ import annotations

import ast

import bundle_rules
import pytest

from tests.packaging.conftest import PACKAGING, REPO

QT = "PySide6/Qt"


@pytest.mark.parametrize("dest, kept", [
    (f"{QT}/plugins/platforms/libqxcb.so", True),
    (f"{QT}/plugins/platforms/libqoffscreen.so", True),
    (f"{QT}/plugins/platforms/libqwayland.so", True),
    (f"{QT}/plugins/platforms/libqeglfs.so", False),
    (f"{QT}/plugins/platforms/libqvnc.so", False),
    (f"{QT}/plugins/platforms/qwindows.dll", True),
    (f"{QT}/plugins/imageformats/libqsvg.so", True),
    (f"{QT}/plugins/imageformats/libqtiff.so", False),
    (f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    (f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    (f"{QT}/plugins/tls/libqopensslbackend.so", False),
    (f"{QT}/plugins/sqldrivers/libqsqlite.so", False),
    (f"{QT}/plugins/platformthemes/libqgtk3.so", True),
    (f"{QT}/translations/qtbase_zh_CN.qm", True),
    (f"{QT}/translations/qtbase_de.qm", False),
    (f"{QT}/translations/qt_zh_CN.qm", False),
    (f"{QT}/translations/qtwebengine_zh_CN.qm", False),
    ("PySide6\\Qt\\translations\\qtbase_fr.qm", False),   # Windows separators
    (f"{QT}/lib/libQt6Core.so.6", True),
    ("pyqtgraph/colors/maps/CET-L1.csv", True),
    ("trainer_resources/translations/shell_zh_CN.qm", True),
    ("trainer_resources/scenarios/abort.tcpt", True),
    ("trainer_resources/docs/screenshots/main-window-en.png", False),
    ("trainer_resources/scenarios/__pycache__/x.cpython-311.pyc", False),
    ("some/other/plugins/thing.so", True),
])
def test_keep(dest, kept):
    assert bundle_rules.keep(dest) is kept


def test_every_trainer_module_is_a_hidden_import():
    names = bundle_rules.trainer_modules(REPO)
    assert "trainer" in names and "trainer.cli" in names and "trainer.gui.launch" in names
    on_disk = [p for p in (REPO / "trainer").rglob("*.py") if "__pycache__" not in p.parts]
    assert len(names) == len(on_disk)
    assert not any(name.endswith("__init__") for name in names)


def test_a_new_package_is_picked_up(tmp_path):
    """Modules others add later (a new package, a module imported by name) need no spec edit."""
    (tmp_path / "trainer" / "newpart").mkdir(parents=True)
    (tmp_path / "trainer" / "__init__.py").write_text("")
    (tmp_path / "trainer" / "newpart" / "__init__.py").write_text("")
    (tmp_path / "trainer" / "newpart" / "lazy.py").write_text("")
    (tmp_path / "trainer" / "__pycache__").mkdir()
    (tmp_path / "trainer" / "__pycache__" / "stale.py").write_text("")
    assert bundle_rules.trainer_modules(tmp_path) == [
        "trainer", "trainer.newpart", "trainer.newpart.lazy"]


def test_qt_modules_used_are_not_excluded():
    available = ["QtCore", "QtGui", "QtWidgets", "QtSvg", "QtNetwork", "QtQml", "QtOpenGL",
                 "QtOpenGLWidgets", "QtTest", "QtPrintSupport", "QtWebEngineCore"]
    excluded = bundle_rules.excluded_qt_modules(available)
    assert excluded == ["PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtWebEngineCore"]


def test_the_app_imports_no_qt_module_outside_the_list():
    """A new ``from PySide6.QtX import ...`` in trainer/ must be added to QT_MODULES_USED, or
    the frozen app would miss it."""
    used = set()
    for path in (REPO / "trainer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            module = getattr(node, "module", None) or ""
            if isinstance(node, ast.ImportFrom) and module.startswith("PySide6."):
                used.add(module.split(".")[1])
            elif isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                used.update(alias.name for alias in node.names)
            elif isinstance(node, ast.Import):
                used.update(a.name.split(".")[1] for a in node.names
                            if a.name.startswith("PySide6."))
    assert used, "found no Qt import at all"
    missing = used - set(bundle_rules.QT_MODULES_USED)
    assert not missing, f"add to bundle_rules.QT_MODULES_USED: {sorted(missing)}"


def test_version_is_the_package_version():
    import trainer

    assert bundle_rules.version(REPO) == trainer.__version__


def test_python_binaries_never_include_wheel_libraries(tmp_path):
    internal = tmp_path / "_internal"
    for name in ("libpython3.11.so.1.0", "python3.11/lib-dynload/_ssl.cpython-311.so",
                 "numpy.libs/libscipy_openblas64_.so", "PySide6/Qt/lib/libQt6Core.so.6"):
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"")
    found = [p.relative_to(internal).as_posix() for p in bundle_rules.python_binaries(internal)]
    assert found == ["libpython3.11.so.1.0", "python3.11/lib-dynload/_ssl.cpython-311.so"]


def test_spec_uses_the_rules():
    spec = (PACKAGING / "tcp-trainer.spec").read_text(encoding="utf-8")
    for name in ("bundle_rules.keep", "bundle_rules.trainer_modules", "PYQTGRAPH_LAZY",
                 "bundle_rules.excluded_qt_modules", "strip_python_debug_info",
                 '"trainer_resources"'):
        assert name in spec, name
    compile(spec, "tcp-trainer.spec", "exec")
