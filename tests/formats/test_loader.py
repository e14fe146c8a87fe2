"""Loading and saving files: detection, decoding, atomic writes, speed."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from trainer.engine.trace import CallKind, Trace
from trainer.formats import (
    TraceFormatError, dumps_json, format_for_path, format_notation, load_trace, parse_notation,
    save_trace,
)
from trainer.formats import loader

DATA = Path(__file__).parent / "data"


@pytest.fixture
def handshake() -> Trace:
    return load_trace(DATA / "handshake.trace")


def test_detects_json_and_text(tmp_path, handshake):
    json_file = tmp_path / "x.txt"  # the content decides, not the name
    json_file.write_text("\n  \t" + dumps_json(handshake), encoding="utf-8")
    text_file = tmp_path / "y.json"
    text_file.write_text(format_notation(handshake), encoding="utf-8")
    assert load_trace(json_file) == handshake
    assert load_trace(str(text_file)) == handshake


def test_bom_is_tolerated(tmp_path, handshake):
    for name, text in (("a.tcptrace", dumps_json(handshake)),
                       ("b.trace", format_notation(handshake))):
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        assert load_trace(path) == handshake


def test_undecodable_bytes_are_located(tmp_path):
    path = tmp_path / "bad.trace"
    path.write_bytes("# é\n0 A listen\n0 A>B SYN seq=1 label=\"x".encode() + b"\xff\"\n")
    with pytest.raises(TraceFormatError) as info:
        load_trace(path)
    e = info.value
    assert (e.code, e.params, e.line, e.column, e.offset) == ("not-utf8", {"byte": "0xff"}, 3, 25,
                                                               40)
    assert e.source == str(path)
    assert str(e) == (f"{path}:3:25: the file is not UTF-8 text: byte 0xff cannot be decoded "
                      "(save the file with UTF-8 encoding)")


def test_utf16_file_is_reported_not_crashed(tmp_path):
    path = tmp_path / "u16.trace"
    path.write_bytes("0 A listen\n".encode("utf-16"))
    with pytest.raises(TraceFormatError) as info:
        load_trace(path)
    assert (info.value.code, info.value.line, info.value.column) == ("not-utf8", 1, 1)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(TraceFormatError) as info:
        load_trace(tmp_path / "nope.trace")
    assert (info.value.code, info.value.line) == ("file-not-found", None)
    assert str(info.value) == f"{tmp_path / 'nope.trace'}: file not found"
    with pytest.raises(TraceFormatError) as info:
        load_trace(tmp_path)
    assert info.value.code == "file-unreadable"


def test_too_large_file(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_FILE_SIZE", 10)
    path = tmp_path / "big.trace"
    path.write_text("0 A listen\n0 A close\n", encoding="utf-8")
    with pytest.raises(TraceFormatError) as info:
        load_trace(path)
    assert (info.value.code, info.value.params) == ("file-too-large", {"size": 21, "limit": 10})


@pytest.mark.parametrize("name, fmt", [
    ("a.json", "json"), ("a.tcptrace", "json"), ("A.JSON", "json"), ("a.txt", "text"),
    ("a.trace", "text"), ("a.tcpt", "text"), ("dir.v2/a.Tcpt", "text"), ("a.pcap", None),
    ("noext", None),
])
def test_format_for_path(name, fmt):
    assert format_for_path(name) == fmt


@pytest.mark.parametrize("name, starts", [
    ("s.json", "{"), ("s.tcptrace", "{"), ("s.txt", "#"), ("s.trace", "#"), ("s.tcpt", "#"),
])
def test_save_format_by_suffix(tmp_path, handshake, name, starts):
    path = tmp_path / name
    save_trace(handshake, path)
    assert path.read_text(encoding="utf-8")[0] == starts
    assert load_trace(path) == handshake


def test_save_explicit_format_and_exact_bytes(tmp_path, handshake):
    path = tmp_path / "out.data"
    save_trace(handshake, path, fmt="text")
    assert path.read_bytes() == format_notation(handshake).encode("utf-8")
    save_trace(handshake, str(path), fmt="json")
    assert path.read_bytes() == dumps_json(handshake).encode("utf-8")


def test_save_unknown_format_raises_value_error(tmp_path, handshake):
    with pytest.raises(ValueError):
        save_trace(handshake, tmp_path / "x.pcap")
    with pytest.raises(ValueError):
        save_trace(handshake, tmp_path / "x.json", fmt="yaml")
    assert list(tmp_path.iterdir()) == []


def test_save_is_atomic_and_leaves_no_temp_file(tmp_path, handshake, monkeypatch):
    path = tmp_path / "t.trace"
    path.write_text("old content\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_trace(handshake, path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.trace"]


def test_save_interrupted_while_writing_keeps_old_file(tmp_path, handshake, monkeypatch):
    path = tmp_path / "t.tcptrace"
    path.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        save_trace(handshake, path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.tcptrace"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_save_keeps_permissions_of_an_existing_file(tmp_path, handshake):
    path = tmp_path / "t.trace"
    path.write_text("x", encoding="utf-8")
    os.chmod(path, 0o640)
    save_trace(handshake, path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    fresh = tmp_path / "new.trace"
    save_trace(handshake, fresh)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o666 & ~mask


def _big_text(lines: int) -> str:
    out = ["title: Many segments", "host A client 10.0.0.1:40000", "host B server 10.0.0.2:80"]
    seq = 1000
    for i in range(lines):
        t = i / 1000
        kind = i % 4
        if kind == 0:
            out.append(f"{t:.3f} A>B PSH,ACK seq={seq} ack=5000 win=65535 len=100 @+0.020 "
                       "[A:ESTABLISHED]")
        elif kind == 1:
            out.append(f"{t:.3f} B>A ACK seq=5000 ack={seq} win=65535 @{t + 0.02:.3f}  # ack")
        elif kind == 2:
            out.append(f"{t:.3f} A>B <SEQ={seq}><ACK=5000><CTL=ACK> data=\"hello world\" lost")
        else:
            out.append(f"{t:.3f} A send 100")
        seq += 100
    return "\n".join(out) + "\n"


def test_twenty_thousand_lines_parse_quickly(tmp_path):
    path = tmp_path / "big.trace"
    path.write_text(_big_text(20_000), encoding="utf-8")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        trace = load_trace(path)
        best = min(best, time.perf_counter() - start)
    assert len(trace.events) == 20_000
    assert trace.events[3].call is CallKind.SEND
    # The aim is well under 0.3 s on a developer machine; the bound leaves room for slow CI.
    assert best < 1.5, f"20,000 lines took {best:.3f} s"


def test_parser_is_linear():
    """Ten times the lines must not cost much more than ten times the time."""
    small, large = _big_text(2_000), _big_text(20_000)

    def best_of(text: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            parse_notation(text)
            times.append(time.perf_counter() - start)
        return min(times)

    assert best_of(large) < 20 * best_of(small)


@pytest.mark.parametrize("line", [
    "0 A>B SYN seq=1 label=\"" + "\\\\" * 20000 + "\"",
    "0 A>B SYN seq=1 label=\"" + "a" * 100000,
    "0 A>B SYN seq=1 [" + "A:LISTEN " * 20000,
    "0 " + "A>B" * 30000,
    "0 A>B " + "SYN," * 30000 + " seq=1",
    "0 A>B SYN seq=1 data=0x" + "ab" * 100000,
])
def test_pathological_lines_are_fast(line):
    start = time.perf_counter()
    try:
        parse_notation(line)
    except TraceFormatError:
        pass
    assert time.perf_counter() - start < 1.0
