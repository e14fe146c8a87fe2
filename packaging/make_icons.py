"""Render the application icon for the installers, all from one SVG source.

    python packaging/make_icons.py OUTDIR [--source resources/icons/tcp-trainer.svg]

writes into OUTDIR:
  hicolor/scalable/apps/tcp-trainer.svg and hicolor/NxN/apps/tcp-trainer.png (N = 16 ... 512),
  laid out as /usr/share/icons/hicolor, for the .deb;
  tcp-trainer.ico (16 ... 256, PNG-compressed entries) for Windows;
  tcp-trainer.icns (16 ... 1024, PNG entries) for macOS.

The source is the icon the app shows in its window (resources/icons/tcp-trainer.svg). Qt renders
the SVG; the .ico and .icns containers are written here with struct (Pillow is not needed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "resources" / "icons" / "tcp-trainer.svg"
NAME = "tcp-trainer"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns entry types with PNG payloads: (type, pixel size).
ICNS_ENTRIES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)


class IconError(Exception):
    pass


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent ``size`` x ``size`` PNG."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication(sys.argv[:1])  # kept alive on the function
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise IconError(f"{svg}: not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise IconError(f"cannot encode a {size}px PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG-compressed image per size (Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_ENTRIES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_icons(out: Path, source: Path = SOURCE) -> list[Path]:
    """Write every icon file into ``out``; returns the paths written."""
    if not source.is_file():
        raise IconError(f"{source}: no such file")
    sizes = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | {s for _, s in ICNS_ENTRIES})
    pngs = {size: render_png(source, size) for size in sizes}
    written = []
    scalable = out / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    write_atomic(scalable, source.read_bytes())
    written.append(scalable)
    for size in HICOLOR_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        write_atomic(path, pngs[size])
        written.append(path)
    write_atomic(out / f"{NAME}.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    write_atomic(out / f"{NAME}.icns", icns_bytes(pngs))
    written += [out / f"{NAME}.ico", out / f"{NAME}.icns"]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder (e.g. build/icons)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG to render")
    parser.add_argument("--clean", action="store_true", help="empty OUTDIR/hicolor first")
    args = parser.parse_args(argv)
    try:
        if args.clean:
            shutil.rmtree(args.out / "hicolor", ignore_errors=True)
        written = make_icons(args.out, args.source)
    except (IconError, OSError) as error:
        print(f"make_icons: {error}", file=sys.stderr)
        return 2
    print(f"make_icons: {len(written)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
