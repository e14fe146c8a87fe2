"""The graphics items: one per visible segment or marker, each a thin shell around its spec."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from trainer.gui.diagram import painting, style
from trainer.gui.diagram.geometry import MarkSpec, SegSpec

Z_MARKER = 3.0
Z_SEGMENT = 2.0
Z_SELECTED = 6.0


class _SpecItem(QGraphicsItem):
    kind = ""

    def __init__(self, spec, fonts: style.Fonts, theme: style.Theme):
        super().__init__()
        self.spec = spec
        self.fonts = fonts
        self.theme = theme
        self._bounds = QRectF(*spec.bounds())
        self._shape: QPainterPath | None = None
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # No item cache: measured, painting directly is as fast for small scroll steps and
        # faster when a jump brings in a screenful of new items (no pixmap to fill first).
        self.generation = -1  # the view's layout generation this spec was built for
        self._apply_z()

    @property
    def event_index(self) -> int:
        return self.spec.event

    def _apply_z(self) -> None:
        base = Z_MARKER if self.kind == "marker" else Z_SEGMENT
        self.setZValue(Z_SELECTED if self.spec.selected else base)

    def set_spec(self, spec, fonts: style.Fonts | None = None, theme: style.Theme | None = None) -> bool:
        """Take a new spec; repaint only if it differs. Returns whether anything changed."""
        restyled = (fonts is not None and fonts is not self.fonts) or \
            (theme is not None and theme is not self.theme)
        if spec == self.spec and not restyled:
            return False
        if fonts is not None:
            self.fonts = fonts
        if theme is not None:
            self.theme = theme
        bounds = QRectF(*spec.bounds())
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.spec = spec
        self._shape = None
        self._apply_z()
        self.update()
        return True

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._bounds


class SegmentItem(_SpecItem):
    kind = "segment"
    spec: SegSpec

    def line(self) -> tuple[QPointF, QPointF]:
        """The arrow's end points: sender side, then arrival (or where a lost one stops)."""
        return QPointF(*self.spec.p0), QPointF(*self.spec.p1)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = painting.segment_shape(self.spec)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painting.paint_segment(painter, self.spec, self.fonts, self.theme)


class MarkerItem(_SpecItem):
    kind = "marker"
    spec: MarkSpec

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = painting.marker_shape(self.spec)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painting.paint_marker(painter, self.spec, self.fonts, self.theme)
