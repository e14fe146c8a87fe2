"""Unreadable files raise CaptureFormatError with the exact offset and code; bad packets in a
good file are warnings; every code has an English and a Chinese message."""

from __future__ import annotations

import pickle
import re
import string
import struct
from pathlib import Path

import pytest

import trainer.capture
from tests.capture import pcapwriter as w
from trainer.capture import MAX_RECORD, CaptureFormatError, open_capture
from trainer.capture.errors import ERROR_PARAMS, WARNING_CODES
from trainer.i18n.capture_errors import CAPTURE_ERRORS, LANGUAGES

SYN = w.ipv4("10.0.0.1", "10.0.0.2", w.tcp(1, 2, 3))
GOOD_PCAP = w.pcap([(1.0, SYN), (2.0, SYN)], link_type=228)
GOOD_NG = w.shb() + w.idb(228) + w.epb(0, 1, SYN)


def fail(tmp_path, data: bytes, name="bad.cap") -> CaptureFormatError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CaptureFormatError) as info, open_capture(path) as capture:
        list(capture.tcp_packets())
    assert info.value.path == str(path)
    return info.value


def where(err):
    return err.offset, err.code, err.params


def test_missing_and_unreadable(tmp_path):
    assert where(fail_open(tmp_path / "nope.pcap")) == (0, "file-not-found", {})
    assert fail_open(tmp_path).code == "file-unreadable"


def fail_open(path):
    with pytest.raises(CaptureFormatError) as info, open_capture(path) as capture:
        list(capture)
    return info.value


def test_empty_and_wrong_magic(tmp_path):
    assert where(fail(tmp_path, b"")) == (0, "empty-file", {})
    assert where(fail(tmp_path, b'{"version": 1}')) == (0, "bad-magic", {"found": "7b227665"})
    assert where(fail(tmp_path, b"PK")) == (0, "bad-magic", {"found": "504b"})


def test_truncated_file_headers(tmp_path):
    assert where(fail(tmp_path, GOOD_PCAP[:20])) == (0, "truncated-file-header",
                                                      {"size": 20, "needed": 24})
    assert where(fail(tmp_path, GOOD_NG[:27])) == (0, "truncated-file-header",
                                                    {"size": 27, "needed": 28})


def test_unsupported_versions(tmp_path):
    assert where(fail(tmp_path, w.pcap([], version=(3, 0)))) == (
        4, "unsupported-version", {"format": "pcap", "version": "3.0"})
    assert where(fail(tmp_path, w.shb(version=(2, 0)))) == (
        12, "unsupported-version", {"format": "pcapng", "version": "2.0"})


def test_pcap_record_errors(tmp_path):
    second = 24 + 16 + len(SYN)
    assert where(fail(tmp_path, GOOD_PCAP[:second + 10])) == (
        second, "truncated-record-header", {"size": 10, "needed": 16})
    assert where(fail(tmp_path, GOOD_PCAP[:-1])) == (
        second, "record-beyond-end", {"length": len(SYN), "available": len(SYN) - 1})
    huge = GOOD_PCAP[:second] + struct.pack("<IIII", 0, 0, MAX_RECORD + 1, 60) + b"x" * 100
    assert where(fail(tmp_path, huge)) == (
        second, "record-too-large", {"length": MAX_RECORD + 1, "limit": MAX_RECORD})


def test_packets_before_a_bad_record_are_yielded(tmp_path):
    path = tmp_path / "cut.pcap"
    path.write_bytes(GOOD_PCAP[:-5])
    got = []
    with pytest.raises(CaptureFormatError) as info, open_capture(path) as capture:
        for packet in capture.tcp_packets():
            got.append(packet.frame)
    assert got == [1] and info.value.code == "record-beyond-end"
    assert capture.counts == {"tcp": 1}


def test_pcapng_block_errors(tmp_path):
    start = len(w.shb() + w.idb(228))  # the EPB
    assert where(fail(tmp_path, GOOD_NG[:start + 5])) == (
        start, "truncated-block-header", {"size": 5, "needed": 12})
    blen = len(w.epb(0, 1, SYN))
    assert where(fail(tmp_path, GOOD_NG[:-1])) == (
        start, "block-beyond-end", {"length": blen, "available": blen - 1})
    odd = bytearray(GOOD_NG)
    odd[start + 4:start + 8] = struct.pack("<I", blen - 2)
    assert where(fail(tmp_path, bytes(odd))) == (
        start, "bad-block-length", {"block": 6, "length": blen - 2})
    short = bytearray(GOOD_NG)
    short[start + 4:start + 8] = struct.pack("<I", 28)  # an EPB needs at least 32
    assert where(fail(tmp_path, bytes(short))) == (start, "bad-block-length", {"block": 6, "length": 28})
    mismatch = bytearray(GOOD_NG)
    mismatch[-4:] = struct.pack("<I", blen + 4)
    assert where(fail(tmp_path, bytes(mismatch))) == (
        start, "block-length-mismatch", {"length": blen, "trailer": blen + 4})
    huge = bytearray(GOOD_NG)
    huge[start + 4:start + 8] = struct.pack("<I", MAX_RECORD + 4)
    assert where(fail(tmp_path, bytes(huge))) == (
        start, "block-too-large", {"length": MAX_RECORD + 4, "limit": MAX_RECORD})
    bom = bytearray(GOOD_NG)
    bom[8:12] = b"\x00\x00\x00\x00"
    assert where(fail(tmp_path, bytes(bom))) == (8, "bad-byte-order-magic", {"found": "00000000"})


