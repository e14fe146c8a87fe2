"""The state graph's first view: Qt's own ``QGraphicsView`` showing the whole figure, fitted.

The figure's items are plain ``QGraphicsItem``s, so they need no pyqtgraph to be drawn; only
zooming and panning do (pyqtgraph's ``ViewBox``), and importing pyqtgraph costs ~0.4 s. At start
the main window shows the graph in this view, then has the widget attach pyqtgraph's view
(``StateGraphWidget.attach_interactive_view``): the figure moves over, at the same scale and
place. Until then a click on a state or an edge explains it as usual; wheel and drag do nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget


class FirstView(QGraphicsView):
    """Shows ``figure`` scaled to fit the view, centred (as pyqtgraph's view box with a locked
    aspect ratio and no padding does). ``on_item_click(item)`` gets left clicks on items that
    have an ``on_click``; ``on_background_click()`` the others."""

    def __init__(self, figure: QGraphicsItem, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.scene().addItem(figure)
        self._figure = figure
        self._rect = QRectF()
        self.on_item_click: Callable[[QGraphicsItem], None] | None = None
        self.on_background_click: Callable[[], None] | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)

    def set_background(self, color: QColor) -> None:
        self.setBackgroundBrush(color)

    def fit(self, rect: QRectF) -> None:
        """Show ``rect`` (figure units) as large as fits, centred; again after every resize."""
        self._rect = QRectF(rect)
        self._apply_fit()

    def take_figure(self) -> QGraphicsItem:
        """Hand the figure over to another view (it leaves this view's scene)."""
        self.scene().removeItem(self._figure)
        return self._figure

    def _apply_fit(self) -> None:
        rect = self._rect
        w, h = self.viewport().width(), self.viewport().height()
        if rect.isEmpty() or w <= 0 or h <= 0:
            return
        scale = min(w / rect.width(), h / rect.height())
        self.scene().setSceneRect(rect)
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(rect.center())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._apply_fit()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            for item in self.items(event.position().toPoint()):
                if getattr(item, "on_click", None) is not None:
                    if self.on_item_click is not None:
                        self.on_item_click(item)
                    event.accept()
                    return
            if self.on_background_click is not None:
                self.on_background_click()
        super().mouseReleaseEvent(event)
