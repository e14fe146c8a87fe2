"""``tcp-trainer check``: exit codes, human output, --json shape, languages, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from trainer import __version__
from trainer.cli import main

CJK = re.compile(r"[\u4e00-\u9fff]")
REPO = Path(__file__).resolve().parents[2]

HANDSHAKE = """\
host A client
host B server
0.000 A>B SYN seq=100 @0.050
0.050 B>A SYN,ACK seq=300 ack=101 @0.100
0.100 A>B ACK seq=101 ack=301 @0.150
"""

BAD_ACK = {
    "format": "tcp-trainer-trace", "version": 1,
    "hosts": {"A": {"name": "client", "role": "client", "address": "10.0.0.1:40000"},
              "B": {"name": "server", "role": "server"}},
    "events": [
        {"type": "segment", "from": "A", "send": 0.0, "arrive": 0.05, "flags": ["SYN"], "seq": 100},
        {"type": "segment", "from": "B", "send": 0.05, "arrive": 0.1, "flags": ["SYN", "ACK"],
         "seq": 300, "ack": 100},
        {"type": "segment", "from": "A", "send": 0.1, "arrive": 0.15, "flags": ["ACK"],
         "seq": 101, "ack": 301},
    ],
}


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    path = tmp_path / "handshake.tcpt"
    path.write_text(HANDSHAKE, encoding="utf-8")
    return path


@pytest.fixture
def invalid_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad-ack.json"
    path.write_text(json.dumps(BAD_ACK), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- exit codes ------------------------------------------------------------------------------

def test_valid_trace_exits_0(capsys, valid_file):
    code, out, err = run(capsys, "check", str(valid_file), "--lang", "en")
    assert code == 0, out + err
    assert err == ""
    assert "Valid" in out.splitlines()[-1]
    assert "A = client   B = server" in out
    assert "A → B  SYN seq=100" in out and "B ← A  SYN seq=100" in out
    assert "A: CLOSED → SYN-SENT → ESTABLISHED" in out
    assert "B: LISTEN → SYN-RECEIVED → ESTABLISHED" in out


def test_invalid_trace_exits_1_and_explains_the_step(capsys, invalid_file):
    code, out, err = run(capsys, "check", str(invalid_file), "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    row = next(i for i, line in enumerate(lines) if "B → A  SYN,ACK seq=300 ack=100" in line)
    assert lines[row + 1].strip().startswith("✗ error: Server acknowledges 100")
    assert "[RFC 9293 §3.10.7.4]" in lines[row + 1]
    assert lines[-1].startswith("Invalid: 2 errors, 0 warnings")


def test_state_changes_are_marked(capsys, valid_file):
    code, out, _ = run(capsys, "check", str(valid_file), "--lang", "en")
    row = next(line for line in out.splitlines() if line.lstrip().startswith("0 "))
    assert "SYN-SENT *" in row and "LISTEN *" not in row and "active-open" in row


def test_missing_file_exits_2_with_located_message(capsys, tmp_path):
    missing = tmp_path / "nope.tcpt"
    code, out, err = run(capsys, "check", str(missing), "--lang", "en")
    assert code == 2 and out == ""
    assert str(missing) in err and "no such file" in err
    assert "Traceback" not in err
    code, out, err = run(capsys, "check", str(missing), "--lang", "zh_CN")
    assert code == 2 and "文件不存在" in err


def test_directory_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path), "--lang", "en")
    assert code == 2 and out == ""
    assert str(tmp_path) in err and "directory" in err and "Traceback" not in err


def test_not_a_directory_component_exits_2(capsys, valid_file):
    code, _, err = run(capsys, "check", str(valid_file / "inner.tcpt"), "--lang", "en")
    assert code == 2 and str(valid_file) in err and "Traceback" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_exits_2(capsys, valid_file):
    valid_file.chmod(0)
    try:
        code, _, err = run(capsys, "check", str(valid_file), "--lang", "en")
    finally:
        valid_file.chmod(0o644)
    assert code == 2 and "permission denied" in err


def test_permission_error_is_reported_in_the_language(capsys, valid_file, monkeypatch):
    def refuse(path, flags, *args):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "open", refuse)
    code, out, err = run(capsys, "check", str(valid_file), "--lang", "zh_CN")
    assert code == 2 and out == ""
    assert err.strip() == f"tcp-trainer: 无法读取 {valid_file}：没有读取权限"


def test_format_error_exits_2_with_line_and_column(capsys, tmp_path):
    path = tmp_path / "broken.tcpt"
    path.write_text("host A client\n0.000 A>B SYN seq=abc\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(path), "--lang", "en")
    assert code == 2 and out == ""
    assert f"{path}:2:" in err and "Traceback" not in err
    code, out, err = run(capsys, "check", str(path), "--lang", "zh_CN")
    assert code == 2 and "第 2 行" in err


def test_non_utf8_file_exits_2(capsys, tmp_path):
    path = tmp_path / "latin1.tcpt"
    path.write_bytes("host A client\n# caf\xe9\n".encode("latin-1"))
    code, out, err = run(capsys, "check", str(path), "--lang", "en")
    assert code == 2 and str(path) in err and "UTF-8" in err


def test_internal_error_exits_3_without_traceback(capsys, valid_file, monkeypatch):
    import trainer.engine.checker

    def boom(trace):
        raise RuntimeError("boom")

    monkeypatch.setattr(trainer.engine.checker, "check", boom)
    monkeypatch.delenv("TCP_TRAINER_DEBUG", raising=False)
    code, out, err = run(capsys, "check", str(valid_file), "--lang", "en")
    assert code == 3
    assert "internal error, please report it: RuntimeError: boom" in err
    assert "Traceback" not in err
    monkeypatch.setenv("TCP_TRAINER_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["check", str(valid_file)])


# ---- --json ----------------------------------------------------------------------------------

STEP_KEYS = {"step", "time", "kind", "host", "segment", "A", "B", "transition"}
FINDING_KEYS = {"segment", "step", "host", "severity", "code", "params", "message", "rfc"}
CONNECTION_KEYS = {"id", "endpoints", "valid", "states", "steps", "findings", "inferred"}


def test_json_shape(capsys, invalid_file):
    code, out, err = run(capsys, "check", str(invalid_file), "--json", "--lang", "en")
    assert code == 1 and err == ""
    report = json.loads(out)
    assert set(report) == {"file", "connections"}
    assert report["file"] == str(invalid_file)
    assert len(report["connections"]) == 1
    conn = report["connections"][0]
    assert set(conn) == CONNECTION_KEYS
    assert list(conn) == ["id", "endpoints", "valid", "states", "steps", "findings", "inferred"]
    assert conn["id"] == 0
    assert conn["endpoints"] == {"A": "10.0.0.1:40000", "B": "server"}
    assert conn["valid"] is False
    assert conn["states"] == {"A": ["CLOSED", "SYN-SENT"], "B": ["LISTEN", "SYN-RECEIVED", "ESTABLISHED"]}
    assert conn["steps"][0] == {"step": 0, "time": 0.0, "kind": "send", "host": "A", "segment": 0,
                                "A": "SYN-SENT", "B": "LISTEN", "transition": "active-open"}
    for step in conn["steps"]:
        assert set(step) == STEP_KEYS
        assert isinstance(step["time"], float)
        assert step["transition"] is None or isinstance(step["transition"], str)
    assert conn["steps"][2]["transition"] is None
    first = conn["findings"][0]
    assert set(first) == FINDING_KEYS
    assert first == {
        "segment": 1, "step": 2, "host": "B", "severity": "error", "code": "ack-not-next",
        "params": {"expected": 101, "got": 100, "hint": "syn", "host": "B"},
        "message": "Server acknowledges 100, but client's SYN consumes one sequence number, "
                   "so the ack number must be 101.",
        "rfc": "9293 3.10.7.4",
    }
    for finding in conn["findings"]:
        assert set(finding) == FINDING_KEYS
        assert finding["severity"] in ("error", "warning", "info")
    assert isinstance(conn["inferred"], list)
    assert all("host" in note and "event" in note for note in conn["inferred"])


def test_json_valid_trace(capsys, valid_file):
    code, out, _ = run(capsys, "check", str(valid_file), "--json")
    assert code == 0
    conn = json.loads(out)["connections"][0]
    assert conn["valid"] is True and conn["findings"] == []
    assert conn["states"]["A"] == ["CLOSED", "SYN-SENT", "ESTABLISHED"]
    assert [s["kind"] for s in conn["steps"]] == ["send", "arrive"] * 3


def test_json_messages_follow_the_language(capsys, invalid_file):
    _, out, _ = run(capsys, "check", str(invalid_file), "--json", "--lang", "zh_CN")
    message = json.loads(out)["connections"][0]["findings"][0]["message"]
    assert message.startswith("server 的确认号是 100")
    assert "\\u" not in out  # Chinese stays readable


def test_json_segment_is_null_for_calls(capsys, tmp_path):
    path = tmp_path / "calls.tcpt"
    path.write_text("host A client\nhost B server\n0.000 A connect\n0.000 A>B SYN seq=1 @0.01\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "check", str(path), "--json")
    steps = json.loads(out)["connections"][0]["steps"]
    calls = [s for s in steps if s["kind"] == "call"]
    assert calls and all(s["segment"] is None for s in calls)


# ---- language and colour -----------------------------------------------------------------------

def test_language_switch_changes_the_text(capsys, invalid_file):
    _, en, _ = run(capsys, "check", str(invalid_file), "--lang", "en")
    _, zh, _ = run(capsys, "check", str(invalid_file), "--lang", "zh_CN")
    assert not CJK.search(en)
    assert "错误" in zh and "第 3.10.7.4 节" in zh and zh.splitlines()[-1].startswith("无效")
    # states are protocol vocabulary: the same in both
    assert "SYN-RECEIVED" in zh


def test_default_language_comes_from_the_locale(capsys, invalid_file, monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, out, _ = run(capsys, "check", str(invalid_file))
    assert out.startswith("文件：")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    _, out, _ = run(capsys, "check", str(invalid_file))
    assert out.startswith("File: ")


def test_lang_before_the_command_works_too(capsys, invalid_file):
    _, out, _ = run(capsys, "--lang", "zh_CN", "check", str(invalid_file))
    assert out.startswith("文件：")


def test_unknown_language_is_a_usage_error(capsys, valid_file):
    with pytest.raises(SystemExit) as exc:
        main(["check", str(valid_file), "--lang", "de"])
    assert exc.value.code == 2


def test_colour_only_when_asked_or_on_a_terminal(capsys, invalid_file, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, plain, _ = run(capsys, "check", str(invalid_file))  # captured stdout is not a TTY
    assert "\x1b[" not in plain
    _, coloured, _ = run(capsys, "check", str(invalid_file), "--color", "always")
    assert "\x1b[31;1m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_no_color_wins_over_a_terminal(monkeypatch):
    from trainer import cli

    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(cli.sys, "stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert cli._use_color("auto") is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._use_color("auto") is False
    assert cli._use_color("always") is True


def test_cjk_columns_stay_aligned(capsys, invalid_file):
    from trainer.cli import width

    _, out, _ = run(capsys, "check", str(invalid_file), "--lang", "zh_CN")
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("#"))
    row = next(line for line in lines if line.startswith("0 "))
    # the "A" column starts at the same terminal column in the header and in a row
    assert width(header[: header.index(" A ") + 1]) == width(row[: row.index("SYN-SENT")])


# ---- the front door --------------------------------------------------------------------------

@pytest.fixture
def fake_gui(monkeypatch):
    """Record what would open the desktop app instead of running Qt's event loop."""
    import trainer.gui.launch

    calls = []
    monkeypatch.setattr(trainer.gui.launch, "run_gui", lambda files, lang: calls.append((files, lang)) or 0)
    return calls


