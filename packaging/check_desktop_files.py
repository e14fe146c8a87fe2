"""Check that the desktop-integration files agree with each other and with the app.

    python packaging/check_desktop_files.py

The .desktop file, the shared-mime-info XML and the AppStream metainfo each name the MIME types
the app opens; a type missing from one of them silently breaks "open with" in a file manager, so
this compares them. Also: the metainfo's newest release is the app's version, the trace globs are
suffixes the trace loader reads, and the Exec/Icon names are the ones the .deb installs.
Exit code 0 when all agree, 1 with one line per problem otherwise. tests/packaging runs it too.
"""

from __future__ import annotations

import configparser
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
LINUX = PACKAGING / "linux"
DESKTOP = LINUX / "tcp-trainer.desktop"
MIME_XML = LINUX / "tcp-trainer-mime.xml"
METAINFO = LINUX / "io.github.tcptrainer.TcpTrainer.metainfo.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
# Declared by shared-mime-info itself, associated with the app only.
SYSTEM_TYPES = {"application/vnd.tcpdump.pcap"}
TRACE_TYPES = {"text/x-tcp-trainer-trace", "application/x-tcp-trainer-trace+json"}
REQUIRED_KEYS = ("Type", "Name", "Name[zh_CN]", "Comment", "Comment[zh_CN]", "Exec", "Icon",
                 "Categories", "MimeType")


def read_desktop(path: Path = DESKTOP) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def split_list(value: str) -> list[str]:
    return [item for item in value.split(";") if item]


def declared_mime_types(path: Path = MIME_XML) -> dict[str, list[str]]:
    """Each declared type with its glob patterns."""
    root = ET.parse(path).getroot()
    return {node.get("type"): [glob.get("pattern") for glob in node.iter(f"{MIME_NS}glob")]
            for node in root.iter(f"{MIME_NS}mime-type")}


def metainfo(path: Path = METAINFO) -> dict:
    root = ET.parse(path).getroot()
    releases = [node.get("version") for node in root.iter("release")]
    return {
        "id": root.findtext("id"),
        "launchable": root.findtext("launchable"),
        "icon": root.findtext("icon"),
        "binaries": [node.text for node in root.iter("binary")],
        "mediatypes": [node.text for node in root.iter("mediatype")],
        "newest_release": releases[0] if releases else None,
    }


def app_version() -> str:
    sys.path.insert(0, str(PACKAGING))
    import bundle_rules

    return bundle_rules.version(REPO)


def trace_suffixes() -> set[str]:
    sys.path.insert(0, str(REPO))
    from trainer.formats.loader import SUFFIX_FORMATS

    return set(SUFFIX_FORMATS)


def problems(desktop: Path = DESKTOP, mime_xml: Path = MIME_XML,
             meta: Path = METAINFO) -> list[str]:
    found = []
    entry = read_desktop(desktop)
    for key in REQUIRED_KEYS:
        if not entry.get(key):
            found.append(f"{DESKTOP.name}: no {key}=")
    exec_words = entry.get("Exec", "").split()
    if exec_words[:1] != ["tcp-trainer"] or not {"%F", "%f", "%U", "%u"} & set(exec_words):
        found.append(f"{DESKTOP.name}: Exec= must run tcp-trainer with the files (%F)")
    if entry.get("Icon") != "tcp-trainer":
        found.append(f"{DESKTOP.name}: Icon= must be tcp-trainer (the icon the .deb installs)")

    listed = set(split_list(entry.get("MimeType", "")))
    declared = declared_mime_types(mime_xml)
    for missing in sorted(listed - set(declared) - SYSTEM_TYPES):
        found.append(f"{DESKTOP.name}: MimeType {missing} is declared nowhere")
    for missing in sorted(set(declared) - listed):
        found.append(f"{MIME_XML.name}: {missing} is declared but the app does not open it")
    suffixes = trace_suffixes()
    for kind in sorted(TRACE_TYPES):
        for pattern in declared.get(kind, []):
            if pattern.removeprefix("*") not in suffixes:
                found.append(f"{MIME_XML.name}: {kind} glob {pattern} is not a suffix the "
                             "trace loader reads (trainer/formats/loader.py)")
        if kind not in declared:
            found.append(f"{MIME_XML.name}: {kind} is not declared")

    info = metainfo(meta)
    if info["launchable"] != DESKTOP.name:
        found.append(f"{METAINFO.name}: launchable is {info['launchable']}, not {DESKTOP.name}")
    if set(info["mediatypes"]) != listed:
        found.append(f"{METAINFO.name}: provides/mediatype differs from the .desktop MimeType "
                     f"({sorted(set(info['mediatypes']) ^ listed)})")
    if info["binaries"] != ["tcp-trainer"]:
        found.append(f"{METAINFO.name}: provides/binary must be tcp-trainer")
    version = app_version()
    if info["newest_release"] != version:
        found.append(f"{METAINFO.name}: newest <release> is {info['newest_release']}, but the app "
                     f"is {version}: add a <release version=\"{version}\" date=...> first")
    return found


def main() -> int:
    try:
        found = problems()
    except (OSError, ET.ParseError, configparser.Error, KeyError) as error:
        print(f"check_desktop_files: {error}", file=sys.stderr)
        return 1
    for line in found:
        print(f"check_desktop_files: {line}", file=sys.stderr)
    if not found:
        print("check_desktop_files: .desktop, MIME types and metainfo agree")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
