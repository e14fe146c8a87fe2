"""No network, ever: every CLI command and the desktop app run with Python's ways of reaching a
network made to fail loudly, and none of them tries.

Three layers catch an attempt: ``socket.socket.connect``/``connect_ex`` for internet sockets
(local AF_UNIX sockets are not a network) and ``socket.getaddrinfo``/``gethostbyname``/
``create_connection`` are patched to raise; an audit hook (``sys.addaudithook``) records the
same operations and stops them, even when the code under test catches the exception or reaches
``_socket`` directly; and Qt's own network module (C++, invisible to both) must never be loaded.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.environ.get("XDG_RUNTIME_DIR"):
    os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="tcp-trainer-offline-")

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "resources" / "scenarios"
EXERCISES = REPO / "resources" / "exercises"
CAPTURES = REPO / "tests" / "capture" / "data"
NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
AUDITED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
           "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request",
           "http.client.connect", "ftplib.connect", "smtplib.connect", "webbrowser.open"}


class NetworkAttempt(AssertionError):
    pass


class _Recorder:
    """The audit hook cannot be removed once added: it is added once and records only while a
    test has switched it on."""

    attempts: list[str] | None = None
    installed = False

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if cls.attempts is None or event not in AUDITED:
            return
        if event == "socket.connect" and getattr(args[0], "family", None) not in NETWORK_FAMILIES:
            return
        cls.attempts.append(f"{event}{args[1:]!r}")
        raise NetworkAttempt(f"tried to reach the network: {event}")  # the call does not happen


@pytest.fixture
def no_network(monkeypatch):
    """Every network attempt raises NetworkAttempt and is recorded; the test fails at the end
    if there was one, even when the code swallowed the exception."""
    attempts: list[str] = []

    def refuse(what: str):
        attempts.append(what)
        raise NetworkAttempt(f"tried to reach the network: {what}")

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self, address):
        if self.family in NETWORK_FAMILIES:
            refuse(f"socket.connect({address!r})")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in NETWORK_FAMILIES:
            refuse(f"socket.connect_ex({address!r})")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                 "create_connection"):
        monkeypatch.setattr(socket, name, lambda *a, _n=name, **k: refuse(f"socket.{_n}{a!r}"))

    if not _Recorder.installed:
        sys.addaudithook(_Recorder.hook)
        _Recorder.installed = True
    _Recorder.attempts = attempts
    try:
        yield attempts
    finally:
        _Recorder.attempts = None
    assert not attempts, "network attempts:\n" + "\n".join(attempts)


def test_the_guard_catches_attempts(no_network):
    """The guard itself works: an attempt raises and is recorded (then forgotten, so that this
    test passes). Loopback targets only, so that a broken guard sends nothing anywhere."""
    import _socket

    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9), timeout=0.01)
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("localhost", 9)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(NetworkAttempt):
        sock.connect(("127.0.0.1", 9))
    raw = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)  # past the patches: the hook
    try:
        with pytest.raises(NetworkAttempt):
            raw.connect(("127.0.0.1", 9))
    finally:
        raw.close()
    assert len(no_network) >= 4
    assert sum(entry.startswith("socket.connect") for entry in no_network) >= 2
    no_network.clear()
    left, right = socket.socketpair()  # local IPC is not a network
    left.close(), right.close()
    assert not no_network


def run(argv: list[str]) -> int:
    from trainer.cli import main

    try:
        return main(argv)
    except SystemExit as stop:  # --version and --help exit through argparse
        return int(stop.code or 0)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_cli_commands_stay_offline(no_network, tmp_path, capsys, lang):
    trace = SCENARIOS / "four-way-close-client-first.tcpt"
    pcap, pcapng = CAPTURES / "lo_handshake_close.pcap", CAPTURES / "lo_half_close.pcapng"
    exercise = min(EXERCISES.glob("*.toml"))
    imported = tmp_path / "imported.json"
    commands = [
        (["--version"], 0),
        (["--help"], 0),
        (["scenarios"], 0),
        (["show", "abort"], 0),
        (["show", "abort", "--format", "json"], 0),
        (["check", str(trace)], 0),
        (["check", str(trace), "--json"], 0),
        (["check", str(pcap)], 0),
        (["check", str(pcapng), "--json"], 0),
        (["import", str(pcap), "-o", str(imported)], 0),
        (["check", str(imported)], 0),
        (["exercise", "validate", str(exercise)], 0),
        (["exercise", "export", "--gift", "-o", str(tmp_path / "out.gift"), str(exercise)], 0),
        (["check", str(tmp_path / "missing.tcpt")], 2),
    ]
    for argv, expected in commands:
        status = run([*argv, "--lang", lang] if argv[0] != "--version" else argv)
        captured = capsys.readouterr()
        assert status == expected, (argv, captured.err)
        assert "Traceback" not in captured.err, (argv, captured.err)
    assert json.loads(imported.read_text(encoding="utf-8"))["format"] == "tcp-trainer-trace"
    assert (tmp_path / "out.gift").stat().st_size > 0


def test_render_stays_offline(no_network, qapp, tmp_path):
    out = tmp_path / "window.png"
    status = run(["render", str(SCENARIOS / "abort.tcpt"), "-o", str(out), "--size", "800x600",
                  "--lang", "zh_CN"])
    assert status == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "PySide6.QtNetwork" not in sys.modules


def test_desktop_app_stays_offline(no_network, qapp, qtbot, tmp_path, monkeypatch):
    """The app as ``tcp-trainer TRACE CAPTURE`` opens it: a window per file, the capture
    imported in the background, the state graph built after the first frame, the language
    switched both ways."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from PySide6.QtWidgets import QMessageBox

    from trainer.gui import i18n
    from trainer.gui.launch import open_windows
    from trainer.gui.settings import Settings

    def no_dialog(*args, **kwargs):  # a modal box would wait for a click that never comes
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, no_dialog)
    trace = SCENARIOS / "lost-syn-ack.tcpt"
    capture = CAPTURES / "lo_handshake_close.pcap"
    previous = i18n.current_language()
    windows = open_windows([str(trace), str(capture)], "zh_CN", Settings(None))
    try:
        assert len(windows) == 2
        for window in windows:
            qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: len(windows[1].doc.trace.events) > 0, timeout=10000)
        assert len(windows[0].doc.trace.events) > 0
        qtbot.wait(300)  # the state graph and the panels fill in after the first frame
        i18n.set_language("en")
        qtbot.wait(100)
        i18n.set_language("zh_CN")
        qtbot.wait(100)
    finally:
        for window in windows:
            window.doc.undo_stack.setClean()
            window.close()
            window.deleteLater()
        i18n.set_language(previous)
    assert "PySide6.QtNetwork" not in sys.modules
