"""The .desktop file, the MIME types and the AppStream metainfo agree, validate, and make a
file manager recognise traces and captures."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import check_desktop_files as cdf
import pytest

from tests.packaging.conftest import REPO

LINUX = REPO / "packaging" / "linux"


def test_the_files_agree():
    assert cdf.problems() == []


def test_a_type_missing_from_the_desktop_file_is_reported(tmp_path):
    broken = tmp_path / "tcp-trainer.desktop"
    text = cdf.DESKTOP.read_text(encoding="utf-8").replace("application/x-pcapng;", "")
    broken.write_text(text, encoding="utf-8")
    found = cdf.problems(desktop=broken)
    assert any("application/x-pcapng is declared but the app does not open it" in p for p in found)
    assert any("provides/mediatype differs" in p for p in found)


def test_a_glob_the_loader_cannot_read_is_reported(tmp_path):
    broken = tmp_path / "mime.xml"
    broken.write_text(cdf.MIME_XML.read_text(encoding="utf-8").replace(
        '<glob pattern="*.tcpt"/>', '<glob pattern="*.tcpx"/>'), encoding="utf-8")
    assert any("glob *.tcpx is not a suffix" in p for p in cdf.problems(mime_xml=broken))


def test_a_stale_release_is_reported(tmp_path):
    stale = tmp_path / "meta.xml"
    stale.write_text(cdf.METAINFO.read_text(encoding="utf-8").replace(
        "<release version=", '<release version="0.0.1" date="2020-01-01"/>\n    <release version=',
        1), encoding="utf-8")
    assert any("newest <release> is 0.0.1" in p for p in cdf.problems(meta=stale))


def test_desktop_entry_has_both_languages():
    entry = cdf.read_desktop()
    for key in ("Name", "Comment", "GenericName", "Keywords"):
        assert entry.get(key) and entry.get(f"{key}[zh_CN]"), key
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["Comment[zh_CN]"])
    assert entry["Exec"] == "tcp-trainer gui %F"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils missing")
def test_desktop_file_validates():
    done = subprocess.run(["desktop-file-validate", str(LINUX / "tcp-trainer.desktop")],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream missing")
def test_metainfo_validates():
    done = subprocess.run(["appstreamcli", "validate", "--no-net",
                           str(LINUX / "io.github.tcptrainer.TcpTrainer.metainfo.xml")],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


MIME_PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QCoreApplication, QMimeDatabase
    app = QCoreApplication([])
    db = QMimeDatabase()
    print(json.dumps({p: [db.mimeTypeForFile(p).name(),
                          db.mimeTypeForFile(p, QMimeDatabase.MatchMode.MatchContent).name()]
                      for p in sys.argv[1:]}))
""")


@pytest.mark.skipif(not shutil.which("update-mime-database"), reason="shared-mime-info missing")
def test_file_manager_recognises_the_files(tmp_path):
    """The MIME XML compiled with update-mime-database next to the system's database, as the
    .deb's postinst does, then asked through Qt's QMimeDatabase (what KDE's file manager uses)."""
    import json
    import os

    system = next((p for p in ("/usr/share/mime/packages/freedesktop.org.xml",)
                   if os.path.exists(p)), None)
    if system is None:
        pytest.skip("no system shared-mime-info database")
    packages = tmp_path / "share" / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(system, packages)
    shutil.copy(LINUX / "tcp-trainer-mime.xml", packages / "tcp-trainer.xml")
    subprocess.run(["update-mime-database", str(tmp_path / "share" / "mime")], check=True,
                   capture_output=True)

    from trainer.formats import load_trace
    from trainer.formats.json_trace import dumps_json

    files = tmp_path / "files"
    files.mkdir()
    trace_text = (REPO / "resources" / "scenarios" / "abort.tcpt").read_text(encoding="utf-8")
    trace_json = dumps_json(load_trace(REPO / "resources" / "scenarios" / "abort.tcpt"))
    (files / "a.tcpt").write_text(trace_text, encoding="utf-8")
    (files / "a.tcptrace").write_text(trace_json, encoding="utf-8")
    (files / "json-trace-without-suffix").write_text(trace_json, encoding="utf-8")
    exercises = sorted((REPO / "resources" / "exercises").glob("*.toml"))
    if exercises:
        shutil.copy(exercises[0], files / "exercises-without-suffix")
    captures = REPO / "tests" / "capture" / "data"
    shutil.copy(captures / "lo_handshake_close.pcap", files / "a.pcap")
    shutil.copy(captures / "lo_half_close.pcapng", files / "a.pcapng")
    shutil.copy(captures / "lo_half_close.pcapng", files / "pcapng-without-suffix")

    env = dict(os.environ, XDG_DATA_DIRS=str(tmp_path / "share"),
               XDG_DATA_HOME=str(tmp_path / "nothing"), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", MIME_PROBE, *sorted(map(str, files.iterdir()))],
                          check=False, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    found = {os.path.basename(k): v for k, v in json.loads(done.stdout).items()}
    assert found["a.tcpt"][0] == "text/x-tcp-trainer-trace"
    assert found["a.tcptrace"] == ["application/x-tcp-trainer-trace+json"] * 2
    assert found["json-trace-without-suffix"][0] == "application/x-tcp-trainer-trace+json"
    assert found["a.pcap"][0] == "application/vnd.tcpdump.pcap"
    assert found["a.pcapng"][0] == "application/x-pcapng"
    assert found["pcapng-without-suffix"][0] == "application/x-pcapng"
    if exercises:
        assert found["exercises-without-suffix"][0] == "application/x-tcp-trainer-exercises+toml"