def test_bad_packets_are_warnings(tmp_path):
    ok = w.epb(0, 1, SYN)
    # an EPB whose captured length exceeds its block; one for interface 3 (of 1)
    bad_len = bytearray(w.epb(0, 1, SYN))
    bad_len[20:24] = struct.pack("<I", len(SYN) + 8)
    data = (w.shb() + w.idb(228) + bytes(bad_len) + w.epb(3, 1, SYN) + ok)
    path = tmp_path / "warn.pcapng"
    path.write_bytes(data)
    with open_capture(path) as capture:
        packets = list(capture.tcp_packets())
    first = len(w.shb() + w.idb(228))
    assert [p.offset for p in packets] == [first + 2 * len(ok)]
    assert [(x.offset, x.code, x.params) for x in capture.warnings] == [
        (first, "packet-exceeds-block", {"length": len(SYN) + 8, "available": len(SYN)}),
        (first + len(ok), "unknown-interface", {"interface": 3, "count": 1}),
    ]


@pytest.mark.parametrize("frame, code, params", [
    (b"\x45" + b"\x00" * 10, "truncated-ip-header", {"size": 11, "needed": 20}),
    (w.ipv4("1.1.1.1", "2.2.2.2", b"\x00" * 12), "truncated-tcp-header", {"size": 12, "needed": 20}),
    (b"\x44" + SYN[1:], "bad-ip-header-length", {"found": 16}),
    (w.ipv4("1.1.1.1", "2.2.2.2", w.tcp(1, 2, 3), total_length=10), "bad-ip-total-length",
     {"found": 10, "header": 20, "packet": 40}),
    (w.ipv4("1.1.1.1", "2.2.2.2", w.tcp(1, 2, 3), total_length=400), "bad-ip-total-length",
     {"found": 400, "header": 20, "packet": 40}),
    (SYN[:32] + b"\x30" + SYN[33:], "bad-tcp-data-offset", {"found": 3}),
    (SYN[:32] + b"\xf0" + SYN[33:], "bad-tcp-data-offset", {"found": 15}),
    (b"\x75" + SYN[1:], "bad-ip-version", {"found": 7, "expected": "4 or 6"}),
    (b"", "truncated-ip-header", {"size": 0, "needed": 20}),
    (w.ipv6("::1", "::2", w.tcp(1, 2, 3), extensions=[(60, b"")])[:44], "bad-ipv6-extension",
     {"header": 60}),
])
def test_bad_ip_and_tcp_headers_are_warnings(tmp_path, frame, code, params):
    path = tmp_path / "w.pcap"
    path.write_bytes(w.pcap([(1.0, frame), (2.0, SYN)], link_type=101))
    with open_capture(path) as capture:
        packets = list(capture.tcp_packets())
    assert [p.frame for p in packets] == [2]
    assert [(x.offset, x.code, x.params, x.frame) for x in capture.warnings] == [(24, code, params, 1)]


@pytest.mark.parametrize("link_type, needed", [(1, 14), (113, 16), (276, 20), (0, 4), (108, 4)])
def test_truncated_link_headers(tmp_path, link_type, needed):
    path = tmp_path / "w.pcap"
    path.write_bytes(w.pcap([(1.0, b"\x00\x01\x02")], link_type=link_type))
    with open_capture(path) as capture:
        assert list(capture.tcp_packets()) == []
    assert [(x.code, x.params) for x in capture.warnings] == [
        ("truncated-link-header", {"link_type": link_type, "size": 3, "needed": needed})]


def test_message_and_pickle(tmp_path):
    err = fail(tmp_path, b"PK\x03\x04", "x.zip")
    assert str(err).startswith(f"{tmp_path / 'x.zip'}, offset 0: not a pcap or pcapng capture: "
                               "the file starts with 504b0304")
    assert "偏移 0：不是 pcap 或 pcapng 抓包文件" in err.message("zh-CN")
    again = pickle.loads(pickle.dumps(err))
    assert where(again) == where(err) and again.path == err.path


# ---- the catalog ----------------------------------------------------------------------------

CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")


def test_every_code_has_both_languages_with_its_parameters():
    assert set(CAPTURE_ERRORS) == set(ERROR_PARAMS)
    for code, templates in CAPTURE_ERRORS.items():
        assert set(templates) == set(LANGUAGES), code
        for lang, template in templates.items():
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            assert fields == set(ERROR_PARAMS[code]), (code, lang)


def test_every_code_raised_in_the_source_is_catalogued():
    used = set()
    for path in Path(trainer.capture.__file__).parent.glob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:_fail|warn)\([^"]*"([a-z0-9-]+)"', text))
    assert used and used <= set(ERROR_PARAMS), used - set(ERROR_PARAMS)
    assert WARNING_CODES <= set(ERROR_PARAMS) and "bad-magic" not in WARNING_CODES
    assert "unknown-interface" in WARNING_CODES


def test_wrong_parameters_are_a_programming_error():
    with pytest.raises(ValueError):
        CaptureFormatError("f", 0, "bad-magic", {})
    with pytest.raises(ValueError):
        CaptureFormatError("f", 0, "no-such-code", {})
