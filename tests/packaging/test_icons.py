"""packaging/make_icons.py: hicolor PNGs, .ico and .icns, all from the one SVG."""

from __future__ import annotations

import struct

import make_icons
import pytest

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp):
    out = tmp_path_factory.mktemp("icons")
    assert make_icons.main([str(out)]) == 0
    return out


def test_hicolor_tree(icons):
    svg = icons / "hicolor" / "scalable" / "apps" / "tcp-trainer.svg"
    assert svg.read_bytes() == make_icons.SOURCE.read_bytes()
    for size in make_icons.HICOLOR_SIZES:
        data = (icons / "hicolor" / f"{size}x{size}" / "apps" / "tcp-trainer.png").read_bytes()
        assert png_size(data) == (size, size)
    big = (icons / "hicolor" / "256x256" / "apps" / "tcp-trainer.png").read_bytes()
    assert len(big) > 2000  # drawn, not an empty transparent square


def test_ico(icons):
    data = (icons / "tcp-trainer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        image = data[offset:offset + length]
        assert len(image) == length and (planes, bits) == (1, 32)
        side = w or 256
        assert png_size(image) == (side, side) and (h or 256) == side
        sizes.append(side)
    assert sizes == sorted(make_icons.ICO_SIZES)


def test_icns(icons):
    data = (icons / "tcp-trainer.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset, entries = 8, {}
    while offset < len(data):
        kind, length = data[offset:offset + 4], struct.unpack(">I", data[offset + 4:offset + 8])[0]
        entries[kind] = png_size(data[offset + 8:offset + length])
        offset += length
    assert offset == len(data)
    assert entries == {kind: (size, size) for kind, size in make_icons.ICNS_ENTRIES}


def test_a_bad_source_is_a_clear_error(tmp_path, capsys, qapp):
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg", encoding="utf-8")
    assert make_icons.main([str(tmp_path / "out"), "--source", str(bad)]) == 2
    assert "not a valid SVG" in capsys.readouterr().err
    assert make_icons.main([str(tmp_path / "out"), "--source", str(tmp_path / "none.svg")]) == 2
    assert "no such file" in capsys.readouterr().err
