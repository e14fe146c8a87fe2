#!/usr/bin/env python3
"""Refresh the GUI translations: ``pyside6-lupdate`` per GUI area, then ``pyside6-lrelease``.

Each GUI area has its own ``resources/translations/<area>_zh_CN.ts`` so that the engineers who
own the areas can translate them independently:

    shell    the main window, its panels and dialogs, app set-up (trainer/gui/*.py,
             trainer/gui/panels/, trainer/gui/dialogs/) — not the areas below
    diagram  the sequence diagram (trainer/gui/diagram/)
    graph    the state graph (trainer/gui/state_graph.py, trainer/gui/graph/)
    practice practice, exams, progress and authoring (trainer/gui/practice/)

``lupdate`` keeps existing translations, adds new source strings as unfinished and drops strings
that no longer exist (``-no-obsolete``). Translate the unfinished entries with Qt Linguist (or by
editing the .ts), then run this again to compile the ``.qm`` files the app loads.

    python packaging/update_translations.py            # lupdate + lrelease, every area
    python packaging/update_translations.py --release  # lrelease only (e.g. after translating)
    python packaging/update_translations.py --check    # exit 1 if any .ts has unfinished entries
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "trainer" / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def _py(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def area_sources() -> dict[str, list[Path]]:
    """Every GUI area and its source files."""
    diagram = _py(GUI / "diagram") if (GUI / "diagram").is_dir() else []
    graph = ([GUI / "state_graph.py"] if (GUI / "state_graph.py").is_file() else []) + \
        (_py(GUI / "graph") if (GUI / "graph").is_dir() else [])
    practice = _py(GUI / "practice") if (GUI / "practice").is_dir() else []
    taken = set(diagram) | set(graph) | set(practice)
    shell = [p for p in _py(GUI) if p not in taken]
    return {"shell": shell, "diagram": diagram, "graph": graph, "practice": practice}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidate = Path(sys.executable).with_name(name)
    if candidate.exists():
        return str(candidate)
    sys.exit(f"{name} not found: install PySide6-Essentials (it ships the Qt translation tools)")


def lupdate(area: str, sources: list[Path], lang: str) -> Path:
    ts = TRANSLATIONS / f"{area}_{lang}.ts"
    cmd = [_tool("pyside6-lupdate"), *map(str, sources), "-no-obsolete", "-locations", "none",
           "-target-language", lang, "-ts", str(ts)]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return ts


def lrelease(ts: Path, qm: Path | None = None) -> Path:
    """Compile ``ts`` to ``qm`` (by default beside it, as the app loads it)."""
    qm = ts.with_suffix(".qm") if qm is None else qm
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True,
                   cwd=ROOT)
    return qm


def unfinished(ts: Path) -> int:
    return ts.read_text(encoding="utf-8").count('type="unfinished"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile .ts to .qm")
    parser.add_argument("--check", action="store_true",
                        help="only report .ts files with unfinished translations")
    parser.add_argument("areas", nargs="*", help="areas to update (default: all)")
    args = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    sources = area_sources()
    areas = args.areas or list(sources)
    status = 0
    for area in areas:
        for lang in LANGUAGES:
            ts = TRANSLATIONS / f"{area}_{lang}.ts"
            if not args.release and not args.check:
                if not sources.get(area):
                    print(f"{area}: no source files, skipped")
                    continue
                lupdate(area, sources[area], lang)
            if not ts.is_file():
                continue
            left = unfinished(ts)
            if left:
                print(f"{ts.relative_to(ROOT)}: {left} unfinished translation(s)")
                status = 1
            if not args.check:
                lrelease(ts)
    return status if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
