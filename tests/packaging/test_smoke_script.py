"""packaging/smoke_test.py fails on a broken bundle (the real bundle is smoke-tested in CI)."""

from __future__ import annotations

import os
import struct
import zlib

import pytest
import smoke_test


@pytest.mark.skipif(os.name == "nt", reason="the fake bundle is a shell script")
def test_a_broken_bundle_fails(tmp_path, capsys):
    bundle = tmp_path / "tcp-trainer"
    (bundle / "_internal" / "resources").mkdir(parents=True)  # the fallback a bundle must not have
    exe = bundle / "tcp-trainer"
    exe.write_text("#!/bin/sh\necho 'tcp-trainer 0.0.0'\nexit 0\n", encoding="utf-8")
    exe.chmod(0o755)
    assert smoke_test.main([str(bundle), "--capture", str(tmp_path / "none.pcap")]) == 1
    out = capsys.readouterr().out
    assert "the resources package is missing" in out
    assert "source-tree fallback" in out
    assert "--version printed 'tcp-trainer 0.0.0'" in out
    assert "the bundle has no built-in scenarios" in out
    assert "none.pcap: no such capture" in out
    assert "gui exited with 0" in out
    assert out.rstrip().splitlines()[-1].endswith("failed") and " 0 failed" not in out


def test_png_size(tmp_path):
    ihdr = struct.pack(">IIBBBBB", 640, 480, 8, 2, 0, 0, 0)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + crc
    good = tmp_path / "good.png"
    good.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk)
    assert smoke_test.png_size(good) == (640, 480)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png at all, not at all")
    assert smoke_test.png_size(bad) is None
