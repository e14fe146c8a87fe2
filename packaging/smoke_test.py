"""Smoke-test a built one-folder app (what CI runs after packaging/build_linux.sh).

    python packaging/smoke_test.py dist/tcp-trainer [--capture FILE ...]

Runs the frozen executable, never the source: ``--version``; the built-in scenarios (found only
through importlib.resources: the bundle has no source-tree ``resources/`` to fall back on);
``show`` and ``check`` of a scenario; ``render`` of it to a PNG offscreen in both languages
(size and content checked); ``check`` of captures (exit code 0); ``exercise validate`` of the
built-in exercises; and the desktop app started offscreen, which must still be running after a
few seconds. Also checks the bundle holds only the Qt parts bundle_rules.py keeps.
Exit code 0 when everything passed, 1 otherwise (each failure on its own line).
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))
import bundle_rules

NAME = "tcp-trainer"
DEFAULT_CAPTURES = ("tests/capture/data/lo_handshake_close.pcap",
                    "tests/capture/data/lo_half_close.pcapng")
RENDER_SIZE = (1000, 700)
GUI_SECONDS = 6.0
# Files whose presence means a Qt part we do not use slipped in.
UNWANTED = ("QtNetwork.", "QtQml.", "QtQuick.", "libQt6Quick", "libQt6Qml", "libQt6WebEngine",
            "libQt6Multimedia", "libQt63D", "libQt6Pdf", "libQt6VirtualKeyboard")


class Smoke:
    def __init__(self, bundle: Path, work: Path):
        self.bundle = bundle
        self.exe = bundle / (NAME + (".exe" if os.name == "nt" else ""))
        self.internal = bundle / "_internal"
        self.work = work
        self.failures: list[str] = []
        self.passed = 0
        self.timings: dict[str, float] = {}
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                        XDG_RUNTIME_DIR=str(work / "runtime"), XDG_CONFIG_HOME=str(work / "config"),
                        TCP_TRAINER_DEBUG="")
        (work / "runtime").mkdir(mode=0o700, exist_ok=True)

    def fail(self, message: str) -> None:
        self.failures.append(message)
        print(f"FAIL {message}")

    def ok(self, message: str) -> None:
        self.passed += 1
        print(f"ok   {message}")

    def run(self, *args: str, expect: int = 0, timing: str | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess | None:
        start = time.perf_counter()
        try:
            done = subprocess.run([str(self.exe), *args], check=False, capture_output=True,
                                  text=True, encoding="utf-8", errors="replace", env=self.env,
                                  timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as error:
            self.fail(f"{NAME} {' '.join(args)}: {error}")
            return None
        if timing:
            self.timings[timing] = time.perf_counter() - start
        if done.returncode != expect or "Traceback" in done.stderr:
            self.fail(f"{NAME} {' '.join(args)}: exit {done.returncode} (expected {expect})\n"
                      + done.stderr.strip()[-2000:])
            return None
        self.ok(f"{NAME} {' '.join(args)}")
        return done

    # ---- the checks ----------------------------------------------------------------------

    def layout(self) -> None:
        if not self.exe.is_file():
            self.fail(f"{self.exe}: no executable")
            return
        failed_before = len(self.failures)
        resources = self.internal / "trainer_resources"
        if not (resources / "__init__.py").is_file():
            self.fail(f"{resources}: the resources package is missing")
        if (self.internal / "resources").exists():
            self.fail(f"{self.internal / 'resources'}: a source-tree fallback would hide a broken "
                      "importlib.resources lookup")
        qm = self.internal / "PySide6" / "Qt" / "translations"
        present = sorted(p.name for p in qm.glob("*.qm")) if qm.is_dir() else []
        if present != sorted(bundle_rules.QT_TRANSLATIONS_KEPT):
            self.fail(f"{qm}: Qt translations {present}, expected "
                      f"{list(bundle_rules.QT_TRANSLATIONS_KEPT)}")
        unwanted = sorted(str(p.relative_to(self.bundle)) for p in self.internal.rglob("*")
                          if any(p.name.startswith(u) for u in UNWANTED))
        if unwanted:
            self.fail(f"unused Qt parts in the bundle: {unwanted[:10]}")
        if len(self.failures) == failed_before:
            self.ok("bundle layout: resources package, only qtbase_zh_CN.qm, no unused Qt parts")

    def version(self) -> None:
        done = self.run("--version", timing="--version")
        expected = f"{NAME} {bundle_rules.version(REPO)}"
        if done and done.stdout.strip() != expected:
            self.fail(f"--version printed {done.stdout.strip()!r}, expected {expected!r}")

    def scenarios(self) -> Path | None:
        shipped = sorted(p.stem for p in (self.internal / "trainer_resources" / "scenarios")
                         .glob("*.tcpt"))
        if not shipped:
            self.fail("the bundle has no built-in scenarios")
            return None
        done = self.run("scenarios", "--lang", "en")
        if done:
            listed = {line.split()[0] for line in done.stdout.splitlines()[2:] if line.strip()}
            missing = sorted(set(shipped) - listed)
            if missing:
                self.fail(f"scenarios does not list {missing}: importlib.resources lookup broken?")
        name = "four-way-close-client-first" if "four-way-close-client-first" in shipped \
            else shipped[0]
        done = self.run("show", name, "--lang", "en")
        if not done:
            return None
        trace = self.work / f"{name}.tcpt"
        trace.write_text(done.stdout, encoding="utf-8")
        self.run("check", str(trace), "--lang", "en")
        return trace

    def render(self, trace: Path) -> None:
        width, height = RENDER_SIZE
        for lang in ("en", "zh_CN"):
            out = self.work / f"render-{lang}.png"
            done = self.run("render", str(trace), "-o", str(out), "--size", f"{width}x{height}",
                            "--lang", lang, timing=f"render ({lang})")
            if not done:
                continue
            size = png_size(out)
            if size != (width, height):
                self.fail(f"{out}: size {size}, expected {(width, height)}")
            elif out.stat().st_size < 20_000:
                self.fail(f"{out}: only {out.stat().st_size} bytes: an empty window?")
            else:
                self.ok(f"{out.name}: {width}x{height}, {out.stat().st_size} bytes")

    def captures(self, captures: list[Path]) -> None:
        for capture in captures:
            if not capture.is_file():
                self.fail(f"{capture}: no such capture")
                continue
            self.run("check", str(capture), "--lang", "en")

    def exercises(self) -> None:
        files = sorted((self.internal / "trainer_resources" / "exercises").glob("*.toml"))
        if files:
            self.run("exercise", "validate", *map(str, files), "--lang", "en")

    def gui(self, trace: Path | None) -> None:
        args = [str(self.exe), "gui", "--lang", "zh_CN", *([str(trace)] if trace else [])]
        log = self.work / "gui.log"
        with open(log, "w+", encoding="utf-8", errors="replace") as handle:
            process = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, env=self.env)
            try:
                code = process.wait(timeout=GUI_SECONDS)
            except subprocess.TimeoutExpired:
                code = None
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            handle.seek(0)
            output = handle.read()
        if code is not None:
            self.fail(f"{NAME} gui exited with {code} within {GUI_SECONDS:.0f} s:\n"
                      + output[-2000:])
        elif "Traceback" in output:
            self.fail(f"{NAME} gui printed a traceback:\n{output[-2000:]}")
        else:
            self.ok(f"{NAME} gui (offscreen, still running after {GUI_SECONDS:.0f} s)")


def png_size(path: Path) -> tuple[int, int] | None:
    data = path.read_bytes()[:24]
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the one-folder app, e.g. dist/tcp-trainer")
    parser.add_argument("--capture", type=Path, action="append",
                        help="a capture to check (default: two from tests/capture/data)")
    args = parser.parse_args(argv)
    captures = args.capture or [REPO / c for c in DEFAULT_CAPTURES]
    with tempfile.TemporaryDirectory(prefix="tcp-trainer-smoke-") as work:
        smoke = Smoke(args.bundle.resolve(), Path(work))
        smoke.layout()
        if smoke.exe.is_file():
            smoke.version()
            trace = smoke.scenarios()
            if trace:
                smoke.render(trace)
            smoke.captures(captures)
            smoke.exercises()
            smoke.gui(trace)
    for label, seconds in smoke.timings.items():
        print(f"time {label}: {seconds:.2f} s")
    # The plain closing line CI reads ("N passed, N failed").
    print(f"smoke: {smoke.passed} passed, {len(smoke.failures)} failed")
    return 1 if smoke.failures else 0


if __name__ == "__main__":
    sys.exit(main())
