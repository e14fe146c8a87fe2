"""Drawing views into files and onto paper: PNG, SVG and PDF export, and printing.

A view that can be exported has ``export_rect() -> QRectF`` (its content in its own units) and
``paint_export(painter, target)`` (draws that content into ``target``). Both the sequence
diagram and the state graph follow that contract, so one set of functions serves both.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter

#: Bitmap exports are drawn at this multiple of the view's own size, so they stay sharp.
PNG_SCALE = 2.0
EXPORT_FORMATS = ("png", "svg", "pdf")


def export_format(path: str | Path) -> str | None:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in EXPORT_FORMATS else None


def _content_size(view) -> QSizeF:
    rect = view.export_rect()
    return QSizeF(max(1.0, rect.width()), max(1.0, rect.height()))


def export_view(view, path: str | Path, title: str = "") -> None:
    """Write the view's content to ``path``; the format comes from the suffix (png/svg/pdf).
    Raises ``OSError`` when the file cannot be written, ``ValueError`` for another suffix."""
    path = Path(path)
    fmt = export_format(path)
    size = _content_size(view)
    if fmt == "png":
        image = QImage(QSize(round(size.width() * PNG_SCALE), round(size.height() * PNG_SCALE)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(Qt.GlobalColor.white))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        view.paint_export(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
    elif fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator

        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size.toSize())
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(title)
        generator.setDescription("TCP Trainer")
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"cannot write {path}")
        view.paint_export(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
    elif fmt == "pdf":
        from PySide6.QtGui import QPdfWriter

        writer = QPdfWriter(str(path))
        writer.setTitle(title)
        writer.setCreator("TCP Trainer")
        writer.setResolution(72)  # one PDF point per view unit
        writer.setPageLayout(QPageLayout(QPageSize(size, QPageSize.Unit.Point),
                                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write {path}")
        view.paint_export(painter, QRectF(0, 0, writer.width(), writer.height()))
        painter.end()
    else:
        raise ValueError(f"unknown export format: {path.suffix!r}")
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"cannot write {path}")


def fit_rect(content: QSizeF, page: QRectF) -> QRectF:
    """The largest rectangle of ``content``'s aspect ratio centred in ``page``."""
    scale = min(page.width() / content.width(), page.height() / content.height())
    w, h = content.width() * scale, content.height() * scale
    return QRectF(page.left() + (page.width() - w) / 2, page.top() + (page.height() - h) / 2, w, h)


def print_views(printer, views: list, title: str = "") -> None:
    """Print each view on a page of its own, as large as the page allows, title on top."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("cannot start printing")
    try:
        first = True
        for view in views:
            if view is None:
                continue
            if not first:
                printer.newPage()
            first = False
            page = QRectF(painter.viewport())
            top = 0.0
            if title:
                font = painter.font()
                font.setPointSizeF(12)
                font.setBold(True)
                painter.setFont(font)
                bounds = painter.boundingRect(page, Qt.AlignmentFlag.AlignLeft
                                              | Qt.AlignmentFlag.AlignTop, title)
                painter.drawText(bounds, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                                 title)
                top = bounds.height() * 1.5
            area = QRectF(page.left(), page.top() + top, page.width(), page.height() - top)
            view.paint_export(painter, fit_rect(_content_size(view), area))
    finally:
        painter.end()
