"""The shape of the project: the core never imports Qt, packaging ships every package, and CI
runs exactly the README's test command."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QT_MODULES = ("PySide6", "pyqtgraph", "shiboken6")
QT_FREE_PACKAGES = ("capture", "engine", "formats", "i18n", "practice")
QT_FREE_MODULES = ("cli.py", "report.py", "scenarios.py", "resources.py", "__main__.py")


def test_core_imports_no_qt_at_run_time():
    code = ("import sys, trainer.engine, trainer.formats, trainer.i18n, trainer.cli, trainer.report; "
            f"assert not any(m.startswith({QT_MODULES!r}) for m in sys.modules), "
            f"sorted(m for m in sys.modules if m.startswith({QT_MODULES!r}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


def test_cli_check_runs_without_qt(tmp_path):
    """Running the checker end to end pulls in no Qt either (lazy imports included)."""
    trace = tmp_path / "t.tcpt"
    trace.write_text("host A client\nhost B server\n0.000 A>B SYN seq=1 @0.01\n", encoding="utf-8")
    code = ("import sys; from trainer.cli import main; rc = main(['check', sys.argv[1], '--json']); "
            f"assert not any(m.startswith({QT_MODULES!r}) for m in sys.modules); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, str(trace)], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def _qt_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              in ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            names = [node.args[0].value]
        else:
            continue
        found += [f"{path.relative_to(REPO)}:{node.lineno}: {n}" for n in names
                  if n.split(".")[0] in QT_MODULES]
    return found


def test_core_sources_contain_no_qt_import():
    files = [p for pkg in QT_FREE_PACKAGES for p in (REPO / "trainer" / pkg).rglob("*.py")]
    files += [REPO / "trainer" / name for name in QT_FREE_MODULES if (REPO / "trainer" / name).exists()]
    assert files
    offenders = [hit for path in files for hit in _qt_imports(path)]
    assert not offenders, "Qt imported outside trainer/gui:\n" + "\n".join(offenders)


def test_every_trainer_package_is_packaged():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    present = {
        ".".join(d.relative_to(REPO).parts)
        for d in [REPO / "trainer", *(REPO / "trainer").rglob("*")]
        if d.is_dir() and d.name != "__pycache__" and any(d.glob("*.py"))
    }
    missing = sorted(present - listed)
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"
    assert config["package-dir"]["trainer_resources"] == "resources"
    assert "trainer_resources" in listed


def test_resources_are_found():
    from trainer.resources import resource_path, resource_root

    assert resource_root().joinpath("__init__.py").is_file()
    assert resource_path("scenarios").is_dir() or not (REPO / "resources" / "scenarios").exists()


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"^TEST_COMMAND='([^']+)'", ci, re.M)
    assert match, "no TEST_COMMAND in .ci/run"
    command = match.group(1)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    one_liners = [line for line in readme.splitlines() if line.startswith("sudo apt-get")]
    assert len(one_liners) == 2, "README needs the install-and-run and the install-and-test lines"
    assert one_liners[1].endswith("&& " + command), one_liners[1]
    for package in re.search(r"^packages=\(([^)]*)\)", ci, re.M).group(1).split():
        assert all(package in line for line in one_liners), package
