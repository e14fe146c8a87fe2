"""The Windows and macOS recipes (not buildable here) agree with the Linux desktop files."""

from __future__ import annotations

import plistlib
import re

import check_desktop_files as cdf

from tests.packaging.conftest import PACKAGING

TRACE_SUFFIXES = {"tcpt", "tcptrace"}
CAPTURE_SUFFIXES = {"pcap", "pcapng"}


def _linux_globs() -> set[str]:
    return {pattern.removeprefix("*.") for patterns in cdf.declared_mime_types().values()
            for pattern in patterns}


def test_macos_document_types():
    info = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert info["CFBundleIdentifier"] == cdf.metainfo()["id"]

    def suffixes(key):
        return {ext for t in info[key]
                for ext in t["UTTypeTagSpecification"]["public.filename-extension"]}

    assert suffixes("UTExportedTypeDeclarations") == TRACE_SUFFIXES
    assert suffixes("UTImportedTypeDeclarations") == CAPTURE_SUFFIXES
    assert TRACE_SUFFIXES <= _linux_globs() and "pcapng" in _linux_globs()
    declared = {t["UTTypeIdentifier"] for key in ("UTExportedTypeDeclarations",
                                                  "UTImportedTypeDeclarations") for t in info[key]}
    handled = {uti for doc in info["CFBundleDocumentTypes"] for uti in doc["LSItemContentTypes"]}
    assert handled == declared
    mime = {m for key in ("UTExportedTypeDeclarations", "UTImportedTypeDeclarations")
            for t in info[key] for m in t["UTTypeTagSpecification"]["public.mime-type"]}
    assert mime <= set(cdf.split_list(cdf.read_desktop()["MimeType"]))


def test_windows_installer_script():
    iss = (PACKAGING / "windows" / "tcp-trainer.iss").read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.MULTILINE)
    assert '#define GuiExe "tcp-trainer-gui.exe"' in iss
    assert 'executable(f"{NAME}-gui", False' in (PACKAGING / "tcp-trainer.spec").read_text()
    assert r'Source: "{#Root}\dist\tcp-trainer\*"' in iss
    for suffix in TRACE_SUFFIXES:
        default = rf'Subkey: "Software\\Classes\\\.{suffix}"; .*ValueData: "TcpTrainer.Trace"'
        assert re.search(default, iss), suffix
    for suffix in CAPTURE_SUFFIXES:
        assert f'Software\\Classes\\.{suffix}\\OpenWithProgids' in iss, suffix
        assert not re.search(rf'Subkey: "Software\\Classes\\\.{suffix}"; ', iss), \
            f"{suffix}: only offered under Open with, never made the default"
    assert iss.count('gui ""%1""') == 2
