"""Entry points and CI: the console and GUI scripts, the packaging extra, and the bundle step in
.ci/run after the README's test command."""

from __future__ import annotations

import importlib
import re
import sys
import tomllib

import pytest

from tests.packaging.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _resolve(target: str):
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def test_console_and_gui_scripts():
    assert PYPROJECT["scripts"]["tcp-trainer"] == "trainer.cli:main"
    gui = PYPROJECT["gui-scripts"]["tcp-trainer-gui"]
    assert callable(_resolve(gui)) and callable(_resolve(PYPROJECT["scripts"]["tcp-trainer"]))


def test_packaging_extra_brings_pyinstaller():
    assert any(req.replace(" ", "").startswith("pyinstaller>=6")
               for req in PYPROJECT["optional-dependencies"]["packaging"])


def test_gui_script_works_without_console_streams(monkeypatch):
    """Under pythonw or a windowed frozen app sys.stdout and sys.stderr are None."""
    import trainer.gui.launch
    from trainer.cli import main

    calls = []
    monkeypatch.setattr(trainer.gui.launch, "run_gui",
                        lambda files, lang: calls.append((files, lang)) or 0)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["some-trace.tcpt"]) == 0
    assert main([]) == 0
    assert calls == [(["some-trace.tcpt"], None), ([], None)]
    with pytest.raises(SystemExit) as stop:  # argparse's message goes nowhere, but no crash
        main(["no-such-command"])
    assert stop.value.code == 2


def test_ci_builds_and_smoke_tests_the_bundle_after_the_tests():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    tests = ci.index('eval "$TEST_COMMAND"')
    build = ci.index("bash packaging/build_linux.sh")
    smoke = ci.index("python packaging/smoke_test.py dist/tcp-trainer")
    assert tests < build < smoke
    assert re.search(r'pip install .*"\.\[test,packaging\]"', ci)
    assert ci.rstrip().splitlines()[-1].startswith("python packaging/smoke_test.py")
    assert ci.splitlines()[1].startswith("#") and "set -euo pipefail" in ci
