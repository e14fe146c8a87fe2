"""GUI tests: offscreen Qt, a private runtime dir, and settings that never touch the user's.

``QT_QPA_PLATFORM`` and ``XDG_RUNTIME_DIR`` are set before Qt starts; every test gets its own
QSettings location (``QSettings.setPath`` for the native and INI formats, and
``XDG_CONFIG_HOME``), so the real ``~/.config/TCP Trainer`` is never read or written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="tcp-trainer-gui-tests-"))
if not os.environ.get("XDG_RUNTIME_DIR"):
    os.environ["XDG_RUNTIME_DIR"] = str(_SANDBOX / "runtime")
    os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")

import pytest  # noqa: E402

from trainer.gui.refcount_guard import guard_singleton_refcounts  # noqa: E402

guard_singleton_refcounts()  # before pytest-qt's QApplication paints anything (PySide6 6.12.0)
from PySide6.QtCore import QSettings  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "resources" / "scenarios"


@pytest.fixture(autouse=True)
def settings_sandbox(tmp_path):
    folder = tmp_path / "settings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture
def app(qapp):
    """The QApplication, named like the real one, speaking English."""
    from trainer.gui import i18n
    from trainer.gui.app import set_application_names

    set_application_names()
    i18n.set_language("en")
    yield qapp
    if i18n.current_language() != "en":
        i18n.set_language("en")


@pytest.fixture
def settings(app, settings_sandbox):
    from trainer.gui.settings import Settings

    s = Settings()
    assert s.persistent
    assert str(settings_sandbox) in QSettings().fileName()
    return s


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch):
    """A message box nobody answers would hang the run: fail instead. Tests that expect one
    patch these again with their own answers."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("warning", "critical", "question", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def window(app, qtbot, settings):
    """A shown main window with an empty document (state graph created at once)."""
    from trainer.gui.main_window import MainWindow

    w = MainWindow(settings, progressive=False)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.doc.undo_stack.setClean()  # nothing unsaved: closing must not ask
    w.close()
    w.deleteLater()


@pytest.fixture
def settle(app):
    """Let the panels catch up: they refresh on the next pass of the event loop after a
    document change (the views draw first)."""
    from PySide6.QtWidgets import QApplication

    def run() -> None:
        for _ in range(3):
            QApplication.processEvents()
    return run


@pytest.fixture
def scenario_path():
    def get(name: str = "rfc9293-fig6-basic-handshake") -> Path:
        return SCENARIOS / f"{name}.tcpt"
    return get