def test_no_command_opens_the_desktop_app(capsys, fake_gui):
    code, out, err = run(capsys, "--lang", "en")
    assert code == 0 and fake_gui == [([], "en")]


def test_a_file_alone_opens_it_in_the_desktop_app(capsys, fake_gui, valid_file):
    code, _, _ = run(capsys, str(valid_file))
    assert code == 0 and fake_gui == [([str(valid_file)], None)]


def test_a_mistyped_command_is_an_error_not_a_file(capsys, fake_gui):
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "en", "chekc", "x"])
    assert exc.value.code == 2 and fake_gui == []
    assert "chekc" in capsys.readouterr().err


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    for command in ("gui", "check", "render", "scenarios", "show"):
        assert command in out


def test_help_in_chinese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "zh_CN", "check", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "轨迹文件" in out


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"tcp-trainer {__version__}"


def _python_m(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.pop("TCP_TRAINER_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "trainer", *args], cwd=REPO, env=full_env,
                          capture_output=True, text=True, timeout=60)


def test_python_m_trainer(valid_file, tmp_path):
    done = _python_m("check", str(valid_file), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("Valid")
    done = _python_m("check", str(tmp_path / "missing.tcpt"), "--lang", "zh_CN")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "文件不存在" in done.stderr
    done = _python_m("--version")
    assert done.returncode == 0 and __version__ in done.stdout


def test_broken_pipe_is_quiet(valid_file):
    """``tcp-trainer check x | head -1`` must not print a traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "trainer", "check", str(valid_file), "--json"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the writer writes
    with proc.stderr:
        err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err


def test_readme_example_is_valid(capsys, tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Editing as text", 1)[1]
    example = section.split("```\n", 2)[1]
    assert example.startswith("host A client\nhost B server\n0.000 A>B SYN seq=100")
    path = tmp_path / "readme.tcpt"
    path.write_text(example, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--lang", "en")
    assert code == 0, out
